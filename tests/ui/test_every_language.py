"""Every shipped language, on every page with demonstration data, as a coordinator of that language
sees it: no message left in English, and the window right to left exactly where the language is."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from desktop_app.i18n import available_languages, is_rtl
from desktop_app.ui.shell.areas import AREAS
from tests.ui.visible_text import giveaways, leftovers, visible_texts

PLACEHOLDER = re.compile(r"\{[^{}]*\}")
LANGUAGES = [lang for lang in available_languages() if lang != "en"]


def english_messages(lang: str) -> list[re.Pattern]:
    """Every message of the sources as English writes it (placeholders match anything), except those the
    language rightly keeps as they are: a message not translated at all is caught too."""
    from desktop_app.i18n import catalogs

    kept = catalogs.kept_as_source(lang)
    patterns = []
    for message in catalogs.extract_template():
        for text in (message.id,) if isinstance(message.id, str) else message.id:
            fixed = PLACEHOLDER.sub("", text).replace("&", "").strip()
            if not text or text in kept or len(fixed) < 5:
                continue
            parts = [re.escape(part.replace("&", "")) for part in PLACEHOLDER.split(text)]
            patterns.append(re.compile("^" + ".*".join(parts) + "$", re.DOTALL))
    return patterns


@pytest.fixture(scope="module")
def english_giveaways():
    # Country names and dates written the English way, and every English message.
    return {lang: giveaways("en", lang) + english_messages(lang) for lang in LANGUAGES}


@pytest.fixture
def window_with_data(main_window, qtbot):
    from desktop_app.exchange.demo import load_demo

    load_demo(main_window.context.db)
    return main_window


def test_every_page_speaks_the_language_and_faces_its_way(window_with_data, qapp, qtbot, english_giveaways):
    from desktop_app.ui.core.language import apply_language

    window = window_with_data
    problems: list[str] = []
    for lang in LANGUAGES:
        apply_language(qapp, lang)
        window.context.runner.wait_for_all(10000)
        qtbot.wait(50)
        wanted = Qt.LayoutDirection.RightToLeft if is_rtl(lang) else Qt.LayoutDirection.LeftToRight
        if qapp.layoutDirection() != wanted or window.layoutDirection() != wanted:
            problems.append(f"{lang}: the window is laid out {window.layoutDirection().name}")
        for area in AREAS:
            page = window.open_area(area.key)
            window.context.runner.wait_for_all(10000)
            qtbot.wait(20)
            texts = visible_texts(window) + visible_texts(page)
            for text, pattern in leftovers(texts, english_giveaways[lang]):
                problems.append(f"{lang} {area.key}: {text!r} is English (matches {pattern!r})")
    apply_language(qapp, "en")
    assert not problems, "\n".join(sorted(set(problems))[:80])
