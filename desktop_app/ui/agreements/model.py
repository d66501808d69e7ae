"""The agreement register as a lazy table model: pages are fetched with their keyset from
``agreements.page()`` when the view scrolls to the end of what it has, and filtering, searching and
sorting all run in SQL. A register of 100,000 agreements opens with its first page."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.domain.agreements import (
    APPROACH_LABELS,
    KIND_LABELS,
    ROLE_LABELS,
    STATUS_LABELS,
    end_text,
)
from desktop_app.i18n import _, current_language, formatting
from desktop_app.services import agreements
from desktop_app.services.agreement_search import AgreementQuery, AgreementRow

# The number and the signing date are in the title's tooltip and the editor: the list keeps its room for
# the title, the parties and the end of validity.
COL_TITLE, COL_KIND, COL_STATUS, COL_PARTIES, COL_ENDS = range(5)
COLUMN_COUNT = 5
#: The service's sort key for each column.
SORT_KEYS = {COL_TITLE: "title", COL_KIND: "kind", COL_STATUS: "status", COL_PARTIES: "parties", COL_ENDS: "ends"}
ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: The native value of a cell (dates as dates, the number of parties as a number), for sorting and tests.
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
#: Backgrounds of agreements in force past their end date, and of those ending within the horizon.
ENDED_COLOUR, EXPIRING_COLOUR, HIGHLIGHT_TEXT = "#f6d5d3", "#fbeccb", "#1f1f1f"


def headers() -> list[str]:
    return [_("Title"), _("Kind"), _("Status"), _("Parties"), _("Valid to")]


def label(labels: dict, key: str | None) -> str:
    return _(labels[key]) if key in labels else (key or "")


def parties_text(row: AgreementRow) -> str:
    """The universities, then the organisations (a ministry, an agency) among the parties."""
    return formatting.format_list([party.name for party in (*row.parties, *row.organisation_parties)])


def parties_tooltip(row: AgreementRow) -> str:
    lines = [_("{name} ({country}) — {role}").format(
        name=party.name, country=formatting.country_name(party.country), role=label(ROLE_LABELS, party.role))
        for party in row.parties]
    for party in row.organisation_parties:  # an international body belongs to no country
        lines.append(_("{name} ({country}) — {role}").format(
            name=party.name, country=formatting.country_name(party.country), role=label(ROLE_LABELS, party.role))
            if party.country else _("{name} — {role}").format(name=party.name, role=label(ROLE_LABELS, party.role)))
    return "\n".join(lines)


class AgreementTableModel(QAbstractTableModel):
    PAGE_SIZE = 200

    def __init__(self, parent=None):
        super().__init__(parent)
        self.db = None
        self.query = AgreementQuery()
        self.total = 0
        self._rows: list[AgreementRow] = []
        self._after: tuple | None = None
        self._complete = True

    # -- loading ---------------------------------------------------------------------------------
    def set_database(self, db) -> None:
        self.db = db
        self.reload()

    def set_query(self, query: AgreementQuery) -> None:
        self.query = query
        self.reload()

    def reload(self) -> None:
        """Count again and fetch the first page (after a change, a new filter or a new language)."""
        self.beginResetModel()
        self.query = replace(self.query, lang=current_language())
        self._rows, self._after, self._complete, self.total = [], None, True, 0
        if self.db is not None:
            first = agreements.page(self.db, self.query, None, self.PAGE_SIZE)
            self._rows, self._after, self._complete = list(first.rows), first.after, first.is_last
            self.total = len(self._rows) if self._complete else agreements.count(self.db, self.query)
        self.endResetModel()

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: N802 - Qt naming
        return not parent.isValid() and not self._complete

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: N802 - Qt naming
        if parent.isValid() or self._complete or self.db is None:
            return
        following = agreements.page(self.db, self.query, self._after, self.PAGE_SIZE)
        if following.rows:
            start = len(self._rows)
            self.beginInsertRows(QModelIndex(), start, start + len(following.rows) - 1)
            self._rows += following.rows
            self.endInsertRows()
        self._after, self._complete = following.after, following.is_last

    def fetch_all(self) -> None:
        while self.canFetchMore():
            self.fetchMore()

    def row_at(self, row: int) -> AgreementRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of_id(self, agreement_id: int) -> int:
        """The row of an agreement among those fetched so far, or -1."""
        return next((index for index, row in enumerate(self._rows) if row.id == agreement_id), -1)

    @property
    def fetched(self) -> int:
        return len(self._rows)

    # -- Qt model --------------------------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt naming
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt naming
        return 0 if parent.isValid() else COLUMN_COUNT

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt naming
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return headers()[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.display(row, column)
        if role == ID_ROLE:
            return row.id
        if role == SORT_ROLE:
            return self.sort_value(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(row, column)
        if row.expiring and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(ENDED_COLOUR if (row.days_left or 0) < 0 else EXPIRING_COLOUR))
        if row.expiring and role == Qt.ItemDataRole.ForegroundRole:  # readable on the light shade in dark themes
            return QBrush(QColor(HIGHLIGHT_TEXT))
        return None

    @staticmethod
    def display(row: AgreementRow, column: int) -> str:
        if column == COL_TITLE:
            return row.title
        if column == COL_KIND:
            return label(KIND_LABELS, row.kind)
        if column == COL_STATUS:
            return label(STATUS_LABELS, row.status)
        if column == COL_PARTIES:
            return parties_text(row)
        if column == COL_ENDS:
            return end_text(row.valid_to, row.days_left, row.expiring)
        return ""

    @staticmethod
    def sort_value(row: AgreementRow, column: int):
        return {COL_TITLE: row.title, COL_KIND: row.kind, COL_STATUS: row.status, COL_PARTIES: len(row.parties),
                COL_ENDS: row.valid_to}.get(column)

    @staticmethod
    def tooltip(row: AgreementRow, column: int) -> str | None:
        if column == COL_TITLE:
            lines = [row.title]
            if row.reference:
                lines.append(_("Number: {number}").format(number=row.reference))
            if row.signing_date:
                lines.append(_("Signed on {date}").format(date=formatting.format_date(row.signing_date)))
            return "\n".join(lines)
        if column == COL_KIND:
            if row.approach:
                return _("{kind}: {approach}").format(kind=label(KIND_LABELS, row.kind),
                                                       approach=label(APPROACH_LABELS, row.approach))
            return label(KIND_LABELS, row.kind)
        if column == COL_PARTIES:
            return parties_tooltip(row)
        if column == COL_ENDS and row.valid_from:
            return _("Valid from {date}").format(date=formatting.format_date(row.valid_from))
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.set_query(replace(self.query, sort=SORT_KEYS.get(column, "ends"),
                               descending=order == Qt.SortOrder.DescendingOrder))

    def retranslate(self) -> None:
        """Party names follow the interface language: the rows are fetched again in it."""
        self.reload()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, COLUMN_COUNT - 1)
