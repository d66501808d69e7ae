"""The study plan of a programme: semesters (each delivered by one partner), the courses of the chosen
semester and the course equivalences. Edits are reported as a new plan; the page turns them into
undoable commands, and ``show_plan`` draws whatever the current plan is."""

from __future__ import annotations

import copy
import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.curricula import CourseDraft, PartnerDraft, SemesterDraft
from desktop_app.i18n import _, current_language, formatting
from desktop_app.ui.common.choosers import compact_combo
from desktop_app.ui.common.date_edit import DateEdit
from desktop_app.ui.common.language_pickers import LanguageChoice
from desktop_app.ui.common.tables import select_row

S_NUMBER, S_YEAR, S_PARTNER, S_START, S_END, S_CREDITS = range(6)
C_CODE, C_EN, C_RU, C_KK, C_CREDITS, C_MANDATORY, C_LANGUAGE = range(7)
READ_ONLY = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def optional_date_edit(value: dt.date | None, system: str | None = None) -> DateEdit:
    return DateEdit(value, optional=True, system=system)


def optional_date(edit: DateEdit) -> dt.date | None:
    return edit.value()


def _float(text: str) -> float:
    try:
        # Any script's digits (Python reads them); the Arabic decimal separator as well as the comma.
        return float(text.replace(",", ".").replace("\u066b", ".").strip() or 0)
    except ValueError:
        return 0.0


