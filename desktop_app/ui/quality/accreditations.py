"""A joint programme's accreditations (EUR-ACE, Euro-Inf, national and others), opened from the programme.

They replace the free-text accreditation field programmes had: each is a record of the quality area
with its label, decision, validity and conditions, so the dashboard warns before one expires and the
programme quality report lists them. Every change is a command of ``ui/core/commands.py`` on the
page's undo stack; a delete asks first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop_app.domain.quality import (
    ACCREDITATION_LABELS,
    DECISION_LABELS,
    AccreditationDraft,
    validate_accreditation,
)
from desktop_app.i18n import _, formatting
from desktop_app.services import programme_accreditations
from desktop_app.ui.common import confirm
from desktop_app.ui.common.choosers import OrganisationPicker
from desktop_app.ui.common.date_edit import DateEdit
from desktop_app.ui.common.field_form import FieldFormDialog
from desktop_app.ui.core import commands
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.mobility.dialogs import fill_combo, select_data

LABEL, DECISION, VALID_FROM, VALID_TO, CONDITIONS = range(5)


def accreditation_title(label: str, detail: str) -> str:
    name = _(ACCREDITATION_LABELS[label]) if label in ACCREDITATION_LABELS else label
    return _("{label}: {detail}").format(label=name, detail=detail) if detail else name


def summary(db, programme_id: int | None, today: dt.date | None = None) -> str:
    """One line for the programme editor: the accreditations that matter now, or that there are none."""
    if db is None or programme_id is None:
        return _("Saved programmes keep their accreditations as records of their own.")
    rows = programme_accreditations.current_for(db, programme_id, today or dt.date.today())
    if not rows:
        return _("No accreditation is recorded.")
    parts = []
    for row in rows:
        decision = _(DECISION_LABELS[row.decision]) if row.decision in DECISION_LABELS else row.decision
        if row.valid_to:
            parts.append(_("{label} — {decision}, until {date}").format(
                label=accreditation_title(row.label, row.label_detail), decision=decision,
                date=formatting.format_date(row.valid_to)))
        else:
            parts.append(_("{label} — {decision}").format(label=accreditation_title(row.label, row.label_detail),
                                                         decision=decision))
    return "\n".join(parts)


class AccreditationEditor(FieldFormDialog):
    def __init__(self, programme_id: int, draft: AccreditationDraft | None,
                 save: Callable[[AccreditationDraft], object], parent=None, record_id: int | None = None,
                 db=None):
        super().__init__(save, validate_accreditation, parent, record_id)
        self.setObjectName("accreditationEditor")
        self.programme_id = programme_id
        self.is_new = record_id is None
        self.label = QComboBox(objectName="accreditationLabel")
        self.label_detail = QLineEdit(objectName="accreditationDetail")
        self.agency = OrganisationPicker(db, allow_none=True)
        self.agency.setObjectName("accreditationAgency")
        self.decision = QComboBox(objectName="accreditationDecision")
        self.decided_on = DateEdit(None, optional=True)
        self.valid_from = DateEdit(None, optional=True)
        self.valid_to = DateEdit(None, optional=True)
        self.valid_to.setObjectName("accreditationValidTo")
        self.conditions = QPlainTextEdit(objectName="accreditationConditions")
        self.notes = QPlainTextEdit(objectName="accreditationNotes")
        for key, widget in (("label", self.label), ("label_detail", self.label_detail), ("agency_id", self.agency),
                            ("decision", self.decision),
                            ("decided_on", self.decided_on), ("valid_from", self.valid_from),
                            ("valid_to", self.valid_to), ("conditions", self.conditions), ("notes", self.notes)):
            self.add_row(key, widget)
        self.retranslate()
        if draft is not None:
            select_data(self.label, draft.label)
            self.label_detail.setText(draft.label_detail)
            self.agency.select(draft.agency_id)
            select_data(self.decision, draft.decision)
            self.decided_on.set_value(draft.decided_on)
            self.valid_from.set_value(draft.valid_from)
            self.valid_to.set_value(draft.valid_to)
            self.conditions.setPlainText(draft.conditions)
            self.notes.setPlainText(draft.notes)
        self.resize(600, 520)
        self.start_tracking()

    def retranslate(self) -> None:
        self.setWindowTitle(_("New accreditation") if self.is_new else _("Edit accreditation"))
        fill_combo(self.label, [(key, _(title)) for key, title in ACCREDITATION_LABELS.items()],
                   self.label.currentData() or "eur_ace")
        fill_combo(self.decision, [(key, _(title)) for key, title in DECISION_LABELS.items()],
                   self.decision.currentData() or "pending")
        self.agency.retranslate()
        self.label_detail.setPlaceholderText(_("e.g. the agency and the label's own name"))
        self.set_labels({"label": _("&Label"), "label_detail": _("Label in &detail"), "agency_id": _("Agency"),
                         "decision": _("&Decision"),
                         "decided_on": _("Decided on"), "valid_from": _("Valid &from"), "valid_to": _("Valid &until"),
                         "conditions": _("&Conditions"), "notes": _("&Notes")})

    def draft(self) -> AccreditationDraft:
        return AccreditationDraft(self.programme_id, self.label.currentData(), self.label_detail.text().strip(),
                                  self.agency.value(), self.decision.currentData(),
                                  self.decided_on.value(), self.valid_from.value(), self.valid_to.value(),
                                  self.conditions.toPlainText().strip(), self.notes.toPlainText().strip())

    def journal_title(self) -> str:
        return self.label.currentText()


class AccreditationsDialog(Retranslatable, QDialog):
    """The accreditations of one joint programme: listed with their validity, added, edited and deleted."""

    def __init__(self, db, undo_stack, programme_id: int, programme_title: str, parent=None):
        super().__init__(parent)
        self.setObjectName("accreditationsDialog")
        self.db, self.undo_stack, self.programme_id = db, undo_stack, programme_id
        self.programme_title = programme_title
        self.rows: list = []
        layout = QVBoxLayout(self)
        self.intro = QLabel(wordWrap=True)
        layout.addWidget(self.intro)
        self.table = QTableWidget(0, 5, objectName="accreditationTable")
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(CONDITIONS, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.add_button = QPushButton(objectName="accreditationAdd")
        self.edit_button = QPushButton(objectName="accreditationEdit")
        self.delete_button = QPushButton(objectName="accreditationDelete")
        self.add_button.clicked.connect(self.add)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        for button in (self.add_button, self.edit_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(820, 380)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Accreditations of {programme}").format(programme=self.programme_title))
        self.intro.setText(_("Accreditations of the programme as a whole (EUR-ACE, Euro-Inf, national ones). A "
                             "granted accreditation ending within the warning period is shown on the dashboard "
                             "until a renewal is recorded."))
        self.table.setHorizontalHeaderLabels([_("Label"), _("Decision"), _("Valid from"), _("Valid until"),
                                              _("Conditions and notes")])
        self.add_button.setText(_("&Add…"))
        self.edit_button.setText(_("&Edit…"))
        self.delete_button.setText(_("&Delete"))
        self.reload()

    def reload(self) -> None:
        selected = self.selected_id()
        self.rows = programme_accreditations.current_for(self.db, self.programme_id, dt.date.today())
        self.table.setRowCount(len(self.rows))
        for index, row in enumerate(self.rows):
            record = programme_accreditations.get(self.db, row.id).draft
            decision = _(DECISION_LABELS[row.decision]) if row.decision in DECISION_LABELS else row.decision
            cells = [accreditation_title(row.label, row.label_detail), decision,
                     formatting.format_date(row.valid_from) if row.valid_from else "—",
                     formatting.format_date(row.valid_to) if row.valid_to else "—",
                     " ".join(filter(None, (record.conditions, record.notes))) or "—"]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                self.table.setItem(index, column, item)
            if row.id == selected:
                self.table.selectRow(index)
        self._update_buttons()

    def selected_id(self) -> int | None:
        items = self.table.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def add(self) -> None:
        def save(draft: AccreditationDraft) -> None:
            commands.run(self.undo_stack, commands.CreateRecord(
                self.db, programme_accreditations, draft, _("Add accreditation")))

        if AccreditationEditor(self.programme_id, None, save, self, db=self.db).exec():
            self.reload()

    def edit_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is None:
            return

        def save(draft: AccreditationDraft) -> None:
            commands.run(self.undo_stack, commands.UpdateRecord(
                self.db, programme_accreditations, record_id, draft, _("Edit accreditation")))

        stored = programme_accreditations.get(self.db, record_id).draft
        if AccreditationEditor(self.programme_id, stored, save, self, record_id, db=self.db).exec():
            self.reload()

    def delete_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is None:
            return
        row = next(r for r in self.rows if r.id == record_id)
        name = accreditation_title(row.label, row.label_detail)
        if not confirm.confirm_delete(self, _("Delete accreditation"), _(
                "Delete the accreditation “{label}” of this programme? You can undo this with Edit ▸ Undo.").format(
                label=name)):
            return
        if commands.push(self.undo_stack, commands.DeleteRecord(
                self.db, programme_accreditations, record_id, _("Delete accreditation")), self):
            self.reload()
