"""The case editor: every fact of a recognition case, its workflow buttons, history and scans.

"Save" keeps the dialog open so the coordinator can move the case on at once; a workflow button
saves the facts the move needs together with the move (one transaction). Errors appear next to the
fields they concern.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import UserError, ValidationError
from desktop_app.domain.recognition import (
    LABELS,
    PERSONAL_FIELDS,
    TRANSITIONS,
    AppealResult,
    CaseDraft,
    CaseStatus,
    DocumentKind,
    LegalBasis,
    Outcome,
    Purpose,
    label,
)
from desktop_app.domain.reference import MEMBER_STATES
from desktop_app.i18n import _, formatting
from desktop_app.ui.core.errors import show_error
from desktop_app.ui.core.language import Retranslatable

NO_DATE = QDate(1900, 1, 1)


class OptionalDateEdit(QDateEdit):
    """A date that may be absent: the minimum date stands for "no date" and shows as a dash."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText("—")
        self.set_value(None)

    def value(self) -> dt.date | None:
        date = self.date()
        return None if date == NO_DATE else dt.date(date.year(), date.month(), date.day())

    def set_value(self, value: dt.date | None) -> None:
        self.setDate(QDate(value.year, value.month, value.day) if value else NO_DATE)


def country_combo(empty: bool = True) -> QComboBox:
    combo = QComboBox()
    if empty:
        combo.addItem("—", "")
    for name, code in sorted((formatting.country_name(s.code), s.code) for s in MEMBER_STATES):
        combo.addItem(f"{name} ({code})", code)
    return combo


def choice_combo(values: list[str]) -> QComboBox:
    combo = QComboBox()
    for value in values:
        combo.addItem(label(value) if value else "—", value)
    return combo


def select_data(combo: QComboBox, value) -> None:
    index = combo.findData(value)
    if index < 0 and value and combo.isEditable():
        combo.setEditText(str(value))
        return
    combo.setCurrentIndex(max(index, 0))


