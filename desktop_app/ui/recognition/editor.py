"""The case editor: every fact of a recognition case, its workflow buttons, history and scans.

Nothing here writes by itself: every change is a command on the page's undo stack (``ui/core/commands``)
— creating or editing the case, each move along the workflow (with the facts the move needs, in one
transaction) and each scan attached — so Edit ▸ Undo puts the case back exactly, history included.
OK (or Ctrl+S) saves and closes; Apply saves and stays open so the coordinator can move the case on
at once; Escape or Cancel ask before unsaved changes are lost. Errors appear next to their fields.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import UserError, ValidationError
from desktop_app.domain.preferences import Options
from desktop_app.domain.recognition import (
    LABELS,
    PERSONAL_FIELDS,
    TRANSITIONS,
    CaseDraft,
    CaseStatus,
    label,
)
from desktop_app.i18n import _, formatting
from desktop_app.services import recognition_cases as cases
from desktop_app.ui.common.form_dialog import FormDialog
from desktop_app.ui.core import commands, drafts
from desktop_app.ui.core.errors import show_error
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.recognition.case_fields import DATES, ERROR_STYLE, CaseFields, field_titles
from desktop_app.ui.recognition.widgets import select_data


class CaseEditor(Retranslatable, FormDialog):
    area_key = "recognition"
    WORKFLOW = (CaseStatus.UNDER_EVALUATION, CaseStatus.DECIDED, CaseStatus.APPEALED, CaseStatus.CLOSED)

    def __init__(self, db, undo_stack, record_id: int | None = None, parent=None, options: Options | None = None,
                 changed_draft: CaseDraft | None = None):
        super().__init__(parent, record_id, db.url)
        self.db = db
        self.undo_stack = undo_stack
        self.options = options or Options()
        self.status = CaseStatus.RECEIVED
        self.facts: dict = {}
        self.rule_id: int | None = None
        self.history_entries: list = []
        self.attachment_rows: list = []
        self._suggested: dict | None = None
        self.setObjectName("recognition_case_editor")
        self.resize(840, 740)
        self.tabs = QTabWidget()
        self.fields = CaseFields(db)
        self.widgets, self.errors = self.fields.widgets, self.fields.errors
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.fields)
        self.tabs.addTab(scroll, "")
        self.history = QTableWidget(0, 4)
        self.history.setObjectName("case_history")
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.verticalHeader().hide()
        self.tabs.addTab(self.history, "")
        scans = QWidget()
        scans_layout = QVBoxLayout(scans)
        self.attachments = QListWidget()
        self.attachments.setObjectName("case_attachments")
        self.attachments.itemDoubleClicked.connect(self._save_attachment)
        self.add_scan = QPushButton()
        self.add_scan.setObjectName("add_scan")
        self.add_scan.clicked.connect(self._add_attachment)
        scans_layout.addWidget(self.attachments)
        scans_layout.addWidget(self.add_scan, 0, Qt.AlignmentFlag.AlignLeft)
        self.tabs.addTab(scans, "")

        self.status_label = QLabel()
        self.status_label.setObjectName("case_status")
        self.suggestion = QLabel()
        self.suggestion.setWordWrap(True)
        self.apply_rule = QPushButton()
        self.apply_rule.clicked.connect(self._apply_suggestion)
        self.apply_rule.hide()
        self.general_error = QLabel()
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.workflow_buttons: dict[str, QPushButton] = {}
        buttons = QHBoxLayout()
        for target in self.WORKFLOW:
            button = QPushButton()
            button.setObjectName(f"to_{target}")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, t=target: self.move_to(t))
            self.workflow_buttons[target] = button
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Apply
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.save_button.setObjectName("save_case")
        self.save_button.clicked.connect(self.apply)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        buttons.addWidget(self.buttons)
        suggestion_row = QHBoxLayout()
        suggestion_row.addWidget(self.suggestion, 1)
        suggestion_row.addWidget(self.apply_rule)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addLayout(suggestion_row)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)
        for name in ("issuing_country", "recognising_country", "isced_level"):
            self.widgets[name].currentIndexChanged.connect(self._suggest)
        self.widgets["qualification_title"].editingFinished.connect(self._suggest)
        self.widgets["issuing_university_id"].currentIndexChanged.connect(self._university_chosen)
        if record_id is not None:
            self.load()
        if changed_draft is not None:  # a draft recovered after a crash: shown as unsaved changes
            self.set_draft(changed_draft)
        self.retranslate()
        self._update_workflow()
        self.start_tracking()
        if changed_draft is not None:
            self.set_baseline(self._stored_draft())

    # language ---------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.fields.retranslate()
        reference = self.widgets["reference"].text()
        self.setWindowTitle(_("New recognition case") if self.record_id is None else
                            _("Recognition case {reference}").format(reference=reference))
        self.tabs.setTabText(0, _("Case"))
        self.tabs.setTabText(1, _("History"))
        self.tabs.setTabText(2, _("Scans"))
        self.add_scan.setText(_("Attach a scan…"))
        self.attachments.setToolTip(_("Double-click a scan to save a verified copy."))
        self.history.setHorizontalHeaderLabels([_("When"), _("Field"), _("Old value"), _("New value")])
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("OK"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.save_button.setText(_("&Apply"))
        self.save_button.setToolTip(_("Save the case and keep it open"))
        self.apply_rule.setText(_("Use this rule"))
        under = self.workflow_buttons[CaseStatus.UNDER_EVALUATION]
        under.setText(_("Re-evaluate after appeal") if self.status == CaseStatus.APPEALED else _("Start evaluation"))
        self.workflow_buttons[CaseStatus.DECIDED].setText(_("Record decision"))
        self.workflow_buttons[CaseStatus.APPEALED].setText(_("Lodge appeal"))
        self.workflow_buttons[CaseStatus.CLOSED].setText(_("Close case"))
        self._show_status()
        self._fill_history()
        self._fill_attachments()
        self._suggest()

    def _show_status(self) -> None:
        if self.record_id is None:
            self.status_label.setText(_("New case: save it (Apply) to start the workflow."))
            return
        text = _("Status: {status}").format(status=label(self.status))
        if self.facts.get("closed_on"):
            text = _("{status} on {date}").format(status=text, date=formatting.format_date(self.facts["closed_on"]))
        if self.facts.get("overdue"):
            text = _("{status} — overdue: no decision within {days} days").format(
                status=text, days=formatting.format_number(self.options.recognition_overdue_days))
        self.status_label.setText(text)

    # data -----------------------------------------------------------------------------------------------
    def _stored_draft(self) -> CaseDraft | None:
        if self.record_id is None:
            return None
        return cases.get(self.db, self.record_id, self.options).draft

    def load(self) -> None:
        """Show the stored case: its fields, status, history and scans."""
        record = cases.get(self.db, self.record_id, self.options)
        self.status, self.facts = record.facts["status"], dict(record.facts)
        self.set_draft(record.draft)
        self.history_entries = cases.case_history(self.db, self.record_id)
        self.attachment_rows = cases.attachments(self.db, self.record_id)
        self._fill_history()
        self._fill_attachments()

    def _fill_history(self) -> None:
        titles = field_titles()
        self.history.setRowCount(len(self.history_entries))
        for row, entry in enumerate(self.history_entries):
            title = titles.get(entry.field, entry.field)
            if entry.field in PERSONAL_FIELDS:
                title = _("{field} (personal)").format(field=title)
            values = [formatting.format_datetime(entry.changed_at, "short"), title,
                      self._value_text(entry.field, entry.old_value), self._value_text(entry.field, entry.new_value)]
            for column, value in enumerate(values):
                self.history.setItem(row, column, QTableWidgetItem(value))
        self.history.resizeColumnsToContents()

    @staticmethod
    def _value_text(field: str, value: str) -> str:
        if value in LABELS and value:
            return label(value)
        if field in ("issuing_country", "recognising_country") and len(value) == 2:
            return formatting.country_name(value)
        if field in DATES + ("closed_on",) and len(value) == 10:
            try:
                return formatting.format_date(dt.date.fromisoformat(value))
            except ValueError:
                return value
        return value

    def _fill_attachments(self) -> None:
        self.attachments.clear()
        for attachment_id, name, size, digest in self.attachment_rows:
            item = QListWidgetItem(_("{name} ({size} bytes, SHA-256 {digest}…)").format(
                name=name, size=formatting.format_number(size), digest=digest[:12]))
            item.setData(Qt.ItemDataRole.UserRole, attachment_id)
            self.attachments.addItem(item)

    def set_draft(self, draft: CaseDraft) -> None:
        self.fields.set_values(draft)
        self.rule_id = draft.rule_id

    def draft(self) -> CaseDraft:
        return CaseDraft(**self.fields.values(), rule_id=self.rule_id)

    def journal_title(self) -> str:
        reference = self.widgets["reference"].text().strip()
        return _("Recognition case {reference}").format(reference=reference) if reference else self.windowTitle()

    # saving ---------------------------------------------------------------------------------------------
    def _clear_errors(self) -> None:
        self.fields.clear_errors()
        self.general_error.setText("")
        self.general_error.hide()

    def show_problems(self, problems: dict[str, str]) -> None:
        self._clear_errors()
        aliases = {"issuing_university": "issuing_university_id", "rule_id": ""}
        unplaced = []
        for name, message in problems.items():
            target = self.errors.get(aliases.get(name, name))
            if target is None:
                unplaced.append(message)
                continue
            target.setText(message)
            target.show()
        placed = len(problems) - len(unplaced)
        self.general_error.setText("\n".join(unplaced + ([_("Please correct the fields marked in red.")]
                                                         if placed else [])))
        self.general_error.setVisible(bool(self.general_error.text()))
        if placed:
            self.tabs.setCurrentIndex(0)

    def save_draft(self, draft: CaseDraft) -> None:
        """Store the draft as one undoable step (nothing when it is what is stored)."""
        problems = cases.validate(draft)
        if problems:
            raise ValidationError(problems)
        if self.record_id is None:
            command = commands.CreateRecord(self.db, cases, draft, _("Add recognition case {reference}").format(
                reference=draft.reference.strip()))
            new_id = commands.run(self.undo_stack, command)
            drafts.discard(self.area_key, None)  # journaled as a new case until now
            self.record_id = new_id
        elif cases.changed_fields(self._stored_draft(), replace(draft).normalised()):
            commands.run(self.undo_stack, commands.UpdateRecord(
                self.db, cases, self.record_id, draft,
                _("Edit recognition case {reference}").format(reference=draft.reference.strip())))

    def _saved(self) -> None:
        """After a change stored while the dialog stays open: show what is stored, count it as saved."""
        self.load()
        self.retranslate()
        self._update_workflow()
        self.start_tracking()

    def _guarded(self, action) -> bool:
        self._clear_errors()
        try:
            action()
        except ValidationError as error:
            self.show_problems(error.errors)
            return False
        except UserError as error:
            self.show_problems({error.field or "": error.text})
            return False
        except Exception as error:  # noqa: BLE001 - a readable dialog, never a traceback
            show_error(error, self)
            return False
        self._saved()
        return True

    def apply(self) -> bool:
        """Save and stay open."""
        return self._guarded(lambda: self.save_draft(self.draft()))

    def move_to(self, target: str) -> bool:
        """Move the case along the workflow, saving the facts the move needs with it (one undo step)."""
        if self.record_id is None:
            return False
        draft, record_id = self.draft(), self.record_id

        def move() -> None:
            problems = cases.validate(draft)
            if problems:
                raise ValidationError(problems)
            commands.run(self.undo_stack, commands.ChangeRecord(
                self.db, cases, record_id, lambda: cases.change_status(self.db, record_id, target, draft),
                _("Recognition case {reference}: {status}").format(reference=draft.reference.strip(),
                                                                 status=label(target))))

        return self._guarded(move)

    def _update_workflow(self) -> None:
        allowed = TRANSITIONS[CaseStatus(self.status)] if self.record_id is not None else frozenset()
        for target, button in self.workflow_buttons.items():
            button.setVisible(target in allowed)
        self.add_scan.setEnabled(self.record_id is not None)

    # the matching rule and the issuing university ---------------------------------------------------
    def _suggest(self) -> None:
        from desktop_app.services.recognition_rules import suggest_rule

        w = self.widgets
        rule = self._suggested = suggest_rule(self.db, w["issuing_country"].value(), w["recognising_country"].value(),
                                              w["isced_level"].value(), w["qualification_title"].text())
        if rule is None:
            self.suggestion.setText("")
            self.apply_rule.hide()
            return
        self.suggestion.setText(_("Matching equivalence rule: {title} ({source}) is recognised as {target} "
                                  "({destination}); legal basis: {basis}. {conditions}").format(
            title=rule["qualification_title"], source=formatting.country_name(rule["from_country"]),
            target=rule["recognised_as"], destination=formatting.country_name(rule["to_country"]),
            basis=label(rule["legal_basis"]), conditions=rule["conditions"]).strip())
        self.apply_rule.setVisible(rule["id"] != self.rule_id)

    def _apply_suggestion(self) -> None:
        rule = self._suggested
        if rule:
            self.rule_id = rule["id"]
            select_data(self.widgets["legal_basis"], rule["legal_basis"])
            if rule["isced_level"]:
                select_data(self.widgets["isced_level"], rule["isced_level"])
            self.apply_rule.hide()

    def _university_chosen(self) -> None:
        """A university of the register gives its name and country where the case has none yet."""
        from desktop_app.services import choices

        university_id = self.widgets["issuing_university_id"].value()
        if university_id is None:
            return
        found = choices.universities(self.db, ids=[university_id])
        if not found:
            return
        name = self.widgets["issuing_university_name"]
        if not name.text().strip():
            name.setText(found[0].label)
        if not self.widgets["issuing_country"].value():
            select_data(self.widgets["issuing_country"], found[0].country)

    # scans ------------------------------------------------------------------------------------------
    def _save_attachment(self, item) -> None:
        """Save a copy of a scan; its checksum is verified first, so a damaged copy is never handed out."""
        try:
            name, content = cases.attachment_content(self.db, item.data(Qt.ItemDataRole.UserRole))
        except UserError as error:
            show_error(error, self)
            return
        path, _selected = QFileDialog.getSaveFileName(self, _("Save a copy of the scan"), name)
        if not path:
            return
        try:
            Path(path).write_bytes(content)
        except OSError as error:
            show_error(UserError("Cannot write {file}: {reason}", file=path, reason=error.strerror or str(error)), self)

    def _add_attachment(self) -> None:
        if self.record_id is None:
            return
        path, _filter = QFileDialog.getOpenFileName(self, _("Attach a scan"), "",
                                                    _("Scans (*.pdf *.png *.jpg *.jpeg *.tif *.tiff);;All files (*)"))
        if path:
            self.attach(path)

    def attach(self, path: str) -> bool:
        """Attach the file as a scan of the case (an undoable change of the case)."""
        try:
            content = Path(path).read_bytes()
        except OSError as error:
            show_error(UserError("Cannot read {file}: {reason}", file=path, reason=error.strerror or str(error)), self)
            return False
        record_id, name = self.record_id, Path(path).name
        pushed = commands.push(self.undo_stack, commands.ChangeRecord(
            self.db, cases, record_id, lambda: cases.add_attachment(self.db, record_id, name, content),
            _("Attach {file} to recognition case {reference}").format(
                file=name, reference=self.widgets["reference"].text().strip())), self)
        if pushed:
            self.history_entries = cases.case_history(self.db, record_id)
            self.attachment_rows = cases.attachments(self.db, record_id)
            self._fill_history()
            self._fill_attachments()
        return pushed
