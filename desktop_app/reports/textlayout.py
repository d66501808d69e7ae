"""Setting text in every script on a reportlab canvas: font runs, line wrapping, bidi, shaping.

reportlab's own bidi support needs ``rlbidi`` (not on PyPI), and its Paragraph wraps right-to-left
text with lines in the wrong order. So report text is laid out here, never by Paragraph markup
(which also means no text from the data is ever read as markup). Each paragraph goes through the
steps of the Unicode Bidirectional Algorithm in the order it prescribes:

1. the paragraph's direction (rules P2–P3, or the report's) and the embedding level of each character,
   resolved for the WHOLE paragraph by ICU (UAX #9 with isolates and paired brackets, see
   :mod:`unicode_text`) — so a parenthesis or a number keeps its side when the line breaks;
2. the paragraph is broken into lines in *logical* order at the line-break opportunities of UAX #14;
   a word wider than the line is hyphenated with a dictionary (:mod:`hyphenation`), and only a word
   that cannot be hyphenated is broken, between grapheme clusters;
3. each line is split into runs of one font (see :mod:`fonts`) and one level, the runs are put in
   visual order (rule L2) and each run is shaped by HarfBuzz (reportlab's ``shapeStr``), which also
   lays out a right-to-left run right to left. A shaped run carries its logical text, written to the
   PDF as ``/ActualText`` so that copying and searching give the words as typed.

Values inserted into translated sentences are isolated (:func:`unicode_text.isolate`); the bidi
controls steer step 1 and are never drawn.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from desktop_app.reports import fonts, hyphenation
from desktop_app.reports import unicode_text as ut

#: Text wholly in the base font's scripts (Latin, Cyrillic, Greek …), left to right, unshaped: the
#: common case in a register, laid out without per-character work.
_SIMPLE = re.compile(r"[\u0020-\u007e\u00a0-\u052f\u1e00-\u1fff\u2010-\u2027\u2030-\u205e\u20a0-\u20bf\u2116]*")
_MIRROR = str.maketrans("()[]{}<>«»‹›", ")(][}{><»«›‹")
HYPHEN = "-"
#: Characters a line may not end or start with (spaces are dropped at a break).
_SPACES = " \u00a0\u2009"


@dataclass(frozen=True)
class Segment:
    font: str
    text: object  # str, or reportlab ShapedStr
    width: float
    actual: str | None = None  # the run's logical text when the glyphs do not spell it (shaped runs)
    fake_bold: bool = False  # a face without a bold (CJK): drawn filled and stroked


@dataclass(frozen=True)
class Line:
    segments: tuple[Segment, ...]
    width: float
    rtl: bool
    hyphenated: bool = False  # the line ends in a hyphen set by :mod:`hyphenation`


def _is_rtl_char(char: str) -> bool:
    return unicodedata.bidirectional(char) in ("R", "AL")


def has_rtl(text: str) -> bool:
    return any(_is_rtl_char(c) for c in text)


def base_is_rtl(text: str, default_rtl: bool = False) -> bool:
    """Paragraph direction: that of the first strong character outside isolates, else the report's."""
    return ut.base_level(text, default_rtl) == 1


@lru_cache(maxsize=8192)
def _piece(text: str, face: str, bold: bool, size: float, rtl: bool) -> Segment:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    name = fonts.font_name(face, bold)
    fake_bold = bold and not fonts.has_bold(face)
    # Digits inside right-to-left text sit at an even (left-to-right) level; HarfBuzz would guess the
    # script's direction and reverse them, and they need no shaping, so they are set unshaped.
    ltr_in_rtl_script = not rtl and face in RTL_FACES
    if face == "arabic":
        # Precomposed where Unicode has the letter (Persian «هٔ» -> «ۀ», canonically the same): one glyph
        # instead of a letter and a raised mark, which text extraction would put on a line of its own.
        text = unicodedata.normalize("NFC", text)
    if fonts.needs_shaping(face) and text.strip() and not ltr_in_rtl_script:
        shaped = _shaped(text, name, size, face in RTL_FACES)
        if shaped is not None:
            width = sum(info.x_advance for info in shaped.__shapeData__) * size / 1000
            # Left-to-right shaped runs (Indic, Thai, Khmer) carry their text as /ActualText; right-to-left
            # ones are mapped glyph by glyph (see pdf_unicode).
            return Segment(name, shaped, width, None if face in RTL_FACES else text, fake_bold)
        return Segment(name, text, stringWidth(text, name, size), None, fake_bold)  # HarfBuzz changed nothing
    if rtl:  # an unshaped run at a right-to-left level: mirror and reverse it ourselves
        return Segment(name, text.translate(_MIRROR)[::-1], stringWidth(text, name, size), None, fake_bold)
    return Segment(name, text, stringWidth(text, name, size), None, fake_bold)


