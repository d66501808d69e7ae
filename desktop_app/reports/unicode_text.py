"""What ICU knows about text, for laying it out: bidi levels (the full Unicode Bidirectional Algorithm,
isolates and paired brackets included), line-break opportunities (UAX #14, with dictionaries for Thai
and Khmer) and grapheme clusters (UAX #29).

ICU comes from the ``pyicu-wheels`` wheel. ICU objects are not safe to share between threads (reports
are written off the GUI thread), so each thread keeps its own. Without ICU the functions fall back to
simpler rules (spaces and Han characters for breaks, marks for clusters, no bidi beyond the strong
direction), which keep a report readable rather than stop it.

ICU counts in UTF-16 code units; Python in code points. Text with characters beyond the Basic
Multilingual Plane (rare Han characters, emoji) is mapped between the two.
"""

from __future__ import annotations

import threading
import unicodedata

#: Bidi controls: embeddings, overrides, isolates and marks. Laid out by the algorithm, never drawn.
BIDI_CONTROLS = frozenset("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
FSI, PDI = "\u2068", "\u2069"

_local = threading.local()

try:
    import icu as _icu
except ImportError:  # pragma: no cover - every supported platform has the wheel
    _icu = None


def isolate(value: object) -> str:
    """``value`` as an isolated run (FSI … PDI): its direction is its own and it leaves the sentence's alone.

    Put around every value inserted into a translated sentence (a name, a code, a number), so that
    «ترم ۱: Al-Farabi University، 30 ECTS» keeps the name, the comma and the figure where a reader of
    the sentence expects them. The controls are invisible and never printed."""
    text = "" if value is None else str(value)
    return f"{FSI}{text}{PDI}" if text else text


def strip_controls(text: str) -> str:
    if not any(c in BIDI_CONTROLS for c in text):
        return text
    return "".join(c for c in text if c not in BIDI_CONTROLS)


def _utf16_offsets(text: str) -> list[int] | None:
    """For text with astral characters: the UTF-16 offset of each code point (and of the end)."""
    if all(ord(c) <= 0xFFFF for c in text):
        return None
    offsets, position = [], 0
    for char in text:
        offsets.append(position)
        position += 2 if ord(char) > 0xFFFF else 1
    offsets.append(position)
    return offsets


def _to_python(boundaries: list[int], offsets: list[int] | None) -> list[int]:
    if offsets is None:
        return boundaries
    index = {utf16: i for i, utf16 in enumerate(offsets)}
    return [index[b] for b in boundaries if b in index]


def _iterator(kind: str, lang: str):
    cache = getattr(_local, "iterators", None)
    if cache is None:
        cache = _local.iterators = {}
    key = (kind, lang)
    if key not in cache:
        locale = _icu.Locale(lang or "en")
        cache[key] = (_icu.BreakIterator.createLineInstance(locale) if kind == "line"
                      else _icu.BreakIterator.createCharacterInstance(locale))
    return cache[key]


def line_breaks(text: str, lang: str = "en") -> list[int]:
    """Positions where a line may end (after ``text[:position]``), the end of the text included."""
    if _icu is None:
        return _simple_line_breaks(text)
    iterator = _iterator("line", lang)
    iterator.setText(text)
    return _to_python(list(iterator), _utf16_offsets(text))


def _simple_line_breaks(text: str) -> list[int]:
    breaks = []
    for i in range(1, len(text)):
        before, after = text[i - 1], text[i]
        if (before == " " and after != " ") or _is_ideograph(before) or (_is_ideograph(after) and before != " "):
            breaks.append(i)
    breaks.append(len(text))
    return breaks


def _is_ideograph(char: str) -> bool:
    code = ord(char)
    return 0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF or code > 0x1FFFF


def clusters(text: str, lang: str = "en") -> list[str]:
    """``text`` cut into user-perceived characters (a letter with its marks, a Devanagari conjunct …)."""
    if _icu is None:
        result: list[str] = []
        for char in text:
            if result and (unicodedata.category(char).startswith("M") or char in "\u200c\u200d"
                           or result[-1][-1] in "\u200d\u17d2\u094d"):
                result[-1] += char
            else:
                result.append(char)
        return result
    iterator = _iterator("char", lang)
    iterator.setText(text)
    bounds = [0, *_to_python(list(iterator), _utf16_offsets(text))]
    return [text[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def base_level(text: str, default_rtl: bool = False) -> int:
    """Paragraph direction (rules P2–P3): that of the first strong character outside isolates, else the
    default (the report's direction)."""
    depth = 0
    for char in text:
        if char in "\u2066\u2067\u2068":
            depth += 1
        elif char == PDI:
            depth = max(0, depth - 1)
        elif depth == 0:
            kind = unicodedata.bidirectional(char)
            if kind == "L":
                return 0
            if kind in ("R", "AL"):
                return 1
    return 1 if default_rtl else 0


def levels(text: str, base: int) -> list[int]:
    """The resolved embedding level of each character of one paragraph (rules X1–I2 of UAX #9)."""
    if _icu is None:
        return [base if unicodedata.bidirectional(c) not in ("R", "AL", "L") else
                (1 if unicodedata.bidirectional(c) != "L" else (2 if base else 0)) for c in text]
    bidi = getattr(_local, "bidi", None)
    if bidi is None:
        bidi = _local.bidi = _icu.Bidi()
    bidi.setPara(_icu.UnicodeString(text), base)
    resolved = list(bidi.getLevels())
    offsets = _utf16_offsets(text)
    if offsets is None:
        return resolved
    return [resolved[offset] for offset in offsets[:-1]]
