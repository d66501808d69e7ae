"""Calendars: each partner's academic year (one calendar record per university and year, its periods
edited in place), copy a year forward, delete a calendar, .ics import (in the background, one
transaction) and export, and the year planner of a programme or of chosen calendars.

Every stored change is a command of ``ui/core/commands.py``: the first period of a year creates the
calendar (``CreateRecord``), each finished edit of a period stores it (``UpdateRecord``), deleting a
calendar (asked first) is ``DeleteRecord`` and Edit ▸ Undo brings it back with its periods. A date
typed but not confirmed yet counts as an unsaved change the main window asks about.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.calendars import (
    CalendarDraft,
    academic_year_bounds,
    academic_year_of,
    parse_academic_year,
)
from desktop_app.domain.errors import ConflictError, UserError
from desktop_app.i18n import _, ngettext
from desktop_app.services import calendars, curricula
from desktop_app.ui.calendars.model import CalendarListModel
from desktop_app.ui.calendars.periods import PeriodsTable, new_period
from desktop_app.ui.calendars.year_planner import YearPlanner
from desktop_app.ui.common import confirm
from desktop_app.ui.common.choosers import compact_combo
from desktop_app.ui.common.dates import calendar_system, span_text
from desktop_app.ui.common.empty_state import EmptyState
from desktop_app.ui.core import commands
from desktop_app.ui.core.errors import show_error
from desktop_app.ui.core.language import Retranslatable

TOPICS = {"calendars", "universities", "curricula"}


class CalendarsPage(Retranslatable, QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("page_calendars")
        self.undo_stack = QUndoStack(self)
        self.last_message = ""
        self.calendar_id: int | None = None  # the calendar shown (None: the university has none that year)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        layout.addWidget(self.heading)
        bar = QHBoxLayout()
        self.university_label, self.year_label = QLabel(), QLabel()
        self.university: QComboBox = compact_combo(24)  # a UniversityPicker once the database is open
        self.year = QComboBox()
        self.year.setObjectName("calendarYear")
        self.year.setEditable(True)
        self.year.setMinimumContentsLength(9)
        self.year.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.university_label.setBuddy(self.university)
        self.year_label.setBuddy(self.year)
        self.bar = bar
        for widget in (self.university_label, self.university, self.year_label, self.year):
            bar.addWidget(widget, 1 if widget is self.university else 0)
        layout.addLayout(bar)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self._build_periods_tab()
        self._build_planner_tab()
        self.year.activated.connect(lambda _i: self.load_periods())
        self.year.lineEdit().editingFinished.connect(self.load_periods)
        self.retranslate()
        context.bus.changed.connect(self._on_changed)
        context.database_opened.connect(lambda _db: self._open())
        if context.db is not None:
            self._open()

    def _build_periods_tab(self) -> None:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        edit_row, calendar_row = QHBoxLayout(), QHBoxLayout()
        self.add_button, self.remove_button = QPushButton(), QPushButton()
        self.copy_button, self.delete_button = QPushButton(), QPushButton()
        self.import_button, self.export_button = QPushButton(), QPushButton()
        self.delete_button.setObjectName("deleteCalendar")
        for button in (self.add_button, self.remove_button):
            edit_row.addWidget(button)
        edit_row.addStretch(1)
        for button in (self.copy_button, self.delete_button):
            edit_row.addWidget(button)
        for button in (self.import_button, self.export_button):
            calendar_row.addWidget(button)
        calendar_row.addStretch(1)
        layout.addLayout(edit_row)
        self.table = PeriodsTable()
        layout.addWidget(self.table, 1)
        layout.addLayout(calendar_row)
        self.status = QLabel()
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.tabs.addTab(tab, "")
        self.table.edited.connect(lambda periods, _cell: self._store(periods, _("Edit period")))
        self.add_button.clicked.connect(self.add_period)
        self.remove_button.clicked.connect(self.remove_periods)
        self.copy_button.clicked.connect(self.copy_forward)
        self.delete_button.clicked.connect(self.delete_calendar)
        self.import_button.clicked.connect(lambda: self.import_ics())
        self.export_button.clicked.connect(lambda: self.export_ics())
        self.empty_state = EmptyState(
            self.table, lambda: _("No periods in this academic year yet. Add the terms, exam sessions and breaks, "
                                  "or import the university's published calendar (.ics)."),
            [(lambda: _("&Import .ics…"), self.import_ics), (lambda: _("&Add period"), self.add_period)])

    def _build_planner_tab(self) -> None:
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 6, 0)
        self.show_label = QLabel()
        self.show_label.setWordWrap(True)
        self.programme = compact_combo(14)
        self.programme.setObjectName("plannerProgramme")
        self.chosen_label = QLabel()
        self.chosen_label.setWordWrap(True)
        self.calendar_search = QLineEdit()
        self.calendar_search.setObjectName("plannerSearch")
        self.calendar_search.setClearButtonEnabled(True)
        self.calendar_model = CalendarListModel(self)
        self.universities = QListView()
        self.universities.setObjectName("plannerUniversities")
        self.universities.setModel(self.calendar_model)
        self.universities.setUniformItemSizes(True)
        for widget in (self.show_label, self.programme, self.chosen_label, self.calendar_search):
            side_layout.addWidget(widget)
        side_layout.addWidget(self.universities, 1)
        splitter.addWidget(side)
        right = QSplitter(Qt.Orientation.Vertical)
        self.planner = YearPlanner()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.planner)
        right.addWidget(scroll)
        conflicts_box = QWidget()
        conflicts_layout = QVBoxLayout(conflicts_box)
        conflicts_layout.setContentsMargins(0, 0, 0, 0)
        self.conflicts_label = QLabel()
        self.conflicts_label.setObjectName("sectionHeading")
        self.conflicts = QListWidget()
        self.conflicts.setObjectName("plannerConflicts")
        self.conflicts.setWordWrap(True)
        conflicts_layout.addWidget(self.conflicts_label)
        conflicts_layout.addWidget(self.conflicts)
        right.addWidget(conflicts_box)
        right.setSizes([420, 160])
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([260, 800])
        self.tabs.addTab(splitter, "")
        self.programme.currentIndexChanged.connect(lambda _i: self._programme_changed())
        self.calendar_search.textChanged.connect(self.calendar_model.set_search)
        self.calendar_model.ticked_changed.connect(self.refresh_planner)

    # -- language ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(_("Academic calendars"))
        self.university_label.setText(_("&University:"))
        self.year_label.setText(_("Academic &year:"))
        self.add_button.setText(_("&Add period"))
        self.remove_button.setText(_("&Remove period"))
        self.copy_button.setText(_("&Copy to next year"))
        self.delete_button.setText(_("&Delete calendar"))
        self.import_button.setText(_("&Import .ics…"))
        self.export_button.setText(_("E&xport .ics…"))
        self.tabs.setTabText(0, _("Periods"))
        self.tabs.setTabText(1, _("Year planner"))
        self.show_label.setText(_("Show the partners of:"))
        self.chosen_label.setText(_("or these universities:"))
        self.calendar_search.setPlaceholderText(_("Search universities…"))
        self.conflicts_label.setText(_("Conflicts"))
        if self.programme.count():
            self.programme.setItemText(0, _("(chosen universities)"))
        retranslate = getattr(self.university, "retranslate", None)
        if retranslate is not None:
            self.university.blockSignals(True)
            retranslate()
            self.university.blockSignals(False)
        self.calendar_model.retranslate()
        self.table.retranslate()
        self.planner.rebuild()
        self._show_conflicts()
        self._update_buttons()

    # -- data ----------------------------------------------------------------------------------
    @property
    def system(self) -> str:
        return calendar_system(self.context.state_code)

    def current_university(self) -> int | None:
        return self.university.currentData()

    def current_year(self) -> str | None:
        try:
            return parse_academic_year(self.year.currentText())
        except UserError:
            return None

    def _open(self) -> None:
        from desktop_app.ui.common.choosers import UniversityPicker

        db = self.context.db
        picker = UniversityPicker(db)
        picker.setObjectName("calendarUniversity")
        picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        picker.setMinimumContentsLength(24)
        self.bar.replaceWidget(self.university, picker)
        self.university.hide()  # out of the layout, it would otherwise stay drawn until deleted
        self.university.deleteLater()
        self.university = picker
        self.university_label.setBuddy(picker)
        first = calendars.default_university(db, self.context.state_code)
        if first is not None:
            picker.select(first)
        picker.currentIndexChanged.connect(lambda _i: self._university_changed())
        self.calendar_model.set_database(db)
        self.refresh()

    def _on_changed(self, topics) -> None:
        if topics & TOPICS and self.context.db is not None:
            if "universities" in topics and hasattr(self.university, "refill"):
                self.university.blockSignals(True)
                self.university.refill()
                self.university.blockSignals(False)
            self.refresh()

    def refresh(self) -> None:
        if self.context.db is None:
            return
        programme = self.programme.currentData()
        self.programme.blockSignals(True)
        self.programme.clear()
        self.programme.addItem(_("(chosen universities)"), None)
        for choice in curricula.choices(self.context.db):
            self.programme.addItem(choice.label, choice.id)
        if programme is not None and self.programme.findData(programme) >= 0:
            self.programme.setCurrentIndex(self.programme.findData(programme))
        self.programme.blockSignals(False)
        self._fill_years()
        self.load_periods()

    def _fill_years(self) -> None:
        text = self.year.currentText() or academic_year_of(dt.date.today())
        university = self.current_university()
        years = set(calendars.years_of(self.context.db, university)) if university else set()
        years.add(academic_year_of(dt.date.today()))
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItems(sorted(years))
        self.year.setCurrentText(text)
        self.year.blockSignals(False)

    def _university_changed(self) -> None:
        self._fill_years()
        self.load_periods()

    def load_periods(self) -> None:
        university, year = self.current_university(), self.current_year()
        self.calendar_id = None
        periods = []
        if self.context.db is not None and university is not None and year is not None:
            self.calendar_id = calendars.find(self.context.db, university, year)
            if self.calendar_id is not None:
                periods = calendars.get(self.context.db, self.calendar_id).draft.periods
        self.table.show_periods(periods, self.system)
        self.calendar_model.set_year(year)
        self._update_buttons()
        self.refresh_planner()

    def _update_buttons(self) -> None:
        ready = self.current_university() is not None and self.current_year() is not None
        self.add_button.setEnabled(ready)
        self.import_button.setEnabled(self.current_university() is not None)
        for button in (self.remove_button, self.copy_button, self.delete_button, self.export_button):
            button.setEnabled(self.calendar_id is not None)

    # -- changes -------------------------------------------------------------------------------
    def _store(self, periods, text: str) -> bool:
        """Store the shown calendar with these periods: the first period creates it."""
        university, year = self.current_university(), self.current_year()
        if self.context.db is None or university is None or year is None:
            return False
        draft = CalendarDraft(university, year, periods)
        if self.calendar_id is None:
            command = commands.CreateRecord(self.context.db, calendars, draft, text)
        else:
            command = commands.UpdateRecord(self.context.db, calendars, self.calendar_id, draft, text)
        stored = commands.push(self.undo_stack, command, self)
        self.load_periods()
        return stored

    def add_period(self) -> None:
        year = self.current_year()
        if year is None:
            return show_error(UserError("An academic year is written as two consecutive years, for example "
                                        "2026/2027."), self)
        if self._store([*self.table.pending_periods(), new_period(academic_year_bounds(year)[0])], _("Add period")):
            self.table.setCurrentCell(self.table.rowCount() - 1, 1)

    def remove_periods(self) -> None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()} or (
            {self.table.currentRow()} if self.table.currentRow() >= 0 else set())
        if rows:
            kept = [p for i, p in enumerate(self.table.pending_periods()) if i not in rows]
            self._store(kept, _("Remove period"))

    def copy_forward(self) -> None:
        if self.calendar_id is None:
            return
        db = self.context.db
        try:
            draft = calendars.next_year_draft(db, self.calendar_id)
            existing = calendars.find(db, draft.university_id, draft.academic_year)
            if existing is not None and calendars.get(db, existing).draft.periods:
                raise ConflictError("The calendar for {year} already has periods; nothing was copied.",
                                    year=draft.academic_year)
        except UserError as error:
            return show_error(error, self)
        text = _("Copy to {year}").format(year=draft.academic_year)
        command = (commands.CreateRecord(db, calendars, draft, text) if existing is None
                   else commands.UpdateRecord(db, calendars, existing, draft, text))
        if commands.push(self.undo_stack, command, self):
            self._fill_years()
            self.year.setCurrentText(draft.academic_year)
            self.load_periods()
            self._say(_("Copied to {year}.").format(year=draft.academic_year))

    def delete_calendar(self) -> None:
        if self.calendar_id is None:
            return
        university = self.university.currentText()
        year = self.current_year()
        if not confirm.confirm_delete(self, _("Delete calendar"), _(
                "Delete the {year} calendar of {university} with all its periods? You can undo this with "
                "Edit ▸ Undo.").format(year=year, university=university)):
            return
        if commands.push(self.undo_stack, commands.DeleteRecord(
                self.context.db, calendars, self.calendar_id,
                _("Delete calendar {year}").format(year=year)), self):
            self.load_periods()

    # -- unsaved changes: a date typed but not confirmed ----------------------------------------
    def has_unsaved_changes(self) -> bool:
        return self.table.pending_periods() != self.table.periods

    def unsaved_description(self) -> str:
        return _("A period of the {year} calendar has a date not yet stored.").format(year=self.current_year() or "")

    def save_changes(self) -> bool:
        return self._store(self.table.pending_periods(), _("Edit period"))

    def discard_changes(self) -> None:
        self.table.show_periods(self.table.periods, self.system)

    # -- files ---------------------------------------------------------------------------------
    def import_ics(self, path: str | None = None) -> None:
        from desktop_app.exchange.icalendar_files import import_ics_file

        university = self.current_university()
        if university is None:
            return
        if not path:
            path, _filter = QFileDialog.getOpenFileName(
                self, _("Import a published calendar"), "", _("iCalendar files (*.ics)"))
        if not path:
            return
        db = self.context.db

        def done(result) -> None:
            # The import is one transaction over several years and is not an undo step; the steps before
            # it could no longer be undone exactly.
            self.undo_stack.clear()
            self._fill_years()
            self.load_periods()
            self._say(_("Periods added: {created}; updated: {updated}; academic years: {years}.").format(**result))

        self.context.runner.run(lambda progress: import_ics_file(db, university, path, progress),
                                title=_("Importing the calendar…"), on_done=done, parent=self)

    def export_ics(self, path: str | None = None) -> None:
        from desktop_app.exchange.icalendar_files import export_ics

        university, year = self.current_university(), self.current_year()
        if university is None or year is None:
            return
        if not path:
            path, _filter = QFileDialog.getSaveFileName(
                self, _("Export the calendar"), f"calendar-{year.replace('/', '-')}.ics",
                _("iCalendar files (*.ics)"))
        if not path:
            return
        try:
            count = export_ics(self.context.db, [university], year, path)
        except UserError as error:
            return show_error(error, self)
        self._say(ngettext("{count} event written to {path}.", "{count} events written to {path}.", count).format(
            count=count, path=path))

    def _say(self, message: str) -> None:
        self.last_message = message
        self.status.setText(message)

    # -- planner -------------------------------------------------------------------------------
    def checked_universities(self) -> list[int]:
        return list(self.calendar_model.ticked)

    def _programme_changed(self) -> None:
        programme = self.programme.currentData()
        if programme is not None and self.context.db is not None:
            self.calendar_model.set_ticked(calendars.programme_universities(self.context.db, programme))
        else:
            self.refresh_planner()

    def refresh_planner(self) -> None:
        ids, year = self.checked_universities(), self.current_year()
        if self.context.db is None or not ids or year is None:
            self.planner.set_joint(None, self.system)
        else:
            self.planner.set_joint(calendars.joint_calendar_for(self.context.db, ids, year), self.system)
        self._show_conflicts()

    def _show_conflicts(self) -> None:
        self.conflicts.clear()
        joint = self.planner.joint
        if joint is None:
            return
        for conflict in joint.conflicts:
            self.conflicts.addItem(_("{dates}: {conflict}").format(
                dates=span_text(conflict.span.start, conflict.span.end, self.system), conflict=conflict.text()))
        if not joint.conflicts:
            self.conflicts.addItem(_("No conflicts between the partners' calendars."))
