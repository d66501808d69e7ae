"""Colours of charts, on screen and in print: one palette that readers with colour-blindness can tell apart.

The Okabe–Ito palette (Okabe & Ito, "Color Universal Design", 2008; recommended by Wong, Nature Methods
8:441, 2011) keeps its colours distinct for deuteranopia, protanopia and tritanopia. Its black is
replaced by a grey so that a bar never reads as text. Charts cycle through ``CHART`` in order; the UI
charts (Qt) and the PDF charts (reportlab) both take their colours from here.
"""

from __future__ import annotations

BLUE = "#0072B2"
ORANGE = "#E69F00"
BLUISH_GREEN = "#009E73"
VERMILLION = "#D55E00"
REDDISH_PURPLE = "#CC79A7"
SKY_BLUE = "#56B4E9"
YELLOW = "#F0E442"
GREY = "#7F7F7F"

#: The order in which a chart's series or slices take their colours.
CHART: tuple[str, ...] = (BLUE, ORANGE, BLUISH_GREEN, VERMILLION, REDDISH_PURPLE, SKY_BLUE, YELLOW, GREY)
#: One-series charts (bars of one kind).
SINGLE = BLUE


def chart_colour(index: int) -> str:
    return CHART[index % len(CHART)]
