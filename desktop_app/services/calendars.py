"""Academic calendars, following the area contract (docs/architecture.md): one record is one university's
academic year with its periods. One call = one transaction.

Besides the contract: the calendar of a university for a year (``find``), the years a university has
(``years_of``), a copy of a year moved to the next (``next_year_draft``), the import of a published
feed into several years at once (``import_periods``, one transaction), and the joint calendar of
several universities (``joint_calendar_for``).
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from sqlalchemy import BindParameter, String, and_, bindparam, func, or_, select, type_coerce
from sqlalchemy.orm import Session, selectinload

from desktop_app.domain.calendars import (
    CalendarDraft,
    JointCalendar,
    Period,
    academic_year_of,
    calendar_problems,
    copy_periods_forward,
    joint_calendar,
    next_academic_year,
    parse_academic_year,
    periods_problems,
)
from desktop_app.domain.contract import PAGE_SIZE, Choice, Message, Page, Problems, Record, Snapshot
from desktop_app.domain.errors import ConflictError, NotFoundError, ValidationError
from desktop_app.domain.progress import NO_PROGRESS, Progress
from desktop_app.domain.text import fold_for_search
from desktop_app.services import records
from desktop_app.storage.database import Database
from desktop_app.storage.models import AcademicCalendar, CalendarPeriod, MemberState, Programme, University

TOPIC = "calendars"
KIND = "calendar"
TOPICS = frozenset({TOPIC})


@dataclass(frozen=True)
class UniversityInfo:
    id: int
    name: str
    country_code: str
    calendar_system: str  # gregorian | persian | buddhist, from the member state


@dataclass(frozen=True)
class CalendarQuery:
    search: str = ""  # every word, in any of the university's names, its acronym or city
    university_id: int | None = None
    academic_year: str | None = None
    country: str | None = None
    sort: str = "university"  # "university" (then year) | "year" (then university)
    descending: bool = False


@dataclass(slots=True)  # not frozen: a frozen dataclass costs several times more to build, 200 a page
class CalendarRow:
    id: int
    university_id: int
    university_name: str
    country_code: str
    academic_year: str
    periods: int = 0
    first_day: object = None  # the first day of its first period
    last_day: object = None


# -- the contract ------------------------------------------------------------------------------------


def validate(draft: CalendarDraft) -> Problems:
    return calendar_problems(draft)


def _checked(session: Session, draft: CalendarDraft, own_id: int | None) -> CalendarDraft:
    problems = validate(draft)
    if problems:
        raise ValidationError(problems)
    year = parse_academic_year(draft.academic_year)
    info = _university_info(session, draft.university_id)  # type: ignore[arg-type]
    query = select(AcademicCalendar.id).where(AcademicCalendar.university_id == info.id,
                                              AcademicCalendar.academic_year == year)
    if own_id is not None:
        query = query.where(AcademicCalendar.id != own_id)
    if session.execute(query).first() is not None:
        raise ConflictError("{university} already has a calendar for {year}.", field="academic_year",
                            university=info.name, year=year)
    return CalendarDraft(info.id, year, list(draft.periods), draft.notes)


def _to_period(row: CalendarPeriod) -> Period:
    return Period(row.kind, row.start_date, row.end_date, row.title, row.required_attendance, row.source_uid,
                  row.uuid, row.location or "", row.url or "")


def _write_period(row: CalendarPeriod, period: Period) -> CalendarPeriod:
    row.kind, row.title = period.kind, period.title
    row.start_date, row.end_date = period.start, period.end
    row.required_attendance, row.source_uid = period.required_attendance, period.uid or ""
    row.location, row.url = period.location, period.url
    return row


def _apply(session: Session, calendar: AcademicCalendar, draft: CalendarDraft) -> None:
    """Store the draft; rows of periods the user kept are kept (and so their UUIDs)."""
    if draft.university_id is None:  # validate() refuses this first; kept for the type checker
        raise ValidationError(validate(draft))
    calendar.university_id, calendar.academic_year, calendar.notes = (draft.university_id, draft.academic_year,
                                                                      draft.notes)
    existing = {row.uuid: row for row in calendar.periods}
    rows = []
    for period in draft.periods:
        row = existing.pop(period.uuid, None) if period.uuid else None
        if row is None:
            row = CalendarPeriod(uuid=period.uuid) if period.uuid and _free(session, period.uuid) else CalendarPeriod()
        rows.append(_write_period(row, period))
    calendar.periods = rows


def _free(session: Session, uuid: str) -> bool:
    return session.execute(select(CalendarPeriod.id).where(CalendarPeriod.uuid == uuid)).first() is None


def create(db: Database, draft: CalendarDraft, uuid: str | None = None) -> int:
    with db.transaction(changes=set(TOPICS)) as session:
        draft = _checked(session, draft, None)
        calendar = AcademicCalendar(uuid=uuid) if uuid else AcademicCalendar()
        session.add(calendar)
        _apply(session, calendar, draft)
        session.flush()
        return calendar.id


def _load(session: Session, calendar_id: int) -> AcademicCalendar:
    calendar = session.get(AcademicCalendar, calendar_id, options=[selectinload(AcademicCalendar.periods)])
    if calendar is None:
        raise NotFoundError("The record no longer exists (id {id}); perhaps it was deleted.", id=calendar_id)
    return calendar


def get(db: Database, calendar_id: int) -> Record[CalendarDraft]:
    with db.reading() as session:
        calendar = _load(session, calendar_id)
        info = _university_info(session, calendar.university_id)
        draft = CalendarDraft(calendar.university_id, calendar.academic_year,
                              [_to_period(p) for p in calendar.periods], calendar.notes)
        return Record(calendar.id, calendar.uuid, draft,
                      {"university": info.name, "country_code": info.country_code,
                       "calendar_system": info.calendar_system, "updated_at": calendar.updated_at})


def update(db: Database, calendar_id: int, draft: CalendarDraft) -> None:
    with db.transaction(changes=set(TOPICS)) as session:
        calendar = _load(session, calendar_id)
        _apply(session, calendar, _checked(session, draft, calendar_id))


def delete(db: Database, calendar_id: int) -> Snapshot:
    """Delete a calendar with its periods."""
    with db.reading() as session:
        found = session.execute(select(University.display_name, AcademicCalendar.academic_year)
                                .join(University, University.id == AcademicCalendar.university_id)
                                .where(AcademicCalendar.id == calendar_id)).first()
    name = Message("{university}, {year}", {"university": found[0], "year": found[1]}).text() if found else ""
    return records.delete_record(db, KIND, calendar_id, TOPICS, name)


def restore(db: Database, snapshot: Snapshot) -> int:
    return records.restore_record(db, snapshot, TOPICS)


_SORTS = {
    "university": (University.display_name, AcademicCalendar.academic_year),
    "year": (AcademicCalendar.academic_year, University.display_name),
}


def _contains(dialect: str, word):
    if dialect == "postgresql":
        return func.strpos(University.search_text, word) > 0
    return func.instr(University.search_text, word) > 0


def _conditions(session: Session, query: CalendarQuery) -> list:
    where = []
    if query.university_id is not None:
        where.append(AcademicCalendar.university_id == query.university_id)
    if query.academic_year:
        where.append(AcademicCalendar.academic_year == parse_academic_year(query.academic_year))
    if query.country:
        where.append(University.country_code == query.country.upper())
    for word in fold_for_search(query.search).split():
        where.append(_contains(session.get_bind().dialect.name, word))
    return where


@functools.cache
def _page_statement(dialect: str, sort: str, descending: bool, after: bool, university: bool, year: bool,
                    country: bool, words: int):
    """The page query of one shape, built once with bound parameters: a list scrolled page by page runs
    the same statement again and again, and building it each time would cost as much as running it."""
    first, second = _SORTS.get(sort, _SORTS["university"])
    where = []
    if university:
        where.append(AcademicCalendar.university_id == bindparam("university_id"))
    if year:
        where.append(AcademicCalendar.academic_year == bindparam("academic_year"))
    if country:
        where.append(University.country_code == bindparam("country"))
    where += [_contains(dialect, bindparam(f"word{index}", type_=String)) for index in range(words)]
    if after:
        a: BindParameter[Any] = bindparam("after_first")
        b: BindParameter[Any] = bindparam("after_second")
        last_id: BindParameter[int] = bindparam("after_id")
        if descending:
            where.append(or_(first < a, and_(first == a, or_(second < b, and_(second == b,
                                                                           AcademicCalendar.id < last_id)))))
        else:
            where.append(or_(first > a, and_(first == a, or_(second > b, and_(second == b,
                                                                           AcademicCalendar.id > last_id)))))
    order = [first, second, AcademicCalendar.id]
    of_calendar = CalendarPeriod.calendar_id == AcademicCalendar.id  # per row, through its index
    return (
        select(AcademicCalendar.id, AcademicCalendar.university_id, University.display_name, University.country_code,
               AcademicCalendar.academic_year, select(func.count()).where(of_calendar).scalar_subquery(),
               # Days as ISO text, read with date.fromisoformat (SQLite keeps them as text; its date type
               # would parse each with a regular expression, 400 a page).
               select(type_coerce(func.min(CalendarPeriod.start_date), String)).where(of_calendar).scalar_subquery(),
               select(type_coerce(func.max(CalendarPeriod.end_date), String)).where(of_calendar).scalar_subquery())
        .join(University, University.id == AcademicCalendar.university_id)
        .where(*where).order_by(*[c.desc() if descending else c.asc() for c in order]).limit(bindparam("limit")))


def page(db: Database, query: CalendarQuery | None = None, after: tuple | None = None,
         limit: int = PAGE_SIZE) -> Page[CalendarRow]:
    """One page of calendars in the query's order, after the row whose key is ``after``
    (= the last row's (first sort value, second sort value, id))."""
    query = query or CalendarQuery()
    words = fold_for_search(query.search).split()
    params: dict = {"limit": limit, **{f"word{index}": word for index, word in enumerate(words)}}
    if query.university_id is not None:
        params["university_id"] = query.university_id
    if query.academic_year:
        params["academic_year"] = parse_academic_year(query.academic_year)
    if query.country:
        params["country"] = query.country.upper()
    if after is not None:
        params["after_first"], params["after_second"], params["after_id"] = after
    with db.reading() as session:
        statement = _page_statement(session.get_bind().dialect.name, query.sort, query.descending, after is not None,
                                    query.university_id is not None, bool(query.academic_year), bool(query.country),
                                    len(words))
        # Core execution: the ORM layer would cost more than the query.
        found = session.connection().execute(statement, params).all()
    rows = [CalendarRow(id_, university_id, name, country, year, periods, first and _day(first), last and _day(last))
            for id_, university_id, name, country, year, periods, first, last in found]
    if len(rows) < limit:
        return Page(rows, None)
    last = rows[-1]
    keys = (last.university_name, last.academic_year) if query.sort != "year" else (last.academic_year,
                                                                                    last.university_name)
    return Page(rows, (*keys, last.id))


def _day(value) -> dt.date:
    return dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value


def count(db: Database, query: CalendarQuery | None = None) -> int:
    query = query or CalendarQuery()
    with db.reading() as session:
        return session.execute(
            select(func.count()).select_from(AcademicCalendar)
            .join(University, University.id == AcademicCalendar.university_id)
            .where(*_conditions(session, query))).scalar_one()


def choices(db: Database, search: str = "", academic_year: str | None = None,
            limit: int | None = None) -> list[Choice]:
    """Calendars for pickers: "University, 2026/2027", with the university's country."""
    result: list[Choice] = []
    after = None
    while limit is None or len(result) < limit:
        found = page(db, CalendarQuery(search=search, academic_year=academic_year), after)
        result += [Choice(row.id, "", Message("{university}, {year}", {"university": row.university_name,
                                                                       "year": row.academic_year}).text(),
                          row.country_code, str(row.university_id)) for row in found.rows]
        if found.is_last:
            break
        after = found.after
    return result if limit is None else result[:limit]


# -- helpers for the page, the command line and the reports ----------------------------------------


def find(db: Database, university_id: int, year: str) -> int | None:
    """The id of the university's calendar for the academic year, or None when it has none."""
    year = parse_academic_year(year)
    with db.reading() as session:
        return session.execute(select(AcademicCalendar.id).where(
            AcademicCalendar.university_id == university_id, AcademicCalendar.academic_year == year)).scalar()


def years_of(db: Database, university_id: int) -> list[str]:
    """The academic years the university has a calendar for, oldest first."""
    with db.reading() as session:
        return list(session.execute(select(AcademicCalendar.academic_year)
                                    .where(AcademicCalendar.university_id == university_id)
                                    .order_by(AcademicCalendar.academic_year)).scalars())


def periods_of(db: Database, university_id: int, year: str) -> list[Period]:
    """The university's periods for the year (none when it has no calendar for it)."""
    calendar_id = find(db, university_id, year)
    return [] if calendar_id is None else get(db, calendar_id).draft.periods


def next_year_draft(db: Database, calendar_id: int) -> CalendarDraft:
    """The calendar moved to the next academic year (terms keep their weekday, holidays their date)."""
    draft = get(db, calendar_id).draft
    if not draft.periods:
        raise NotFoundError("There is no calendar for {year} to copy.", year=draft.academic_year)
    return CalendarDraft(draft.university_id, next_academic_year(draft.academic_year),
                         copy_periods_forward(draft.periods), draft.notes)


def university_info(db: Database, university_id: int) -> UniversityInfo:
    with db.reading() as session:
        return _university_info(session, university_id)


def _university_info(session: Session, university_id: int) -> UniversityInfo:
    university = session.get(University, university_id)
    if university is None:
        raise NotFoundError("There is no university with the number {id}.", field="university_id",
                            id=university_id)
    system = session.execute(select(MemberState.calendar)
                             .where(MemberState.code == university.country_code)).scalar_one_or_none()
    return UniversityInfo(university.id, university.display_name, university.country_code, system or "gregorian")


def default_university(db: Database, state_code: str | None) -> int | None:
    """The university a coordinator most likely wants to see first: one of their own state's with a
    calendar (the parent university first), else any university with a calendar."""
    own = (state_code or "").upper()
    with db.reading() as session:
        return session.execute(
            select(University.id).where(University.id.in_(select(AcademicCalendar.university_id)))
            .order_by((University.country_code != own), (University.network_role != "parent"), University.id)
            .limit(1)).scalar()


def import_periods(db: Database, university_id: int, periods: list[Period],
                   progress: Progress = NO_PROGRESS) -> dict[str, int]:
    """Store imported periods in the calendar of each one's academic year, all in one transaction; a
    period whose source UID is already there is updated, not duplicated (importing a feed again is safe)."""
    problems = periods_problems(periods)
    if problems:
        raise ValidationError(problems)
    created = updated = 0
    with db.transaction(changes=set(TOPICS)) as session:
        _university_info(session, university_id)
        calendars: dict[str, AcademicCalendar] = {}
        # Every period this university imported before, by its source UID: an event moved to another
        # academic year in an updated feed moves with it instead of being duplicated.
        by_uid = {row.source_uid: row for row in session.execute(
            select(CalendarPeriod).join(AcademicCalendar).where(
                AcademicCalendar.university_id == university_id,
                CalendarPeriod.source_uid.in_([p.uid for p in periods if p.uid]))).scalars()} if any(
            p.uid for p in periods) else {}
        for index, period in enumerate(periods):
            progress.check_cancelled()
            progress.report(index, len(periods))
            year = academic_year_of(period.start)
            if year not in calendars:
                calendars[year] = session.execute(
                    select(AcademicCalendar).options(selectinload(AcademicCalendar.periods)).where(
                        AcademicCalendar.university_id == university_id, AcademicCalendar.academic_year == year)
                ).scalar_one_or_none() or AcademicCalendar(university_id=university_id, academic_year=year,
                                                           periods=[])
                session.add(calendars[year])
            calendar = calendars[year]
            row = by_uid.get(period.uid) if period.uid else None
            if row is None and period.uuid:
                # Our own export: the same record if it is in this calendar; a fresh UUID if the file came
                # from another university's calendar (a UUID names one record only).
                row = next((p for p in calendar.periods if p.uuid == period.uuid), None)
            if row is None:
                row = CalendarPeriod(uuid=period.uuid) if period.uuid and _free(session, period.uuid) \
                    else CalendarPeriod()
                calendar.periods.append(row)
                created += 1
            else:
                if row not in calendar.periods:  # the event moved to another academic year: so does its period
                    for other in calendars.values():
                        if other is not calendar and row in other.periods:
                            other.periods.remove(row)
                    calendar.periods.append(row)
                updated += 1
            _write_period(row, period)
            if period.uid:
                by_uid[period.uid] = row
        progress.report(len(periods), len(periods))
    return {"created": created, "updated": updated, "years": len(calendars)}


def programme_universities(db: Database, programme_id: int) -> list[int]:
    with db.reading() as session:
        programme = session.get(Programme, programme_id, options=[selectinload(Programme.partners)])
        if programme is None:
            raise NotFoundError("There is no programme with the number {id}.", id=programme_id)
        return [partner.university_id for partner in programme.partners]


def calendar_entries(db: Database, university_ids: list[int], year: str) -> list[tuple[UniversityInfo, list[Period]]]:
    """Each university with its periods for the year (none where it has no calendar)."""
    year = parse_academic_year(year)
    with db.reading() as session:
        stored = {calendar.university_id: calendar for calendar in session.execute(
            select(AcademicCalendar).options(selectinload(AcademicCalendar.periods))
            .where(AcademicCalendar.university_id.in_(university_ids), AcademicCalendar.academic_year == year)
        ).scalars()}
        return [(_university_info(session, university_id),
                 [_to_period(p) for p in stored[university_id].periods] if university_id in stored else [])
                for university_id in university_ids]


def joint_calendar_for(db: Database, university_ids: list[int], year: str) -> JointCalendar:
    """The overlay of the chosen universities' calendars for a year, labelled by university name."""
    return joint_calendar(year, {info.name: periods for info, periods in calendar_entries(db, university_ids, year)})


def joint_calendar_for_programme(db: Database, programme_id: int, year: str) -> JointCalendar:
    return joint_calendar_for(db, programme_universities(db, programme_id), year)


def university_ids_with_calendars(db: Database) -> list[int]:
    """The universities that have at least one academic calendar (the joint calendar compares only those)."""
    with db.reading() as session:
        return list(session.execute(select(AcademicCalendar.university_id).distinct()).scalars())
