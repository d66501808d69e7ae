"""Read-only queries that reports gather their data from (one reading session each).

Results are plain dataclasses and dicts, so report kinds never hold a session or ORM object.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from desktop_app.domain.errors import NotFoundError
from desktop_app.storage.database import Database
from desktop_app.storage.models import (
    CooperationAreaRow,
    MemberState,
    RoadmapAction,
    RoadmapActionActor,
    University,
    UniversityArea,
)


@dataclass(frozen=True)
class RegisterRow:
    id: int
    country_code: str
    display_name: str
    city: str
    acronym: str
    network_role: str
    status: str
    ror_id: str
    established: int | None


def member_state_codes(db: Database) -> list[tuple[str, bool]]:
    with db.reading() as session:
        return [(code, is_member) for code, is_member in session.execute(
            select(MemberState.code, MemberState.is_member).order_by(MemberState.code))]


def university_counts(db: Database) -> dict[str, dict[str, int]]:
    """{country code: {status: count}} over all universities."""
    counts: dict[str, dict[str, int]] = {}
    with db.reading() as session:
        query = select(University.country_code, University.status, func.count()).group_by(
            University.country_code, University.status)
        for code, status, count in session.execute(query):
            counts.setdefault(code, {})[status] = count
    return counts


def parent_universities(db: Database) -> list[RegisterRow]:
    return list(register_rows(db, parents_only=True))


def register_rows(db: Database, parents_only: bool = False, batch: int = 2000) -> Iterator[RegisterRow]:
    """Every university ordered by state and name, fetched in batches so memory stays flat."""
    with db.reading() as session:
        query = select(University.id, University.country_code, University.display_name, University.city,
                       University.acronym, University.network_role, University.status, University.ror_id,
                       University.established).order_by(University.country_code, University.display_name,
                                                        University.id)
        if parents_only:
            query = query.where(University.network_role == "parent")
        for row in session.execute(query.execution_options(yield_per=batch)):
            yield RegisterRow(row.id, row.country_code, row.display_name or "", row.city or "", row.acronym or "",
                              row.network_role, row.status, row.ror_id or "", row.established)


def area_matrix(db: Database) -> tuple[list[str], dict[tuple[str, str], int]]:
    """(area keys in order, {(country code, area key): number of universities})."""
    with db.reading() as session:
        keys = list(session.execute(select(CooperationAreaRow.key).order_by(CooperationAreaRow.position)).scalars())
        query = (select(University.country_code, UniversityArea.area_key, func.count())
                 .join(University, University.id == UniversityArea.university_id)
                 .group_by(University.country_code, UniversityArea.area_key))
        return keys, {(code, key): count for code, key, count in session.execute(query)}


@dataclass
class Dossier:
    id: int
    country_code: str
    display_name: str
    city: str
    website: str
    ror_id: str
    acronym: str
    institution_type: str
    network_role: str
    status: str
    status_since: dt.date | None
    established: int | None
    names: list[tuple[str, str | None, str]] = field(default_factory=list)  # value, lang, kind
    contacts: list[dict[str, str]] = field(default_factory=list)
    rankings: list[dict[str, object]] = field(default_factory=list)
    accreditations: list[dict[str, object]] = field(default_factory=list)
    status_history: list[tuple[dt.date, str, str]] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)


def dossier(db: Database, university_id: int, include_contacts: bool) -> Dossier:
    with db.reading() as session:
        university = session.execute(
            select(University).where(University.id == university_id).options(
                selectinload(University.names), selectinload(University.contacts),
                selectinload(University.rankings), selectinload(University.accreditations),
                selectinload(University.status_changes), selectinload(University.areas))
        ).scalar_one_or_none()
        if university is None:
            raise NotFoundError("There is no university with the number {id}.", id=university_id)
        result = Dossier(
            university.id, university.country_code, university.display_name, university.city, university.website,
            university.ror_id or "", university.acronym, university.institution_type, university.network_role,
            university.status, university.status_since, university.established,
            names=[(n.value, n.lang, n.kind) for n in university.names],
            rankings=[{"system": r.system, "system_name": r.system_name, "scope": r.scope, "subject": r.subject,
                       "year": r.year, "rank": r.rank_text} for r in university.rankings],
            accreditations=[{"agency": a.agency, "label": a.label, "valid_from": a.valid_from,
                             "valid_to": a.valid_to} for a in university.accreditations],
            status_history=[(c.changed_on, c.status, c.note) for c in university.status_changes],
            areas=[a.area_key for a in university.areas],
        )
        if include_contacts:  # personal data leaves the database only when the user asked for it
            result.contacts = [{"name": c.name, "position": c.position, "email": c.email, "phone": c.phone}
                               for c in university.contacts]
        return result


def roadmap(db: Database) -> list[dict[str, object]]:
    with db.reading() as session:
        return [{"number": a.number, "title_en": a.title_en, "form_en": a.form_of_completion_en,
                 "year": a.deadline_year, "q_from": a.deadline_quarter_from, "q_to": a.deadline_quarter_to,
                 "responsible_en": a.responsible_en, "status": a.status, "notes": a.notes, "id": a.id,
                 "organisation_ids": list(session.execute(
                     select(RoadmapActionActor.organisation_id).where(RoadmapActionActor.action_id == a.id)
                     .order_by(RoadmapActionActor.position, RoadmapActionActor.id)).scalars())}
                for a in session.execute(select(RoadmapAction).order_by(RoadmapAction.number)).scalars()]
