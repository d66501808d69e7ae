"""The Scholarships tab of the Mobility & events page: the scholarship programmes (paged from the service as
the view scrolls, searched in SQL) with their budget, committed, paid and remaining amounts in their own
currency, and the chosen programme's figures year by year. Every change is a command of
``ui/core/commands.py``; a delete asks first."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QTableWidget, QTableWidgetItem

from desktop_app.domain.drafts_json import from_jsonable
from desktop_app.domain.scholarships import BASIS_LABELS, ScholarshipDraft, committed_by_year, money
from desktop_app.i18n import _, formatting, ngettext
from desktop_app.services import scholarships
from desktop_app.ui.common import confirm
from desktop_app.ui.common.keyset_model import KeysetTableModel
from desktop_app.ui.core import commands
from desktop_app.ui.mobility.list_tab import ListTab
from desktop_app.ui.mobility.scholarship_editor import ScholarshipEditor, year_text

S_NAME, S_FUNDER, S_CURRENCY, S_AMOUNT, S_BUDGET, S_COMMITTED, S_PAID, S_REMAINING = range(8)
Y_YEAR, Y_BUDGET, Y_COMMITTED, Y_PAID, Y_REMAINING, Y_AWARDS = range(6)


class ScholarshipTableModel(KeysetTableModel):
    COLUMN_COUNT = 8
    SORT_KEYS = {S_NAME: "name", S_FUNDER: "funder", S_CURRENCY: "currency"}

    def __init__(self, parent=None):
        super().__init__(scholarships, scholarships.ScholarshipQuery(), parent)

    def headers(self) -> list[str]:
        return [_("Name"), _("Funder"), _("Currency"), _("Amount"), _("Budget"), _("Committed"), _("Paid"),
                _("Remaining")]

    def display(self, row, column: int) -> str:
        if column == S_NAME:
            return row.name
        if column == S_FUNDER:
            return row.funder
        if column == S_CURRENCY:
            return row.currency
        if column == S_AMOUNT:
            return _("{amount} {basis}").format(amount=formatting.format_amount(row.amount, row.currency),
                                                basis=_(BASIS_LABELS.get(row.basis, row.basis)))
        value = {S_BUDGET: row.budget, S_COMMITTED: row.committed, S_PAID: row.paid,
                 S_REMAINING: row.remaining}[column]
        return formatting.format_amount(value, row.currency)

    def sort_value(self, row, column: int):
        return {S_NAME: row.name, S_FUNDER: row.funder, S_CURRENCY: row.currency, S_AMOUNT: row.amount,
                S_BUDGET: row.budget, S_COMMITTED: row.committed, S_PAID: row.paid,
                S_REMAINING: row.remaining}[column]

    def extra(self, row, column: int, role: int):
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= S_AMOUNT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """The service sorts by name, funder or currency, ascending (a programme list is read A to Z)."""
        if column in self.SORT_KEYS and self.query.sort != self.SORT_KEYS[column]:
            self.set_query(replace(self.query, sort=self.SORT_KEYS[column]))


class ScholarshipsTab(ListTab):
    def __init__(self, context, undo_stack, parent=None):
        self.model = ScholarshipTableModel()
        super().__init__(self.model, "scholarshipsTable", "scholarshipSearch", parent)
        self.model.setParent(self)
        self.context, self.undo_stack = context, undo_stack
        self.new_button = QPushButton(objectName="newScholarship")
        self.edit_button = QPushButton(objectName="editScholarship")
        self.delete_button = QPushButton(objectName="deleteScholarship")
        for button in (self.new_button, self.edit_button, self.delete_button):
            self.actions.addWidget(button)
        self.actions.addStretch(1)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Names and funders are long; the money columns must stay whole on a laptop's screen.
        for column, width in ((S_NAME, 240), (S_FUNDER, 200)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        header.setSortIndicator(S_NAME, Qt.SortOrder.AscendingOrder)
        self.years_label = QLabel(objectName="scholarshipYearsLabel")
        self.years = QTableWidget(0, 6, objectName="scholarshipYears")
        self.years.verticalHeader().hide()
        self.years.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.years.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.years.setMaximumHeight(150)
        self.layout().addWidget(self.years_label)
        self.layout().addWidget(self.years)
        self.timer.timeout.connect(self.apply_filters)
        self.new_button.clicked.connect(lambda: self.add())
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.remove)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._selection_changed())
        self.model.modelReset.connect(self._selection_changed)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(_("Search names and funders…"))
        self.new_button.setText(_("New &programme…"))
        self.edit_button.setText(_("Edit…"))
        self.delete_button.setText(_("Delete"))
        self.years.setHorizontalHeaderLabels([_("Year"), _("Budget"), _("Committed"), _("Paid"), _("Remaining"),
                                              _("Awards")])
        self.model.retranslate()
        self.update_count()
        self._selection_changed()

    def update_count(self) -> None:
        self.count.setText(ngettext("{count} scholarship programme", "{count} scholarship programmes",
                                    self.model.total).format(count=formatting.format_number(self.model.total)))

    def set_database(self, db) -> None:
        self.model.set_database(db)
        self.update_count()

    def reload(self) -> None:
        selected = self.selected()
        self.model.reload()
        self.select_id(selected.id if selected else None)
        self.update_count()
        self._selection_changed()

    def apply_filters(self) -> None:
        if self.context.db is None:
            return
        self.timer.stop()
        self.model.set_query(replace(self.model.query, search=self.search.text()))
        self.update_count()

    def _selection_changed(self) -> None:
        row = self.selected()
        self.edit_button.setEnabled(row is not None)
        self.delete_button.setEnabled(row is not None)
        self.years.setRowCount(0)
        self.years_label.setText(_("By year: {programme}").format(programme=row.name) if row else "")
        if row is None or self.context.db is None:
            return
        draft = scholarships.get(self.context.db, row.id).draft
        committed = committed_by_year(draft.awards)
        budgets = {b.year: money(b.amount) for b in draft.budgets}
        for year in sorted(set(budgets) | set(committed)):
            awards = [a for a in draft.awards if a.year == year]
            budget, used = budgets.get(year, money(0)), committed.get(year, money(0))
            paid = sum((money(a.paid) for a in awards), money(0))
            index = self.years.rowCount()
            self.years.insertRow(index)
            for column, text in ((Y_YEAR, year_text(year)),
                                 (Y_BUDGET, formatting.format_amount(float(budget), draft.currency)),
                                 (Y_COMMITTED, formatting.format_amount(float(used), draft.currency)),
                                 (Y_PAID, formatting.format_amount(float(paid), draft.currency)),
                                 (Y_REMAINING, formatting.format_amount(float(budget - used), draft.currency)),
                                 (Y_AWARDS, formatting.format_number(len(awards)))):
                self.years.setItem(index, column, QTableWidgetItem(text))

    # --- changes ------------------------------------------------------------------------------------
    def _open(self, draft, save, record_id=None, changed_draft=None) -> None:
        db = self.context.db
        editor = ScholarshipEditor(db, changed_draft or draft, save, self, record_id)
        if changed_draft is not None:
            editor.set_baseline(draft)
        editor.exec()

    def add(self, changed_draft: ScholarshipDraft | None = None) -> None:
        db = self.context.db
        if db is None:
            return

        def save(draft: ScholarshipDraft) -> None:
            new_id = commands.run(self.undo_stack, commands.CreateRecord(
                db, scholarships, draft, _("New scholarship programme “{name}”").format(name=draft.name.strip())))
            self.reload()
            self.select_id(new_id)

        self._open(None, save, changed_draft=changed_draft)

    def edit_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.edit(row.id)

    def edit(self, programme_id: int, changed_draft: ScholarshipDraft | None = None) -> None:
        db = self.context.db
        if db is None:
            return
        record = scholarships.get(db, programme_id)

        def save(draft: ScholarshipDraft) -> None:
            commands.run(self.undo_stack, commands.UpdateRecord(
                db, scholarships, programme_id, draft,
                _("Edit scholarship programme “{name}”").format(name=draft.name.strip())))
            self.reload()

        self._open(record.draft, save, programme_id, changed_draft)

    def recover(self, record_id: int | None, values: dict) -> None:
        draft = from_jsonable(ScholarshipDraft, values)
        if record_id is None:
            self.add(changed_draft=draft)
        else:
            self.edit(record_id, changed_draft=draft)

    def remove(self) -> None:
        db, row = self.context.db, self.selected()
        if db is None or row is None:
            return
        question = _("Delete the scholarship programme “{name}” with its budgets and awards? You can undo this with "
                     "Edit ▸ Undo.").format(name=row.name)
        if not confirm.confirm_delete(self, _("Delete scholarship programme"), question):
            return
        commands.push(self.undo_stack, commands.DeleteRecord(
            db, scholarships, row.id, _("Delete scholarship programme “{name}”").format(name=row.name)), self)
        self.reload()
