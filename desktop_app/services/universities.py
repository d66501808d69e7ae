"""University register use cases: create, read, update, delete (and undo a delete). One call = one
transaction. Queries for the register view live in ``university_search``; bulk imports in
``university_bulk``."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from desktop_app.domain import university_rules as rules
from desktop_app.domain.contract import PAGE_SIZE, Choice, Page, Problems, Record, Snapshot
from desktop_app.domain.errors import ConflictError, NotFoundError
from desktop_app.domain.rankings import parse_rank
from desktop_app.domain.text import fold_for_search
from desktop_app.domain.universities import (
    AccreditationDraft,
    ContactDraft,
    NameDraft,
    NetworkRole,
    RankingDraft,
    StatusChangeDraft,
    UniversityDraft,
    normalise_ror_id,
)
from desktop_app.domain.university_rules import clean, is_top500
from desktop_app.services import choices as shared_choices
from desktop_app.services import records, university_search
from desktop_app.services.university_search import UniversityQuery, UniversityRow
from desktop_app.storage.database import Database
from desktop_app.storage.models import (
    University,
    UniversityAccreditation,
    UniversityArea,
    UniversityContact,
    UniversityName,
    UniversityRanking,
    UniversityStatusChange,
)

TOPIC = "universities"
KIND = "university"
TOPICS = frozenset({TOPIC})


def search_text_for(draft: UniversityDraft) -> str:
    """The folded text searched by the register: names in every language, acronym, city, ROR id, contacts."""
    parts = [name.value for name in draft.names] + [draft.acronym, draft.city, draft.ror_id or ""]
    for contact in draft.contacts:
        parts += [contact.name, contact.email, contact.phone, contact.position]
    return fold_for_search(" | ".join(part for part in parts if part))


def _with_status_history(draft: UniversityDraft, today: dt.date | None = None) -> list[StatusChangeDraft]:
    """The history to store: the draft's, plus a row when the status differs from the last recorded one."""
    history = list(draft.status_history)
    if not history or history[-1].status != draft.status:
        history.append(StatusChangeDraft(draft.status, draft.status_since or today or dt.date.today()))
    return history


def apply_draft(session: Session, university: University, draft: UniversityDraft) -> University:
    university.country_code = draft.country_code.upper()
    university.city = draft.city
    university.website = draft.website
    university.ror_id = normalise_ror_id(draft.ror_id) if draft.ror_id else None
    university.acronym = draft.acronym
    university.institution_type = draft.institution_type
    university.network_role = draft.network_role
    university.status = draft.status
    university.established = draft.established
    university.notes = draft.notes
    university.display_name = draft.display_name()
    university.search_text = search_text_for(draft)
    university.top500 = is_top500(draft.rankings)
    university.names = [
        UniversityName(value=name.value, lang=name.lang, kind=name.kind, position=index, is_primary=index == 0)
        for index, name in enumerate(draft.names)
    ]
    university.contacts = [
        UniversityContact(name=c.name, position=c.position, email=c.email, phone=c.phone, languages=c.languages,
                          notes=c.notes) for c in draft.contacts]
    university.rankings = [_ranking_row(r) for r in draft.rankings]
    university.accreditations = [
        UniversityAccreditation(agency=a.agency, label=a.label, valid_from=a.valid_from, valid_to=a.valid_to,
                                notes=a.notes) for a in draft.accreditations]
    history = _with_status_history(draft)
    university.status_changes = [UniversityStatusChange(status=h.status, changed_on=h.changed_on, note=h.note)
                                 for h in history]
    university.status_since = history[-1].changed_on
    university.areas = [UniversityArea(area_key=key) for key in sorted(set(draft.areas))]
    return university


def _ranking_row(ranking: RankingDraft) -> UniversityRanking:
    position = parse_rank(ranking.rank_text)
    return UniversityRanking(system=ranking.system, system_name=ranking.system_name, scope=ranking.scope,
                             subject=ranking.subject, year=int(ranking.year), rank_text=ranking.rank_text.strip(),
                             rank_best=position.best, rank_worst=position.worst)


def draft_of(university: University) -> UniversityDraft:
    """The editable draft of a stored university (children included)."""
    return UniversityDraft(
        country_code=university.country_code,
        names=[NameDraft(n.value, n.lang, n.kind) for n in university.names],
        city=university.city, website=university.website, ror_id=university.ror_id, acronym=university.acronym,
        institution_type=university.institution_type, network_role=university.network_role,
        status=university.status, established=university.established, notes=university.notes,
        status_since=university.status_since,
        contacts=[ContactDraft(c.name, c.position, c.email, c.phone, c.languages, c.notes)
                  for c in university.contacts],
        rankings=[RankingDraft(r.system, r.year, r.rank_text, r.scope, r.subject, r.system_name)
                  for r in university.rankings],
        accreditations=[AccreditationDraft(a.agency, a.label, a.valid_from, a.valid_to, a.notes)
                        for a in university.accreditations],
        areas=sorted(a.area_key for a in university.areas),
        status_history=[StatusChangeDraft(h.status, h.changed_on, h.note) for h in university.status_changes],
    )


