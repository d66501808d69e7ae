"""The cooperation conditions of an agreement, as Erasmus Without Paper exchanges them: one-way
mobility flows per academic year with ISCED-F field, EQF levels, duration and language."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.agreements import CONDITION_KINDS, ConditionDraft
from desktop_app.i18n import _
from desktop_app.ui.common.language_pickers import LanguageChoice

C_KIND, C_FROM, C_TO, C_FIRST, C_LAST, C_PER_YEAR, C_ISCED, C_EQF, C_DURATION, C_LANGUAGE, C_CEFR = range(11)


class ConditionsEditor(QWidget):
    """Rows of conditions; sending and receiving universities are chosen among the current parties."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table = QTableWidget(0, 11, objectName="conditions")
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (C_FROM, C_TO):
            self.table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.horizontalHeader().resizeSection(column, 220)
        self.add_button = QPushButton(objectName="addCondition")
        self.remove_button = QPushButton(objectName="removeCondition")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.parties: list[tuple[int, str]] = []  # (university id, name) of the agreement's parties
        self.add_button.clicked.connect(lambda: self.append(None))
        self.remove_button.clicked.connect(self._remove)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([
            _("Mobility"), _("From"), _("To"), _("First academic year"), _("Last academic year"),
            _("Mobilities per year"), _("ISCED-F code"), _("EQF levels"), _("Months or days per year"),
            _("Language"), _("CEFR level")])
        self.add_button.setText(_("Add condition"))
        self.remove_button.setText(_("Remove condition"))
        for r in range(self.table.rowCount()):
            combo = self.table.cellWidget(r, C_KIND)
            for index in range(combo.count()):
                combo.setItemText(index, _(CONDITION_KINDS[combo.itemData(index)]))

    def set_parties(self, parties: list[tuple[int, str]]) -> None:
        """Refill the university choices, keeping each row's choice while that university stays a party."""
        self.parties = parties
        for r in range(self.table.rowCount()):
            for column in (C_FROM, C_TO):
                self._fill_parties(self.table.cellWidget(r, column))

    def _fill_parties(self, combo: QComboBox) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for university_id, name in self.parties:
            combo.addItem(name, university_id)
        combo.setCurrentIndex(combo.findData(current) if current is not None else -1)
        combo.blockSignals(False)

    def append(self, condition: ConditionDraft | None, sending: int | None = None,
               receiving: int | None = None) -> int:
        r = self.table.rowCount()
        self.table.insertRow(r)
        year = dt.date.today().year
        c = condition or ConditionDraft("student_studies", 0, 1, year, year + 4)
        kind = QComboBox()
        for key, label in CONDITION_KINDS.items():
            kind.addItem(_(label), key)
        kind.setCurrentIndex(kind.findData(c.kind))
        origin, target = QComboBox(), QComboBox()
        for combo, university_id in ((origin, sending), (target, receiving)):
            combo.addItem("", university_id)  # keeps the id until the parties are filled in
            self._fill_parties(combo)
            combo.setCurrentIndex(combo.findData(university_id) if university_id is not None else -1)
        first, last = QSpinBox(), QSpinBox()
        for spin, value in ((first, c.first_year), (last, c.last_year)):
            spin.setRange(2000, 2100)
            spin.setValue(value)
            spin.setSuffix(f"/{value + 1}")
            spin.valueChanged.connect(lambda v, s=spin: s.setSuffix(f"/{v + 1}"))
        per_year = QSpinBox()
        per_year.setRange(1, 10_000)
        per_year.setValue(c.mobilities_per_year)
        isced, eqf = QLineEdit(c.isced_code), QLineEdit(c.eqf_levels)
        isced.setInputMask("9999;_")
        isced.setText(c.isced_code)
        duration = QDoubleSpinBox()
        duration.setRange(0, 366)
        duration.setValue(c.months_per_year or c.days_per_year or 0)
        language, cefr = LanguageChoice(c.language), QComboBox()
        cefr.addItem("—", "")
        for level in ("A1", "A2", "B1", "B2", "C1", "C2"):
            cefr.addItem(level, level)
        cefr.setCurrentIndex(max(0, cefr.findData(c.cefr_level)))
        for column, widget in ((C_KIND, kind), (C_FROM, origin), (C_TO, target), (C_FIRST, first), (C_LAST, last),
                               (C_PER_YEAR, per_year), (C_ISCED, isced), (C_EQF, eqf), (C_DURATION, duration),
                               (C_LANGUAGE, language), (C_CEFR, cefr)):
            self.table.setCellWidget(r, column, widget)
        return r

    def _remove(self) -> None:
        r = self.table.currentRow() if self.table.currentRow() >= 0 else self.table.rowCount() - 1
        if r >= 0:
            self.table.removeRow(r)

    def conditions(self, party_ids: list[int]) -> tuple[list[ConditionDraft], bool]:
        """The conditions with party indexes, and whether every row names two of the parties."""
        result, complete = [], True
        for r in range(self.table.rowCount()):
            cell = self.table.cellWidget
            sending, receiving = cell(r, C_FROM).currentData(), cell(r, C_TO).currentData()
            if sending not in party_ids or receiving not in party_ids or sending == receiving:
                complete = False
                continue
            kind = cell(r, C_KIND).currentData()
            duration = cell(r, C_DURATION).value() or None
            result.append(ConditionDraft(
                kind, party_ids.index(sending), party_ids.index(receiving), cell(r, C_FIRST).value(),
                cell(r, C_LAST).value(), cell(r, C_PER_YEAR).value(), cell(r, C_ISCED).text().strip(),
                cell(r, C_EQF).text().strip() if kind == "student_studies" else "",
                duration if kind.startswith("student") else None,
                duration if kind.startswith("staff") else None,
                cell(r, C_LANGUAGE).value() or "en", cell(r, C_CEFR).currentData()))
        return result, complete