RTL_FACES = frozenset({"arabic", "hebrew"})
ZWNJ = "\u200c"


def _shaped(text: str, name: str, size: float, right_to_left: bool):
    """``text`` shaped by HarfBuzz, or None when shaping changes nothing.

    A zero-width non-joiner (Persian «می‌شود») is kept as its own character between separately shaped
    parts — it stops the letters joining either way — so that it reaches the PDF and its text; HarfBuzz
    would turn it into a space glyph."""
    from reportlab.pdfbase.ttfonts import ShapedStr, shapeStr

    from desktop_app.reports import pdf_unicode

    parts = text.split(ZWNJ) if right_to_left else [text]
    pieces = []
    for part in parts:
        if not part:
            pieces.append(ShapedStr("", shapeData=[]))
            continue
        shaped = shapeStr(part, name, size, force=len(parts) > 1)
        if not isinstance(shaped, ShapedStr):
            return None  # one part, and HarfBuzz changed nothing
        pdf_unicode.record(name, shaped, [d.cluster for d in shaped.__shapeData__], part)
        pieces.append(shaped)
    combined = pieces[-1] if right_to_left else pieces[0]
    for piece in (reversed(pieces[:-1]) if right_to_left else pieces[1:]):  # right-to-left glyphs: visual order
        combined = combined + ZWNJ + piece
    return combined


@lru_cache(maxsize=8192)
def text_width(text: str, size: float, bold: bool = False) -> float:
    text = ut.strip_controls(text)
    if _SIMPLE.fullmatch(text):
        from reportlab.pdfbase.pdfmetrics import stringWidth

        return stringWidth(text, fonts.font_name(fonts.BASE, bold), size)
    return sum(_piece(run, face, bold, size, False).width for face, run in fonts.face_runs(text))


def _visual_runs(text: str, line_levels: list[int] | None, base: int) -> list[tuple[str, str, int]]:
    """(face, logical text, level) runs of one line in visual order (rules L1–L2)."""
    if line_levels is not None:
        # L1: whitespace at the end of the line takes the paragraph's level.
        end = len(text)
        while end and text[end - 1] in _SPACES:
            end -= 1
            line_levels[end] = base
    runs: list[tuple[str, str, int]] = []
    position = 0
    for face, run in fonts.face_runs(text):
        if line_levels is None:
            runs.append((face, run, 0))
        else:
            start = 0
            for k in range(1, len(run) + 1):
                if k == len(run) or line_levels[position + k] != line_levels[position + start]:
                    runs.append((face, run[start:k], line_levels[position + start]))
                    start = k
        position += len(run)
    if line_levels is None:
        return runs
    # Merge neighbours of one face and level, so HarfBuzz sees whole words and phrases.
    merged: list[tuple[str, str, int]] = []
    for run in runs:
        if merged and merged[-1][0] == run[0] and merged[-1][2] == run[2]:
            merged[-1] = (run[0], merged[-1][1] + run[1], run[2])
        else:
            merged.append(run)
    if not merged:
        return merged
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


@dataclass(frozen=True)
class _Break:
    start: int
    end: int
    hyphen: bool = False


def _breaks(text: str, lang: str) -> list[int]:
    """Line-break opportunities, less those after a hyphen inside a code ("NU-SNU-2022", "ISCED-F 0613"):
    a word holding a figure is an identifier, read whole."""
    breaks = [b for b in ut.line_breaks(text, lang) if b > 0]
    if "-" not in text:
        return breaks
    kept = []
    for b in breaks:
        if b < len(text) and text[b - 1] == "-":
            start = text.rfind(" ", 0, b) + 1
            end = text.find(" ", b)
            if any(c.isdigit() for c in text[start:end if end >= 0 else len(text)]):
                continue
        kept.append(b)
    return kept


def _fits(text: str, width: float, size: float, bold: bool) -> bool:
    return text_width(text.rstrip(_SPACES), size, bold) <= width


