"""Organisations besides universities (the area contract): ministries, agencies, associations,
enterprises and international bodies, with their names in several languages, contact persons and, for an
agency, its standing (ENQA, EQAR, EUR-ACE) with dates. One call = one transaction.

An organisation is named to a reader as a university is (``university_names.choose_name``): in the
reader's language when it has a name in it, else in a language of its state, else in English.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import bindparam, func, select, tuple_
from sqlalchemy.orm import Session, selectinload

from desktop_app.domain import organisations as rules
from desktop_app.domain.contract import PAGE_SIZE, Choice, Page, Problems, Record, Snapshot
from desktop_app.domain.errors import NotFoundError, ValidationError
from desktop_app.domain.organisations import OrganisationDraft, StandingDraft
from desktop_app.domain.text import fold_for_search
from desktop_app.domain.universities import ContactDraft, NameDraft, NameKind
from desktop_app.i18n import current_language
from desktop_app.services import records
from desktop_app.services.collation import sort_key
from desktop_app.services.search_terms import contains, search_words
from desktop_app.services.university_names import choose_name
from desktop_app.storage import ownership
from desktop_app.storage.database import Database
from desktop_app.storage.models import Organisation, OrganisationContact, OrganisationName, OrganisationStanding

TOPIC = "organisations"
KIND = "organisation"
TOPICS = frozenset({TOPIC})

O = Organisation  # noqa: E741 - the table, in the queries below
#: Sort keys of the list and the column each orders by (then by id).
SORT_COLUMNS = {"name": O.display_name, "kind": O.kind, "country": O.country_code, "acronym": O.acronym}
_CHUNK = 900
_OWNER = Organisation.__table__.c[ownership.OWNER_COLUMN]  # added to every kind's root table at registration


@dataclass(frozen=True)
class OrganisationQuery:
    search: str = ""
    kind: str | tuple[str, ...] | None = None  # one kind, or several (the agencies)
    country: str | None = None
    #: Only organisations with a standing of this kind in force on ``today`` (e.g. registered in EQAR).
    standing: str | None = None
    today: dt.date | None = None
    sort: str = "name"
    descending: bool = False


class OrganisationRow(NamedTuple):
    """One line of the list. (A named tuple: a page builds hundreds of them, and a tuple is the cheapest
    immutable row Python has.)"""

    id: int
    uuid: str
    kind: str
    country_code: str
    display_name: str
    acronym: str
    city: str
    website: str
    names: tuple[tuple[str, str | None], ...] = ()  # (name, language) in the register's order, aliases left out
    standings: tuple[StandingDraft, ...] = ()
    owner_state: str | None = None

    def name_for(self, lang: str | None = None) -> str:
        """The name a reader of ``lang`` (default: the interface language) sees."""
        return choose_name(self.names, self.country_code, lang or current_language(), self.display_name)

    def standings_in_force(self, today: dt.date) -> list[str]:
        return [standing.kind for standing in self.standings if standing.in_force(today)]

    def as_json(self) -> dict:
        return {"id": self.id, "uuid": self.uuid, "kind": self.kind, "country": self.country_code or None,
                "name": self.display_name, "acronym": self.acronym, "city": self.city, "website": self.website,
                "names": [{"lang": lang, "value": value} for value, lang in self.names],
                "standings": [{"kind": s.kind, "valid_from": s.valid_from.isoformat() if s.valid_from else None,
                               "valid_to": s.valid_to.isoformat() if s.valid_to else None,
                               "reference": s.reference} for s in self.standings],
                "owner": self.owner_state}


def search_text_for(draft: OrganisationDraft) -> str:
    parts = [name.value for name in draft.names] + [draft.acronym, draft.city, draft.website]
    for contact in draft.contacts:
        parts += [contact.name, contact.position, contact.email, contact.phone]
    return fold_for_search(" | ".join(part for part in parts if part))


def validate(draft: OrganisationDraft) -> Problems:
    return rules.validate(draft)


def _clean(draft: OrganisationDraft) -> OrganisationDraft:
    draft.country_code = (draft.country_code or "").strip().upper()
    draft.names = [NameDraft(n.value.strip(), (n.lang or None) and n.lang.strip(), n.kind) for n in draft.names]
    draft.acronym, draft.city, draft.website = draft.acronym.strip(), draft.city.strip(), draft.website.strip()
    return draft


def _check(draft: OrganisationDraft) -> OrganisationDraft:
    draft = _clean(draft)
    problems = rules.validate(draft)
    if problems:
        raise ValidationError(problems)
    return draft


def _reuse(rows: list, index: int, model, **values):
    """The stored row at ``index`` given ``values`` (a new row past the end): an edit keeps the rows' UUIDs,
    so it is a small difference to undo or to send to another coordinator."""
    row = rows[index] if index < len(rows) else model()
    for name, value in values.items():
        setattr(row, name, value)
    return row


def _apply(organisation: Organisation, draft: OrganisationDraft) -> None:
    organisation.kind = draft.kind
    organisation.country_code = draft.country_code
    organisation.acronym, organisation.city, organisation.website = draft.acronym, draft.city, draft.website
    organisation.notes = draft.notes
    organisation.display_name = draft.display_name()
    organisation.search_text = search_text_for(draft)
    names, contacts, standings = list(organisation.names), list(organisation.contacts), list(organisation.standings)
    organisation.names = [_reuse(names, i, OrganisationName, value=n.value, lang=n.lang, kind=n.kind, position=i)
                          for i, n in enumerate(draft.names)]
    organisation.contacts = [
        _reuse(contacts, i, OrganisationContact, position=i, name=c.name.strip(), role=c.position.strip(),
               email=c.email.strip(), phone=c.phone.strip(), languages=c.languages, notes=c.notes)
        for i, c in enumerate(draft.contacts)]
    organisation.standings = [
        _reuse(standings, i, OrganisationStanding, position=i, kind=s.kind, valid_from=s.valid_from,
               valid_to=s.valid_to, reference=s.reference.strip(), notes=s.notes)
        for i, s in enumerate(draft.standings)]


def draft_of(organisation: Organisation) -> OrganisationDraft:
    return OrganisationDraft(
        kind=organisation.kind, country_code=organisation.country_code, acronym=organisation.acronym,
        city=organisation.city, website=organisation.website, notes=organisation.notes,
        names=[NameDraft(n.value, n.lang, n.kind) for n in organisation.names],
        contacts=[ContactDraft(c.name, c.role, c.email, c.phone, c.languages, c.notes) for c in organisation.contacts],
        standings=[StandingDraft(s.kind, s.valid_from, s.valid_to, s.reference, s.notes)
                   for s in organisation.standings])


def create(db: Database, draft: OrganisationDraft, uuid: str | None = None) -> int:
    draft = _check(draft)
    with db.transaction(changes=set(TOPICS)) as session:
        organisation = Organisation(uuid=uuid) if uuid else Organisation()
        session.add(organisation)
        _apply(organisation, draft)
        session.flush()
        return organisation.id


def _load(session: Session, organisation_id: int) -> Organisation:
    found = session.execute(select(Organisation).where(Organisation.id == organisation_id).options(
        selectinload(Organisation.names), selectinload(Organisation.contacts),
        selectinload(Organisation.standings))).scalar_one_or_none()
    if found is None:
        raise NotFoundError("The organisation no longer exists (id {id}); perhaps it was deleted.", id=organisation_id)
    return found


def get(db: Database, organisation_id: int) -> Record[OrganisationDraft]:
    with db.reading() as session:
        organisation = _load(session, organisation_id)
        return Record(organisation.id, organisation.uuid, draft_of(organisation),
                      {"display_name": organisation.display_name,
                       "owner_state": getattr(organisation, ownership.OWNER_COLUMN),
                       "updated_at": organisation.updated_at})


def update(db: Database, organisation_id: int, draft: OrganisationDraft) -> None:
    draft = _check(draft)
    with db.transaction(changes=set(TOPICS)) as session:
        _apply(_load(session, organisation_id), draft)


def delete(db: Database, organisation_id: int) -> Snapshot:
    """Delete an organisation with its names, contacts and standings; refused while a body's chairmanship
    or a decision's follow-up action names it."""
    with db.reading() as session:
        name = session.execute(select(O.display_name).where(O.id == organisation_id)).scalar()
    if name is None:
        raise NotFoundError("The organisation no longer exists (id {id}); perhaps it was deleted.", id=organisation_id)
    return records.delete_record(db, KIND, organisation_id, TOPICS, name)


