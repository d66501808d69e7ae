"""The Surveys tab: student, graduate and employer surveys as defined in the application (questions on a
1–5 scale or in free text, worded in several languages), "Import results…" of a survey tool's export,
and what they say: per question the answers and the mean, the response rate, the free-text answers
(never beside anything naming who wrote them), and the results gathered per programme, partner and year.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.surveys import AUDIENCE_LABELS, QUESTION_KIND_LABELS, QuestionDraft, QuestionKind, SurveyDraft
from desktop_app.i18n import _, current_language, formatting, ngettext
from desktop_app.services import survey_results, surveys
from desktop_app.ui.common.choosers import LanguageCombo, UniversityPicker, language_label
from desktop_app.ui.common.field_form import FieldFormDialog
from desktop_app.ui.mobility.dialogs import fill_combo, retranslate_picker, select_data
from desktop_app.ui.quality.common import RecordTab, cell, isolated, refill
from desktop_app.ui.quality.evaluations import programme_items
from desktop_app.ui.quality.models import SV_ABOUT, SV_TITLE, SurveyTableModel, label, number, percent
from desktop_app.ui.quality.survey_import import SurveyImport

#: The languages a new survey's questions are worded in from the start: the network's working languages.
STARTING_LANGUAGES = ("en", "ru", "kk")
KIND_COLUMN = 0


class QuestionsTable(QWidget):
    """A survey's questions: each with its kind and its wording per language (a column each)."""

    def __init__(self, languages: list[str], parent=None):
        super().__init__(parent)
        self.languages = list(languages)
        self.table = QTableWidget(0, 1 + len(self.languages), objectName="surveyQuestions")
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.add_button = QPushButton(objectName="surveyQuestionAdd")
        self.remove_button = QPushButton(objectName="surveyQuestionRemove")
        self.language = LanguageCombo()
        self.language.setObjectName("surveyLanguage")
        self.add_language = QPushButton(objectName="surveyLanguageAdd")
        self.add_button.clicked.connect(lambda: self.add_question())
        self.remove_button.clicked.connect(lambda: self.table.removeRow(self.table.currentRow())
                                           if self.table.currentRow() >= 0 else None)
        self.add_language.clicked.connect(lambda: self.add_column(self.language.currentData()))
        buttons = QHBoxLayout()
        for widget in (self.add_button, self.remove_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.language)
        buttons.addWidget(self.add_language)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([_("Kind")] + [language_label(code) for code in self.languages])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(KIND_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        for column in range(1, self.table.columnCount()):  # the wordings share the width
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.add_button.setText(_("Add question"))
        self.remove_button.setText(_("Remove question"))
        self.add_language.setText(_("Add language"))
        self.language.refill()
        for row in range(self.table.rowCount()):
            fill_combo(self.table.cellWidget(row, KIND_COLUMN),
                       [(key, _(text)) for key, text in QUESTION_KIND_LABELS.items()],
                       self.table.cellWidget(row, KIND_COLUMN).currentData())

    def add_column(self, code: str | None) -> None:
        if not code or code in self.languages:
            return
        self.languages.append(code)
        self.table.insertColumn(self.table.columnCount())
        self.retranslate()

    def add_question(self, question: QuestionDraft | None = None) -> int:
        question = question or QuestionDraft({})
        for code in question.texts:
            self.add_column(code)
        row = self.table.rowCount()
        self.table.insertRow(row)
        kind = QComboBox()
        fill_combo(kind, [(key, _(text)) for key, text in QUESTION_KIND_LABELS.items()], question.kind)
        self.table.setCellWidget(row, KIND_COLUMN, kind)
        for column, code in enumerate(self.languages, start=1):
            item = QTableWidgetItem(question.texts.get(code, ""))
            if column == 1:
                item.setData(Qt.ItemDataRole.UserRole, question.uuid)
            self.table.setItem(row, column, item)
        return row

    def questions(self) -> list[QuestionDraft]:
        found = []
        for row in range(self.table.rowCount()):
            texts = {}
            for column, code in enumerate(self.languages, start=1):
                item = self.table.item(row, column)
                if item is not None and item.text().strip():
                    texts[code] = item.text().strip()
            first = self.table.item(row, 1)
            found.append(QuestionDraft(texts, self.table.cellWidget(row, KIND_COLUMN).currentData(),
                                       (first.data(Qt.ItemDataRole.UserRole) or "") if first is not None else ""))
        return found


class SurveyEditor(FieldFormDialog):
    area_key = "surveys"

    def __init__(self, db, draft: SurveyDraft | None, save, parent=None, record_id: int | None = None,
                 database: str = ""):
        super().__init__(save, surveys.validate, parent, record_id, database)
        self.setObjectName("surveyEditor")
        self.db = db
        self.is_new = record_id is None
        self.title = QLineEdit(objectName="surveyTitle")
        self.audience = QComboBox(objectName="surveyAudience")
        self.programme = QComboBox(objectName="surveyProgramme")
        self.university = UniversityPicker(db, allow_none=True)
        self.university.setObjectName("surveyUniversity")
        self.academic_year = QLineEdit(objectName="surveyYear")
        self.invitations = QSpinBox(objectName="surveyInvitations")
        self.invitations.setRange(-1, 1_000_000)
        self.invitations.setSpecialValueText("—")
        self.invitations.setValue(-1)
        self.notes = QPlainTextEdit(objectName="surveyNotes")
        self.notes.setMaximumHeight(60)
        languages = list(STARTING_LANGUAGES)
        if current_language() not in languages:
            languages.append(current_language())
        self.questions = QuestionsTable(languages)
        for key, widget in (("title", self.title), ("audience", self.audience), ("programme_id", self.programme),
                            ("university_id", self.university), ("academic_year", self.academic_year),
                            ("invitations", self.invitations), ("questions", self.questions),
                            ("notes", self.notes)):
            self.add_row(key, widget)
        self.retranslate()
        if draft is not None:
            self.title.setText(draft.title)
            select_data(self.audience, draft.audience)
            select_data(self.programme, draft.programme_id)
            self.university.select(draft.university_id)
            self.academic_year.setText(draft.academic_year)
            self.invitations.setValue(-1 if draft.invitations is None else draft.invitations)
            for question in draft.questions:
                self.questions.add_question(question)
            self.notes.setPlainText(draft.notes)
        else:
            self.university.setCurrentIndex(-1)
        self.resize(900, 700)
        self.start_tracking()

    def retranslate(self) -> None:
        self.setWindowTitle(_("New survey") if self.is_new else _("Edit survey"))
        fill_combo(self.audience, [(key, _(text)) for key, text in AUDIENCE_LABELS.items()],
                   self.audience.currentData())
        fill_combo(self.programme, [(None, "—"), *programme_items(self.db)], self.programme.currentData())
        retranslate_picker(self.university)
        self.academic_year.setPlaceholderText(_("e.g. 2026/2027"))
        self.set_labels({"title": _("&Title"), "audience": _("&Asked"), "programme_id": _("&Programme"),
                         "university_id": _("Partner &university"), "academic_year": _("Academic &year"),
                         "invitations": _("People &invited"), "questions": _("Questions"), "notes": _("&Notes")})
        self.questions.retranslate()

    def draft(self) -> SurveyDraft:
        invitations = self.invitations.value()
        return SurveyDraft(self.title.text().strip(), self.audience.currentData(), self.programme.currentData(),
                           self.university.value(), self.academic_year.text().strip(),
                           None if invitations < 0 else invitations, self.questions.questions(),
                           self.notes.toPlainText().strip())

    def journal_title(self) -> str:
        return self.title.text().strip()


class ResultsPanel(QTabWidget):
    """What the chosen survey says, and the surveys gathered per programme, partner and year."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("surveyResults")
        survey = QWidget()
        self.summary = QLabel(objectName="surveySummary", wordWrap=True)
        self.questions = QTableWidget(0, 4, objectName="surveyQuestionResults")
        self.questions.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.questions.verticalHeader().hide()
        self.questions.horizontalHeader().setStretchLastSection(False)
        self.questions.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.questions.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # headings whole
        self.questions.itemSelectionChanged.connect(self._show_comments)
        self.comments_label = QLabel(wordWrap=True)
        self.comments = QListWidget(objectName="surveyComments")
        self.comments.setWordWrap(True)
        layout = QHBoxLayout(survey)
        left = QVBoxLayout()
        left.addWidget(self.summary)
        left.addWidget(self.questions, 1)
        right = QVBoxLayout()
        right.addWidget(self.comments_label)
        right.addWidget(self.comments, 1)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        self.groups = QTableWidget(0, 7, objectName="surveyGroups")
        self.groups.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.groups.verticalHeader().hide()
        self.groups.horizontalHeader().setStretchLastSection(True)
        self.addTab(survey, "")
        self.addTab(self.groups, "")
        self.result: survey_results.SurveyResult | None = None

    def retranslate(self) -> None:
        self.setTabText(0, _("Results of the survey"))
        self.setTabText(1, _("Per programme, partner and year"))
        self.questions.setHorizontalHeaderLabels([_("Question"), _("Answers"), _("Mean (1–5)"),
                                                  _("Answers per score 1–5")])
        self.groups.setHorizontalHeaderLabels([_("Academic year"), _("Programme"), _("Partner university"),
                                               _("Asked"), _("Responses"), _("Response rate"), _("Mean (1–5)")])
        self.show_result(self.result)

    def show_result(self, result: survey_results.SurveyResult | None) -> None:
        self.result = result
        lang = current_language()
        questions = result.questions if result is not None else ()
        if result is None:
            self.summary.setText(_("Choose a survey to see its results."))
        else:
            self.summary.setText(_("{responses} — response rate {rate}, mean score {mean}").format(
                responses=ngettext("{count} response", "{count} responses", result.responses).format(
                    count=formatting.format_number(result.responses)),
                rate=percent(result.rate), mean=number(round(result.mean, 2)) if result.mean is not None else "—"))
        self.questions.setRowCount(len(questions))
        for row, question in enumerate(questions):
            # Bars between the counts, not dots: the Persian and Arabic zero is itself a dot.
            spread = " | ".join(formatting.format_number(question.distribution.get(score, 0))
                                for score in range(1, 6)) if question.kind == QuestionKind.SCALE else ""
            texts = [_("{number}. {question}").format(number=formatting.format_number(question.number),
                                                      question=question.text_in(lang)),
                     formatting.format_number(question.answers),
                     number(round(question.mean, 2)) if question.mean is not None else "—", spread]
            for column, text in enumerate(texts):
                self.questions.setItem(row, column, cell(text))
        self._show_comments()

    def _show_comments(self) -> None:
        """The free-text answers of the chosen question (or of the first question asked in free text), in
        alphabetical order: nothing beside them says who wrote them."""
        questions = self.result.questions if self.result is not None else ()
        row = self.questions.currentRow()
        chosen = questions[row] if 0 <= row < len(questions) else None
        if chosen is None or chosen.kind != QuestionKind.TEXT:
            chosen = next((q for q in questions if q.kind == QuestionKind.TEXT), None)
        self.comments.clear()
        if chosen is None:
            self.comments_label.setText(_("The survey has no free-text question."))
            return
        self.comments_label.setText(ngettext(
            "{count} free-text answer to question {number}, without who wrote it",
            "{count} free-text answers to question {number}, without who wrote them",
            len(chosen.comments)).format(count=formatting.format_number(len(chosen.comments)),
                                         number=formatting.format_number(chosen.number)))
        self.comments.addItems([isolated(text) for text in chosen.comments])

    def show_groups(self, groups: list[survey_results.GroupResult]) -> None:
        lang = current_language()
        self.groups.setRowCount(len(groups))
        for row, group in enumerate(groups):
            texts = [formatting.localise_digits(group.academic_year), group.programme_in(lang), group.university_name,
                     label(AUDIENCE_LABELS, group.audience), formatting.format_number(group.responses),
                     percent(group.rate), number(round(group.mean, 2)) if group.mean is not None else "—"]
            for column, text in enumerate(texts):
                self.groups.setItem(row, column, cell(text))


class SurveysTab(RecordTab):
    service = surveys
    draft_class = SurveyDraft
    stretch_columns = (SV_TITLE, SV_ABOUT)

    def __init__(self, page, parent=None):
        super().__init__(page, SurveyTableModel(), "surveys", parent)
        self.programme = self.add_filter_combo("surveyProgrammeFilter")
        self.audience = self.add_filter_combo("surveyAudienceFilter")
        self.import_button = QPushButton(objectName="import_button")
        self.import_button.clicked.connect(self.import_results)
        self.actions.insertWidget(3, self.import_button)
        self.results = ResultsPanel()
        self.imported: tuple[int, str] | None = None  # the last import's responses and survey, said below
        self.import_note = QLabel(objectName="surveyImportNote", wordWrap=True)
        self.layout().addWidget(self.import_note)
        # The list above, the results below: the table moves into a splitter with the results.
        layout = self.layout()
        layout.removeWidget(self.table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.results)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        layout.insertWidget(2, splitter, 1)

    def empty_text(self) -> str:
        return _("No survey yet. Define a survey of students, graduates or employers with its questions, then "
                 "import the results exported from your survey tool.")

    def new_text(self) -> str:
        return _("&New survey…")

    def count_text(self, total: int) -> str:
        return ngettext("{count} survey", "{count} surveys", total).format(count=formatting.format_number(total))

    def show_imported(self, stored: int, title: str) -> None:
        self.imported = (stored, title)
        self._say_imported()

    def _say_imported(self) -> None:
        if self.imported is None:
            self.import_note.hide()
            return
        stored, title = self.imported
        self.import_note.setText(ngettext("{count} response imported into “{title}”.",
                                          "{count} responses imported into “{title}”.", stored).format(
            count=formatting.format_number(stored), title=title))
        self.import_note.show()

    def retranslate(self) -> None:
        self._say_imported()
        self.import_button.setText(_("&Import results…"))
        self.results.retranslate()
        super().retranslate()

    def refill_filters(self) -> None:
        refill(self.programme, _("All joint programmes"), programme_items(self.page.context.db))
        refill(self.audience, _("Everyone asked"), [(key, _(text)) for key, text in AUDIENCE_LABELS.items()])
        self.show_results()

    def query(self):
        return replace(self.model.query, search=self.search.text(), programme_id=self.programme.currentData(),
                       audience=self.audience.currentData())

    def delete_question(self, name: str) -> tuple[str, str]:
        return _("Delete survey"), _("Delete the survey “{title}” with its questions and imported responses? You "
                                     "can undo this with Edit ▸ Undo.").format(title=name)

    def make_editor(self, db, draft, save, record_id):
        return SurveyEditor(db, draft, save, self, record_id, db.url)

    def selection_changed(self) -> None:
        super().selection_changed()
        self.import_button.setEnabled(self.selected() is not None)
        self.show_results()

    def show_results(self) -> None:
        db = self.page.context.db
        row = self.selected()
        lang = current_language()
        found = survey_results.survey_results(db, [row.id], lang=lang) if db is not None and row else []
        self.results.show_result(found[0] if found else None)
        query = self.model.query
        self.results.show_groups(survey_results.gathered(survey_results.survey_results(
            db, programme_id=query.programme_id, lang=lang)) if db is not None else [])

    def import_results(self) -> None:
        row = self.selected()
        if row is not None and self._db() is not None:
            SurveyImport(self, row.id, row.title).start()
