"""Fonts for PDF reports, and which font sets each character.

reportlab has no font fallback: a glyph missing from the current font is simply not drawn. So every
character is given the font of its script (Noto per script, WenQuanYi Micro Hei for Han and Hangul,
see resources/fonts/SOURCES.md); characters of no particular script (spaces, digits, punctuation)
stay in the font of the run around them when that font has them, else fall back to the base font.

Every font is embedded (subset) in the PDF; no text is ever set in one of the 14 standard PDF fonts,
which a reader's machine would substitute. The CJK face has one weight: bold Chinese and Korean are
drawn by stroking the outlines in the fill colour (see ``textlayout.TextWriter``), as word processors
do for a font without a bold, since no TrueType-outlined CJK bold font is packaged (Noto CJK's bold is
CFF, which reportlab cannot embed).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache, lru_cache

from desktop_app import paths

BASE = "latin"


@dataclass(frozen=True)
class FontFace:
    key: str
    regular: str
    bold: str | None  # None: one weight only, bold is drawn by stroking (CJK)
    shaping: bool  # needs HarfBuzz shaping (joining, reordering, stacking marks)
    subfont: int = 0


FACES: dict[str, FontFace] = {
    "latin": FontFace("latin", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf", False),
    "arabic": FontFace("arabic", "NotoNaskhArabic-Regular.ttf", "NotoNaskhArabic-Bold.ttf", True),
    # Hebrew letters need no joining; shaped, the font turns "יי" and "וי" into the Yiddish ligatures ײ and ױ,
    # and a reader's search for "ניידות" then misses the word in the PDF.
    "hebrew": FontFace("hebrew", "NotoSansHebrew-Regular.ttf", "NotoSansHebrew-Bold.ttf", False),
    "thai": FontFace("thai", "NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf", True),
    "khmer": FontFace("khmer", "NotoSansKhmer-Regular.ttf", "NotoSansKhmer-Bold.ttf", True),
    "devanagari": FontFace("devanagari", "NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf", True),
    "bengali": FontFace("bengali", "NotoSansBengali-Regular.ttf", "NotoSansBengali-Bold.ttf", True),
    "sinhala": FontFace("sinhala", "NotoSansSinhala-Regular.ttf", "NotoSansSinhala-Bold.ttf", True),
    "tamil": FontFace("tamil", "NotoSansTamil-Regular.ttf", "NotoSansTamil-Bold.ttf", True),
    # TrueType collection; the Noto CJK collections have CFF outlines, which reportlab cannot read.
    "cjk": FontFace("cjk", "wqy-microhei.ttc", None, False),
}

#: (first, last, face key) code point ranges of the scripts we ship fonts for.
_RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0590, 0x05FF, "hebrew"), (0xFB1D, 0xFB4F, "hebrew"),
    (0x0600, 0x06FF, "arabic"), (0x0750, 0x077F, "arabic"), (0x08A0, 0x08FF, "arabic"),
    (0xFB50, 0xFDFF, "arabic"), (0xFE70, 0xFEFF, "arabic"),
    (0x0900, 0x097F, "devanagari"), (0xA8E0, 0xA8FF, "devanagari"),
    (0x0980, 0x09FF, "bengali"),
    (0x0B80, 0x0BFF, "tamil"), (0x11FC0, 0x11FFF, "tamil"),
    (0x0D80, 0x0DFF, "sinhala"),
    (0x0E00, 0x0E7F, "thai"),
    (0x1780, 0x17FF, "khmer"), (0x19E0, 0x19FF, "khmer"),
    (0x1100, 0x11FF, "cjk"), (0x2E80, 0x2FDF, "cjk"), (0x3000, 0x303F, "cjk"), (0x3040, 0x30FF, "cjk"),
    (0x3130, 0x318F, "cjk"), (0x3400, 0x4DBF, "cjk"), (0x4E00, 0x9FFF, "cjk"), (0xAC00, 0xD7AF, "cjk"),
    (0xF900, 0xFAFF, "cjk"), (0xFF00, 0xFFEF, "cjk"),
)

_lock = threading.Lock()
_registered: set[str] = set()


def font_name(key: str, bold: bool = False) -> str:
    """The reportlab name of a face, registered on first use (reading a font file takes a while, the
    CJK one most: only the faces a report needs are read). A face without a bold gives its regular."""
    bold = bold and FACES[key].bold is not None
    name = f"cica-{key}{'-bold' if bold else ''}"
    if name not in _registered:
        _register(name, key, bold)
    return name


def _register(name: str, key: str, bold: bool) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    with _lock:
        if name in _registered:
            return
        face = FACES[key]
        path = paths.resources_dir() / "fonts" / (face.bold if bold and face.bold else face.regular)
        pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=face.subfont))
        _registered.add(name)


def register_fonts() -> None:
    """Register every face with reportlab (thread-safe; each face once per process)."""
    for key in FACES:
        font_name(key)
        font_name(key, True)


@cache
def _coverage(key: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    return frozenset(pdfmetrics.getFont(font_name(key)).face.charToGlyph)


@lru_cache(maxsize=4096)
def script_face(char: str) -> str | None:
    """The face of the character's script, or None for characters shared by all scripts."""
    code = ord(char)
    if code < 0x0590:
        return BASE if char.isalpha() else None
    for first, last, key in _RANGES:
        if first <= code <= last:
            return key
    return BASE if char.isalpha() else None


def face_runs(text: str) -> list[tuple[str, str]]:
    """Split text into (face key, text) runs so that each character is set in a font that has it."""
    runs: list[tuple[str, str]] = []
    current: str | None = None
    start = 0
    for index, char in enumerate(text):
        key = script_face(char)
        if key is None:
            # Shared character: keep the run's font if it has the glyph, else the base font.
            key = current if current is not None and ord(char) in _coverage(current) else None
            if key is None:  # e.g. an arrow or bullet in Persian text: the first font that has it
                key = next((face for face in (BASE, "cjk") if ord(char) in _coverage(face)), current or BASE)
        elif ord(char) not in _coverage(key):
            key = "cjk" if ord(char) in _coverage("cjk") else BASE
        if key != current:
            if current is not None and index > start:
                runs.append((current, text[start:index]))
            current, start = key, index
    if current is not None:
        runs.append((current, text[start:]))
    return runs


def needs_shaping(key: str) -> bool:
    return FACES[key].shaping


def has_bold(key: str) -> bool:
    return FACES[key].bold is not None


def initial_font() -> str:
    """The font a new canvas starts with (instead of reportlab's Helvetica, which would not be embedded)."""
    return font_name(BASE)
