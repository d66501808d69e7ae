"""Import a survey's results from a survey tool's CSV or XLSX export, whatever its column layout.

The file is read and every row checked off the GUI thread (``ui/core/background.py``, with progress and
cancel); then a mapping dialog shows which column answers each question — the mapping remembered from the
last import of that survey, or guessed from the questions' wording — and the columns left out because
they name respondents. The user corrects it; the file is checked again with that mapping, and a file with
bad rows names their line and column and writes nothing (or, when the user says so, only the valid rows
come in). The import itself is one transaction, kept on the page's undo stack as a change of the survey.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QLabel,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import UserError
from desktop_app.exchange import survey_files
from desktop_app.exchange.input_gate import FileRefused
from desktop_app.exchange.input_tables import read_table
from desktop_app.i18n import _, current_language, formatting, ngettext
from desktop_app.services import records, surveys
from desktop_app.ui.core import commands
from desktop_app.ui.core.language import Retranslatable

#: The most row errors listed in the message (the rest are counted).
SHOWN_ERRORS = 12


class MappingDialog(Retranslatable, QDialog):
    """Which column of the file holds the answers to each question."""

    def __init__(self, preview: survey_files.ResultsPreview, parent=None):
        super().__init__(parent)
        self.setObjectName("surveyMappingDialog")
        self.preview = preview
        self.intro = QLabel(wordWrap=True)
        self.left_out = QLabel(wordWrap=True, objectName="identityColumns")
        self.form = QGridLayout()  # wrapped question texts keep their height here, unlike in a QFormLayout
        self.form.setColumnStretch(0, 1)
        self.form.setColumnStretch(1, 1)
        self.questions: list[tuple[str, QLabel, QComboBox]] = []
        usable = [h for h in preview.headers if h not in preview.identity_columns]
        for number, question in enumerate(preview.questions, start=1):
            combo = QComboBox(objectName=f"mappingQuestion{number}")
            combo.addItem("", "")
            for header in usable:
                combo.addItem(header, header)
            combo.setCurrentIndex(max(0, combo.findData(preview.mapping.get(question.uuid, ""))))
            caption = QLabel(wordWrap=True)
            caption.setBuddy(combo)
            self.questions.append((question.uuid, caption, combo))
            self.form.addWidget(caption, number - 1, 0)
            self.form.addWidget(combo, number - 1, 1, Qt.AlignmentFlag.AlignTop)
        self.form.setRowStretch(len(preview.questions), 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        holder = QWidget()
        holder.setLayout(self.form)
        scroll = QScrollArea()  # a survey of thirty questions still fits the screen
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(holder)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.left_out)
        layout.addWidget(self.buttons)
        self.resize(760, min(720, 200 + 56 * len(self.questions)))
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Columns of the survey file"))
        intro = _("Choose the column that holds the answers to each question. The choice is remembered for the "
                  "next file of this survey.")
        if self.preview.mapping_remembered:
            intro = "\n".join((_("The columns of the last import of this survey were found again."), intro))
        self.intro.setText(intro)
        lang = current_language()
        for index, ((_key, caption, combo), question) in enumerate(
                zip(self.questions, self.preview.questions, strict=True), start=1):
            caption.setText(_("Question {number}: {question}").format(
                number=formatting.format_number(index), question=question.text_in(lang)))
            combo.setItemText(0, _("(no column)"))
        self.left_out.setText(_("Left out, naming respondents: {columns}").format(
            columns=formatting.format_list(self.preview.identity_columns)) if self.preview.identity_columns else "")
        self.left_out.setVisible(bool(self.preview.identity_columns))

    def mapping(self) -> dict[str, str]:
        return {uuid: combo.currentData() for uuid, _caption, combo in self.questions if combo.currentData()}


def layout_of(db, survey_id: int, path: str, progress) -> survey_files.ResultsPreview:
    """The file's columns, those naming respondents, and the mapping remembered from the last import of the
    survey or guessed from the questions' wording: what the mapping dialog shows (no row is checked yet, so
    a layout the guess cannot place at all still reaches the dialog)."""
    if not Path(path).is_file():
        raise FileRefused("There is no file {name}.", name=str(path))
    record = surveys.get(db, survey_id)
    progress.check_cancelled()
    table = read_table(Path(path))
    identities = survey_files.identity_columns(table)
    mapping, remembered = survey_files.guess_mapping(record.draft.questions, table.headers,
                                                     record.facts["column_mapping"], identities)
    return survey_files.ResultsPreview(survey_id, str(path), [h for h in table.headers if h],
                                       record.draft.questions, mapping, remembered, identities,
                                       rows_read=len(table.rows), replaces=record.facts["responses"])


def error_lines(preview: survey_files.ResultsPreview) -> str:
    lines = [_("line {line}, {field}: {message}").format(line=formatting.format_number(error.line),
                                                        field=error.column or "—", message=error.message)
             for error in preview.errors[:SHOWN_ERRORS]]
    return "\n".join(lines)


class SurveyImport:
    """One import, from the choice of the file to the command on the undo stack."""

    def __init__(self, tab, survey_id: int, title: str):
        self.tab = tab
        self.page = tab.page
        self.db = tab.page.context.db
        self.survey_id = survey_id
        self.title = title
        self.path = ""

    def start(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self.tab, _("Import results of {title}").format(title=self.title), "",
            _("Survey results (*.csv *.xlsx);;All files (*)"))
        if not path:
            return
        self.path = path
        db, survey_id = self.db, self.survey_id
        self.page.context.runner.run(lambda progress: layout_of(db, survey_id, path, progress),
                                     title=_("Reading the survey file…"), on_done=self._mapped,
                                     on_error=self._failed, parent=self.tab)

    def _check(self, mapping: dict[str, str] | None, then) -> None:
        db, survey_id, path = self.db, self.survey_id, self.path
        self.page.context.runner.run(
            lambda progress: survey_files.preview_results(db, survey_id, path, mapping, progress),
            title=_("Reading the survey file…"), on_done=then, on_error=self._failed, parent=self.tab)

    def _mapped(self, preview: survey_files.ResultsPreview) -> None:
        dialog = MappingDialog(preview, self.tab)
        if not dialog.exec():
            return
        self._check(dialog.mapping(), self._checked)

    def _checked(self, preview: survey_files.ResultsPreview) -> None:
        skip = False
        if preview.errors:
            count = len(preview.error_lines)
            box = QMessageBox(self.tab)
            box.setIcon(QMessageBox.Icon.Warning)
            box.setWindowTitle(_("Import results of {title}").format(title=self.title))
            box.setText(ngettext("{name}: {count} row has errors", "{name}: {count} rows have errors", count).format(
                name=Path(self.path).name, count=formatting.format_number(count)))
            box.setInformativeText(error_lines(preview))
            valid = box.addButton(_("Import only the valid rows"), QMessageBox.ButtonRole.AcceptRole)
            box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() is not valid:
                return
            skip = True
        db, survey_id = self.db, self.survey_id

        def commit(_progress):
            before = records.snapshot_of(db, surveys.KIND, survey_id)
            stored = survey_files.commit_results(db, preview, skip_invalid=skip)
            return stored, before, records.snapshot_of(db, surveys.KIND, survey_id)

        self.page.context.runner.run(commit, title=_("Importing the survey results…"), on_done=self._done,
                                     on_error=self._failed, parent=self.tab)

    def _failed(self, error: BaseException) -> None:
        """A refused file or mapping is said in one sentence naming the file; nothing was written."""
        if not isinstance(error, UserError):
            self.page.context.runner.error_handler(error, self.tab)
            return
        box = QMessageBox(self.tab)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(_("Import results of {title}").format(title=self.title))
        box.setText(_("{name}: {message}").format(name=Path(self.path).name, message=error.text))
        box.addButton(QMessageBox.StandardButton.Ok)
        box.exec()

    def _done(self, result) -> None:
        stored, before, after = result
        commands.record_done(self.page.undo_stack, commands.ChangeRecord.done(
            self.db, surveys, self.survey_id, before, after,
            _("Import results of {title}").format(title=self.title)))
        self.tab.reload()
        self.tab.select_id(self.survey_id)
        self.tab.show_imported(stored, self.title)
