"""The organisation editor: names in several languages, kind, country and address on one tab, the contact
persons (personal data) on another, and an agency's standing (ENQA, EQAR, EUR-ACE) with its dates on a
third. Each problem is shown beside its field; the dialog never writes itself (``save`` runs the page's
undoable command)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.organisations import KIND_LABELS, STANDING_LABELS, OrganisationDraft, StandingDraft
from desktop_app.domain.organisations import validate as validate_organisation
from desktop_app.domain.reference import MEMBER_CODES
from desktop_app.domain.universities import NameDraft, NameKind
from desktop_app.i18n import _, formatting
from desktop_app.ui.common.choosers import collation_key
from desktop_app.ui.common.editable_table import EditableTable, date_edit, date_of, error_label, show_message
from desktop_app.ui.common.form_dialog import FormDialog
from desktop_app.ui.common.names_table import NamesTable
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.universities.editor_tables import ContactsTable


class StandingsTable(EditableTable):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.table.setColumnWidth(0, 280)

    def headers(self) -> list[str]:
        return [_("Standing"), _("Valid from"), _("Valid to"), _("Register entry or decision")]

    def fill_row(self, row: int, values: StandingDraft | None) -> None:
        values = values or StandingDraft("eqar_registered")
        self.combo(row, 0, STANDING_LABELS, values.kind)
        self.table.setCellWidget(row, 1, date_edit(values.valid_from, "gregorian"))
        self.table.setCellWidget(row, 2, date_edit(values.valid_to, "gregorian"))
        self.set_text(row, 3, values.reference)

    def draft_of(self, row: int) -> StandingDraft:
        return StandingDraft(self.table.cellWidget(row, 0).currentData(), date_of(self.table.cellWidget(row, 1)),
                             date_of(self.table.cellWidget(row, 2)), self.text(row, 3))

    def retranslate(self) -> None:
        super().retranslate()
        for row in range(self.table.rowCount()):
            box = self.table.cellWidget(row, 0)
            for index in range(box.count()):
                box.setItemText(index, _(STANDING_LABELS[box.itemData(index)]))


def _country_codes() -> list[str]:
    return [code for code in formatting.locale_for().territories if len(code) == 2 and code.isalpha()]


class OrganisationEditor(Retranslatable, FormDialog):
    area_key = "organisations"
    TABS = {"contacts": 1, "standings": 2}

    def __init__(self, draft: OrganisationDraft | None, save: Callable[[OrganisationDraft], object], parent=None,
                 record_id: int | None = None, database: str = "", default_country: str = ""):
        super().__init__(parent, record_id, database)
        self.setObjectName("organisationEditor")
        self.save = save
        self.is_new = record_id is None
        draft = draft or OrganisationDraft("ministry", [NameDraft("", None, NameKind.OFFICIAL),
                                                        NameDraft("", "en", NameKind.LABEL)], default_country)
        self._initial = draft
        self.tabs = QTabWidget(objectName="organisationTabs")
        self.errors: dict[str, QLabel] = {}
        self.form_labels: dict[str, QLabel] = {}
        general = QWidget()
        form = QFormLayout(general)
        self.names = NamesTable()
        for name in draft.names:
            self.names.add_row(name)
        self.kind = QComboBox(objectName="organisationKind")
        self.acronym = QLineEdit(draft.acronym, objectName="organisationAcronym")
        self.country = QComboBox(objectName="organisationCountry")
        self.city = QLineEdit(draft.city)
        self.website = QLineEdit(draft.website)
        self.notes = QPlainTextEdit(draft.notes)
        self.notes.setMaximumHeight(70)
        for key, widget in (("names", self.names), ("kind", self.kind), ("acronym", self.acronym),
                            ("country_code", self.country), ("city", self.city), ("website", self.website),
                            ("notes", self.notes)):
            label = QLabel()
            self.form_labels[key] = label
            holder = QWidget()
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(widget)
            self.errors[key] = self.names.error if key == "names" else error_label()
            if key != "names":
                box.addWidget(self.errors[key])
            form.addRow(label, holder)
        self.contacts = ContactsTable()
        for contact in draft.contacts:
            self.contacts.add_row(contact)
        self.standings = StandingsTable()
        for standing in draft.standings:
            self.standings.add_row(standing)
        self.standings_hint = QLabel()
        self.standings_hint.setWordWrap(True)
        standings_page = QWidget()
        standings_layout = QVBoxLayout(standings_page)
        standings_layout.addWidget(self.standings_hint)
        standings_layout.addWidget(self.standings, 1)
        self.errors.update(contacts=self.contacts.error, standings=self.standings.error)
        for widget in (general, self.contacts, standings_page):
            self.tabs.addTab(widget, "")
        self.general_error = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.retranslate()
        self.resize(760, 620)
        self.start_tracking()

    # -- texts -----------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(_("New organisation") if self.is_new else _("Edit organisation"))
        titles = {"names": _("Names"), "kind": _("Kind"), "acronym": _("Acronym"), "country_code": _("Country"),
                  "city": _("City"), "website": _("Website"), "notes": _("Notes")}
        for key, label in self.form_labels.items():
            label.setText(titles[key])
        for index, title in enumerate((_("General"), _("Contacts (personal data)"), _("Agency standing"))):
            self.tabs.setTabText(index, title)
        self.standings_hint.setText(_("An agency's standing with its dates: membership of ENQA, registration in "
                                      "EQAR, authorisation by ENAEE to award the EUR-ACE label."))
        self._fill(self.kind, {key: _(label) for key, label in KIND_LABELS.items()},
                   self.kind.currentData() if self.kind.count() else self._initial.kind)
        self._fill(self.country, self._countries(),
                   self.country.currentData() if self.country.count() else self._initial.country_code)
        for table in (self.names, self.contacts, self.standings):
            table.retranslate()

    @staticmethod
    def _fill(combo: QComboBox, choices: dict[str, str], current: str) -> None:
        combo.blockSignals(True)
        combo.clear()
        for key, label in choices.items():
            combo.addItem(label, str(key))
        combo.setCurrentIndex(max(combo.findData(current), 0))
        combo.blockSignals(False)

    @staticmethod
    def _countries() -> dict[str, str]:
        """None (an international body), then the CICA member states, then every other country."""
        names = {code: formatting.country_name(code) for code in _country_codes()}
        key = collation_key()
        ordered = sorted(names, key=lambda code: (code not in MEMBER_CODES, key(names[code])))
        return {"": _("— international, no country —"), **{code: f"{names[code]} ({code})" for code in ordered}}

    # -- the draft -------------------------------------------------------------------------------
    def draft(self) -> OrganisationDraft:
        return OrganisationDraft(
            kind=self.kind.currentData(), names=[n for n in self.names.drafts() if n.value or n.lang],
            country_code=self.country.currentData() or "", acronym=self.acronym.text(), city=self.city.text(),
            website=self.website.text(), notes=self.notes.toPlainText(), contacts=self.contacts.drafts(),
            standings=self.standings.drafts())

    def show_problems(self, problems: dict[str, str]) -> None:
        grouped: dict[str, list[str]] = {}
        for key, message in problems.items():
            field = key.split("[")[0].split(".")[0]
            grouped.setdefault(field if field in self.errors else "", []).append(message)
        for field, label in self.errors.items():
            show_message(label, "\n".join(grouped.get(field, [])))
        show_message(self.general_error, "\n".join(grouped.get("", [])))
        first = next(iter(problems), "").split("[")[0]
        if problems:
            self.tabs.setCurrentIndex(self.TABS.get(first, 0))

    def journal_title(self) -> str:
        return self.draft().display_name() or self.windowTitle()

    def save_draft(self, draft: OrganisationDraft) -> None:
        problems = validate_organisation(draft)
        if problems:
            raise ValidationError(problems)
        self.save(draft)
