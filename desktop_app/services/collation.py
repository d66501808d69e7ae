"""Alphabetical order as a reader of the language expects it: CLDR collation through ICU.

Kazakh puts Ә after А and Қ after К (Ауғанстан, Әзірбайжан … Кувейт, Қазақстан, Қытай), Persian
puts پ after ب and گ after ک and treats ي/ی and ك/ک alike, Chinese sorts by pinyin (阿富汗, 巴基斯坦,
中国 last). Code-point order gets all of these wrong. The keys come from ICU's collators (the
``pyicu-wheels`` wheel, which carries its own ICU, so nothing is compiled at install time); the screens
use Qt's ``QCollator``, which is the same ICU with the same CLDR rules.

Without ICU (a platform without a wheel) the order falls back to folded text: right for the letters
Latin and Russian share with ASCII order, wrong for the cases above; the fallback is only there so that
a missing binding never stops a report.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from typing import TypeVar

from desktop_app.domain.text import fold_for_search

T = TypeVar("T")

#: Collators are not safe to share between threads (reports are built off the GUI thread): one set each.
_local = threading.local()


def _icu_collator(lang: str):
    collators = getattr(_local, "collators", None)
    if collators is None:
        collators = _local.collators = {}
    if lang not in collators:
        try:
            import icu
        except ImportError:  # no ICU wheel for this platform: folded order (see the module note)
            collators[lang] = None
        else:
            locale = icu.Locale(lang.replace("-", "_"))
            collator = icu.Collator.createInstance(locale)
            # Digits compare as numbers ("Semester 2" before "Semester 10").
            collator.setAttribute(icu.UCollAttribute.NUMERIC_COLLATION, icu.UCollAttributeValue.ON)
            collators[lang] = collator
    return collators[lang]


def _language(lang: str | None) -> str:
    if lang:
        return lang
    from desktop_app.i18n import current_language

    return current_language()


def sort_key(text: str | None, lang: str | None = None) -> tuple:
    """A key that orders ``text`` the way a reader of ``lang`` (default: the interface language) expects."""
    text = text or ""
    collator = _icu_collator(_language(lang))
    if collator is None:
        return (fold_for_search(text), text)
    return (collator.getSortKey(text), text)


def key_function(lang: str | None = None) -> Callable[[str | None], tuple]:
    """``sort_key`` bound to one language, for ``sorted(..., key=...)`` over many items."""
    language = _language(lang)
    return lambda text: sort_key(text, language)


def sorted_by(items: Iterable[T], text: Callable[[T], str], lang: str | None = None) -> list[T]:
    """``items`` in the reader's alphabetical order of ``text(item)``."""
    key = key_function(lang)
    return sorted(items, key=lambda item: key(text(item)))


def icu_available() -> bool:
    return _icu_collator("en") is not None
