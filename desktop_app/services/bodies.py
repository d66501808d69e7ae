"""The network's bodies (the area contract): the working group, the International Council, expert meetings,
forums, with their names in several languages and their chairmanship — who chairs, co-chairs or hosts in
which year (the rotation), the permanent co-chairs and the initiating institutions. One call = one
transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session, selectinload

from desktop_app.domain import governance as rules
from desktop_app.domain.contract import PAGE_SIZE, Choice, Message, Page, Problems, Record, Snapshot
from desktop_app.domain.errors import NotFoundError, ValidationError
from desktop_app.domain.governance import BodyDraft, BodyNameDraft, ChairDraft
from desktop_app.domain.text import fold_for_search
from desktop_app.i18n import current_language
from desktop_app.services import records
from desktop_app.services.collation import sort_key
from desktop_app.services.search_terms import contains, search_words
from desktop_app.storage.database import Database
from desktop_app.storage.models import Body, BodyChair, BodyName, Organisation, University

TOPIC = "governance"
KIND = "body"
TOPICS = frozenset({TOPIC})

B = Body


@dataclass(frozen=True)
class BodyQuery:
    search: str = ""
    kind: str | None = None


@dataclass(frozen=True)
class BodyRow:
    id: int
    uuid: str
    kind: str
    display_name: str
    acronym: str
    established_on: dt.date | None
    names: tuple[tuple[str, str | None], ...] = ()  # (name, language)
    chairs: tuple[ChairDraft, ...] = ()

    def name_for(self, lang: str | None = None) -> str:
        lang = lang or current_language()
        return next((value for value, name_lang in self.names if name_lang == lang), self.display_name)

    def chair_in(self, year: int) -> ChairDraft | None:
        return rules.chair_in(list(self.chairs), year)

    def as_json(self) -> dict:
        return {"id": self.id, "uuid": self.uuid, "kind": self.kind, "name": self.display_name,
                "acronym": self.acronym,
                "established": self.established_on.isoformat() if self.established_on else None,
                "names": [{"lang": lang, "value": value} for value, lang in self.names],
                "chairmanship": [{"role": c.role, "year": c.year, "country": c.country_code or None,
                                  "university_id": c.university_id, "organisation_id": c.organisation_id,
                                  "notes": c.notes} for c in rules.rotation(list(self.chairs))]}


def validate(draft: BodyDraft) -> Problems:
    return rules.validate_body(draft)


def _check(session: Session, draft: BodyDraft) -> BodyDraft:
    draft.names = [BodyNameDraft(n.value.strip(), (n.lang or "").strip() or None) for n in draft.names]
    for chair in draft.chairs:
        chair.country_code = (chair.country_code or "").strip().upper()
    problems = rules.validate_body(draft)
    for index, chair in enumerate(draft.chairs):
        if chair.university_id is not None and session.get(University, chair.university_id) is None:
            problems[f"chairs[{index}].holder"] = Message("Chairmanship line {number}: the university no longer "
                                                          "exists.", {"number": index + 1})
        if chair.organisation_id is not None and session.get(Organisation, chair.organisation_id) is None:
            problems[f"chairs[{index}].holder"] = Message("Chairmanship line {number}: the organisation no longer "
                                                          "exists.", {"number": index + 1})
    if problems:
        raise ValidationError(problems)
    return draft


def _reuse(rows: list, index: int, model, **values):
    """The stored row at ``index`` given ``values``: an edit keeps the rows' UUIDs (a small difference to
    undo or to send to another coordinator)."""
    row = rows[index] if index < len(rows) else model()
    for name, value in values.items():
        setattr(row, name, value)
    return row


def _apply(body: Body, draft: BodyDraft) -> None:
    body.kind, body.acronym, body.established_on = draft.kind, draft.acronym.strip(), draft.established_on
    body.mandate, body.notes = draft.mandate, draft.notes
    body.display_name = draft.display_name()
    body.search_text = fold_for_search(" | ".join([*(n.value for n in draft.names), body.acronym, draft.mandate]))
    names, chairs = list(body.names), list(body.chairs)
    body.names = [_reuse(names, i, BodyName, value=n.value, lang=n.lang, position=i) for i, n in enumerate(draft.names)]
    body.chairs = [_reuse(chairs, i, BodyChair, position=i, role=c.role, year=c.year, country_code=c.country_code,
                          university_id=c.university_id, organisation_id=c.organisation_id, notes=c.notes.strip())
                   for i, c in enumerate(draft.chairs)]


def _chair_draft(chair: BodyChair) -> ChairDraft:
    return ChairDraft(chair.role, chair.year, chair.country_code, chair.university_id, chair.organisation_id,
                      chair.notes)


def create(db: Database, draft: BodyDraft, uuid: str | None = None) -> int:
    with db.transaction(changes=set(TOPICS)) as session:
        draft = _check(session, draft)
        body = Body(uuid=uuid) if uuid else Body()
        session.add(body)
        _apply(body, draft)
        session.flush()
        return body.id


def _load(session: Session, body_id: int) -> Body:
    found = session.execute(select(Body).where(Body.id == body_id).options(
        selectinload(Body.names), selectinload(Body.chairs))).scalar_one_or_none()
    if found is None:
        raise NotFoundError("The body no longer exists (id {id}); perhaps it was deleted.", id=body_id)
    return found


def get(db: Database, body_id: int) -> Record[BodyDraft]:
    with db.reading() as session:
        body = _load(session, body_id)
        draft = BodyDraft(body.kind, [BodyNameDraft(n.value, n.lang) for n in body.names], body.acronym,
                          body.established_on, body.mandate, body.notes, [_chair_draft(c) for c in body.chairs])
        return Record(body.id, body.uuid, draft, {"display_name": body.display_name, "updated_at": body.updated_at})


def update(db: Database, body_id: int, draft: BodyDraft) -> None:
    with db.transaction(changes=set(TOPICS)) as session:
        body = _load(session, body_id)
        _apply(body, _check(session, draft))


def delete(db: Database, body_id: int) -> Snapshot:
    """Delete a body with its names and chairmanship; refused while a decision names it as its author."""
    with db.reading() as session:
        name = session.execute(select(B.display_name).where(B.id == body_id)).scalar()
    if name is None:
        raise NotFoundError("The body no longer exists (id {id}); perhaps it was deleted.", id=body_id)
    return records.delete_record(db, KIND, body_id, TOPICS, name)


def restore(db: Database, snapshot: Snapshot) -> int:
    return records.restore_record(db, snapshot, TOPICS)


def _conditions(session: Session, query: BodyQuery) -> list:
    where: list = []
    if query.kind:
        where.append(B.kind == query.kind)
    for word in search_words(query.search):
        where.append(contains(session, word, B.search_text))
    return where


def count(db: Database, query: BodyQuery | None = None) -> int:
    query = query or BodyQuery()
    with db.reading() as session:
        return session.execute(select(func.count()).select_from(B).where(*_conditions(session, query))).scalar_one()


def page(db: Database, query: BodyQuery | None = None, after: tuple | None = None,
         limit: int = PAGE_SIZE) -> Page[BodyRow]:
    """Bodies by name, after the row whose key is ``after`` = (name, id), with their names and chairmanship."""
    query = query or BodyQuery()
    with db.reading() as session:
        where = _conditions(session, query)
        if after is not None:
            where.append(tuple_(B.display_name, B.id) > tuple_(*after))
        fetched = session.execute(select(B.id, B.uuid, B.kind, B.display_name, B.acronym, B.established_on)
                                  .where(*where).order_by(B.display_name, B.id).limit(limit)).all()
        ids = [row[0] for row in fetched]
        names: dict[int, list] = {}
        chairs: dict[int, list] = {}
        if ids:
            for owner, value, lang in session.execute(select(BodyName.body_id, BodyName.value, BodyName.lang)
                                                      .where(BodyName.body_id.in_(ids))
                                                      .order_by(BodyName.body_id, BodyName.position)):
                names.setdefault(owner, []).append((value, lang))
            for chair in session.execute(select(BodyChair).where(BodyChair.body_id.in_(ids))
                                         .order_by(BodyChair.body_id, BodyChair.position)).scalars():
                chairs.setdefault(chair.body_id, []).append(_chair_draft(chair))
    rows = [BodyRow(*row, tuple(names.get(row[0], ())), tuple(chairs.get(row[0], ()))) for row in fetched]
    last = (rows[-1].display_name, rows[-1].id) if len(rows) == limit else None
    return Page(rows, last)


def iterate(db: Database, query: BodyQuery | None = None, batch: int = 500) -> Iterator[BodyRow]:
    after = None
    while True:
        result = page(db, query, after, batch)
        yield from result.rows
        if result.is_last:
            return
        after = result.after


def choices(db: Database, search: str = "", lang: str | None = None) -> list[Choice]:
    """Every body (the network has a handful), named in the reader's language, in its alphabetical order."""
    lang = lang or current_language()
    found = [Choice(row.id, row.uuid, row.name_for(lang), "", row.kind)
             for row in iterate(db, BodyQuery(search=search))]
    return sorted(found, key=lambda choice: sort_key(choice.label, lang))
