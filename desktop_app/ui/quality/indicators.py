"""The Indicators tab: a joint programme's figures per academic year — applicants, enrolled students,
graduates, dropout, graduates' employment and the share in mobility — each beside its target (green when
met, red when missed), entered in an editor of one programme's year."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLineEdit, QPlainTextEdit, QTableWidget

from desktop_app.domain.quality import (
    INDICATOR_LABELS,
    PERCENT_INDICATORS,
    Indicator,
    IndicatorValue,
    IndicatorYearDraft,
)
from desktop_app.i18n import _, formatting, ngettext
from desktop_app.services import programme_indicators
from desktop_app.ui.common.field_form import FieldFormDialog
from desktop_app.ui.mobility.dialogs import fill_combo, select_data
from desktop_app.ui.quality.common import RecordTab, refill
from desktop_app.ui.quality.evaluations import programme_items
from desktop_app.ui.quality.models import IN_PROGRAMME, IndicatorTableModel

TARGET, ACTUAL = 0, 1
EMPTY = -1.0  # a spin box at its minimum holds no figure ("—")


def figure_box(indicator: str) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(EMPTY, 100.0 if indicator in PERCENT_INDICATORS else 1_000_000.0)
    box.setDecimals(1 if indicator in PERCENT_INDICATORS else 0)
    box.setSpecialValueText("—")
    box.setValue(EMPTY)
    return box


def box_value(box: QDoubleSpinBox) -> float | None:
    return None if box.value() <= EMPTY else box.value()


class IndicatorEditor(FieldFormDialog):
    area_key = "indicators"

    def __init__(self, db, draft: IndicatorYearDraft | None, save, parent=None, record_id: int | None = None,
                 database: str = ""):
        super().__init__(save, programme_indicators.validate, parent, record_id, database)
        self.setObjectName("indicatorEditor")
        self.db = db
        self.is_new = record_id is None
        self.programme = QComboBox(objectName="indicatorProgramme")
        self.academic_year = QLineEdit(objectName="indicatorYear")
        self.academic_year.setText(programme_indicators.current_year())
        self.figures = QTableWidget(len(Indicator), 2, objectName="indicatorFigures")
        self.boxes: dict[str, tuple[QDoubleSpinBox, QDoubleSpinBox]] = {}
        for row, indicator in enumerate(Indicator):
            pair = (figure_box(indicator), figure_box(indicator))
            self.boxes[indicator] = pair
            self.figures.setCellWidget(row, TARGET, pair[TARGET])
            self.figures.setCellWidget(row, ACTUAL, pair[ACTUAL])
        self.figures.horizontalHeader().setStretchLastSection(True)
        self.notes = QPlainTextEdit(objectName="indicatorNotes")
        self.notes.setMaximumHeight(80)
        for key, widget in (("programme_id", self.programme), ("academic_year", self.academic_year),
                            ("values", self.figures), ("notes", self.notes)):
            self.add_row(key, widget)
        self.retranslate()
        if draft is not None:
            select_data(self.programme, draft.programme_id)
            self.academic_year.setText(draft.academic_year)
            for value in draft.values:
                if value.indicator in self.boxes:
                    for box, number in zip(self.boxes[value.indicator], (value.target, value.actual), strict=True):
                        box.setValue(EMPTY if number is None else number)
            self.notes.setPlainText(draft.notes)
        self.resize(640, 520)
        self.start_tracking()

    def retranslate(self) -> None:
        self.setWindowTitle(_("New indicators") if self.is_new else _("Edit indicators"))
        fill_combo(self.programme, programme_items(self.db), self.programme.currentData())
        self.academic_year.setPlaceholderText(_("e.g. 2026/2027"))
        self.figures.setHorizontalHeaderLabels([_("Target"), _("Actual")])
        self.figures.setVerticalHeaderLabels([_(INDICATOR_LABELS[indicator]) for indicator in Indicator])
        self.set_labels({"programme_id": _("&Programme"), "academic_year": _("Academic &year"),
                         "values": _("Indicators"), "notes": _("&Notes")})

    def show_problems(self, problems: dict[str, str]) -> None:
        # The service names a figure's problem "values.<indicator>": shown under the table of figures.
        figures = [text for key, text in problems.items() if key.startswith("values.")]
        others = {key: text for key, text in problems.items() if not key.startswith("values.")}
        if figures:
            others["values"] = "\n".join(figures)
        super().show_problems(others)

    def draft(self) -> IndicatorYearDraft:
        values = [IndicatorValue(indicator, box_value(target), box_value(actual))
                  for indicator, (target, actual) in self.boxes.items()
                  if box_value(target) is not None or box_value(actual) is not None]
        return IndicatorYearDraft(self.programme.currentData(), self.academic_year.text().strip(), values,
                                  self.notes.toPlainText().strip())

    def journal_title(self) -> str:
        return self.programme.currentText()


class IndicatorsTab(RecordTab):
    service = programme_indicators
    draft_class = IndicatorYearDraft
    stretch_columns = (IN_PROGRAMME,)

    def __init__(self, page, parent=None):
        super().__init__(page, IndicatorTableModel(), "indicators", parent)
        self.programme = self.add_filter_combo("indicatorProgrammeFilter")

    def empty_text(self) -> str:
        return _("No indicators yet. Enter a joint programme's applicants, enrolled students, graduates, dropout, "
                 "graduates' employment and mobility for an academic year, each with its target.")

    def new_text(self) -> str:
        return _("&New indicators…")

    def count_text(self, total: int) -> str:
        return ngettext("{count} programme year", "{count} programme years", total).format(
            count=formatting.format_number(total))

    def refill_filters(self) -> None:
        refill(self.programme, _("All joint programmes"), programme_items(self.page.context.db))

    def query(self):
        return replace(self.model.query, search=self.search.text(), programme_id=self.programme.currentData())

    def draft_title(self, draft) -> str:
        return _("{programme}, {year}").format(programme=self.programme_title(draft.programme_id),
                                               year=draft.academic_year)

    def programme_title(self, programme_id) -> str:
        return dict(programme_items(self.page.context.db)).get(programme_id, "")

    def name_of(self, row) -> str:
        return _("{programme}, {year}").format(programme=row.programme_in(), year=row.academic_year)

    def delete_question(self, name: str) -> tuple[str, str]:
        return _("Delete indicators"), _("Delete the indicators of {name}? You can undo this with "
                                         "Edit ▸ Undo.").format(name=name)

    def make_editor(self, db, draft, save, record_id):
        return IndicatorEditor(db, draft, save, self, record_id, db.url)
