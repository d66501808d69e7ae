"""The university editor: every part of the record on tabs, each problem shown beside its field.

The dialog does not write anything itself: ``save`` (given by the page) runs the undoable command;
when the service refuses (validation, a second parent university, a ROR id already used), the message
appears beside the field concerned and the dialog stays open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.contract import translated
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.reference import COOPERATION_AREAS, MEMBER_CODES
from desktop_app.domain.universities import (
    INSTITUTION_TYPE_LABELS,
    MEMBERSHIP_STATUS_LABELS,
    NETWORK_ROLE_LABELS,
    NameDraft,
    NameKind,
    UniversityDraft,
)
from desktop_app.domain.university_rules import is_top500, recommendations, validation_errors
from desktop_app.i18n import _, formatting
from desktop_app.ui.common.choosers import collation_key
from desktop_app.ui.common.editable_table import date_edit, date_of, error_label, show_message
from desktop_app.ui.common.form_dialog import FormDialog
from desktop_app.ui.common.names_table import NamesTable
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.universities.editor_tables import AccreditationsTable, ContactsTable, RankingsTable


def _country_codes() -> list[str]:
    territories = formatting.locale_for().territories
    return [code for code in territories if len(code) == 2 and code.isalpha()]


class UniversityEditor(Retranslatable, FormDialog):
    area_key = "universities"

    def __init__(self, draft: UniversityDraft | None, save: Callable[[UniversityDraft], object],
                 default_country: str = "", parent=None, record_id: int | None = None, database: str = "",
                 is_new: bool | None = None):
        super().__init__(parent, record_id, database)
        self.setObjectName("universityEditor")
        self.save = save
        self.is_new = draft is None if is_new is None else is_new
        draft = draft or UniversityDraft(country_code=default_country, names=[NameDraft("", None, NameKind.OFFICIAL),
                                                                               NameDraft("", "en", NameKind.LABEL)])
        self.history = list(draft.status_history)
        self.tabs = QTabWidget()
        self.errors: dict[str, QLabel] = {}

        general = QWidget()
        form = QFormLayout(general)
        self.names = NamesTable()
        for name in draft.names:
            self.names.add_row(name)
        self.names_hint = QLabel()
        self.names_hint.setWordWrap(True)
        self.acronym = QLineEdit(draft.acronym)
        self.country = QComboBox()
        self.country.setObjectName("country")
        self.city = QLineEdit(draft.city)
        self.website = QLineEdit(draft.website)
        self.ror_id = QLineEdit(draft.ror_id or "")
        self.ror_id.setPlaceholderText("03q0vrn42")
        self.institution_type = QComboBox()
        self.network_role = QComboBox()
        self.network_role.setObjectName("networkRole")
        self.status = QComboBox()
        self.status_since = date_edit(draft.status_since)
        self.established = QSpinBox()
        self.established.setRange(0, 2100)
        self.established.setValue(draft.established or 0)
        self.notes = QPlainTextEdit(draft.notes)
        self.notes.setMaximumHeight(70)
        self.form_labels: dict[str, QLabel] = {}
        rows = (("names", self.names), ("acronym", self.acronym), ("country_code", self.country),
                ("city", self.city), ("website", self.website), ("ror_id", self.ror_id),
                ("institution_type", self.institution_type), ("network_role", self.network_role),
                ("status", self.status), ("status_since", self.status_since), ("established", self.established),
                ("notes", self.notes))
        for key, widget in rows:
            label = QLabel()
            self.form_labels[key] = label
            box = QVBoxLayout()
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(widget)
            if key == "names":
                box.addWidget(self.names_hint)
                self.errors[key] = self.names.error
            else:
                self.errors[key] = error_label()
                box.addWidget(self.errors[key])
            holder = QWidget()
            holder.setLayout(box)
            form.addRow(label, holder)
        self.contacts = ContactsTable()
        for contact in draft.contacts:
            self.contacts.add_row(contact)
        self.rankings = RankingsTable()
        for ranking in draft.rankings:
            self.rankings.add_row(ranking)
        self.top500 = QLabel()
        rankings_page = QWidget()
        rankings_layout = QVBoxLayout(rankings_page)
        rankings_layout.addWidget(self.rankings)
        rankings_layout.addWidget(self.top500)
        self.rankings.edited.connect(self._update_top500)
        self.names.edited.connect(self._update_hint)
        self.accreditations = AccreditationsTable()
        for accreditation in draft.accreditations:
            self.accreditations.add_row(accreditation)
        self.areas = QListWidget()
        self.selected_areas = set(draft.areas)
        self.history_list = QListWidget()
        self.errors.update(contacts=self.contacts.error, rankings=self.rankings.error,
                           accreditations=self.accreditations.error)
        self.areas_error = error_label()
        self.errors["areas"] = self.areas_error
        areas_page = QWidget()
        areas_layout = QVBoxLayout(areas_page)
        areas_layout.addWidget(self.areas)
        areas_layout.addWidget(self.areas_error)
        for widget in (general, self.contacts, rankings_page, self.accreditations, areas_page, self.history_list):
            self.tabs.addTab(widget, "")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        self.general_error = error_label()
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self._initial = draft
        self.retranslate()
        # A new status is dated today unless the user gives another date.
        self.status.currentIndexChanged.connect(lambda _index: self.status_since.set_value(dt.date.today()))
        self.resize(760, 680)
        self.start_tracking()

    # -- texts -----------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(_("New university") if self.is_new else _("Edit university"))
        titles = {"names": _("Names"), "acronym": _("Acronym"), "country_code": _("Country"), "city": _("City"),
                  "website": _("Website"), "ror_id": _("ROR identifier"), "institution_type": _("Type"),
                  "network_role": _("Role in the network"), "status": _("Membership status"),
                  "status_since": _("Status since"), "established": _("Founded"), "notes": _("Notes")}
        for key, label in self.form_labels.items():
            label.setText(titles[key])
        self.established.setSpecialValueText("—")
        for index, title in enumerate((_("General"), _("Contacts"), _("Rankings"), _("Accreditations"),
                                       _("Areas of cooperation"), _("Status history"))):
            self.tabs.setTabText(index, title)
        self._fill_combo(self.country, self._countries(), self._current(self.country, self._initial_value("country")))
        self._fill_combo(self.institution_type, {k: _(v) for k, v in INSTITUTION_TYPE_LABELS.items()},
                         self._current(self.institution_type, self._initial_value("institution_type")))
        self._fill_combo(self.network_role, {k: _(v) for k, v in NETWORK_ROLE_LABELS.items()},
                         self._current(self.network_role, self._initial_value("network_role")))
        self._fill_combo(self.status, {k: _(v) for k, v in MEMBERSHIP_STATUS_LABELS.items()},
                         self._current(self.status, self._initial_value("status")))
        checked = self._checked_areas() if self.areas.count() else self.selected_areas
        self.areas.clear()
        for area in COOPERATION_AREAS:
            item = QListWidgetItem(_(area.title))
            item.setData(Qt.ItemDataRole.UserRole, area.key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if area.key in checked else Qt.CheckState.Unchecked)
            item.setToolTip(_(area.scope))
            self.areas.addItem(item)
        self.history_list.clear()
        for change in self.history:
            label = MEMBERSHIP_STATUS_LABELS.get(change.status)
            self.history_list.addItem(_("{date}: {status}").format(date=formatting.format_date(change.changed_on),
                                                                   status=_(label) if label else change.status))
        for table in (self.names, self.contacts, self.rankings, self.accreditations):
            table.retranslate()
        self._update_top500()
        self._update_hint()

    def _initial_value(self, name: str) -> str:
        return {"country": self._initial.country_code}.get(name) or getattr(self._initial, name, "")

    @staticmethod
    def _current(combo: QComboBox, fallback: str) -> str:
        return combo.currentData() if combo.count() else fallback

    @staticmethod
    def _fill_combo(combo: QComboBox, choices: dict[str, str], current: str) -> None:
        combo.blockSignals(True)
        combo.clear()
        for key, label in choices.items():
            combo.addItem(label, str(key))
        index = combo.findData(current)
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    @staticmethod
    def _countries() -> dict[str, str]:
        """CICA member states first, then every other country, each group in alphabetical order."""
        names = {code: formatting.country_name(code) for code in _country_codes()}
        key = collation_key()
        ordered = sorted(names, key=lambda code: (code not in MEMBER_CODES, key(names[code])))
        return {"": "—", **{code: f"{names[code]} ({code})" for code in ordered}}

    def _checked_areas(self) -> set[str]:
        return {self.areas.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.areas.count())
                if self.areas.item(i).checkState() == Qt.CheckState.Checked}

    def _update_top500(self) -> None:
        try:
            inside = is_top500(self.rankings.drafts())
        except (AttributeError, ValueError):
            inside = False
        self.top500.setText(_("TOP-500: yes — the latest overall edition of a world ranking places it within 500.")
                            if inside else _("TOP-500: no (counts the latest overall QS, THE or ARWU edition)."))

    def _update_hint(self) -> None:
        advice = translated(recommendations(self.draft()))
        self.names_hint.setText(advice.get("names", ""))
        self.names_hint.setVisible("names" in advice)

    # -- the draft -------------------------------------------------------------------------------
    def draft(self) -> UniversityDraft:
        return UniversityDraft(
            country_code=self.country.currentData() or "",
            names=[name for name in self.names.drafts() if name.value or name.lang],
            city=self.city.text(), website=self.website.text(), ror_id=self.ror_id.text() or None,
            acronym=self.acronym.text(), institution_type=self.institution_type.currentData(),
            network_role=self.network_role.currentData(), status=self.status.currentData(),
            established=self.established.value() or None, notes=self.notes.toPlainText(),
            status_since=date_of(self.status_since), contacts=self.contacts.drafts(), rankings=self.rankings.drafts(),
            accreditations=self.accreditations.drafts(), areas=sorted(self._checked_areas()),
            status_history=list(self.history))

    def show_errors(self, errors: dict[str, str]) -> None:
        grouped: dict[str, list[str]] = {}
        for key, message in errors.items():
            field = key.split("[")[0].split(".")[0]
            grouped.setdefault(field if field in self.errors else "", []).append(message)
        for field, label in self.errors.items():
            show_message(label, "\n".join(grouped.get(field, [])))
        show_message(self.general_error, "\n".join(grouped.get("", [])))
        first = next(iter(errors), "")
        tab = {"contacts": 1, "rankings": 2, "accreditations": 3, "areas": 4}.get(first.split("[")[0], 0)
        if errors:
            self.tabs.setCurrentIndex(tab)

    def show_problems(self, problems: dict[str, str]) -> None:
        self.show_errors(problems)

    def journal_title(self) -> str:
        return self.draft().display_name() or self.windowTitle()

    def save_draft(self, draft: UniversityDraft) -> None:
        problems = validation_errors(draft)
        if problems:
            raise ValidationError(problems)
        self.save(draft)
