"""Editors for a mobility record and a joint event, with field-level messages."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.mobility import (
    EVENT_LABELS,
    FORMAT_LABELS,
    PERSON_LABELS,
    EventDraft,
    MobilityDraft,
    validate_event,
    validate_mobility,
)
from desktop_app.domain.reference import COOPERATION_AREAS
from desktop_app.i18n import _
from desktop_app.ui.common.record_widgets import OptionalDateEdit, UniversityCombo, field_error_label
from desktop_app.ui.core.language import Retranslatable


def _date_edit(value: dt.date | None = None) -> QDateEdit:
    edit = QDateEdit()
    edit.setCalendarPopup(True)
    value = value or dt.date.today()
    edit.setDate(QDate(value.year, value.month, value.day))
    return edit


class _FormDialog(Retranslatable, QDialog):
    """A form whose rows each carry a label and an error line under the field."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.form = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    def add_row(self, key: str, widget: QWidget) -> None:
        widget.setObjectName(key)
        box = QWidget()
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(widget)
        self.errors[key] = field_error_label()
        inner.addWidget(self.errors[key])
        self.labels[key] = QLabel()
        self.labels[key].setBuddy(widget)
        self.form.addRow(self.labels[key], box)

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            label.setText(errors.get(key, ""))
            label.setVisible(key in errors)

    @staticmethod
    def fill(combo: QComboBox, items) -> None:
        current = combo.currentData()
        combo.clear()
        for key, text in items:
            combo.addItem(text, key)
        if current is not None and combo.findData(current) >= 0:
            combo.setCurrentIndex(combo.findData(current))


class MobilityDialog(_FormDialog):
    def __init__(self, universities, agreements, draft: MobilityDraft | None = None, parent=None):
        super().__init__(parent)
        self.result_draft: MobilityDraft | None = None
        self.person_kind = QComboBox()
        self.person_name = QLineEdit()
        self.person_email = QLineEdit()
        self.birth_date = OptionalDateEdit()
        self.format = QComboBox()
        self.sending = UniversityCombo(universities)
        self.receiving = UniversityCombo(universities)
        self.start_date = _date_edit()
        self.end_date = _date_edit()
        self.agreement = QComboBox()
        self.agreement.addItem("—", None)
        for agreement_id, title in agreements:
            self.agreement.addItem(title, agreement_id)
        self.programme = QLineEdit()
        self.funding = QLineEdit()
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(60)
        for key, widget in (("person_kind", self.person_kind), ("person_name", self.person_name),
                            ("person_email", self.person_email), ("birth_date", self.birth_date),
                            ("format", self.format), ("sending_university_id", self.sending),
                            ("receiving_university_id", self.receiving), ("start_date", self.start_date),
                            ("end_date", self.end_date), ("agreement_id", self.agreement),
                            ("programme_uuid", self.programme), ("funding", self.funding), ("notes", self.notes)):
            self.add_row(key, widget)
        self.retranslate()
        if draft is not None:
            self.load(draft)
        self.resize(620, 560)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Mobility"))
        self.fill(self.person_kind, [(k, _(v)) for k, v in PERSON_LABELS.items()])
        self.fill(self.format, [(k, _(v)) for k, v in FORMAT_LABELS.items()])
        for key, text in (("person_kind", _("&Category")), ("person_name", _("&Name (personal data)")),
                          ("person_email", _("E-mail (personal data)")),
                          ("birth_date", _("Date of birth (personal data)")), ("format", _("&Format")),
                          ("sending_university_id", _("&Sending university")),
                          ("receiving_university_id", _("&Receiving university")), ("start_date", _("Start")),
                          ("end_date", _("End")), ("agreement_id", _("Agreement")),
                          ("programme_uuid", _("Joint programme (identifier)")),
                          ("funding", _("Scholarship or funding")), ("notes", _("Notes"))):
            self.labels[key].setText(text)

    def load(self, d: MobilityDraft) -> None:
        self.person_kind.setCurrentIndex(max(0, self.person_kind.findData(d.person_kind)))
        self.person_name.setText(d.person_name)
        self.person_email.setText(d.person_email)
        self.birth_date.set_value(d.birth_date)
        self.format.setCurrentIndex(max(0, self.format.findData(d.format)))
        self.sending.select(d.sending_university_id)
        self.receiving.select(d.receiving_university_id)
        self.start_date.setDate(QDate(d.start_date.year, d.start_date.month, d.start_date.day))
        self.end_date.setDate(QDate(d.end_date.year, d.end_date.month, d.end_date.day))
        self.agreement.setCurrentIndex(max(0, self.agreement.findData(d.agreement_id)))
        self.programme.setText(d.programme_uuid or "")
        self.funding.setText(d.funding)
        self.notes.setPlainText(d.notes)

    def draft(self) -> MobilityDraft:
        return MobilityDraft(
            person_kind=self.person_kind.currentData(), format=self.format.currentData(),
            sending_university_id=self.sending.currentData(), receiving_university_id=self.receiving.currentData(),
            start_date=self.start_date.date().toPython(), end_date=self.end_date.date().toPython(),
            person_name=self.person_name.text().strip(), person_email=self.person_email.text().strip(),
            birth_date=self.birth_date.value(), agreement_id=self.agreement.currentData(),
            programme_uuid=self.programme.text().strip() or None, funding=self.funding.text().strip(),
            notes=self.notes.toPlainText())

    def accept(self) -> None:
        draft = self.draft()
        errors = validate_mobility(draft)
        self.show_errors(errors)
        if not errors:
            self.result_draft = draft
            super().accept()


