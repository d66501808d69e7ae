"""The Quality page's lists as lazy table models over the services' ``page()``: evaluation cycles (an
overdue recommendation in red), surveys with their response rates, indicator years (each actual figure
beside its target, red when the target is missed) and staff-development programmes. Texts in the
interface language, dates and numbers by CLDR; each column sorts by a native value (``SORT_ROLE``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.domain.quality import EVALUATION_STATUS_LABELS, INDICATOR_LABELS, PERCENT_INDICATORS, Indicator
from desktop_app.domain.staff_development import FORMAT_LABELS, TOPIC_LABELS
from desktop_app.domain.surveys import AUDIENCE_LABELS
from desktop_app.i18n import _, formatting
from desktop_app.services import evaluations, programme_indicators, staff_development, surveys
from desktop_app.services.evaluations import EvaluationQuery, EvaluationRow
from desktop_app.services.programme_indicators import IndicatorQuery, IndicatorYearRow
from desktop_app.services.staff_development import StaffDevelopmentQuery, StaffDevelopmentRow
from desktop_app.services.surveys import SurveyQuery, SurveyRow
from desktop_app.ui.common.keyset_model import ID_ROLE, SORT_ROLE, KeysetTableModel

(EV_YEAR, EV_PROGRAMME, EV_TITLE, EV_STATUS, EV_REPORT, EV_OPEN, EV_OVERDUE) = range(7)
(SV_YEAR, SV_TITLE, SV_AUDIENCE, SV_ABOUT, SV_RESPONSES, SV_RATE) = range(6)
IN_PROGRAMME, IN_YEAR = 0, 1
#: The indicator columns follow the programme and the year, in the order of the domain's list.
INDICATOR_COLUMNS = {2 + index: indicator for index, indicator in enumerate(Indicator)}
IN_MET = 2 + len(INDICATOR_COLUMNS)
(ST_START, ST_TITLE, ST_TOPIC, ST_FORMAT, ST_PARTICIPANTS) = range(5)

__all__ = ["EV_OVERDUE", "EV_PROGRAMME", "EV_STATUS", "EV_TITLE", "EV_YEAR", "ID_ROLE", "INDICATOR_COLUMNS",
           "IN_MET", "IN_PROGRAMME", "IN_YEAR", "MISSED", "OVERDUE", "SORT_ROLE", "ST_PARTICIPANTS", "ST_TITLE",
           "ST_TOPIC", "SV_RATE", "SV_RESPONSES", "SV_TITLE", "EvaluationTableModel", "IndicatorTableModel",
           "StaffTableModel", "SurveyTableModel", "label", "number", "percent"]

OVERDUE = QColor("#b00020")
MISSED = QColor("#b00020")
MET = QColor("#1b6e20")


def label(labels: dict, key: str) -> str:
    return _(labels[key]) if key in labels else key


def number(value: float | None) -> str:
    if value is None:
        return ""
    return formatting.format_number(int(value) if float(value).is_integer() else value)


def percent(share: float | None) -> str:
    return formatting.format_percent(share) if share is not None else "—"


class EvaluationTableModel(KeysetTableModel):
    """Evaluation cycles, the latest first; a cycle with an overdue recommendation is red."""

    COLUMN_COUNT = 7

    def __init__(self, parent=None, today: dt.date | None = None):
        super().__init__(evaluations, EvaluationQuery(today=today), parent)

    def headers(self) -> list[str]:
        return [_("Year"), _("Programme"), _("Title"), _("Status"), _("Audit report"), _("Open recommendations"),
                _("Overdue")]

    def display(self, row: EvaluationRow, column: int) -> str:
        if column == EV_YEAR:
            return formatting.localise_digits(str(row.year))
        if column == EV_PROGRAMME:
            return row.programme_in()
        if column == EV_TITLE:
            return row.title
        if column == EV_STATUS:
            return label(EVALUATION_STATUS_LABELS, row.status)
        if column == EV_REPORT:
            return formatting.format_date(row.report_on) if row.report_on else ""
        if column == EV_OPEN:
            return formatting.format_number(row.open_recommendations)
        if column == EV_OVERDUE:
            return formatting.format_number(row.overdue_recommendations) if row.overdue_recommendations else ""
        return ""

    def sort_value(self, row: EvaluationRow, column: int) -> Any:
        return {EV_YEAR: row.year, EV_PROGRAMME: row.programme_title, EV_TITLE: row.title, EV_STATUS: row.status,
                EV_REPORT: row.report_on or dt.date.min, EV_OPEN: row.open_recommendations,
                EV_OVERDUE: row.overdue_recommendations}[column]

    def extra(self, row: EvaluationRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue_recommendations:
            return QBrush(OVERDUE)
        if role == Qt.ItemDataRole.ToolTipRole and row.overdue_recommendations:
            return _("A recommendation of this evaluation is past its deadline.")
        return None


class SurveyTableModel(KeysetTableModel):
    """Surveys, the latest academic year first, with the responses imported and the response rate."""

    COLUMN_COUNT = 6

    def __init__(self, parent=None):
        super().__init__(surveys, SurveyQuery(), parent)

    def headers(self) -> list[str]:
        return [_("Academic year"), _("Title"), _("Asked"), _("Programme or partner"), _("Responses"),
                _("Response rate")]

    def display(self, row: SurveyRow, column: int) -> str:
        if column == SV_YEAR:
            return formatting.localise_digits(row.academic_year)
        if column == SV_TITLE:
            return row.title
        if column == SV_AUDIENCE:
            return label(AUDIENCE_LABELS, row.audience)
        if column == SV_ABOUT:
            if row.programme_title and row.university_name:
                return _("{programme}, {partner}").format(programme=row.programme_in(), partner=row.university_name)
            return row.programme_in() or row.university_name
        if column == SV_RESPONSES:
            return formatting.format_number(row.responses)
        if column == SV_RATE:
            return percent(row.rate)
        return ""

    def sort_value(self, row: SurveyRow, column: int) -> Any:
        return {SV_YEAR: row.academic_year, SV_TITLE: row.title, SV_AUDIENCE: row.audience,
                SV_ABOUT: row.programme_title or row.university_name, SV_RESPONSES: row.responses,
                SV_RATE: row.rate if row.rate is not None else -1.0}[column]


class IndicatorTableModel(KeysetTableModel):
    """A programme's indicators per academic year: each cell "actual / target", red when the target is
    missed and green when it is met."""

    COLUMN_COUNT = IN_MET + 1

    def __init__(self, parent=None):
        super().__init__(programme_indicators, IndicatorQuery(), parent)

    def headers(self) -> list[str]:
        return ([_("Programme"), _("Academic year")]
                + [label(INDICATOR_LABELS, indicator) for indicator in INDICATOR_COLUMNS.values()]
                + [_("Targets met")])

    @staticmethod
    def figure(indicator: str, value: float | None) -> str:
        if value is None:
            return "—"
        return formatting.format_percent(value / 100) if indicator in PERCENT_INDICATORS else number(value)

    def display(self, row: IndicatorYearRow, column: int) -> str:
        if column == IN_PROGRAMME:
            return row.programme_in()
        if column == IN_YEAR:
            return formatting.localise_digits(row.academic_year)
        if column in INDICATOR_COLUMNS:
            indicator = INDICATOR_COLUMNS[column]
            line = row.line(indicator)
            if line is None or (line.actual is None and line.target is None):
                return ""
            if line.target is None:
                return self.figure(indicator, line.actual)
            return _("{actual} of {target}").format(actual=self.figure(indicator, line.actual),
                                                    target=self.figure(indicator, line.target))
        if column == IN_MET:
            if not row.with_target:
                return ""
            return _("{met} of {total}").format(met=formatting.format_number(row.met),
                                                total=formatting.format_number(row.with_target))
        return ""

    def sort_value(self, row: IndicatorYearRow, column: int) -> Any:
        if column == IN_PROGRAMME:
            return row.programme_title
        if column == IN_YEAR:
            return row.academic_year
        if column in INDICATOR_COLUMNS:
            line = row.line(INDICATOR_COLUMNS[column])
            return line.actual if line is not None and line.actual is not None else -1.0
        return row.met

    def extra(self, row: IndicatorYearRow, column: int, role: int) -> Any:
        if column not in INDICATOR_COLUMNS:
            return None
        line = row.line(INDICATOR_COLUMNS[column])
        if line is None or line.progress.met is None:
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(MET if line.progress.met else MISSED)
        if role == Qt.ItemDataRole.ToolTipRole:
            return _("Target met") if line.progress.met else _("Target missed")
        return None


class StaffTableModel(KeysetTableModel):
    """Retraining and professional-development programmes, the latest first. (The provider is not shown:
    the service does not store it yet.)"""

    COLUMN_COUNT = 5

    def __init__(self, parent=None):
        super().__init__(staff_development, StaffDevelopmentQuery(), parent)

    def headers(self) -> list[str]:
        return [_("Start"), _("Title"), _("Topic"), _("Format"), _("Participants")]

    def display(self, row: StaffDevelopmentRow, column: int) -> str:
        if column == ST_START:
            return formatting.format_date(row.start_date)
        if column == ST_TITLE:
            return row.title
        if column == ST_TOPIC:
            topic = label(TOPIC_LABELS, row.topic)
            return _("{label}: {detail}").format(label=topic, detail=row.topic_detail) if row.topic_detail else topic
        if column == ST_FORMAT:
            return label(FORMAT_LABELS, row.delivery)
        if column == ST_PARTICIPANTS:
            return formatting.format_number(row.participants)
        return ""

    def sort_value(self, row: StaffDevelopmentRow, column: int) -> Any:
        return {ST_START: row.start_date, ST_TITLE: row.title, ST_TOPIC: row.topic,
                ST_FORMAT: row.delivery, ST_PARTICIPANTS: row.participants}[column]
