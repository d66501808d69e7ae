"""Joint events of the network (conferences, symposia, workshops, summer schools, joint research
projects): the area contract. An event owns its partner list and its documents; deleting it keeps
both in the snapshot, so undo brings the event back whole.

The list is paged with keysets and filtered, searched and sorted in SQL; partners and document counts
are read for the rows of a page only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

from sqlalchemy import Date, bindparam, func, select, tuple_
from sqlalchemy.orm import Session, aliased, selectinload

from desktop_app.domain.contract import PAGE_SIZE, Choice, Message, Page, Problems, Record, Snapshot
from desktop_app.domain.errors import NotFoundError, ValidationError
from desktop_app.domain.mobility import EventDraft, validate_event
from desktop_app.domain.reference import AREAS_BY_KEY
from desktop_app.services import records
from desktop_app.services.list_queries import as_date, date_text
from desktop_app.services.search_terms import (
    matches,
    search_words,
    universities_named,
    word_parameters,
    word_values,
)
from desktop_app.storage.database import Database
from desktop_app.storage.models import AttachedDocument, JointEvent, JointEventPartner, University

TOPIC = "events"
KIND = "event"
TOPICS = frozenset({TOPIC})
#: The owner type of an event's files in ``attached_documents``.
DOCUMENTS = "event"

E = JointEvent
PARTNER = aliased(University, name="partner")  # a partner, apart from the host joined to each row

SORT_COLUMNS = {
    "start": E.start_date,
    "end": E.end_date,
    "title": E.title,
    "kind": E.kind,
    "host": University.display_name,
    "participants": E.participants,
}


@dataclass(frozen=True)
class EventQuery:
    search: str = ""
    year: int | None = None  # the year the event starts
    kind: str | None = None
    area_key: str | None = None
    sort: str = "start"
    descending: bool = True


class EventRow(NamedTuple):
    id: int
    uuid: str
    kind: str
    title: str
    start_date: dt.date
    end_date: dt.date
    host_university_id: int
    host: str
    host_country: str
    participants: int
    area_key: str | None
    outcome: str
    partner_ids: list[int]
    partners: list[str]
    documents: int

    def as_json(self) -> dict:
        data = self._asdict()
        data["start_date"], data["end_date"] = self.start_date.isoformat(), self.end_date.isoformat()
        return data


_DOCUMENT_COUNT = (select(func.count()).where(AttachedDocument.owner_type == DOCUMENTS,
                                              AttachedDocument.owner_id == E.id)
                   .correlate(E).scalar_subquery().label("documents"))
_ROW_COLUMNS = (E.id, E.uuid, E.kind, E.title, date_text(E.start_date, "start_date"),
                date_text(E.end_date, "end_date"), E.host_university_id, University.display_name,
                University.country_code, E.participants, E.area_key, E.outcome, _DOCUMENT_COUNT)
SORT_FIELDS = {"start": "start_date", "end": "end_date", "title": "title", "kind": "kind", "host": "host",
               "participants": "participants"}
#: The partners of the events of a page (read for those rows only).
_PARTNERS = (select(JointEventPartner.event_id, PARTNER.id, PARTNER.display_name)
             .join(PARTNER, PARTNER.id == JointEventPartner.university_id)
             .where(JointEventPartner.event_id.in_(bindparam("ids", expanding=True)))
             .order_by(JointEventPartner.event_id, PARTNER.display_name))


# --- the contract ---------------------------------------------------------------------------------

def validate(draft: EventDraft) -> Problems:
    return validate_event(draft)


def _check(session: Session, draft: EventDraft) -> None:
    problems = validate_event(draft)
    if "host_university_id" not in problems and session.get(University, draft.host_university_id) is None:
        problems["host_university_id"] = Message("The university no longer exists; perhaps it was deleted.")
    partners = set(draft.partner_ids)
    if partners:
        found = set(session.execute(select(University.id).where(University.id.in_(partners))).scalars())
        if partners - found and "partner_ids" not in problems:
            problems["partner_ids"] = Message("A partner university no longer exists; perhaps it was deleted.")
    if draft.area_key and draft.area_key not in AREAS_BY_KEY:
        problems["area_key"] = Message("Unknown area of cooperation: {value}.", {"value": draft.area_key})
    if problems:
        raise ValidationError(problems)


def _fill(event: JointEvent, draft: EventDraft) -> None:
    event.kind = draft.kind
    event.title = draft.title.strip()
    event.start_date, event.end_date = draft.start_date, draft.end_date
    event.host_university_id = draft.host_university_id  # type: ignore[assignment]  # checked by _check
    event.participants = draft.participants
    event.area_key = draft.area_key or None
    event.outcome, event.notes = draft.outcome, draft.notes


def _partners(draft: EventDraft) -> list[JointEventPartner]:
    return [JointEventPartner(university_id=i) for i in dict.fromkeys(draft.partner_ids)]


def create(db: Database, draft: EventDraft, uuid: str | None = None) -> int:
    with db.transaction(changes=set(TOPICS)) as session:
        _check(session, draft)
        event = JointEvent(uuid=uuid) if uuid else JointEvent()
        _fill(event, draft)
        event.partners = _partners(draft)
        session.add(event)
        session.flush()
        return event.id


def _load(session: Session, event_id: int) -> JointEvent:
    event = session.execute(select(E).where(E.id == event_id).options(selectinload(E.partners))).scalar_one_or_none()
    if event is None:
        raise NotFoundError("The event no longer exists (id {id}); perhaps it was deleted.", id=event_id)
    return event


def get(db: Database, event_id: int) -> Record[EventDraft]:
    with db.reading() as session:
        e = _load(session, event_id)
        draft = EventDraft(e.kind, e.title, e.start_date, e.end_date, e.host_university_id,
                           [p.university_id for p in e.partners], e.participants, e.area_key, e.outcome, e.notes)
        return Record(e.id, e.uuid, draft, {"updated_at": e.updated_at})


def update(db: Database, event_id: int, draft: EventDraft) -> None:
    with db.transaction(changes=set(TOPICS)) as session:
        event = _load(session, event_id)
        _check(session, draft)
        _fill(event, draft)
        event.partners.clear()
        session.flush()
        event.partners.extend(_partners(draft))


def delete(db: Database, event_id: int) -> Snapshot:
    """Delete the event with its partner list and documents; the snapshot brings all of it back."""
    with db.reading() as session:
        title = session.execute(select(E.title).where(E.id == event_id)).scalar()
    return records.delete_record(db, KIND, event_id, TOPICS, title or "")


def restore(db: Database, snapshot: Snapshot) -> int:
    return records.restore_record(db, snapshot, TOPICS)


def _conditions(dialect: str, query: EventQuery, words: int) -> list:
    """The query's filters with bind parameters in place of its values (see ``_values``)."""
    where = []
    if query.year is not None:
        where += [E.start_date >= bindparam("year_start", type_=Date), E.start_date < bindparam("year_end", type_=Date)]
    if query.kind:
        where.append(E.kind == bindparam("kind"))
    if query.area_key:
        where.append(E.area_key == bindparam("area_key"))
    for index in range(words):
        folded, lowered = word_parameters(index)
        named = universities_named(dialect, folded, lowered)
        partner_match = select(JointEventPartner.event_id).where(JointEventPartner.university_id.in_(named))
        where.append(matches(dialect, folded, lowered, raw=(E.title, E.outcome, E.notes))
                     | E.host_university_id.in_(named) | E.id.in_(partner_match))
    return where