def restore(db: Database, snapshot: Snapshot) -> int:
    return records.restore_record(db, snapshot, TOPICS)


# --- the list ---------------------------------------------------------------------------------------

def _query_kind(kind: str | Collection[str] | None) -> str | tuple[str, ...] | None:
    return kind if kind is None or isinstance(kind, str) else tuple(sorted(kind))


def _kinds(kind: str | Collection[str] | None) -> list[str] | None:
    if kind is None or kind == "":
        return None
    return [kind] if isinstance(kind, str) else list(kind)


def _conditions(session: Session, query: OrganisationQuery) -> list:
    where: list = []
    kinds = _kinds(query.kind)
    if kinds is not None:
        where.append(O.kind.in_(kinds))
    if query.country:
        where.append(O.country_code == query.country.upper())
    if query.standing:
        today = query.today or dt.date.today()
        S = OrganisationStanding  # noqa: N806
        where.append(O.id.in_(select(S.organisation_id).where(
            S.kind == query.standing, (S.valid_from.is_(None)) | (S.valid_from <= today),
            (S.valid_to.is_(None)) | (S.valid_to >= today))))
    for word in search_words(query.search):
        where.append(contains(session, word, O.search_text))
    return where


def count(db: Database, query: OrganisationQuery | None = None) -> int:
    query = query or OrganisationQuery()
    with db.reading() as session:
        return session.execute(select(func.count()).select_from(O).where(*_conditions(session, query))).scalar_one()


