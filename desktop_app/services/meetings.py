"""Meetings of the working group's experts (the area contract): date, place, minutes, the road-map action
they served and their documents (signed minutes, presentations)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import asdict, dataclass

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from desktop_app.domain.contract import PAGE_SIZE, Choice, Message, Page, Problems, Record, Snapshot
from desktop_app.domain.errors import NotFoundError, ValidationError
from desktop_app.domain.roadmap import MeetingDraft, validate_meeting
from desktop_app.services import records
from desktop_app.services.search_terms import contains, search_words
from desktop_app.storage.database import Database
from desktop_app.storage.models import AttachedDocument, Body, ExpertMeeting, MemberState, RoadmapAction

TOPIC = "roadmap"
KIND = "expert_meeting"
TOPICS = frozenset({TOPIC})
DOCUMENTS = "expert_meeting"

X = ExpertMeeting


@dataclass(frozen=True)
class MeetingQuery:
    search: str = ""
    year: int | None = None
    action_id: int | None = None


@dataclass(frozen=True)
class MeetingRow:
    id: int
    uuid: str
    held_on: dt.date
    title: str
    place: str
    minutes: str
    action_id: int | None
    action_number: int | None
    documents: int = 0
    body_id: int | None = None
    agenda: str = ""
    attending_states: tuple[str, ...] = ()

    def as_json(self) -> dict:
        return dict(asdict(self), held_on=self.held_on.isoformat())


def validate(draft: MeetingDraft) -> Problems:
    return validate_meeting(draft)


def _check(session: Session, draft: MeetingDraft) -> None:
    problems = validate_meeting(draft)
    if draft.action_id is not None and session.get(RoadmapAction, draft.action_id) is None:
        problems["action_id"] = Message("The road-map action no longer exists.")
    if draft.body_id is not None and session.get(Body, draft.body_id) is None:
        problems["body_id"] = Message("The body no longer exists; choose another.")
    unknown = sorted(set(draft.attending_states) - set(session.execute(select(MemberState.code)).scalars()))
    if unknown:
        problems["attending_states"] = Message("not member states of CICA: {codes}", {"codes": ", ".join(unknown)})
    if problems:
        raise ValidationError(problems)


def _fill(meeting: ExpertMeeting, draft: MeetingDraft) -> None:
    meeting.title, meeting.held_on, meeting.place = draft.title.strip(), draft.held_on, draft.place.strip()
    meeting.minutes, meeting.action_id = draft.minutes, draft.action_id
    meeting.body_id, meeting.agenda = draft.body_id, draft.agenda
    meeting.attending_states = " ".join(dict.fromkeys(code.strip().upper() for code in draft.attending_states))


def create(db: Database, draft: MeetingDraft, uuid: str | None = None) -> int:
    with db.transaction(changes=set(TOPICS)) as session:
        _check(session, draft)
        meeting = ExpertMeeting(uuid=uuid) if uuid else ExpertMeeting()
        _fill(meeting, draft)
        session.add(meeting)
        session.flush()
        return meeting.id


def _load(session: Session, meeting_id: int) -> ExpertMeeting:
    meeting = session.get(ExpertMeeting, meeting_id)
    if meeting is None:
        raise NotFoundError("The expert meeting no longer exists (id {id}); perhaps it was deleted.", id=meeting_id)
    return meeting


def get(db: Database, meeting_id: int) -> Record[MeetingDraft]:
    with db.reading() as session:
        m = _load(session, meeting_id)
        return Record(m.id, m.uuid, MeetingDraft(m.title, m.held_on, m.place, m.minutes, m.action_id, m.body_id,
                                                 m.agenda, m.attending_states.split()),
                      {"updated_at": m.updated_at})


def update(db: Database, meeting_id: int, draft: MeetingDraft) -> None:
    with db.transaction(changes=set(TOPICS)) as session:
        meeting = _load(session, meeting_id)
        _check(session, draft)
        _fill(meeting, draft)


def delete(db: Database, meeting_id: int) -> Snapshot:
    """Delete the meeting with its documents; the snapshot brings both back."""
    with db.reading() as session:
        title = session.execute(select(X.title).where(X.id == meeting_id)).scalar()
    return records.delete_record(db, KIND, meeting_id, TOPICS, title or "")


def restore(db: Database, snapshot: Snapshot) -> int:
    return records.restore_record(db, snapshot, TOPICS)


def _conditions(session: Session, query: MeetingQuery) -> list:
    where = []
    if query.year is not None:
        where += [X.held_on >= dt.date(query.year, 1, 1), X.held_on < dt.date(query.year + 1, 1, 1)]
    if query.action_id is not None:
        where.append(X.action_id == query.action_id)
    for word in search_words(query.search):
        where.append(contains(session, word, raw=(X.title, X.place, X.minutes, X.agenda)))
    return where


def page(db: Database, query: MeetingQuery | None = None, after: tuple | None = None,
         limit: int = PAGE_SIZE) -> Page[MeetingRow]:
    """Meetings, the latest first, after the row whose key is ``after`` = (date, id)."""
    query = query or MeetingQuery()
    documents = (select(func.count()).where(AttachedDocument.owner_type == DOCUMENTS,
                                           AttachedDocument.owner_id == X.id).correlate(X).scalar_subquery())
    with db.reading() as session:
        where = _conditions(session, query)
        if after is not None:
            where.append(tuple_(X.held_on, X.id) < tuple_(*after))
        fetched = session.execute(
            select(X.id, X.uuid, X.held_on, X.title, X.place, X.minutes, X.action_id, RoadmapAction.number, documents,
                   X.body_id, X.agenda, X.attending_states)
            .outerjoin(RoadmapAction, RoadmapAction.id == X.action_id)
            .where(*where).order_by(X.held_on.desc(), X.id.desc()).limit(limit)).all()
    rows = [MeetingRow(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[9], row[10],
                       tuple(row[11].split())) for row in fetched]
    last = (rows[-1].held_on, rows[-1].id) if len(rows) == limit else None
    return Page(rows, last)


def count(db: Database, query: MeetingQuery | None = None) -> int:
    query = query or MeetingQuery()
    with db.reading() as session:
        return session.execute(select(func.count()).select_from(X).where(*_conditions(session, query))).scalar_one()


def iterate(db: Database, query: MeetingQuery | None = None, batch: int = 1000) -> Iterator[MeetingRow]:
    after = None
    while True:
        result = page(db, query, after, batch)
        yield from result.rows
        if result.is_last:
            return
        after = result.after


def choices(db: Database, search: str = "", limit: int | None = 50) -> list[Choice]:
    result = page(db, MeetingQuery(search=search), limit=limit or 1000)
    return [Choice(row.id, row.uuid, row.title, "", row.held_on.isoformat()) for row in result.rows]