def _values(query: EventQuery, words: list) -> dict:
    values: dict = word_values(words)
    if query.year is not None:
        values.update(year_start=dt.date(query.year, 1, 1), year_end=dt.date(query.year + 1, 1, 1))
    values.update(kind=query.kind, area_key=query.area_key)
    return values


def _shape(query: EventQuery) -> EventQuery:
    """Which filters the query has, not their values: queries of one shape share a statement."""
    return EventQuery(year=0 if query.year is not None else None, kind="?" if query.kind else None,
                      area_key="?" if query.area_key else None)


@cache
def _page_statement(dialect: str, sort: str, descending: bool, paged: bool, shape: EventQuery, words: int):
    key = SORT_COLUMNS.get(sort, E.start_date)
    where = _conditions(dialect, shape, words)
    if paged:
        after = tuple_(bindparam("after_value", type_=key.type), bindparam("after_id"))
        where.append(tuple_(key, E.id) < after if descending else tuple_(key, E.id) > after)
    order = (key.desc(), E.id.desc()) if descending else (key.asc(), E.id.asc())
    return (select(*_ROW_COLUMNS).join(University, University.id == E.host_university_id)
            .where(*where).order_by(*order).limit(bindparam("limit")))


@cache
def _count_statement(dialect: str, shape: EventQuery, words: int):
    return select(func.count()).select_from(E).where(*_conditions(dialect, shape, words))