def ensure_single_parent(session: Session, draft: UniversityDraft, own_id: int | None = None) -> None:
    if draft.network_role != NetworkRole.PARENT:
        return
    query = select(University.display_name).where(
        University.country_code == draft.country_code.upper(), University.network_role == NetworkRole.PARENT
    )
    if own_id is not None:
        query = query.where(University.id != own_id)
    existing = session.execute(query).scalar_one_or_none()
    if existing is not None:
        raise ConflictError(
            "{country} already has a parent university: {name}. A member state has exactly one.",
            field="network_role", country=draft.country_code.upper(), name=existing)


def ensure_unique_ror(session: Session, draft: UniversityDraft, own_id: int | None = None) -> None:
    if not draft.ror_id:
        return
    query = select(University.display_name).where(University.ror_id == normalise_ror_id(draft.ror_id))
    if own_id is not None:
        query = query.where(University.id != own_id)
    existing = session.execute(query).scalar_one_or_none()
    if existing is not None:
        raise ConflictError("The ROR identifier {ror} already belongs to {name}.", field="ror_id",
                            ror=normalise_ror_id(draft.ror_id), name=existing)


def _flush(session: Session, draft: UniversityDraft) -> None:
    """Flush, turning a constraint the database caught (a parallel writer) into the same clear message."""
    try:
        session.flush()
    except IntegrityError as error:  # the unit of work rolls back (only its savepoint, when nested)
        if "parent" in str(error.orig).lower() or draft.network_role == NetworkRole.PARENT:
            raise ConflictError("{country} already has a parent university. A member state has exactly one.",
                                field="network_role", country=draft.country_code.upper()) from error
        raise ConflictError("The ROR identifier {ror} already belongs to another university.", field="ror_id",
                            ror=draft.ror_id or "") from error


def _check(session: Session, draft: UniversityDraft, own_id: int | None) -> UniversityDraft:
    draft = clean(draft)
    rules.validate(draft)
    ensure_single_parent(session, draft, own_id)
    ensure_unique_ror(session, draft, own_id)
    return draft


def validate(draft: UniversityDraft) -> Problems:
    """Every problem of the draft, keyed by field (checks that need the database come on save)."""
    return rules.validation_errors(draft)


def create(db: Database, draft: UniversityDraft, uuid: str | None = None) -> int:
    with db.transaction(changes={TOPIC}) as session:
        return create_in(session, draft, uuid)


def create_in(session: Session, draft: UniversityDraft, uuid: str | None = None) -> int:
    """Create the university inside the caller's transaction (an import that records more than it)."""
    draft = _check(session, draft, None)
    university = apply_draft(session, University(uuid=uuid) if uuid else University(), draft)
    session.add(university)
    _flush(session, draft)
    return university.id


def _load(session: Session, university_id: int) -> University:
    university = session.execute(
        select(University).where(University.id == university_id).options(
            selectinload(University.names), selectinload(University.contacts), selectinload(University.rankings),
            selectinload(University.accreditations), selectinload(University.status_changes),
            selectinload(University.areas))).scalar_one_or_none()
    if university is None:
        raise NotFoundError("The university no longer exists (id {id}); perhaps it was deleted.", id=university_id)
    return university


def get(db: Database, university_id: int) -> Record[UniversityDraft]:
    with db.reading() as session:
        university = _load(session, university_id)
        return Record(university.id, university.uuid, draft_of(university),
                      {"display_name": university.display_name, "top500": university.top500,
                       "updated_at": university.updated_at})


def update(db: Database, university_id: int, draft: UniversityDraft) -> None:
    with db.transaction(changes={TOPIC}) as session:
        university = _load(session, university_id)
        draft = _check(session, draft, university_id)
        apply_draft(session, university, draft)
        _flush(session, draft)


def delete(db: Database, university_id: int) -> Snapshot:
    """Delete a university with everything it owns (names, contacts, rankings, its calendars…); refused
    while agreements, programmes, mobility or events still name it."""
    with db.reading() as session:
        name = session.execute(select(University.display_name).where(University.id == university_id)).scalar()
    return records.delete_record(db, KIND, university_id, {TOPIC, "calendars"}, name or "")


def restore(db: Database, snapshot: Snapshot) -> int:
    """Put a deleted university back with its id and uuid, so references held elsewhere stay valid."""
    return records.restore_record(db, snapshot, {TOPIC, "calendars"})


def page(db: Database, query: UniversityQuery | None = None, after: tuple | None = None,
         limit: int = PAGE_SIZE) -> Page[UniversityRow]:
    """One page of the register in the query's order, after the row whose key is ``after``."""
    query = query or UniversityQuery()
    rows = university_search.page_after(db, query, after, limit)
    last = rows[-1] if len(rows) == limit else None
    return Page(rows, (university_search.sort_value(last, query.sort), last.id) if last else None)


def choices(db: Database, search: str = "", country: str | None = None, limit: int | None = None,
            lang: str | None = None) -> list[Choice]:
    return shared_choices.universities(db, search=search, country=country, limit=limit, lang=lang)


def ids_by_ror(db: Database, ror_ids: list[str]) -> dict[str, int]:
    """The register's universities with these ROR ids: ROR id -> university id (absent ones left out)."""
    wanted = [normalise_ror_id(ror_id) for ror_id in ror_ids]
    with db.reading() as session:
        rows = session.execute(select(University.ror_id, University.id).where(University.ror_id.in_(wanted)))
        return {ror_id: university_id for ror_id, university_id in rows if ror_id}


def count(db: Database) -> int:
    with db.reading() as session:
        return session.execute(select(func.count()).select_from(University)).scalar_one()
