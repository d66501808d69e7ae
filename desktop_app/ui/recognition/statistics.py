"""Statistics of recognition for the working group: computed by the database in the background, never with
personal data, shown as figures, two charts (decisions per year by outcome, time to decision) and tables,
with the data-protection log (exports, statistics, personal data shown, pseudonymisation) beneath."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.recognition import Outcome, label
from desktop_app.i18n import _, formatting, ngettext
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.recognition.charts import OKABE_ITO, BarChart, Series

#: Each outcome keeps its colour in every chart: favourable outcomes in greens and blues, refusal in vermillion.
OUTCOME_COLOURS = {Outcome.FULL: OKABE_ITO["bluish_green"], Outcome.PARTIAL: OKABE_ITO["sky_blue"],
                   Outcome.CONDITIONAL: OKABE_ITO["orange"], Outcome.ALTERNATIVE: OKABE_ITO["reddish_purple"],
                   Outcome.NOT_RECOGNISED: OKABE_ITO["vermillion"]}


def year_text(year: int) -> str:
    """A year as the reader's locale writes it (digits, no thousands separator)."""
    return formatting.format_date(dt.date(year, 1, 1), "y")


def _table(columns: int, stretched: int | None = None) -> QTableWidget:
    """A read-only table; the ``stretched`` column takes the room left (and is cut, not scrolled, when
    there is none), the others fit their contents."""
    table = QTableWidget(0, columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    if stretched is None:
        header.setStretchLastSection(True)
    else:
        for column in range(columns):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column == stretched
                                        else QHeaderView.ResizeMode.ResizeToContents)
    return table


def _number(text: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setTextAlignment(Qt.AlignmentFlag.AlignTrailing | Qt.AlignmentFlag.AlignVCenter)
    return item


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
        self.refresh_button.setObjectName("compute_statistics")
        self.refresh_button.clicked.connect(self.refresh)
        self.year_label = QLabel()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("stats_summary")
        self.outcome_chart = BarChart()
        self.outcome_chart.setObjectName("outcome_chart")
        self.time_chart = BarChart()
        self.time_chart.setObjectName("decision_time_chart")
        self.pairs = _table(4, stretched=1)
        self.outcomes = _table(3, stretched=0)
        self.log_title = QLabel()
        self.log = _table(3)
        self.log.setObjectName("privacy_log")
        top = QHBoxLayout()
        top.addWidget(self.year_label)
        top.addWidget(self.year)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        charts = QWidget()
        charts_layout = QHBoxLayout(charts)
        charts_layout.setContentsMargins(0, 0, 0, 0)
        charts_layout.addWidget(self.outcome_chart, 1)
        charts_layout.addWidget(self.time_chart, 1)
        tables = QWidget()
        tables_layout = QHBoxLayout(tables)
        tables_layout.setContentsMargins(0, 0, 0, 0)
        tables_layout.addWidget(self.pairs, 3)
        tables_layout.addWidget(self.outcomes, 2)
        log = QWidget()
        log_layout = QVBoxLayout(log)
        log_layout.setContentsMargins(0, 0, 0, 0)
        log_layout.addWidget(self.log_title)
        log_layout.addWidget(self.log)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        for part, stretch in ((charts, 5), (tables, 3), (log, 2)):
            self.splitter.addWidget(part)
            self.splitter.setStretchFactor(self.splitter.count() - 1, stretch)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
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
        if self.stats:
            self._show(self.stats)
        else:
            self.summary.setText(_("Statistics hold no personal data. Press Compute."))
            self._show_charts(None)

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

        self.context.runner.run(work, title=_("Computing recognition statistics"), on_done=self._show, parent=self)

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
                                       year_text(row["year"]), formatting.format_number(row["cases"])]):
                self.pairs.setItem(r, c, _number(value) if c == 3 else QTableWidgetItem(value))
        outcomes = stats["outcomes"]
        self.outcomes.setRowCount(len(outcomes))
        for r, row in enumerate(outcomes):
            for c, value in enumerate([label(row["outcome"]), formatting.format_number(row["cases"]),
                                       formatting.format_percent(row["share"])]):
                self.outcomes.setItem(r, c, _number(value) if c else QTableWidgetItem(value))
        self._show_charts(stats)
        self._show_log()

    def _show_charts(self, stats: dict | None) -> None:
        empty = _("No decided cases yet.") if stats else _("Press Compute to see the charts.")
        by_year = stats.get("outcomes_by_decision_year", []) if stats else []
        years = sorted({row["year"] for row in by_year})
        counts = {(row["year"], row["outcome"]): row["cases"] for row in by_year}
        series = [Series(label(outcome), colour, tuple(counts.get((year, outcome), 0) for year in years))
                  for outcome, colour in OUTCOME_COLOURS.items()
                  if any(counts.get((year, outcome)) for year in years)]
        self.outcome_chart.set_data(_("Decisions per year, by outcome"), [year_text(y) for y in years], series,
                                    stacked=True, empty_text=empty)
        groups = stats.get("decision_days_groups", []) if stats else []
        lower = 0
        names: list[str] = []
        for group in groups:
            if group["up_to"] is None:
                names.append(_("over {days}").format(days=formatting.format_number(lower)))
            else:
                names.append(_("{low}–{high}").format(low=formatting.format_number(lower + 1 if lower else 0),
                                                      high=formatting.format_number(group["up_to"])))
                lower = group["up_to"]
        values = tuple(group["cases"] for group in groups)
        self.time_chart.set_data(_("Days from receipt to decision"), names,
                                 [Series(_("Decided cases"), OKABE_ITO["blue"], values)] if any(values) else [],
                                 stacked=False, empty_text=empty)

    @staticmethod
    def _details(event) -> str:
        """The stored details (plain English tokens) in the reader's language."""
        words = {"included": _("personal data included"), "left out": _("personal data left out"),
                 "case list": _("in the case list"), "command line list": _("on the command line"),
                 "mobility list": _("in the mobility list"),
                 "command line mobility list": _("in the mobility list on the command line"),
                 "staff development participants": _("among the participants of staff development")}
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
