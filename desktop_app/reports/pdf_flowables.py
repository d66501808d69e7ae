"""Platypus flowables that set every text through :mod:`textlayout` (never Paragraph markup).

``GridTable`` is the register's workhorse: it lays out only the rows of the page being filled and
hands the rest on by index, so a 1,000-page register costs the same per page as a 10-page one
(a single reportlab LongTable lays out every row again for each page).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.platypus import Flowable

from desktop_app.reports import textlayout as tl
from desktop_app.reports.model import Chart, Column

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
RULE = colors.HexColor("#9aa5b1")
HEADER_FILL = colors.HexColor("#e4e7eb")
STRIPE_FILL = colors.HexColor("#f5f7fa")
HIGHLIGHT_FILL = colors.HexColor("#fde8c8")  # rows that need attention (agreements about to expire)
PALETTE = [colors.HexColor(c) for c in ("#2f6f9f", "#e07b39", "#3f9b5b", "#b84a62", "#7d5ba6", "#c9a227",
                                        "#4aa3a2", "#8c6d46", "#5c7cfa", "#9e9e9e")]


class TextBlock(Flowable):
    """A wrapped paragraph in any script; splits between lines."""

    def __init__(self, text: str, size: float = 10, bold: bool = False, rtl: bool = False, leading: float | None = None,
                 color=INK, space_before: float = 0, space_after: float = 4, align: str = "start",
                 lines: list[tl.Line] | None = None):
        super().__init__()
        self.text, self.size, self.bold, self.rtl = text, size, bold, rtl
        self.leading = leading or size * 1.35
        self.color, self.align = color, align
        self.spaceBefore, self.spaceAfter = space_before, space_after
        self._lines = lines
        self._width = 0.0

    def _layout(self, width: float) -> list[tl.Line]:
        if self._lines is None or self._width != width:
            direction = tl.base_is_rtl(self.text, self.rtl) if self.text else self.rtl
            self._lines = tl.layout(self.text, width, self.size, self.bold, direction)
            self._width = width
        return self._lines

    def wrap(self, avail_width, avail_height):
        lines = self._layout(avail_width)
        self.width = avail_width
        self.height = len(lines) * self.leading
        return self.width, self.height

    def split(self, avail_width, avail_height):
        lines = self._layout(avail_width)
        fit = int(avail_height // self.leading)
        if fit <= 0 or fit >= len(lines):
            return []
        first = TextBlock(self.text, self.size, self.bold, self.rtl, self.leading, self.color, self.spaceBefore, 0,
                          self.align, lines[:fit])
        rest = TextBlock(self.text, self.size, self.bold, self.rtl, self.leading, self.color, 0, self.spaceAfter,
                         self.align, lines[fit:])
        first._width = rest._width = avail_width
        return [first, rest]

    def draw(self):
        self.canv.setFillColor(self.color)
        y = self.height - self.size
        for line in self._lines or []:
            tl.draw_line(self.canv, line, 0, y, self.width, self.size, self.align)
            y -= self.leading


class SectionHeading(TextBlock):
    """A heading that records its page for the table of contents and the PDF outline."""

    def __init__(self, text: str, level: int, index: int | None, rtl: bool):
        size = 15 if level == 1 else 11
        super().__init__(text, size=size, bold=True, rtl=rtl, space_before=10 if level == 1 else 5,
                         space_after=6 if level == 1 else 3)
        self.level, self.index = level, index

    def split(self, avail_width, avail_height):
        return []  # headings never split

    def draw(self):
        super().draw()
        canvas = self.canv
        key = f"h{id(self)}"
        canvas.bookmarkPage(key)
        canvas.addOutlineEntry(self.text, key, level=self.level - 1)
        if self.index is not None:
            canvas.toc_pages[self.index] = canvas.getPageNumber()


class KeyValueBlock(Flowable):
    """Label–value pairs in two columns (mirrored for right-to-left reports)."""

    def __init__(self, items: Sequence[tuple[str, str]], rtl: bool, size: float = 9):
        super().__init__()
        self.items, self.rtl, self.size = list(items), rtl, size
        self.leading = size * 1.3
        self.spaceAfter = 6
        self._rows: list[tuple[list[tl.Line], list[tl.Line], float]] = []

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.label_width = avail_width * 0.3
        self.value_width = avail_width - self.label_width - 8
        self._rows = []
        for label, value in self.items:
            labels = tl.layout(label, self.label_width, self.size, True, self.rtl)
            # Data without letters (phone numbers, ranks, years) reads left to right even in a
            # right-to-left report.
            values = tl.layout(value or "—", self.value_width, self.size, False, tl.base_is_rtl(value, False))
            self._rows.append((labels, values, max(len(labels), len(values)) * self.leading + 2))
        self.height = sum(row[2] for row in self._rows)
        return self.width, self.height

    def split(self, avail_width, avail_height):
        self.wrap(avail_width, avail_height)
        used, count = 0.0, 0
        for _labels, _values, height in self._rows:
            if used + height > avail_height:
                break
            used, count = used + height, count + 1
        if count == 0 or count == len(self.items):
            return []
        return [KeyValueBlock(self.items[:count], self.rtl, self.size),
                KeyValueBlock(self.items[count:], self.rtl, self.size)]

    def draw(self):
        canvas = self.canv
        y = self.height
        label_x, value_x = (self.width - self.label_width, 0) if self.rtl else (0, self.label_width + 8)
        align = "right" if self.rtl else "left"
        for labels, values, height in self._rows:
            line_y = y - self.size
            canvas.setFillColor(MUTED)
            for line in labels:
                tl.draw_line(canvas, line, label_x, line_y, self.label_width, self.size, align)
                line_y -= self.leading
            line_y = y - self.size
            canvas.setFillColor(INK)
            for line in values:
                tl.draw_line(canvas, line, value_x, line_y, self.value_width, self.size, align)
                line_y -= self.leading
            y -= height


class GridTable(Flowable):
    """Rows of text under a repeated header row; lays out and draws one page's rows at a time."""

    size = 8.5
    pad = 3.0

    def __init__(self, columns: Sequence[Column], rows: Sequence[Sequence[str]], rtl: bool, start: int = 0,
                 stop: int | None = None, highlight: frozenset[int] = frozenset()):
        super().__init__()
        self.columns, self.rows, self.rtl = list(columns), rows, rtl
        self.highlight = highlight
        self.start = start
        self.stop = len(rows) if stop is None else stop
        self.leading = self.size * 1.3
        self.spaceAfter = 8
        self._laid: list[tuple[list[list[tl.Line]], float]] = []
        self._header: tuple[list[list[tl.Line]], float] | None = None
        self._fits_all = False
        self._laid_for: tuple[float, float] | None = None  # (width, height) the rows were laid out for
        self._prelaid: tuple[float, tuple, list] | None = None  # rows laid out by the table we split from

    def _widths(self, avail_width: float) -> list[float]:
        total = sum(c.weight for c in self.columns) or 1
        return [avail_width * c.weight / total for c in self.columns]

    def _layout_row(self, cells: Sequence[str], widths: list[float], bold: bool) -> tuple[list[list[tl.Line]], float]:
        laid = []
        for text, width in zip(cells, widths, strict=True):
            text = "" if text is None else str(text)
            laid.append(tl.layout(text, width - 2 * self.pad, self.size, bold, tl.base_is_rtl(text, False))
                        if text else [])
        lines = max((len(cell) for cell in laid), default=1) or 1
        return laid, lines * self.leading + 2 * self.pad

    def wrap(self, avail_width, avail_height):
        # Platypus calls wrap, split and wrap again on the pieces: lay each row out only once.
        if self._prelaid is not None and self._prelaid[0] == avail_width:
            _w, self._header, self._laid = self._prelaid
            self._col_widths = self._widths(avail_width)
            self.width, self._fits_all, self._laid_for = avail_width, True, (avail_width, avail_height)
            self.height = self._header[1] + sum(row[1] for row in self._laid)
            return self.width, self.height
        if self._laid_for == (avail_width, avail_height):
            return self.width, self.height
        self._laid_for = (avail_width, avail_height)
        self.width = avail_width
        self._col_widths = self._widths(avail_width)
        self._header = self._layout_row([c.title for c in self.columns], self._col_widths, True)
        used = self._header[1]
        self._laid = []
        index = self.start
        while index < self.stop:
            row = self._layout_row(self.rows[index], self._col_widths, False)
            if used + row[1] > avail_height and self._laid:
                break
            self._laid.append(row)
            used += row[1]
            index += 1
            if used > avail_height:
                break
        self._fits_all = index >= self.stop and used <= avail_height
        self.height = used if self._fits_all else avail_height + 1  # too tall: platypus will split us
        return self.width, self.height

    def split(self, avail_width, avail_height):
        self.wrap(avail_width, avail_height)
        if self._fits_all:
            return [self]
        count = len(self._laid)
        if count == 0 or sum(row[1] for row in self._laid) + self._header[1] > avail_height:
            return []
        first = GridTable(self.columns, self.rows, self.rtl, self.start, self.start + count, self.highlight)
        first._prelaid = (avail_width, self._header, self._laid)
        first.spaceAfter = 0
        rest = GridTable(self.columns, self.rows, self.rtl, self.start + count, self.stop, self.highlight)
        return [first, rest]

    def draw(self):
        canvas = self.canv
        widths = self._col_widths
        order = list(range(len(widths)))
        xs: list[float] = []
        x = 0.0
        for i in (reversed(order) if self.rtl else order):
            xs.append(x)
            x += widths[i]
        positions = dict(zip(reversed(order) if self.rtl else order, xs, strict=True))
        rows = [self._header, *self._laid]
        # Backgrounds and rules first, then all text of the page in one text object.
        y = self.height
        for number, (_cells, height) in enumerate(rows):
            if number and self.start + number - 1 in self.highlight:
                canvas.setFillColor(HIGHLIGHT_FILL)
                canvas.rect(0, y - height, self.width, height, stroke=0, fill=1)
            elif number == 0 or number % 2 == 0:
                canvas.setFillColor(HEADER_FILL if number == 0 else STRIPE_FILL)
                canvas.rect(0, y - height, self.width, height, stroke=0, fill=1)
            y -= height
            if number == 0:
                canvas.setStrokeColor(RULE)
                canvas.setLineWidth(0.6)
                canvas.line(0, y, self.width, y)
        writer = tl.TextWriter(canvas)
        writer.set_color(INK)
        y = self.height
        for cells, height in rows:
            for i, lines in enumerate(cells):
                # Figures (and their header) at the column's end, the other cells at its start.
                if self.columns[i].numeric:
                    align = "left" if self.rtl else "right"
                else:
                    align = "right" if self.rtl else "start"
                line_y = y - self.pad - self.size
                for line in lines:
                    tl.draw_line(canvas, line, positions[i] + self.pad, line_y, widths[i] - 2 * self.pad, self.size,
                                 align, writer)
                    line_y -= self.leading
            y -= height
        writer.finish()


