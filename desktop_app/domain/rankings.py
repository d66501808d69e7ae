"""University rankings as published: the rank text is kept verbatim ("=99", "201–250", "501- 550",
"1001+", "Reporter") and read into a best/worst position for sorting and the TOP-500 indicator."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from desktop_app.i18n import N_


class RankingSystem(StrEnum):
    QS = "qs"
    THE = "the"
    ARWU = "arwu"
    NATIONAL = "national"


RANKING_SYSTEM_LABELS = {
    RankingSystem.QS: N_("QS World University Rankings"),
    RankingSystem.THE: N_("Times Higher Education World University Rankings"),
    RankingSystem.ARWU: N_("Academic Ranking of World Universities (ARWU)"),
    RankingSystem.NATIONAL: N_("National ranking"),
}

TOP_LIMIT = 500  # the recommendations ask strategic partners to be in a TOP-500


@dataclass(frozen=True)
class RankPosition:
    best: int | None  # None: unranked ("Reporter", empty)
    worst: int | None
    open_ended: bool = False  # "1001+"

    @property
    def within_top(self) -> bool:
        """True only when the whole published band lies inside the TOP-500."""
        return self.worst is not None and not self.open_ended and self.worst <= TOP_LIMIT


_NUMBER = re.compile(r"\d+")


def parse_rank(text: str | None) -> RankPosition:
    """``"=99"`` -> 99..99; ``"201–250"`` / ``"501- 550"`` -> 201..250; ``"1001+"`` -> 1001.., open."""
    value = (text or "").strip()
    numbers = [int(n) for n in _NUMBER.findall(value)]
    if not numbers:
        return RankPosition(None, None)
    if value.endswith("+"):
        return RankPosition(numbers[0], None, open_ended=True)
    if len(numbers) >= 2:
        low, high = sorted(numbers[:2])
        return RankPosition(low, high)
    return RankPosition(numbers[0], numbers[0])
