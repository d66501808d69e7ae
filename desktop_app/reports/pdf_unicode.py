"""Searchable, copyable text from shaped right-to-left runs: a correct ToUnicode map.

HarfBuzz turns Persian and Arabic letters into contextual glyphs. reportlab names each glyph by the
first character the font maps to it — an Arabic presentation form (U+FExx) — or, for a glyph no
character maps to (the parts of the lam-alef ligature «لا»), by a private-use character; the PDF's
ToUnicode map then tells a reader those characters, so copying or searching a Persian report gave
presentation forms and private-use characters instead of the words as typed.

Here the map tells the truth: each glyph is mapped to the logical characters it was shaped from
(known from HarfBuzz's clusters, recorded by ``textlayout`` as it shapes) and presentation forms to
their letters. Readers then rebuild the logical order from the glyphs' positions, as they do for any
right-to-left PDF. (``/ActualText`` would do for left-to-right scripts, and is used for them; poppler
reverses it in right-to-left runs, so it is not used there.)
"""

from __future__ import annotations

import threading
import unicodedata

_lock = threading.Lock()
#: {(font's PostScript name, character reportlab gave a glyph): the logical text of that glyph}
_glyph_text: dict[tuple[str, int], str] = {}
_PRIVATE_USE = ((0xE000, 0xF8FF), (0xF0000, 0x10FFFF))


def _is_private(code: int) -> bool:
    return any(first <= code <= last for first, last in _PRIVATE_USE)


def record(font_name: str, shaped: str, clusters: list[int], source: str) -> None:
    """Remember what each private-use glyph of a shaped run stands for (from its cluster in ``source``)."""
    private = [(i, ord(c)) for i, c in enumerate(shaped) if _is_private(ord(c))]
    if not private:
        return
    from reportlab.pdfbase import pdfmetrics

    face = pdfmetrics.getFont(font_name).face.name
    face = face.decode("latin-1") if isinstance(face, bytes) else str(face)
    starts = sorted(set(clusters))
    following = {start: (starts[n + 1] if n + 1 < len(starts) else len(source)) for n, start in enumerate(starts)}
    with _lock:
        for index, code in private:
            cluster = clusters[index]
            _glyph_text.setdefault((face, code), source[cluster:following[cluster]])


def text_of(font: str, code: int) -> str:
    """What a reader should get for character ``code`` of ``font`` (a subset's name such as AAAAAA+Name)."""
    face = font.split("+", 1)[-1]
    known = _glyph_text.get((face, code))
    if known:
        return known
    char = chr(code)
    if 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:  # Arabic presentation forms: the letters
        return unicodedata.normalize("NFKC", char)
    return char


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap for a font subset, each code mapped to its logical text."""
    entries = [f"<{i:02X}> <{_utf16_hex(text_of(fontname, code))}>" for i, code in enumerate(subset)]
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap", "/CIDSystemInfo",
        f"<< /Registry ({fontname})", f"/Ordering ({fontname})", "/Supplement 0", ">> def",
        f"/CMapName /{fontname} def", "/CMapType 2 def", "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>", "endcodespacerange", f"{len(subset)} beginbfchar", *entries,
        "endbfchar", "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"])


def install() -> None:
    """Have reportlab write our ToUnicode maps (once per process)."""
    from reportlab.pdfbase import ttfonts

    if ttfonts.makeToUnicodeCMap is not to_unicode_cmap:
        ttfonts.makeToUnicodeCMap = to_unicode_cmap
