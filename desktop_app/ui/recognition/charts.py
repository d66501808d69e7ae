"""A bar chart drawn with QPainter: plain or stacked bars, an axis with round steps, a legend, and every
figure formatted by CLDR in the interface language.

Colours come from the Okabe-Ito palette, which readers with any common colour-vision deficiency can
tell apart; each series also keeps its place in the stack and the legend, so colour is never the only
clue.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from desktop_app.i18n import formatting

#: Okabe & Ito (2008), "Color Universal Design": orange, sky blue, bluish green, yellow, blue,
#: vermillion, reddish purple.
OKABE_ITO = {"orange": "#E69F00", "sky_blue": "#56B4E9", "bluish_green": "#009E73", "yellow": "#F0E442",
             "blue": "#0072B2", "vermillion": "#D55E00", "reddish_purple": "#CC79A7"}


@dataclass(frozen=True)
class Series:
    name: str
    colour: str  # one of OKABE_ITO's values
    values: tuple[float, ...]


def nice_step(largest: float, steps: int = 4) -> float:
    """A round step (1, 2 or 5 times a power of ten) dividing 0..largest into about ``steps`` parts."""
    if largest <= 0:
        return 1.0
    raw = largest / steps
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if raw <= factor * power:
            return max(factor * power, 1.0)
    return 10 * power


class BarChart(QWidget):
    """Bars per category; with ``stacked`` the series pile up, and the total stands above each bar."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.title = ""
        self.categories: list[str] = []
        self.series: list[Series] = []
        self.stacked = True
        self.empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(180)

    def set_data(self, title: str, categories: list[str], series: list[Series], stacked: bool = True,
                 empty_text: str = "") -> None:
        self.title, self.categories, self.series = title, list(categories), list(series)
        self.stacked, self.empty_text = stacked, empty_text
        self.setAccessibleName(title)
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt naming
        return QSize(420, 240)

    def totals(self) -> list[float]:
        return [sum(s.values[i] for s in self.series) for i in range(len(self.categories))]

    def _largest(self) -> float:
        if not self.categories or not self.series:
            return 0.0
        if self.stacked:
            return max(self.totals())
        return max(max(s.values) for s in self.series)

    # painting ---------------------------------------------------------------------------------------
    def paintEvent(self, _event) -> None:  # noqa: N802 - Qt naming
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        text_colour = palette.color(QPalette.ColorRole.Text)
        grid_colour = palette.color(QPalette.ColorRole.Mid)
        font = QFont(self.font())
        metrics = QFontMetrics(font)
        line = metrics.height()
        area = QRectF(self.rect()).adjusted(8, 6, -8, -6)
        title_font = QFont(font)
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.setPen(text_colour)
        painter.drawText(QRectF(area.left(), area.top(), area.width(), line + 2),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter, self.title)
        painter.setFont(font)
        top = area.top() + line + 8
        largest = self._largest()
        if largest <= 0:
            painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(QRectF(area.left(), top, area.width(), area.bottom() - top),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.empty_text)
            painter.end()
            return
        legend_height = self._paint_legend(painter, area, metrics, text_colour) if len(self.series) > 1 else 0
        step = nice_step(largest)
        ceiling = step * math.ceil(largest / step)
        ticks = [step * i for i in range(int(round(ceiling / step)) + 1)]
        axis_width = max(metrics.horizontalAdvance(formatting.format_number(t)) for t in ticks) + 8
        plot = QRectF(area.left() + axis_width, top + line, area.width() - axis_width,
                      area.bottom() - legend_height - line - 4 - (top + line))
        if plot.height() < 20 or plot.width() < 20:
            painter.end()
            return
        for tick in ticks:  # horizontal grid lines with their figures
            y = plot.bottom() - plot.height() * tick / ceiling
            painter.setPen(QPen(grid_colour, 0.6, Qt.PenStyle.DotLine if tick else Qt.PenStyle.SolidLine))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text_colour)
            painter.drawText(QRectF(area.left(), y - line / 2, axis_width - 6, line),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             formatting.format_number(tick))
        slot = plot.width() / len(self.categories)
        groups = 1 if self.stacked else len(self.series)
        bar = min(slot * 0.7, 60.0) / groups
        for index, category in enumerate(self.categories):
            left = plot.left() + slot * index + (slot - bar * groups) / 2
            base = plot.bottom()
            for number, series in enumerate(self.series):
                value = series.values[index]
                height = plot.height() * value / ceiling
                x = left if self.stacked else left + bar * number
                y = base - height if self.stacked else plot.bottom() - height
                painter.fillRect(QRectF(x, y, bar, height), QColor(series.colour))
                if self.stacked:
                    base -= height
                else:
                    self._figure(painter, x, y, bar, value, metrics, text_colour)
            if self.stacked:
                self._figure(painter, left, base, bar, self.totals()[index], metrics, text_colour)
            painter.setPen(text_colour)
            self._category(painter, category, QRectF(plot.left() + slot * index, plot.bottom() + 2, slot, line))
        painter.end()

    def _category(self, painter: QPainter, text: str, room: QRectF) -> None:
        """A category's name under its bar: smaller type when it is wider than the bar's slot, cut only
        as a last resort."""
        font = QFont(self.font())
        size = font.pointSizeF()
        while QFontMetrics(font).horizontalAdvance(text) > room.width() - 2 and font.pointSizeF() > size * 0.75:
            font.setPointSizeF(font.pointSizeF() - 0.5)
        painter.setFont(font)
        shown = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, int(room.width()) - 2)
        painter.drawText(room, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, shown)
        painter.setFont(self.font())

    @staticmethod
    def _figure(painter: QPainter, x: float, top: float, width: float, value: float, metrics: QFontMetrics,
                colour: QColor) -> None:
        if not value:
            return
        text = formatting.format_number(value)
        painter.setPen(colour)
        wide = max(width, metrics.horizontalAdvance(text) + 4)
        painter.drawText(QRectF(x + width / 2 - wide / 2, top - metrics.height() - 1, wide, metrics.height()),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, text)

    def _paint_legend(self, painter: QPainter, area: QRectF, metrics: QFontMetrics, colour: QColor) -> float:
        """The series' swatches and names in rows at the bottom, in reading order; answers its height."""
        line = metrics.height()
        entries = [(s, metrics.horizontalAdvance(s.name) + line + 14) for s in self.series]
        rows: list[list[tuple[Series, int]]] = [[]]
        used = 0
        for entry in entries:
            if rows[-1] and used + entry[1] > area.width():
                rows.append([])
                used = 0
            rows[-1].append(entry)
            used += entry[1]
        height = len(rows) * (line + 2)
        right_to_left = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        y = area.bottom() - height
        for row in rows:
            x = area.right() if right_to_left else area.left()
            for series, width in row:
                start = x - width if right_to_left else x
                swatch = QRectF(start + (width - line - 6 if right_to_left else 0), y + 3, line - 6, line - 6)
                painter.fillRect(swatch, QColor(series.colour))
                painter.setPen(colour)
                text_left = start if right_to_left else start + line
                painter.drawText(QRectF(text_left, y, width - line - 6, line),
                                 (Qt.AlignmentFlag.AlignRight if right_to_left else Qt.AlignmentFlag.AlignLeft)
                                 | Qt.AlignmentFlag.AlignVCenter, series.name)
                x = start if right_to_left else x + width
            y += line + 2
        return height + 4
