"""Every report kind, in every shipped language, read back from the PDF as its reader would search it: the
title is there in that language, and no sentence of the application is left in English."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata

import pytest

from desktop_app.exchange.demo import load_demo
from desktop_app.i18n import available_languages, catalogs, translator
from desktop_app.reports import registry
from desktop_app.reports.model import ReportOptions
from tests.reports.conftest import DEMO_DAY

LANGUAGES = [lang for lang in available_languages() if lang != "en"]
PLACEHOLDER = re.compile(r"\{[^{}]*\}")

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")


@pytest.fixture(scope="module")
def demo(sqlite_template, tmp_path_factory):
    from desktop_app.services import curricula
    from desktop_app.storage.database import Database

    folder = tmp_path_factory.mktemp("every-language")
    path = folder / "demo.sqlite3"
    shutil.copyfile(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    load_demo(db, today=DEMO_DAY)
    db.programme = curricula.page(db).rows[0].id
    db.folder = folder
    db.data_text = data_text(path)
    yield db
    db.close()


def comparable(text: str) -> str:
    """Text as a search compares it: canonical letters without marks or bidi controls, one space between
    words (a PDF holds shaped Arabic as presentation forms, and lines wrap anywhere)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.category(c).startswith(("M", "Cf")))
    text = re.sub(r"[()«»:.,،؛“”\"'…]", " ", text)
    return " ".join(text.split())


def data_text(path) -> str:
    """Every text the records hold (a demo agreement may well be titled in English): not the application's
    English."""
    import sqlite3

    connection = sqlite3.connect(path)
    values = []
    for (table,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        columns = [row[1] for row in connection.execute(f'PRAGMA table_info("{table}")')]
        for column in columns:
            rows = connection.execute(f'SELECT DISTINCT "{column}" FROM "{table}"')
            values += [comparable(value) for (value,) in rows if isinstance(value, str)]
    connection.close()
    return " | ".join(values)


def english_fragments(lang: str) -> list[str]:
    """Each English message's longest fixed run of words (three words at least), unless the language keeps
    the message as it is."""
    kept = catalogs.kept_as_source(lang)
    found = []
    for message in catalogs.extract_template():
        for text in (message.id,) if isinstance(message.id, str) else message.id:
            if not text or text in kept:
                continue
            run = max(PLACEHOLDER.split(text), key=len).replace("&", "").strip(" :.,—-")
            if len(run.split()) >= 3:
                found.append(comparable(run))
    return found


def options(db, kind: str, lang: str) -> ReportOptions:
    extra: dict = {"today": DEMO_DAY}
    if kind == "university-dossier":
        from desktop_app.services import universities

        extra["university_id"] = universities.page(db).rows[0].id
    if kind == "joint-calendar":
        extra["programme_id"] = db.programme
    if kind == "learning-agreement":
        from tests.reports.conftest import first_changed_learning_agreement

        extra["learning_agreement_id"] = first_changed_learning_agreement(db)
    return ReportOptions(lang=lang, state_code="KZ", **extra)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_kind_is_titled_in_the_language_and_holds_no_english_sentence(demo, lang):
    english = english_fragments(lang)
    problems = []
    for kind in registry.kinds():
        path = demo.folder / f"{kind.key}-{lang}.pdf"
        registry.build_report(demo, kind.key, "pdf", path, options(demo, kind.key, lang))
        text = comparable(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                         check=True).stdout)
        title = translator(lang).gettext(kind.title)
        if title == kind.title:
            problems.append(f"{kind.key}: the title is not translated")
        for word in comparable(title).split():
            if word not in text:
                problems.append(f"{kind.key}: the title's word {word!r} is not found")
        problems += [f"{kind.key}: English left: {fragment!r}" for fragment in english
                     if fragment in text and fragment not in demo.data_text]
    assert not problems, "\n".join(problems[:60])
