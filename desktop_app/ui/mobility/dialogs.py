"""Editors for a mobility record and a joint event. Universities are chosen with the shared picker (a
register of any size); each problem is shown under its field; the draft is journaled while the editor is
open, so it can be offered back after a crash."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.mobility import (
    EVENT_LABELS,
    FORMAT_LABELS,
    PERSON_LABELS,
    STUDY_LEVEL_LABELS,
    EventDraft,
    MobilityDraft,
    validate_event,
    validate_mobility,
)
from desktop_app.domain.mobility_lifecycle import format_problems
from desktop_app.domain.reference import COOPERATION_AREAS
from desktop_app.i18n import _, current_language, formatting
from desktop_app.services import choices as shared_choices
from desktop_app.services import mobility
from desktop_app.ui.common.choosers import UniversityPicker
from desktop_app.ui.common.date_edit import DateEdit
from desktop_app.ui.common.field_form import FieldFormDialog


def date_edit(value: dt.date | None = None) -> DateEdit:
    return DateEdit(value or dt.date.today())


def set_date(edit: DateEdit, value: dt.date) -> None:
    edit.set_value(value)


def fill_combo(combo: QComboBox, items: list[tuple[object, str]], current: object = None) -> None:
    """Replace a combo's entries, keeping (or choosing) ``current`` by its data, without signals."""
    combo.blockSignals(True)
    combo.clear()
    for key, text in items:
        combo.addItem(text, key)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)


def select_data(combo: QComboBox, value: object) -> None:
    combo.setCurrentIndex(max(0, combo.findData(value)))


def retranslate_picker(picker: UniversityPicker) -> None:
    """Names in the new language; a picker where nothing was chosen stays without a choice."""
    chosen = picker.value()
    picker.retranslate()
    if chosen is None:
        picker.setCurrentIndex(-1)


