"""Every report kind in five languages, built once per language from the demo data and read back from the
PDF: words never divided without a hyphen, Persian searchable as typed, states in the reader's order,
every font embedded, Tamil printed."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from desktop_app.domain.universities import NameDraft, UniversityDraft
from desktop_app.exchange.demo import load_demo
from desktop_app.reports import registry
from desktop_app.reports import textlayout as tl
from desktop_app.reports import unicode_text as ut
from desktop_app.reports.hyphenation import points
from desktop_app.reports.model import Chart, Heading, KeyValues, ReportOptions, Table, Text, YearPlanner
from desktop_app.services import decisions, universities
from tests.reports.conftest import first_changed_learning_agreement
from tests.reports.test_report_outputs import KINDS

LANGUAGES = ["en", "ru", "kk", "fa", "zh"]
TAMIL_NAME = "யாழ்ப்பாணப் பல்கலைக்கழகம்"


@pytest.fixture(scope="module")
def demo(sqlite_template, tmp_path_factory):
    from desktop_app.services import curricula
    from desktop_app.storage.database import Database

    folder = tmp_path_factory.mktemp("typography")
    path = folder / "demo.sqlite3"
    shutil.copyfile(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    load_demo(db)
    db.jaffna = universities.create(db, UniversityDraft("LK", [
        NameDraft("University of Jaffna", "en", "display"), NameDraft(TAMIL_NAME, "ta", "official")],
        city="Jaffna", network_role="member", status="active", established=1974))
    db.programme = curricula.page(db).rows[0].id
    db.learning_agreement = first_changed_learning_agreement(db)
    db.folder = folder
    yield db
    db.close()


def options(db, kind: str, lang: str) -> ReportOptions:
    extra = {"university_id": db.jaffna} if kind == "university-dossier" else {}
    if kind == "joint-calendar":
        extra["programme_id"] = db.programme
    if kind == "learning-agreement":
        extra["learning_agreement_id"] = db.learning_agreement
    return ReportOptions(lang=lang, state_code="KZ", coordinator="Айгерім Сәтбаева", **extra)


@pytest.fixture(scope="module")
def built(demo):
    """{(kind, lang): (pdf path, gathered document)}: each report built once."""
    result = {}
    for lang in LANGUAGES:
        for kind in KINDS:
            path = demo.folder / f"{kind}-{lang}.pdf"
            registry.build_report(demo, kind, "pdf", path, options(demo, kind, lang))
            result[kind, lang] = (path, registry.gather(demo, kind, options(demo, kind, lang)))
    return Built(result, demo)


class Built(dict):
    """The built reports, and the database they were built from."""

    def __init__(self, reports: dict, db):
        super().__init__(reports)
        self.db = db


def document_words(document) -> set[str]:
    from desktop_app.i18n import translator

    footer = translator(document.options.lang).gettext("Page {page} of {total}")
    texts = [document.title, document.subtitle, document.header, document.header_detail, *document.cover_lines,
             footer, *(f"{n}-бет," for n in range(1, 9))]
    for block in document.blocks:
        if isinstance(block, (Heading, Text)):
            texts.append(block.text)
        elif isinstance(block, KeyValues):
            texts += [part for item in block.items for part in item]
        elif isinstance(block, Table):
            texts += [c.title for c in block.columns] + [str(cell) for row in block.rows for cell in row]
        elif isinstance(block, Chart):
            from desktop_app.reports.pdf import _chart_in_words

            texts += [block.title, *block.labels, *(block.value_labels or []),
                      _chart_in_words(None, block, document.options.lang)]
        elif isinstance(block, YearPlanner):
            texts += [block.title, *(name for _day, name in block.months), *(row.label for row in block.rows),
                      *(title for _colour, title in block.legend)]
    return {word for text in texts for word in ut.strip_controls(str(text)).split()}


def legal_pieces(words: set[str], lang: str) -> set[str]:
    """A word, or a piece of it that may stand at the start or end of a line: between line-break
    opportunities (after a hyphen, a slash …) or at a hyphenation point (the first part with its hyphen)."""
    pieces = set(words)
    for word in words:
        cuts = [0, *ut.line_breaks(word, lang)]
        pieces.update(word[a:b] for a in cuts for b in cuts if b > a)
        for point in points(word, lang):
            pieces.update((word[:point] + tl.HYPHEN, word[point:]))
            for other in points(word, lang):
                if other > point:
                    pieces.add(word[point:other] + tl.HYPHEN)
    return pieces


def _has_letter(word: str) -> bool:
    """Latin or Cyrillic letters: the scripts that divide words with hyphens (right-to-left and Indic
    words come out of pdfplumber in visual order; Persian is checked through pdftotext below)."""
    return any(c.isalpha() for c in word) and all(ord(c) < 0x0530 or 0x1E00 <= ord(c) <= 0x20CF for c in word)


def _is_cjk(word: str) -> bool:
    return any(0x2E80 <= ord(c) <= 0x9FFF or 0xAC00 <= ord(c) <= 0xD7AF for c in word)


@pytest.mark.parametrize("lang", ["en", "ru", "kk", "zh"])
def test_no_line_ends_inside_a_word_without_a_hyphen(built, lang):
    import pdfplumber

    broken = []
    for kind in KINDS:
        path, document = built[kind, lang]
        pieces = legal_pieces(document_words(document), lang)
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                for word in page.extract_words(x_tolerance=1.5, keep_blank_chars=False):
                    text = word["text"]
                    if not _has_letter(text) or _is_cjk(text) or text.endswith(tl.HYPHEN):
                        continue
                    if text not in pieces:
                        broken.append((kind, text))
    assert not broken, broken[:20]


def test_persian_words_are_never_cut(built):
    broken = []
    for kind in KINDS:
        path, document = built[kind, "fa"]
        known = {run for w in document_words(document) for run in _persian_runs(w)}
        # pdftotext sets the raised parts of the lam-alef ligature apart, as it does raised marks.
        known |= {piece for run in list(known) for piece in run.split("لا") if piece} | {"لا"}
        for run in _persian_runs(_pdftotext(path)):
            if run not in known:
                broken.append((kind, run))
    assert not broken, broken[:20]


def _persian_runs(text: str) -> list[str]:
    """Runs of Arabic-script letters (marks left out: pdftotext puts a raised mark on a line of its own)."""
    return re.findall(r"[\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff]+", _without_marks(text))


def _without_marks(word: str) -> str:
    word = unicodedata.normalize("NFD", ut.strip_controls(word))
    return "".join(" " if c in "()«»:.,،؛" else c for c in word if not unicodedata.category(c).startswith("M"))


def _pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_persian_reports_are_searchable_as_typed_and_never_english(built):
    from desktop_app.i18n import translator

    fa = translator("fa")
    for kind in KINDS:
        # What a reader's search sees: canonically the words as typed (NFC, as every PDF viewer searches).
        text = unicodedata.normalize("NFC", _pdftotext(built[kind, "fa"][0]))
        title = fa.gettext(registry.kind(kind).title)
        assert title != registry.kind(kind).title
        for word in title.split():
            assert _without_marks(word) in _without_marks(text), (kind, word)
        english = r"\b(?:days?|universities)\b"
        # The demo's follow-up actions are written in English in the records, and a responsible actor in words
        # is printed twice: in the action's row and in the summary by responsible actor.
        actions = decisions.follow_ups(built.db, dt.date.today()) if kind == "decisions-follow-up" else []
        held = " ".join(f"{a.description} {a.responsible} {a.responsible}" for a in actions)
        assert len(re.findall(english, text)) <= len(re.findall(english, held)), kind


def _first_column(document, title_words: str) -> list[str]:
    table = next(block for block in document.blocks if isinstance(block, Table) and title_words in block.title)
    return [ut.strip_controls(row[0]) for row in table.rows]


@pytest.mark.parametrize(("lang", "expected"), [
    ("kk", ["Ауғанстан", "Әзірбайжан", "Бангладеш", "Иран", "Кувейт", "Қазақстан", "Қытай", "Моңғолия",
            "Өзбекстан", "Ресей", "Түркия", "Ұлыбритания" if False else "Үндістан", "Шри-Ланка"]),
    ("fa", ["افغانستان", "ایران", "پاکستان", "تایلند", "چین", "روسیه", "قزاقستان", "کویت", "هند"]),
    ("zh", ["阿富汗", "阿塞拜疆", "巴基斯坦", "俄罗斯", "哈萨克斯坦", "蒙古", "泰国", "印度", "中国"]),
])
def test_state_lists_are_in_the_readers_order(built, lang, expected):
    document = built["network-overview", lang][1]
    parents = _first_column(document, built["network-overview", lang][1].blocks[0].text) if False else None
    states = [row for row in _member_rows(document)]
    positions = [states.index(name) for name in expected]
    assert positions == sorted(positions), states
    assert parents is None


def _member_rows(document) -> list[str]:
    tables = [block for block in document.blocks if isinstance(block, Table)]
    return [ut.strip_controls(row[0]) for row in tables[0].rows]


def test_every_font_is_embedded_and_tamil_prints(built):
    for (kind, lang), (path, _document) in built.items():
        listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
        rows = listing.splitlines()[2:]
        assert rows and all(" yes " in row for row in rows), (kind, lang, listing)
        assert "Helvetica" not in listing
    dossier = built["university-dossier", "en"][0]
    listing = subprocess.run(["pdffonts", str(dossier)], capture_output=True, text=True, check=True).stdout
    assert "NotoSansTamil" in listing
    assert TAMIL_NAME in _pdftotext(dossier)


def test_a_word_wider_than_its_column_is_hyphenated_by_the_dictionary():
    lines = tl.wrap("Выполняется", tl.text_width("Выполня", 8.5), 8.5, lang="ru")
    assert len(lines) > 1 and all(line.endswith(tl.HYPHEN) for line in lines[:-1])
    assert "".join(line.removesuffix(tl.HYPHEN) for line in lines) == "Выполняется"
    assert [line.removesuffix("-") for line in lines][0] in ("Вы", "Выпол", "Выпол­ня", "Выполня")
    # Kazakh has no Pyphen dictionary: the Turkic syllable rule divides it.
    assert points("университеті", "kk") and points("Қазақстан", "kk")
    # A Persian word is never divided, not even through a joined letter: the line breaks between words.
    lines = tl.wrap("نامه امضاشده است", tl.text_width("امضاشده", 9) + 1, 9, lang="fa")
    assert lines == ["نامه", "امضاشده", "است"]


def test_a_paragraph_keeps_its_bidi_levels_across_line_breaks():
    name, credits = ut.isolate("Al-Farabi Kazakh National University"), ut.isolate("30")
    text = f"دانشگاه {name} (قزاقستان)، {credits} ECTS"
    lines = tl.layout(text, 90, 9, rtl=True, lang="fa")
    assert len(lines) > 1 and all(line.rtl for line in lines)
    drawn = "".join(str(s.text) for line in lines for s in line.segments)
    assert not any(c in ut.BIDI_CONTROLS for c in drawn)  # the isolates steer, they are never drawn
