"""Text of every script set on a page: font per run, bidi order, wrapping in logical order."""

from __future__ import annotations

import subprocess

from desktop_app.reports import fonts
from desktop_app.reports import textlayout as tl
from desktop_app.reports.model import ReportOptions
from desktop_app.reports.registry import build_report


def _texts(line):
    return [str(segment.text) if not hasattr(segment.text, "__shapeData__") else "<shaped>"
            for segment in line.segments]


def test_each_script_gets_its_font():
    runs = fonts.face_runs("Қазақ 北京 دانشگاه עברית ไทย ខ្មែរ हिन्दी বাংলা සිංහල 서울")
    faces = [face for face, text in runs if text.strip()]
    assert faces == ["latin", "cjk", "arabic", "hebrew", "thai", "khmer", "devanagari", "bengali", "sinhala", "cjk"]


def test_mixed_direction_line_is_ordered_visually():
    # Left-to-right paragraph: English first (left). A number after Persian text belongs to the
    # right-to-left run (Unicode rule W2), so as in any browser it is drawn to the left of the Persian words.
    line = tl.shape_line("University of Tehran — دانشگاه تهران — 2024", 10)
    assert not line.rtl
    texts = [str(segment.text) for segment in line.segments]
    assert texts[0].startswith("University of Tehran")
    assert line.segments[-1].font == "cica-arabic"
    assert texts.index("2024") < len(texts) - 1
    # Right-to-left paragraph: the first logical word is drawn rightmost, the Latin phrase keeps its order.
    line = tl.shape_line("دانشگاه شریف (Sharif University) 1345", 10)
    assert line.rtl
    texts = [str(segment.text) for segment in line.segments]
    latin = next(t for t in texts if "Sharif" in t)
    assert "Sharif University" in latin
    assert texts.index(latin) > texts.index(next(t for t in texts if "1345" in t))


def test_symbols_missing_from_the_script_font_come_from_a_font_that_has_them():
    runs = fonts.face_runs("ایران → قزاقستان • ۱")
    arrow = next(face for face, text in runs if "→" in text)
    bullet = next(face for face, text in runs if "•" in text)
    assert ord("→") in fonts._coverage(arrow) and ord("•") in fonts._coverage(bullet)


def test_academic_year_in_a_persian_line_stays_one_number():
    # Unicode rule W4: "2026/2027" is one number, not "2027/2026", inside right-to-left text.
    line = tl.shape_line("سال تحصیلی 2026/2027", 10, False, True)
    texts = [str(segment.text) for segment in line.segments]
    assert "".join(texts[:2]) == "2026/2027" and line.segments[-1].font == "cica-arabic"


def test_persian_paragraph_wraps_in_logical_order():
    words = ["دانشگاه", "تهران", "قدیمی\u200cترین", "دانشگاه", "مدرن", "ایران", "است", "که", "در", "سال", "۱۳۱۳",
             "تأسیس", "شد"]
    lines = tl.wrap(" ".join(words), 120, 10)
    assert len(lines) > 1
    assert " ".join(lines).split() == words  # nothing lost, nothing reordered across lines


def test_pdf_embeds_a_font_per_script(report_db, tmp_path):
    path = build_report(report_db, "university-dossier", "pdf", tmp_path / "d.pdf",
                        ReportOptions(lang="zh", university_id=report_db.multi_id))
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    for name in ("NotoSans-", "NotoNaskhArabic", "NotoSansHebrew", "NotoSansThai", "NotoSansDevanagari",
                 "WenQuanYi"):
        assert name in listing, name
