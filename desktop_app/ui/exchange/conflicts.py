"""Conflicts left by packages: each listed with where it came from and why; its fields side by side
(ours, theirs) with a choice per field, or — for a deletion, a record that may be one of ours, or one
waiting for another — a choice for the whole record. The decision is applied at once, in one
transaction, and recorded with the conflict."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import _
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.exchange.common import fill, full_text, make_table, state_text, value_text


def _record_choices(reason: str) -> tuple[str, str]:
    """What "ours" and "theirs" mean for a conflict about the whole record."""
    return {
        "deleted-there": (_("Keep our record"), _("Delete it, as its owner did")),
        "deleted-here": (_("Leave it deleted"), _("Bring it back as they have it")),
        "same-record": (_("The same record as ours: link them"), _("A different record: keep both")),
        "missing-reference": (_("Leave it out"), _("Add it now")),
    }.get(reason, (_("Keep ours"), _("Take theirs")))


class ConflictsTab(Retranslatable, QWidget):
    def __init__(self, context, on_resolved=None, parent=None):
        super().__init__(parent)
        self.context = context
        self.on_resolved = on_resolved
        self.conflicts: list = []
        self.current = None
        self._shown = None
        self.groups: dict[str, QButtonGroup] = {}
        self.list = make_table("exchange_conflicts", 5)
        self.list.itemSelectionChanged.connect(self._selected)
        self.explanation = QLabel(wordWrap=True, objectName="exchange_conflict_explanation")
        self.fields_table = make_table("exchange_conflict_fields", 4)
        self.fields_table.horizontalHeader().setStretchLastSection(False)
        self.fields_table.horizontalHeader().setMaximumSectionSize(480)
        self.record_choice = QWidget()
        self.ours_record = QRadioButton(objectName="exchange_record_ours")
        self.theirs_record = QRadioButton(objectName="exchange_record_theirs")
        record_layout = QVBoxLayout(self.record_choice)
        record_layout.addWidget(self.ours_record)
        record_layout.addWidget(self.theirs_record)
        self.record_group = QButtonGroup(self)
        self.record_group.addButton(self.ours_record)
        self.record_group.addButton(self.theirs_record)
        self.resolve_button = QPushButton(objectName="exchange_resolve")
        self.resolve_button.clicked.connect(lambda: self.resolve())
        self.hint = QLabel(wordWrap=True)
        self.empty = QLabel(wordWrap=True, objectName="exchange_no_conflicts")
        detail = QWidget()
        detail_layout = QVBoxLayout(detail)
        detail_layout.addWidget(self.explanation)
        detail_layout.addWidget(self.fields_table, 1)
        detail_layout.addWidget(self.record_choice)
        buttons = QHBoxLayout()
        buttons.addWidget(self.hint, 1)
        buttons.addWidget(self.resolve_button)
        detail_layout.addLayout(buttons)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.list)
        split.addWidget(detail)
        split.setSizes([200, 400])
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(split, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.resolve_button.setText(_("&Apply the decision"))
        self.hint.setText(_("Choose ours or theirs for each field. The decision is applied at once; to change it "
                            "later, edit the record."))
        self.empty.setText(_("No conflicts wait for a decision.") if not self.conflicts else
                           _("Conflicts wait for your decision: until you decide, our records stay as they are."))
        self._fill_list()
        self._show(self.current)

    def refresh(self) -> None:
        if self.context.db is None:
            return
        from desktop_app.services import package_conflicts

        self.conflicts = package_conflicts.list_conflicts(self.context.db)
        current_id = self.current.id if self.current else None
        self.current = next((c for c in self.conflicts if c.id == current_id), None)
        self.retranslate()

    def _fill_list(self) -> None:
        from desktop_app.services.package_fields import kind_title

        selected = self.current.id if self.current else None
        self.list.blockSignals(True)
        fill(self.list, [_("No."), _("Kind"), _("Record"), _("From"), _("Reason")],
             [[c.id, kind_title(c.kind), c.label, state_text(c.state_code), c.reason_message.text()]
              for c in self.conflicts], data=[c.id for c in self.conflicts])
        for row, conflict in enumerate(self.conflicts):
            if conflict.id == selected:
                self.list.selectRow(row)
        self.list.blockSignals(False)

    def _selected(self) -> None:
        rows = self.list.selectionModel().selectedRows()
        self.current = self.conflicts[rows[0].row()] if rows else None
        self._show(self.current)

    def select(self, conflict_id: int) -> None:
        for row, conflict in enumerate(self.conflicts):
            if conflict.id == conflict_id:
                self.list.selectRow(row)

    def _show(self, conflict) -> None:
        # A refresh (another change, a language switch) keeps the choices already made for the same conflict.
        same = conflict is not None and self._shown is not None and conflict.id == self._shown.id
        kept = self.choices() if same else {}
        self._shown = conflict
        self.groups.clear()
        enabled = conflict is not None
        self.resolve_button.setEnabled(enabled)
        self.fields_table.setVisible(enabled and conflict.reason == "changed")
        self.record_choice.setVisible(enabled and conflict.reason != "changed")
        self.hint.setVisible(enabled and conflict.reason == "changed")
        if conflict is None:
            self.explanation.setText("")
            fill(self.fields_table, [_("Field"), _("Ours"), _("Theirs"), _("Keep")], [])
            return
        message = conflict.message
        self.explanation.setText(" ".join(filter(None, [conflict.reason_message.text(),
                                                        message.text() if message else ""])))
        if conflict.reason != "changed":
            ours, theirs = _record_choices(conflict.reason)
            self.ours_record.setText(ours)
            self.theirs_record.setText(theirs)
            return
        fill(self.fields_table, [_("Field"), _("Ours"), _("Theirs"), _("Keep")],
             [[item["field"], value_text(item["ours"]), value_text(item["theirs"]), ""] for item in conflict.fields],
             [["", full_text(item["ours"]), full_text(item["theirs"]), ""] for item in conflict.fields])
        for row, item in enumerate(conflict.fields):
            field = item["field"]
            cell = QWidget()
            cell_layout = QHBoxLayout(cell)
            cell_layout.setContentsMargins(4, 0, 4, 0)
            group = QButtonGroup(cell)
            for choice, text in (("ours", _("Ours")), ("theirs", _("Theirs"))):
                button = QRadioButton(text)
                button.setObjectName(f"{choice}_{field}")
                button.setProperty("choice", choice)
                button.setChecked(kept.get(field) == choice)
                group.addButton(button)
                cell_layout.addWidget(button)
            self.groups[field] = group
            self.fields_table.setCellWidget(row, 3, cell)
            self.fields_table.setItem(row, 3, QTableWidgetItem(""))

    def choices(self) -> dict[str, str]:
        chosen = {}
        for field, group in self.groups.items():
            button = group.checkedButton()
            if button is not None:
                chosen[field] = button.property("choice")
        return chosen

    def resolve(self) -> None:
        conflict = self.current
        if conflict is None or self.context.db is None:
            return
        from desktop_app.services import package_conflicts
        from desktop_app.ui.core.errors import show_error

        take = None
        fields: dict[str, str] = {}
        if conflict.reason == "changed":
            fields = self.choices()
        elif self.record_group.checkedButton() is not None:
            take = "ours" if self.record_group.checkedButton() is self.ours_record else "theirs"
        try:
            package_conflicts.resolve(self.context.db, conflict.id, take=take, fields=fields)
        except Exception as error:  # noqa: BLE001 - a refusal is shown as its sentence, the rest goes to the log
            show_error(error, self)
            return
        self.current = None
        self.refresh()
        if self.on_resolved is not None:
            self.on_resolved()
