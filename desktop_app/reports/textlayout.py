"""Setting text in every script on a reportlab canvas: font runs, line wrapping, bidi, shaping.

reportlab's own bidi support needs ``rlbidi`` (not on PyPI), and its Paragraph wraps right-to-left
text with lines in the wrong order. So report text is laid out here, never by Paragraph markup
(which also means no text from the data is ever read as markup):

1. the text is wrapped in *logical* order (break after spaces, between Han/Hangul characters, and
   inside a too-long word only between grapheme clusters);
2. each line is split into runs of one font (see :mod:`fonts`) and one bidi level, resolved with a
   simplified Unicode Bidirectional Algorithm (strong types, numbers, neutrals; no explicit
   embeddings) — the paragraph direction comes from python-bidi's ``get_base_level`` or the report
   language;
3. the runs are put in visual order (rule L2) and each run is shaped by HarfBuzz (reportlab's
   ``shapeStr``), which also lays out a right-to-left run right to left.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from desktop_app.reports import fonts

#: Text wholly in the base font's scripts (Latin, Cyrillic, Greek …), left to right, unshaped: the
#: common case in a register, laid out without per-character work.
_SIMPLE = re.compile(r"[\u0020-\u007e\u00a0-\u052f\u1e00-\u1fff\u2000-\u206f\u20a0-\u20bf\u2116]*")
_MIRROR = str.maketrans("()[]{}<>«»", ")(][}{><»«")


@dataclass(frozen=True)
class Segment:
    font: str
    text: object  # str, or reportlab ShapedStr
    width: float


@dataclass(frozen=True)
class Line:
    segments: tuple[Segment, ...]
    width: float
    rtl: bool


def _is_rtl_char(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


def has_rtl(text: str) -> bool:
    return any(_is_rtl_char(c) for c in text)


def base_is_rtl(text: str, default_rtl: bool = False) -> bool:
    """Paragraph direction: that of the first strong character (python-bidi), else the report's."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL", "L"):
            from bidi import get_base_level

            return get_base_level(text) == 1
    return default_rtl


@lru_cache(maxsize=4096)
def _piece(text: str, face: str, bold: bool, size: float, rtl: bool) -> Segment:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    name = fonts.font_name(face, bold)
    # Digits inside right-to-left text sit at an even (left-to-right) level; HarfBuzz would guess the
    # script's direction and reverse them, and they need no shaping, so they are set unshaped.
    ltr_in_rtl_script = not rtl and face in ("arabic", "hebrew")
    if fonts.needs_shaping(face) and text.strip() and not ltr_in_rtl_script:
        from reportlab.pdfbase.ttfonts import shapeStr

        shaped = shapeStr(text, name, size)
        data = getattr(shaped, "__shapeData__", None)
        if data is not None:
            return Segment(name, shaped, sum(info.x_advance for info in data) * size / 1000)
        return Segment(name, text, stringWidth(text, name, size))  # HarfBuzz changed nothing
    if rtl:  # an unshaped run at a right-to-left level: mirror and reverse it ourselves
        text = text.translate(_MIRROR)[::-1]
    return Segment(name, text, stringWidth(text, name, size))


@lru_cache(maxsize=4096)
def text_width(text: str, size: float, bold: bool = False) -> float:
    return sum(_piece(run, face, bold, size, False).width for face, run in fonts.face_runs(text))


def _levels(text: str, base: int) -> list[int]:
    kinds = [unicodedata.bidirectional(c) for c in text]
    # Rule W4: one separator between two numbers joins them ("2026/2027", "3,5" read as one number).
    for i in range(1, len(kinds) - 1):
        if kinds[i] in ("CS", "ES") and kinds[i - 1] == kinds[i + 1] == "EN":
            kinds[i] = "EN"
    levels = [base] * len(text)
    strong = ["L" if k == "L" else "R" if k in ("R", "AL") else "EN" if k in ("EN", "AN") else "N" for k in kinds]
    previous = "R" if base else "L"
    for i, kind in enumerate(strong):
        if kind == "L":
            levels[i] = 2 if base else 0
            previous = "L"
        elif kind == "R":
            levels[i] = 1
            previous = "R"
        elif kind == "EN":
            levels[i] = 2 if (base or previous == "R") else 0
    # Neutrals take the direction of the strong text on both sides when it agrees (numbers count as R
    # after right-to-left text), else the paragraph direction.
    i = 0
    while i < len(text):
        if strong[i] != "N":
            i += 1
            continue
        j = i
        while j < len(text) and strong[j] == "N":
            j += 1
        before = _direction_at(strong, levels, i - 1, base)
        after = _direction_at(strong, levels, j, base)
        # Between two runs of one direction neutrals take it (right to left: 1; left to right: 0, or 2 in a
        # right-to-left paragraph); between runs of different directions they take the paragraph's level.
        level = base if before != after else 1 if before == "R" else 2 if base else 0
        for k in range(i, j):
            levels[k] = level
        i = j
    return levels


def _direction_at(strong: list[str], levels: list[int], index: int, base: int) -> str:
    if index < 0 or index >= len(strong):
        return "R" if base else "L"
    if strong[index] == "EN":
        return "R" if levels[index] % 2 == 0 and levels[index] > 0 else "L"
    return strong[index]


