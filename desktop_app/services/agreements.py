"""Agreement use cases, following the area contract: create, get, update, delete (and restore), page,
choices, validate; the documents attached to an agreement; imports of several agreements at once;
the recommendations' warnings for strategic partnerships. One call = one transaction. Queries of the
register live in ``agreement_search``."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop_app.domain import agreements as rules
from desktop_app.domain.agreements import (
    AgreementDraft,
    ConditionDraft,
    ForeignPartner,
    IndicatorDraft,
    OrganisationPartyDraft,
    PartyDraft,
    PartyRole,
)
from desktop_app.domain.contract import PAGE_SIZE, Choice, Message, Page, Problems, Record, Snapshot
from desktop_app.domain.errors import NotFoundError, UserError, ValidationError
from desktop_app.domain.text import fold_for_search
from desktop_app.services import agreement_search, documents, records
from desktop_app.services.agreement_search import AgreementQuery, AgreementRow
from desktop_app.storage.database import Database
from desktop_app.storage.models import (
    Agreement,
    AgreementCondition,
    AgreementIndicator,
    AgreementOrganisationParty,
    AgreementParty,
    Organisation,
    University,
    UniversityRanking,
)

TOPIC = "agreements"
KIND = "agreement"
TOPICS = frozenset({TOPIC})
#: The owner type of an agreement's rows in attached_documents.
DOCUMENT_OWNER = "agreement"


def search_text_for(draft: AgreementDraft) -> str:
    """The agreement's own folded text: title, number and signatories (the parties' names are matched
    live in the register, see ``agreement_search``)."""
    parts = [draft.title, draft.reference, *(party.signatory for party in draft.parties),
             *(party.signatory for party in draft.organisation_parties)]
    return fold_for_search(" | ".join(part for part in parts if part))


def validate(draft: AgreementDraft) -> Problems:
    """Every problem of the draft, keyed by field (whether the parties exist is checked on save)."""
    return rules.validation_errors(draft)


def _check(session: Session, draft: AgreementDraft) -> None:
    problems = rules.validation_errors(draft)
    wanted = {party.university_id for party in draft.parties}
    known = set(session.execute(select(University.id).where(University.id.in_(wanted))).scalars())
    if "parties" not in problems and known != wanted:
        problems["parties"] = Message("A party is not in the university register.")
    organisations = {party.organisation_id for party in draft.organisation_parties}
    if organisations and "organisation_parties" not in problems:
        found = set(session.execute(select(Organisation.id).where(Organisation.id.in_(organisations))).scalars())
        if found != organisations:
            problems["organisation_parties"] = Message("A party is not in the register of organisations.")
    if problems:
        raise ValidationError(problems)


def _apply(session: Session, agreement: Agreement, draft: AgreementDraft) -> None:
    agreement.title = draft.title.strip()
    agreement.reference = draft.reference.strip()
    agreement.kind = draft.kind
    agreement.approach = draft.approach if draft.kind == rules.AgreementKind.STRATEGIC else None
    agreement.status = draft.status
    agreement.signing_date = draft.signing_date
    agreement.valid_from = draft.valid_from
    agreement.valid_to = draft.valid_to
    agreement.renewal_terms = draft.renewal_terms
    agreement.national_staff_percent = draft.national_staff_percent
    agreement.foreign_staff_percent = draft.foreign_staff_percent
    agreement.funding_sources = draft.funding_sources
    agreement.notes = draft.notes
    agreement.search_text = search_text_for(draft)
    # Owned rows are changed in place where they stay (a party by its university, indicators and
    # conditions by their place), so they keep their UUIDs: an edit is then a small difference to undo
    # or to send to another coordinator, and a party removed and added back in one edit is the same row.
    kept = {party.university_id: party for party in agreement.parties}
    parties = []
    for position, p in enumerate(draft.parties):
        party = kept.pop(p.university_id, None) or AgreementParty(university_id=p.university_id)
        party.position, party.role, party.signatory = position, p.role, p.signatory.strip()
        party.signing_date, party.local_code = p.signing_date, p.local_code
        parties.append(party)
    agreement.parties = parties
    kept_organisations = {party.organisation_id: party for party in agreement.organisation_parties}
    organisation_parties = []
    for position, o in enumerate(draft.organisation_parties):
        row = (kept_organisations.pop(o.organisation_id, None)
               or AgreementOrganisationParty(organisation_id=o.organisation_id))
        row.position, row.role, row.signatory, row.signing_date = position, o.role, o.signatory.strip(), o.signing_date
        organisation_parties.append(row)
    agreement.organisation_parties = organisation_parties
    indicators = list(agreement.indicators)
    agreement.indicators = [_reuse(indicators, index, AgreementIndicator, name=x.name.strip(), unit=x.unit,
                                   year=x.year, target=x.target, actual=x.actual)
                            for index, x in enumerate(draft.indicators)]
    conditions = sorted(agreement.conditions, key=lambda c: c.position)
    agreement.conditions = [
        _reuse(conditions, i, AgreementCondition, position=i, kind=c.kind,
               sending_university_id=draft.parties[c.sending_index].university_id,
               receiving_university_id=draft.parties[c.receiving_index].university_id,
               first_year=c.first_year, last_year=c.last_year, mobilities_per_year=c.mobilities_per_year,
               isced_code=c.isced_code, eqf_levels=c.eqf_levels, months_per_year=c.months_per_year,
               days_per_year=c.days_per_year, language=c.language, cefr_level=c.cefr_level)
        for i, c in enumerate(draft.conditions)]


def _reuse(rows: list, index: int, model, **values):
    """The row at ``index`` of the stored ones, given ``values`` (a new row when there are fewer)."""
    row = rows[index] if index < len(rows) else model()
    for name, value in values.items():
        setattr(row, name, value)
    return row


def _create(session: Session, draft: AgreementDraft, uuid: str | None) -> int:
    _check(session, draft)
    agreement = Agreement(uuid=uuid) if uuid else Agreement()
    session.add(agreement)
    _apply(session, agreement, draft)
    session.flush()
    return agreement.id


def create(db: Database, draft: AgreementDraft, uuid: str | None = None) -> int:
    with db.transaction(changes=set(TOPICS)) as session:
        return _create(session, draft, uuid)


def _load(session: Session, agreement_id: int) -> Agreement:
    agreement = session.execute(
        select(Agreement).where(Agreement.id == agreement_id).options(
            selectinload(Agreement.parties), selectinload(Agreement.indicators),
            selectinload(Agreement.conditions), selectinload(Agreement.organisation_parties))).scalar_one_or_none()
    if agreement is None:
        raise NotFoundError("The agreement no longer exists (id {id}); perhaps it was deleted.", id=agreement_id)
    return agreement


def draft_of(agreement: Agreement) -> AgreementDraft:
    index = {p.university_id: i for i, p in enumerate(agreement.parties)}
    return AgreementDraft(
        title=agreement.title, kind=agreement.kind, status=agreement.status, reference=agreement.reference,
        approach=agreement.approach, signing_date=agreement.signing_date, valid_from=agreement.valid_from,
        valid_to=agreement.valid_to, renewal_terms=agreement.renewal_terms,
        national_staff_percent=agreement.national_staff_percent,
        foreign_staff_percent=agreement.foreign_staff_percent, funding_sources=agreement.funding_sources,
        notes=agreement.notes,
        parties=[PartyDraft(p.university_id, p.role, p.signatory, p.signing_date, p.local_code)
                 for p in agreement.parties],
        indicators=[IndicatorDraft(x.name, x.year, x.target, x.actual, x.unit) for x in agreement.indicators],
        conditions=[ConditionDraft(c.kind, index[c.sending_university_id], index[c.receiving_university_id],
                                   c.first_year, c.last_year, c.mobilities_per_year, c.isced_code, c.eqf_levels,
                                   c.months_per_year, c.days_per_year, c.language, c.cefr_level)
                    for c in agreement.conditions],
        organisation_parties=[OrganisationPartyDraft(o.organisation_id, o.role, o.signatory, o.signing_date)
                              for o in agreement.organisation_parties])


def get(db: Database, agreement_id: int) -> Record[AgreementDraft]:
    with db.reading() as session:
        agreement = _load(session, agreement_id)
        return Record(agreement.id, agreement.uuid, draft_of(agreement),
                      {"title": agreement.title, "updated_at": agreement.updated_at})


def update(db: Database, agreement_id: int, draft: AgreementDraft) -> None:
    with db.transaction(changes=set(TOPICS)) as session:
        agreement = _load(session, agreement_id)
        _check(session, draft)
        _apply(session, agreement, draft)


def delete(db: Database, agreement_id: int) -> Snapshot:
    """Delete an agreement with its parties, indicators, conditions and documents; mobility records
    that named it keep their data and are linked to it again on restore."""
    with db.reading() as session:
        title = session.execute(select(Agreement.title).where(Agreement.id == agreement_id)).scalar()
    if title is None:
        raise NotFoundError("The agreement no longer exists (id {id}); perhaps it was deleted.", id=agreement_id)
    return records.delete_record(db, KIND, agreement_id, TOPICS, title)


def restore(db: Database, snapshot: Snapshot) -> int:
    """Put a deleted agreement back with its id, uuid, documents and links."""
    return records.restore_record(db, snapshot, TOPICS)


def page(db: Database, query: AgreementQuery | None = None, after: tuple | None = None,
         limit: int = PAGE_SIZE) -> Page[AgreementRow]:
    """One page of the register, filtered, searched and sorted in SQL (see ``agreement_search``)."""
    return agreement_search.page(db, query, after, limit)


def count(db: Database, query: AgreementQuery | None = None) -> int:
    return agreement_search.count(db, query)


def iterate(db: Database, query: AgreementQuery | None = None, batch: int = 1000):
    """Every agreement the query finds, fetched a page at a time."""
    return agreement_search.iterate(db, query, batch)


def choices(db: Database, search: str = "", limit: int | None = None) -> list[Choice]:
    """Agreements for pickers (a mobility record's agreement), by title; ``limit`` is the caller's."""
    query = AgreementQuery(search=search, sort="title")
    found: list[Choice] = []
    for row in agreement_search.iterate(db, query, batch=min(limit or 1000, 1000)):
        found.append(Choice(row.id, row.uuid, row.title, detail=row.reference))
        if limit is not None and len(found) >= limit:
            break
    return found


# --- documents ------------------------------------------------------------------------------------

def _ensure_exists(session: Session, agreement_id: int) -> None:
    if session.get(Agreement, agreement_id) is None:
        raise NotFoundError("The agreement no longer exists (id {id}); perhaps it was deleted.", id=agreement_id)


def attach_document(db: Database, agreement_id: int, file_name: str, content: bytes, description: str = "") -> int:
    """Keep a file with the agreement (a scan of the signed text, an annex); answers the document's id."""
    with db.transaction(changes=set(TOPICS)) as session:
        _ensure_exists(session, agreement_id)
        return documents.add(session, DOCUMENT_OWNER, agreement_id, file_name, content, description)


def attach_file(db: Database, agreement_id: int, path: str | Path, description: str = "") -> int:
    path = Path(path)
    return attach_document(db, agreement_id, path.name, documents.read_file(path), description)


def remove_document(db: Database, agreement_id: int, document_id: int) -> None:
    with db.transaction(changes=set(TOPICS)) as session:
        documents.remove(session, DOCUMENT_OWNER, agreement_id, document_id)


def list_documents(db: Database, agreement_id: int) -> list[documents.DocumentInfo]:
    return documents.list_documents(db, DOCUMENT_OWNER, agreement_id)


# --- imports --------------------------------------------------------------------------------------

@dataclass
class ImportOutcome:
    created: list[int] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # UUIDs already recorded, left unchanged
    updated: list[int] = field(default_factory=list)


def import_agreements(db: Database, entries: Iterable[tuple[str | None, AgreementDraft]],
                      updates: Iterable[tuple[int, AgreementDraft]] = ()) -> ImportOutcome:
    """Record several agreements in one transaction: all of them, or, when one is refused, none.

    Each entry is (uuid or None, draft) of a new agreement; one whose UUID is already recorded is
    skipped and left as it is. ``updates`` (agreement id, draft) change agreements on record — the
    caller has shown the user what changes and kept what its file cannot carry."""
    outcome = ImportOutcome()
    with db.transaction(changes=set(TOPICS)) as session:
        for number, (uuid, draft) in enumerate(entries, start=1):
            if uuid and session.execute(select(Agreement.id).where(Agreement.uuid == uuid)).first() is not None:
                outcome.skipped.append(uuid)
                continue
            try:
                outcome.created.append(_create(session, draft, uuid))
            except ValidationError as error:
                # The first problem names what is wrong (the others usually follow from it).
                raise UserError("Agreement {number} ({title}) cannot be recorded: {reason}", number=number,
                                title=draft.title, reason=next(iter(error.problems.values()))) from error
        for agreement_id, draft in updates:
            agreement = _load(session, agreement_id)
            try:
                _check(session, draft)
            except ValidationError as error:
                raise UserError("Agreement {number} ({title}) cannot be recorded: {reason}", number=agreement_id,
                                title=draft.title, reason=next(iter(error.problems.values()))) from error
            _apply(session, agreement, draft)
            outcome.updated.append(agreement_id)
    return outcome


def ids_by_uuid(db: Database, uuids: Iterable[str]) -> dict[str, int]:
    """The agreements on record among the given UUIDs."""
    wanted = list(uuids)
    if not wanted:
        return {}
    with db.reading() as session:
        return dict(session.execute(select(Agreement.uuid, Agreement.id).where(Agreement.uuid.in_(wanted))).all())


def find_by_parties(db: Database, university_ids: set[int], reference: str) -> int | None:
    """The agreement on record between exactly these universities with this reference (how a partner's
    file names an agreement it has under its own identifier)."""
    if not reference:
        return None
    with db.reading() as session:
        for agreement in session.execute(select(Agreement).where(Agreement.reference == reference)
                                         .options(selectinload(Agreement.parties))).scalars():
            if {party.university_id for party in agreement.parties} == university_ids:
                return agreement.id
    return None


# --- strategic partnerships -----------------------------------------------------------------------

def foreign_partners(db: Database, draft: AgreementDraft) -> list[ForeignPartner]:
    """The parties marked foreign, each with every published rank of the university."""
    ids = [p.university_id for p in draft.parties if p.role == PartyRole.FOREIGN]
    if not ids:
        return []
    with db.reading() as session:
        names = dict(session.execute(select(University.id, University.display_name)
                                     .where(University.id.in_(ids))).all())
        ranks: dict[int, list[str]] = {i: [] for i in ids}
        for university_id, rank in session.execute(
                select(UniversityRanking.university_id, UniversityRanking.rank_text)
                .where(UniversityRanking.university_id.in_(ids))):
            ranks[university_id].append(rank)
    return [ForeignPartner(names.get(i, "?"), tuple(ranks[i])) for i in ids]


def partnership_warnings(db: Database, draft: AgreementDraft, tr=None) -> list[str]:
    """The warnings in the interface language, or in a report's (``tr``, a Translator)."""
    return rules.partnership_warnings(draft, foreign_partners(db, draft), tr)


@dataclass(frozen=True)
class IndicatorProgress:
    name: str
    unit: str
    year: int
    target: float
    actual: float | None
    progress: float | None


def indicator_progress(db: Database, agreement_id: int) -> list[IndicatorProgress]:
    with db.reading() as session:
        rows = session.execute(select(AgreementIndicator).where(AgreementIndicator.agreement_id == agreement_id)
                               .order_by(AgreementIndicator.name, AgreementIndicator.year)).scalars().all()
        return [IndicatorProgress(r.name, r.unit, r.year, r.target, r.actual,
                                  rules.indicator_progress(r.target, r.actual)) for r in rows]