#: The names and standings of a page's organisations: built once, executed with the page's ids (a list is
#: read often, and building a statement with hundreds of literals costs more than running it).
_NAMES = (select(OrganisationName.organisation_id, OrganisationName.value, OrganisationName.lang)
          .where(OrganisationName.organisation_id.in_(bindparam("ids", expanding=True)),
                 OrganisationName.kind != NameKind.ALIAS)
          .order_by(OrganisationName.organisation_id, OrganisationName.position, OrganisationName.id))
_STANDINGS = (select(OrganisationStanding.organisation_id, OrganisationStanding.kind, OrganisationStanding.valid_from,
                     OrganisationStanding.valid_to, OrganisationStanding.reference, OrganisationStanding.notes)
              .where(OrganisationStanding.organisation_id.in_(bindparam("ids", expanding=True)))
              .order_by(OrganisationStanding.organisation_id, OrganisationStanding.position))


def _details(session: Session, ids: list[int]) -> tuple[dict, dict]:
    names: dict[int, list[tuple[str, str | None]]] = {}
    standings: dict[int, list[StandingDraft]] = {}
    # Core execution: plain columns need none of the ORM's result processing.
    connection = session.connection()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        for owner, value, lang in connection.execute(_NAMES, {"ids": chunk}).all():
            names.setdefault(owner, []).append((value, lang))
        for owner, kind, valid_from, valid_to, reference, notes in connection.execute(_STANDINGS,
                                                                                        {"ids": chunk}).all():
            standings.setdefault(owner, []).append(StandingDraft(kind, valid_from, valid_to, reference, notes))
    return names, standings


