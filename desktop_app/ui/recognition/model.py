"""The list of recognition cases as a lazy Qt model: pages fetched on demand, off the GUI thread.

Only the rows scrolled to are held in memory (a page at a time, keyset-paged by the service), so a
database of a million cases opens as quickly as one of a hundred. Filtering, sorting and searching
are done by the database; every query runs on a worker thread and its answer is applied on the GUI
thread, stale answers (from a filter the user has since changed) are dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QBrush, QColor

from desktop_app.domain.preferences import Options
from desktop_app.domain.recognition import is_overdue, label
from desktop_app.i18n import _, formatting
from desktop_app.services import recognition_cases as cases
from desktop_app.services.recognition_queries import CaseFilter, PageKey, count_cases

PAGE_SIZE = 200


class _Answer(QObject):
    arrived = Signal(int, str, object, object)  # generation, kind, result, error


class _Query(QRunnable):
    def __init__(self, answer: _Answer, generation: int, kind: str, function: Callable[[], object],
                 current: Callable[[], int]):
        super().__init__()
        self.answer, self.generation, self.kind, self.function = answer, generation, kind, function
        self.current = current

    def run(self) -> None:
        if self.current() != self.generation:
            return  # queued before the user changed the filter: nobody wants the answer any more
        try:
            result = self.function()
        except Exception as error:  # noqa: BLE001 - delivered to the GUI thread and shown there
            self.answer.arrived.emit(self.generation, self.kind, None, error)
        else:
            self.answer.arrived.emit(self.generation, self.kind, result, None)


# What a coordinator works by comes first; the holder's columns, masked unless revealed, come last.
(COL_REFERENCE, COL_STATUS, COL_RECEIVED, COL_DECIDED, COL_OUTCOME, COL_FROM, COL_TO, COL_QUALIFICATION,
 COL_UNIVERSITY, COL_HOLDER, COL_BIRTH) = range(11)
COLUMN_COUNT = 11
#: Column -> sort key of the service (columns not listed cannot be sorted).
SORT_KEYS = {COL_REFERENCE: "reference", COL_STATUS: "status", COL_FROM: "issuing_country",
             COL_TO: "recognising_country", COL_QUALIFICATION: "qualification_title",
             COL_RECEIVED: "received_on", COL_OUTCOME: "outcome"}
#: Row key of each column's native value (what SORT_ROLE answers: dates as dates, codes as codes).
NATIVE_KEYS = {COL_REFERENCE: "reference", COL_STATUS: "status", COL_HOLDER: "holder_name",
               COL_BIRTH: "holder_birth_date", COL_FROM: "issuing_country", COL_TO: "recognising_country",
               COL_QUALIFICATION: "qualification_title", COL_UNIVERSITY: "issuing_university_name",
               COL_RECEIVED: "received_on", COL_DECIDED: "decided_on", COL_OUTCOME: "outcome"}
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_ROLE = Qt.ItemDataRole.UserRole + 3
#: Okabe-Ito orange, lightened: marks overdue rows without relying on red/green.
OVERDUE_BACKGROUND = QColor(255, 228, 196)


def headers() -> list[str]:
    return [_("Reference"), _("Status"), _("Received"), _("Decided"), _("Outcome"), _("Issued in"),
            _("Recognised in"), _("Qualification"), _("Issuing university"), _("Holder"), _("Date of birth")]


class CaseTableModel(QAbstractTableModel):
    """The cases of ``query`` (a ``CaseFilter`` with its order), a keyset page at a time from
    ``recognition_cases.page``. Usable without any view (tests drive it directly)."""

    loaded = Signal()  # the first page of a new filter has arrived
    counted = Signal()  # ... and then how many cases match it
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None, page_size: int = PAGE_SIZE, options: Options | None = None):
        super().__init__(parent)
        self.db = None
        self.page_size = page_size
        self.options = options or Options()
        self.query = CaseFilter(overdue_days=self.options.recognition_overdue_days)
        self.rows: list[dict] = []
        self.after: PageKey | None = None
        self.total = 0
        self.loading = False
        self.counting = False
        self.fetching = False
        self._generation = 0
        # The pool before the answer: children are destroyed in the order they were made, and the pool's
        # destruction waits for a running query, which may still emit its answer (closing the window while
        # a count runs).
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # queries in order; a newer one only waits for the one running
        self._answer = _Answer(self)
        self._answer.arrived.connect(self._arrived, Qt.ConnectionType.QueuedConnection)

    # configuration -------------------------------------------------------------------------------
    @property
    def exhausted(self) -> bool:
        return self.after is None

    def set_database(self, db) -> None:
        self.db = db
        self.reload()

    def set_options(self, options: Options) -> None:
        """The user's preferences changed: the overdue horizon is theirs."""
        if options != self.options:
            self.options = options
            self.query = replace(self.query, overdue_days=options.recognition_overdue_days)
            if self.rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, COLUMN_COUNT - 1))

    def set_filter(self, flt: CaseFilter) -> None:
        """A new question; the order and whether personal data is shown stay as they are."""
        self.query = replace(flt, sort=self.query.sort, descending=self.query.descending, reveal=self.query.reveal,
                             overdue_days=self.options.recognition_overdue_days)
        self.reload()

    @property
    def reveal(self) -> bool:
        return self.query.reveal

    def set_reveal(self, reveal: bool) -> None:
        if reveal != self.query.reveal:
            self.query = replace(self.query, reveal=reveal)
            self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is None:
            return
        self.query = replace(self.query, sort=key, descending=order == Qt.SortOrder.DescendingOrder)
        self.reload()

    def reload(self) -> None:
        """Ask for the first page, then the count, of the current query; the view keeps the old rows meanwhile.

        The page comes first so the list shows as soon as the database has found one screenful; counting
        every match of a common search term takes longer and only updates the summary line.
        """
        if self.db is None:
            return
        self._generation += 1
        self.loading, self.counting, self.fetching = True, True, False
        db, query, size = self.db, self.query, self.page_size
        self.pool.start(_Query(self._answer, self._generation, "first", lambda: cases.page(db, query, None, size),
                               self._current))
        self.pool.start(_Query(self._answer, self._generation, "count", lambda: count_cases(db, query),
                               self._current))

    def _current(self) -> int:
        return self._generation  # read from the worker thread; an int attribute read is atomic

    # lazy paging -------------------------------------------------------------------------------------
    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 - Qt naming
        return not parent.isValid() and not self.exhausted and not self.loading

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802
        if parent.isValid() or self.exhausted or self.fetching or self.loading or not self.rows:
            return
        self.fetching = True
        db, query, after, size = self.db, self.query, self.after, self.page_size
        self.pool.start(_Query(self._answer, self._generation, "more", lambda: cases.page(db, query, after, size),
                               self._current))

    def _arrived(self, generation: int, kind: str, result, error) -> None:
        if generation != self._generation:
            return  # the user has asked for something else since
        if error is not None:
            self.loading = self.fetching = self.counting = False
            self.failed.emit(error)
            return
        if kind == "count":
            self.total, self.counting = result, False
            self.counted.emit()
        elif kind == "first":
            self.beginResetModel()
            self.rows, self.after = list(result.rows), result.after
            self.loading = False
            self.endResetModel()
            self.loaded.emit()
        else:
            self.fetching = False
            self.after = result.after
            if not result.rows:
                return
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(result.rows) - 1)
            self.rows.extend(result.rows)
            self.endInsertRows()

    def wait(self, msecs: int = 10000) -> bool:
        return self.pool.waitForDone(msecs)

    # Qt model --------------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return headers()[section]

    def retranslate(self) -> None:
        """Headers, statuses, outcomes, country names and dates in the new language."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, COLUMN_COUNT - 1))

    def row_overdue(self, row: dict) -> bool:
        return is_overdue(row["status"], row["received_on"], self.options.recognition_overdue_days)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return row[NATIVE_KEYS[column]]
        if role == CASE_ID_ROLE:
            return row["id"]
        if role == OVERDUE_ROLE:
            return self.row_overdue(row)
        if role == Qt.ItemDataRole.BackgroundRole and self.row_overdue(row):
            return QBrush(OVERDUE_BACKGROUND)
        if role == Qt.ItemDataRole.ForegroundRole and self.row_overdue(row):
            return QBrush(QColor(0, 0, 0))  # dark text on the light mark whatever the theme
        if role == Qt.ItemDataRole.ToolTipRole and self.row_overdue(row):
            days = (dt.date.today() - row["received_on"]).days
            return _("Overdue: awaiting a decision for {days} days").format(days=formatting.format_number(days))
        return None

    def _display(self, row: dict, column: int) -> str:
        value = row[NATIVE_KEYS[column]]
        if column in (COL_STATUS, COL_OUTCOME):
            return label(value)
        if column in (COL_FROM, COL_TO):
            return formatting.country_name(value)
        if column in (COL_BIRTH, COL_RECEIVED, COL_DECIDED):
            return formatting.format_date(value) if isinstance(value, dt.date) else (value or "")
        return value or ""

    def case_id(self, row: int) -> int | None:
        return self.rows[row]["id"] if 0 <= row < len(self.rows) else None

    def row_of_id(self, case_id: int) -> int:
        return next((number for number, row in enumerate(self.rows) if row["id"] == case_id), -1)
