"""Credit conversion factors per member state (national credits per ECTS credit), edited as a table.

Each factor is a record of the ``credit_conversions`` area; OK turns the table into create, update and
delete commands run as one undo step ("Edit credit conversion factors"), so Edit ▸ Undo takes the
whole edit back. The dialog never loses what was typed (``FormDialog``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop_app.domain.contract import Message
from desktop_app.domain.errors import ValidationError
from desktop_app.i18n import _, formatting
from desktop_app.services import credit_conversions
from desktop_app.services.credit_conversions import ConversionDraft
from desktop_app.ui.common.choosers import StateCombo
from desktop_app.ui.common.form_dialog import FormDialog
from desktop_app.ui.core import commands
from desktop_app.ui.core.language import Retranslatable

STATE, FACTOR, UNIT, SOURCE = range(4)


def parse_factor(text: str) -> float | None:
    """A factor typed with a decimal point or comma (and the reader's own digits); None if it is none."""
    cleaned = "".join(str(int(ch)) if ch.isdigit() else ch for ch in text.strip()).replace(",", ".").replace("٫", ".")
    try:
        return float(cleaned)
    except ValueError:
        return None


class CreditConversionDialog(Retranslatable, FormDialog):
    def __init__(self, db, undo_stack, parent=None):
        super().__init__(parent)
        self.db, self.undo_stack = db, undo_stack
        self.resize(760, 420)
        self.stored = {row.state_code: row for row in credit_conversions.all_rows(db)}
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.table = QTableWidget(0, 4)
        self.table.setObjectName("conversionTable")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SOURCE, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.state = StateCombo()
        self.add_button, self.remove_button = QPushButton(), QPushButton()
        self.add_button.clicked.connect(self.add_state)
        self.remove_button.clicked.connect(self.remove_selected)
        row.addWidget(self.state, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.remove_button)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for stored in self.stored.values():
            self._add_row(stored.state_code, stored.national_per_ects, stored.unit, stored.source)
        self.retranslate()
        self.start_tracking()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Credit conversion"))
        self.intro.setText(_("National credits per ECTS credit in each member state. The defaults carry their "
                             "source; confirm or correct them with your ministry."))
        self.table.setHorizontalHeaderLabels([_("State"), _("National credits per ECTS"), _("Unit"), _("Source")])
        for row in range(self.table.rowCount()):
            item = self.table.item(row, STATE)
            item.setText(formatting.country_name(item.data(Qt.ItemDataRole.UserRole)))
        self.add_button.setText(_("Add state"))
        self.remove_button.setText(_("Remove state"))
        self.state.refill()

    def _add_row(self, state: str, factor: float, unit: str, source: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        item = QTableWidgetItem(formatting.country_name(state))
        item.setData(Qt.ItemDataRole.UserRole, state)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
        self.table.setItem(row, STATE, item)
        self.table.setItem(row, FACTOR, QTableWidgetItem(formatting.format_number(factor)))
        self.table.setItem(row, UNIT, QTableWidgetItem(unit))
        self.table.setItem(row, SOURCE, QTableWidgetItem(source))

    def add_state(self) -> None:
        code = self.state.currentData()
        if code and code not in self._codes():
            self._add_row(code, 1.0, "", "")
            self.table.setCurrentCell(self.table.rowCount() - 1, FACTOR)

    def remove_selected(self) -> None:
        for row in sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)

    def _codes(self) -> list[str]:
        return [self.table.item(row, STATE).data(Qt.ItemDataRole.UserRole) for row in range(self.table.rowCount())]

    # -- FormDialog ------------------------------------------------------------------------------
    def draft(self) -> list[ConversionDraft]:
        result = []
        for row in range(self.table.rowCount()):
            factor = parse_factor(self.table.item(row, FACTOR).text())
            result.append(ConversionDraft(self.table.item(row, STATE).data(Qt.ItemDataRole.UserRole),
                                          float("nan") if factor is None else factor,
                                          self.table.item(row, UNIT).text().strip(),
                                          self.table.item(row, SOURCE).text().strip()))
        return result

    def _comparable(self):  # NaN never equals itself: compare the text typed instead
        return [[self.table.item(row, column).text() for column in range(4)] for row in range(self.table.rowCount())]

    def save_draft(self, draft: list[ConversionDraft]) -> None:
        problems = {}
        for entry in draft:
            for field, message in credit_conversions.validate(entry).items():
                problems[f"{entry.state_code}.{field}"] = Message(
                    "{state}: {problem}", {"state": formatting.country_name(entry.state_code), "problem": message})
        if problems:
            raise ValidationError(problems)
        wanted = {entry.state_code: entry for entry in draft}
        steps = []
        for code, entry in wanted.items():
            stored = self.stored.get(code)
            if stored is None:
                steps.append(commands.CreateRecord(self.db, credit_conversions, entry, ""))
            elif (stored.national_per_ects, stored.unit, stored.source) != (entry.national_per_ects, entry.unit,
                                                                             entry.source):
                steps.append(commands.UpdateRecord(self.db, credit_conversions, stored.id, entry, ""))
        steps += [commands.DeleteRecord(self.db, credit_conversions, stored.id, "")
                  for code, stored in self.stored.items() if code not in wanted]
        if not steps:
            return
        self.undo_stack.beginMacro(_("Edit credit conversion factors"))
        try:
            for step in steps:
                commands.run(self.undo_stack, step)
        finally:
            self.undo_stack.endMacro()
