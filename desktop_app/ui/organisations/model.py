"""The organisations as a lazy table model over ``organisations.page()``: names in the interface language,
the kind, country and each agency's standing in force today."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt

from desktop_app.domain.organisations import KIND_LABELS, STANDING_LABELS
from desktop_app.i18n import _, formatting
from desktop_app.services import organisations
from desktop_app.services.organisations import OrganisationQuery, OrganisationRow
from desktop_app.ui.common.keyset_model import ID_ROLE, SORT_ROLE, KeysetTableModel

(COL_NAME, COL_ACRONYM, COL_KIND, COL_COUNTRY, COL_CITY, COL_STANDING) = range(6)

__all__ = ["COL_ACRONYM", "COL_CITY", "COL_COUNTRY", "COL_KIND", "COL_NAME", "COL_STANDING", "ID_ROLE",
           "SORT_ROLE", "OrganisationTableModel", "kind_text", "standing_text"]


def kind_text(kind: str) -> str:
    label = KIND_LABELS.get(kind)
    return _(label) if label else kind


def standing_text(row: OrganisationRow, today: dt.date) -> str:
    """The standings in force today, in the interface language ("ENQA member, Registered in EQAR")."""
    kinds = row.standings_in_force(today)
    return formatting.format_list([_(STANDING_LABELS[kind]) if kind in STANDING_LABELS else kind for kind in kinds])


class OrganisationTableModel(KeysetTableModel):
    COLUMN_COUNT = 6
    SORT_KEYS = {COL_NAME: "name", COL_ACRONYM: "acronym", COL_KIND: "kind", COL_COUNTRY: "country"}

    def __init__(self, parent=None, today: dt.date | None = None):
        super().__init__(organisations, OrganisationQuery(), parent)
        self.today = today

    def day(self) -> dt.date:
        return self.today or dt.date.today()

    def headers(self) -> list[str]:
        return [_("Name"), _("Acronym"), _("Kind"), _("Country"), _("City"), _("Standing in force")]

    def display(self, row: OrganisationRow, column: int) -> str:
        if column == COL_NAME:
            return row.name_for()
        if column == COL_ACRONYM:
            return row.acronym
        if column == COL_KIND:
            return kind_text(row.kind)
        if column == COL_COUNTRY:
            return formatting.country_name(row.country_code) if row.country_code else _("International")
        if column == COL_CITY:
            return row.city
        if column == COL_STANDING:
            return standing_text(row, self.day())
        return ""

    def sort_value(self, row: OrganisationRow, column: int) -> Any:
        return {COL_NAME: row.display_name, COL_ACRONYM: row.acronym, COL_KIND: row.kind,
                COL_COUNTRY: row.country_code, COL_CITY: row.city,
                COL_STANDING: tuple(row.standings_in_force(self.day()))}[column]

    def extra(self, row: OrganisationRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_NAME:
            shown = row.name_for()
            return shown if shown == row.display_name else f"{shown}\n{row.display_name}"
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_COUNTRY:
            return row.country_code
        return None
