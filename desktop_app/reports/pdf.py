"""The PDF writer: title block (or, for a long report, cover page and table of contents), running header,
"page X of Y", DRAFT watermark.

A report shorter than ``LONG_REPORT_PAGES`` opens with a compact title block on its first page; a
longer one gets a cover and, when the kind asks, a table of contents. The length is known only once
the report is laid out, so a report is first written compact and written again with a cover only
when it turns out long (a long register is recognised from its rows and written once).

"Page X of Y" and the table of contents' page numbers are not known while pages are drawn; each
page refers to a small PDF form ("Do /pgN") that is defined once the last page is done. So the
report is laid out in one pass and memory does not grow with the page count (the usual
``NumberedCanvas`` recipe keeps every page's content in memory until the end).
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate, Spacer

from desktop_app.domain.progress import NO_PROGRESS, Progress
from desktop_app.i18n import N_, translator
from desktop_app.reports import model as m
from desktop_app.reports import textlayout as tl
from desktop_app.reports.pdf_flowables import (
    INK,
    MUTED,
    RULE,
    ChartBlock,
    GridTable,
    KeepWithNext,
    KeyValueBlock,
    SectionHeading,
    TableOfContents,
    TextBlock,
    chart_tells_something,
)

MARGIN = 18 * mm
HEADER_SPACE = 10 * mm
#: From this many pages a report gets a cover page (and its table of contents, when the kind has one).
LONG_REPORT_PAGES = 6
#: Table rows from which a report is surely long (about 40 rows fill a page): written once, with its cover.
SURELY_LONG_ROWS = 40 * LONG_REPORT_PAGES * 2


class ReportCanvas(Canvas):
    """A canvas that defines the per-page footer and the contents' page numbers when saved."""

    footer_text = staticmethod(lambda page, total: f"{page} / {total}")
    rtl = False

    def __init__(self, *args, **kwargs):
        from desktop_app.reports import fonts

        # reportlab starts every page in Helvetica, which would be referenced but not embedded.
        kwargs["initialFontName"] = kwargs.get("initialFontName") or fonts.initial_font()
        super().__init__(*args, **kwargs)
        self.toc_pages: dict[int, int] = {}
        self.pages_done = 0

    def showPage(self):  # noqa: N802 - reportlab naming
        self.pages_done += 1
        super().showPage()

    def save(self):
        total = self.pages_done
        width = A4[0] - 2 * MARGIN
        for page in range(1, total + 1):
            self.beginForm(f"pg{page}")
            self.setFillColor(MUTED)
            text = self.footer_text(page, total)
            line = tl.shape_line(text, 8, False, tl.base_is_rtl(text, self.rtl))
            tl.draw_line(self, line, MARGIN, MARGIN * 0.5, width, 8, "center")
            self.endForm()
        for index, page in self.toc_pages.items():
            self.beginForm(f"toc{index}")
            self.setFillColor(INK)
            line = tl.shape_line(str(page), 10, False, False)
            tl.draw_line(self, line, 0, 0, 36, 10, "left" if self.rtl else "right")
            self.endForm()
        super().save()


