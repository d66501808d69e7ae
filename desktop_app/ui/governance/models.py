"""The decisions and the bodies as lazy table models over ``decisions.page()`` and ``bodies.page()``: texts
in the interface language, dates and numbers by CLDR, an overdue decision marked in red."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.domain.governance import BODY_KIND_LABELS, DECISION_KIND_LABELS
from desktop_app.i18n import _, current_language, formatting
from desktop_app.services import bodies, decisions, organisations
from desktop_app.services.bodies import BodyQuery, BodyRow
from desktop_app.services.decisions import DecisionQuery, DecisionRow
from desktop_app.ui.common.keyset_model import ID_ROLE, SORT_ROLE, KeysetTableModel

(COL_ADOPTED, COL_KIND, COL_TITLE, COL_BODY, COL_OPEN, COL_OVERDUE, COL_NEXT) = range(7)
(BODY_NAME, BODY_KIND, BODY_CHAIR, BODY_PERMANENT) = range(4)

__all__ = ["BODY_CHAIR", "BODY_KIND", "BODY_NAME", "BODY_PERMANENT", "COL_ADOPTED", "COL_BODY", "COL_KIND",
           "COL_NEXT", "COL_OPEN", "COL_OVERDUE", "COL_TITLE", "ID_ROLE", "SORT_ROLE", "BodyTableModel",
           "DecisionTableModel"]

OVERDUE = QColor("#b00020")


def _label(labels: dict, key: str) -> str:
    return _(labels[key]) if key in labels else key


class DecisionTableModel(KeysetTableModel):
    """The register of decisions, the latest adopted first; a decision with an overdue action is red."""

    COLUMN_COUNT = 7

    def __init__(self, parent=None, today: dt.date | None = None):
        super().__init__(decisions, DecisionQuery(), parent)
        self.today = today

    def day(self) -> dt.date:
        return self.today or dt.date.today()

    def headers(self) -> list[str]:
        return [_("Adopted"), _("Kind"), _("Title"), _("Body"), _("Open actions"), _("Overdue"), _("Next deadline")]

    @staticmethod
    def next_deadline(row: DecisionRow) -> dt.date | None:
        return min((a.deadline for a in row.actions if a.status in ("open", "in_progress") and a.deadline),
                   default=None)

    def display(self, row: DecisionRow, column: int) -> str:
        if column == COL_ADOPTED:
            return formatting.format_date(row.adopted_on)
        if column == COL_KIND:
            return _label(DECISION_KIND_LABELS, row.kind)
        if column == COL_TITLE:
            return row.title_for()
        if column == COL_BODY:
            return row.body_name_for()
        if column == COL_OPEN:
            return formatting.format_number(row.open_actions())
        if column == COL_OVERDUE:
            overdue = row.overdue_actions(self.day())
            return formatting.format_number(overdue) if overdue else ""
        if column == COL_NEXT:
            deadline = self.next_deadline(row)
            return formatting.format_date(deadline) if deadline else ""
        return ""

    def sort_value(self, row: DecisionRow, column: int) -> Any:
        return {COL_ADOPTED: row.adopted_on, COL_KIND: row.kind, COL_TITLE: row.title, COL_BODY: row.body_name,
                COL_OPEN: row.open_actions(), COL_OVERDUE: row.overdue_actions(self.day()),
                COL_NEXT: self.next_deadline(row) or dt.date.max}[column]

    def extra(self, row: DecisionRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue_actions(self.day()):
            return QBrush(OVERDUE)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_TITLE and row.reference:
            return row.reference
        return None


class BodyTableModel(KeysetTableModel):
    """The bodies by name, with who chairs each this year and who holds a permanent office."""

    COLUMN_COUNT = 4

    def __init__(self, parent=None, today: dt.date | None = None):
        super().__init__(bodies, BodyQuery(), parent)
        self.today = today
        self._organisation_names: dict[int, str] = {}

    def headers(self) -> list[str]:
        year = (self.today or dt.date.today()).year
        return [_("Name"), _("Kind"), _("Chair in {year}").format(year=formatting.localise_digits(str(year))),
                _("Permanent co-chairs and initiators")]

    def loaded(self, rows: list[BodyRow]) -> None:
        ids = {c.organisation_id for row in rows for c in row.chairs if c.organisation_id is not None}
        if ids and self.db is not None:
            self._organisation_names.update(organisations.names_for_reader(self.db, ids, current_language()))

    def retranslate(self) -> None:
        self._organisation_names.clear()
        if self.rows:
            self.loaded(self.rows)
        super().retranslate()

    def holder(self, chair) -> str:
        state = formatting.country_name(chair.country_code) if chair.country_code else ""
        organisation = self._organisation_names.get(chair.organisation_id, "") if chair.organisation_id else ""
        if state and organisation:
            return _("{organisation} ({state})").format(organisation=organisation, state=state)
        return organisation or state

    def display(self, row: BodyRow, column: int) -> str:
        if column == BODY_NAME:
            return row.name_for()
        if column == BODY_KIND:
            return _label(BODY_KIND_LABELS, row.kind)
        if column == BODY_CHAIR:
            chair = row.chair_in((self.today or dt.date.today()).year)
            return self.holder(chair) if chair else ""
        if column == BODY_PERMANENT:
            return formatting.format_list([self.holder(c) for c in row.chairs if c.year is None])
        return ""