def page(db: Database, query: OrganisationQuery | None = None, after: tuple | None = None,
         limit: int = PAGE_SIZE) -> Page[OrganisationRow]:
    """One page in the query's order, after the row whose key is ``after`` = (sort value, id)."""
    query = query or OrganisationQuery()
    key = SORT_COLUMNS.get(query.sort, O.display_name)
    with db.reading() as session:
        where = _conditions(session, query)
        if after is not None:
            position = tuple_(key, O.id)
            where.append(position < tuple_(*after) if query.descending else position > tuple_(*after))
        order: list = [key.desc(), O.id.desc()] if query.descending else [key.asc(), O.id.asc()]
        fetched = session.connection().execute(
            select(O.id, O.uuid, O.kind, O.country_code, O.display_name, O.acronym, O.city, O.website, _OWNER, key)
            .where(*where).order_by(*order).limit(limit)).all()
        names, standings = _details(session, [row[0] for row in fetched])
    rows = [OrganisationRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], tuple(names.get(r[0], ())),
                            tuple(standings.get(r[0], ())), r[8]) for r in fetched]
    last = (fetched[-1][9], fetched[-1][0]) if len(fetched) == limit else None
    return Page(rows, last)


def iterate(db: Database, query: OrganisationQuery | None = None, batch: int = 1000) -> Iterator[OrganisationRow]:
    after = None
    while True:
        result = page(db, query, after, batch)
        yield from result.rows
        if result.is_last:
            return
        after = result.after


# --- pickers and names ------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Named:
    id: int
    uuid: str
    country: str
    kind: str
    display: str
    names: list[tuple[str, str | None]] = field(default_factory=list)


def choices(db: Database, kind: str | Collection[str] | None = None, search: str = "", country: str | None = None,
            limit: int | None = None, lang: str | None = None, ids: Sequence[int] | None = None) -> list[Choice]:
    """Organisations for a picker (of one kind or several, e.g. ``domain.organisations.AGENCY_KINDS``),
    named in the reader's language, in its alphabetical order. ``ids`` asks for exactly those (to show
    a record's current choices); ``limit`` is the caller's — a picker says when there are more."""
    lang = lang or current_language()
    with db.reading() as session:
        statement = select(O.id, O.uuid, O.country_code, O.kind, O.display_name)
        if ids is not None:
            statement = statement.where(O.id.in_(list(ids)))
        else:
            statement = statement.where(*_conditions(session, OrganisationQuery(
                search=search, kind=_query_kind(kind), country=country)))
        statement = statement.order_by(O.display_name, O.id)
        if limit is not None:
            statement = statement.limit(limit)
        found = [_Named(*row) for row in session.execute(statement)]
        names, _standings = _details(session, [item.id for item in found])
    result = [Choice(item.id, item.uuid, choose_name(names.get(item.id, ()), item.country, lang, item.display),
                     item.country, item.kind) for item in found]
    return sorted(result, key=lambda choice: sort_key(choice.label, lang))


def count_choices(db: Database, kind: str | Collection[str] | None = None, search: str = "",
                  country: str | None = None) -> int:
    return count(db, OrganisationQuery(search=search, kind=_query_kind(kind), country=country))


def names_for_reader(db: Database, organisation_ids: Iterable[int], lang: str) -> dict[int, str]:
    """{organisation id: the name a reader of ``lang`` sees} for every id that exists."""
    ids = list(dict.fromkeys(organisation_ids))
    result: dict[int, str] = {}
    with db.reading() as session:
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            rows = session.execute(select(O.id, O.country_code, O.display_name).where(O.id.in_(chunk))).all()
            names, _standings = _details(session, chunk)
            for organisation_id, country, display in rows:
                result[organisation_id] = choose_name(names.get(organisation_id, ()), country, lang, display)
    return result


def kinds_of(db: Database, organisation_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """{organisation id: (kind, country code)}."""
    ids = list(dict.fromkeys(organisation_ids))
    with db.reading() as session:
        return {row[0]: (row[1], row[2]) for start in range(0, len(ids), _CHUNK)
                for row in session.execute(select(O.id, O.kind, O.country_code)
                                           .where(O.id.in_(ids[start:start + _CHUNK])))}