class CaseEditor(Retranslatable, QDialog):
    saved = Signal(int)
    edited = Signal(int, object, object)  # case id, draft before, draft after (for undo)

    WORKFLOW = (CaseStatus.UNDER_EVALUATION, CaseStatus.DECIDED, CaseStatus.APPEALED, CaseStatus.CLOSED)

    def __init__(self, db, case_id: int | None = None, parent=None):
        super().__init__(parent)
        self.db = db
        self.case_id = case_id
        self.status = CaseStatus.RECEIVED
        self.rule_id: int | None = None
        self.setObjectName("recognition_case_editor")
        self.resize(820, 720)
        self.tabs = QTabWidget()
        self.widgets: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.row_labels: dict[str, QLabel] = {}
        form_host = QWidget()
        self.form = QFormLayout(form_host)
        self._build_fields()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_host)
        self.tabs.addTab(scroll, "")
        self.history = QTableWidget(0, 4)
        self.history.setObjectName("case_history")
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.tabs.addTab(self.history, "")
        scans = QWidget()
        scans_layout = QVBoxLayout(scans)
        self.attachments = QListWidget()
        self.attachments.setObjectName("case_attachments")
        self.attachments.itemDoubleClicked.connect(self._save_attachment)
        self.add_scan = QPushButton()
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
        self.general_error.setStyleSheet("color: #b00020")
        self.general_error.setWordWrap(True)
        self.workflow_buttons: dict[str, QPushButton] = {}
        buttons = QHBoxLayout()
        for target in self.WORKFLOW:
            button = QPushButton()
            button.setObjectName(f"to_{target}")
            button.clicked.connect(lambda _checked=False, t=target: self.move_to(t))
            self.workflow_buttons[target] = button
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.save_button = QPushButton()
        self.save_button.setObjectName("save_case")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.accept)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)
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
        self._load_universities()
        if case_id is not None:
            self.load()
        self.retranslate()
        self._update_workflow()

    # building ---------------------------------------------------------------------------------------
    def _build_fields(self) -> None:
        w = self.widgets
        w["reference"] = QLineEdit()
        w["holder_name"] = QLineEdit()
        w["holder_birth_date"] = OptionalDateEdit()
        w["holder_citizenship"] = country_combo()
        w["document_kind"] = choice_combo([k.value for k in DocumentKind])
        w["document_number"] = QLineEdit()
        w["document_issued_on"] = OptionalDateEdit()
        w["issuing_university"] = QComboBox()
        w["issuing_university"].setEditable(True)
        w["issuing_country"] = country_combo()
        w["qualification_title"] = QLineEdit()
        w["isced_level"] = QComboBox()
        w["isced_level"].addItem("—", "")
        for code in "0123456789":
            w["isced_level"].addItem(code, code)
        w["isced_field"] = QLineEdit()
        w["isced_field"].setMaxLength(4)
        credits = QDoubleSpinBox()
        credits.setRange(0, 1000)
        credits.setDecimals(1)
        credits.setSpecialValueText("—")
        w["credits"] = credits
        w["recognising_country"] = country_combo()
        w["recognising_institution"] = QLineEdit()
        w["purpose"] = choice_combo([p.value for p in Purpose])
        w["received_on"] = OptionalDateEdit()
        w["received_on"].set_value(dt.date.today())
        w["outcome"] = choice_combo([o.value for o in Outcome])
        w["decided_on"] = OptionalDateEdit()
        w["substantial_differences"] = QPlainTextEdit()
        w["substantial_differences"].setMaximumHeight(70)
        w["legal_basis"] = choice_combo([b.value for b in LegalBasis])
        w["appeal_lodged_on"] = OptionalDateEdit()
        w["appeal_result"] = choice_combo([r.value for r in AppealResult])
        w["notes"] = QPlainTextEdit()
        w["notes"].setMaximumHeight(70)
        for name, widget in w.items():
            widget.setObjectName(f"field_{name}")
            error = QLabel()
            error.setObjectName(f"error_{name}")
            error.setStyleSheet("color: #b00020")
            error.setWordWrap(True)
            error.hide()
            self.errors[name] = error
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(widget)
            column.addWidget(error)
            row_label = QLabel()
            self.row_labels[name] = row_label
            self.form.addRow(row_label, holder)
        self.errors["issuing_university_name"] = self.errors["issuing_university"]
        self.errors["issuing_university_id"] = self.errors["issuing_university"]

    def _load_universities(self) -> None:
        from desktop_app.services.recognition_cases import issuing_university_choices

        combo = self.widgets["issuing_university"]
        combo.addItem("", None)
        for uid, name, country in issuing_university_choices(self.db):
            combo.addItem(name, (uid, country))

    def retranslate(self) -> None:
        titles = {
            "reference": _("Reference number"), "holder_name": _("Holder's name"),
            "holder_birth_date": _("Date of birth"), "holder_citizenship": _("Citizenship"),
            "document_kind": _("Document"), "document_number": _("Document number"),
            "document_issued_on": _("Issued on"), "issuing_university": _("Issuing university"),
            "issuing_country": _("Issuing country"), "qualification_title": _("Qualification"),
            "isced_level": _("ISCED 2011 level"), "isced_field": _("ISCED-F field"), "credits": _("Credits"),
            "recognising_country": _("Recognising country"),
            "recognising_institution": _("Recognising institution"), "purpose": _("Purpose"),
            "received_on": _("Received on"), "outcome": _("Outcome"), "decided_on": _("Decided on"),
            "substantial_differences": _("Substantial differences and reasons"), "legal_basis": _("Legal basis"),
            "appeal_lodged_on": _("Appeal lodged on"), "appeal_result": _("Appeal result"), "notes": _("Notes"),
        }
        for name, row_label in self.row_labels.items():
            text = titles[name]
            row_label.setText(_("{field} (personal)").format(field=text) if name in PERSONAL_FIELDS else text)
        self.setWindowTitle(_("Recognition case") if self.case_id is None else
                            _("Recognition case {reference}").format(reference=self.widgets["reference"].text()))
        self.tabs.setTabText(0, _("Case"))
        self.tabs.setTabText(1, _("History"))
        self.tabs.setTabText(2, _("Scans"))
        self.add_scan.setText(_("Attach a scan…"))
        self.attachments.setToolTip(_("Double-click a scan to save a verified copy."))
        self.history.setHorizontalHeaderLabels([_("When"), _("Field"), _("Old value"), _("New value")])
        self.save_button.setText(_("&Save"))
        self.close_button.setText(_("Close"))
        self.apply_rule.setText(_("Use this rule"))
        under = self.workflow_buttons[CaseStatus.UNDER_EVALUATION]
        under.setText(_("Re-evaluate after appeal") if self.status == CaseStatus.APPEALED else _("Start evaluation"))
        self.workflow_buttons[CaseStatus.DECIDED].setText(_("Record decision"))
        self.workflow_buttons[CaseStatus.APPEALED].setText(_("Lodge appeal"))
        self.workflow_buttons[CaseStatus.CLOSED].setText(_("Close case"))
        self.status_label.setText(_("Status: {status}").format(status=label(self.status)) if self.case_id else
                                  _("New case: save it to start the workflow."))
        self._suggest()

    # data -----------------------------------------------------------------------------------------------
    def load(self) -> None:
        from desktop_app.services.recognition_cases import attachments, case_history, get_case

        draft, self.status, _pseudonymised = get_case(self.db, self.case_id)
        self.set_draft(draft)
        self.history.setRowCount(0)
        for entry in case_history(self.db, self.case_id):
            row = self.history.rowCount()
            self.history.insertRow(row)
            values = [formatting.format_datetime(entry.changed_at, "short"), self._field_title(entry.field),
                      self._value_text(entry.field, entry.old_value), self._value_text(entry.field, entry.new_value)]
            for column, value in enumerate(values):
                self.history.setItem(row, column, QTableWidgetItem(value))
        self.attachments.clear()
        for attachment_id, name, size, digest in attachments(self.db, self.case_id):
            self.attachments.addItem(_("{name} ({size} bytes, SHA-256 {digest}…)").format(
                name=name, size=formatting.format_number(size), digest=digest[:12]))
            self.attachments.item(self.attachments.count() - 1).setData(Qt.ItemDataRole.UserRole, attachment_id)

    def _field_title(self, field: str) -> str:
        row_label = self.row_labels.get(field)
        if field == "status":
            return _("Status")
        return row_label.text() if row_label else field

    @staticmethod
    def _value_text(field: str, value: str) -> str:
        return label(value) if value in LABELS else value

    def set_draft(self, draft: CaseDraft) -> None:
        w = self.widgets
        for name in ("reference", "holder_name", "document_number", "qualification_title", "isced_field",
                     "recognising_institution"):
            w[name].setText(getattr(draft, name) or "")
        for name in ("holder_birth_date", "document_issued_on", "received_on", "decided_on", "appeal_lodged_on"):
            w[name].set_value(getattr(draft, name))
        for name in ("holder_citizenship", "document_kind", "issuing_country", "isced_level", "recognising_country",
                     "purpose", "outcome", "legal_basis", "appeal_result"):
            select_data(w[name], getattr(draft, name))
        w["credits"].setValue(draft.credits or 0)
        for name in ("substantial_differences", "notes"):
            w[name].setPlainText(getattr(draft, name) or "")
        combo = w["issuing_university"]
        index = next((i for i in range(combo.count())
                      if combo.itemData(i) and combo.itemData(i)[0] == draft.issuing_university_id), -1)
        if index >= 0:
            combo.setCurrentIndex(index)
        else:
            combo.setEditText(draft.issuing_university_name)

    def draft(self) -> CaseDraft:
        w = self.widgets
        combo = w["issuing_university"]
        data = combo.currentData() if combo.currentText() == combo.itemText(combo.currentIndex()) else None
        credits = w["credits"].value()
        return CaseDraft(
            holder_name=w["holder_name"].text(), holder_birth_date=w["holder_birth_date"].value(),
            holder_citizenship=w["holder_citizenship"].currentData(), document_kind=w["document_kind"].currentData(),
            document_number=w["document_number"].text(), document_issued_on=w["document_issued_on"].value(),
            issuing_university_id=data[0] if data else None,
            issuing_university_name=combo.currentText().strip(),
            issuing_country=w["issuing_country"].currentData() or (data[1] if data else ""),
            qualification_title=w["qualification_title"].text(), isced_level=w["isced_level"].currentData(),
            isced_field=w["isced_field"].text().strip(), credits=credits or None,
            recognising_country=w["recognising_country"].currentData(),
            recognising_institution=w["recognising_institution"].text(), purpose=w["purpose"].currentData(),
            outcome=w["outcome"].currentData(), substantial_differences=w["substantial_differences"].toPlainText(),
            legal_basis=w["legal_basis"].currentData(), received_on=w["received_on"].value(),
            decided_on=w["decided_on"].value(), reference=w["reference"].text(),
            appeal_lodged_on=w["appeal_lodged_on"].value(), appeal_result=w["appeal_result"].currentData(),
            notes=w["notes"].toPlainText())

    # actions --------------------------------------------------------------------------------------------
    def _clear_errors(self) -> None:
        for error in self.errors.values():
            error.hide()
        self.general_error.setText("")

    def _show_problem(self, error: UserError) -> None:
        if isinstance(error, ValidationError):
            for name, message in error.errors.items():
                target = self.errors.get(name)
                if target is not None:
                    target.setText(message)
                    target.show()
            self.general_error.setText(_("Please correct the fields marked in red."))
            self.tabs.setCurrentIndex(0)
        elif error.field and error.field in self.errors:
            self.errors[error.field].setText(error.text)
            self.errors[error.field].show()
        else:
            self.general_error.setText(error.text)

    def save(self) -> bool:
        from desktop_app.services import recognition_cases as service

        self._clear_errors()
        draft = self.draft()
        try:
            if self.case_id is None:
                self.case_id = service.create_case(self.db, draft, rule_id=self.rule_id)
            else:
                before, _status, _p = service.get_case(self.db, self.case_id)
                if service.update_case(self.db, self.case_id, draft):
                    self.edited.emit(self.case_id, before, draft)
        except UserError as error:
            self._show_problem(error)
            return False
        except Exception as error:  # noqa: BLE001 - a readable dialog, never a traceback
            show_error(error, self)
            return False
        self.load()
        self.retranslate()
        self._update_workflow()
        self.saved.emit(self.case_id)
        return True

    def move_to(self, target: str) -> bool:
        from desktop_app.services import recognition_cases as service

        self._clear_errors()
        if self.case_id is None and not self.save():
            return False
        try:
            service.change_status(self.db, self.case_id, target, self.draft())
        except UserError as error:
            self._show_problem(error)
            return False
        self.load()
        self.retranslate()
        self._update_workflow()
        self.saved.emit(self.case_id)
        return True

    def _update_workflow(self) -> None:
        allowed = TRANSITIONS[CaseStatus(self.status)] if self.case_id is not None else frozenset()
        for target, button in self.workflow_buttons.items():
            button.setVisible(target in allowed)
        self.add_scan.setEnabled(self.case_id is not None)

    def _suggest(self) -> None:
        from desktop_app.services.recognition_rules import suggest_rule

        w = self.widgets
        self._suggested = suggest_rule(self.db, w["issuing_country"].currentData(),
                                       w["recognising_country"].currentData(), w["isced_level"].currentData(),
                                       w["qualification_title"].text())
        rule = self._suggested
        if rule is None:
            self.suggestion.setText("")
            self.apply_rule.hide()
            return
        self.suggestion.setText(_("Matching equivalence rule: {title} ({source}) is recognised as {target} "
                                  "({destination}); legal basis: {basis}. {conditions}").format(
            title=rule["qualification_title"], source=rule["from_country"], target=rule["recognised_as"],
            destination=rule["to_country"], basis=label(rule["legal_basis"]), conditions=rule["conditions"]))
        self.apply_rule.show()

    def _apply_suggestion(self) -> None:
        rule = getattr(self, "_suggested", None)
        if rule:
            self.rule_id = rule["id"]
            select_data(self.widgets["legal_basis"], rule["legal_basis"])
            if rule["isced_level"]:
                select_data(self.widgets["isced_level"], rule["isced_level"])

    def _save_attachment(self, item) -> None:
        """Save a copy of a scan; its checksum is verified first, so a damaged copy is never handed out."""
        from desktop_app.services.recognition_cases import attachment_content

        try:
            name, content = attachment_content(self.db, item.data(Qt.ItemDataRole.UserRole))
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
        from desktop_app.services.recognition_cases import add_attachment

        path, _filter = QFileDialog.getOpenFileName(self, _("Attach a scan"), "",
                                                    _("Scans (*.pdf *.png *.jpg *.jpeg *.tif *.tiff);;All files (*)"))
        if not path:
            return
        try:
            add_attachment(self.db, self.case_id, Path(path).name, Path(path).read_bytes())
        except (UserError, OSError) as error:
            show_error(error if isinstance(error, UserError) else
                       UserError("Cannot read {file}: {reason}", file=path, reason=str(error)), self)
            return
        self.load()
