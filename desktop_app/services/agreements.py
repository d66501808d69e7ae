"""Agreement use cases: record, change, remove, list, warn. One call = one transaction."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.domain import agreements as rules
from desktop_app.domain.agreements import (
    AgreementDraft,
    ConditionDraft,
    ForeignPartner,
    IndicatorDraft,
    PartyDraft,
    PartyRole,
)
from desktop_app.domain.errors import NotFoundError, ValidationError
from desktop_app.domain.text import fold_for_search, like_pattern
from desktop_app.i18n import _
from desktop_app.services.documents import delete_documents_of
from desktop_app.storage.database import Database
from desktop_app.storage.models import (
    Agreement,
    AgreementCondition,
    AgreementIndicator,
    AgreementParty,
    University,
    UniversityRanking,
)

TOPIC = "agreements"


def _names(session: Session, ids) -> dict[int, tuple[str, str]]:
    rows = session.execute(select(University.id, University.display_name, University.country_code)
                           .where(University.id.in_(set(ids)))).all()
    return {row[0]: (row[1], row[2]) for row in rows}


def _check(session: Session, draft: AgreementDraft) -> None:
    errors = rules.validate_agreement(draft)
    known = _names(session, [p.university_id for p in draft.parties])
    if "parties" not in errors and len(known) != len({p.university_id for p in draft.parties}):
        errors["parties"] = _("A party is not in the university register.")
    for condition in draft.conditions:
        parties = len(draft.parties)
        if not (0 <= condition.sending_index < parties and 0 <= condition.receiving_index < parties):
            errors["conditions"] = _("A cooperation condition names a university that is not a party.")
    if errors:
        raise ValidationError(errors)


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
    names = _names(session, [p.university_id for p in draft.parties])
    agreement.search_text = fold_for_search(" | ".join(
        [draft.title, draft.reference, *(names[p.university_id][0] for p in draft.parties),
         *(p.signatory for p in draft.parties)]))
    agreement.parties.clear()
    agreement.indicators.clear()
    agreement.conditions.clear()
    session.flush()
    agreement.parties.extend(
        AgreementParty(university_id=p.university_id, position=i, role=p.role, signatory=p.signatory,
                       signing_date=p.signing_date, local_code=p.local_code)
        for i, p in enumerate(draft.parties))
    agreement.indicators.extend(
        AgreementIndicator(name=x.name.strip(), unit=x.unit, year=x.year, target=x.target, actual=x.actual)
        for x in draft.indicators)
    agreement.conditions.extend(
        AgreementCondition(position=i, kind=c.kind,
                           sending_university_id=draft.parties[c.sending_index].university_id,
                           receiving_university_id=draft.parties[c.receiving_index].university_id,
                           first_year=c.first_year, last_year=c.last_year,
                           mobilities_per_year=c.mobilities_per_year, isced_code=c.isced_code,
                           eqf_levels=c.eqf_levels, months_per_year=c.months_per_year,
                           days_per_year=c.days_per_year, language=c.language, cefr_level=c.cefr_level)
        for i, c in enumerate(draft.conditions))


def create_agreement(db: Database, draft: AgreementDraft, uuid: str | None = None) -> int:
    with db.transaction(changes={TOPIC}) as session:
        _check(session, draft)
        agreement = Agreement()
        if uuid:
            agreement.uuid = uuid
        session.add(agreement)
        _apply(session, agreement, draft)
        session.flush()
        return agreement.id


def update_agreement(db: Database, agreement_id: int, draft: AgreementDraft) -> None:
    with db.transaction(changes={TOPIC}) as session:
        agreement = session.get(Agreement, agreement_id)
        if agreement is None:
            raise NotFoundError("The agreement no longer exists.")
        _check(session, draft)
        _apply(session, agreement, draft)


def delete_agreement(db: Database, agreement_id: int) -> None:
    with db.transaction(changes={TOPIC}) as session:
        agreement = session.get(Agreement, agreement_id)
        if agreement is None:
            raise NotFoundError("The agreement no longer exists.")
        delete_documents_of(session, "agreement", agreement_id)
        session.delete(agreement)


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
                    for c in agreement.conditions])


def get_agreement(db: Database, agreement_id: int) -> tuple[str, AgreementDraft]:
    """The agreement's UUID and its editable content."""
    with db.reading() as session:
        agreement = session.get(Agreement, agreement_id)
        if agreement is None:
            raise NotFoundError("The agreement no longer exists.")
        return agreement.uuid, draft_of(agreement)


