"""Academic calendar use cases: read and save a university's year, copy it forward, overlay partners."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, overload

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop_app.domain.calendars import (
    JointCalendar,
    Period,
    academic_year_of,
    check_period,
    copy_periods_forward,
    joint_calendar,
    next_academic_year,
    parse_academic_year,
)
from desktop_app.domain.errors import ConflictError, NotFoundError, ValidationError
from desktop_app.storage.database import Database
from desktop_app.storage.models import AcademicCalendar, CalendarPeriod, MemberState, Programme, University

TOPIC = "calendars"


@dataclass(frozen=True)
class UniversityInfo:
    id: int
    name: str
    country_code: str
    calendar_system: str  # gregorian | persian | buddhist, from the member state


def university_info(db: Database, university_id: int) -> UniversityInfo:
    with db.reading() as session:
        return _university_info(session, university_id)


def _university_info(session: Session, university_id: int) -> UniversityInfo:
    university = session.get(University, university_id)
    if university is None:
        raise NotFoundError("There is no university with the number {id}.", id=university_id)
    system = (
        session.execute(
            select(MemberState.calendar).where(MemberState.code == university.country_code)
        ).scalar_one_or_none()
        or "gregorian"
    )
    return UniversityInfo(university.id, university.display_name, university.country_code, system)


@overload
def _calendar(session: Session, university_id: int, year: str, create: Literal[True]) -> AcademicCalendar: ...


@overload
def _calendar(session: Session, university_id: int, year: str, create: bool) -> AcademicCalendar | None: ...


def _calendar(session: Session, university_id: int, year: str, create: bool) -> AcademicCalendar | None:
    calendar = session.execute(
        select(AcademicCalendar)
        .options(selectinload(AcademicCalendar.periods))
        .where(AcademicCalendar.university_id == university_id, AcademicCalendar.academic_year == year)
    ).scalar_one_or_none()
    if calendar is None and create:
        _university_info(session, university_id)
        calendar = AcademicCalendar(university_id=university_id, academic_year=year, periods=[])
        session.add(calendar)
    return calendar


def _to_period(row: CalendarPeriod) -> Period:
    return Period(
        row.kind, row.start_date, row.end_date, row.title, row.required_attendance, row.source_uid, row.uuid
    )


def get_periods(db: Database, university_id: int, year: str) -> list[Period]:
    year = parse_academic_year(year)
    with db.reading() as session:
        calendar = _calendar(session, university_id, year, create=False)
        return [_to_period(p) for p in calendar.periods] if calendar else []


def calendar_years(db: Database, university_id: int) -> list[str]:
    with db.reading() as session:
        return list(
            session.execute(
                select(AcademicCalendar.academic_year)
                .where(AcademicCalendar.university_id == university_id)
                .order_by(AcademicCalendar.academic_year)
            ).scalars()
        )


def default_university(db: Database, state_code: str | None) -> int | None:
    """The university a coordinator most likely wants to see first: one of their own state's with a
    calendar (the parent university first), else any university with a calendar."""
    with db.reading() as session:
        rows = session.execute(
            select(University.id, University.country_code, University.network_role)
            .join(AcademicCalendar, AcademicCalendar.university_id == University.id)
            .distinct()
        ).all()
    if not rows:
        return None
    own = (state_code or "").upper()
    return min(rows, key=lambda r: (r.country_code != own, r.network_role != "parent", r.id)).id


def _check(periods: Iterable[Period]) -> None:
    for index, period in enumerate(periods, start=1):
        errors = check_period(period)
        if errors:
            raise ValidationError(errors={f"period_{index}": message for message in errors.values()})


def _apply(calendar: AcademicCalendar, periods: list[Period]) -> None:
    """Replace the calendar's periods, keeping rows (and so their UUIDs) that the user kept."""
    existing = {row.uuid: row for row in calendar.periods}
    rows = []
    for period in periods:
        row = existing.get(period.uuid) if period.uuid else None
        if row is None:
            row = CalendarPeriod()
            if period.uuid:
                row.uuid = period.uuid
        row.kind, row.title = period.kind, period.title
        row.start_date, row.end_date = period.start, period.end
        row.required_attendance, row.source_uid = period.required_attendance, period.uid or ""
        rows.append(row)
    calendar.periods = rows