class ChartBlock(Flowable):
    """A bar or pie chart drawn with reportlab graphics; labels are set by :mod:`textlayout`."""

    def __init__(self, chart: Chart, rtl: bool):
        super().__init__()
        self.chart, self.rtl = chart, rtl
        self.spaceBefore, self.spaceAfter = 4, 10
        count = max(1, len(chart.labels))
        self.height = 22 + (count * 16 + 10 if chart.kind == "bar" else max(150, count * 14 + 10))

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        return self.width, self.height

    def _value_label(self, index: int) -> str:
        labels = self.chart.value_labels
        return labels[index] if labels else str(self.chart.values[index])

    def draw(self):
        from reportlab.graphics import renderPDF
        from reportlab.graphics.shapes import Drawing

        canvas = self.canv
        chart = self.chart
        canvas.setFillColor(INK)
        title = tl.shape_line(chart.title, 10.5, True, tl.base_is_rtl(chart.title, self.rtl))
        tl.draw_line(canvas, title, 0, self.height - 12, self.width, 10.5, "right" if self.rtl else "left")
        body_height = self.height - 22
        if not chart.values or not any(chart.values):
            return
        if chart.kind == "bar":
            from reportlab.graphics.charts.barcharts import HorizontalBarChart

            label_width = self.width * 0.38
            plot_width = self.width - label_width - 60
            drawing = Drawing(plot_width, body_height)
            bars = HorizontalBarChart()
            bars.x, bars.y, bars.width, bars.height = 0, 5, plot_width, body_height - 10
            bars.data = [list(reversed(chart.values))]
            bars.categoryAxis.visible = False
            bars.categoryAxis.labels.visible = False
            bars.valueAxis.visible = False
            bars.valueAxis.valueMin = 0
            bars.valueAxis.valueMax = max(chart.values) or 1
            bars.bars[0].fillColor = PALETTE[0]
            bars.bars[0].strokeColor = None
            bars.barSpacing, bars.groupSpacing = 0, 4
            drawing.add(bars)
            plot_x = 0 + 50 if self.rtl else label_width + 6
            if self.rtl:  # bars grow from the right in a right-to-left report
                canvas.saveState()
                canvas.translate(plot_x + plot_width, 0)
                canvas.scale(-1, 1)
                renderPDF.draw(drawing, canvas, 0, 0)
                canvas.restoreState()
            else:
                renderPDF.draw(drawing, canvas, plot_x, 0)
            step = (body_height - 10) / len(chart.values)
            peak = max(chart.values) or 1
            for i, label in enumerate(chart.labels):
                y = body_height - 5 - (i + 0.5) * step - 3
                line = tl.shape_line(label, 8.5, False, tl.base_is_rtl(label, self.rtl))
                canvas.setFillColor(INK)
                if self.rtl:
                    tl.draw_line(canvas, line, self.width - label_width, y, label_width, 8.5, "right")
                else:
                    tl.draw_line(canvas, line, 0, y, label_width, 8.5, "right")
                bar_end = plot_width * chart.values[i] / peak
                value = tl.shape_line(self._value_label(i), 8.5, False, False)
                if self.rtl:
                    tl.draw_line(canvas, value, plot_x + plot_width - bar_end - 4 - value.width, y, value.width, 8.5)
                else:
                    tl.draw_line(canvas, value, plot_x + bar_end + 4, y, value.width, 8.5)
        else:
            from reportlab.graphics.charts.piecharts import Pie

            size = min(140.0, body_height - 10)
            drawing = Drawing(size, size)
            pie = Pie()
            pie.x = pie.y = 0
            pie.width = pie.height = size
            pie.data = list(chart.values)
            pie.labels = None
            pie.slices.strokeColor = colors.white
            for i in range(len(chart.values)):
                pie.slices[i].fillColor = PALETTE[i % len(PALETTE)]
            drawing.add(pie)
            pie_x = self.width - size if self.rtl else 0
            renderPDF.draw(drawing, canvas, pie_x, body_height - size - 5)
            legend_x = 0 if self.rtl else size + 20
            legend_width = self.width - size - 20
            y = body_height - 14
            for i, label in enumerate(chart.labels):
                canvas.setFillColor(PALETTE[i % len(PALETTE)])
                swatch_x = legend_x + legend_width - 9 if self.rtl else legend_x
                canvas.rect(swatch_x, y, 9, 9, stroke=0, fill=1)
                canvas.setFillColor(INK)
                text = f"{label} — {self._value_label(i)}"
                line = tl.shape_line(text, 9, False, tl.base_is_rtl(text, self.rtl))
                if self.rtl:
                    tl.draw_line(canvas, line, legend_x, y + 1, legend_width - 14, 9, "right")
                else:
                    tl.draw_line(canvas, line, legend_x + 14, y + 1, legend_width - 14, 9, "left")
                y -= 14


class TableOfContents(Flowable):
    """Entries with page numbers that are filled in as forms once the whole report is laid out."""

    def __init__(self, title: str, entries: list[str], rtl: bool):
        super().__init__()
        self.title, self.entries, self.rtl = title, entries, rtl
        self.leading = 16
        self.height = 30 + len(entries) * self.leading

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        canvas.setFillColor(INK)
        tl.draw_line(canvas, tl.shape_line(self.title, 15, True, self.rtl), 0, self.height - 15, self.width, 15)
        y = self.height - 40
        slot = 36
        for index, entry in enumerate(self.entries):
            line = tl.shape_line(entry, 10, False, tl.base_is_rtl(entry, self.rtl))
            if self.rtl:
                tl.draw_line(canvas, line, slot, y, self.width - slot, 10, "right")
                canvas.saveState()
                canvas.translate(0, y)
            else:
                tl.draw_line(canvas, line, 0, y, self.width - slot, 10, "left")
                canvas.saveState()
                canvas.translate(self.width - slot, y)
            canvas.doForm(f"toc{index}")
            canvas.restoreState()
            y -= self.leading
