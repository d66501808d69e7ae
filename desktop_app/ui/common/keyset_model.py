"""A table model over an area's ``page()``: the first page is fetched when the query is set, the next one
when the view scrolls to the end (Qt's ``canFetchMore`` / ``fetchMore``), each asked for after the last
row's key, so a list of 100,000 records opens as fast as one of ten and filtering and sorting stay in SQL.

A subclass names its columns (constants), their headers, how a row is shown in each (``display``) and the
native value each sorts by (``sort_value``, given for ``SORT_ROLE``), and which columns the service can
sort by (``SORT_KEYS``: column -> the service's sort key).
"""

from __future__ import annotations

from dataclasses import replace
from types import ModuleType
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from desktop_app.i18n import is_rtl

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class KeysetTableModel(QAbstractTableModel):
    PAGE_SIZE = 200
    COLUMN_COUNT = 0
    #: column -> the service's sort key; other columns are not sortable.
    SORT_KEYS: dict[int, str] = {}

    def __init__(self, service: ModuleType, query: Any, parent=None):
        super().__init__(parent)
        self.service = service
        self.query = query
        self.db = None
        self.rows: list[Any] = []
        self.total = 0
        self._after: Any = None
        self._exhausted = True

    # -- what a subclass says ----------------------------------------------------------------------
    def headers(self) -> list[str]:
        raise NotImplementedError

    def display(self, row: Any, column: int) -> str:
        raise NotImplementedError

    def sort_value(self, row: Any, column: int) -> Any:
        return self.display(row, column)

    def extra(self, row: Any, column: int, role: int) -> Any:
        """Any other role (tool tips, colours, alignment); None by default."""
        return None

    def loaded(self, rows: list[Any]) -> None:
        """Called with each page fetched (to look up what the rows show beside themselves)."""

    # -- loading -----------------------------------------------------------------------------------
    def set_database(self, db) -> None:
        self.db = db
        self.reload()

    def set_query(self, query: Any) -> None:
        self.query = query
        self.reload(keep_rows=False)

    def reload(self, keep_rows: bool = True) -> None:
        """Fetch again from the first row (after a change or with a new query). With ``keep_rows`` as
        many rows as were shown come back, so the view keeps its place."""
        wanted = max(self.PAGE_SIZE, len(self.rows)) if keep_rows else self.PAGE_SIZE
        self.beginResetModel()
        self.rows, self._after, self._exhausted, self.total = [], None, True, 0
        if self.db is not None:
            self.total = self.service.count(self.db, self.query)
            self._fetch(wanted)
        self.endResetModel()

    def _fetch(self, limit: int) -> list[Any]:
        page = self.service.page(self.db, self.query, self._after, limit)
        self.rows.extend(page.rows)
        self._after = page.after
        self._exhausted = page.is_last
        if page.rows:
            self.loaded(page.rows)
        return page.rows

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 - Qt naming
        return not parent.isValid() and not self._exhausted and self.db is not None

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802 - Qt naming
        if not self.canFetchMore(parent):
            return
        first = len(self.rows)
        page = self.service.page(self.db, self.query, self._after, self.PAGE_SIZE)
        self._after, self._exhausted = page.after, page.is_last
        if not page.rows:
            return
        self.beginInsertRows(QModelIndex(), first, first + len(page.rows) - 1)
        self.rows.extend(page.rows)
        self.endInsertRows()
        self.loaded(page.rows)

    def row_at(self, row: int) -> Any:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of_id(self, record_id: int) -> int:
        """The row of a record among those fetched, or -1."""
        return next((index for index, item in enumerate(self.rows) if item.id == record_id), -1)

    # -- Qt model ----------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt naming
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt naming
        return 0 if parent.isValid() else self.COLUMN_COUNT

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt naming
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.row_at(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            text = self.display(row, index.column())
            # In a right-to-left window a cell of Latin text ("A. S.", "Tsinghua University") would have its
            # trailing punctuation moved to the wrong end: each cell takes the direction of its first letter.
            return f"\u2068{text}\u2069" if text and is_rtl() else text
        if role == ID_ROLE:
            return row.id
        if role == SORT_ROLE:
            return self.sort_value(row, index.column())
        return self.extra(row, index.column(), role)

    def is_sortable(self, column: int) -> bool:
        return column in self.SORT_KEYS

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        if column not in self.SORT_KEYS:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if (self.query.sort, self.query.descending) != (self.SORT_KEYS[column], descending):
            self.set_query(replace(self.query, sort=self.SORT_KEYS[column], descending=descending))

    def retranslate(self) -> None:
        """Headers and every shown text again, in the language of the moment."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMN_COUNT - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, self.COLUMN_COUNT - 1))


def keep_sort_indicator_on_sortable_columns(view, model: KeysetTableModel) -> None:
    """A click on a column the list cannot be sorted by leaves the indicator where it was."""
    header = view.horizontalHeader()
    state = {"section": header.sortIndicatorSection(), "order": header.sortIndicatorOrder()}

    def changed(section: int, order) -> None:
        if model.is_sortable(section):
            state.update(section=section, order=order)
            return
        header.blockSignals(True)
        header.setSortIndicator(state["section"], state["order"])
        header.blockSignals(False)

    header.sortIndicatorChanged.connect(changed)
