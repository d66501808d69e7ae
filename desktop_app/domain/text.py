"""Text folding for search that works in every script.

SQLite's LIKE and lower() fold only ASCII, so searchable text is stored folded by this function and
queries are folded the same way. Folding: Unicode compatibility decomposition, full case folding,
combining marks removed (so Turkish "İ" and "I" both become "i", and "é" matches "e"), dotless "ı"
matched with "i", Russian "ё" with "е", and the Arabic-script letter variants that Arabic and
Persian write differently (ي/ی/ى, ك/ک, أ/إ/آ/ا, ة/ه) brought together; tatweel removed.
"""

from __future__ import annotations

import re
import unicodedata

_TRANSLATE = str.maketrans(
    {
        "ı": "i",
        "ё": "е",
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ة": "ه",
        "ۀ": "ه",
        "ـ": "",  # tatweel
        "\u200c": " ",  # zero-width non-joiner (Persian) folds to a space
        "\u200d": "",
    }
)
_SPACES = re.compile(r"\s+")
# Every code point with a non-zero combining class (none lies above U+1FFFF); one regex substitution
# removes them far faster than testing each character in Python.
_COMBINING = re.compile("[" + "".join(re.escape(chr(c)) for c in range(0x300, 0x20000)
                                      if unicodedata.combining(chr(c))) + "]")


def fold_for_search(text: str | None) -> str:
    if not text:
        return ""
    if text.isascii():  # the common case in bulk imports; the same result as the full path below
        return _SPACES.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text).casefold()
    stripped = _COMBINING.sub("", decomposed)
    # Recompose what decomposition split but is not a mark (Hangul syllables, for example).
    folded = unicodedata.normalize("NFC", stripped).translate(_TRANSLATE)
    return _SPACES.sub(" ", folded).strip()


def like_pattern(term: str) -> str:
    """A LIKE pattern matching ``term`` anywhere, with LIKE's wildcards escaped (escape char: backslash)."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