def _visual_runs(text: str, base: int) -> list[tuple[str, str, int]]:
    """(face, logical text, level) runs in visual order."""
    levels = _levels(text, base) if (base or has_rtl(text)) else None
    runs: list[tuple[str, str, int]] = []
    position = 0
    for face, run in fonts.face_runs(text):
        if levels is None:
            runs.append((face, run, 0))
        else:
            start = 0
            for k in range(1, len(run) + 1):
                if k == len(run) or levels[position + k] != levels[position + start]:
                    runs.append((face, run[start:k], levels[position + start]))
                    start = k
        position += len(run)
    if levels is None:
        return runs
    # Merge neighbours of one face and level, so HarfBuzz sees whole words and phrases.
    merged: list[tuple[str, str, int]] = []
    for run in runs:
        if merged and merged[-1][0] == run[0] and merged[-1][2] == run[2]:
            merged[-1] = (run[0], merged[-1][1] + run[1], run[2])
        else:
            merged.append(run)
    highest = max(r[2] for r in merged)
    lowest_odd = min((r[2] for r in merged if r[2] % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(merged):
            if merged[i][2] >= level:
                j = i
                while j < len(merged) and merged[j][2] >= level:
                    j += 1
                merged[i:j] = merged[i:j][::-1]
                i = j
            else:
                i += 1
    return merged


def _tokens(text: str) -> list[str]:
    """Break opportunities: after a run of spaces, and around each Han/Hangul/kana character."""
    tokens: list[str] = []
    current = ""
    for char in text:
        if fonts.script_face(char) == "cjk" and char.isalpha():
            if current:
                tokens.append(current)
            current = char
            continue
        if current and char != " " and (current[-1] == " " or (fonts.script_face(current[-1]) == "cjk"
                                                               and current[-1].isalpha())):
            tokens.append(current)
            current = ""
        current += char
    if current:
        tokens.append(current)
    return tokens


def _clusters(word: str) -> list[str]:
    clusters: list[str] = []
    for char in word:
        if clusters and (unicodedata.category(char).startswith("M") or char in "\u200c\u200d"
                         or clusters[-1][-1] in "\u200d\u17d2"):
            clusters[-1] += char
        else:
            clusters.append(char)
    return clusters


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Logical-order lines no wider than ``width`` (a single too-wide cluster stays alone)."""
    lines: list[str] = []
    for paragraph in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if text_width(paragraph, size, bold) <= width:
            lines.append(paragraph)
            continue
        current = ""
        for token in _tokens(paragraph):
            candidate = current + token
            if text_width(candidate.rstrip(" "), size, bold) <= width:
                current = candidate
                continue
            if current:
                lines.append(current.rstrip(" "))
                current = ""
            if text_width(token.rstrip(" "), size, bold) <= width:
                current = token
                continue
            for cluster in _clusters(token):
                if current and text_width(current + cluster, size, bold) > width:
                    lines.append(current.rstrip(" "))
                    current = ""
                current += cluster
        lines.append(current.rstrip(" "))
    return lines


def shape_line(text: str, size: float, bold: bool = False, rtl: bool | None = None) -> Line:
    base = 1 if (base_is_rtl(text) if rtl is None else rtl) else 0
    segments = tuple(_piece(run, face, bold, size, level % 2 == 1) for face, run, level in _visual_runs(text, base))
    return Line(segments, sum(s.width for s in segments), bool(base))


def layout(text: str, width: float, size: float, bold: bool = False, rtl: bool | None = None) -> list[Line]:
    if not rtl and _SIMPLE.fullmatch(text):
        from reportlab.pdfbase.pdfmetrics import stringWidth

        name = fonts.font_name(fonts.BASE, bold)
        line_width = stringWidth(text, name, size)
        if line_width <= width:
            return [Line((Segment(name, text, line_width),), line_width, False)]
    direction = base_is_rtl(text) if rtl is None else rtl
    return [shape_line(line, size, bold, direction) for line in wrap(text, width, size, bold)]


def draw_line(canvas, line: Line, x: float, y: float, width: float, size: float, align: str = "start",
              text=None) -> None:
    """Draw one laid-out line in the box [x, x+width]; ``start`` follows the line's direction.

    With ``text`` (a reportlab text object, see :class:`TextWriter`) the line is added to it instead
    of being drawn string by string, which saves reportlab re-measuring every string.
    """
    if align == "start":
        align = "right" if line.rtl else "left"
    elif align == "end":
        align = "left" if line.rtl else "right"
    if align == "right":
        x += width - line.width
    elif align == "center":
        x += (width - line.width) / 2
    if text is not None:
        for segment in line.segments:
            text.put(segment.font, size, x, y, segment.text)
            x += segment.width
        return
    for segment in line.segments:
        canvas.setFont(segment.font, size)
        canvas.drawString(x, y, segment.text)
        x += segment.width


def _guard_reportlab_rise() -> None:
    """reportlab 5.1 writes shaped text into a fresh operator list and, when the first glyph is raised
    or lowered (Persian and Arabic marks), looks at the last operator of that empty list and fails.
    An empty operator in front changes nothing in the PDF and lets it go on."""
    from reportlab.pdfgen.textobject import PDFTextObject

    original = PDFTextObject.setRise
    if getattr(original, "_cica_guarded", False):
        return

    def set_rise(self, rise):
        if not self._code:  # noqa: SLF001
            self._code.append("")  # noqa: SLF001
        return original(self, rise)

    set_rise._cica_guarded = True
    PDFTextObject.setRise = set_rise


_guard_reportlab_rise()


class TextWriter:
    """Many strings in one PDF text object: the font is set only when it changes and positions are
    absolute, so drawing a table page costs little more than writing its text."""

    def __init__(self, canvas):
        self.canvas = canvas
        self.text = canvas.beginText()
        self.font: tuple[str, float] | None = None

    def put(self, font: str, size: float, x: float, y: float, value) -> None:
        if self.font != (font, size):
            self.text.setFont(font, size)
            self.font = (font, size)
        self.text.setTextOrigin(x, y)
        self.text._textOut(value)  # noqa: SLF001 - the public textOut measures the string again

    def set_color(self, color) -> None:
        self.text.setFillColor(color)

    def finish(self) -> None:
        self.canvas.drawText(self.text)