def _hyphenate(word: str, room: float, size: float, bold: bool, lang: str) -> int | None:
    """The longest start of ``word`` that fits ``room`` with a hyphen after it (an index into the word)."""
    for point in reversed(hyphenation.points(word, lang)):
        if text_width(word[:point] + HYPHEN, size, bold) <= room:
            return point
    return None


def _break_paragraph(text: str, width: float, size: float, bold: bool, lang: str) -> list[_Break]:
    """Lines of one paragraph in logical order: ICU's break opportunities, then hyphenation, then clusters."""
    breaks = _breaks(text, lang)
    lines: list[_Break] = []
    start = 0  # first character of the current line
    last_fit = None  # the furthest break opportunity whose text fits on the current line
    index = 0
    while index < len(breaks):
        candidate = breaks[index]
        if _fits(text[start:candidate], width, size, bold):
            last_fit = candidate
            index += 1
            continue
        if last_fit is not None:  # end the line at the last opportunity that fitted
            lines.append(_Break(start, last_fit))
            start, last_fit = last_fit, None
            continue
        # The piece up to the next opportunity (one word) is wider than a whole line: hyphenate it.
        word = text[start:candidate].rstrip(_SPACES)
        point = _hyphenate(word, width, size, bold, lang)
        if point is None:
            point = _cluster_break(word, width, size, bold, lang)
            lines.append(_Break(start, start + point))
        else:
            lines.append(_Break(start, start + point, True))
        start = start + point
    if start < len(text) or not lines:
        lines.append(_Break(start, len(text)))
    return lines


def _cluster_break(word: str, width: float, size: float, bold: bool, lang: str) -> int:
    """Last resort for a word that has no hyphenation point narrow enough: between grapheme clusters."""
    used = 0
    for cluster in ut.clusters(word, lang):
        if used and text_width(word[:used + len(cluster)], size, bold) > width:
            return used
        used += len(cluster)
    return max(used, 1)


def wrap(text: str, width: float, size: float, bold: bool = False, lang: str = "en") -> list[str]:
    """Logical-order lines no wider than ``width`` (a hyphen ends a line where a word was divided)."""
    lines: list[str] = []
    for paragraph in _paragraphs(text):
        for part in _break_paragraph(paragraph, width, size, bold, lang):
            lines.append(paragraph[part.start:part.end].strip(_SPACES) + (HYPHEN if part.hyphen else ""))
    return lines


