"""The Recognition page: the cases list (lazy keyset pages, personal data masked), the equivalence rules and
the statistics.

Every change made here or in the editors is a command on the page's undo stack (``ui/core/commands``):
creating, editing and deleting a case or a rule, each workflow move and each scan attached. Undo puts
the record back exactly as it was, its history and scans included. A draft left open when the
application ended abruptly is offered back (``recover_draft``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.drafts_json import from_jsonable
from desktop_app.domain.errors import NotFoundError
from desktop_app.domain.recognition import CaseDraft, CaseStatus, RuleDraft, label
from desktop_app.i18n import _, formatting, ngettext
from desktop_app.services import recognition_cases as cases
from desktop_app.services import recognition_rules as rules
from desktop_app.services.recognition_queries import CaseFilter
from desktop_app.ui.common import confirm
from desktop_app.ui.common.empty_state import EmptyState, filters_in_use
from desktop_app.ui.common.flow_layout import FlowLayout
from desktop_app.ui.core import commands
from desktop_app.ui.core.errors import show_error
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.recognition.editor import CaseEditor
from desktop_app.ui.recognition.model import (
    COL_BIRTH,
    COL_DECIDED,
    COL_FROM,
    COL_HOLDER,
    COL_OUTCOME,
    COL_QUALIFICATION,
    COL_RECEIVED,
    COL_REFERENCE,
    COL_STATUS,
    COL_TO,
    COL_UNIVERSITY,
    CaseTableModel,
)
from desktop_app.ui.recognition.rules import RulesTab
from desktop_app.ui.recognition.statistics import StatisticsTab
from desktop_app.ui.recognition.widgets import CountryCombo

TOPICS = {cases.TOPIC, rules.TOPIC, "universities"}


class RecognitionPage(Retranslatable, QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("page_recognition")
        self.undo_stack = QUndoStack(self)
        self.model = CaseTableModel(self, options=self.options())
        self.model.loaded.connect(self._update_summary)
        self.model.counted.connect(self._update_summary)
        self.model.rowsInserted.connect(lambda *_args: self._update_summary())
        self.model.failed.connect(lambda error: show_error(error, self))
        self.overdue_count = 0
        self.editor: CaseEditor | None = None

        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_cases_tab(), "")
        self.rules_tab = RulesTab(context, self.undo_stack)
        self.tabs.addTab(self.rules_tab, "")
        self.stats_tab = StatisticsTab(context)
        self.tabs.addTab(self.stats_tab, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.apply_filter)
        self.retranslate()
        context.database_opened.connect(lambda _db: self._database_opened())
        context.bus.changed.connect(self._records_changed)
        if context.db is not None:
            self._database_opened()

    def options(self):
        """The user's preferences as they are now (the overdue horizon may change in Preferences)."""
        return self.context.preferences.options()

    def _build_cases_tab(self) -> QWidget:
        tab = QWidget()
        self.search = QLineEdit()
        self.search.setObjectName("case_search")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("status_filter")
        for value in ("", "pending", *[s.value for s in CaseStatus]):
            self.status_filter.addItem("", value)
        self.from_filter = CountryCombo(lambda: _("Any issuing country"))
        self.from_filter.setObjectName("from_filter")
        self.to_filter = CountryCombo(lambda: _("Any recognising country"))
        self.to_filter.setObjectName("to_filter")
        for combo in (self.status_filter, self.from_filter, self.to_filter):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.overdue_only = QCheckBox()
        self.overdue_only.setObjectName("overdue_only")
        self.overdue_only.toggled.connect(lambda _on: self.apply_filter())
        self.reveal = QPushButton()
        self.reveal.setObjectName("reveal_personal")
        self.reveal.setCheckable(True)
        self.reveal.toggled.connect(self._reveal_toggled)
        self.new_case = QPushButton()
        self.new_case.setObjectName("new_case")
        self.new_case.clicked.connect(lambda: self.open_case(None))
        self.edit_case = QPushButton()
        self.edit_case.setObjectName("edit_case")
        self.edit_case.clicked.connect(lambda: self.open_case(self.selected_id()))
        self.delete_case = QPushButton()
        self.delete_case.setObjectName("delete_case")
        self.delete_case.clicked.connect(self.delete_selected)
        self.import_button = QPushButton()
        self.import_button.clicked.connect(self.import_cases)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self.export_cases)
        self.pseudonymise_button = QPushButton()
        self.pseudonymise_button.clicked.connect(self.pseudonymise)

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.from_filter, 1)
        filters.addWidget(self.to_filter, 1)
        filters.addWidget(self.overdue_only)
        actions = FlowLayout()
        for button in (self.new_case, self.edit_case, self.delete_case):
            actions.addWidget(button)
        actions.addStretch(1)
        for button in (self.import_button, self.export_button, self.pseudonymise_button, self.reveal):
            actions.addWidget(button)

        self.view = QTableView()
        self.view.setObjectName("cases_view")
        self.view.setModel(self.model)
        self.view.setSortingEnabled(True)
        self.view.horizontalHeader().setSortIndicator(COL_RECEIVED, Qt.SortOrder.DescendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(24)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((COL_REFERENCE, 130), (COL_STATUS, 120), (COL_RECEIVED, 95), (COL_DECIDED, 95),
                              (COL_OUTCOME, 150), (COL_FROM, 110), (COL_TO, 110), (COL_QUALIFICATION, 220),
                              (COL_UNIVERSITY, 240), (COL_HOLDER, 160), (COL_BIRTH, 100)):
            self.view.setColumnWidth(column, width)
        self.view.doubleClicked.connect(lambda index: self.open_case(self.model.case_id(index.row())))
        self.view.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        self.empty_state = EmptyState(
            self.view, lambda: _("No recognition cases yet. Record a case, or import cases from a CSV or XLSX file."),
            [(lambda: _("Import…"), self.import_cases), (lambda: _("New case…"), lambda: self.open_case(None))],
            filtered=filters_in_use(self.search, self.status_filter, self.from_filter, self.to_filter,
                                    self.overdue_only))
        QShortcut(QKeySequence.StandardKey.Delete, self.view, activated=self.delete_selected)
        self.summary = QLabel()
        self.summary.setObjectName("cases_summary")

        layout = QVBoxLayout(tab)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        return tab

    def retranslate(self) -> None:
        self.heading.setText(_("Diploma recognition"))
        self.tabs.setTabText(0, _("Cases"))
        self.tabs.setTabText(1, _("Equivalence rules"))
        self.tabs.setTabText(2, _("Statistics"))
        self.search.setPlaceholderText(_("Search reference, qualification, university, holder…"))
        names = {"": _("All statuses"), "pending": _("Awaiting a decision")}
        for i in range(self.status_filter.count()):
            value = self.status_filter.itemData(i)
            self.status_filter.setItemText(i, names.get(value) or label(value))
        for combo in (self.from_filter, self.to_filter):
            combo.retranslate()
        self.from_filter.setToolTip(_("Issuing country"))
        self.to_filter.setToolTip(_("Recognising country"))
        self.overdue_only.setText(_("Overdue only"))
        self.reveal.setText(_("Hide personal data") if self.reveal.isChecked() else _("Reveal personal data…"))
        self.new_case.setText(_("&New case…"))
        self.edit_case.setText(_("&Edit…"))
        self.delete_case.setText(_("&Delete"))
        self.import_button.setText(_("&Import…"))
        self.export_button.setText(_("E&xport…"))
        self.pseudonymise_button.setText(_("Pseudonymise old cases…"))
        self.model.retranslate()
        self._fit_date_columns()
        self._update_summary()
        self._update_buttons()

    def _fit_date_columns(self) -> None:
        """Dates are as wide as the language writes them ("16 февр. 2026 г." is longer than "Feb 16, 2026")."""
        import datetime as dt

        metrics = self.view.fontMetrics()
        sample = formatting.format_date(dt.date(2026, 9, 28))
        headers = self.view.horizontalHeader().fontMetrics()
        for column in (COL_RECEIVED, COL_DECIDED, COL_BIRTH):
            title = self.model.headerData(column, Qt.Orientation.Horizontal) or ""
            self.view.setColumnWidth(column, max(metrics.horizontalAdvance(sample), headers.horizontalAdvance(title))
                                     + 28)

    # data ---------------------------------------------------------------------------------------------
    def _database_opened(self) -> None:
        self.model.set_database(self.context.db)
        self._count_overdue()

    def _records_changed(self, topics) -> None:
        if topics & TOPICS and self.context.db is not None:
            self.model.reload()
            self._count_overdue()

    def _follow_preferences(self):
        """The preferences as they are now; a new overdue horizon (changed in Preferences since) is applied
        to the list's marks and the overdue count at once."""
        options = self.options()
        if options != self.model.options:
            self.model.set_options(options)
            if self.context.db is not None:
                self._count_overdue()
        return options

    def showEvent(self, event) -> None:  # noqa: N802 - Qt naming
        super().showEvent(event)
        self._follow_preferences()

    def current_filter(self) -> CaseFilter:
        options = self._follow_preferences()
        return CaseFilter(status=self.status_filter.currentData() or "", from_country=self.from_filter.value(),
                          to_country=self.to_filter.value(), search=self.search.text(),
                          overdue_only=self.overdue_only.isChecked(),
                          overdue_days=options.recognition_overdue_days)

    def apply_filter(self) -> None:
        # A new question starts at the top of its answer (and a view left scrolled to the bottom of the
        # previous list would otherwise fetch a second page at once).
        self.view.scrollToTop()
        self.model.set_filter(self.current_filter())

    def _count_overdue(self) -> None:
        from desktop_app.services.recognition_queries import count_cases

        options = self.model.options
        db, flt = self.context.db, CaseFilter(overdue_only=True, overdue_days=options.recognition_overdue_days)
        self.context.runner.run(lambda _progress: count_cases(db, flt), title=_("Counting overdue cases"),
                                on_done=self._overdue_counted, show_progress=False, parent=self)

    def _overdue_counted(self, count: int) -> None:
        self.overdue_count = count
        self._update_summary()

    def _update_summary(self) -> None:
        if self.context.db is None or self.model.loading and not self.model.rows:
            self.summary.setText(_("Loading cases…"))
            return
        text = _("Showing {shown} of {total} cases.").format(
            shown=formatting.format_number(len(self.model.rows)),
            total="…" if self.model.counting else formatting.format_number(self.model.total))
        if self.overdue_count:
            text += "  " + ngettext(
                "{count} case awaits a decision for more than {days} days.",
                "{count} cases await a decision for more than {days} days.", self.overdue_count).format(
                count=formatting.format_number(self.overdue_count),
                days=formatting.format_number(self.model.options.recognition_overdue_days))
        self.summary.setText(text)

    def selected_id(self) -> int | None:
        rows = self.view.selectionModel().selectedRows() if self.view.selectionModel() else []
        return self.model.case_id(rows[0].row()) if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        self.edit_case.setEnabled(chosen)
        self.delete_case.setEnabled(chosen)

    # actions --------------------------------------------------------------------------------------------
    def _reveal_toggled(self, on: bool) -> None:
        if on:
            answer = QMessageBox.question(
                self, _("Reveal personal data"),
                _("Show holders' names, dates of birth, citizenship and document numbers in the list? "
                  "This is recorded in the recognition history."))
            if answer != QMessageBox.StandardButton.Yes:
                self.reveal.blockSignals(True)
                self.reveal.setChecked(False)
                self.reveal.blockSignals(False)
                return
            cases.record_event(self.context.db, "reveal", "personal_data", "case list")
        self.model.set_reveal(on)
        self.retranslate()

    def open_case(self, case_id: int | None, changed_draft: CaseDraft | None = None) -> CaseEditor | None:
        """The case editor over a stored case (None: a new one); every save is an undo step here."""
        if self.context.db is None:
            return None
        editor = CaseEditor(self.context.db, self.undo_stack, case_id, self, self.options(), changed_draft)
        self.editor = editor
        editor.exec()
        return editor

    def recover_draft(self, record_id: int | None, values: dict) -> None:
        """Open the editor again with a draft left unsaved when the application ended abruptly (a case's, or
        an equivalence rule's: a rule's draft says what it is recognised as)."""
        is_rule = "recognised_as" in values
        service = rules if is_rule else cases
        if record_id is not None:
            try:
                service.get(self.context.db, record_id)
            except NotFoundError:
                record_id = None
        if is_rule:
            self.tabs.setCurrentWidget(self.rules_tab)
            self.rules_tab.edit(record_id, from_jsonable(RuleDraft, values))
        else:
            self.tabs.setCurrentIndex(0)
            self.open_case(record_id, from_jsonable(CaseDraft, values))

    def delete_selected(self) -> None:
        case_id, db = self.selected_id(), self.context.db
        if case_id is None or db is None:
            return
        reference = self.model.rows[self.model.row_of_id(case_id)]["reference"]
        if not confirm.confirm_delete(self, _("Delete recognition case"), _(
                "Delete the recognition case {reference} with its history and scans? You can undo this with "
                "Edit ▸ Undo.").format(reference=reference)):
            return
        commands.push(self.undo_stack, commands.DeleteRecord(
            db, cases, case_id, _("Delete recognition case {reference}").format(reference=reference)), self)

    def import_cases(self) -> None:
        from desktop_app.ui.recognition.import_dialog import ImportDialog

        if self.context.db is None:
            return
        path, _selected = QFileDialog.getOpenFileName(self, _("Import recognition cases"), "",
                                                      _("Case files (*.csv *.xlsx);;All files (*)"))
        if path:
            ImportDialog(self.context, path, self).exec()

    def export_cases(self) -> None:
        from desktop_app.exchange.recognition_files import export_cases

        path, _selected = QFileDialog.getSaveFileName(self, _("Export recognition cases"), "recognition-cases.xlsx",
                                                      _("Excel workbook (*.xlsx);;CSV (*.csv)"))
        if not path:
            return
        box = QMessageBox(self)
        box.setWindowTitle(_("Personal data"))
        box.setText(_("Include holders' names, dates of birth, citizenship and document numbers in the export?"))
        box.setInformativeText(_("Without them the file holds no personal data. Your choice is recorded in the "
                                 "recognition history."))
        leave_out = box.addButton(_("Leave personal data out"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("Include personal data"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(leave_out)
        box.exec()
        clicked = box.clickedButton()
        if clicked is None or box.buttonRole(clicked) == QMessageBox.ButtonRole.RejectRole:
            return
        include = clicked is not leave_out
        db, flt = self.context.db, self.current_filter()
        self.context.runner.run(
            lambda progress: export_cases(db, path, flt, include_personal=include, progress=progress),
            title=_("Exporting recognition cases"), parent=self,
            on_done=lambda count: QMessageBox.information(
                self, _("Export finished"),
                ngettext("Exported {count} case.", "Exported {count} cases.", count).format(
                    count=formatting.format_number(count))))

    def pseudonymise(self) -> None:
        from PySide6.QtWidgets import QInputDialog

        years, ok = QInputDialog.getInt(
            self, _("Pseudonymise old cases"),
            _("Replace the holders of cases closed more than this many years ago by pseudonyms:"), 5, 0, 100)
        if not ok:
            return
        db = self.context.db

        def done(count: int) -> None:
            if count:
                # Earlier undo steps hold the holders as they were: undoing one would bring a name back.
                self.undo_stack.clear()
            QMessageBox.information(self, _("Pseudonymised"), ngettext(
                "Pseudonymised {count} closed case.", "Pseudonymised {count} closed cases.", count).format(
                count=formatting.format_number(count)))

        self.context.runner.run(lambda _progress: cases.pseudonymise_closed_cases(db, years),
                                title=_("Pseudonymising"), parent=self, on_done=done)