def page(db: Database, query: EventQuery | None = None, after: tuple | None = None,
         limit: int = PAGE_SIZE) -> Page[EventRow]:
    """One page of events in the query's order, after the row whose key is ``after`` = (sort value, id)."""
    query = query or EventQuery()
    sort = query.sort if query.sort in SORT_COLUMNS else "start"
    words = search_words(query.search)
    values = _values(query, words) | {"limit": limit}
    if after is not None:
        values.update(after_value=after[0], after_id=after[1])
    statement = _page_statement(db.dialect, sort, query.descending, after is not None, _shape(query), len(words))
    with db.read_connection() as connection:
        fetched = connection.execute(statement, values).all()
        partners: dict[int, tuple[list[int], list[str]]] = {row[0]: ([], []) for row in fetched}
        if partners:
            for event_id, university_id, name in connection.execute(_PARTNERS, {"ids": list(partners)}):
                partners[event_id][0].append(university_id)
                partners[event_id][1].append(name)
    rows = [EventRow(event_id, uuid, kind, title, as_date(start), as_date(end), host_id, host, country, participants,
                     area_key, outcome, *partners[event_id], documents)
            for event_id, uuid, kind, title, start, end, host_id, host, country, participants, area_key, outcome,
            documents in fetched]
    last = rows[-1] if len(rows) == limit else None
    return Page(rows, (getattr(last, SORT_FIELDS[sort]), last.id) if last else None)


def count(db: Database, query: EventQuery | None = None) -> int:
    query = query or EventQuery()
    words = search_words(query.search)
    statement = _count_statement(db.dialect, _shape(query), len(words))
    with db.read_connection() as connection:
        return connection.execute(statement, _values(query, words)).scalar_one()


def iterate(db: Database, query: EventQuery | None = None, batch: int = 1000) -> Iterator[EventRow]:
    """Every matching event, a page at a time (the command line and reports)."""
    after = None
    while True:
        result = page(db, query, after, batch)
        yield from result.rows
        if result.is_last:
            return
        after = result.after


def years(db: Database) -> list[int]:
    """The years in which events start, newest first (for the year filter)."""
    start_year = func.extract("year", E.start_date)
    with db.reading() as session:
        return [int(y) for y in session.execute(select(start_year).distinct().order_by(start_year.desc())).scalars()]


def choices(db: Database, search: str = "", limit: int | None = 50) -> list[Choice]:
    """Events for a picker, newest first: the title, the host's country and the start date."""
    result = page(db, EventQuery(search=search), limit=limit or 1000)
    return [Choice(row.id, row.uuid, row.title, row.host_country, row.start_date.isoformat()) for row in result.rows]
