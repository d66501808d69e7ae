"""The Reports page: choose a report, its language (independent of the interface), format and options,
then build it in the background with progress and cancel, or print it with a preview."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import _
from desktop_app.ui.common.choosers import LanguageCombo
from desktop_app.ui.core import settings
from desktop_app.ui.core.language import Retranslatable

FORMAT_TITLES = {"pdf": "PDF", "xlsx": "XLSX", "csv": "CSV"}
ALL_YEARS = 1999  # the year box's minimum, shown as "All years"
CHOSEN_UNIVERSITIES = -1  # the programme box's entry for "the universities ticked below"
ALL_PROGRAMMES = -2  # the programme box's entry for "all joint programmes", for reports that may cover each


class ReportsPage(Retranslatable, QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("page_reports")
        self.task = None
        self._programmes_all = False  # the programme box offers "all joint programmes" rather than ticking
        self.last_path: Path | None = None
        self.kinds = self.report_kinds()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)

        form = QFormLayout()
        self.form = form
        self.kind_box = QComboBox(objectName="report_kind")
        self.description = QLabel(wordWrap=True, objectName="report_description")
        self.university_box = QComboBox(objectName="report_university")
        self.university_box.setMinimumContentsLength(40)
        self.programme_box = QComboBox(objectName="report_programme")
        self.programme_box.setMinimumContentsLength(40)
        self.body_box = QComboBox(objectName="report_body")
        self.body_box.setMinimumContentsLength(40)
        self.agreement_box = QComboBox(objectName="report_learning_agreement")
        self.agreement_box.setMinimumContentsLength(40)
        self.calendar_list = QListWidget(objectName="report_calendar_universities")
        self.calendar_list.setMaximumHeight(110)
        self.year_box = QSpinBox(objectName="report_year")
        self.year_box.setRange(ALL_YEARS, 2100)  # the minimum stands for "all years"
        self.year_box.setGroupSeparatorShown(False)
        self.language_box = LanguageCombo()
        self.language_box.setObjectName("report_language")
        self.format_box = QComboBox(objectName="report_format")
        self.personal_box = QCheckBox(objectName="report_personal")
        self.draft_box = QCheckBox(objectName="report_draft")
        self.path_edit = QLineEdit(objectName="report_path")
        self.browse_button = QPushButton(objectName="report_browse")
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.browse_button)
        self.labels = {key: QLabel() for key in ("kind", "university", "programme", "calendar_universities", "year",
                                                 "body", "learning_agreement", "language", "format", "output")}
        form.addRow(self.labels["kind"], self.kind_box)
        form.addRow("", self.description)
        form.addRow(self.labels["university"], self.university_box)
        form.addRow(self.labels["programme"], self.programme_box)
        form.addRow(self.labels["calendar_universities"], self.calendar_list)
        form.addRow(self.labels["year"], self.year_box)
        form.addRow(self.labels["body"], self.body_box)
        form.addRow(self.labels["learning_agreement"], self.agreement_box)
        form.addRow(self.labels["language"], self.language_box)
        form.addRow(self.labels["format"], self.format_box)
        form.addRow("", self.personal_box)
        form.addRow("", self.draft_box)
        form.addRow(self.labels["output"], path_row)
        layout.addLayout(form)

        buttons = QHBoxLayout()
        self.build_button = QPushButton(objectName="report_build")
        self.build_button.setDefault(True)
        self.print_button = QPushButton(objectName="report_print")
        self.cancel_button = QPushButton(objectName="report_cancel")
        self.cancel_button.setEnabled(False)
        buttons.addWidget(self.build_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.cancel_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.progress_bar = QProgressBar(objectName="report_progress")
        self.progress_bar.setVisible(False)
        self.status = QLabel(wordWrap=True, objectName="report_status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status)
        layout.addStretch(1)

        preferred = context.preferences.get(settings.REPORT_LANGUAGE) or context.preferences.get(settings.LANGUAGE)
        self.language_box.select(preferred or "en")

        self.kind_box.currentIndexChanged.connect(self._kind_changed)
        self.format_box.currentIndexChanged.connect(self._suggest_path)
        self.programme_box.currentIndexChanged.connect(self._kind_changed)
        self.language_box.currentIndexChanged.connect(self._suggest_path)
        self.browse_button.clicked.connect(self._browse)
        self.build_button.clicked.connect(self.build)
        self.print_button.clicked.connect(self.print_report)
        self.cancel_button.clicked.connect(self.cancel)
        context.database_opened.connect(lambda _db: (self._load_universities(), self._load_programmes()))
        context.bus.changed.connect(lambda topics: "universities" in topics and self._load_universities())
        context.bus.changed.connect(lambda topics: "curricula" in topics and self._load_programmes())
        context.database_opened.connect(lambda _db: (self._load_bodies(), self._load_agreements()))
        context.bus.changed.connect(lambda topics: "governance" in topics and self._load_bodies())
        context.bus.changed.connect(lambda topics: "mobility" in topics and self._load_agreements())
        self.retranslate()  # (lists the universities too, once the database is open)
        if context.db is not None:
            self._load_programmes()

    def report_kinds(self) -> list:
        """The kinds offered (the network's own reports are on the Network page)."""
        from desktop_app.reports import registry

        return registry.kinds()

    # --- texts -------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(_("Reports"))
        self.intro.setText(_("Reports for the working group in PDF, XLSX and CSV. The language of a report is "
                             "chosen here, independently of the interface language."))
        current = self.kind_box.currentData()
        self.kind_box.blockSignals(True)
        self.kind_box.clear()
        for kind in self.kinds:
            self.kind_box.addItem(_(kind.title), kind.key)
        self.kind_box.setCurrentIndex(max(0, self.kind_box.findData(current)))
        self.kind_box.blockSignals(False)
        self.labels["kind"].setText(_("&Report:"))
        self.labels["kind"].setBuddy(self.kind_box)
        self.labels["university"].setText(_("&University:"))
        self.labels["university"].setBuddy(self.university_box)
        self.labels["programme"].setText(_("Joint &programme:"))
        self.labels["programme"].setBuddy(self.programme_box)
        self.labels["calendar_universities"].setText(_("Compare &calendars of:"))
        self.labels["calendar_universities"].setBuddy(self.calendar_list)
        chosen = self.programme_box.findData(CHOSEN_UNIVERSITIES)
        if chosen >= 0:
            self.programme_box.setItemText(chosen, _("The universities ticked below"))
        every = self.programme_box.findData(ALL_PROGRAMMES)
        if every >= 0:
            self.programme_box.setItemText(every, _("All joint programmes"))
        self.labels["year"].setText(_("&Year:"))
        self.labels["year"].setBuddy(self.year_box)
        self.year_box.setSpecialValueText(_("All years"))
        self.year_box.setToolTip(_("For the joint calendar: the academic year that starts in this year."))
        self._load_universities()  # the universities' names follow the interface language
        self.labels["body"].setText(_("B&ody:"))
        self.labels["body"].setBuddy(self.body_box)
        self.labels["learning_agreement"].setText(_("Learning a&greement:"))
        self.labels["learning_agreement"].setBuddy(self.agreement_box)
        self._load_bodies()  # names, and dates, in the interface language
        self._load_agreements()
        self.labels["language"].setText(_("&Language of the report:"))
        self.labels["language"].setBuddy(self.language_box)
        self.language_box.refill()
        self.labels["format"].setText(_("&Format:"))
        self.labels["format"].setBuddy(self.format_box)
        self.labels["output"].setText(_("&Save as:"))
        self.labels["output"].setBuddy(self.path_edit)
        self.personal_box.setText(_("Include &personal data (contact persons)"))
        self.personal_box.setToolTip(_("Left out unless you include them; the report states your choice."))
        self.draft_box.setText(_("Mark every page as a &draft"))
        self.browse_button.setText(_("&Browse…"))
        self.build_button.setText(_("&Build report"))
        self.print_button.setText(_("&Print…"))
        self.cancel_button.setText(_("&Cancel"))
        self._kind_changed()

    # --- choices -----------------------------------------------------------------------------
    def current_kind(self):
        key = self.kind_box.currentData()
        return next((kind for kind in self.kinds if kind.key == key), self.kinds[0])

    def _kind_changed(self, *_args) -> None:
        kind = self.current_kind()
        self.description.setText(_(kind.description) if kind.description else "")
        fmt = self.format_box.currentData()
        self.format_box.blockSignals(True)
        self.format_box.clear()
        for key in kind.formats:
            self.format_box.addItem(FORMAT_TITLES[key], key)
        self.format_box.setCurrentIndex(max(0, self.format_box.findData(fmt)))
        self.format_box.blockSignals(False)
        if (kind.needs_programme or kind.uses_programme) and kind.uses_programme != self._programmes_all:
            self._load_programmes()  # "all joint programmes" or "the universities ticked below", as the kind takes
        for key, box, needed in (("university", self.university_box, kind.needs_university),
                                 ("programme", self.programme_box, kind.needs_programme or kind.uses_programme),
                                 ("year", self.year_box, kind.uses_year),
                                 ("body", self.body_box, kind.uses_body),
                                 ("learning_agreement", self.agreement_box, kind.needs_learning_agreement)):
            box.setEnabled(needed)
            self.labels[key].setEnabled(needed)
        ticking = kind.needs_programme and self.programme_box.currentData() == CHOSEN_UNIVERSITIES
        self.calendar_list.setEnabled(ticking)
        self.labels["calendar_universities"].setEnabled(ticking)
        self._suggest_path()

    def _load_universities(self) -> None:
        """The dossier's university is chosen with the register's searching picker (a register of any size
        is never loaded whole); the calendars to compare are those of the universities that have one."""
        from desktop_app.services import calendars, choices
        from desktop_app.ui.common.choosers import UniversityPicker

        if self.context.db is None:
            return
        if not isinstance(self.university_box, UniversityPicker) or self.university_box.db is not self.context.db:
            picker = UniversityPicker(self.context.db)
            picker.setObjectName("report_university")
            picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            picker.setMinimumContentsLength(40)
            picker.setEnabled(self.university_box.isEnabled())
            self.form.replaceWidget(self.university_box, picker)
            self.labels["university"].setBuddy(picker)
            self.university_box.hide()
            self.university_box.deleteLater()
            self.university_box = picker
            if picker.currentIndex() < 0 and picker.count():
                picker.setCurrentIndex(0)
        else:
            self.university_box.retranslate()
        ticked = set(self.ticked_universities())
        self.calendar_list.clear()
        with_calendars = calendars.university_ids_with_calendars(self.context.db)
        for choice in choices.universities(self.context.db, ids=with_calendars):  # in the interface language
            label = f"{choice.label} ({choice.country})"
            item = QListWidgetItem(label, self.calendar_list)
            uid = choice.id
            item.setData(Qt.ItemDataRole.UserRole, uid)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if uid in ticked else Qt.CheckState.Unchecked)

    def ticked_universities(self) -> list[int]:
        return [self.calendar_list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.calendar_list.count())
                if self.calendar_list.item(row).checkState() == Qt.CheckState.Checked]

    def _load_programmes(self) -> None:
        from desktop_app.services import curricula

        if self.context.db is None:
            return
        current = self.programme_box.currentData()
        self._programmes_all = self.current_kind().uses_programme
        self.programme_box.blockSignals(True)
        self.programme_box.clear()
        if self._programmes_all:
            self.programme_box.addItem(_("All joint programmes"), ALL_PROGRAMMES)
        for programme in curricula.choices(self.context.db):
            title = f"{programme.label} ({programme.detail})" if programme.detail else programme.label
            self.programme_box.addItem(title, programme.id)
        if not self._programmes_all:
            self.programme_box.addItem(_("The universities ticked below"), CHOSEN_UNIVERSITIES)
        self.programme_box.setCurrentIndex(max(0, self.programme_box.findData(current)))
        self.programme_box.blockSignals(False)

    def _load_bodies(self) -> None:
        from desktop_app.i18n import current_language
        from desktop_app.services import bodies

        if self.context.db is None:
            return
        current = self.body_box.currentData()
        self.body_box.clear()
        self.body_box.addItem(_("Every body"), None)
        for choice in bodies.choices(self.context.db, lang=current_language()):
            self.body_box.addItem(choice.label, choice.id)
        self.body_box.setCurrentIndex(max(0, self.body_box.findData(current)))

    def _load_agreements(self) -> None:
        """Every learning agreement, read page by page (no student is named: the list is not personal data)."""
        from desktop_app.i18n import formatting
        from desktop_app.services import learning_agreements

        if self.context.db is None:
            return
        current = self.agreement_box.currentData()
        self.agreement_box.clear()
        for row in learning_agreements.iterate(self.context.db):
            self.agreement_box.addItem(_("{id}: from {sending} to {receiving}, starting {start}").format(
                id=row.id, sending=row.sending_university, receiving=row.receiving_university,
                start=formatting.format_date(row.start_date)), row.id)
        self.agreement_box.setCurrentIndex(max(0, self.agreement_box.findData(current)))

    def _suggest_path(self, *_args) -> None:
        """Propose a file name in the folder last used, unless the user typed their own."""
        if self.path_edit.isModified():
            return
        folder = Path(self.path_edit.text()).parent if self.path_edit.text() else Path.home()
        kind, fmt = self.current_kind(), self.format_box.currentData() or "pdf"
        lang = self.language_box.currentData() or "en"
        self.path_edit.setText(str(folder / f"{kind.key}-{lang}-{dt.date.today().isoformat()}.{fmt}"))

    def _browse(self) -> None:
        fmt = self.format_box.currentData() or "pdf"
        path, _filter = QFileDialog.getSaveFileName(self, _("Save the report as"), self.path_edit.text(),
                                                    f"{FORMAT_TITLES[fmt]} (*.{fmt})")
        if path:
            self.path_edit.setText(path)
            self.path_edit.setModified(True)

    def options(self):
        from desktop_app.reports.model import ReportOptions

        kind = self.current_kind()
        prefs = self.context.preferences
        programme = self.programme_box.currentData()
        return ReportOptions.with_preferences(
            prefs.options(),
            lang=self.language_box.currentData() or "en",
            include_personal_data=self.personal_box.isChecked(),
            draft=self.draft_box.isChecked(),
            university_id=self.university_box.currentData() if kind.needs_university else None,
            programme_id=programme if (kind.needs_programme or kind.uses_programme)
            and programme not in (CHOSEN_UNIVERSITIES, ALL_PROGRAMMES) else None,
            university_ids=tuple(self.ticked_universities())
            if kind.needs_programme and programme == CHOSEN_UNIVERSITIES else (),
            year=self.year_box.value() if kind.uses_year and self.year_box.value() != ALL_YEARS else None,
            body_id=self.body_box.currentData() if kind.uses_body else None,
            learning_agreement_id=self.agreement_box.currentData() if kind.needs_learning_agreement else None,
        )

    # --- work --------------------------------------------------------------------------------
    def build(self) -> None:
        from desktop_app.reports import registry

        db = self.context.db
        if db is None or self.task is not None:
            return
        key, fmt = self.current_kind().key, self.format_box.currentData()
        path, options = Path(self.path_edit.text()).expanduser(), self.options()
        self.context.preferences.set(settings.REPORT_LANGUAGE, options.lang)
        self._start(lambda progress: registry.build_report(db, key, fmt, path, options, progress),
                    _("Building the report…"), self._built)

    def print_report(self) -> None:
        from desktop_app.reports import registry

        db = self.context.db
        if db is None or self.task is not None:
            return
        key, options = self.current_kind().key, self.options()
        self._start(lambda progress: registry.gather(db, key, options, progress), _("Preparing to print…"),
                    self._print_ready)

    def _start(self, function, title: str, on_done) -> None:
        self.progress_bar.setRange(0, 0)
        self.progress_bar.setVisible(True)
        self.status.setText(title)
        self.build_button.setEnabled(False)
        self.print_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.task = self.context.runner.run(function, title=title, on_done=on_done, on_cancelled=self._cancelled,
                                            on_error=self._failed, parent=self,
                                            show_progress=False)  # the page shows progress and Cancel itself
        dialog_progress = self.task.on_progress

        def progressed(done: int, total: int, message: str) -> None:
            if dialog_progress:
                dialog_progress(done, total, message)
            self._show_progress(done, total, message)

        self.task.on_progress = progressed

    def _show_progress(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))
        else:
            self.progress_bar.setRange(0, 0)
        if message:
            self.status.setText(message)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.status.setText(_("Cancelling…"))

    def _finish(self) -> None:
        self.task = None
        self.progress_bar.setVisible(False)
        self.build_button.setEnabled(True)
        self.print_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def _built(self, path) -> None:
        self._finish()
        self.last_path = Path(path)
        self.status.setText(_("Report written to {path}").format(path=path))

    def _print_ready(self, document) -> None:
        self._finish()
        self.status.setText("")
        from desktop_app.ui.reports.printing import print_with_preview

        print_with_preview(document, self)

    def _cancelled(self) -> None:
        self._finish()
        self.status.setText(_("Cancelled; no file was written."))

    def _failed(self, error: BaseException) -> None:
        self._finish()
        self.status.setText("")
        from desktop_app.ui.core.errors import show_error

        show_error(error, self)
