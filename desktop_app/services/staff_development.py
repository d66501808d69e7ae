"""Staff development (the area contract): retraining and professional-development programmes for the
partner universities' staff, with the staff who took part.

A participant's name and e-mail address are personal data: ``participants`` gives them masked unless the
caller reveals them, and a data package carries them only when personal data is included (the columns are
marked in the model). Counts per university and year never carry them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import Integer, case, cast, extract, func, select
from sqlalchemy.orm import Session, selectinload

from desktop_app.domain.contract import PAGE_SIZE, Choice, Message, Page, Problems, Record, Snapshot
from desktop_app.domain.errors import NotFoundError, ValidationError
from desktop_app.domain.mobility import MASK, mask_personal
from desktop_app.domain.staff_development import (
    ParticipantDraft,
    StaffDevelopmentDraft,
    TrainedCount,
    validate_staff_development,
)
from desktop_app.services import quality_lists, records
from desktop_app.services.search_terms import contains, search_words
from desktop_app.storage.database import Database
from desktop_app.storage.models import Organisation, StaffDevelopment, StaffDevelopmentParticipant, University

TOPIC = "staff_development"
KIND = "staff_development"
TOPICS = frozenset({TOPIC})

D = StaffDevelopment
P = StaffDevelopmentParticipant


@dataclass(frozen=True)
class StaffDevelopmentQuery:
    search: str = ""
    topic: str | None = None
    year: int | None = None  # programmes that started in this year
    university_id: int | None = None  # programmes this university's staff took part in


@dataclass(frozen=True)
class StaffDevelopmentRow:
    id: int
    uuid: str
    title: str
    topic: str
    topic_detail: str
    delivery: str
    start_date: dt.date
    end_date: dt.date | None
    hours: int | None
    participants: int
    completed: int
    provider: str = ""

    def as_json(self) -> dict:
        return {"id": self.id, "uuid": self.uuid, "title": self.title, "topic": self.topic,
                "topic_detail": self.topic_detail, "provider": self.provider or None, "delivery": self.delivery,
                "start_date": self.start_date.isoformat(),
                "end_date": self.end_date.isoformat() if self.end_date else None, "hours": self.hours,
                "participants": self.participants, "completed": self.completed}


def validate(draft: StaffDevelopmentDraft) -> Problems:
    return validate_staff_development(draft)


def _checked(session: Session, draft: StaffDevelopmentDraft) -> None:
    problems = validate_staff_development(draft)
    wanted = {p.university_id for p in draft.participants if p.university_id is not None}
    found = set(session.execute(select(University.id).where(University.id.in_(wanted))).scalars()) if wanted else set()
    for index, person in enumerate(draft.participants):
        if person.university_id is not None and person.university_id not in found:
            problems.setdefault(f"participants[{index}]", Message("The university of participant {number} no longer "
                                                                  "exists.", {"number": index + 1}))
    if draft.provider_id is not None and session.get(Organisation, draft.provider_id) is None:
        problems["provider_id"] = Message("The organisation no longer exists (id {id}); perhaps it was deleted.",
                                    {"id": draft.provider_id})
    if problems:
        raise ValidationError(problems)


def _fill(session: Session, row: StaffDevelopment, draft: StaffDevelopmentDraft) -> None:
    row.title, row.topic, row.topic_detail = draft.title.strip(), draft.topic, draft.topic_detail.strip()
    row.delivery, row.start_date, row.end_date = draft.delivery, draft.start_date, draft.end_date  # type: ignore
    row.hours, row.notes = draft.hours, draft.notes
    row.provider_id = draft.provider_id
    kept = {person.uuid: person for person in row.participants}
    people = []
    for position, person in enumerate(draft.participants):
        stored = kept.pop(person.uuid, None) if person.uuid else None
        if stored is None:
            free = person.uuid and session.execute(select(P.id).where(P.uuid == person.uuid)).first() is None
            stored = P(uuid=person.uuid) if free else P()
        for name, value in (("position", position), ("university_id", person.university_id),
                            ("name", person.name.strip()), ("email", person.email.strip()),
                            ("job_title", person.job_title.strip()), ("completed", person.completed)):
            if getattr(stored, name) != value:
                setattr(stored, name, value)
        people.append(stored)
    row.participants = people


def create(db: Database, draft: StaffDevelopmentDraft, uuid: str | None = None) -> int:
    with db.transaction(changes=set(TOPICS)) as session:
        _checked(session, draft)
        row = D(uuid=uuid) if uuid else D()
        row.participants = []
        session.add(row)
        _fill(session, row, draft)
        session.flush()
        return row.id


def _load(session: Session, record_id: int) -> StaffDevelopment:
    row = session.get(D, record_id, options=[selectinload(D.participants)])
    if row is None:
        raise NotFoundError("The staff-development programme no longer exists (id {id}); perhaps it was deleted.",
                            id=record_id)
    return row


def draft_of(row: StaffDevelopment) -> StaffDevelopmentDraft:
    return StaffDevelopmentDraft(
        row.title, row.topic, row.topic_detail, row.provider_id, row.delivery, row.start_date, row.end_date, row.hours,
        row.notes, [ParticipantDraft(p.university_id, p.name, p.email, p.job_title, p.completed, p.uuid)
                    for p in row.participants])


def get(db: Database, record_id: int) -> Record[StaffDevelopmentDraft]:
    with db.reading() as session:
        row = _load(session, record_id)
        return Record(row.id, row.uuid, draft_of(row), {"updated_at": row.updated_at})


def update(db: Database, record_id: int, draft: StaffDevelopmentDraft) -> None:
    with db.transaction(changes=set(TOPICS)) as session:
        row = _load(session, record_id)
        _checked(session, draft)
        _fill(session, row, draft)


def delete(db: Database, record_id: int) -> Snapshot:
    """Delete a programme with the record of its participants."""
    with db.reading() as session:
        title = session.execute(select(D.title).where(D.id == record_id)).scalar()
    return records.delete_record(db, KIND, record_id, TOPICS, title or "")


def restore(db: Database, snapshot: Snapshot) -> int:
    return records.restore_record(db, snapshot, TOPICS)


# -- the list ------------------------------------------------------------------------------------------

def _year(column):
    return cast(extract("year", column), Integer)


def _conditions(session: Session, query: StaffDevelopmentQuery) -> list:
    where = [contains(session, word, raw=(D.title, D.topic_detail, D.notes)) for word in search_words(query.search)]
    if query.topic:
        where.append(D.topic == query.topic)
    if query.year is not None:
        where += [D.start_date >= dt.date(query.year, 1, 1), D.start_date <= dt.date(query.year, 12, 31)]
    if query.university_id is not None:
        where.append(D.id.in_(select(P.programme_id).where(P.university_id == query.university_id)))
    return where


KEYS = ((D.start_date, True), (D.id, True))


def page(db: Database, query: StaffDevelopmentQuery | None = None, after: tuple | None = None,
         limit: int = PAGE_SIZE) -> Page[StaffDevelopmentRow]:
    """Programmes, the latest first, each with the number of staff who took part and completed it."""
    query = query or StaffDevelopmentQuery()
    participants = select(func.count()).where(P.programme_id == D.id).scalar_subquery()
    completed = select(func.count()).where(P.programme_id == D.id, P.completed.is_(True)).scalar_subquery()

    def build(session: Session):
        statement = select(D.id, D.uuid, D.title, D.topic, D.topic_detail, D.delivery, D.start_date, D.end_date,
                           D.hours, participants, completed, func.coalesce(Organisation.display_name, ""))
        statement = statement.outerjoin(Organisation, Organisation.id == D.provider_id)
        return statement, _conditions(session, query)

    return quality_lists.keyset_page(db, build, KEYS, after, limit, lambda row: StaffDevelopmentRow(*row))


def count(db: Database, query: StaffDevelopmentQuery | None = None) -> int:
    query = query or StaffDevelopmentQuery()
    with db.reading() as session:
        return session.execute(select(func.count()).select_from(D).where(*_conditions(session, query))).scalar_one()


def iterate(db: Database, query: StaffDevelopmentQuery | None = None) -> Iterator[StaffDevelopmentRow]:
    return quality_lists.iterate(page, db, query or StaffDevelopmentQuery())


def choices(db: Database, search: str = "", limit: int | None = 50) -> list[Choice]:
    found = page(db, StaffDevelopmentQuery(search=search), limit=limit or 1000)
    return [Choice(row.id, row.uuid, row.title, "", row.start_date.isoformat()) for row in found.rows]


# -- participants and counts ---------------------------------------------------------------------------

@dataclass(frozen=True)
class ParticipantRow:
    university_id: int
    university_name: str
    country_code: str
    name: str  # masked unless revealed
    email: str  # masked unless revealed
    job_title: str
    completed: bool


def participants(db: Database, record_id: int, reveal_personal: bool = False) -> list[ParticipantRow]:
    """Who took part in a programme; names and e-mail addresses masked unless ``reveal_personal``."""
    with db.reading() as session:
        found = session.execute(select(P.university_id, University.display_name, University.country_code, P.name,
                                       P.email, P.job_title, P.completed)
                                .join(University, University.id == P.university_id)
                                .where(P.programme_id == record_id).order_by(P.position)).all()
    rows = []
    for university_id, university, country, name, email, job_title, completed in found:
        if not reveal_personal:
            name, email = mask_personal(name), MASK if email else ""
        rows.append(ParticipantRow(university_id, university, country, name, email, job_title, bool(completed)))
    return rows


def counts(db: Database, year: int | None = None, university_ids: Sequence[int] | None = None,
           since: dt.date | None = None) -> list[TrainedCount]:
    """Staff who took part (and who completed a programme) per university and year the programme started.
    A person is counted once a year however many programmes they took (told apart by e-mail address, else
    by name, inside the database: nothing personal leaves it)."""
    with db.reading() as session:
        started = _year(D.start_date).label("year")
        person = func.lower(func.coalesce(func.nullif(P.email, ""), P.name))
        finished = case((P.completed.is_(True), person), else_=None)
        statement = (select(P.university_id, started, func.count(func.distinct(person)),
                            func.count(func.distinct(finished)))
                     .join(D, D.id == P.programme_id).group_by(P.university_id, started))
        if year is not None:
            statement = statement.where(D.start_date >= dt.date(year, 1, 1), D.start_date <= dt.date(year, 12, 31))
        if since is not None:
            statement = statement.where(D.start_date >= since)
        if university_ids is not None:
            statement = statement.where(P.university_id.in_(list(university_ids)))
        found = session.execute(statement.order_by(started.desc(), P.university_id)).all()
    return [TrainedCount(university_id, int(year_), int(participants_), int(completed_ or 0))
            for university_id, year_, participants_, completed_ in found]


def trained_staff(db: Database, university_ids: Sequence[int]) -> dict[int, tuple[int, int]]:
    """For each university, the staff who took part in staff development and those who completed it, summed
    over the years: university id -> (took part, completed)."""
    totals: dict[int, tuple[int, int]] = {}
    for found in counts(db, university_ids=university_ids):
        took, done = totals.get(found.university_id, (0, 0))
        totals[found.university_id] = (took + found.participants, done + found.completed)
    return totals