class _Template(BaseDocTemplate):
    def __init__(self, path: str, document: m.Document, progress: Progress, with_cover: bool, **kwargs):
        super().__init__(path, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + HEADER_SPACE,
                         bottomMargin=MARGIN, title=document.title, author=document.options.coordinator,
                         lang=document.options.lang, **kwargs)
        self.document = document
        self.progress = progress
        self.with_cover = with_cover
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])
        self.tr = translator(document.options.lang)
        # A guess for the progress bar only (about 40 table rows a page, plus cover and contents).
        rows = sum(len(block.rows) for block in document.blocks if isinstance(block, m.Table))
        self.estimated_pages = 2 + rows // 40 + sum(isinstance(b, m.Chart) for b in document.blocks) // 2

    def _decorate(self, canvas: Canvas, doc) -> None:
        page = canvas.getPageNumber()
        document = self.document
        if document.options.draft:
            if not canvas.hasForm("watermark"):
                canvas.beginForm("watermark")
                canvas.saveState()
                canvas.setFillColor(colors.HexColor("#f6dcdc"))  # drawn under the text: no transparency needed
                canvas.translate(A4[0] / 2, A4[1] / 2)
                canvas.rotate(45)
                text = self.tr.gettext(N_("DRAFT"))
                line = tl.shape_line(text, 96, True, document.rtl)
                tl.draw_line(canvas, line, -line.width / 2, -30, line.width, 96, "left")
                canvas.restoreState()
                canvas.endForm()
            canvas.doForm("watermark")
        if page > 1 or not self.with_cover:
            if not canvas.hasForm("header"):
                self._header_form(canvas)
            canvas.doForm("header")
        canvas.doForm(f"pg{page}")

    def _header_form(self, canvas: Canvas) -> None:
        """The running header: the network and the report's title; member state, coordinator and period."""
        document = self.document
        canvas.beginForm("header")
        width = A4[0] - 2 * MARGIN
        top = A4[1] - MARGIN + 2
        align = "right" if document.rtl else "left"
        writer = tl.TextWriter(canvas, MUTED)
        for number, text in enumerate(part for part in (document.header, document.header_detail) if part):
            lines = tl.layout(text, width, 7.5, number == 0, document.rtl, document.options.lang)
            tl.draw_line(canvas, lines[0], MARGIN, top - number * 10, width, 7.5, align, writer)
        writer.finish()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, top - 14, A4[0] - MARGIN, top - 14)
        canvas.endForm()

    def afterPage(self):  # noqa: N802 - reportlab naming
        page = self.canv.getPageNumber()
        total = max(page, self.estimated_pages)
        self.progress.report(page, total, self.tr.gettext(N_("Page {page} written")).format(page=page))
        self.progress.check_cancelled()


class TitleBlock(Flowable):
    """The opening of a short report: title, subtitle and the report's particulars, then a rule."""

    def __init__(self, document: m.Document):
        super().__init__()
        lang, rtl = document.options.lang, document.rtl
        self.parts = [TextBlock(document.title, size=17, bold=True, rtl=rtl, space_after=2, lang=lang)]
        if document.subtitle:
            self.parts.append(TextBlock(document.subtitle, size=10.5, rtl=rtl, color=MUTED, space_after=4, lang=lang))
        for line in document.cover_lines:
            self.parts.append(TextBlock(line, size=8, rtl=rtl, color=MUTED, space_after=0, lang=lang,
                                        align="right" if rtl else "left"))
        self.spaceAfter = 10

    def wrap(self, avail_width, avail_height):
        self.width = avail_width
        self.heights = [part.wrap(avail_width, avail_height)[1] + part.getSpaceAfter() for part in self.parts]
        self.height = sum(self.heights) + 8
        return self.width, self.height

    def draw(self):
        y = self.height
        for part, height in zip(self.parts, self.heights, strict=False):
            y -= height
            part.drawOn(self.canv, 0, y + part.getSpaceAfter())
        self.canv.setStrokeColor(RULE)
        self.canv.setLineWidth(0.6)
        self.canv.line(0, 2, self.width, 2)


def _chart_in_words(tr, chart: m.Chart, lang: str) -> str:
    """A chart that would show no difference, said in one sentence: "Agreements by kind: Memorandum 3"."""
    from desktop_app.i18n.formatting import format_list

    values = chart.value_labels or [str(v) for v in chart.values]
    items = [f"{tl_isolate(label)} {tl_isolate(value)}" for label, value in zip(chart.labels, values, strict=False)]
    return f"{chart.title}: {format_list(items, lang)}"


def tl_isolate(value: str) -> str:
    from desktop_app.reports.unicode_text import isolate

    return isolate(value)