class EventDialog(_FormDialog):
    def __init__(self, universities, draft: EventDraft | None = None, parent=None):
        super().__init__(parent)
        self.result_draft: EventDraft | None = None
        self.kind = QComboBox()
        self.title = QLineEdit()
        self.start_date = _date_edit()
        self.end_date = _date_edit()
        self.host = UniversityCombo(universities)
        self.partners = QListWidget()
        for university_id, name, _country in universities:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, university_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.partners.addItem(item)
        self.partners.setMaximumHeight(140)
        self.participants = QSpinBox()
        self.participants.setRange(0, 100_000)
        self.area = QComboBox()
        self.outcome = QPlainTextEdit()
        self.outcome.setMaximumHeight(60)
        for key, widget in (("kind", self.kind), ("title", self.title), ("start_date", self.start_date),
                            ("end_date", self.end_date), ("host_university_id", self.host),
                            ("partner_ids", self.partners), ("participants", self.participants),
                            ("area_key", self.area), ("outcome", self.outcome)):
            self.add_row(key, widget)
        self.retranslate()
        if draft is not None:
            self.load(draft)
        self.resize(620, 560)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Joint event"))
        self.fill(self.kind, [(k, _(v)) for k, v in EVENT_LABELS.items()])
        self.fill(self.area, [("", "—")] + [(a.key, _(a.title)) for a in COOPERATION_AREAS])
        for key, text in (("kind", _("&Kind")), ("title", _("&Title")), ("start_date", _("Start")),
                          ("end_date", _("End")), ("host_university_id", _("&Host")),
                          ("partner_ids", _("Partner universities")), ("participants", _("Participants")),
                          ("area_key", _("Area of cooperation")), ("outcome", _("Outcome"))):
            self.labels[key].setText(text)

    def load(self, d: EventDraft) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(d.kind)))
        self.title.setText(d.title)
        self.start_date.setDate(QDate(d.start_date.year, d.start_date.month, d.start_date.day))
        self.end_date.setDate(QDate(d.end_date.year, d.end_date.month, d.end_date.day))
        self.host.select(d.host_university_id)
        for r in range(self.partners.count()):
            item = self.partners.item(r)
            checked = item.data(Qt.ItemDataRole.UserRole) in d.partner_ids
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.participants.setValue(d.participants)
        self.area.setCurrentIndex(max(0, self.area.findData(d.area_key or "")))
        self.outcome.setPlainText(d.outcome)

    def draft(self) -> EventDraft:
        partners = [self.partners.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.partners.count())
                    if self.partners.item(r).checkState() == Qt.CheckState.Checked]
        return EventDraft(self.kind.currentData(), self.title.text(), self.start_date.date().toPython(),
                          self.end_date.date().toPython(), self.host.currentData(), partners,
                          self.participants.value(), self.area.currentData() or None, self.outcome.toPlainText())

    def accept(self) -> None:
        draft = self.draft()
        errors = validate_event(draft)
        self.show_errors(errors)
        if not errors:
            self.result_draft = draft
            super().accept()
