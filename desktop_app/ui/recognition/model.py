"""The list of recognition cases as a lazy Qt model: pages fetched on demand, off the GUI thread.

Only the rows scrolled to are held in memory (a page at a time, keyset-paged by the service), so a
database of a million cases opens as quickly as one of a hundred. Filtering, sorting and searching
are done by the database; every query runs on a worker thread and its answer is applied on the GUI
thread, stale answers (from a filter the user has since changed) are dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtGui import QBrush, QColor

from desktop_app.domain.recognition import label
from desktop_app.i18n import _, formatting
from desktop_app.services.recognition_queries import CaseFilter, PageKey, count_cases, fetch_page, is_overdue

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


class CaseTableModel(QAbstractTableModel):
    COL_REFERENCE, COL_STATUS, COL_HOLDER, COL_BIRTH, COL_FROM, COL_TO, COL_QUALIFICATION, COL_UNIVERSITY, \
        COL_RECEIVED, COL_DECIDED, COL_OUTCOME = range(11)
    COLUMN_COUNT = 11
    #: Column -> sort key of the service (columns not listed cannot be sorted).
    SORT_KEYS = {COL_REFERENCE: "reference", COL_STATUS: "status", COL_FROM: "issuing_country",
                 COL_TO: "recognising_country", COL_QUALIFICATION: "qualification_title",
                 COL_RECEIVED: "received_on", COL_OUTCOME: "outcome"}
    CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
    OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 2

    loaded = Signal()  # the first page of a new filter has arrived
    counted = Signal()  # ... and then how many cases match it
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None, page_size: int = PAGE_SIZE):
        super().__init__(parent)
        self.db = None
        self.page_size = page_size
        self.filter = CaseFilter()
        self.sort_key, self.descending = "received_on", True
        self.reveal = False
        self.overdue_days = 120
        self.rows: list[dict] = []
        self.total = 0
        self.exhausted = True
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
    def set_database(self, db) -> None:
        self.db = db
        self.reload()

    def set_filter(self, flt: CaseFilter) -> None:
        self.filter = flt
        self.reload()

    def set_reveal(self, reveal: bool) -> None:
        if reveal != self.reveal:
            self.reveal = reveal
            self.reload()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = self.SORT_KEYS.get(column)
        if key is None:
            return
        self.sort_key, self.descending = key, order == Qt.SortOrder.DescendingOrder
        self.reload()

    def reload(self) -> None:
        """Ask for the first page, then the count, of the current filter; the view keeps the old rows meanwhile.

        The page comes first so the list shows as soon as the database has found one screenful; counting
        every match of a common search term takes longer and only updates the summary line.
        """
        if self.db is None:
            return
        self._generation += 1
        self.loading, self.counting, self.fetching = True, True, False
        db, flt, key, desc, reveal, size = (self.db, self.filter, self.sort_key, self.descending, self.reveal,
                                            self.page_size)
        self.pool.start(_Query(self._answer, self._generation, "first",
                               lambda: fetch_page(db, flt, key, desc, None, size, reveal), self._current))
        self.pool.start(_Query(self._answer, self._generation, "count", lambda: count_cases(db, flt),
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
        last = self.rows[-1]
        after = PageKey(last[self.sort_key], last["id"])
        db, flt, key, desc, reveal, size = (self.db, self.filter, self.sort_key, self.descending, self.reveal,
                                            self.page_size)
        self.pool.start(_Query(self._answer, self._generation, "more",
                               lambda: fetch_page(db, flt, key, desc, after, size, reveal), self._current))

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
            rows = result
            self.beginResetModel()
            self.rows = rows
            self.exhausted = len(rows) < self.page_size
            self.loading = False
            self.endResetModel()
            self.loaded.emit()
        else:
            self.fetching = False
            if not result:
                self.exhausted = True
                return
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(result) - 1)
            self.rows.extend(result)
            self.exhausted = len(result) < self.page_size
            self.endInsertRows()

    def wait(self, msecs: int = 10000) -> bool:
        return self.pool.waitForDone(msecs)

    # Qt model --------------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return [_("Reference"), _("Status"), _("Holder"), _("Date of birth"), _("Issued in"), _("Recognised in"),
                _("Qualification"), _("Issuing university"), _("Received"), _("Decided"), _("Outcome")][section]

    def row_overdue(self, row: dict) -> bool:
        return is_overdue(row["status"], row["received_on"], self.overdue_days)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == self.CASE_ID_ROLE:
            return row["id"]
        if role == self.OVERDUE_ROLE:
            return self.row_overdue(row)
        if role == Qt.ItemDataRole.BackgroundRole and self.row_overdue(row):
            return QBrush(QColor(255, 228, 196))
        if role == Qt.ItemDataRole.ToolTipRole and self.row_overdue(row):
            days = (dt.date.today() - row["received_on"]).days
            return _("Overdue: awaiting a decision for {days} days").format(days=formatting.format_number(days))
        return None

    def _display(self, row: dict, column: int) -> str:
        if column == self.COL_REFERENCE:
            return row["reference"]
        if column == self.COL_STATUS:
            return label(row["status"])
        if column == self.COL_HOLDER:
            return row["holder_name"]
        if column == self.COL_BIRTH:
            value = row["holder_birth_date"]
            return formatting.format_date(value) if isinstance(value, dt.date) else (value or "")
        if column == self.COL_FROM:
            return formatting.country_name(row["issuing_country"])
        if column == self.COL_TO:
            return formatting.country_name(row["recognising_country"])
        if column == self.COL_QUALIFICATION:
            return row["qualification_title"]
        if column == self.COL_UNIVERSITY:
            return row["issuing_university_name"]
        if column == self.COL_RECEIVED:
            return formatting.format_date(row["received_on"])
        if column == self.COL_DECIDED:
            return formatting.format_date(row["decided_on"]) if row["decided_on"] else ""
        if column == self.COL_OUTCOME:
            return label(row["outcome"])
        return ""

    def case_id(self, row: int) -> int | None:
        return self.rows[row]["id"] if 0 <= row < len(self.rows) else None
