"""The small editable lists of the university editor (contacts, rankings, accreditations). The table they
are built on and the names table, which other editors share, are in ``ui/common`` (``editable_table.py``,
``names_table.py``)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QSpinBox

from desktop_app.domain.rankings import RANKING_SYSTEM_LABELS
from desktop_app.domain.universities import AccreditationDraft, ContactDraft, RankingDraft
from desktop_app.i18n import _
from desktop_app.ui.common.editable_table import EditableTable, date_edit, date_of
from desktop_app.ui.common.language_pickers import LanguagesPicker


class ContactsTable(EditableTable):
    def headers(self) -> list[str]:
        return [_("Name"), _("Position"), _("E-mail"), _("Phone"), _("Languages")]

    def fill_row(self, row: int, values: ContactDraft | None) -> None:
        values = values or ContactDraft("")
        for column, value in enumerate((values.name, values.position, values.email, values.phone)):
            self.set_text(row, column, value)
        self.table.setCellWidget(row, 4, LanguagesPicker(values.languages.split()))

    def draft_of(self, row: int) -> ContactDraft:
        return ContactDraft(*(self.text(row, column) for column in range(4)),
                            " ".join(self.table.cellWidget(row, 4).value()))


class RankingsTable(EditableTable):
    def __init__(self, parent=None):
        super().__init__(parent)
        for column, width in enumerate((320, 80, 180)):
            self.table.setColumnWidth(column, width)

    def headers(self) -> list[str]:
        return [_("Ranking"), _("Year"), _("Rank as published"), _("Subject (empty: overall)")]

    def fill_row(self, row: int, values: RankingDraft | None) -> None:
        values = values or RankingDraft("qs", dt.date.today().year, "")
        self.combo(row, 0, RANKING_SYSTEM_LABELS, values.system)
        year = QSpinBox()
        year.setRange(1900, 2100)
        year.setValue(int(values.year))
        self.table.setCellWidget(row, 1, year)
        self.set_text(row, 2, values.rank_text)
        self.set_text(row, 3, values.subject)

    def draft_of(self, row: int) -> RankingDraft:
        subject = self.text(row, 3)
        return RankingDraft(self.table.cellWidget(row, 0).currentData(), self.table.cellWidget(row, 1).value(),
                            self.text(row, 2), "subject" if subject else "overall", subject)


class AccreditationsTable(EditableTable):
    def headers(self) -> list[str]:
        return [_("Agency"), _("Label (e.g. EUR-ACE)"), _("Valid from"), _("Valid to")]

    def fill_row(self, row: int, values: AccreditationDraft | None) -> None:
        values = values or AccreditationDraft("")
        self.set_text(row, 0, values.agency)
        self.set_text(row, 1, values.label)
        self.table.setCellWidget(row, 2, date_edit(values.valid_from, "gregorian"))
        self.table.setCellWidget(row, 3, date_edit(values.valid_to, "gregorian"))

    def draft_of(self, row: int) -> AccreditationDraft:
        return AccreditationDraft(self.text(row, 0), self.text(row, 1), date_of(self.table.cellWidget(row, 2)),
                                  date_of(self.table.cellWidget(row, 3)))