def story(document: m.Document, with_cover: bool) -> list:
    rtl = document.rtl
    lang = document.options.lang
    tr = translator(lang)
    flowables: list = []
    if with_cover:
        flowables += [Spacer(1, 60 * mm), TextBlock(document.title, size=24, bold=True, rtl=rtl, space_after=10,
                                                    lang=lang)]
        if document.subtitle:
            flowables.append(TextBlock(document.subtitle, size=13, rtl=rtl, color=MUTED, space_after=18, lang=lang))
        for line in document.cover_lines:
            flowables.append(TextBlock(line, size=10.5, rtl=rtl, space_after=5, align="right" if rtl else "left",
                                       lang=lang))
        flowables.append(PageBreak())
        sections = [block.text for block in document.blocks if isinstance(block, m.Heading) and block.level == 1]
        if document.table_of_contents and sections:
            flowables += [TableOfContents(tr.gettext(N_("Contents")), sections, rtl), PageBreak()]
    else:
        flowables.append(TitleBlock(document))
    section = 0
    pending_heading = None
    for block in document.blocks:
        flowable = None
        if isinstance(block, m.Heading):
            index = section if block.level == 1 else None
            section += block.level == 1
            flowable = SectionHeading(block.text, block.level, index, rtl, lang)
        elif isinstance(block, m.Text):
            note = block.style == "note"
            flowable = TextBlock(block.text, size=8.5 if note else 10, rtl=rtl, color=MUTED if note else INK,
                                 align="right" if rtl else "left", lang=lang)
        elif isinstance(block, m.KeyValues):
            flowable = KeyValueBlock(block.items, rtl, lang=lang)
        elif isinstance(block, m.Table):
            if block.rows:
                flowable = GridTable(block.columns, block.rows, rtl, highlight=block.highlight, lang=lang)
            else:
                flowable = TextBlock(tr.gettext(N_("Nothing recorded.")), size=9, rtl=rtl, color=MUTED, lang=lang)
        elif isinstance(block, m.Chart):
            if chart_tells_something(block):
                flowable = ChartBlock(block, rtl, lang)
            elif block.values:
                flowable = TextBlock(_chart_in_words(tr, block, lang), size=9, rtl=rtl, lang=lang,
                                     align="right" if rtl else "left")
        elif isinstance(block, m.YearPlanner):
            from desktop_app.reports.pdf_planner import YearPlannerBlock

            flowable = YearPlannerBlock(block, rtl)
        elif isinstance(block, m.PageBreak):
            flowable = PageBreak()
        if flowable is None:
            continue
        if pending_heading is not None:
            # A heading never ends a page: it goes to the next page unless what follows starts beside it.
            heading, pending_heading = pending_heading, None
            following = None if isinstance(flowable, (PageBreak, SectionHeading)) else flowable
            flowables += [KeepWithNext(heading, following), heading]
        if isinstance(flowable, SectionHeading):
            pending_heading = flowable
            continue
        flowables.append(flowable)
    if pending_heading is not None:
        flowables += [KeepWithNext(pending_heading, None), pending_heading]
    return flowables


def write_pdf(document: m.Document, path: Path | str, progress: Progress = NO_PROGRESS) -> None:
    from reportlab.graphics import shapes

    from desktop_app.reports import fonts, pdf_unicode

    pdf_unicode.install()
    # reportlab graphics (charts, the year planner) start from Helvetica even when they draw no text,
    # which would put a font that is not embedded into the PDF.
    shapes.STATE_DEFAULTS["fontName"] = fonts.initial_font()
    tr = translator(document.options.lang)

    class _Canvas(ReportCanvas):
        rtl = document.rtl

        @staticmethod
        def footer_text(page: int, total: int) -> str:
            from desktop_app.i18n.formatting import format_number

            lang = document.options.lang
            return tr.gettext(N_("Page {page} of {total}")).format(page=format_number(page, lang),
                                                               total=format_number(total, lang))

    rows = sum(len(block.rows) for block in document.blocks if isinstance(block, m.Table))
    surely_long = document.cover and rows >= SURELY_LONG_ROWS
    template = _Template(str(path), document, progress, surely_long, invariant=0)
    template.build(story(document, surely_long), canvasmaker=_Canvas)
    if document.cover and not surely_long and template.canv.pages_done >= LONG_REPORT_PAGES:
        template = _Template(str(path), document, progress, True, invariant=0)
        template.build(story(document, True), canvasmaker=_Canvas)
