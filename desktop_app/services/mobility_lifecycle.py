"""A mobility's life cycle: its dated moves from nomination to completion, its history and what needs the
coordinator's attention about it (the rules are in domain/mobility_lifecycle.py).

A move changes the mobility record and adds a step to its history in one transaction; the history is owned
by the record (``ON DELETE CASCADE``), so the GUI undoes a move as a change to the record
(``commands.ChangeRecord`` over ``services.mobility``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop_app.domain.calendars import PeriodKind
from desktop_app.domain.errors import NotFoundError, UserError
from desktop_app.domain.mobility_lifecycle import (
    MobilityFacts,
    MobilityStatus,
    Warning,
    check_move,
    warnings,
)
from desktop_app.domain.preferences import Options
from desktop_app.services import learning_agreements
from desktop_app.storage.database import Database
from desktop_app.storage.models import (
    AcademicCalendar,
    CalendarPeriod,
    MobilityRecord,
    MobilityStatusChange,
)

TOPICS = frozenset({"mobility"})
H = MobilityStatusChange


@dataclass(frozen=True)
class Step:
    status: str
    changed_on: dt.date
    note: str


def _record(session: Session, mobility_id: int) -> MobilityRecord:
    record = session.get(MobilityRecord, mobility_id)
    if record is None:
        raise NotFoundError("The mobility record no longer exists (id {id}); perhaps it was deleted.", id=mobility_id)
    return record


def _last_step(session: Session, mobility_id: int) -> dt.date | None:
    return session.execute(select(func.max(H.changed_on)).where(H.mobility_id == mobility_id)).scalar_one_or_none()


def move(db: Database, mobility_id: int, target: str, on: dt.date | None = None, note: str = "") -> None:
    """Move the mobility to ``target``, dated ``on`` (today when not given). A student's mobility is
    marked as having its learning agreement signed only when a version carries all three signatures."""
    on = on or dt.date.today()
    with db.transaction(changes=set(TOPICS)) as session:
        record = _record(session, mobility_id)
        check_move(record.status, target, record.person_kind, on, _last_step(session, mobility_id))
        if (target == MobilityStatus.LA_SIGNED
                and mobility_id not in learning_agreements.signed_mobility_ids(session, [mobility_id])):
            raise UserError("The learning agreement is not yet signed by the student and both coordinators.",
                            field="status")
        record.status = str(target)
        session.add(H(mobility_id=mobility_id, status=str(target), changed_on=on, note=note.strip()))


def history(db: Database, mobility_id: int) -> list[Step]:
    """The mobility's steps, oldest first."""
    with db.reading() as session:
        _record(session, mobility_id)
        rows = session.execute(select(H.status, H.changed_on, H.note).where(H.mobility_id == mobility_id)
                               .order_by(H.changed_on, H.id)).all()
    return [Step(status, changed_on, note) for status, changed_on, note in rows]


def mark_transcript_received(db: Database, mobility_id: int, on: dt.date | None) -> None:
    with db.transaction(changes=set(TOPICS)) as session:
        _record(session, mobility_id).transcript_received_on = on


def nomination_deadline(session: Session, university_id: int, start: dt.date) -> dt.date | None:
    """The receiving university's last nomination deadline before the stay starts, from its calendars."""
    return session.execute(
        select(func.max(CalendarPeriod.end_date))
        .join(AcademicCalendar, AcademicCalendar.id == CalendarPeriod.calendar_id)
        .where(AcademicCalendar.university_id == university_id,
               CalendarPeriod.kind == PeriodKind.NOMINATION_DEADLINE, CalendarPeriod.end_date <= start)
    ).scalar_one_or_none()


def facts(db: Database, mobility_id: int) -> MobilityFacts:
    with db.reading() as session:
        record = _record(session, mobility_id)
        nominated_on = session.execute(select(func.min(H.changed_on)).where(
            H.mobility_id == mobility_id, H.status == MobilityStatus.NOMINATED)).scalar_one_or_none()
        agreement = learning_agreements.get_in(session, mobility_id)
        return MobilityFacts(
            person_kind=record.person_kind, format=record.format, status=record.status,
            start_date=record.start_date, end_date=record.end_date, nominated_on=nominated_on,
            nomination_deadline=nomination_deadline(session, record.receiving_university_id, record.start_date),
            has_learning_agreement=agreement is not None,
            agreement_signed=bool(agreement is not None and agreement.ever_signed()),
            transcript_received_on=record.transcript_received_on)


def warnings_of(db: Database, mobility_id: int, options: Options, today: dt.date | None = None) -> list[Warning]:
    """What needs attention about one mobility, by the days of the user's preferences."""
    return warnings(facts(db, mobility_id), options.signature_warning_days, options.transcript_overdue_days, today)
