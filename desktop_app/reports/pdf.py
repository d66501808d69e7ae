"""The PDF writer: cover page, table of contents, header, "page X of Y", DRAFT watermark.

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
from reportlab.platypus import BaseDocTemplate, CondPageBreak, Frame, PageBreak, PageTemplate, Spacer

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
    KeyValueBlock,
    SectionHeading,
    TableOfContents,
    TextBlock,
)

MARGIN = 18 * mm


class ReportCanvas(Canvas):
    """A canvas that defines the per-page footer and the contents' page numbers when saved."""

    footer_text = staticmethod(lambda page, total: f"{page} / {total}")
    rtl = False

    def __init__(self, *args, **kwargs):
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
    def __init__(self, path: str, document: m.Document, progress: Progress, **kwargs):
        super().__init__(path, pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN + 6 * mm,
                         bottomMargin=MARGIN, title=document.title, author=document.options.coordinator,
                         lang=document.options.lang, **kwargs)
        self.document = document
        self.progress = progress
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
        if page > 1 or not document.cover:
            if not canvas.hasForm("header"):
                canvas.beginForm("header")
                canvas.setFillColor(MUTED)
                top = A4[1] - MARGIN + 2
                line = tl.shape_line(document.header, 8, False, tl.base_is_rtl(document.header, document.rtl))
                tl.draw_line(canvas, line, MARGIN, top, A4[0] - 2 * MARGIN, 8, "start")
                canvas.setStrokeColor(RULE)
                canvas.setLineWidth(0.5)
                canvas.line(MARGIN, top - 4, A4[0] - MARGIN, top - 4)
                canvas.endForm()
            canvas.doForm("header")
        canvas.doForm(f"pg{page}")

    def afterPage(self):  # noqa: N802 - reportlab naming
        page = self.canv.getPageNumber()
        total = max(page, self.estimated_pages)
        self.progress.report(page, total, self.tr.gettext(N_("Page {page} written")).format(page=page))
        self.progress.check_cancelled()


def story(document: m.Document) -> list:
    rtl = document.rtl
    tr = translator(document.options.lang)
    flowables: list = []
    if document.cover:
        flowables += [Spacer(1, 60 * mm), TextBlock(document.title, size=24, bold=True, rtl=rtl, space_after=10)]
        if document.subtitle:
            flowables.append(TextBlock(document.subtitle, size=13, rtl=rtl, color=MUTED, space_after=18))
        for line in document.cover_lines:
            flowables.append(TextBlock(line, size=10.5, rtl=rtl, space_after=5, align="right" if rtl else "left"))
        flowables.append(PageBreak())
    sections = [block.text for block in document.blocks if isinstance(block, m.Heading) and block.level == 1]
    if document.table_of_contents and sections:
        flowables += [TableOfContents(tr.gettext(N_("Contents")), sections, rtl), PageBreak()]
    section = 0
    for block in document.blocks:
        if isinstance(block, m.Heading):
            index = section if block.level == 1 else None
            section += block.level == 1
            # Keep a heading with the start of what follows (reportlab's keepWithNext cannot hold our
            # table, which reports itself too tall to be split page by page).
            flowables.append(CondPageBreak(110 if block.level == 1 else 40))
            flowables.append(SectionHeading(block.text, block.level, index, rtl))
        elif isinstance(block, m.Text):
            note = block.style == "note"
            flowables.append(TextBlock(block.text, size=8.5 if note else 10, rtl=rtl, color=MUTED if note else INK,
                                       align="right" if rtl else "left"))
        elif isinstance(block, m.KeyValues):
            flowables.append(KeyValueBlock(block.items, rtl))
        elif isinstance(block, m.Table):
            if block.rows:
                flowables.append(GridTable(block.columns, block.rows, rtl, highlight=block.highlight))
            else:
                flowables.append(TextBlock(tr.gettext(N_("Nothing recorded.")), size=9, rtl=rtl, color=MUTED))
        elif isinstance(block, m.Chart):
            if any(block.values):
                flowables.append(ChartBlock(block, rtl))
        elif isinstance(block, m.YearPlanner):
            from desktop_app.reports.pdf_planner import YearPlannerBlock

            flowables.append(YearPlannerBlock(block, rtl))
        elif isinstance(block, m.PageBreak):
            flowables.append(PageBreak())
    return flowables


def write_pdf(document: m.Document, path: Path | str, progress: Progress = NO_PROGRESS) -> None:
    tr = translator(document.options.lang)

    class _Canvas(ReportCanvas):
        rtl = document.rtl

        @staticmethod
        def footer_text(page: int, total: int) -> str:
            from desktop_app.i18n.formatting import format_number

            lang = document.options.lang
            return tr.gettext(N_("Page {page} of {total}")).format(page=format_number(page, lang),
                                                               total=format_number(total, lang))

    template = _Template(str(path), document, progress, invariant=0)
    template.build(story(document), canvasmaker=_Canvas)