def _paragraphs(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _shape(text: str, line_levels: list[int] | None, base: int, size: float, bold: bool,
           hyphenated: bool = False) -> Line:
    keep = [i for i, c in enumerate(text) if c not in ut.BIDI_CONTROLS]
    if len(keep) != len(text):
        text = "".join(text[i] for i in keep)
        line_levels = [line_levels[i] for i in keep] if line_levels is not None else None
    segments = tuple(_piece(run, face, bold, size, level % 2 == 1)
                     for face, run, level in _visual_runs(text, line_levels, base) if run)
    return Line(segments, sum(s.width for s in segments), bool(base), hyphenated)


def shape_line(text: str, size: float, bold: bool = False, rtl: bool | None = None) -> Line:
    """One line, not wrapped."""
    base = ut.base_level(text) if rtl is None else int(bool(rtl))
    text = text.replace("\n", " ")
    line_levels = ut.levels(text, base) if (base or has_rtl(text)) else None
    return _shape(text, line_levels, base, size, bold)


def layout(text: str, width: float, size: float, bold: bool = False, rtl: bool | None = None,
           lang: str = "en") -> list[Line]:
    """``text`` wrapped to ``width``: each paragraph's levels resolved once, then broken, then reordered."""
    if not rtl and _SIMPLE.fullmatch(text):
        from reportlab.pdfbase.pdfmetrics import stringWidth

        name = fonts.font_name(fonts.BASE, bold)
        line_width = stringWidth(text, name, size)
        if line_width <= width:
            return [Line((Segment(name, text, line_width),), line_width, False)]
    lines: list[Line] = []
    for paragraph in _paragraphs(text):
        base = ut.base_level(paragraph) if rtl is None else int(bool(rtl))
        paragraph_levels = ut.levels(paragraph, base) if (base or has_rtl(paragraph)) else None
        for part in _break_paragraph(paragraph, width, size, bold, lang):
            start, end = part.start, part.end
            while start < end and paragraph[start] in _SPACES:
                start += 1
            while end > start and paragraph[end - 1] in _SPACES:
                end -= 1
            piece = paragraph[start:end]
            piece_levels = list(paragraph_levels[start:end]) if paragraph_levels is not None else None
            if part.hyphen:
                piece += HYPHEN
                if piece_levels is not None:
                    piece_levels.append(piece_levels[-1] if piece_levels else base)
            lines.append(_shape(piece, piece_levels, base, size, bold, part.hyphen))
    return lines


def longest_word_width(text: str, size: float, bold: bool = False, lang: str = "en") -> float:
    """The widest piece of ``text`` between two line-break opportunities: the narrowest a column holding
    ``text`` can be without dividing a word."""
    widest = 0.0
    for paragraph in _paragraphs(text):
        previous = 0
        for position in _breaks(paragraph, lang):
            widest = max(widest, text_width(paragraph[previous:position].strip(_SPACES), size, bold))
            previous = position
    return widest


def hyphenated_width(text: str, size: float, bold: bool = False, lang: str = "en") -> float:
    """The narrowest a column can be when its words are hyphenated (the widest syllable group plus hyphen)."""
    widest = 0.0
    for word in text.split():
        cuts = (0, *hyphenation.points(word, lang), len(word))
        for a, b in zip(cuts, cuts[1:], strict=False):
            piece = word[a:b] + (HYPHEN if b < len(word) else "")
            widest = max(widest, text_width(piece, size, bold))
    return widest


def draw_line(canvas, line: Line, x: float, y: float, width: float, size: float, align: str = "start",
              text=None) -> None:
    """Draw one laid-out line in the box [x, x+width]; ``start`` follows the line's direction.

    With ``text`` (a :class:`TextWriter`) the line is added to it instead of being drawn string by
    string, which saves reportlab re-measuring every string.
    """
    if align == "start":
        align = "right" if line.rtl else "left"
    elif align == "end":
        align = "left" if line.rtl else "right"
    if align == "right":
        x += width - line.width
    elif align == "center":
        x += (width - line.width) / 2
    writer = text if text is not None else TextWriter(canvas, canvas._fillColorObj)  # noqa: SLF001
    for segment in line.segments:
        writer.put(segment, size, x, y)
        x += segment.width
    if text is None:
        writer.finish()


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
    absolute, so drawing a table page costs little more than writing its text.

    A shaped run is wrapped in a marked-content span whose ``/ActualText`` is the run's logical text:
    shaped glyphs (joined Arabic letters, the lam-alef ligature, Indic conjuncts) have no Unicode value
    of their own, so without it a reader copying or searching the PDF gets presentation forms or
    private-use characters, and loses the zero-width non-joiner that Persian spelling needs."""

    def __init__(self, canvas, color=None):
        self.canvas = canvas
        self.text = canvas.beginText()
        self.font: tuple[str, float] | None = None
        self.color = color
        self.stroking = False
        if color is not None:
            self.text.setFillColor(color)

    def put(self, segment: Segment | str, size: float, x: float, y: float, value=None) -> None:
        if not isinstance(segment, Segment):  # put(font, size, x, y, value): a plain string
            segment = Segment(segment, value, 0.0)
        code = self.text._code  # noqa: SLF001
        if self.font != (segment.font, size):
            self.text.setFont(segment.font, size)
            self.font = (segment.font, size)
        if segment.fake_bold != self.stroking:
            self._fake_bold(segment.fake_bold, size)
        self.text.setTextOrigin(x, y)
        if segment.actual is not None:
            code.append(f"/Span <</ActualText <FEFF{segment.actual.encode('utf-16-be').hex().upper()}>>> BDC")
        self.text._textOut(segment.text)  # noqa: SLF001 - the public textOut measures the string again
        if segment.actual is not None:
            code.append("EMC")

    def _fake_bold(self, on: bool, size: float) -> None:
        """A face with one weight (the CJK font) is emboldened by stroking its outlines in the fill colour."""
        code = self.text._code  # noqa: SLF001
        if on:
            if self.color is not None:
                self.text.setStrokeColor(self.color)
            code.append(f"{size * 0.035:.3f} w 2 Tr")
        else:
            code.append("0 Tr")
        self.stroking = on

    def set_color(self, color) -> None:
        self.color = color
        self.text.setFillColor(color)
        if self.stroking:
            self.text.setStrokeColor(color)

    def finish(self) -> None:
        if self.stroking:
            self.text._code.append("0 Tr")  # noqa: SLF001
        self.canvas.drawText(self.text)
