"""The transcript of records of a student's mobility and the credits recognised at home: the grades and
credits received (typed, or read from a CSV file through the transcript service), each grade shown
converted to the home university's scale by the two universities' grading tables, and one recognition per
component of the agreement's table B. Fewer credits than agreed without a reason are refused, the message
naming the component, at its cell.

The dialog never writes itself: ``save`` (given by the page) runs the undoable command over the mobility
record, which owns the transcript. Grades are personal data: they are shown only in this dialog, opened
deliberately for one mobility.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from desktop_app.domain.contract import Message
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.transcripts import (
    RecognitionDraft,
    TranscriptDraft,
    TranscriptEntryDraft,
    convert_grade,
)
from desktop_app.i18n import _
from desktop_app.services import mobility, records, transcripts
from desktop_app.ui.common.date_edit import DateEdit
from desktop_app.ui.common.field_form import error_label
from desktop_app.ui.common.form_dialog import FormDialog
from desktop_app.ui.core import commands
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.mobility.grid import grid, mark_problems, number_text, read_number, set_text, text_at

E_CODE, E_TITLE, E_CREDITS, E_GRADE, E_CONVERTED = range(5)
R_COMPONENT, R_AGREED, R_RECOGNISED, R_GRADE, R_REASON = range(5)
ENTRY_COLUMNS = {"code": E_CODE, "title": E_TITLE, "credits": E_CREDITS, "grade": E_GRADE}
RECOGNITION_COLUMNS = {"title": R_COMPONENT, "credits_recognised": R_RECOGNISED, "grade": R_GRADE,
                       "reason": R_REASON}
LOADED = Qt.ItemDataRole.UserRole  # a row's first cell keeps the line as loaded (its links to the agreement)


class TranscriptEditor(Retranslatable, FormDialog):
    area_key = "transcripts"  # journaled under the mobility's id

    def __init__(self, db, mobility_id: int, save: Callable[[TranscriptDraft], object], runner=None,
                 undo_stack=None, parent=None, recovered: TranscriptDraft | None = None):
        super().__init__(parent, mobility_id, db.url)
        self.setObjectName("transcriptEditor")
        self.db, self.mobility_id, self.save, self.runner, self.undo_stack = db, mobility_id, save, runner, undo_stack
        self._typing: dict[str, Message] = {}
        record = mobility.get(db, mobility_id).draft
        self.receiving_scale = transcripts.grade_table(db, record.receiving_university_id).grades
        self.home_scale = transcripts.grade_table(db, record.sending_university_id).grades
        self.received_label = QLabel()
        self.received_on = DateEdit(optional=True)
        self.received_on.setObjectName("transcriptReceivedOn")
        top = QHBoxLayout()
        top.addWidget(self.received_label)
        top.addWidget(self.received_on)
        top.addStretch(1)
        self.scales = QLabel(objectName="transcriptScales")
        self.scales.setWordWrap(True)

        self.entries_box = QGroupBox()
        self.entries = grid("transcriptEntries", 5, stretch=E_TITLE)
        self.add_entry = QPushButton(objectName="transcriptAddLine")
        self.remove_entry = QPushButton(objectName="transcriptRemoveLine")
        self.import_button = QPushButton(objectName="transcriptImportCsv")
        self.entries_error = error_label()
        entry_actions = QHBoxLayout()
        for button in (self.add_entry, self.remove_entry):
            entry_actions.addWidget(button)
        entry_actions.addStretch(1)
        entry_actions.addWidget(self.import_button)
        box = QVBoxLayout(self.entries_box)
        box.addWidget(self.entries)
        box.addLayout(entry_actions)
        box.addWidget(self.entries_error)

        self.recognition_box = QGroupBox()
        self.recognitions = grid("transcriptRecognitions", 5, stretch=R_REASON)
        self.propose = QPushButton(objectName="transcriptPropose")
        self.recognitions_error = error_label()
        recognition_actions = QHBoxLayout()
        recognition_actions.addStretch(1)
        recognition_actions.addWidget(self.propose)
        rbox = QVBoxLayout(self.recognition_box)
        rbox.addWidget(self.recognitions)
        rbox.addLayout(recognition_actions)
        rbox.addWidget(self.recognitions_error)

        self.general_error = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.scales)
        layout.addWidget(self.entries_box, 1)
        layout.addWidget(self.recognition_box, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        self.add_entry.clicked.connect(lambda: self._add_entry(TranscriptEntryDraft("")))
        self.remove_entry.clicked.connect(lambda: self.entries.removeRow(self.entries.currentRow()))
        self.import_button.clicked.connect(self.import_csv)
        self.propose.clicked.connect(self.take_from_agreement)
        self.entries.itemChanged.connect(self._converted)
        self.resize(900, 680)
        stored = transcripts.get(db, mobility_id)
        self._load(recovered or stored)
        self.retranslate()
        self.start_tracking()
        if recovered is not None:  # typed before a session ended abruptly, compared with what is stored
            self.set_baseline(stored)

    # --- loading ------------------------------------------------------------------------------------
    def _load(self, draft: TranscriptDraft) -> None:
        self.received_on.set_value(draft.received_on)
        self.entries.setRowCount(0)
        self.recognitions.setRowCount(0)
        for entry in draft.entries:
            self._add_entry(entry)
        for recognition in draft.recognitions:
            self._add_recognition(recognition)

    def _add_entry(self, entry: TranscriptEntryDraft) -> None:
        table = self.entries
        table.blockSignals(True)
        row = table.rowCount()
        table.insertRow(row)
        for column, text in ((E_CODE, entry.code), (E_TITLE, entry.title), (E_CREDITS, number_text(entry.credits)),
                             (E_GRADE, entry.grade)):
            set_text(table, row, column, text)
        set_text(table, row, E_CONVERTED, "", editable=False)
        table.item(row, E_CODE).setData(LOADED, entry)
        table.blockSignals(False)
        self._show_conversion(row)

    def _add_recognition(self, item: RecognitionDraft) -> None:
        table = self.recognitions
        row = table.rowCount()
        table.insertRow(row)
        set_text(table, row, R_COMPONENT, item.title, editable=False).setData(LOADED, item)
        set_text(table, row, R_AGREED, number_text(item.credits_agreed), editable=False)
        set_text(table, row, R_RECOGNISED, number_text(item.credits_recognised))
        set_text(table, row, R_GRADE, item.grade)
        set_text(table, row, R_REASON, item.reason)

    def _converted(self, item) -> None:
        if item.column() == E_GRADE:
            self._show_conversion(item.row())

    def _show_conversion(self, row: int) -> None:
        """The grade on the home university's scale, by the two grading tables (empty when they cannot say)."""
        grade = text_at(self.entries, row, E_GRADE)
        converted = convert_grade(grade, self.receiving_scale, self.home_scale).grade if grade else ""
        self.entries.blockSignals(True)
        self.entries.item(row, E_CONVERTED).setText(converted)
        self.entries.blockSignals(False)

    # --- reading the widgets ------------------------------------------------------------------------
    def _number(self, table, row: int, column: int, key: str, fallback: float) -> float:
        text = text_at(table, row, column)
        try:
            value = read_number(text)
        except ValueError:
            self._typing[key] = Message("Not a number: {value}", {"value": text})
            return fallback
        return fallback if value is None else value

    def draft(self) -> TranscriptDraft:
        self._typing = {}
        entries = []
        for row in range(self.entries.rowCount()):
            loaded = self.entries.item(row, E_CODE).data(LOADED) or TranscriptEntryDraft("")
            entries.append(TranscriptEntryDraft(
                text_at(self.entries, row, E_TITLE),
                self._number(self.entries, row, E_CREDITS, f"entries[{row}].credits", 0.0),
                text_at(self.entries, row, E_GRADE), text_at(self.entries, row, E_CODE), loaded.passed,
                loaded.component_uuid))
        recognitions = []
        for row in range(self.recognitions.rowCount()):
            loaded = copy.copy(self.recognitions.item(row, R_COMPONENT).data(LOADED))
            loaded.credits_recognised = self._number(self.recognitions, row, R_RECOGNISED,
                                                     f"recognitions[{row}].credits_recognised", 0.0)
            loaded.grade = text_at(self.recognitions, row, R_GRADE)
            loaded.reason = text_at(self.recognitions, row, R_REASON)
            recognitions.append(loaded)
        return TranscriptDraft(self.received_on.value(), entries, recognitions)

    def save_draft(self, draft: TranscriptDraft) -> None:
        if self._typing:
            raise ValidationError(dict(self._typing))
        self.save(draft)

    def show_problems(self, problems: dict[str, str]) -> None:
        shown = []
        for table, prefix, columns, label in (
                (self.entries, "entries", ENTRY_COLUMNS, self.entries_error),
                (self.recognitions, "recognitions", RECOGNITION_COLUMNS, self.recognitions_error)):
            found = mark_problems(table, problems, prefix, columns)
            label.setText("\n".join(found))
            label.setVisible(bool(found))
            shown += found
        rest = [text for text in problems.values() if text not in shown]
        self.general_error.setText("\n".join(rest))
        self.general_error.setVisible(bool(rest))
        if shown:
            table = self.recognitions if self.recognitions_error.isVisible() else self.entries
            table.setFocus()

    # --- texts --------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(_("Transcript of records and recognition"))
        self.received_label.setText(_("Received on"))
        self.entries_box.setTitle(_("Transcript"))
        self.entries.setHorizontalHeaderLabels([_("Code"), _("Title"), _("Credits"), _("Grade"),
                                                _("Grade at home")])
        self.add_entry.setText(_("&Add"))
        self.remove_entry.setText(_("&Remove"))
        self.import_button.setText(_("Import &CSV…"))
        self.recognition_box.setTitle(_("Recognised"))
        self.recognitions.setHorizontalHeaderLabels([_("Component"), _("Credits agreed"), _("Credits recognised"),
                                                     _("Grade"), _("Reason")])
        self.propose.setText(_("Take from the &learning agreement"))
        self.scales.setText("" if self.receiving_scale and self.home_scale else _(
            "Grades are converted once both universities have a grading table (Grading tables…)."))
        self.scales.setVisible(not (self.receiving_scale and self.home_scale))

    # --- actions ------------------------------------------------------------------------------------
    def take_from_agreement(self) -> None:
        """One recognition per component of table B of the signed agreement, the grade converted."""
        proposed = transcripts.proposed_recognitions(self.db, self.mobility_id, dt.date.today())
        if not proposed:
            QMessageBox.information(self, _("Transcript of records and recognition"),
                                    _("The learning agreement is not yet signed by the student and both "
                                      "coordinators."))
            return
        self.recognitions.setRowCount(0)
        for item in proposed:
            self._add_recognition(item)

    def import_csv(self) -> None:
        if self.has_unsaved_changes():
            QMessageBox.information(self, _("Transcript of records and recognition"), _(
                "Save the transcript first: an import replaces its lines."))
            return
        path, _filter = QFileDialog.getOpenFileName(self, _("Import a transcript of records"), "",
                                                    _("Tables (*.csv *.xlsx)"))
        if not path:
            return
        from desktop_app.exchange.transcript_files import import_csv

        db, mobility_id = self.db, self.mobility_id

        def work(_progress):
            before = records.snapshot_of(db, mobility.KIND, mobility_id)
            import_csv(db, mobility_id, path)
            return before, records.snapshot_of(db, mobility.KIND, mobility_id)

        def done(snapshots) -> None:
            commands.record_done(self.undo_stack, commands.ChangeRecord.done(
                db, mobility, mobility_id, *snapshots, _("Import transcript of records")))
            self._load(transcripts.get(db, mobility_id))
            self.start_tracking()

        self.runner.run(work, title=_("Importing"), on_done=done, parent=self)
