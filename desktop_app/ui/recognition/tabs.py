"""The equivalence-rules matrix and the statistics view of the Recognition page.

Rules are few (hundreds), so they are read whole; the matrix counts rules per country pair and a
click on a cell lists that pair's rules. Statistics are computed by the database in the background.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import UserError, ValidationError
from desktop_app.domain.recognition import LegalBasis, RuleDraft, label
from desktop_app.i18n import _, formatting, ngettext
from desktop_app.ui.core.errors import show_error
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.recognition.editor import choice_combo, country_combo, select_data


class RuleDialog(QDialog):
    def __init__(self, db, rule_id: int | None = None, parent=None):
        super().__init__(parent)
        self.db, self.rule_id = db, rule_id
        self.setWindowTitle(_("Equivalence rule"))
        self.fields: dict[str, QWidget] = {
            "from_country": country_combo(), "qualification_title": QLineEdit(), "title_lang": QLineEdit(),
            "isced_level": QComboBox(), "nominal_years": QDoubleSpinBox(), "credits": QDoubleSpinBox(),
            "to_country": country_combo(), "recognised_as": QLineEdit(), "recognised_isced_level": QComboBox(),
            "conditions": QPlainTextEdit(), "legal_basis": choice_combo([b.value for b in LegalBasis]),
        }
        for name in ("isced_level", "recognised_isced_level"):
            self.fields[name].addItem("—", "")
            for code in "0123456789":
                self.fields[name].addItem(code, code)
        self.fields["nominal_years"].setRange(0, 12)
        self.fields["credits"].setRange(0, 1000)
        for name in ("nominal_years", "credits"):
            self.fields[name].setSpecialValueText("—")
        self.fields["conditions"].setMaximumHeight(80)
        titles = {"from_country": _("Country A"), "qualification_title": _("Qualification (in its language)"),
                  "title_lang": _("Language of the title"), "isced_level": _("ISCED 2011 level"),
                  "nominal_years": _("Nominal duration (years)"), "credits": _("Credits"),
                  "to_country": _("Country B"), "recognised_as": _("Recognised as"),
                  "recognised_isced_level": _("Recognised ISCED level"), "conditions": _("Conditions"),
                  "legal_basis": _("Legal basis")}
        form = QFormLayout()
        self.errors: dict[str, QLabel] = {}
        for name, widget in self.fields.items():
            widget.setObjectName(f"rule_{name}")
            error = QLabel()
            error.setStyleSheet("color: #b00020")
            error.hide()
            self.errors[name] = error
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(widget)
            column.addWidget(error)
            form.addRow(titles[name], holder)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        if rule_id is not None:
            from desktop_app.services.recognition_rules import get_rule

            self.set_draft(get_rule(db, rule_id))

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
            from_country=f["from_country"].currentData(), qualification_title=f["qualification_title"].text(),
            title_lang=f["title_lang"].text().strip(), isced_level=f["isced_level"].currentData(),
            nominal_years=f["nominal_years"].value() or None, credits=f["credits"].value() or None,
            to_country=f["to_country"].currentData(), recognised_as=f["recognised_as"].text(),
            recognised_isced_level=f["recognised_isced_level"].currentData(),
            conditions=f["conditions"].toPlainText(), legal_basis=f["legal_basis"].currentData())

    def save(self) -> None:
        from desktop_app.services import recognition_rules as service

        for error in self.errors.values():
            error.hide()
        try:
            if self.rule_id is None:
                self.rule_id = service.create_rule(self.db, self.draft())
            else:
                service.update_rule(self.db, self.rule_id, self.draft())
        except ValidationError as error:
            for name, message in error.errors.items():
                if name in self.errors:
                    self.errors[name].setText(message)
                    self.errors[name].show()
            return
        except UserError as error:
            show_error(error, self)
            return
        self.accept()


class RulesTab(Retranslatable, QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.pair: tuple[str, str] | None = None
        self.search = QLineEdit()
        self.search.setObjectName("rule_search")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.add_button = QPushButton()
        self.add_button.clicked.connect(lambda: self.edit(None))
        self.edit_button = QPushButton()
        self.edit_button.clicked.connect(lambda: self.edit(self.selected_rule()))
        self.delete_button = QPushButton()
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
        self.rules.horizontalHeader().setStretchLastSection(True)
        self.rules.doubleClicked.connect(lambda _i: self.edit(self.selected_rule()))
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
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self.retranslate()
        context.database_opened.connect(lambda _db: self.refresh())
        context.bus.changed.connect(lambda topics: self.refresh() if "recognition_rules" in topics else None)
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
        from desktop_app.services.recognition_rules import list_rules, rule_matrix

        if self.context.db is None:
            return
        counts = rule_matrix(self.context.db, self.search.text())
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
                self.matrix.setItem(r, c, item)
        a, b = self.pair or ("", "")
        self.rows = list_rules(self.context.db, self.search.text(), a, b)
        self.rules.setRowCount(len(self.rows))
        for r, rule in enumerate(self.rows):
            values = [f"{rule['from_country']} → {rule['to_country']}", rule["qualification_title"],
                      rule["isced_level"], rule["recognised_as"], label(rule["legal_basis"]), rule["conditions"]]
            for c, value in enumerate(values):
                self.rules.setItem(r, c, QTableWidgetItem(value))
        self.rules.resizeColumnsToContents()

    def _cell_clicked(self, row: int, column: int) -> None:
        item = self.matrix.item(row, column)
        pair = item.data(Qt.ItemDataRole.UserRole) if item else None
        self.pair = None if pair == self.pair or not item.text() else pair
        self.refresh()

    def selected_rule(self) -> int | None:
        row = self.rules.currentRow()
        return self.rows[row]["id"] if 0 <= row < len(getattr(self, "rows", [])) else None

    def edit(self, rule_id: int | None) -> None:
        if self.context.db is None:
            return
        if rule_id is None and self.sender() is self.edit_button:
            return
        RuleDialog(self.context.db, rule_id, self).exec()

    def delete(self) -> None:
        from desktop_app.services.recognition_rules import delete_rule

        rule_id = self.selected_rule()
        if rule_id is None:
            return
        if QMessageBox.question(self, _("Delete rule"), _("Delete the selected equivalence rule?")) \
                == QMessageBox.StandardButton.Yes:
            delete_rule(self.context.db, rule_id)


class StatisticsTab(Retranslatable, QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.stats: dict | None = None
        self.year = QSpinBox()
        self.year.setObjectName("stats_year")
        self.year.setRange(0, 2100)
        self.year.setSpecialValueText("—")
        self.refresh_button = QPushButton()
        self.refresh_button.clicked.connect(self.refresh)
        self.year_label = QLabel()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("stats_summary")
        self.pairs = QTableWidget(0, 4)
        self.outcomes = QTableWidget(0, 3)
        for table in (self.pairs, self.outcomes):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.horizontalHeader().setStretchLastSection(True)
            table.verticalHeader().hide()
        top = QHBoxLayout()
        top.addWidget(self.year_label)
        top.addWidget(self.year)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        tables = QHBoxLayout()
        tables.addWidget(self.pairs, 3)
        tables.addWidget(self.outcomes, 2)
        self.log_title = QLabel()
        self.log = QTableWidget(0, 3)
        self.log.setObjectName("privacy_log")
        self.log.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.log.horizontalHeader().setStretchLastSection(True)
        self.log.verticalHeader().hide()
        self.log.setMaximumHeight(160)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addLayout(tables, 1)
        layout.addWidget(self.log_title)
        layout.addWidget(self.log)
        self.retranslate()

    def showEvent(self, event) -> None:  # noqa: N802 - computed when first looked at
        super().showEvent(event)
        if self.stats is None:
            self.refresh()

    def retranslate(self) -> None:
        self.year_label.setText(_("Year received:"))
        self.year.setToolTip(_("— means every year"))
        self.refresh_button.setText(_("Compute"))
        self.pairs.setHorizontalHeaderLabels([_("Issued in"), _("Recognised in"), _("Year"), _("Cases")])
        self.outcomes.setHorizontalHeaderLabels([_("Outcome"), _("Cases"), _("Share")])
        self.log_title.setText(_("Data-protection log: exports, statistics, revealed and pseudonymised data"))
        self.log.setHorizontalHeaderLabels([_("When"), _("Action"), _("Details")])
        self._show(self.stats) if self.stats else self.summary.setText(
            _("Statistics hold no personal data. Press Compute."))

    def refresh(self) -> None:
        from desktop_app.services.recognition_cases import record_event
        from desktop_app.services.recognition_stats import compute_statistics

        db = self.context.db
        if db is None:
            return
        year = self.year.value() or None
        self.summary.setText(_("Computing…"))
        def work(_progress):
            stats = compute_statistics(db, year=year)
            record_event(db, "statistics", "personal_data", "left out")
            return stats

        self.context.runner.run(work,
                                title=_("Computing recognition statistics"), on_done=self._show, parent=self)

    def _show(self, stats: dict) -> None:
        self.stats = stats
        median = stats["median_days_to_decision"]
        appeals = stats["appeals"]
        self.summary.setText(
            _("{total} cases; median {median} days from receipt to decision ({decided} decided). Appeals: "
              "{lodged} lodged, {upheld} upheld, {rejected} rejected, {withdrawn} withdrawn, {pending} pending.")
            .format(total=formatting.format_number(stats["total"]),
                    median="—" if median is None else formatting.format_number(median),
                    decided=formatting.format_number(stats["decided_cases"]), **{
                        k: formatting.format_number(v) for k, v in appeals.items()}))
        rows = stats["by_country_pair_and_year"]
        self.pairs.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate([formatting.country_name(row["from"]), formatting.country_name(row["to"]),
                                       str(row["year"]), formatting.format_number(row["cases"])]):
                self.pairs.setItem(r, c, QTableWidgetItem(value))
        outcomes = stats["outcomes"]
        self.outcomes.setRowCount(len(outcomes))
        for r, row in enumerate(outcomes):
            for c, value in enumerate([label(row["outcome"]), formatting.format_number(row["cases"]),
                                       formatting.format_percent(row["share"])]):
                self.outcomes.setItem(r, c, QTableWidgetItem(value))
        self.pairs.resizeColumnsToContents()
        self.outcomes.resizeColumnsToContents()
        self._show_log()

    @staticmethod
    def _details(event) -> str:
        """The stored details (plain English tokens) in the reader's language."""
        words = {"included": _("personal data included"), "left out": _("personal data left out"),
                 "case list": _("in the case list"), "command line list": _("on the command line")}
        if event.action == "pseudonymised":
            count = int(event.new_value or 0)
            return ngettext("{count} case", "{count} cases", count).format(count=formatting.format_number(count))
        parts = event.new_value.split("; ")
        if event.action == "export" and len(parts) == 3:
            count = int(parts[1].split()[0])
            return "; ".join([words.get(parts[0], parts[0]), ngettext("{count} case", "{count} cases", count).format(
                count=formatting.format_number(count)), parts[2]])
        return "; ".join(words.get(part, part) for part in parts)

    def _show_log(self) -> None:
        from desktop_app.services.recognition_cases import recent_events

        if self.context.db is None:
            return
        actions = {"export": _("Export"), "statistics": _("Statistics"), "reveal": _("Personal data shown"),
                   "pseudonymised": _("Pseudonymisation")}
        events = recent_events(self.context.db)
        self.log.setRowCount(len(events))
        for r, event in enumerate(events):
            for c, value in enumerate([formatting.format_datetime(event.changed_at, "short"),
                                       actions.get(event.action, event.action), self._details(event)]):
                self.log.setItem(r, c, QTableWidgetItem(value))
        self.log.resizeColumnsToContents()