class StudyPlanEditor(QWidget):
    #: (semesters, equivalences, what) after an edit; ``what`` identifies the edited cell for merging
    edited = Signal(object, object, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.semesters: list[SemesterDraft] = []
        self.equivalences: list[tuple[str, str]] = []
        self.partners: list[PartnerDraft] = []
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.semesters_label = QLabel()
        self.semesters_label.setObjectName("sectionHeading")
        layout.addWidget(self.semesters_label)
        self.semester_table = QTableWidget(0, 6)
        self.semester_table.setObjectName("semesterTable")
        self.semester_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.semester_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.semester_table.verticalHeader().setVisible(False)
        header = self.semester_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(S_PARTNER, QHeaderView.ResizeMode.Stretch)
        self.semester_table.setMinimumHeight(110)
        self.semester_table.setMaximumHeight(170)
        layout.addWidget(self.semester_table)
        row = QHBoxLayout()
        self.add_semester_button, self.remove_semester_button = QPushButton(), QPushButton()
        row.addWidget(self.add_semester_button)
        row.addWidget(self.remove_semester_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.courses_label = QLabel()
        self.courses_label.setObjectName("sectionHeading")
        layout.addWidget(self.courses_label)
        self.course_table = QTableWidget(0, 7)
        # Its title columns are English, Russian and Kazakh whatever the interface language (the tests of a
        # language switch know this table shows records in several named languages on purpose).
        self.course_table.setProperty("multilingualData", True)
        self.course_table.setObjectName("courseTable")
        self.course_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.course_table.verticalHeader().setVisible(False)
        header = self.course_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (C_EN, C_RU, C_KK):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.course_table.setMinimumHeight(130)
        layout.addWidget(self.course_table, 1)
        row = QHBoxLayout()
        self.add_course_button, self.remove_course_button = QPushButton(), QPushButton()
        row.addWidget(self.add_course_button)
        row.addWidget(self.remove_course_button)
        row.addStretch(1)
        layout.addLayout(row)
        # Equivalences are edited here but shown in a tab of their own (``equivalences_panel``): the plan
        # keeps the height for its semesters and courses.
        self.equivalences_panel = QWidget()
        layout = QVBoxLayout(self.equivalences_panel)
        self.equivalences_label = QLabel()
        self.equivalences_label.setObjectName("sectionHeading")
        self.equivalences_label.setWordWrap(True)
        layout.addWidget(self.equivalences_label)
        row = QHBoxLayout()
        self.left_course, self.right_course = compact_combo(), compact_combo()
        self.left_course.setObjectName("equivalenceLeft")
        self.right_course.setObjectName("equivalenceRight")
        self.equals_label = QLabel("≡")
        self.add_equivalence_button, self.remove_equivalence_button = QPushButton(), QPushButton()
        row.addWidget(self.left_course, 1)
        row.addWidget(self.equals_label)
        row.addWidget(self.right_course, 1)
        layout.addLayout(row)
        row = QHBoxLayout()
        row.addWidget(self.add_equivalence_button)
        row.addWidget(self.remove_equivalence_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.equivalence_list = QListWidget()
        self.equivalence_list.setObjectName("equivalenceList")
        layout.addWidget(self.equivalence_list, 1)

        self.semester_table.itemChanged.connect(self._semester_item_changed)
        self.semester_table.itemSelectionChanged.connect(self._show_courses)
        self.course_table.itemChanged.connect(self._course_item_changed)
        self.add_semester_button.clicked.connect(self.add_semester)
        self.remove_semester_button.clicked.connect(self.remove_semester)
        self.add_course_button.clicked.connect(self.add_course)
        self.remove_course_button.clicked.connect(self.remove_courses)
        self.add_equivalence_button.clicked.connect(self.add_equivalence)
        self.remove_equivalence_button.clicked.connect(self.remove_equivalence)
        self.retranslate()

    def retranslate(self) -> None:
        self.semesters_label.setText(_("Study plan: semesters"))
        self.courses_label.setText(_("Courses of the chosen semester"))
        self.equivalences_label.setText(_("A course at one partner recognised as equivalent to a course at "
                                          "another:"))
        self.semester_table.setHorizontalHeaderLabels(
            [_("No."), _("Academic year"), _("Delivered by"), _("Start"), _("End"), _("ECTS")]
        )
        self.course_table.setHorizontalHeaderLabels(
            [
                _("Code"),
                _("Title (English)"),
                _("Title (Russian)"),
                _("Title (Kazakh)"),
                _("ECTS"),
                _("Mandatory"),
                _("Language"),
            ]
        )
        self.add_semester_button.setText(_("Add &semester"))
        self.remove_semester_button.setText(_("Remove semester"))
        self.add_course_button.setText(_("Add c&ourse"))
        self.remove_course_button.setText(_("Remove course"))
        self.add_equivalence_button.setText(_("Add equivalence"))
        self.remove_equivalence_button.setText(_("Remove equivalence"))

    # -- showing -------------------------------------------------------------------------------
    def current_semester(self) -> int:
        rows = self.semester_table.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def show_plan(
        self,
        semesters: list[SemesterDraft],
        equivalences: list[tuple[str, str]],
        partners: list[PartnerDraft],
    ) -> None:
        selected = self.current_semester()
        self._loading = True
        self.semesters, self.equivalences = copy.deepcopy(semesters), list(equivalences)
        self.partners = list(partners)
        table = self.semester_table
        table.setRowCount(len(semesters))
        for row, semester in enumerate(semesters):
            table.setItem(row, S_NUMBER, QTableWidgetItem(str(semester.number)))
            table.setItem(row, S_YEAR, QTableWidgetItem(semester.academic_year))
            combo = compact_combo(10)
            combo.addItem("—", None)
            for partner in partners:
                combo.addItem(partner.name, partner.university_id)
            combo.setCurrentIndex(max(0, combo.findData(semester.university_id)))
            combo.currentIndexChanged.connect(
                lambda _i, r=row, w=combo: self._set_semester(r, S_PARTNER, w.currentData())
            )
            table.setCellWidget(row, S_PARTNER, combo)
            for column, value in ((S_START, semester.start), (S_END, semester.end)):
                edit = optional_date_edit(value, system="gregorian")  # no room in a table cell
                edit.dateChanged.connect(
                    lambda _d, r=row, c=column, w=edit: self._set_semester(r, c, optional_date(w))
                )
                table.setCellWidget(row, column, edit)
            credits = QTableWidgetItem(formatting.format_number(semester.credits))
            credits.setFlags(READ_ONLY)
            table.setItem(row, S_CREDITS, credits)
        if semesters:
            select_row(table, min(max(selected, 0), len(semesters) - 1))
        self._loading = False
        self._show_courses()
        self._show_equivalences()

    def _show_courses(self) -> None:
        self._loading = True
        index = self.current_semester()
        courses = self.semesters[index].courses if 0 <= index < len(self.semesters) else []
        table = self.course_table
        table.setRowCount(len(courses))
        for row, course in enumerate(courses):
            values = {
                C_CODE: course.code,
                C_EN: course.titles.get("en", ""),
                C_RU: course.titles.get("ru", ""),
                C_KK: course.titles.get("kk", ""),
                C_CREDITS: formatting.localise_digits(f"{course.credits:g}"),
            }
            for column, value in values.items():
                table.setItem(row, column, QTableWidgetItem(value))
            language = LanguageChoice(course.language)
            language.changed.connect(lambda r=row, w=language: self._course_language_changed(r, w.value()))
            table.setCellWidget(row, C_LANGUAGE, language)
            mandatory = QTableWidgetItem()
            mandatory.setFlags(READ_ONLY | Qt.ItemFlag.ItemIsUserCheckable)
            mandatory.setCheckState(Qt.CheckState.Checked if course.mandatory else Qt.CheckState.Unchecked)
            table.setItem(row, C_MANDATORY, mandatory)
        self.add_course_button.setEnabled(index >= 0)
        self._loading = False

    def _show_equivalences(self) -> None:
        lang = current_language()
        codes = [(c.code, f"{c.code} — {c.title(lang)}") for s in self.semesters for c in s.courses if c.code]
        for combo in (self.left_course, self.right_course):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            for code, label in codes:
                combo.addItem(label, code)
            if current is not None and combo.findData(current) >= 0:
                combo.setCurrentIndex(combo.findData(current))
            combo.blockSignals(False)
        titles = {code: label for code, label in codes}
        self.equivalence_list.clear()
        for left, right in self.equivalences:
            item = QListWidgetItem(f"{titles.get(left, left)}  ≡  {titles.get(right, right)}")
            item.setData(Qt.ItemDataRole.UserRole, (left, right))
            self.equivalence_list.addItem(item)

    # -- editing -------------------------------------------------------------------------------
    def _emit(self, semesters, equivalences, what) -> None:
        self.edited.emit(semesters, equivalences, what)

    def _semester_item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        if item.column() == S_NUMBER:
            try:
                self._set_semester(item.row(), S_NUMBER, int(item.text()))
            except ValueError:
                self.show_plan(self.semesters, self.equivalences, self.partners)
        elif item.column() == S_YEAR:
            self._set_semester(item.row(), S_YEAR, item.text().strip())

    def _set_semester(self, row: int, column: int, value) -> None:
        if self._loading:
            return
        semesters = copy.deepcopy(self.semesters)
        semester = semesters[row]
        attribute = {
            S_NUMBER: "number",
            S_YEAR: "academic_year",
            S_PARTNER: "university_id",
            S_START: "start",
            S_END: "end",
        }[column]
        setattr(semester, attribute, value)
        if semesters != self.semesters:
            self._emit(semesters, self.equivalences, ("semester", row, column))

    def _course_language_changed(self, row: int, code: str) -> None:
        if self._loading:
            return
        index = self.current_semester()
        semesters = copy.deepcopy(self.semesters)
        semesters[index].courses[row].language = code
        if semesters != self.semesters:
            self._emit(semesters, self.equivalences, ("course", index, row, C_LANGUAGE))

    def _course_item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        index = self.current_semester()
        semesters = copy.deepcopy(self.semesters)
        course = semesters[index].courses[item.row()]
        column, text = item.column(), item.text()
        if column == C_CODE:
            course.code = text.strip()
        elif column in (C_EN, C_RU, C_KK):
            course.titles[{C_EN: "en", C_RU: "ru", C_KK: "kk"}[column]] = text.strip()
        elif column == C_CREDITS:
            course.credits = _float(text)
        elif column == C_MANDATORY:
            course.mandatory = item.checkState() == Qt.CheckState.Checked
        if semesters != self.semesters:
            self._emit(semesters, self.equivalences, ("course", index, item.row(), column))

    def add_semester(self) -> None:
        semesters = copy.deepcopy(self.semesters)
        last = semesters[-1] if semesters else None
        partner = last.university_id if last else (self.partners[0].university_id if self.partners else None)
        semesters.append(
            SemesterDraft(
                max((s.number for s in semesters), default=0) + 1, last.academic_year if last else "", partner
            )
        )
        self._emit(semesters, self.equivalences, None)
        select_row(self.semester_table, len(semesters) - 1)

    def remove_semester(self) -> None:
        index = self.current_semester()
        if index < 0:
            return
        semesters = copy.deepcopy(self.semesters)
        removed = {c.code for c in semesters.pop(index).courses}
        self._emit(semesters, [e for e in self.equivalences if not set(e) & removed], None)

    def add_course(self) -> None:
        index = self.current_semester()
        if index < 0:
            return
        semesters = copy.deepcopy(self.semesters)
        semesters[index].courses.append(CourseDraft())
        self._emit(semesters, self.equivalences, None)

    def remove_courses(self) -> None:
        index = self.current_semester()
        rows = {i.row() for i in self.course_table.selectionModel().selectedRows()}
        if index < 0 or not rows:
            return
        semesters = copy.deepcopy(self.semesters)
        courses = semesters[index].courses
        removed = {courses[row].code for row in rows}
        semesters[index].courses = [c for i, c in enumerate(courses) if i not in rows]
        self._emit(semesters, [e for e in self.equivalences if not set(e) & removed], None)

    def add_equivalence(self) -> None:
        left, right = self.left_course.currentData(), self.right_course.currentData()
        if left and right and left != right and (left, right) not in self.equivalences:
            self._emit(self.semesters, [*self.equivalences, (left, right)], None)

    def remove_equivalence(self) -> None:
        item = self.equivalence_list.currentItem()
        if item is not None:
            pair = tuple(item.data(Qt.ItemDataRole.UserRole))
            self._emit(self.semesters, [e for e in self.equivalences if tuple(e) != pair], None)
