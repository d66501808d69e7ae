"""The register as a lazy table model: the row count comes from one COUNT query, rows are fetched a
page at a time when the view asks for them, and only a bounded number of pages is kept. A register of
a million universities scrolls without ever being loaded whole, and filtering and sorting run in SQL.

Pages come from the contract's keyset paging (``universities.page(db, query, after)``): the next page
starts after the last row of the page before it, so scrolling down reads only the rows shown, however
far down the register. The key at the end of every page read is remembered (a few bytes a page, kept
when the page itself is evicted). Two cases have no key to start from and read by position instead
(``university_search.page`` with an offset, which counts past the earlier rows once): a jump with the
scroll bar to a page none of whose predecessors was read, and the sorts by ROR id or "since" date, whose
columns may be empty (a keyset compares values, and an empty value compares with nothing).
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from desktop_app.domain.universities import (
    INSTITUTION_TYPE_LABELS,
    MEMBERSHIP_STATUS_LABELS,
    NETWORK_ROLE_LABELS,
)
from desktop_app.i18n import _, current_language, formatting
from desktop_app.services import universities, university_search
from desktop_app.services.university_search import UniversityQuery, UniversityRow

(COL_NAME, COL_ACRONYM, COL_COUNTRY, COL_CITY, COL_TYPE, COL_ROLE, COL_STATUS, COL_SINCE, COL_TOP500,
 COL_ROR) = range(10)
COLUMN_COUNT = 10
#: Sort key of the service for each column.
SORT_KEYS = {COL_NAME: "name", COL_ACRONYM: "acronym", COL_COUNTRY: "country", COL_CITY: "city", COL_TYPE: "type",
             COL_ROLE: "role", COL_STATUS: "status", COL_SINCE: "status_since", COL_TOP500: "top500",
             COL_ROR: "ror_id"}
ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: The native value of a cell for sorting and tests (dates as dates, the TOP-500 flag as a bool).
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
#: Sorts whose column may be empty: paged by position, not by key.
NULLABLE_SORTS = frozenset({"status_since", "ror_id"})


def _headers() -> list[str]:
    return [_("Name"), _("Acronym"), _("Country"), _("City"), _("Type"), _("Role"), _("Status"), _("Since"),
            _("TOP-500"), _("ROR")]


class UniversityTableModel(QAbstractTableModel):
    PAGE_SIZE = 200
    MAX_PAGES = 12  # at most 2,400 rows in memory, whatever the size of the register

    def __init__(self, parent=None):
        super().__init__(parent)
        self.db = None
        self.query = UniversityQuery()
        self.total = 0
        self._pages: OrderedDict[int, list[UniversityRow]] = OrderedDict()
        #: page number -> the keyset key after its last row (kept when the page is evicted)
        self._ends: dict[int, tuple] = {}
        #: how each page was read, "key" or "offset" (for tests and the benchmark)
        self.reads: dict[str, int] = {"key": 0, "offset": 0}
        #: page number -> {university id: name in the interface language}; evicted with its page
        self._local_names: dict[int, dict[int, str]] = {}

    # -- loading ---------------------------------------------------------------------------------
    def set_database(self, db) -> None:
        self.db = db
        self.reload()

    def set_query(self, query: UniversityQuery) -> None:
        self.query = query
        self.reload()

    def reload(self) -> None:
        """Recount and forget cached pages (after a change or a new filter)."""
        self.beginResetModel()
        self._pages.clear()
        self._ends.clear()
        self._local_names.clear()
        self.total = university_search.count(self.db, self.query) if self.db is not None else 0
        self.endResetModel()

    def row_at(self, row: int) -> UniversityRow | None:
        if self.db is None or not 0 <= row < self.total:
            return None
        number = row // self.PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            page = self._read_page(number)
            self._pages[number] = page
            self._local_names[number] = university_search.names_in_language(
                self.db, [item.id for item in page], current_language())
            while len(self._pages) > self.MAX_PAGES:
                evicted, _rows = self._pages.popitem(last=False)
                self._local_names.pop(evicted, None)
        else:
            self._pages.move_to_end(number)
        offset = row % self.PAGE_SIZE
        return page[offset] if offset < len(page) else None

    def _read_page(self, number: int) -> list[UniversityRow]:
        by_key = self.query.sort not in NULLABLE_SORTS
        if by_key and (number == 0 or number - 1 in self._ends):
            self.reads["key"] += 1
            result = universities.page(self.db, self.query, self._ends.get(number - 1), self.PAGE_SIZE)
            rows = result.rows
        else:
            self.reads["offset"] += 1
            rows = university_search.page(self.db, self.query, number * self.PAGE_SIZE, self.PAGE_SIZE, self.total)
        if by_key and len(rows) == self.PAGE_SIZE:
            last = rows[-1]
            self._ends[number] = (university_search.sort_value(last, self.query.sort), last.id)
        return rows

    def row_of_id(self, university_id: int) -> int:
        """The row of a university among the pages already loaded, or -1."""
        for number, page in self._pages.items():
            for offset, item in enumerate(page):
                if item.id == university_id:
                    return number * self.PAGE_SIZE + offset
        return -1

    @property
    def cached_rows(self) -> int:
        return sum(len(page) for page in self._pages.values())

    # -- Qt model --------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self.total

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _headers()[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self.row_at(index.row())
        if item is None:
            return None
        column = index.column()
        if role == ID_ROLE:
            return item.id
        if role == SORT_ROLE:
            return self._native(item, column)
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_NAME:
                return self._local_names.get(index.row() // self.PAGE_SIZE, {}).get(item.id) or item.display_name
            return self._display(item, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_COUNTRY:
            return item.country_code
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_NAME:  # the whole name, when cut short
            shown = self.data(index)
            return shown if shown == item.display_name else f"{shown}\n{item.display_name}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_TOP500:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, item: UniversityRow, column: int) -> str:
        if column == COL_NAME:
            return item.display_name
        if column == COL_ACRONYM:
            return item.acronym
        if column == COL_COUNTRY:
            return formatting.country_name(item.country_code)
        if column == COL_CITY:
            return item.city
        if column == COL_TYPE:
            label = INSTITUTION_TYPE_LABELS.get(item.institution_type)
            return _(label) if label else item.institution_type
        if column == COL_ROLE:
            label = NETWORK_ROLE_LABELS.get(item.network_role)
            return _(label) if label else item.network_role
        if column == COL_STATUS:
            label = MEMBERSHIP_STATUS_LABELS.get(item.status)
            return _(label) if label else item.status
        if column == COL_SINCE:
            return formatting.format_date(item.status_since)
        if column == COL_TOP500:
            return "✓" if item.top500 else ""
        if column == COL_ROR:
            return item.ror_id or ""
        return ""

    @staticmethod
    def _native(item: UniversityRow, column: int):
        return {COL_NAME: item.display_name, COL_ACRONYM: item.acronym, COL_COUNTRY: item.country_code,
                COL_CITY: item.city, COL_TYPE: item.institution_type, COL_ROLE: item.network_role,
                COL_STATUS: item.status, COL_SINCE: item.status_since, COL_TOP500: item.top500,
                COL_ROR: item.ror_id}.get(column)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.set_query(replace(self.query, sort=SORT_KEYS.get(column, "name"),
                               descending=order == Qt.SortOrder.DescendingOrder))

    def retranslate(self) -> None:
        if self._local_names:  # names follow the interface language: fetch them again with the pages
            self._pages.clear()  # (the page-end keys stay: the order does not depend on the language)
            self._local_names.clear()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
        if self.total:
            self.dataChanged.emit(self.index(0, 0), self.index(self.total - 1, COLUMN_COUNT - 1))
