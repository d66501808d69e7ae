"""The academic calendars of a year as a lazy, checkable list model for the year planner: the first page
comes from ``calendars.page``, the next when the view scrolls to the end, each after the last row's
keyset; filtering by year and by the words typed runs in SQL. Ticks are kept by university, so they
survive a new search and a reload."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt, Signal

from desktop_app.i18n import _, formatting
from desktop_app.services import calendars
from desktop_app.services.calendars import CalendarQuery, CalendarRow

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the calendar's id
UNIVERSITY_ROLE = Qt.ItemDataRole.UserRole + 2  # its university's id
SORT_ROLE = Qt.ItemDataRole.UserRole + 3  # the university's name, then the year


class CalendarListModel(QAbstractListModel):
    PAGE_SIZE = 200
    #: The set of ticked universities changed (by the user or by choosing a programme).
    ticked_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.db = None
        self.query = CalendarQuery(sort="university")
        self.rows: list[CalendarRow] = []
        self.total = 0
        self.ticked: list[int] = []  # university ids, in the order they were ticked
        self._after = None
        self._exhausted = True

    def set_database(self, db) -> None:
        self.db = db
        self.reload()

    def set_query(self, query: CalendarQuery) -> None:
        self.query = query
        self.reload()

    def set_year(self, year: str | None) -> None:
        if year != self.query.academic_year:
            self.set_query(replace(self.query, academic_year=year))

    def set_search(self, text: str) -> None:
        if text != self.query.search:
            self.set_query(replace(self.query, search=text))

    def reload(self) -> None:
        self.beginResetModel()
        self.rows, self._after = [], None
        self._exhausted = self.db is None or not self.query.academic_year
        self.total = 0 if self._exhausted else calendars.count(self.db, self.query)
        if not self._exhausted:
            self._load_page()
        self.endResetModel()

    def _load_page(self) -> list[CalendarRow]:
        found = calendars.page(self.db, self.query, self._after, self.PAGE_SIZE)
        self._after, self._exhausted = found.after, found.is_last
        self.rows += found.rows
        return found.rows

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 - Qt naming
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802 - Qt naming
        if parent.isValid() or self._exhausted:
            return
        start = len(self.rows)
        found = calendars.page(self.db, self.query, self._after, self.PAGE_SIZE)
        self._after, self._exhausted = found.after, found.is_last
        if found.rows:
            self.beginInsertRows(QModelIndex(), start, start + len(found.rows) - 1)
            self.rows += found.rows
            self.endInsertRows()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt naming
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return _("{university} ({country})").format(university=row.university_name,
                                                        country=formatting.country_name(row.country_code))
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if row.university_id in self.ticked else Qt.CheckState.Unchecked
        if role == ID_ROLE:
            return row.id
        if role == UNIVERSITY_ROLE:
            return row.university_id
        if role == SORT_ROLE:
            return (row.university_name, row.academic_year)
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 - Qt naming
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        university = self.rows[index.row()].university_id
        checked = Qt.CheckState(value) == Qt.CheckState.Checked
        if checked and university not in self.ticked:
            self.ticked.append(university)
        elif not checked and university in self.ticked:
            self.ticked.remove(university)
        else:
            return False
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.ticked_changed.emit()
        return True

    def set_ticked(self, university_ids: list[int]) -> None:
        self.ticked = list(dict.fromkeys(university_ids))
        if self.rows:
            self.dataChanged.emit(self.index(0), self.index(len(self.rows) - 1), [Qt.ItemDataRole.CheckStateRole])
        self.ticked_changed.emit()

    def retranslate(self) -> None:
        if self.rows:  # country names follow the interface language
            self.dataChanged.emit(self.index(0), self.index(len(self.rows) - 1))
