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

# Curricula and calendars
from desktop_app.storage.models import AcademicCalendar, Programme  # noqa: E402

FIGURES += [
    Figure("joint_programmes", N_("Joint programmes"), "curricula", _count(Programme)),
    Figure("academic_calendars", N_("Academic calendars"), "calendars", _count(AcademicCalendar)),
]


def _agreements_in_force(session: Session) -> int:
    from desktop_app.services.agreements import in_force_count

    return in_force_count(session)


def _expiring_agreements(session: Session) -> int:
    from desktop_app.services.agreements import expiring_count

    return expiring_count(session)


FIGURES.append(Figure("agreements_in_force", N_("Agreements in force"), "agreements", _agreements_in_force))
FIGURES.append(Figure("expiring_agreements", N_("Agreements expiring within 90 days"), "agreements",
                      _expiring_agreements))


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
from desktop_app.storage.models import RecognitionCase  # noqa: E402

register_figure(Figure("recognition_pending", N_("Recognition cases awaiting a decision"), "recognition",
                       _count(RecognitionCase, RecognitionCase.status.in_(["received", "under_evaluation"]))))
