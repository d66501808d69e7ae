"""Members of the working group by member state (the area contract). A member's name and e-mail address
are personal data: lists give them masked unless the caller reveals them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from desktop_app.domain.contract import PAGE_SIZE, Choice, Page, Problems, Record, Snapshot
from desktop_app.domain.errors import NotFoundError, ValidationError
from desktop_app.domain.mobility import MASK, mask_personal
from desktop_app.domain.roadmap import MemberDraft, validate_member
from desktop_app.services import records
from desktop_app.services.search_terms import contains, search_words
from desktop_app.storage.database import Database
from desktop_app.storage.models import WorkingGroupMember

TOPIC = "roadmap"
KIND = "working_group_member"
TOPICS = frozenset({TOPIC})

W = WorkingGroupMember
#: Sort keys: the columns compared, in order, before the id.
SORT_COLUMNS = {
    "country": (W.country_code, W.name),
    "name": (W.name,),
    "organisation": (W.organisation, W.name),
    "role": (W.role, W.name),
}


@dataclass(frozen=True)
class MemberQuery:
    search: str = ""
    country: str | None = None
    reveal_personal: bool = False
    sort: str = "country"


@dataclass(frozen=True)
class MemberRow:
    id: int
    uuid: str
    country_code: str
    name: str
    email: str
    organisation: str
    role: str

    def as_json(self) -> dict:
        return asdict(self)


def validate(draft: MemberDraft) -> Problems:
    return validate_member(draft)


def _check(draft: MemberDraft) -> None:
    problems = validate_member(draft)
    if problems:
        raise ValidationError(problems)


def _fill(member: WorkingGroupMember, draft: MemberDraft) -> None:
    member.country_code = draft.country_code.strip().upper()
    member.name, member.email = draft.name.strip(), draft.email.strip()
    member.organisation, member.role = draft.organisation.strip(), draft.role.strip()


def create(db: Database, draft: MemberDraft, uuid: str | None = None) -> int:
    _check(draft)
    with db.transaction(changes=set(TOPICS)) as session:
        member = WorkingGroupMember(uuid=uuid) if uuid else WorkingGroupMember()
        _fill(member, draft)
        session.add(member)
        session.flush()
        return member.id


def _load(session: Session, member_id: int) -> WorkingGroupMember:
    member = session.get(WorkingGroupMember, member_id)
    if member is None:
        raise NotFoundError("The working-group member no longer exists (id {id}); perhaps they were removed.",
                            id=member_id)
    return member


def get(db: Database, member_id: int) -> Record[MemberDraft]:
    with db.reading() as session:
        m = _load(session, member_id)
        return Record(m.id, m.uuid, MemberDraft(m.country_code, m.name, m.email, m.organisation, m.role),
                      {"updated_at": m.updated_at})


def update(db: Database, member_id: int, draft: MemberDraft) -> None:
    _check(draft)
    with db.transaction(changes=set(TOPICS)) as session:
        _fill(_load(session, member_id), draft)


def delete(db: Database, member_id: int) -> Snapshot:
    return records.delete_record(db, KIND, member_id, TOPICS)


def restore(db: Database, snapshot: Snapshot) -> int:
    return records.restore_record(db, snapshot, TOPICS)


def _conditions(session: Session, query: MemberQuery) -> list:
    where = []
    if query.country:
        where.append(W.country_code == query.country.upper())
    for word in search_words(query.search):
        where.append(contains(session, word, raw=(W.name, W.email, W.organisation, W.role)))
    return where


def page(db: Database, query: MemberQuery | None = None, after: tuple | None = None,
         limit: int = PAGE_SIZE) -> Page[MemberRow]:
    """Members in the query's order, after the row whose key is ``after`` (its sort values and id)."""
    query = query or MemberQuery()
    keys = SORT_COLUMNS.get(query.sort, SORT_COLUMNS["country"])
    with db.reading() as session:
        where = _conditions(session, query)
        if after is not None:
            where.append(tuple_(*keys, W.id) > tuple_(*after))
        fetched = session.execute(select(W.id, W.uuid, W.country_code, W.name, W.email, W.organisation, W.role,
                                         *keys).where(*where).order_by(*keys, W.id).limit(limit)).all()
    rows = []
    for row in fetched:
        member_id, uuid, country, name, email, organisation, role = row[:7]
        if not query.reveal_personal:
            name, email = mask_personal(name), MASK if email else ""
        rows.append(MemberRow(member_id, uuid, country, name, email, organisation, role))
    last = (*fetched[-1][7:], fetched[-1][0]) if len(fetched) == limit else None
    return Page(rows, last)


def count(db: Database, query: MemberQuery | None = None) -> int:
    query = query or MemberQuery()
    with db.reading() as session:
        return session.execute(select(func.count()).select_from(W).where(*_conditions(session, query))).scalar_one()


def iterate(db: Database, query: MemberQuery | None = None, batch: int = 1000) -> Iterator[MemberRow]:
    after = None
    while True:
        result = page(db, query, after, batch)
        yield from result.rows
        if result.is_last:
            return
        after = result.after


def choices(db: Database, search: str = "", country: str | None = None, limit: int | None = 50,
            reveal_personal: bool = False) -> list[Choice]:
    """Members for a picker; names masked unless ``reveal_personal`` (as the list shows them)."""
    result = page(db, MemberQuery(search=search, country=country, reveal_personal=reveal_personal),
                  limit=limit or 1000)
    return [Choice(row.id, row.uuid, row.name, row.country_code, row.organisation) for row in result.rows]
