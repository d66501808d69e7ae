"""University register use cases (core: create and find). The register area extends this module."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.domain.errors import ConflictError
from desktop_app.domain.text import fold_for_search
from desktop_app.domain.universities import NetworkRole, UniversityDraft, normalise_ror_id
from desktop_app.storage.database import Database
from desktop_app.storage.models import University, UniversityName

TOPIC = "universities"


def search_text_for(draft: UniversityDraft) -> str:
    parts = [name.value for name in draft.names] + [draft.acronym, draft.city, draft.ror_id or ""]
    return fold_for_search(" | ".join(part for part in parts if part))


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
    university.names = [
        UniversityName(value=name.value, lang=name.lang, kind=name.kind, position=index, is_primary=index == 0)
        for index, name in enumerate(draft.names)
    ]
    return university


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


def create_university(db: Database, draft: UniversityDraft) -> int:
    with db.transaction(changes={TOPIC}) as session:
        ensure_single_parent(session, draft)
        university = apply_draft(session, University(), draft)
        session.add(university)
        session.flush()
        return university.id


def count_universities(db: Database) -> int:
    from sqlalchemy import func

    with db.reading() as session:
        return session.execute(select(func.count()).select_from(University)).scalar_one()
