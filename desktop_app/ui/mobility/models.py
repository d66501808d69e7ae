"""Table models of the Mobility & events page: mobility records and joint events (lazy, keyset-paged,
filtered and sorted in SQL), and the flow matrix between member states.

Universities are shown by their name in the interface language where the register has it (looked up for
the rows fetched, again after a language switch), else by their display name, with the country's name
from CLDR.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from desktop_app.domain.mobility import EVENT_LABELS, FORMAT_LABELS, PERSON_LABELS
from desktop_app.domain.mobility_lifecycle import STATUS_LABELS
from desktop_app.domain.reference import AREAS_BY_KEY
from desktop_app.i18n import _, current_language, formatting
from desktop_app.services import events, mobility, university_search
from desktop_app.ui.common.keyset_model import KeysetTableModel

(M_PERSON, M_KIND, M_FORMAT, M_FROM, M_TO, M_START, M_END, M_FUNDING, M_STATUS) = range(9)
(E_TITLE, E_KIND, E_START, E_END, E_HOST, E_PARTNERS, E_PARTICIPANTS, E_AREA, E_OUTCOME, E_DOCUMENTS) = range(10)


def label(labels: dict, key: str | None) -> str:
    """A key's translated label (the key itself when unknown, so nothing is hidden)."""
    found = labels.get(key)
    return _(found) if found else (key or "")


def university_label(name: str, country: str) -> str:
    return _("{university} ({country})").format(university=name, country=formatting.country_name(country))


class _UniversityNames:
    """Names of the universities the fetched rows show, in the interface language where known."""

    def __init__(self) -> None:
        self.names: dict[int, str] = {}
        self.lang = ""

    def learn(self, db, ids: set[int]) -> None:
        lang = current_language()
        if lang != self.lang:
            self.names, self.lang = {}, lang
        missing = sorted(ids - self.names.keys())
        for start in range(0, len(missing), 500):
            chunk = missing[start:start + 500]
            found = university_search.names_in_language(db, chunk, lang)
            self.names.update({university_id: found.get(university_id, "") for university_id in chunk})

    def name(self, university_id: int, fallback: str) -> str:
        return self.names.get(university_id) or fallback