class MobilityEditor(FieldFormDialog):
    area_key = "mobility"

    def __init__(self, db, draft: MobilityDraft | None, save: Callable[[MobilityDraft], object], parent=None,
                 record_id: int | None = None, database: str = ""):
        super().__init__(save, validate_mobility, parent, record_id, database)
        self.setObjectName("mobilityEditor")
        self.db = db
        self.is_new = record_id is None
        self.person_kind = QComboBox()
        self.person_name = QLineEdit()
        self.person_email = QLineEdit()
        self.birth_date = DateEdit(optional=True)
        self.format = QComboBox()
        self.study_level = QComboBox()
        self.sending = UniversityPicker(db)
        self.receiving = UniversityPicker(db)
        self.start_date = date_edit()
        self.end_date = date_edit()
        self.agreement = QComboBox()
        self.programme = QComboBox()
        self.funding = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(70)
        # The concept paper's format rules, said while the dates are typed (a warning: never blocking).
        self.format_rules = QLabel(objectName="formatRules")
        self.format_rules.setWordWrap(True)
        self.format_rules.setStyleSheet("color: #9a5b00;")
        for key, widget in (("person_kind", self.person_kind), ("person_name", self.person_name),
                            ("person_email", self.person_email), ("birth_date", self.birth_date),
                            ("format", self.format), ("study_level", self.study_level),
                            ("sending_university_id", self.sending),
                            ("receiving_university_id", self.receiving), ("start_date", self.start_date),
                            ("end_date", self.end_date), ("agreement_id", self.agreement),
                            ("programme_uuid", self.programme), ("funding", self.funding), ("notes", self.notes)):
            self.add_row(key, widget)
        self.form.addRow(self.format_rules)
        for signal in (self.format.currentIndexChanged, self.start_date.dateChanged, self.end_date.dateChanged):
            signal.connect(lambda *_args: self._check_format())
        self._agreements = mobility.agreement_choices(db)
        self.retranslate()
        if draft is not None:
            self.load(draft)
        else:  # nothing chosen for the user: the universities are theirs to pick
            self.sending.setCurrentIndex(-1)
            self.receiving.setCurrentIndex(-1)
        self.resize(640, 620)
        self.start_tracking()

    def retranslate(self) -> None:
        self.setWindowTitle(_("New mobility record") if self.is_new else _("Edit mobility record"))
        fill_combo(self.person_kind, [(k, _(v)) for k, v in PERSON_LABELS.items()], self.person_kind.currentData())
        fill_combo(self.format, [(k, _(v)) for k, v in FORMAT_LABELS.items()], self.format.currentData())
        fill_combo(self.study_level, [("", "—")] + [(k, _(v)) for k, v in STUDY_LEVEL_LABELS.items()],
                   self.study_level.currentData())
        fill_combo(self.agreement, [(None, "—")] + [(c.id, c.label) for c in self._agreements],
                   self.agreement.currentData())
        fill_combo(self.programme, [(None, "—")] + [(c.uuid, c.label) for c in mobility.programme_choices(
            self.db, current_language())], self.programme.currentData())
        retranslate_picker(self.sending)
        retranslate_picker(self.receiving)
        self.set_labels({
            "person_kind": _("&Category"), "person_name": _("&Name (personal data)"),
            "person_email": _("E-mail (personal data)"), "birth_date": _("Date of birth (personal data)"),
            "format": _("&Format"), "study_level": _("Level of study"),
            "sending_university_id": _("&Sending university"),
            "receiving_university_id": _("&Receiving university"), "start_date": _("Start"), "end_date": _("End"),
            "agreement_id": _("Agreement"), "programme_uuid": _("Joint programme"),
            "funding": _("Scholarship or funding"), "notes": _("Notes")})
        self._check_format()

    def _check_format(self) -> None:
        found = format_problems(self.format.currentData() or "", self.start_date.date().toPython(),
                                self.end_date.date().toPython())
        self.format_rules.setText("\n".join(message.text() for message in found.values()))
        self.format_rules.setVisible(bool(found))

    def load(self, d: MobilityDraft) -> None:
        select_data(self.person_kind, d.person_kind)
        self.person_name.setText(d.person_name)
        self.person_email.setText(d.person_email)
        self.birth_date.set_value(d.birth_date)
        select_data(self.format, d.format)
        select_data(self.study_level, d.study_level)
        self.sending.select(d.sending_university_id)
        self.receiving.select(d.receiving_university_id)
        set_date(self.start_date, d.start_date)
        set_date(self.end_date, d.end_date)
        select_data(self.agreement, d.agreement_id)
        if d.programme_uuid and self.programme.findData(d.programme_uuid) < 0:
            self.programme.addItem(d.programme_uuid, d.programme_uuid)  # a programme not held here (a package)
        select_data(self.programme, d.programme_uuid)
        self.funding.setText(d.funding)
        self.notes.setPlainText(d.notes)

    def draft(self) -> MobilityDraft:
        return MobilityDraft(
            person_kind=self.person_kind.currentData(), format=self.format.currentData(),
            sending_university_id=self.sending.value(), receiving_university_id=self.receiving.value(),
            start_date=self.start_date.date().toPython(), end_date=self.end_date.date().toPython(),
            person_name=self.person_name.text().strip(), person_email=self.person_email.text().strip(),
            birth_date=self.birth_date.value(), agreement_id=self.agreement.currentData(),
            programme_uuid=self.programme.currentData(), funding=self.funding.text().strip(),
            notes=self.notes.toPlainText(), study_level=self.study_level.currentData() or "")

    def journal_title(self) -> str:
        # Never the person's name: the title is shown when a draft is offered back after a crash.
        return self.windowTitle()