def find_by_uuid(db: Database, uuid: str) -> int | None:
    with db.reading() as session:
        return session.execute(select(Agreement.id).where(Agreement.uuid == uuid)).scalar_one_or_none()


def foreign_partners(db: Database, draft: AgreementDraft) -> list[ForeignPartner]:
    """The parties marked foreign, each with every published rank of the university."""
    ids = [p.university_id for p in draft.parties if p.role == PartyRole.FOREIGN]
    if not ids:
        return []
    with db.reading() as session:
        names = _names(session, ids)
        ranks: dict[int, list[str]] = {i: [] for i in ids}
        for university_id, rank in session.execute(
                select(UniversityRanking.university_id, UniversityRanking.rank_text)
                .where(UniversityRanking.university_id.in_(ids))):
            ranks[university_id].append(rank)
    return [ForeignPartner(names.get(i, ("?", ""))[0], tuple(ranks[i])) for i in ids]


def partnership_warnings(db: Database, draft: AgreementDraft, tr=None) -> list[str]:
    """The warnings in the interface language, or in a report's (``tr``, a Translator)."""
    return rules.partnership_warnings(draft, foreign_partners(db, draft), tr)


@dataclass
class AgreementRow:
    id: int
    uuid: str
    title: str
    reference: str
    kind: str
    approach: str | None
    status: str
    signing_date: dt.date | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    parties: list[dict] = field(default_factory=list)
    days_left: int | None = None
    expiring: bool = False

    def as_json(self) -> dict:
        return asdict(self)


def list_agreements(db: Database, *, expiring_within: int | None = None, search: str = "",
                    kind: str | None = None, today: dt.date | None = None,
                    warning_days: int = 90) -> list[AgreementRow]:
    """Agreements ordered by end date; with ``expiring_within`` only those in force ending that soon."""
    today = today or dt.date.today()
    query = select(Agreement).order_by(Agreement.valid_to.is_(None), Agreement.valid_to, Agreement.title)
    if expiring_within is not None:
        query = query.where(Agreement.status.in_(list(rules.IN_FORCE)), Agreement.valid_to.is_not(None),
                            Agreement.valid_to <= today + dt.timedelta(days=expiring_within))
    if kind:
        query = query.where(Agreement.kind == kind)
    if search.strip():
        query = query.where(Agreement.search_text.like(like_pattern(fold_for_search(search)), escape="\\"))
    rows: list[AgreementRow] = []
    with db.reading() as session:
        agreements = session.execute(query).scalars().all()
        names = _names(session, [p.university_id for a in agreements for p in a.parties])
        for a in agreements:
            horizon = warning_days if expiring_within is None else expiring_within
            rows.append(AgreementRow(
                a.id, a.uuid, a.title, a.reference, a.kind, a.approach, a.status, a.signing_date, a.valid_from,
                a.valid_to,
                [{"university_id": p.university_id, "name": names[p.university_id][0],
                  "country": names[p.university_id][1], "role": p.role, "signatory": p.signatory}
                 for p in a.parties],
                rules.days_until_expiry(a.valid_to, today),
                rules.is_expiring(a.status, a.valid_to, today, horizon)))
    return rows


def expiring_count(session: Session, within_days: int = 90, today: dt.date | None = None) -> int:
    from sqlalchemy import func

    today = today or dt.date.today()
    return session.execute(select(func.count()).select_from(Agreement).where(
        Agreement.status.in_(list(rules.IN_FORCE)), Agreement.valid_to.is_not(None),
        Agreement.valid_to <= today + dt.timedelta(days=within_days))).scalar_one()


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


def university_choices(db: Database) -> list[tuple[int, str, str]]:
    """(id, name, country) of every university, by country then name, for the party pickers."""
    with db.reading() as session:
        return [(uid, name, country) for uid, name, country in session.execute(
            select(University.id, University.display_name, University.country_code)
            .order_by(University.country_code, University.display_name))]


def in_force_count(session: Session) -> int:
    from sqlalchemy import func

    return session.execute(select(func.count()).select_from(Agreement).where(
        Agreement.status.in_(list(rules.IN_FORCE)))).scalar_one()
