"""Calendars: each partner's academic year (periods edited in place, undoable), copy a year forward,
.ics import (in the background) and export, and the year planner of a programme or chosen universities."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.calendars import academic_year_bounds, academic_year_of, parse_academic_year
from desktop_app.domain.errors import UserError
from desktop_app.i18n import _, ngettext
from desktop_app.ui.calendars.periods import PeriodsTable, SavePeriodsCommand, new_period
from desktop_app.ui.calendars.year_planner import YearPlanner
from desktop_app.ui.common.dates import calendar_system, span_text
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        layout.addWidget(self.heading)
        bar = QHBoxLayout()
        self.university_label, self.year_label = QLabel(), QLabel()
        self.university = QComboBox()
        self.university.setObjectName("calendarUniversity")
        self.university.setMinimumWidth(280)
        self.year = QComboBox()
        self.year.setObjectName("calendarYear")
        self.year.setEditable(True)
        self.year.setMinimumWidth(110)
        self.university_label.setBuddy(self.university)
        self.year_label.setBuddy(self.year)
        for widget in (self.university_label, self.university, self.year_label, self.year):
            bar.addWidget(widget)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        # periods tab
        periods_tab = QWidget()
        periods_layout = QVBoxLayout(periods_tab)
        buttons = QHBoxLayout()
        self.add_button, self.remove_button = QPushButton(), QPushButton()
        self.copy_button, self.import_button, self.export_button = QPushButton(), QPushButton(), QPushButton()
        for button in (
            self.add_button,
            self.remove_button,
            self.copy_button,
            self.import_button,
            self.export_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        periods_layout.addLayout(buttons)
        self.table = PeriodsTable()
        periods_layout.addWidget(self.table, 1)
        self.status = QLabel()
        self.status.setWordWrap(True)
        periods_layout.addWidget(self.status)
        self.tabs.addTab(periods_tab, "")
        # planner tab
        planner_tab = QWidget()
        planner_layout = QHBoxLayout(planner_tab)
        side = QVBoxLayout()
        self.show_label = QLabel()
        self.programme = QComboBox()
        self.programme.setObjectName("plannerProgramme")
        self.universities = QListWidget()
        self.universities.setObjectName("plannerUniversities")
        self.chosen_label = QLabel()
        side.addWidget(self.show_label)
        side.addWidget(self.programme)
        side.addWidget(self.chosen_label)
        side.addWidget(self.universities, 1)
        side_widget = QWidget()
        side_widget.setLayout(side)
        side_widget.setMaximumWidth(300)
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
        planner_layout.addWidget(side_widget)
        planner_layout.addWidget(right, 1)
        self.tabs.addTab(planner_tab, "")

        self.university.currentIndexChanged.connect(lambda _i: self._university_changed())
        self.year.activated.connect(lambda _i: self.load_periods())
        self.year.lineEdit().editingFinished.connect(self.load_periods)
        self.table.edited.connect(self._edited)
        self.add_button.clicked.connect(self.add_period)
        self.remove_button.clicked.connect(self.remove_periods)
        self.copy_button.clicked.connect(self.copy_forward)
        self.import_button.clicked.connect(self.import_ics)
        self.export_button.clicked.connect(self.export_ics)
        self.programme.currentIndexChanged.connect(lambda _i: self._programme_changed())
        self.universities.itemChanged.connect(lambda _item: self.refresh_planner())
        self.retranslate()
        context.bus.changed.connect(self._on_changed)
        context.database_opened.connect(lambda _db: self.refresh())
        if context.db is not None:
            self.refresh()

    # -- language ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(_("Academic calendars"))
        self.university_label.setText(_("&University:"))
        self.year_label.setText(_("Academic &year:"))
        self.add_button.setText(_("&Add period"))
        self.remove_button.setText(_("&Remove period"))
        self.copy_button.setText(_("&Copy to next year"))
        self.import_button.setText(_("&Import .ics…"))
        self.export_button.setText(_("E&xport .ics…"))
        self.tabs.setTabText(0, _("Periods"))
        self.tabs.setTabText(1, _("Year planner"))
        self.show_label.setText(_("Show the partners of:"))
        self.chosen_label.setText(_("or these universities:"))
        self.conflicts_label.setText(_("Conflicts"))
        if self.programme.count():
            self.programme.setItemText(0, _("(chosen universities)"))
        self.table.retranslate()
        self.planner.rebuild()
        self._show_conflicts()

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

    def _on_changed(self, topics) -> None:
        if topics & TOPICS:
            self.refresh()

    def refresh(self) -> None:
        if self.context.db is None:
            return
        from desktop_app.services.curricula import list_programmes, university_choices

        choices = university_choices(self.context.db)
        current = self.university.currentData()
        checked = self.checked_universities()
        self.university.blockSignals(True)
        self.universities.blockSignals(True)
        self.university.clear()
        self.universities.clear()
        for choice in choices:
            label = f"{choice.name} [{choice.country_code}]"
            self.university.addItem(label, choice.id)
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, choice.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if choice.id in checked else Qt.CheckState.Unchecked)
            self.universities.addItem(item)
        if current is None:  # first load: open a calendar that exists, the user's own state's first
            from desktop_app.services.calendars import default_university

            current = default_university(self.context.db, self.context.state_code)
        if current is not None and self.university.findData(current) >= 0:
            self.university.setCurrentIndex(self.university.findData(current))
        self.university.blockSignals(False)
        self.universities.blockSignals(False)
        programme = self.programme.currentData()
        self.programme.blockSignals(True)
        self.programme.clear()
        self.programme.addItem(_("(chosen universities)"), None)
        for summary in list_programmes(self.context.db):
            self.programme.addItem(summary.title, summary.id)
        if programme is not None and self.programme.findData(programme) >= 0:
            self.programme.setCurrentIndex(self.programme.findData(programme))
        self.programme.blockSignals(False)
        self._fill_years()
        self.load_periods()
        self.refresh_planner()

    def _fill_years(self) -> None:
        from desktop_app.services.calendars import calendar_years

        text = self.year.currentText() or academic_year_of(dt.date.today())
        years = (
            set(calendar_years(self.context.db, self.current_university()))
            if self.current_university()
            else set()
        )
        years.add(academic_year_of(dt.date.today()))
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItems(sorted(years))
        self.year.setCurrentText(text)
        self.year.blockSignals(False)

    def _university_changed(self) -> None:
        self.undo_stack.clear()
        self._fill_years()
        self.load_periods()

    def load_periods(self) -> None:
        from desktop_app.services.calendars import get_periods

        university, year = self.current_university(), self.current_year()
        if self.context.db is None or university is None or year is None:
            self.table.show_periods([], self.system)
            return
        self.table.show_periods(get_periods(self.context.db, university, year), self.system)
        self.refresh_planner()

    def write_periods(self, university_id: int, year: str, periods) -> None:
        """Called by undo commands: write, then show that university and year."""
        from desktop_app.services.calendars import save_periods

        save_periods(self.context.db, university_id, year, periods)
        index = self.university.findData(university_id)
        if index >= 0 and index != self.university.currentIndex():
            self.university.blockSignals(True)
            self.university.setCurrentIndex(index)
            self.university.blockSignals(False)
        self.year.setCurrentText(year)
        self.load_periods()

    def _push(self, periods, text: str, cell=None) -> None:
        university, year = self.current_university(), self.current_year()
        if university is None or year is None:
            return
        command = SavePeriodsCommand(self, university, year, self.table.periods, periods, text, cell)
        try:
            self.undo_stack.push(command)
        except UserError as error:
            self.undo_stack.undo() if self.undo_stack.canUndo() else None
            show_error(error, self)

    def _edited(self, periods, cell) -> None:
        self._push(periods, _("Edit period"), cell)

    def add_period(self) -> None:
        year = self.current_year()
        if year is None:
            return show_error(
                UserError("An academic year is written as two consecutive years, for example 2026/2027."),
                self,
            )
        self._push([*self.table.periods, new_period(academic_year_bounds(year)[0])], _("Add period"))

    def remove_periods(self) -> None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()} or (
            {self.table.currentRow()} if self.table.currentRow() >= 0 else set()
        )
        if rows:
            self._push([p for i, p in enumerate(self.table.periods) if i not in rows], _("Remove period"))

    def copy_forward(self) -> None:
        from desktop_app.services.calendars import copy_year_forward

        university, year = self.current_university(), self.current_year()
        if university is None or year is None:
            return
        try:
            target = copy_year_forward(self.context.db, university, year)
        except UserError as error:
            return show_error(error, self)
        self.undo_stack.clear()
        self._fill_years()
        self.year.setCurrentText(target)
        self.load_periods()
        self._say(_("Copied to {year}.").format(year=target))

    def import_ics(self, path: str | None = None) -> None:
        from desktop_app.exchange.icalendar_files import import_ics_file

        university = self.current_university()
        if university is None:
            return
        if not path:
            path, _filter = QFileDialog.getOpenFileName(
                self, _("Import a published calendar"), "", _("iCalendar files (*.ics)")
            )
        if not path:
            return
        db = self.context.db

        def done(result) -> None:
            self.undo_stack.clear()
            self._fill_years()
            self.load_periods()
            self._say(
                _("Periods added: {created}; updated: {updated}; academic years: {years}.").format(**result)
            )

        self.context.runner.run(
            lambda progress: import_ics_file(db, university, path, progress),
            title=_("Importing the calendar…"),
            on_done=done,
            parent=self,
        )

    def export_ics(self, path: str | None = None) -> None:
        from desktop_app.exchange.icalendar_files import export_ics

        university, year = self.current_university(), self.current_year()
        if university is None or year is None:
            return
        if not path:
            path, _filter = QFileDialog.getSaveFileName(
                self,
                _("Export the calendar"),
                f"calendar-{year.replace('/', '-')}.ics",
                _("iCalendar files (*.ics)"),
            )
        if not path:
            return
        try:
            count = export_ics(self.context.db, [university], year, path)
        except UserError as error:
            return show_error(error, self)
        self._say(
            ngettext("{count} event written to {path}.", "{count} events written to {path}.", count).format(
                count=count, path=path
            )
        )

    def _say(self, message: str) -> None:
        self.last_message = message
        self.status.setText(message)

    # -- planner -------------------------------------------------------------------------------
    def checked_universities(self) -> list[int]:
        return [
            self.universities.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.universities.count())
            if self.universities.item(i).checkState() == Qt.CheckState.Checked
        ]

    def _programme_changed(self) -> None:
        programme = self.programme.currentData()
        if programme is not None and self.context.db is not None:
            from desktop_app.services.calendars import programme_universities

            ids = set(programme_universities(self.context.db, programme))
            self.universities.blockSignals(True)
            for i in range(self.universities.count()):
                item = self.universities.item(i)
                item.setCheckState(
                    Qt.CheckState.Checked
                    if item.data(Qt.ItemDataRole.UserRole) in ids
                    else Qt.CheckState.Unchecked
                )
            self.universities.blockSignals(False)
        self.refresh_planner()

    def refresh_planner(self) -> None:
        from desktop_app.services.calendars import joint_calendar_for

        ids, year = self.checked_universities(), self.current_year()
        if self.context.db is None or not ids or year is None:
            self.planner.set_joint(None, self.system)
        else:
            self.planner.set_joint(joint_calendar_for(self.context.db, ids, year), self.system)
        self._show_conflicts()

    def _show_conflicts(self) -> None:
        self.conflicts.clear()
        joint = self.planner.joint
        if joint is None:
            return
        for conflict in joint.conflicts:
            self.conflicts.addItem(
                _("{dates}: {conflict}").format(
                    dates=span_text(conflict.span.start, conflict.span.end, self.system),
                    conflict=conflict.text(),
                )
            )
        if not joint.conflicts:
            self.conflicts.addItem(_("No conflicts between the partners' calendars."))