class PartnerList(QWidget):
    """The partner universities of an event: chosen one at a time with the shared picker."""

    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self.picker = UniversityPicker(db)
        self.picker.setObjectName("partnerPicker")
        self.picker.setCurrentIndex(-1)
        self.add = QPushButton(objectName="addPartner")
        self.remove = QPushButton(objectName="removePartner")
        self.list = QListWidget(objectName="partnerList")
        self.list.setMaximumHeight(110)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.picker, 1)
        row.addWidget(self.add)
        row.addWidget(self.remove)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.list)
        self.add.clicked.connect(self._add_chosen)
        self.remove.clicked.connect(self.remove_selected)
        self.retranslate()

    def retranslate(self) -> None:
        self.add.setText(_("Add partner"))
        self.remove.setText(_("Remove"))
        retranslate_picker(self.picker)
        self.set_ids(self.ids())  # the names in the language of the moment

    def ids(self) -> list[int]:
        return [self.list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.list.count())]

    def set_ids(self, ids: list[int]) -> None:
        found = {choice.id: choice for choice in shared_choices.universities(self.db, ids=list(ids))} if ids else {}
        self.list.clear()
        for university_id in ids:
            choice = found.get(university_id)
            text = (_("{university} ({country})").format(university=choice.label,
                                                          country=formatting.country_name(choice.country))
                    if choice else str(university_id))
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, university_id)
            self.list.addItem(item)

    def _add_chosen(self) -> None:
        self.add_partner(self.picker.value())
        self.picker.setCurrentIndex(-1)  # ready for the next partner

    def add_partner(self, university_id: int | None) -> None:
        if university_id is not None and university_id not in self.ids():
            self.set_ids([*self.ids(), university_id])

    def remove_selected(self) -> None:
        for item in self.list.selectedItems():
            self.list.takeItem(self.list.row(item))


class EventEditor(FieldFormDialog):
    area_key = "events"

    def __init__(self, db, draft: EventDraft | None, save: Callable[[EventDraft], object], parent=None,
                 record_id: int | None = None, database: str = ""):
        super().__init__(save, validate_event, parent, record_id, database)
        self.setObjectName("eventEditor")
        self.db = db
        self.is_new = record_id is None
        self.kind = QComboBox()
        self.title = QLineEdit()
        self.start_date = date_edit()
        self.end_date = date_edit()
        self.host = UniversityPicker(db)
        self.partners = PartnerList(db)
        self.participants = QSpinBox()
        self.participants.setRange(0, 1_000_000)
        self.participants.setGroupSeparatorShown(True)
        self.area = QComboBox()
        self.outcome = QPlainTextEdit()
        self.outcome.setMaximumHeight(70)
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(60)
        for key, widget in (("kind", self.kind), ("title", self.title), ("start_date", self.start_date),
                            ("end_date", self.end_date), ("host_university_id", self.host),
                            ("partner_ids", self.partners), ("participants", self.participants),
                            ("area_key", self.area), ("outcome", self.outcome), ("notes", self.notes)):
            self.add_row(key, widget)
        self.retranslate()
        if draft is not None:
            self.load(draft)
        else:
            self.host.setCurrentIndex(-1)
        self.resize(660, 640)
        self.start_tracking()

    def retranslate(self) -> None:
        self.setWindowTitle(_("New joint event") if self.is_new else _("Edit joint event"))
        fill_combo(self.kind, [(k, _(v)) for k, v in EVENT_LABELS.items()], self.kind.currentData())
        fill_combo(self.area, [(None, "—")] + [(a.key, _(a.title)) for a in COOPERATION_AREAS],
                   self.area.currentData())
        retranslate_picker(self.host)
        self.partners.retranslate()
        self.set_labels({
            "kind": _("&Kind"), "title": _("&Title"), "start_date": _("Start"), "end_date": _("End"),
            "host_university_id": _("&Host"), "partner_ids": _("Partner universities"),
            "participants": _("Participants"), "area_key": _("Area of cooperation"), "outcome": _("Outcome"),
            "notes": _("Notes")})

    def load(self, d: EventDraft) -> None:
        select_data(self.kind, d.kind)
        self.title.setText(d.title)
        set_date(self.start_date, d.start_date)
        set_date(self.end_date, d.end_date)
        self.host.select(d.host_university_id)
        self.partners.set_ids(list(d.partner_ids))
        self.participants.setValue(d.participants)
        select_data(self.area, d.area_key)
        self.outcome.setPlainText(d.outcome)
        self.notes.setPlainText(d.notes)

    def draft(self) -> EventDraft:
        return EventDraft(self.kind.currentData(), self.title.text(), self.start_date.date().toPython(),
                          self.end_date.date().toPython(), self.host.value(), self.partners.ids(),
                          self.participants.value(), self.area.currentData(), self.outcome.toPlainText(),
                          self.notes.toPlainText())

    def journal_title(self) -> str:
        return self.title.text().strip() or self.windowTitle()