def save_periods(db: Database, university_id: int, year: str, periods: list[Period]) -> None:
    year = parse_academic_year(year)
    _check(periods)
    with db.transaction(changes={TOPIC}) as session:
        _apply(_calendar(session, university_id, year, create=True), periods)


def copy_year_forward(db: Database, university_id: int, year: str) -> str:
    """Copy a year's periods to the next academic year (terms keep their weekday, holidays their date)."""
    year = parse_academic_year(year)
    target = next_academic_year(year)
    with db.transaction(changes={TOPIC}) as session:
        source = _calendar(session, university_id, year, create=False)
        if source is None or not source.periods:
            raise NotFoundError("There is no calendar for {year} to copy.", year=year)
        existing = _calendar(session, university_id, target, create=False)
        if existing is not None and existing.periods:
            raise ConflictError(
                "The calendar for {year} already has periods; nothing was copied.", year=target
            )
        _apply(
            _calendar(session, university_id, target, create=True),
            copy_periods_forward(_to_period(p) for p in source.periods),
        )
    return target


def merge_imported(db: Database, university_id: int, periods: list[Period], progress=None) -> dict[str, int]:
    """Store imported periods in the calendar of each one's academic year; a period whose source UID is
    already there is updated, not duplicated (so importing a feed again is safe)."""
    _check(periods)
    created = updated = 0
    with db.transaction(changes={TOPIC}) as session:
        calendars: dict[str, AcademicCalendar] = {}
        for index, period in enumerate(periods):
            if progress is not None:
                progress.check_cancelled()
                progress.report(index, len(periods))
            year = academic_year_of(period.start)
            if year not in calendars:
                calendars[year] = _calendar(session, university_id, year, create=True)
            calendar = calendars[year]
            row = next((p for p in calendar.periods if period.uid and p.source_uid == period.uid), None)
            keep_uuid = False
            if row is None and period.uuid:
                # Our own export: the same record if it is in this calendar; a fresh UUID if the file came
                # from another university's calendar (a UUID names one record only).
                row = next((p for p in calendar.periods if p.uuid == period.uuid), None)
                keep_uuid = (
                    row is None
                    and session.execute(
                        select(CalendarPeriod.id).where(CalendarPeriod.uuid == period.uuid)
                    ).first()
                    is None
                )
            if row is None:
                row = CalendarPeriod()
                if keep_uuid:
                    row.uuid = period.uuid
                calendar.periods.append(row)
                created += 1
            else:
                updated += 1
            row.kind, row.title = period.kind, period.title
            row.start_date, row.end_date = period.start, period.end
            row.required_attendance, row.source_uid = period.required_attendance, period.uid or ""
        if progress is not None:
            progress.report(len(periods), len(periods))
    return {"created": created, "updated": updated, "years": len(calendars)}


def programme_universities(db: Database, programme_id: int) -> list[int]:
    with db.reading() as session:
        programme = session.get(Programme, programme_id, options=[selectinload(Programme.partners)])
        if programme is None:
            raise NotFoundError("There is no programme with the number {id}.", id=programme_id)
        return [partner.university_id for partner in programme.partners]


def joint_calendar_for(db: Database, university_ids: list[int], year: str) -> JointCalendar:
    """The overlay of the chosen universities' calendars for a year, labelled by university name."""
    year = parse_academic_year(year)
    calendars: dict[str, list[Period]] = {}
    with db.reading() as session:
        for university_id in university_ids:
            info = _university_info(session, university_id)
            calendar = _calendar(session, university_id, year, create=False)
            calendars[info.name] = [_to_period(p) for p in calendar.periods] if calendar else []
    return joint_calendar(year, calendars)


def joint_calendar_for_programme(db: Database, programme_id: int, year: str) -> JointCalendar:
    return joint_calendar_for(db, programme_universities(db, programme_id), year)


def calendar_entries(
    db: Database, university_ids: list[int], year: str
) -> list[tuple[UniversityInfo, list[Period]]]:
    year = parse_academic_year(year)
    result = []
    with db.reading() as session:
        for university_id in university_ids:
            calendar = _calendar(session, university_id, year, create=False)
            result.append(
                (
                    _university_info(session, university_id),
                    [_to_period(p) for p in calendar.periods] if calendar else [],
                )
            )
    return result