class MobilityTableModel(KeysetTableModel):
    COLUMN_COUNT = 9
    SORT_KEYS = {M_KIND: "person_kind", M_FORMAT: "format", M_FROM: "sending", M_TO: "receiving",
                 M_START: "start", M_END: "end", M_FUNDING: "funding", M_STATUS: "status"}

    def __init__(self, parent=None):
        super().__init__(mobility, mobility.MobilityQuery(), parent)
        self.universities = _UniversityNames()

    def headers(self) -> list[str]:
        return [_("Person"), _("Category"), _("Format"), _("From"), _("To"), _("Start"), _("End"), _("Funding"),
                _("Status")]

    def loaded(self, rows: list[mobility.MobilityRow]) -> None:
        self.universities.learn(self.db, {r.sending_university_id for r in rows} |
                                {r.receiving_university_id for r in rows})

    def display(self, row: mobility.MobilityRow, column: int) -> str:
        if column == M_PERSON:
            return row.person_name
        if column == M_KIND:
            return label(PERSON_LABELS, row.person_kind)
        if column == M_FORMAT:
            return label(FORMAT_LABELS, row.format)
        if column == M_FROM:
            return university_label(self.universities.name(row.sending_university_id, row.sending_university),
                                    row.sending_country)
        if column == M_TO:
            return university_label(self.universities.name(row.receiving_university_id, row.receiving_university),
                                    row.receiving_country)
        if column == M_START:
            return formatting.format_date(row.start_date)
        if column == M_END:
            return formatting.format_date(row.end_date)
        if column == M_FUNDING:
            return row.funding
        if column == M_STATUS:
            return label(STATUS_LABELS, row.status)
        return ""

    def sort_value(self, row: mobility.MobilityRow, column: int) -> Any:
        return {M_START: row.start_date, M_END: row.end_date, M_KIND: row.person_kind, M_FORMAT: row.format,
                M_FROM: row.sending_university, M_TO: row.receiving_university, M_FUNDING: row.funding,
                M_PERSON: row.person_name, M_STATUS: row.status}[column]

    def extra(self, row: mobility.MobilityRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column in (M_FROM, M_TO):
            return self.display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == M_PERSON and row.person_email:
            return row.person_email
        return None

    def retranslate(self) -> None:
        if self.db is not None and self.rows:
            self.loaded(self.rows)  # the names in the new language
        super().retranslate()


class EventTableModel(KeysetTableModel):
    COLUMN_COUNT = 10
    SORT_KEYS = {E_TITLE: "title", E_KIND: "kind", E_START: "start", E_END: "end", E_HOST: "host",
                 E_PARTICIPANTS: "participants"}

    def __init__(self, parent=None):
        super().__init__(events, events.EventQuery(), parent)
        self.universities = _UniversityNames()

    def headers(self) -> list[str]:
        return [_("Title"), _("Kind"), _("Start"), _("End"), _("Host"), _("Partners"), _("Participants"),
                _("Area of cooperation"), _("Outcome"), _("Documents")]

    def loaded(self, rows: list[events.EventRow]) -> None:
        ids = {r.host_university_id for r in rows}
        for row in rows:
            ids.update(row.partner_ids)
        self.universities.learn(self.db, ids)

    def partners(self, row: events.EventRow) -> str:
        names = [self.universities.name(i, name) for i, name in zip(row.partner_ids, row.partners, strict=True)]
        return formatting.format_list(names) if names else ""

    def display(self, row: events.EventRow, column: int) -> str:
        if column == E_TITLE:
            return row.title
        if column == E_KIND:
            return label(EVENT_LABELS, row.kind)
        if column == E_START:
            return formatting.format_date(row.start_date)
        if column == E_END:
            return formatting.format_date(row.end_date)
        if column == E_HOST:
            return university_label(self.universities.name(row.host_university_id, row.host), row.host_country)
        if column == E_PARTNERS:
            return self.partners(row)
        if column == E_PARTICIPANTS:
            return formatting.format_number(row.participants)
        if column == E_AREA:
            return _(AREAS_BY_KEY[row.area_key].title) if row.area_key in AREAS_BY_KEY else ""
        if column == E_OUTCOME:
            return row.outcome.splitlines()[0] if row.outcome else ""
        if column == E_DOCUMENTS:
            return formatting.format_number(row.documents) if row.documents else ""
        return ""

    def sort_value(self, row: events.EventRow, column: int) -> Any:
        return {E_TITLE: row.title, E_KIND: row.kind, E_START: row.start_date, E_END: row.end_date,
                E_HOST: row.host, E_PARTNERS: len(row.partners), E_PARTICIPANTS: row.participants,
                E_AREA: row.area_key or "", E_OUTCOME: row.outcome, E_DOCUMENTS: row.documents}[column]

    def extra(self, row: events.EventRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column in (E_TITLE, E_HOST, E_PARTNERS, E_OUTCOME):
            return row.outcome if column == E_OUTCOME else self.display(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (E_PARTICIPANTS, E_DOCUMENTS):
            return int(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
        return None

    def retranslate(self) -> None:
        if self.db is not None and self.rows:
            self.loaded(self.rows)
        super().retranslate()


class FlowMatrixModel(QAbstractTableModel):
    """Sending states down, receiving states across; each cell a count from the database."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.states: list[str] = []
        self.counts: dict[tuple[str, str], int] = {}

    def set_matrix(self, matrix: mobility.FlowMatrix) -> None:
        self.beginResetModel()
        self.states = matrix.states
        self.counts = {}
        for cell in matrix.cells:
            key = (cell["from"], cell["to"])
            self.counts[key] = self.counts.get(key, 0) + cell["count"]
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt naming
        return 0 if parent.isValid() else len(self.states)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt naming
        return 0 if parent.isValid() else len(self.states)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        count = self.counts.get((self.states[index.row()], self.states[index.column()]), 0)
        if role == Qt.ItemDataRole.DisplayRole:
            return formatting.format_number(count) if count else "·"
        if role in (Qt.ItemDataRole.UserRole, Qt.ItemDataRole.UserRole + 2):
            return count
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("{sending} → {receiving}: {count}").format(
                sending=formatting.country_name(self.states[index.row()]),
                receiving=formatting.country_name(self.states[index.column()]), count=formatting.format_number(count))
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt naming
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.states):
            return formatting.country_name(self.states[section])
        if role == Qt.ItemDataRole.ToolTipRole and 0 <= section < len(self.states):
            return self.states[section]
        return None

    def retranslate(self) -> None:
        if self.states:
            last = len(self.states) - 1
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, last)
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, last)
            self.dataChanged.emit(self.index(0, 0), self.index(last, last))
