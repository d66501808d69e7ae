"""A university's grading table: its grades best first, each with its ECTS grade, whether it is a pass and,
where the university publishes its ECTS grading table, the share of passing students given it. Transcript
grades are converted between two universities by these tables.

The table belongs to the university: a save is undone with Edit ▸ Undo as a change to the university record
(``commands.ChangeRecord`` over ``services.universities``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop_app.domain.contract import Message
from desktop_app.domain.errors import UserError, ValidationError
from desktop_app.domain.transcripts import ECTS_GRADES, GradeDraft, GradeTableDraft
from desktop_app.i18n import _
from desktop_app.services import transcripts, universities
from desktop_app.ui.common.choosers import UniversityPicker
from desktop_app.ui.common.field_form import error_label
from desktop_app.ui.common.form_dialog import CANCEL, DISCARD, SAVE, FormDialog, ask_unsaved
from desktop_app.ui.core import commands
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.mobility.grid import combo, grid, mark_problems, number_text, read_number, set_text, text_at

G_GRADE, G_ECTS, G_PASSING, G_SHARE = range(4)
COLUMNS = {"grade": G_GRADE, "ects_grade": G_ECTS, "passing": G_PASSING, "share": G_SHARE}


class GradingTableEditor(Retranslatable, FormDialog):
    def __init__(self, db, undo_stack, university_id: int | None = None, parent=None):
        super().__init__(parent, university_id, db.url)
        self.setObjectName("gradingTableEditor")
        self.db, self.undo_stack = db, undo_stack
        self._typing: dict[str, Message] = {}
        self.university_label = QLabel()
        self.university = UniversityPicker(db)
        self.university.setObjectName("gradingUniversity")
        top = QHBoxLayout()
        top.addWidget(self.university_label)
        top.addWidget(self.university, 1)
        self.note = QLabel(objectName="gradingNote")
        self.note.setWordWrap(True)
        self.grades = grid("gradingTable", 4, stretch=G_GRADE)
        self.add_grade = QPushButton(objectName="gradingAdd")
        self.remove_grade = QPushButton(objectName="gradingRemove")
        actions = QHBoxLayout()
        actions.addWidget(self.add_grade)
        actions.addWidget(self.remove_grade)
        actions.addStretch(1)
        self.error = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.grades, 1)
        layout.addLayout(actions)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.save_table)
        self.buttons.rejected.connect(self.reject)
        self.add_grade.clicked.connect(lambda: self._add(GradeDraft("")))
        self.remove_grade.clicked.connect(lambda: self.grades.removeRow(self.grades.currentRow()))
        self.university.select(university_id)
        self._shown = self.university.value()
        self.university.currentIndexChanged.connect(lambda _i: self._switch())
        self.resize(620, 560)
        self._load()
        self.retranslate()
        self.start_tracking()

    def _load(self) -> None:
        self.grades.setRowCount(0)
        self.error.hide()
        if self._shown is not None:
            for row in transcripts.grade_table(self.db, self._shown).grades:
                self._add(row)
        for widget in (self.grades, self.add_grade, self.remove_grade):
            widget.setEnabled(self._shown is not None)

    def _add(self, row: GradeDraft) -> None:
        table = self.grades
        index = table.rowCount()
        table.insertRow(index)
        set_text(table, index, G_GRADE, row.grade)
        table.setCellWidget(index, G_ECTS, combo([("", ""), *[(g, g) for g in ECTS_GRADES]], row.ects_grade))
        passing = QTableWidgetItem()
        passing.setFlags(passing.flags() & ~Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable)
        passing.setCheckState(Qt.CheckState.Checked if row.passing else Qt.CheckState.Unchecked)
        table.setItem(index, G_PASSING, passing)
        set_text(table, index, G_SHARE, number_text(row.share))

    def _switch(self) -> None:
        """Another university: its table, once what was typed for the previous one is saved or let go."""
        chosen = self.university.value()
        if chosen == self._shown:
            return
        if self.has_unsaved_changes():
            answer = ask_unsaved(self, self.unsaved_question())
            if answer == CANCEL or (answer != DISCARD and not self.save_table(close=False)):
                self.university.blockSignals(True)
                self.university.select(self._shown)
                self.university.blockSignals(False)
                return
        self._shown = chosen
        self.record_id = chosen
        self._load()
        self.start_tracking()

    def draft(self) -> GradeTableDraft:
        self._typing = {}
        rows = []
        for index in range(self.grades.rowCount()):
            text = text_at(self.grades, index, G_SHARE)
            try:
                share = read_number(text)
            except ValueError:
                share = None
                self._typing[f"grades[{index}].share"] = Message("Not a number: {value}", {"value": text})
            rows.append(GradeDraft(text_at(self.grades, index, G_GRADE),
                                   self.grades.cellWidget(index, G_ECTS).currentData(),
                                   share, self.grades.item(index, G_PASSING).checkState() == Qt.CheckState.Checked))
        return GradeTableDraft(rows)

    def save_draft(self, draft: GradeTableDraft) -> None:
        if self._typing:
            raise ValidationError(dict(self._typing))
        university_id = self._shown
        commands.run(self.undo_stack, commands.ChangeRecord(
            self.db, universities, university_id, lambda: transcripts.save_grade_table(self.db, university_id, draft),
            _("Edit grading table")))

    def save_table(self, close: bool = True) -> bool:
        """Save without closing (another university may be next); Close closes."""
        try:
            self.save_draft(self.draft())
        except ValidationError as error:
            self.show_problems(error.errors)
            return False
        except UserError as error:
            self.show_problems({error.field or "": error.text})
            return False
        self.error.hide()
        self.start_tracking()
        return True

    def try_accept(self) -> bool:  # Ctrl+S saves and stays
        return self.save_table()

    def reject(self) -> None:
        """Close, asking first about a table typed and not saved."""
        if self.has_unsaved_changes():
            answer = ask_unsaved(self, self.unsaved_question())
            if answer == CANCEL or (answer == SAVE and not self.save_table()):
                return
        self._stop_tracking()
        QDialog.reject(self)

    def show_problems(self, problems: dict[str, str]) -> None:
        found = mark_problems(self.grades, problems, "grades", COLUMNS)
        rest = [text for text in problems.values() if text not in found]
        self.error.setText("\n".join(found + rest))
        self.error.setVisible(bool(problems))

    def unsaved_question(self) -> str:
        return _("{title} has unsaved changes.").format(title=self.university.currentText())

    def retranslate(self) -> None:
        self.setWindowTitle(_("Grading tables"))
        self.university_label.setText(_("University"))
        self.university.retranslate()  # country names in the language of the moment
        self.note.setText(_("Grades best first. The share is the percentage of passing students given the grade, "
                            "from the university's ECTS grading table where it publishes one."))
        self.grades.setHorizontalHeaderLabels([_("Grade"), _("ECTS grade"), _("Pass"), _("Share")])
        self.add_grade.setText(_("&Add"))
        self.remove_grade.setText(_("&Remove"))
