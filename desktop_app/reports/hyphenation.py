"""Where a word may be hyphenated when a table column is narrower than the word.

Pyphen's dictionaries (the LibreOffice/TeX patterns) serve the languages they cover — Russian,
English, Mongolian, Ukrainian and many European ones. Pyphen has none for Kazakh, Kyrgyz, Turkish,
Azerbaijani or Uzbek; Turkic words divide by a regular rule that every school grammar of these
languages states: a syllable begins with at most one consonant (ба-ла, қа-зақ-стан, ün-i-ver-si-te),
so a break goes before the last consonant between two vowels. That rule serves them here.

Right-to-left scripts, Han, Thai and the Indic scripts are not hyphenated: Arabic-script and Hebrew
words never are; Han and Thai break between characters or words anyway (see :mod:`unicode_text`).
"""

from __future__ import annotations

import threading
from functools import lru_cache

MIN_LEFT = 2
MIN_RIGHT = 2

#: Languages written in Cyrillic or Latin whose words follow the Turkic rule above.
TURKIC = frozenset({"kk", "ky", "tr", "az", "uz", "tk", "tt", "ba", "ug", "crh", "tg"})
_CYRILLIC_LANGS = frozenset({"ru", "kk", "ky", "tg", "mn", "uk", "be", "bg", "sr", "tt", "ba"})
_KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_VOWELS = frozenset("аәеёиоөұүуыіэюяaeiouıöüəAEIOUIİÖÜƏАӘЕЁИОӨҰҮУЫІЭЮЯ")
_SIGNS = frozenset("ьъЬЪ'ʻʼ")

_lock = threading.Lock()


@lru_cache(maxsize=32)
def _dictionary(lang: str):
    import pyphen

    with _lock:
        return pyphen.Pyphen(lang=lang, left=MIN_LEFT, right=MIN_RIGHT)


def _script(word: str) -> str | None:
    for char in word:
        code = ord(char)
        if 0x0400 <= code <= 0x052F:
            return "cyrillic"
        if char.isalpha() and code < 0x0250 or 0x1E00 <= code <= 0x1EFF:
            return "latin"
    return None


def _method(word: str, lang: str) -> str | None:
    """"turkic", a Pyphen language, or None (not hyphenated)."""
    base = (lang or "en").replace("-", "_").split("_")[0].lower()
    script = _script(word)
    if script is None:
        return None
    if script == "cyrillic":
        if any(c in _KAZAKH_LETTERS for c in word):
            return "turkic"
        if base in _CYRILLIC_LANGS:
            return "turkic" if base in TURKIC else _pyphen_language(base, "ru")
        return "ru"
    if base in TURKIC and base != "tg":
        return "turkic"
    return _pyphen_language(base, "en_US") if base not in _CYRILLIC_LANGS and base not in ("fa", "ar", "zh", "ko",
                                                                                       "ja", "he", "th") else "en_US"


def _pyphen_language(base: str, fallback: str) -> str:
    import pyphen

    return base if base in pyphen.LANGUAGES else fallback


@lru_cache(maxsize=8192)
def points(word: str, lang: str = "en") -> tuple[int, ...]:
    """Indices ``i`` at which ``word[:i] + "-"`` may end a line and ``word[i:]`` begin the next."""
    letters = word.strip(".,;:!?()[]«»\"'")
    if len(letters) < MIN_LEFT + MIN_RIGHT or "-" in word:
        return ()  # a word with its own hyphen breaks there (the line breaker allows it)
    method = _method(word, lang)
    if method is None:
        return ()
    found = _turkic_points(word) if method == "turkic" else tuple(_dictionary(method).positions(word))
    return tuple(i for i in found if MIN_LEFT <= i <= len(word) - MIN_RIGHT and word[i - 1].isalpha()
                 and word[i].isalpha())


def _turkic_points(word: str) -> tuple[int, ...]:
    vowels = [i for i, c in enumerate(word) if c in _VOWELS]
    found = []
    for a, b in zip(vowels, vowels[1:], strict=False):
        consonants = [i for i in range(a + 1, b) if word[i] not in _SIGNS]
        if not consonants:
            continue  # two vowels side by side (Kazakh «қиын», «ауа»): not divided here
        found.append(consonants[-1])
    return tuple(found)
