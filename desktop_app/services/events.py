"""Joint events of the network (conferences, symposia, workshops, summer schools, joint research
projects): the area contract. An event owns its partner list and its documents; deleting it keeps
both in the snapshot, so undo brings the event back whole.

The list is paged with keysets and filtered, searched and sorted in SQL; partners and document counts
are read for the rows of a page only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session, aliased, selectinload

from desktop_app.domain.contract import PAGE_SIZE, Choice, Message, Page, Problems, Record, Snapshot
from desktop_app.domain.errors import NotFoundError, ValidationError
from desktop_app.domain.mobility import EventDraft, validate_event
from desktop_app.domain.reference import AREAS_BY_KEY
from desktop_app.services import records
from desktop_app.services.search_terms import contains, search_words
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


@dataclass(frozen=True)
class EventRow:
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
    partner_ids: list[int] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    documents: int = 0

    def as_json(self) -> dict:
        data = asdict(self)
        data["start_date"], data["end_date"] = self.start_date.isoformat(), self.end_date.isoformat()
        return data


_ROW_COLUMNS = (E.id, E.uuid, E.kind, E.title, E.start_date, E.end_date, E.host_university_id,
                University.display_name, University.country_code, E.participants, E.area_key, E.outcome)


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


def _conditions(session: Session, query: EventQuery) -> list:
    where = []
    if query.year is not None:
        where += [E.start_date >= dt.date(query.year, 1, 1), E.start_date < dt.date(query.year + 1, 1, 1)]
    if query.kind:
        where.append(E.kind == query.kind)
    if query.area_key:
        where.append(E.area_key == query.area_key)
    for word in search_words(query.search):
        partner_match = (select(JointEventPartner.event_id)
                         .join(PARTNER, PARTNER.id == JointEventPartner.university_id)
                         .where(contains(session, word, PARTNER.search_text)))
        where.append(contains(session, word, University.search_text, raw=(E.title, E.outcome, E.notes))
                     | E.id.in_(partner_match))
    return where


def page(db: Database, query: EventQuery | None = None, after: tuple | None = None,
         limit: int = PAGE_SIZE) -> Page[EventRow]:
    """One page of events in the query's order, after the row whose key is ``after`` = (sort value, id)."""
    query = query or EventQuery()
    key = SORT_COLUMNS.get(query.sort, E.start_date)
    with db.reading() as session:
        where = _conditions(session, query)
        if after is not None:
            where.append(tuple_(key, E.id) < tuple_(*after) if query.descending else tuple_(key, E.id) > tuple_(*after))
        order = (key.desc(), E.id.desc()) if query.descending else (key.asc(), E.id.asc())
        fetched = session.execute(select(*_ROW_COLUMNS, key).join(University, University.id == E.host_university_id)
                                  .where(*where).order_by(*order).limit(limit)).all()
        ids = [row[0] for row in fetched]
        partners: dict[int, list[tuple[int, str]]] = {}
        documents: dict[int, int] = {}
        if ids:
            for event_id, university_id, name in session.execute(
                    select(JointEventPartner.event_id, University.id, University.display_name)
                    .join(University, University.id == JointEventPartner.university_id)
                    .where(JointEventPartner.event_id.in_(ids))
                    .order_by(JointEventPartner.event_id, University.display_name)):
                partners.setdefault(event_id, []).append((university_id, name))
            documents = dict(session.execute(  # type: ignore[arg-type]
                select(AttachedDocument.owner_id, func.count())
                .where(AttachedDocument.owner_type == DOCUMENTS, AttachedDocument.owner_id.in_(ids))
                .group_by(AttachedDocument.owner_id)).all())
    rows = [EventRow(*row[:-1], [p[0] for p in partners.get(row[0], [])], [p[1] for p in partners.get(row[0], [])],
                     documents.get(row[0], 0)) for row in fetched]
    last = (fetched[-1][-1], fetched[-1][0]) if len(fetched) == limit else None
    return Page(rows, last)


def count(db: Database, query: EventQuery | None = None) -> int:
    query = query or EventQuery()
    with db.reading() as session:
        statement = select(func.count()).select_from(E)
        if query.search.strip():
            statement = statement.join(University, University.id == E.host_university_id)
        return session.execute(statement.where(*_conditions(session, query))).scalar_one()


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
