"""The year planner of a joint calendar, drawn with reportlab graphics: a row per partner, months across,
coloured periods, the computed rows (common windows, conflicts) below, and a legend. Months run from the
right in a right-to-left report."""

from __future__ import annotations

from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Line, Rect
from reportlab.lib import colors
from reportlab.platypus import Flowable

from desktop_app.reports import textlayout as tl
from desktop_app.reports.model import YearPlanner
from desktop_app.reports.pdf_flowables import INK, MUTED, RULE, STRIPE_FILL

TITLE = 10.5
LABEL = 7.5
ROW = 17.0
BAR = 10.0
HEADER = 14.0
LEGEND_ROW = 12.0


class YearPlannerBlock(Flowable):
    def __init__(self, planner: YearPlanner, rtl: bool):
        super().__init__()
        self.planner, self.rtl = planner, rtl
        self.spaceBefore, self.spaceAfter = 4, 10
        self._legend: list[list[tuple[str, tl.Line]]] = []

    def _layout_legend(self, width: float) -> None:
        lines: list[list[tuple[str, tl.Line]]] = [[]]
        used = 0.0
        for colour, title in self.planner.legend:
            line = tl.shape_line(title, LABEL, False, tl.base_is_rtl(title, self.rtl))
            need = 12 + line.width + 14
            if lines[-1] and used + need > width:
                lines.append([])
                used = 0.0
            lines[-1].append((colour, line))
            used += need
        self._legend = lines

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.label_width = avail_width * 0.27
        self.plot_width = avail_width - self.label_width - 6
        self._layout_legend(avail_width)
        self.height = TITLE + 8 + HEADER + len(self.planner.rows) * ROW + 8 + len(self._legend) * LEGEND_ROW
        return self.width, self.height

    def _x(self, day) -> float:
        """Left edge of ``day`` within the plot (which starts at 0)."""
        first, last = self.planner.first_day, self.planner.last_day
        total = (last - first).days + 1
        offset = (day - first).days / total * self.plot_width
        return self.plot_width - offset if self.rtl else offset

    def _span(self, start, end) -> tuple[float, float]:
        start, end = max(start, self.planner.first_day), min(end, self.planner.last_day)
        a = self._x(start)
        b = self._x(end) + (-1 if self.rtl else 1) * self.plot_width / ((self.planner.last_day -
                                                                         self.planner.first_day).days + 1)
        return min(a, b), max(abs(b - a), 0.8)  # a one-day span stays visible

    def draw(self):
        canvas = self.canv
        planner = self.planner
        plot_x = 0.0 if self.rtl else self.label_width + 6
        label_x = self.plot_width + 6 if self.rtl else 0.0
        top = self.height - TITLE - 8
        canvas.setFillColor(INK)
        title = tl.shape_line(planner.title, TITLE, True, tl.base_is_rtl(planner.title, self.rtl))
        tl.draw_line(canvas, title, 0, self.height - TITLE, self.width, TITLE, "right" if self.rtl else "left")

        grid_bottom = top - HEADER - len(planner.rows) * ROW
        drawing = Drawing(self.plot_width, top - grid_bottom)
        # Stripes behind alternate rows, month lines, then the coloured spans.
        for index in range(len(planner.rows)):
            y = top - HEADER - (index + 1) * ROW - grid_bottom
            if index % 2 == 0:
                drawing.add(Rect(0, y, self.plot_width, ROW, fillColor=STRIPE_FILL, strokeColor=None))
        separator = next((i for i, row in enumerate(planner.rows) if row.emphasis), None)
        for month, _name in planner.months:
            x = self._x(month)
            drawing.add(Line(x, 0, x, top - grid_bottom, strokeColor=RULE, strokeWidth=0.4))
        edge = self.plot_width if not self.rtl else 0
        drawing.add(Line(edge, 0, edge, top - grid_bottom, strokeColor=RULE, strokeWidth=0.4))
        if separator is not None:
            y = top - HEADER - separator * ROW - grid_bottom
            drawing.add(Line(0, y, self.plot_width, y, strokeColor=MUTED, strokeWidth=0.8))
        for index, row in enumerate(planner.rows):
            y = top - HEADER - (index + 1) * ROW - grid_bottom + (ROW - BAR) / 2
            for start, end, colour, _title in row.spans:
                if end < planner.first_day or start > planner.last_day:
                    continue
                x, width = self._span(start, end)
                drawing.add(Rect(x, y, width, BAR, fillColor=colors.HexColor(colour), strokeColor=colors.white,
                                 strokeWidth=0.3))
        renderPDF.draw(drawing, canvas, plot_x, grid_bottom)

        # Month names centred over their month, row labels beside the rows.
        canvas.setFillColor(MUTED)
        months = planner.months
        for i, (month, name) in enumerate(months):
            following = months[i + 1][0] if i + 1 < len(months) else None
            a = self._x(month)
            b = self._x(following) if following else (0 if self.rtl else self.plot_width)
            left, width = min(a, b), abs(b - a)
            line = tl.shape_line(name, LABEL, False, tl.base_is_rtl(name, self.rtl))
            tl.draw_line(canvas, line, plot_x + left, top - HEADER + 4, width, LABEL, "center")
        for index, row in enumerate(planner.rows):
            y = top - HEADER - (index + 1) * ROW
            lines = tl.layout(row.label, self.label_width, LABEL, row.emphasis, tl.base_is_rtl(row.label, self.rtl))
            lines = lines[:2]
            canvas.setFillColor(INK if not row.emphasis else MUTED)
            first_y = y + ROW / 2 - LABEL / 2 + (len(lines) - 1) * LABEL * 0.55
            for n, line in enumerate(lines):
                tl.draw_line(canvas, line, label_x, first_y - n * LABEL * 1.1, self.label_width, LABEL,
                             "right" if self.rtl else "left")

        # The legend: a swatch and a title for each colour, in lines.
        y = grid_bottom - 8 - LABEL
        for entries in self._legend:
            x = self.width if self.rtl else 0.0
            for colour, line in entries:
                canvas.setFillColor(colors.HexColor(colour))
                swatch_x = x - 9 if self.rtl else x
                canvas.rect(swatch_x, y - 1, 9, 8, stroke=0, fill=1)
                canvas.setFillColor(INK)
                if self.rtl:
                    tl.draw_line(canvas, line, x - 12 - line.width, y, line.width, LABEL, "left")
                    x -= 12 + line.width + 14
                else:
                    tl.draw_line(canvas, line, x + 12, y, line.width, LABEL, "left")
                    x += 12 + line.width + 14
            y -= LEGEND_ROW
