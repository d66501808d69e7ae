"""The list of joint programmes as a lazy table model: the first page comes from ``curricula.page``, the
next one when the view scrolls to the end (``canFetchMore`` / ``fetchMore``), each after the last
row's keyset. Filters and sorting are the query's, run in SQL; 100,000 programmes are never loaded
whole."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from desktop_app.domain.curricula import ISCED_LEVEL_TITLES, PROGRAMME_STATUS_TITLES, PROGRAMME_TYPE_TITLES, title_of
from desktop_app.i18n import _, current_language, formatting
from desktop_app.services import curricula
from desktop_app.services.curricula import ProgrammeQuery, ProgrammeRow

COL_TITLE, COL_CODE, COL_TYPE, COL_LEVEL, COL_STATUS, COL_CREDITS, COL_PARTNERS = range(7)
COLUMN_COUNT = 7
#: The service's sort key of each sortable column (the others keep the order they find).
SORT_KEYS = {COL_TITLE: "title", COL_CODE: "code", COL_TYPE: "type", COL_STATUS: "status"}
ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: The value a column sorts by, in its native type (numbers as numbers).
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


def _headers() -> list[str]:
    return [_("Title"), _("Code"), _("Type"), _("Level"), _("Status"), _("ECTS"), _("Partners")]


class ProgrammeTableModel(QAbstractTableModel):
    PAGE_SIZE = 200

    def __init__(self, parent=None):
        super().__init__(parent)
        self.db = None
        self.query = ProgrammeQuery()
        self.rows: list[ProgrammeRow] = []
        self.total = 0
        self._after = None
        self._exhausted = True

    # -- loading ---------------------------------------------------------------------------------
    def set_database(self, db) -> None:
        self.db = db
        self.reload()

    def set_query(self, query: ProgrammeQuery) -> None:
        self.query = query
        self.reload()

    def reload(self) -> None:
        """Count, then load the first page again (after a change or a new filter)."""
        self.beginResetModel()
        self.rows, self._after, self._exhausted = [], None, self.db is None
        self.total = curricula.count(self.db, self.query) if self.db is not None else 0
        if self.db is not None:
            self.rows = self._load_page()
        self.endResetModel()

    def _load_page(self) -> list[ProgrammeRow]:
        found = curricula.page(self.db, self.query, self._after, self.PAGE_SIZE)
        self._after, self._exhausted = found.after, found.is_last
        return found.rows

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 - Qt naming
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802 - Qt naming
        if parent.isValid() or self._exhausted:
            return
        rows = self._load_page()
        if rows:
            self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
            self.rows += rows
            self.endInsertRows()

    def row_at(self, row: int) -> ProgrammeRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def row_of_id(self, programme_id: int) -> int:
        """The row of a programme among those loaded, or -1."""
        return next((index for index, row in enumerate(self.rows) if row.id == programme_id), -1)

    # -- Qt model --------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt naming
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt naming
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt naming
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _headers()[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == SORT_ROLE:
            return {COL_TITLE: row.title, COL_CODE: row.code, COL_TYPE: row.programme_type,
                    COL_LEVEL: row.isced_level or "", COL_STATUS: row.status, COL_CREDITS: row.credits,
                    COL_PARTNERS: row.partners}[column]
        if role == Qt.ItemDataRole.ToolTipRole and column in (COL_TITLE, COL_PARTNERS):
            return self.display(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_CREDITS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def display(row: ProgrammeRow, column: int) -> str:
        if column == COL_TITLE:
            return row.title_in(current_language())
        if column == COL_CODE:
            return row.code
        if column == COL_TYPE:
            return title_of(PROGRAMME_TYPE_TITLES, row.programme_type)
        if column == COL_LEVEL:
            return title_of(ISCED_LEVEL_TITLES, row.isced_level) if row.isced_level else ""
        if column == COL_STATUS:
            return title_of(PROGRAMME_STATUS_TITLES, row.status)
        if column == COL_CREDITS:
            return formatting.format_number(row.credits)
        return row.partners

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(column)
        if key is not None:
            self.set_query(replace(self.query, sort=key, descending=order == Qt.SortOrder.DescendingOrder))

    def sort_column(self) -> int:
        return next((column for column, key in SORT_KEYS.items() if key == self.query.sort), COL_TITLE)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, COLUMN_COUNT - 1))
