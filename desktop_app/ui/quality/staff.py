"""The Staff development tab: retraining and professional-development programmes for teachers (artificial
intelligence, big data, adaptive learning, virtual reality and others), the staff of the partner
universities who took part, and how many took part per university and year.

A participant's name and e-mail address are personal data: the list of participants shows them masked,
and they are shown only when the user deliberately ticks "Show personal data" (which asks first, and
falls back to masked when another programme is chosen)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSpinBox,
)

from desktop_app.domain.staff_development import (
    FORMAT_LABELS,
    TOPIC_LABELS,
    ParticipantDraft,
    StaffDevelopmentDraft,
)
from desktop_app.i18n import _, current_language, formatting, ngettext
from desktop_app.services import staff_development, university_names
from desktop_app.ui.common.choosers import OrganisationPicker, UniversityPicker
from desktop_app.ui.common.date_edit import DateEdit
from desktop_app.ui.common.field_form import FieldFormDialog
from desktop_app.ui.mobility.dialogs import fill_combo, retranslate_picker, select_data
from desktop_app.ui.quality.common import RecordTab, cell, refill, small_table
from desktop_app.ui.quality.models import ST_TITLE, StaffTableModel
from desktop_app.ui.quality.rows import CHOICE, TEXT, WIDGET, RowsTable


class StaffEditor(FieldFormDialog):
    area_key = "staff_development"

    def __init__(self, db, draft: StaffDevelopmentDraft | None, save, parent=None, record_id: int | None = None,
                 database: str = ""):
        super().__init__(save, staff_development.validate, parent, record_id, database)
        self.setObjectName("staffEditor")
        self.db = db
        self.is_new = record_id is None
        self.title = QLineEdit(objectName="staffTitle")
        self.topic = QComboBox(objectName="staffTopic")
        self.topic_detail = QLineEdit(objectName="staffTopicDetail")
        self.delivery = QComboBox(objectName="staffFormat")
        self.start_date = DateEdit(None, optional=True)
        self.end_date = DateEdit(None, optional=True)
        self.hours = QSpinBox(objectName="staffHours")
        self.hours.setRange(0, 10_000)
        self.hours.setSpecialValueText("—")
        self.provider = OrganisationPicker(db, allow_none=True)
        self.provider.setObjectName("staffProvider")
        self.notes = QPlainTextEdit(objectName="staffNotes")
        self.notes.setMaximumHeight(70)
        self.participants = RowsTable("participants", [
            (WIDGET, lambda: UniversityPicker(db)), (TEXT, list), (TEXT, list), (TEXT, list),
            (CHOICE, lambda: [(True, _("Completed")), (False, _("Not completed"))])])
        self.participants.stretch(0, 1)
        for key, widget in (("title", self.title), ("topic", self.topic), ("topic_detail", self.topic_detail),
                            ("provider_id", self.provider), ("delivery", self.delivery),
                            ("start_date", self.start_date), ("end_date", self.end_date), ("hours", self.hours),
                            ("notes", self.notes), ("participants", self.participants)):
            self.add_row(key, widget)
        self.retranslate()
        if draft is not None:
            self.title.setText(draft.title)
            select_data(self.topic, draft.topic)
            self.topic_detail.setText(draft.topic_detail)
            self.provider.select(draft.provider_id)
            select_data(self.delivery, draft.delivery)
            self.start_date.set_value(draft.start_date)
            self.end_date.set_value(draft.end_date)
            self.hours.setValue(draft.hours or 0)
            self.notes.setPlainText(draft.notes)
            for person in draft.participants:
                self.participants.add_row([person.university_id, person.name, person.email, person.job_title,
                                           person.completed], key=person.uuid)
        self.resize(900, 700)
        self.start_tracking()

    def retranslate(self) -> None:
        self.setWindowTitle(_("New staff development programme") if self.is_new
                            else _("Edit staff development programme"))
        fill_combo(self.topic, [(key, _(text)) for key, text in TOPIC_LABELS.items()], self.topic.currentData())
        fill_combo(self.delivery, [(key, _(text)) for key, text in FORMAT_LABELS.items()],
                   self.delivery.currentData())
        self.set_labels({"title": _("&Title"), "topic": _("T&opic"), "topic_detail": _("Topic in detail"),
                         "provider_id": _("Provider"),
                         "delivery": _("&Format"), "start_date": _("&Start"), "end_date": _("&End"),
                         "hours": _("Hours"), "notes": _("&Notes"), "participants": _("Participants")})
        self.participants.set_texts([_("University"), _("Name"), _("E-mail"), _("Position"), _("Completed")],
                                    _("Add participant"), _("Remove participant"))
        for row in range(self.participants.table.rowCount()):
            retranslate_picker(self.participants.table.cellWidget(row, 0))
        self.provider.retranslate()

    def draft(self) -> StaffDevelopmentDraft:
        hours = self.hours.value() or None
        return StaffDevelopmentDraft(
            self.title.text().strip(), self.topic.currentData(), self.topic_detail.text().strip(),
            self.provider.value(), self.delivery.currentData(), self.start_date.value(),
            self.end_date.value(), hours, self.notes.toPlainText().strip(),
            [ParticipantDraft(values[0], values[1], values[2], values[3], bool(values[4]), key)
             for key, values in self.participants.rows()])

    def journal_title(self) -> str:
        return self.title.text().strip()


class StaffTab(RecordTab):
    service = staff_development
    draft_class = StaffDevelopmentDraft
    stretch_columns = (ST_TITLE,)

    def __init__(self, page, parent=None):
        super().__init__(page, StaffTableModel(), "staff", parent)
        self.topic = self.add_filter_combo("staffTopicFilter")
        self.reveal = QCheckBox(objectName="revealParticipants")
        self.reveal.toggled.connect(self._reveal_toggled)
        self.participants_label = QLabel(objectName="participantsLabel")
        self.participants = small_table("participantsTable", 5, 2, 160)
        self.counts_label = QLabel(objectName="staffCountsLabel")
        self.counts = small_table("staffCounts", 4, 1, 140)
        heading = QHBoxLayout()
        heading.addWidget(self.participants_label, 1)
        heading.addWidget(self.reveal)
        for item in (heading, self.participants, self.counts_label, self.counts):
            (self.layout().addLayout if isinstance(item, QHBoxLayout) else self.layout().addWidget)(item)

    def empty_text(self) -> str:
        return _("No staff development yet. Record a retraining programme for teachers — artificial intelligence, "
                 "big data, adaptive learning, virtual reality — and the staff who took part.")

    def new_text(self) -> str:
        return _("&New programme…")

    def count_text(self, total: int) -> str:
        # Not "{count} programme": a record's own title ending in "programme" would read as untranslated.
        return ngettext("{count} staff development programme", "{count} staff development programmes", total).format(
            count=formatting.format_number(total))

    def retranslate(self) -> None:
        self.reveal.setText(_("Show personal data"))
        self.participants.setHorizontalHeaderLabels([_("Name"), _("E-mail"), _("University"), _("Position"),
                                                     _("Completed")])
        self.counts_label.setText(_("Staff who took part, per university and year"))
        self.counts.setHorizontalHeaderLabels([_("Year"), _("University"), _("Took part"), _("Completed")])
        super().retranslate()

    def refill_filters(self) -> None:
        refill(self.topic, _("Every topic"), [(key, _(text)) for key, text in TOPIC_LABELS.items()])
        self.fill_participants()
        self.fill_counts()

    def query(self):
        return replace(self.model.query, search=self.search.text(), topic=self.topic.currentData())

    def delete_question(self, name: str) -> tuple[str, str]:
        return _("Delete programme"), _("Delete “{title}” with its participants? You can undo this with "
                                        "Edit ▸ Undo.").format(title=name)

    def make_editor(self, db, draft, save, record_id):
        return StaffEditor(db, draft, save, self, record_id, db.url)

    def selection_changed(self) -> None:
        super().selection_changed()
        if self.reveal.isChecked():  # shown for one programme, deliberately: another one comes masked
            self.reveal.blockSignals(True)
            self.reveal.setChecked(False)
            self.reveal.blockSignals(False)
        self.fill_participants()

    def _reveal_toggled(self, on: bool) -> None:
        if on and not self._confirm_reveal():
            self.reveal.blockSignals(True)
            self.reveal.setChecked(False)
            self.reveal.blockSignals(False)
            return
        if on:
            from desktop_app.services import data_access

            data_access.record_reveal(self.page.context.db, "staff development participants")
        self.fill_participants()

    def _confirm_reveal(self) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Show personal data"))
        box.setText(_("Show the names and e-mail addresses of this programme's participants? They are personal "
                      "data: show them only when your work needs them."))
        show = box.addButton(_("Show"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.exec()
        return box.clickedButton() is show

    def fill_participants(self) -> None:
        db = self.page.context.db
        row = self.selected()
        people = staff_development.participants(db, row.id, self.reveal.isChecked()) if db and row else []
        names = university_names.names_for_reader(db, {p.university_id for p in people},
                                                  current_language()) if people else {}
        self.participants.setRowCount(len(people))
        for index, person in enumerate(people):
            texts = [person.name, person.email, names.get(person.university_id, person.university_name),
                     person.job_title, _("Completed") if person.completed else _("Not completed")]
            for column, text in enumerate(texts):
                self.participants.setItem(index, column, cell(text))
        self.participants_label.setText(
            _("Choose a programme to see who took part.") if row is None else ngettext(
                "{count} participant of “{title}”", "{count} participants of “{title}”", len(people)).format(
                count=formatting.format_number(len(people)), title=row.title))

    def fill_counts(self) -> None:
        db = self.page.context.db
        found = staff_development.counts(db) if db is not None else []
        names = university_names.names_for_reader(db, {c.university_id for c in found},
                                                  current_language()) if found else {}
        self.counts.setRowCount(len(found))
        for index, count in enumerate(found):
            texts = [formatting.localise_digits(str(count.year)), names.get(count.university_id, ""),
                     formatting.format_number(count.participants), formatting.format_number(count.completed)]
            for column, text in enumerate(texts):
                self.counts.setItem(index, column, cell(text))
