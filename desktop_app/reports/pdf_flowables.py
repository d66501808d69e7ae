"""Platypus flowables that set every text through :mod:`textlayout` (never Paragraph markup).

``GridTable`` is the register's workhorse: it lays out only the rows of the page being filled and
hands the rest on by index, so a 1,000-page register costs the same per page as a 10-page one
(a single reportlab LongTable lays out every row again for each page).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, Flowable

from desktop_app.domain import palette
from desktop_app.reports import textlayout as tl
from desktop_app.reports.model import Chart, Column
from desktop_app.reports.pdf_columns import column_widths

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#52606d")
RULE = colors.HexColor("#9aa5b1")
HEADER_FILL = colors.HexColor("#e4e7eb")
STRIPE_FILL = colors.HexColor("#f5f7fa")
HIGHLIGHT_FILL = colors.HexColor("#fde8c8")  # rows that need attention (agreements about to expire)
PALETTE = [colors.HexColor(c) for c in palette.CHART]


class TextBlock(Flowable):
    """A wrapped paragraph in any script; splits between lines."""

    def __init__(self, text: str, size: float = 10, bold: bool = False, rtl: bool = False, leading: float | None = None,
                 color=INK, space_before: float = 0, space_after: float = 4, align: str = "start",
                 lines: list[tl.Line] | None = None, lang: str = "en"):
        super().__init__()
        self.text, self.size, self.bold, self.rtl, self.lang = text, size, bold, rtl, lang
        self.leading = leading or size * 1.35
        self.color, self.align = color, align
        self.spaceBefore, self.spaceAfter = space_before, space_after
        self._lines = lines
        self._width = 0.0

    def _layout(self, width: float) -> list[tl.Line]:
        if self._lines is None or self._width != width:
            direction = tl.base_is_rtl(self.text, self.rtl) if self.text else self.rtl
            self._lines = tl.layout(self.text, width, self.size, self.bold, direction, self.lang)
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
                          self.align, lines[:fit], self.lang)
        rest = TextBlock(self.text, self.size, self.bold, self.rtl, self.leading, self.color, 0, self.spaceAfter,
                         self.align, lines[fit:], self.lang)
        first._width = rest._width = avail_width
        return [first, rest]

    def start_height(self, avail_width: float) -> float:
        """The least of this block worth starting a page with (two lines)."""
        return min(2, len(self._layout(avail_width))) * self.leading

    def draw(self):
        self.canv.setFillColor(self.color)
        writer = tl.TextWriter(self.canv, self.color)
        y = self.height - self.size
        for line in self._lines or []:
            tl.draw_line(self.canv, line, 0, y, self.width, self.size, self.align, writer)
            y -= self.leading
        writer.finish()


class SectionHeading(TextBlock):
    """A heading that records its page for the table of contents and the PDF outline."""

    def __init__(self, text: str, level: int, index: int | None, rtl: bool, lang: str = "en"):
        size = 15 if level == 1 else 11
        super().__init__(text, size=size, bold=True, rtl=rtl, space_before=10 if level == 1 else 5,
                         space_after=6 if level == 1 else 3, lang=lang)
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

    def __init__(self, items: Sequence[tuple[str, str]], rtl: bool, size: float = 9, lang: str = "en"):
        super().__init__()
        self.items, self.rtl, self.size, self.lang = list(items), rtl, size, lang
        self.leading = size * 1.3
        self.spaceAfter = 6
        self._rows: list[tuple[list[tl.Line], list[tl.Line], float]] = []

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.label_width = avail_width * 0.3
        self.value_width = avail_width - self.label_width - 8
        self._rows = []
        for label, value in self.items:
            labels = tl.layout(label, self.label_width, self.size, True, self.rtl, self.lang)
            # Data without letters (phone numbers, ranks, years) reads left to right even in a
            # right-to-left report.
            values = tl.layout(value or "—", self.value_width, self.size, False, tl.base_is_rtl(value, False),
                               self.lang)
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
        return [KeyValueBlock(self.items[:count], self.rtl, self.size, self.lang),
                KeyValueBlock(self.items[count:], self.rtl, self.size, self.lang)]

    def start_height(self, avail_width: float) -> float:
        self.wrap(avail_width, 10_000)
        return sum(row[2] for row in self._rows[:2])

    def draw(self):
        canvas = self.canv
        y = self.height
        label_x, value_x = (self.width - self.label_width, 0) if self.rtl else (0, self.label_width + 8)
        align = "right" if self.rtl else "left"
        labels_writer, values_writer = tl.TextWriter(canvas, MUTED), tl.TextWriter(canvas, INK)
        for labels, values, height in self._rows:
            line_y = y - self.size
            for line in labels:
                tl.draw_line(canvas, line, label_x, line_y, self.label_width, self.size, align, labels_writer)
                line_y -= self.leading
            line_y = y - self.size
            for line in values:
                tl.draw_line(canvas, line, value_x, line_y, self.value_width, self.size, align, values_writer)
                line_y -= self.leading
            y -= height
        labels_writer.finish()
        values_writer.finish()


def keep_figures_together(text: str) -> str:
    """A short cell with a figure ("Sep 1, 2022", "60 days", "Q2–Q3 2024") is never broken across lines."""
    if len(text) <= 18 and " " in text and "\n" not in text and any(c.isdigit() for c in text):
        return text.replace(" ", "\u00a0")
    return text


class GridTable(Flowable):
    """Rows of text under a repeated header row; lays out and draws one page's rows at a time.

    Column widths come from the columns' content (:mod:`pdf_columns`), computed once for the whole
    table and handed to the pieces it is split into, so a column keeps its width from page to page."""

    size = 8.5
    pad = 3.0

    def __init__(self, columns: Sequence[Column], rows: Sequence[Sequence[str]], rtl: bool, start: int = 0,
                 stop: int | None = None, highlight: frozenset[int] = frozenset(), lang: str = "en",
                 widths: tuple[float, list[float]] | None = None):
        super().__init__()
        self.columns, self.rows, self.rtl, self.lang = list(columns), rows, rtl, lang
        self.highlight = highlight
        self.start = start
        self.stop = len(rows) if stop is None else stop
        self.leading = self.size * 1.3
        self.spaceAfter = 8
        self._widths_for = widths  # (available width, column widths)
        self._laid: list[tuple[list[list[tl.Line]], float]] = []
        self._header: tuple[list[list[tl.Line]], float] | None = None
        self._fits_all = False
        self._laid_for: tuple[float, float] | None = None  # (width, height) the rows were laid out for
        self._prelaid: tuple[float, tuple, list] | None = None  # rows laid out by the table we split from

    def _widths(self, avail_width: float) -> list[float]:
        if self._widths_for is None or self._widths_for[0] != avail_width:
            self._widths_for = (avail_width, column_widths(self.columns, self.rows, avail_width, self.size,
                                                           self.pad, self.lang))
        return self._widths_for[1]

    def _layout_row(self, cells: Sequence[str], widths: list[float], bold: bool) -> tuple[list[list[tl.Line]], float]:
        laid = []
        for text, width in zip(cells, widths, strict=False):
            text = keep_figures_together("" if text is None else str(text))
            laid.append(tl.layout(text, width - 2 * self.pad, self.size, bold, tl.base_is_rtl(text, False), self.lang)
                        if text else [])
        lines = max((len(cell) for cell in laid), default=1) or 1
        return laid, lines * self.leading + 2 * self.pad

    def start_height(self, avail_width: float) -> float:
        """The header row and the first two rows: the least of a table worth starting a page with."""
        widths = self._widths(avail_width)
        height = self._layout_row([c.title for c in self.columns], widths, True)[1]
        for index in range(self.start, min(self.stop, self.start + 2)):
            height += self._layout_row(self.rows[index], widths, False)[1]
        return height

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
        first = GridTable(self.columns, self.rows, self.rtl, self.start, self.start + count, self.highlight,
                          self.lang, self._widths_for)
        first._prelaid = (avail_width, self._header, self._laid)
        first.spaceAfter = 0
        rest = GridTable(self.columns, self.rows, self.rtl, self.start + count, self.stop, self.highlight,
                         self.lang, self._widths_for)
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
        positions = dict(zip(reversed(order) if self.rtl else order, xs, strict=False))
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
        writer = tl.TextWriter(canvas, INK)
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


class KeepWithNext(CondPageBreak):
    """Starts a new page unless a heading and the start of what follows it fit on this one."""

    def __init__(self, heading: Flowable, following: Flowable | None):
        super().__init__(0)
        self.heading, self.following = heading, following

    def wrap(self, availWidth, availHeight):  # noqa: N803 - reportlab naming
        need = self.heading.wrap(availWidth, availHeight)[1] + self.heading.getSpaceBefore() + \
            self.heading.getSpaceAfter()
        following = self.following
        if following is not None:
            start = getattr(following, "start_height", None)
            need += following.getSpaceBefore() + (start(availWidth) if start else
                                                  following.wrap(availWidth, availHeight)[1])
        self.height = min(need, availHeight + 1) if need <= self._frame_height() else 0
        return super().wrap(availWidth, availHeight)

    def _frame_height(self) -> float:
        frame = self._doctemplateAttr("frame")
        return frame._height if frame is not None else 1e9  # noqa: SLF001


def chart_tells_something(chart: Chart) -> bool:
    """A chart is drawn only when it shows a difference: not for one value, nor when every value is equal
    (the report then states the figures in a sentence instead, see ``pdf.story``)."""
    values = [v for v in chart.values if v]
    return len(chart.values) >= 2 and len(values) >= 1 and len(set(chart.values)) > 1


class ChartBlock(Flowable):
    """A bar or pie chart drawn with reportlab graphics; labels are set by :mod:`textlayout` and wrapped to
    stay inside the page. Colours from the colour-blind-safe palette shared with the screens."""

    LABEL = 8.5

    def __init__(self, chart: Chart, rtl: bool, lang: str = "en"):
        super().__init__()
        self.chart, self.rtl, self.lang = chart, rtl, lang
        self.spaceBefore, self.spaceAfter = 4, 10
        self._labels: list[list[tl.Line]] = []

    def _value_label(self, index: int) -> str:
        labels = self.chart.value_labels
        return labels[index] if labels else str(self.chart.values[index])

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        leading = self.LABEL * 1.2
        if self.chart.kind == "bar":
            self.label_width = avail_width * 0.38
            self._labels = [tl.layout(label, self.label_width, self.LABEL, False,
                                      tl.base_is_rtl(label, self.rtl), self.lang)[:2] for label in self.chart.labels]
            self._steps = [max(16.0, len(lines) * leading + 5) for lines in self._labels]
            body = sum(self._steps) + 10
        else:
            self.legend_width = avail_width - 140 - 20 - 14
            self._labels = [tl.layout(f"{label} — {self._value_label(i)}", self.legend_width, 9, False,
                                      tl.base_is_rtl(label, self.rtl), self.lang)
                            for i, label in enumerate(self.chart.labels)]
            body = max(150.0, sum(max(14.0, len(lines) * 11 + 3) for lines in self._labels) + 10)
        self.height = 22 + body
        return self.width, self.height

    def draw(self):
        canvas = self.canv
        chart = self.chart
        canvas.setFillColor(INK)
        title = tl.shape_line(chart.title, 10.5, True, tl.base_is_rtl(chart.title, self.rtl))
        tl.draw_line(canvas, title, 0, self.height - 12, self.width, 10.5, "right" if self.rtl else "left")
        body_height = self.height - 22
        if chart.kind == "bar":
            self._draw_bars(canvas, body_height)
        else:
            self._draw_pie(canvas, body_height)

    def _draw_bars(self, canvas, body_height: float) -> None:
        chart = self.chart
        label_width = self.label_width
        value_room = max(tl.text_width(self._value_label(i), self.LABEL) for i in range(len(chart.values))) + 8
        plot_width = self.width - label_width - 8 - value_room
        plot_x = value_room if self.rtl else label_width + 8
        peak = max(chart.values) or 1
        writer = tl.TextWriter(canvas, INK)
        y_top = body_height - 5
        canvas.setFillColor(PALETTE[0])
        for i, step in enumerate(self._steps):
            bar = 10.0
            y = y_top - step / 2 - bar / 2
            length = max(plot_width * chart.values[i] / peak, 0.8 if chart.values[i] else 0)
            x = plot_x + plot_width - length if self.rtl else plot_x
            canvas.rect(x, y, length, bar, stroke=0, fill=1)
            lines = self._labels[i]
            first = y_top - step / 2 + (len(lines) - 1) * self.LABEL * 0.6 - self.LABEL * 0.35
            for n, line in enumerate(lines):
                label_x = self.width - label_width if self.rtl else 0
                tl.draw_line(canvas, line, label_x, first - n * self.LABEL * 1.2, label_width, self.LABEL,
                             "left" if self.rtl else "right", writer)
            value = tl.shape_line(self._value_label(i), self.LABEL, False, False)
            value_x = x - 4 - value.width if self.rtl else x + length + 4
            tl.draw_line(canvas, value, value_x, y + 1.5, value.width, self.LABEL, "left", writer)
            y_top -= step
        writer.finish()

    def _draw_pie(self, canvas, body_height: float) -> None:
        from reportlab.graphics import renderPDF
        from reportlab.graphics.charts.piecharts import Pie
        from reportlab.graphics.shapes import Drawing

        chart = self.chart
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
        y = body_height - 14
        writer = tl.TextWriter(canvas, INK)
        for i, lines in enumerate(self._labels):
            canvas.setFillColor(PALETTE[i % len(PALETTE)])
            swatch_x = legend_x + self.legend_width + 5 if self.rtl else legend_x
            canvas.rect(swatch_x, y, 9, 9, stroke=0, fill=1)
            for n, line in enumerate(lines):
                text_x = legend_x if self.rtl else legend_x + 14
                tl.draw_line(canvas, line, text_x, y + 1 - n * 11, self.legend_width, 9,
                             "right" if self.rtl else "left", writer)
            y -= max(14.0, len(lines) * 11 + 3)
        writer.finish()


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
        tl.draw_line(canvas, tl.shape_line(self.title, 15, True, self.rtl), 0, self.height - 15, self.width, 15,
                     "right" if self.rtl else "left")
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
