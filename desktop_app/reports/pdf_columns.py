"""Column widths of a PDF table, sized from what the columns hold.

Every column is first given the width of its longest word (at its font: the header row is bold), so
no word has to be divided; the room left goes to the columns whose text would otherwise wrap, in
proportion to how much more they would use. When even the longest words do not fit side by side, the
columns whose words hyphenate (:mod:`hyphenation`) give up width first, down to their widest syllable
group; only a table too wide for that (a matrix of many states) is narrowed further, and then a word
is broken between grapheme clusters as a last resort.

Measuring every word of a 40,000-row register would cost more than drawing it, so for each column
only the cells with the most characters are measured (:data:`CANDIDATES`): the widest text is almost
always among the longest. A word the sample missed is hyphenated when it is drawn.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from desktop_app.reports import textlayout as tl
from desktop_app.reports.model import Column

CANDIDATES = 24
#: Below this many rows every cell is measured.
MEASURE_ALL = 600


def _candidates(texts: Sequence[str], by) -> list[str]:
    if len(texts) <= MEASURE_ALL:
        return list(texts)
    return heapq.nlargest(CANDIDATES, texts, key=by)


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


def keep_figures_together(text: str) -> str:
    from desktop_app.reports.pdf_flowables import keep_figures_together as keep

    return keep(text)


def _narrow_words_before_figures(widths: list[float], figures: list[bool], avail: float) -> list[float]:
    """Narrow the columns of words, not those whose longest word is a figure (a date, a code such as
    ENU-MSU-DD-2024, an amount): a word of a script without a hyphenation dictionary may break between
    letters, a figure cut in two ("202" / "2") misleads. Every column alike when the words' columns alone
    cannot make the room (they keep at least half their width)."""
    fixed = sum(w for w, figure in zip(widths, figures, strict=False) if figure)
    flexible = sum(widths) - fixed
    if flexible > 0 and fixed < avail and (avail - fixed) / flexible >= 0.5:
        scale = (avail - fixed) / flexible
        return [w if figure else w * scale for w, figure in zip(widths, figures, strict=False)]
    scale = avail / sum(widths)
    return [w * scale for w in widths]


def column_widths(columns: Sequence[Column], rows: Sequence[Sequence[str]], avail: float, size: float,
                  pad: float, lang: str) -> list[float]:
    count = len(columns)
    if count == 0:
        return []
    cells: list[list[str]] = [[] for _ in range(count)]
    for row in rows:
        for i in range(min(count, len(row))):
            value = row[i]
            if value:
                cells[i].append(keep_figures_together(str(value)))
    word_min, natural, hyphen_min, figures = [], [], [], []
    for i, column in enumerate(columns):
        texts = cells[i]
        words = _candidates(texts, _longest_word)
        figures.append(any(any(ch.isdigit() for ch in max(t.split(), key=len, default="")) for t in words))
        longest = max((tl.longest_word_width(t, size, False, lang) for t in words), default=0.0)
        heading = tl.longest_word_width(column.title, size, True, lang)
        word_min.append(max(longest, heading) + 2 * pad)
        widest = max((max(tl.text_width(line, size) for line in t.split("\n")) for t in _candidates(texts, len)),
                     default=0.0)
        natural.append(max(widest, tl.text_width(column.title, size, True), word_min[-1] - 2 * pad) + 2 * pad)
        hyphenated = max((tl.hyphenated_width(t, size, False, lang) for t in words), default=0.0)
        hyphen_min.append(max(hyphenated, tl.hyphenated_width(column.title, size, True, lang)) + 2 * pad)
    hyphen_min = [min(h, w) for h, w in zip(hyphen_min, word_min, strict=False)]
    widths = list(word_min)
    excess = sum(widths) - avail
    if excess > 0:
        # Hyphenate where it gains most, one column at a time, until the words fit side by side.
        while excess > 0.01:
            gains = [(widths[i] - hyphen_min[i], i) for i in range(count) if widths[i] - hyphen_min[i] > 0.01]
            if not gains:
                break
            gain, i = max(gains)
            cut = min(gain, excess)
            widths[i] -= cut
            excess -= cut
        if excess > 0.01:  # still too wide: words must break between letters somewhere
            widths = _narrow_words_before_figures(widths, figures, avail)
        return widths
    # Room to spare: give it to the columns that would wrap, in proportion to what they lack.
    spare = avail - sum(widths)
    wants = [max(0.0, natural[i] - widths[i]) for i in range(count)]
    total_want = sum(wants)
    if total_want >= spare and total_want > 0:
        return [w + spare * want / total_want for w, want in zip(widths, wants, strict=False)]
    widths = [w + want for w, want in zip(widths, wants, strict=False)]
    spare -= total_want
    # Everything fits on one line: the rest goes by the columns' weights (the designer's proportions).
    weights = [max(c.weight, 0.01) for c in columns]
    if spare > 0:
        widths = [w + spare * weight / sum(weights) for w, weight in zip(widths, weights, strict=False)]
    return widths
