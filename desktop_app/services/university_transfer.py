"""The register as flat files carry it: each university with its UUID, every name with its kind and
language, and its rankings — what the CSV/XLSX export writes and the import compares against.

Read in batches along the register's keyset pages (``university_search.page_after``), so an export
of a hundred thousand universities never holds them all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from sqlalchemy import select

from desktop_app.domain.universities import NameDraft, RankingDraft
from desktop_app.services import university_search
from desktop_app.services.university_search import UniversityQuery
from desktop_app.storage.database import Database
from desktop_app.storage.models import University, UniversityName, UniversityRanking


@dataclass
class TransferRecord:
    uuid: str
    ror_id: str | None
    names: list[NameDraft]
    acronym: str
    country_code: str
    city: str
    website: str
    institution_type: str
    network_role: str
    status: str
    status_since: dt.date | None
    established: int | None
    notes: str
    top500: bool
    rankings: list[RankingDraft] = field(default_factory=list)


def rankings_of(db: Database, ids: list[int]) -> dict[int, list[RankingDraft]]:
    """Each university's rankings, in a stable order (system, year, scope, subject)."""
    found: dict[int, list[RankingDraft]] = {i: [] for i in ids}
    with db.reading() as session:
        for start in range(0, len(ids), 900):
            for row in session.execute(
                    select(UniversityRanking.university_id, UniversityRanking.system, UniversityRanking.year,
                           UniversityRanking.rank_text, UniversityRanking.scope, UniversityRanking.subject,
                           UniversityRanking.system_name)
                    .where(UniversityRanking.university_id.in_(ids[start:start + 900]))
                    .order_by(UniversityRanking.university_id, UniversityRanking.system, UniversityRanking.year,
                              UniversityRanking.scope, UniversityRanking.subject, UniversityRanking.id)):
                found[row[0]].append(RankingDraft(*row[1:]))
    return found


def iterate_records(db: Database, query: UniversityQuery | None = None,
                    batch: int = 1000) -> Iterator[list[TransferRecord]]:
    """Every matching university, a batch at a time, in the register's order."""
    query = query or UniversityQuery()
    if query.sort in ("ror_id", "status_since"):  # nullable: keyset paging needs a key without NULLs
        query = replace(query, sort="id")
    after = None
    while True:
        rows = university_search.page_after(db, query, after, batch)
        if not rows:
            return
        ids = [row.id for row in rows]
        with db.reading() as session:
            extra = {r[0]: r[1:] for r in session.execute(
                select(University.id, University.uuid, University.website, University.established,
                       University.notes).where(University.id.in_(ids)))}
            names: dict[int, list[NameDraft]] = {i: [] for i in ids}
            for uid, value, lang, kind in session.execute(
                    select(UniversityName.university_id, UniversityName.value, UniversityName.lang,
                           UniversityName.kind).where(UniversityName.university_id.in_(ids))
                    .order_by(UniversityName.university_id, UniversityName.position, UniversityName.id)):
                names[uid].append(NameDraft(value, lang, kind))
        rankings = rankings_of(db, ids)
        yield [TransferRecord(extra[r.id][0], r.ror_id, names[r.id], r.acronym, r.country_code, r.city,
                              extra[r.id][1] or "", r.institution_type, r.network_role, r.status, r.status_since,
                              extra[r.id][2], extra[r.id][3] or "", r.top500, rankings[r.id]) for r in rows]
        last = rows[-1]
        after = (university_search.sort_value(last, query.sort), last.id)
        if len(rows) < batch:
            return


def count(db: Database, query: UniversityQuery | None = None) -> int:
    return university_search.count(db, query or UniversityQuery())


def ids_by_uuid(db: Database, uuids: list[str]) -> dict[str, int]:
    """The stored universities among the given UUIDs (an import matches a file's rows by them first)."""
    found: dict[str, int] = {}
    with db.reading() as session:
        for start in range(0, len(uuids), 900):
            found.update(session.execute(select(University.uuid, University.id)
                                         .where(University.uuid.in_(uuids[start:start + 900]))).all())
    return found


def name_kinds(db: Database) -> set[tuple[str, str | None]]:
    """Every (kind, language) a name of the register has: the name columns an export needs."""
    with db.reading() as session:
        return {(kind, lang) for kind, lang in session.execute(
            select(UniversityName.kind, UniversityName.lang).distinct())}
