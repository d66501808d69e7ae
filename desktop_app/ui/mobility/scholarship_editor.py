"""The editor of a scholarship programme: its funder, the formats and levels it funds, its amount per month
or as a lump sum in its own currency, its budget per year and its awards to mobilities (awarded, marked
paid), with what each year commits, pays and has left shown as it is typed. Amounts stay in the
programme's currency: nothing is converted.

A mobility is named by its universities and dates, never by the person: anyone may be looking at the screen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.contract import Message
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.mobility import FORMAT_LABELS, STUDY_LEVEL_LABELS
from desktop_app.domain.scholarships import (
    BASIS_LABELS,
    AmountBasis,
    AwardDraft,
    BudgetDraft,
    ScholarshipDraft,
    committed_by_year,
    money,
    suggested_commitment,
)
from desktop_app.i18n import _, formatting
from desktop_app.services import mobility, scholarships
from desktop_app.ui.common.choosers import _SearchingPicker
from desktop_app.ui.common.field_form import FieldFormDialog, error_label
from desktop_app.ui.common.flow_layout import FlowLayout
from desktop_app.ui.mobility.grid import grid, mark_problems, number_text, read_number, set_text, text_at

B_YEAR, B_AMOUNT = range(2)
A_MOBILITY, A_YEAR, A_COMMITTED, A_PAID = range(4)
AWARD_COLUMNS = {"mobility_id": A_MOBILITY, "year": A_YEAR, "committed": A_COMMITTED, "paid": A_PAID}
LOADED = Qt.ItemDataRole.UserRole  # an award's year cell keeps the award as loaded (its date and notes)


def year_text(year: int) -> str:
    """A year in the reader's digits, without grouping (2026, not 2,026)."""
    return formatting.localise_digits(str(year))


class MobilityPicker(_SearchingPicker):
    """Choose a mobility record however many there are: "sending → receiving, start date", never the person."""

    def __init__(self, db, parent=None):
        super().__init__(db, parent)
        self.refill()

    def _count(self) -> int:
        return mobility.count(self.db)

    def _find(self, search: str, limit: int | None) -> list:
        return mobility.choices(self.db, search, limit)

    def _find_ids(self, ids: list[int]) -> list:
        return mobility.choices_of(self.db, ids)

    def _label(self, choice) -> str:
        return _("{mobility}, from {start}").format(
            mobility=choice.label, start=formatting.format_date(dt.date.fromisoformat(choice.detail)))

    def _none_text(self) -> str:
        return ""

    def _more_text(self) -> str:
        return _("More mobility records match: type more of a university's name")


