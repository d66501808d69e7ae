"""The year planner: each partner's periods in parallel across an academic year, with the common
teaching windows, mobility windows and conflicts of the joint calendar.

What is drawn is computed first into a plain :class:`PlannerModel` (rows, bars, bands, legend), so
tests check exactly what the user sees without reading pixels; ``paintEvent`` only draws the model.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from desktop_app.domain.calendars import JointCalendar, PeriodKind, academic_year_bounds, kind_title
from desktop_app.i18n import N_, _, formatting
from desktop_app.ui.common.dates import span_text

KIND_COLOURS = {
    PeriodKind.TEACHING: "#4c8bd6",
    PeriodKind.EXAMS: "#e08a2c",
    PeriodKind.BREAK: "#8fcf8f",
    PeriodKind.HOLIDAY: "#c48fd6",
    PeriodKind.REGISTRATION: "#f2d45c",
    PeriodKind.THESIS_DEFENCE: "#8d5a3b",
    PeriodKind.ORIENTATION: "#5cc6c9",
    PeriodKind.NOMINATION_DEADLINE: "#d64545",
    PeriodKind.OTHER: "#b0b0b0",
}
BAND_COLOURS = {
    "common_teaching": "#2e7d32",
    "mobility": "#1565c0",
    "common_break": "#7cb342",
    "conflict": "#c62828",
}
BAND_TITLES = {
    "common_teaching": N_("Common teaching window"),
    "mobility": N_("Mobility window"),
    "common_break": N_("Common break"),
    "conflict": N_("Conflict"),
}


@dataclass(frozen=True)
class Bar:
    row: int
    kind: str
    start: dt.date
    end: dt.date
    label: str


@dataclass(frozen=True)
class Band:
    """A span drawn on the joint row (and, for conflicts, outlined on the partners' rows)."""

    kind: str  # common_teaching | mobility | common_break | conflict
    start: dt.date
    end: dt.date
    label: str
    rows: tuple[int, ...] = ()


@dataclass
class PlannerModel:
    year: str = ""
    first_day: dt.date | None = None
    last_day: dt.date | None = None
    rows: list[str] = field(default_factory=list)
    bars: list[Bar] = field(default_factory=list)
    bands: list[Band] = field(default_factory=list)
    months: list[tuple[dt.date, str]] = field(default_factory=list)
    weeks: list[dt.date] = field(default_factory=list)  # the Mondays, drawn as ticks under the months
    legend: list[tuple[str, str, str]] = field(default_factory=list)  # (key, title, colour)

    def conflicts(self) -> list[Band]:
        return [band for band in self.bands if band.kind == "conflict"]


def build_model(joint: JointCalendar | None, system: str = "gregorian") -> PlannerModel:
    if joint is None:
        return PlannerModel()
    first, last = academic_year_bounds(joint.year)
    model = PlannerModel(joint.year, first, last, list(joint.calendars))
    index = {name: row for row, name in enumerate(model.rows)}
    for name, periods in joint.calendars.items():
        for period in periods:
            if period.end < first or period.start > last:
                continue
            model.bars.append(
                Bar(index[name], period.kind, max(period.start, first), min(period.end, last), period.label())
            )
    common = "common_teaching"
    for span in joint.common_teaching:
        model.bands.append(Band(common, span.start, span.end, _(BAND_TITLES[common])))
    for window in joint.windows:
        label = (
            _("Mobility window: students can join {host}").format(host=window.host)
            if window.host
            else _(BAND_TITLES[window.kind])
        )
        model.bands.append(
            Band(
                window.kind,
                window.span.start,
                window.span.end,
                label,
                (index[window.host],) if window.host else (),
            )
        )
    for conflict in joint.conflicts:
        model.bands.append(
            Band(
                "conflict",
                conflict.span.start,
                conflict.span.end,
                conflict.text(),
                (index[conflict.examining], index[conflict.attending]),
            )
        )
    month = first
    while month <= last:
        model.months.append((month, formatting.format_date(month, "LLL")))
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    monday = first + dt.timedelta(days=(7 - first.weekday()) % 7)
    model.weeks = [
        monday + dt.timedelta(weeks=n) for n in range(53) if monday + dt.timedelta(weeks=n) <= last
    ]
    used = {bar.kind for bar in model.bars}
    model.legend = [
        (kind.value, kind_title(kind), colour) for kind, colour in KIND_COLOURS.items() if kind in used
    ]
    bands = {band.kind for band in model.bands}
    model.legend += [
        (key, _(BAND_TITLES[key]), colour) for key, colour in BAND_COLOURS.items() if key in bands
    ]
    return model


class YearPlanner(QWidget):
    NAME_WIDTH, ROW_HEIGHT, HEADER, JOINT_ROWS, LEGEND = 220, 30, 26, 2, 56

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("yearPlanner")
        self.model = PlannerModel()
        self.joint: JointCalendar | None = None
        self.system = "gregorian"
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def set_joint(self, joint: JointCalendar | None, system: str = "gregorian") -> None:
        self.joint, self.system = joint, system
        self.model = build_model(joint, system)
        self.updateGeometry()
        self.update()

    def rebuild(self) -> None:  # the language changed: month names and labels
        self.set_joint(self.joint, self.system)

    def sizeHint(self) -> QSize:
        rows = len(self.model.rows) + self.JOINT_ROWS
        return QSize(900, self.HEADER + rows * self.ROW_HEIGHT + self.LEGEND + 10)

    def minimumSizeHint(self) -> QSize:
        return QSize(600, self.sizeHint().height())

    # -- geometry ------------------------------------------------------------------------------
    def _rtl(self) -> bool:
        return self.layoutDirection() == Qt.LayoutDirection.RightToLeft

    def _x(self, day: dt.date, end: bool = False) -> float:
        """Horizontal position of the start (or end) of a day; mirrored in right-to-left layouts."""
        m = self.model
        total = (m.last_day - m.first_day).days + 1
        offset = (day - m.first_day).days + (1 if end else 0)
        chart = self.width() - self.NAME_WIDTH - 8
        x = self.NAME_WIDTH + chart * offset / total
        return self.width() - x if self._rtl() else x

    def _span_rect(self, start: dt.date, end: dt.date, row: int, inset: float = 4) -> QRectF:
        x1, x2 = self._x(start), self._x(end, end=True)
        top = self.HEADER + row * self.ROW_HEIGHT + inset
        return QRectF(min(x1, x2), top, max(2.0, abs(x2 - x1)), self.ROW_HEIGHT - 2 * inset)

    def _joint_row(self) -> int:
        return len(self.model.rows)

    # -- painting ------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.base())
        m = self.model
        if not m.rows:
            painter.setPen(palette.text().color())
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter,
                _("Choose a programme or universities and a year to see their calendars side by side."),
            )
            return
        text_colour = palette.text().color()
        grid = QColor(text_colour)
        grid.setAlpha(40)
        bottom = self.HEADER + (len(m.rows) + self.JOINT_ROWS) * self.ROW_HEIGHT
        for index, (day, label) in enumerate(m.months):
            x = self._x(day)
            next_day = (
                m.months[index + 1][0] if index + 1 < len(m.months) else m.last_day + dt.timedelta(days=1)
            )
            x2 = self._x(next_day - dt.timedelta(days=1), end=True)
            painter.setPen(QPen(grid))
            painter.drawLine(QPointF(x, self.HEADER - 4), QPointF(x, bottom))
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(min(x, x2), 2, abs(x2 - x), self.HEADER - 6), Qt.AlignmentFlag.AlignCenter, label
            )
        for monday in m.weeks:
            x = self._x(monday)
            painter.setPen(QPen(grid))
            painter.drawLine(QPointF(x, self.HEADER - 4), QPointF(x, self.HEADER))
        names = [*m.rows, _("Common windows"), _("Conflicts")]
        bold = QFont(self.font())
        bold.setBold(True)
        for row, name in enumerate(names):
            top = self.HEADER + row * self.ROW_HEIGHT
            painter.setPen(QPen(grid))
            painter.drawLine(QPointF(0, top), QPointF(self.width(), top))
            rect = QRectF(
                self.width() - self.NAME_WIDTH + 6 if self._rtl() else 6,
                top,
                self.NAME_WIDTH - 12,
                self.ROW_HEIGHT,
            )
            painter.setPen(text_colour)
            painter.setFont(bold if row >= len(m.rows) else self.font())
            elided = painter.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, int(rect.width()))
            painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeading, elided)
        painter.setFont(self.font())
        for bar in m.bars:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(KIND_COLOURS.get(PeriodKind(bar.kind), "#b0b0b0")))
            painter.drawRoundedRect(self._span_rect(bar.start, bar.end, bar.row), 3, 3)
        joint_row = self._joint_row()
        for band in m.bands:
            colour = QColor(BAND_COLOURS[band.kind])
            if band.kind == "conflict":
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(QPen(colour, 2))
                for row in band.rows:
                    painter.drawRect(self._span_rect(band.start, band.end, row, inset=1))
                painter.setPen(Qt.PenStyle.NoPen)
                painter.setBrush(colour)
                painter.drawRect(self._span_rect(band.start, band.end, joint_row + 1, inset=6))
            else:
                painter.setPen(Qt.PenStyle.NoPen)
                brush = QBrush(
                    colour,
                    Qt.BrushStyle.BDiagPattern if band.kind == "mobility" else Qt.BrushStyle.SolidPattern,
                )
                painter.setBrush(brush)
                painter.drawRect(
                    self._span_rect(
                        band.start, band.end, joint_row, inset=6 if band.kind == "mobility" else 9
                    )
                )
        self._paint_legend(painter, bottom + 8, text_colour)

    def _paint_legend(self, painter: QPainter, top: float, text_colour: QColor) -> None:
        x, y = 6.0, top
        metrics = painter.fontMetrics()
        for _key, title, colour in self.model.legend:
            width = 18 + metrics.horizontalAdvance(title) + 16
            if x + width > self.width():
                x, y = 6.0, y + 20
            box = QRectF(self.width() - x - 12 if self._rtl() else x, y + 3, 12, 12)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(colour))
            painter.drawRect(box)
            painter.setPen(text_colour)
            text_rect = QRectF(self.width() - x - width + 4 if self._rtl() else x + 16, y, width - 18, 18)
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeading, title)
            x += width

    # -- tooltips ------------------------------------------------------------------------------
    def items_at(self, x: float, y: float) -> list[str]:
        m = self.model
        if not m.rows:
            return []
        row = int((y - self.HEADER) // self.ROW_HEIGHT)
        texts = []
        for bar in m.bars:
            if bar.row == row and self._span_rect(bar.start, bar.end, row, 0).contains(QPointF(x, y)):
                texts.append(f"{bar.label}: {span_text(bar.start, bar.end, self.system)}")
        for band in m.bands:
            rows = band.rows if band.kind == "conflict" else ()
            hit_rows = (*rows, self._joint_row(), self._joint_row() + 1)
            if row in hit_rows and self._span_rect(band.start, band.end, row, 0).contains(QPointF(x, y)):
                texts.append(f"{band.label}: {span_text(band.start, band.end, self.system)}")
        return texts

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            texts = self.items_at(
                event.position().x() if hasattr(event, "position") else event.pos().x(),
                event.position().y() if hasattr(event, "position") else event.pos().y(),
            )
            if texts:
                QToolTip.showText(event.globalPos(), "\n".join(dict.fromkeys(texts)), self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
