"""Live counts for the dashboard. Each area registers what it counts; one query per figure."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.i18n import N_
from desktop_app.storage.database import Database
from desktop_app.storage.models import MemberState, University


@dataclass(frozen=True)
class Figure:
    key: str
    title: str  # msgid, translated where shown
    area: str  # navigation key of the area it belongs to
    query: Callable[[Session], int]


def _count(model, *conditions):
    def run(session: Session) -> int:
        return session.execute(select(func.count()).select_from(model).where(*conditions)).scalar_one()

    return run


FIGURES: list[Figure] = [
    Figure("member_states", N_("Member states"), "dashboard", _count(MemberState, MemberState.is_member.is_(True))),
    Figure("universities", N_("Universities"), "universities", _count(University)),
    Figure("parent_universities", N_("Parent universities"), "universities",
           _count(University, University.network_role == "parent")),
    Figure("active_members", N_("Active members"), "universities", _count(University, University.status == "active")),
]


def register_figure(figure: Figure) -> None:
    if all(existing.key != figure.key for existing in FIGURES):
        FIGURES.append(figure)


def live_counts(db: Database) -> dict[str, int]:
    with db.reading() as session:
        return {figure.key: figure.query(session) for figure in FIGURES}


@dataclass(frozen=True)
class FigureValue:
    key: str
    title: str  # msgid
    area: str
    value: int


def live_figures(db: Database) -> list[FigureValue]:
    """Every registered figure with its current value, in dashboard order."""
    with db.reading() as session:
        return [FigureValue(f.key, f.title, f.area, f.query(session)) for f in FIGURES]

register_figure(Figure("top500_universities", N_("Universities in a world TOP-500"), "universities",
                       _count(University, University.top500.is_(True))))