class ScholarshipEditor(FieldFormDialog):
    area_key = "scholarships"

    def __init__(self, db, draft: ScholarshipDraft | None, save: Callable[[ScholarshipDraft], object], parent=None,
                 record_id: int | None = None):
        super().__init__(save, scholarships.validate, parent, record_id, db.url)
        self.setObjectName("scholarshipEditor")
        self.db = db
        draft = draft or ScholarshipDraft("", "KZT", budgets=[BudgetDraft(dt.date.today().year, 0.0)])
        self._typing: dict[str, Message] = {}
        self.name = QLineEdit(draft.name)
        self.funder = QLineEdit(draft.funder)
        self.currency = QLineEdit(draft.currency)
        self.currency.setMaxLength(3)
        self.amount = QDoubleSpinBox()
        self.amount.setRange(0, 1e12)
        self.amount.setDecimals(2)
        self.amount.setGroupSeparatorShown(True)
        self.amount.setValue(draft.amount)
        self.basis = QComboBox()
        for key in AmountBasis:
            self.basis.addItem("", str(key))
        self.basis.setCurrentIndex(max(0, self.basis.findData(draft.basis)))
        amount = QWidget()
        row = QHBoxLayout(amount)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.amount, 1)
        row.addWidget(self.basis)
        self.formats = {key: QCheckBox() for key in FORMAT_LABELS}
        self.levels = {key: QCheckBox() for key in STUDY_LEVEL_LABELS}
        boxes = {}
        for name, checks, chosen in (("formats", self.formats, draft.formats), ("levels", self.levels, draft.levels)):
            holder = QWidget(objectName=name)
            flow = FlowLayout(holder)
            for key, check in checks.items():
                check.setChecked(key in chosen)
                flow.addWidget(check)
            boxes[name] = holder
        self.notes = QPlainTextEdit(draft.notes)
        self.notes.setFixedHeight(60)
        for key, widget in (("name", self.name), ("funder", self.funder), ("currency", self.currency),
                            ("amount", amount), ("formats", boxes["formats"]), ("levels", boxes["levels"]),
                            ("notes", self.notes)):
            self.add_row(key, widget)

        self.budget_box = QGroupBox(objectName="scholarshipBudgets")
        self.budgets = grid("scholarshipBudgetTable", 2, stretch=B_AMOUNT)
        self.add_budget = QPushButton(objectName="addBudget")
        self.remove_budget = QPushButton(objectName="removeBudget")
        self.award_box = QGroupBox(objectName="scholarshipAwards")
        self.awards = grid("scholarshipAwardTable", 4, stretch=A_MOBILITY)
        self.add_award = QPushButton(objectName="addAward")
        self.mark_paid = QPushButton(objectName="markPaid")
        self.remove_award = QPushButton(objectName="removeAward")
        self.summary = QLabel(objectName="scholarshipSummary")
        self.summary.setWordWrap(True)
        self.grid_error = error_label()
        for box, table, buttons in ((self.budget_box, self.budgets, (self.add_budget, self.remove_budget)),
                                    (self.award_box, self.awards, (self.add_award, self.mark_paid,
                                                                   self.remove_award))):
            inner = QVBoxLayout(box)
            inner.addWidget(table)
            actions = QHBoxLayout()
            for button in buttons:
                actions.addWidget(button)
            actions.addStretch(1)
            inner.addLayout(actions)
        layout = self.layout()
        for position, widget in enumerate((self.budget_box, self.award_box, self.summary, self.grid_error), start=1):
            layout.insertWidget(position, widget)
        for budget in draft.budgets:
            self._add_budget(budget)
        for award in draft.awards:
            self._add_award(award)
        self.add_budget.clicked.connect(self.new_budget)
        self.remove_budget.clicked.connect(lambda: self._remove(self.budgets))
        self.add_award.clicked.connect(self.new_award)
        self.mark_paid.clicked.connect(self.mark_selected_paid)
        self.remove_award.clicked.connect(lambda: self._remove(self.awards))
        for table in (self.budgets, self.awards):
            table.itemChanged.connect(lambda _item: self._show_summary())
        self.currency.textChanged.connect(lambda _t: self._show_summary())
        self.resize(760, 820)
        self.retranslate()
        self.start_tracking()

    # --- rows ---------------------------------------------------------------------------------------
    def _add_budget(self, budget: BudgetDraft) -> None:
        row = self.budgets.rowCount()
        self.budgets.insertRow(row)
        set_text(self.budgets, row, B_YEAR, year_text(budget.year))
        set_text(self.budgets, row, B_AMOUNT, number_text(budget.amount))

    def _add_award(self, award: AwardDraft) -> None:
        table = self.awards
        table.blockSignals(True)
        row = table.rowCount()
        table.insertRow(row)
        picker = MobilityPicker(self.db)
        picker.select(award.mobility_id)
        picker.currentIndexChanged.connect(lambda _i, p=picker: self._suggest(p))
        table.setCellWidget(row, A_MOBILITY, picker)
        set_text(table, row, A_YEAR, year_text(award.year)).setData(LOADED, award)
        set_text(table, row, A_COMMITTED, number_text(award.committed))
        set_text(table, row, A_PAID, number_text(award.paid))
        table.blockSignals(False)
        self._show_summary()

    def _remove(self, table) -> None:
        if table.currentRow() >= 0:
            table.removeRow(table.currentRow())
            self._show_summary()

    def new_budget(self) -> None:
        years = [b.year for b in self._budgets()]
        self._add_budget(BudgetDraft(max(years) + 1 if years else dt.date.today().year, 0.0))
        self._show_summary()

    def _suggestion(self, mobility_id: int | None) -> tuple[int, float]:
        """The year an award to the mobility counts in (its start) and what it commits by default."""
        if mobility_id is None:
            return dt.date.today().year, 0.0
        stay = mobility.get(self.db, mobility_id).draft
        basis = self.basis.currentData()
        return stay.start_date.year, suggested_commitment(self.amount.value(), basis, stay.start_date, stay.end_date)

    def new_award(self) -> None:
        picker = MobilityPicker(self.db)
        year, committed = self._suggestion(picker.value())
        self._add_award(AwardDraft(picker.value(), year, committed, 0.0, dt.date.today()))
        self.awards.setCurrentCell(self.awards.rowCount() - 1, A_MOBILITY)

    def _suggest(self, picker) -> None:
        """A mobility chosen for an award: its year and the programme's amount for its stay."""
        for row in range(self.awards.rowCount()):
            if self.awards.cellWidget(row, A_MOBILITY) is picker:
                year, committed = self._suggestion(picker.value())
                self.awards.item(row, A_YEAR).setText(year_text(year))
                self.awards.item(row, A_COMMITTED).setText(number_text(committed))

    def mark_selected_paid(self) -> None:
        """The chosen award paid in full (what it committed)."""
        row = self.awards.currentRow()
        if row >= 0:
            self.awards.item(row, A_PAID).setText(text_at(self.awards, row, A_COMMITTED))

    # --- reading ------------------------------------------------------------------------------------
    def _number(self, table, row: int, column: int, key: str) -> float:
        text = text_at(table, row, column)
        try:
            return read_number(text) or 0.0
        except ValueError:
            self._typing[key] = Message("Not a number: {value}", {"value": text})
            return 0.0

    def _budgets(self) -> list[BudgetDraft]:
        return [BudgetDraft(int(self._number(self.budgets, row, B_YEAR, f"budgets[{row}].year")),
                            self._number(self.budgets, row, B_AMOUNT, f"budgets[{row}].amount"))
                for row in range(self.budgets.rowCount())]

    def _awards(self) -> list[AwardDraft]:
        result = []
        for row in range(self.awards.rowCount()):
            loaded = self.awards.item(row, A_YEAR).data(LOADED)
            result.append(AwardDraft(
                self.awards.cellWidget(row, A_MOBILITY).value(),
                int(self._number(self.awards, row, A_YEAR, f"awards[{row}].year")),
                self._number(self.awards, row, A_COMMITTED, f"awards[{row}].committed"),
                self._number(self.awards, row, A_PAID, f"awards[{row}].paid"),
                loaded.awarded_on if loaded else dt.date.today(), loaded.notes if loaded else ""))
        return result

    def draft(self) -> ScholarshipDraft:
        self._typing = {}
        return ScholarshipDraft(
            self.name.text(), self.currency.text().strip().upper(), self.amount.value(), self.basis.currentData(),
            self.funder.text(), [k for k, c in self.formats.items() if c.isChecked()],
            [k for k, c in self.levels.items() if c.isChecked()], self._budgets(), self._awards(),
            self.notes.toPlainText())

    def save_draft(self, draft: ScholarshipDraft) -> None:
        if self._typing:
            raise ValidationError(dict(self._typing))
        super().save_draft(draft)

    def journal_title(self) -> str:
        return self.name.text().strip() or self.windowTitle()

    # --- what it shows ------------------------------------------------------------------------------
    def _show_summary(self) -> None:
        """Each year's budget, what its awards commit and pay, and what remains, in the programme's currency."""
        typing = dict(self._typing)
        budgets, awards = self._budgets(), self._awards()
        self._typing = typing
        currency = self.currency.text().strip().upper()
        committed = committed_by_year(awards)
        paid: dict[int, float] = {}
        for award in awards:
            paid[award.year] = paid.get(award.year, 0.0) + award.paid
        lines = []
        for year in sorted({b.year for b in budgets} | set(committed)):
            budget = next((money(b.amount) for b in budgets if b.year == year), money(0))
            used = committed.get(year, money(0))
            lines.append(_("{year}: budget {budget}, committed {committed}, paid {paid}, remaining {remaining}").format(
                year=year_text(year), budget=formatting.format_amount(float(budget), currency),
                committed=formatting.format_amount(float(used), currency),
                paid=formatting.format_amount(paid.get(year, 0.0), currency),
                remaining=formatting.format_amount(float(budget - used), currency)))
        self.summary.setText("\n".join(lines))

    def show_problems(self, problems: dict[str, str]) -> None:
        super().show_problems(problems)
        found = mark_problems(self.budgets, problems, "budgets", {"year": B_YEAR, "amount": B_AMOUNT})
        found += mark_problems(self.awards, problems, "awards", AWARD_COLUMNS)
        self.grid_error.setText("\n".join(found))
        self.grid_error.setVisible(bool(found))
        if found:
            self.general_error.hide()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Scholarship programme"))
        self.set_labels({"name": _("Name"), "funder": _("Funder"), "currency": _("Currency"),
                         "amount": _("Amount"), "formats": _("Formats"), "levels": _("Levels"), "notes": _("Notes")})
        for index in range(self.basis.count()):
            self.basis.setItemText(index, _(BASIS_LABELS[self.basis.itemData(index)]))
        for key, check in self.formats.items():
            check.setText(_(FORMAT_LABELS[key]))
        for key, check in self.levels.items():
            check.setText(_(STUDY_LEVEL_LABELS[key]))
        self.budget_box.setTitle(_("Budget"))
        self.budgets.setHorizontalHeaderLabels([_("Year"), _("Amount")])
        self.award_box.setTitle(_("Awards"))
        self.awards.setHorizontalHeaderLabels([_("Mobility"), _("Year"), _("Committed"), _("Paid")])
        self.add_budget.setText(_("Add a &year"))
        self.remove_budget.setText(_("Remove the year"))
        self.add_award.setText(_("A&ward…"))
        self.mark_paid.setText(_("Mark &paid"))
        self.remove_award.setText(_("Withdraw the award"))
        for row in range(self.awards.rowCount()):
            self.awards.cellWidget(row, A_MOBILITY).retranslate()
        self._show_summary()

