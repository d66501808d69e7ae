"""Equivalence rules on the Recognition page: the matrix of country pairs, the list of rules, and the rule
editor. Every change is a command on the page's undo stack: adding, editing and deleting a rule are
undone exactly, and undoing the delete of a rule that cases follow links those cases to it again.

Rules are few (hundreds): the list holds them all, read a page at a time from the service.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.recognition import LegalBasis, RuleDraft, label
from desktop_app.i18n import _, formatting, ngettext
from desktop_app.services import recognition_rules as rules
from desktop_app.ui.common import confirm
from desktop_app.ui.common.empty_state import EmptyState
from desktop_app.ui.common.form_dialog import FormDialog
from desktop_app.ui.core import commands
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.recognition.widgets import CountryCombo, LevelCombo, VocabularyCombo, select_data

ERROR_STYLE = "color: #b00020"


def rule_field_titles() -> dict[str, str]:
    return {"from_country": _("Country A"), "qualification_title": _("Qualification (in its language)"),
            "title_lang": _("Language of the title"), "isced_level": _("ISCED 2011 level"),
            "nominal_years": _("Nominal duration (years)"), "credits": _("Credits"),
            "to_country": _("Country B"), "recognised_as": _("Recognised as"),
            "recognised_isced_level": _("Recognised ISCED level"), "conditions": _("Conditions"),
            "legal_basis": _("Legal basis")}


class RuleDialog(Retranslatable, FormDialog):
    # Journaled with the cases: the Recognition page tells a rule's draft by its "recognised_as".
    area_key = "recognition"

    def __init__(self, db, undo_stack, record_id: int | None = None, parent=None,
                 changed_draft: RuleDraft | None = None):
        super().__init__(parent, record_id, db.url)
        self.db, self.undo_stack = db, undo_stack
        self.setObjectName("equivalence_rule_editor")
        self.fields: dict[str, Any] = {
            "from_country": CountryCombo(), "qualification_title": QLineEdit(), "title_lang": QLineEdit(),
            "isced_level": LevelCombo(), "nominal_years": QDoubleSpinBox(), "credits": QDoubleSpinBox(),
            "to_country": CountryCombo(), "recognised_as": QLineEdit(), "recognised_isced_level": LevelCombo(),
            "conditions": QPlainTextEdit(), "legal_basis": VocabularyCombo([b.value for b in LegalBasis]),
        }
        self.fields["title_lang"].setMaxLength(12)
        self.fields["nominal_years"].setRange(0, 12)
        self.fields["credits"].setRange(0, 1000)
        for name in ("nominal_years", "credits"):
            self.fields[name].setDecimals(1)
        for name in ("nominal_years", "credits"):
            self.fields[name].setSpecialValueText("—")
        self.fields["conditions"].setMaximumHeight(80)
        form = QFormLayout()
        self.errors: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        for name, widget in self.fields.items():
            widget.setObjectName(f"rule_{name}")
            error = QLabel()
            error.setObjectName(f"rule_error_{name}")
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            self.errors[name] = error
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(widget)
            column.addWidget(error)
            self.labels[name] = QLabel()
            form.addRow(self.labels[name], holder)
        self.general_error = QLabel()
        self.general_error.setStyleSheet(ERROR_STYLE)
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)
        self.stored = rules.get(db, record_id).draft if record_id is not None else None
        shown = changed_draft or self.stored
        if shown is not None:
            self.set_draft(shown)
        self.retranslate()
        self.resize(640, 0)
        self.start_tracking()
        if changed_draft is not None:
            self.set_baseline(self.stored)

    def retranslate(self) -> None:
        self.setWindowTitle(_("New equivalence rule") if self.record_id is None else _("Equivalence rule"))
        for name, text in rule_field_titles().items():
            self.labels[name].setText(text)
        for widget in self.fields.values():
            if hasattr(widget, "retranslate"):
                widget.retranslate()
        self.fields["title_lang"].setPlaceholderText(_("a language code, e.g. kk, ru, zh"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("OK"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))

    def set_draft(self, draft: RuleDraft) -> None:
        f = self.fields
        for name in ("from_country", "to_country", "isced_level", "recognised_isced_level", "legal_basis"):
            select_data(f[name], getattr(draft, name))
        for name in ("qualification_title", "title_lang", "recognised_as"):
            f[name].setText(getattr(draft, name))
        f["nominal_years"].setValue(draft.nominal_years or 0)
        f["credits"].setValue(draft.credits or 0)
        f["conditions"].setPlainText(draft.conditions)

    def draft(self) -> RuleDraft:
        f = self.fields
        return RuleDraft(
            from_country=f["from_country"].value(), qualification_title=f["qualification_title"].text(),
            title_lang=f["title_lang"].text().strip(), isced_level=f["isced_level"].value(),
            nominal_years=f["nominal_years"].value() or None, credits=f["credits"].value() or None,
            to_country=f["to_country"].value(), recognised_as=f["recognised_as"].text(),
            recognised_isced_level=f["recognised_isced_level"].value(),
            conditions=f["conditions"].toPlainText(), legal_basis=f["legal_basis"].value())

    def journal_title(self) -> str:
        draft = self.draft()
        return rules.rule_name(draft) if draft.qualification_title.strip() else self.windowTitle()

    def show_problems(self, problems: dict[str, str]) -> None:
        for error in self.errors.values():
            error.hide()
        unplaced = []
        for name, message in problems.items():
            if name in self.errors:
                self.errors[name].setText(message)
                self.errors[name].show()
            else:
                unplaced.append(message)
        self.general_error.setText("\n".join(unplaced))
        self.general_error.setVisible(bool(unplaced))

    def save_draft(self, draft: RuleDraft) -> None:
        problems = rules.validate(draft)
        if problems:
            raise ValidationError(problems)
        name = rules.rule_name(draft.normalised())
        if self.record_id is None:
            self.record_id = commands.run(self.undo_stack, commands.CreateRecord(
                self.db, rules, draft, _("Add equivalence rule {name}").format(name=name)))
        elif draft != self.stored:
            commands.run(self.undo_stack, commands.UpdateRecord(
                self.db, rules, self.record_id, draft, _("Edit equivalence rule {name}").format(name=name)))


class RulesTab(Retranslatable, QWidget):
    def __init__(self, context, undo_stack, parent=None):
        super().__init__(parent)
        self.context = context
        self.undo_stack = undo_stack
        self.pair: tuple[str, str] | None = None
        self.rows: list[dict] = []
        self.search = QLineEdit()
        self.search.setObjectName("rule_search")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.add_button = QPushButton()
        self.add_button.setObjectName("new_rule")
        self.add_button.clicked.connect(lambda: self.edit(None))
        self.edit_button = QPushButton()
        self.edit_button.setObjectName("edit_rule")
        self.edit_button.clicked.connect(lambda: self.edit(self.selected_rule()))
        self.delete_button = QPushButton()
        self.delete_button.setObjectName("delete_rule")
        self.delete_button.clicked.connect(self.delete)
        self.matrix = QTableWidget()
        self.matrix.setObjectName("rules_matrix")
        self.matrix.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matrix.cellClicked.connect(self._cell_clicked)
        self.matrix_hint = QLabel()
        self.matrix_hint.setWordWrap(True)
        self.rules = QTableWidget(0, 6)
        self.rules.setObjectName("rules_table")
        self.rules.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rules.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rules.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.rules.verticalHeader().hide()
        self.rules.horizontalHeader().setStretchLastSection(True)
        self.rules.doubleClicked.connect(lambda _i: self.edit(self.selected_rule()))
        self.rules.itemSelectionChanged.connect(self._update_buttons)
        self.empty_state = EmptyState(
            self.rules, lambda: _("No equivalence rules yet. Add a rule: which qualification of one member state "
                                  "corresponds to which of another."),
            [(lambda: _("New rule…"), lambda: self.edit(None))], filtered=lambda: bool(self.search.text().strip()))
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        for button in (self.add_button, self.edit_button, self.delete_button):
            top.addWidget(button)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(self.matrix_hint)
        upper_layout.addWidget(self.matrix)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(self.rules)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.retranslate()
        context.database_opened.connect(lambda _db: self.refresh())
        context.bus.changed.connect(lambda topics: self.refresh() if rules.TOPIC in topics else None)
        if context.db is not None:
            self.refresh()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(_("Search qualifications, recognised levels, conditions…"))
        self.add_button.setText(_("New rule…"))
        self.edit_button.setText(_("Edit…"))
        self.delete_button.setText(_("Delete"))
        self.matrix_hint.setText(_("Rules per country pair (rows: country A, columns: country B). Click a cell to "
                                   "list its rules; click it again to list all."))
        self.rules.setHorizontalHeaderLabels([_("Countries"), _("Qualification"), _("ISCED"), _("Recognised as"),
                                              _("Legal basis"), _("Conditions")])
        if self.context.db is not None:
            self.refresh()

    def refresh(self) -> None:
        if self.context.db is None:
            return
        selected = self.selected_rule()
        counts = rules.rule_matrix(self.context.db, self.search.text())
        sources = sorted({a for a, _b in counts})
        targets = sorted({b for _a, b in counts})
        self.matrix.clear()
        self.matrix.setRowCount(len(sources))
        self.matrix.setColumnCount(len(targets))
        self.matrix.setVerticalHeaderLabels([formatting.country_name(c) for c in sources])
        self.matrix.setHorizontalHeaderLabels([formatting.country_name(c) for c in targets])
        for r, a in enumerate(sources):
            for c, b in enumerate(targets):
                item = QTableWidgetItem(formatting.format_number(counts[(a, b)]) if (a, b) in counts else "")
                item.setData(Qt.ItemDataRole.UserRole, (a, b))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if (a, b) == self.pair:
                    item.setSelected(True)
                self.matrix.setItem(r, c, item)
        self.matrix.resizeColumnsToContents()
        a, b = self.pair or ("", "")
        self.rows = rules.list_rules(self.context.db, self.search.text(), a, b)
        self.rules.setRowCount(len(self.rows))
        for r, rule in enumerate(self.rows):
            values = [f"{rule['from_country']} → {rule['to_country']}", rule["qualification_title"],
                      rule["isced_level"], rule["recognised_as"], label(rule["legal_basis"]), rule["conditions"]]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c == 0:
                    item.setToolTip(_("{source} → {target}").format(
                        source=formatting.country_name(rule["from_country"]),
                        target=formatting.country_name(rule["to_country"])))
                self.rules.setItem(r, c, item)
            if rule["id"] == selected:
                self.rules.selectRow(r)
        self.rules.resizeColumnsToContents()
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected_rule() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _cell_clicked(self, row: int, column: int) -> None:
        item = self.matrix.item(row, column)
        pair = item.data(Qt.ItemDataRole.UserRole) if item else None
        self.pair = None if pair == self.pair or not item.text() else pair
        self.refresh()

    def selected_rule(self) -> int | None:
        selected = self.rules.selectionModel().selectedRows() if self.rules.selectionModel() else []
        row = selected[0].row() if selected else -1
        return self.rows[row]["id"] if 0 <= row < len(self.rows) else None

    def select_rule(self, rule_id: int) -> None:
        row = next((r for r, rule in enumerate(self.rows) if rule["id"] == rule_id), -1)
        if row >= 0:
            self.rules.selectRow(row)

    def edit(self, rule_id: int | None, changed_draft: RuleDraft | None = None) -> RuleDialog | None:
        if self.context.db is None:
            return None
        dialog = RuleDialog(self.context.db, self.undo_stack, rule_id, self, changed_draft)
        self.dialog = dialog
        dialog.exec()
        return dialog

    def delete(self) -> None:
        rule_id = self.selected_rule()
        db = self.context.db
        if rule_id is None or db is None:
            return
        record = rules.get(db, rule_id)
        name = rules.rule_name(record.draft)
        following = record.facts["cases"]
        question = _("Delete the equivalence rule {name}?").format(name=name)
        if following:
            question += " " + ngettext(
                "{count} case follows it: the case keeps its decision and loses only the link to the rule.",
                "{count} cases follow it: they keep their decisions and lose only the link to the rule.",
                following).format(count=formatting.format_number(following))
        question += " " + _("You can undo this with Edit ▸ Undo.")
        if confirm.confirm_delete(self, _("Delete equivalence rule"), question):
            commands.push(self.undo_stack, commands.DeleteRecord(
                db, rules, rule_id, _("Delete equivalence rule {name}").format(name=name)), self)
