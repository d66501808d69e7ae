"""How fast a long PDF register is written, beside a raw reportlab canvas in the same run.

    /work/main/.venv/bin/python benchmarks/reports_bench.py [--pages 1000]

Builds a synthetic university register of about ``--pages`` pages through the real report engine
(cover, header, "page X of Y" forms, per-script fonts, bidi and shaping for the Persian names) and,
as the baseline, writes the same cell texts with ``canvas.drawString`` at fixed positions, with as
many rows per page as the engine fitted (so both write the same text on the same number of pages).
Each build runs in its own process so its peak memory (ru_maxrss) can be compared; the
memory check repeats both at a quarter of the pages: growth beyond the raw canvas's own growth would
mean the engine keeps pages in memory. Not a test: it prints figures and exits.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ROWS_PER_PAGE = 42  # what the engine fits on an A4 page at 8.5 pt; the raw baseline uses the same


def synthetic_rows(count: int):
    from desktop_app.services.report_data import RegisterRow

    codes = ["CN", "IR", "KZ", "KG", "RU", "TR", "UZ", "TH", "MN", "KR"]
    names = ["Al-Farabi Kazakh National University", "Евразийский национальный университет им. Л. Н. Гумилёва",
             "Қорқыт Ата атындағы Қызылорда университеті", "دانشگاه صنعتی شریف", "清华大学 Tsinghua University",
             "Middle East Technical University", "National University of Mongolia", "Chulalongkorn University"]
    for n in range(count):
        yield RegisterRow(n, codes[n % len(codes)], f"{names[n % len(names)]} {n}", "City " + str(n % 97),
                          "", "member", "active", f"0{n:08d}"[:9], 1900 + n % 120)


def engine_build(pages: int, out: str) -> dict:
    from desktop_app.domain.progress import NO_PROGRESS
    from desktop_app.i18n import translator
    from desktop_app.reports.kinds.university_register import register_table
    from desktop_app.reports.model import Document, Heading, ReportOptions
    from desktop_app.reports.pdf import write_pdf
    from desktop_app.reports.registry import ReportContext

    options = ReportOptions(lang="en", state_code="KZ", coordinator="Benchmark")
    ctx = ReportContext(None, options, translator("en"), NO_PROGRESS)
    rows = list(synthetic_rows(pages * ROWS_PER_PAGE))
    started = time.perf_counter()
    table = register_table(ctx, rows)
    document = Document("University register", options, header="Kazakhstan · Benchmark", cover=False)
    document.add(Heading("University register"), table)
    write_pdf(document, out, NO_PROGRESS)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "pages": _page_count(out), "rows": len(rows)}


def raw_build(pages: int, out: str, rows_per_page: int = ROWS_PER_PAGE) -> dict:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from desktop_app.reports import fonts

    fonts.register_fonts()
    regular = fonts.font_name("latin")
    rows = list(synthetic_rows(pages * ROWS_PER_PAGE))
    widths = [1.3, 3.2, 1.2, 1.2, 1.3, 1.1, 0.8]
    xs, x = [], 51.0
    for w in widths:
        xs.append(x)
        x += 493 * w / sum(widths)
    started = time.perf_counter()
    canvas = Canvas(out, pagesize=A4)
    for start in range(0, len(rows), rows_per_page):
        canvas.setFont(regular, 8)
        canvas.drawString(51, A4[1] - 45, "Kazakhstan · Benchmark")
        y = A4[1] - 70
        for row in rows[start:start + rows_per_page]:
            canvas.setFont(regular, 8.5)
            for cell, cx in zip((row.country_code, row.display_name, row.city, "Member", "Active", row.ror_id,
                                 str(row.established)), xs, strict=True):
                canvas.drawString(cx, y, cell)
            y -= 17
        canvas.drawCentredString(A4[0] / 2, 25, f"Page {canvas.getPageNumber()}")
        canvas.showPage()
    canvas.save()
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "pages": _page_count(out), "rows": len(rows)}


def _page_count(path: str) -> int:
    """Pages counted from the page objects (no PDF library needed)."""
    data = Path(path).read_bytes()
    return data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(b"/Type /Page>")


def _run(kind: str, pages: int, queue, rows_per_page: int) -> None:
    out = tempfile.mktemp(suffix=".pdf")
    try:
        try:
            result = engine_build(pages, out) if kind == "engine" else raw_build(pages, out, rows_per_page)
        except BaseException as error:  # tell the parent instead of leaving it waiting
            queue.put({"error": repr(error)})
            raise
        result["maxrss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        result["bytes"] = os.path.getsize(out)
        queue.put(result)
    finally:
        if os.path.exists(out):
            os.unlink(out)


def measure(kind: str, pages: int, rows_per_page: int = ROWS_PER_PAGE) -> dict:
    queue = multiprocessing.get_context("fork").Queue()
    process = multiprocessing.get_context("fork").Process(target=_run, args=(kind, pages, queue, rows_per_page))
    process.start()
    result = queue.get()
    process.join()
    if "error" in result:
        raise SystemExit(f"{kind} build failed: {result['error']}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    figures = {}
    for pages in (args.pages // 4, args.pages):
        rows_per_page = ROWS_PER_PAGE
        for kind in ("engine", "raw"):
            result = measure(kind, pages, rows_per_page)
            # Long names wrap onto two lines, so the engine fits fewer rows on a page; the raw canvas
            # then puts the same number of rows on each page, so both write the same text on as many pages.
            rows_per_page = -(-result["rows"] // result["pages"])
            result["pages_per_second"] = result["pages"] / result["seconds"]
            figures[f"{kind}-{pages}"] = result
            print(f"{kind:6s} target {pages:5d} pages: {result['pages']:5d} pages in {result['seconds']:6.1f} s "
                  f"= {result['pages_per_second']:6.1f} pages/s, peak RSS {result['maxrss_mb']:.0f} MB, "
                  f"{result['bytes'] / 1e6:.1f} MB file", flush=True)
    big, small = args.pages, args.pages // 4
    ratio = figures[f"engine-{big}"]["pages_per_second"] / figures[f"raw-{big}"]["pages_per_second"]
    engine_growth = figures[f"engine-{big}"]["maxrss_mb"] - figures[f"engine-{small}"]["maxrss_mb"]
    raw_growth = figures[f"raw-{big}"]["maxrss_mb"] - figures[f"raw-{small}"]["maxrss_mb"]
    print(f"engine / raw canvas speed at {big} pages: {ratio:.2f}x (target >= 0.5x)")
    print(f"peak RSS growth {small}->{big} pages: engine {engine_growth:.0f} MB, raw canvas {raw_growth:.0f} MB")
    print(json.dumps({"ratio": round(ratio, 3), "engine_growth_mb": round(engine_growth),
                      "raw_growth_mb": round(raw_growth)}))


if __name__ == "__main__":
    main()
