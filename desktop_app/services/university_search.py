"""Queries of the university register: filters, search in every script, sorting and paging, all in SQL.

Search folds the query exactly as ``search_text`` was folded (``fold_for_search``) and requires every
word of it, found with a plain substring test (``instr`` on SQLite, ``strpos`` on PostgreSQL): the text
is already folded, so no case-insensitive LIKE is needed, and a byte search over 100,000 rows takes
tens of milliseconds. (An FTS5 trigram index was measured too: it wins for rare words but loses up to
tenfold for common ones, so the plain scan is the predictable choice.)

A search that matches few rows is sorted after filtering (the index on the sort column would make
SQLite walk every row in order to find a handful); one that matches many walks the index and stops
at the page's last row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from desktop_app.domain.text import fold_for_search
from desktop_app.storage.database import Database
from desktop_app.storage.models import University, UniversityArea, UniversityName

#: Below this many hits, sort the filtered rows instead of walking the sort column's index.
SMALL_RESULT = 5000

#: Sort keys the register offers, each a column of the universities table.
SORT_COLUMNS = {
    "name": University.display_name,
    "country": University.country_code,
    "city": University.city,
    "type": University.institution_type,
    "role": University.network_role,
    "status": University.status,
    "status_since": University.status_since,
    "top500": University.top500,
    "ror_id": University.ror_id,
    "id": University.id,
}


@dataclass(frozen=True)
class UniversityQuery:
    search: str = ""
    country: str | None = None
    status: str | None = None
    area: str | None = None
    institution_type: str | None = None
    network_role: str | None = None
    top500: bool | None = None
    sort: str = "name"
    descending: bool = False


@dataclass(frozen=True)
class UniversityRow:
    """One line of the register: only what the table shows."""

    id: int
    display_name: str
    acronym: str
    country_code: str
    city: str
    institution_type: str
    network_role: str
    status: str
    status_since: dt.date | None
    top500: bool
    ror_id: str | None


@dataclass
class UniversityListing:
    """A university for ``universities list --json`` and exports: the row plus its tagged names."""

    row: UniversityRow
    names: list[dict] = field(default_factory=list)
    website: str = ""

    def as_json(self) -> dict:
        r = self.row
        return {"id": r.id, "name": r.display_name, "names": self.names, "acronym": r.acronym,
                "country": r.country_code, "city": r.city, "website": self.website, "ror_id": r.ror_id,
                "type": r.institution_type, "role": r.network_role, "status": r.status,
                "status_since": r.status_since.isoformat() if r.status_since else None, "top500": r.top500}


_ROW_COLUMNS = (University.id, University.display_name, University.acronym, University.country_code, University.city,
                University.institution_type, University.network_role, University.status, University.status_since,
                University.top500, University.ror_id)


def _contains(session: Session, word: str):
    if session.get_bind().dialect.name == "postgresql":
        return func.strpos(University.search_text, word) > 0
    return func.instr(University.search_text, word) > 0


def conditions(session: Session, query: UniversityQuery) -> list:
    where = []
    if query.country:
        where.append(University.country_code == query.country.upper())
    if query.status:
        where.append(University.status == query.status)
    if query.institution_type:
        where.append(University.institution_type == query.institution_type)
    if query.network_role:
        where.append(University.network_role == query.network_role)
    if query.top500 is not None:
        where.append(University.top500.is_(query.top500))
    if query.area:
        where.append(University.id.in_(
            select(UniversityArea.university_id).where(UniversityArea.area_key == query.area)))
    for word in fold_for_search(query.search).split():
        where.append(_contains(session, word))
    return where


def _order(query: UniversityQuery, few_rows: bool = False) -> list:
    key: ColumnElement[Any] | InstrumentedAttribute[Any] = SORT_COLUMNS.get(query.sort, University.display_name)
    if few_rows and query.sort not in ("id", "top500"):
        key = key.concat("")  # the same value, but not the index: filter first, then sort the few rows
    if query.descending:
        return [key.desc(), University.id.desc()]
    return [key.asc(), University.id.asc()]


def count(db: Database, query: UniversityQuery | None = None) -> int:
    query = query or UniversityQuery()
    with db.reading() as session:
        return session.execute(select(func.count()).select_from(University).where(*conditions(session, query))
                               ).scalar_one()


def page(db: Database, query: UniversityQuery, offset: int, limit: int,
         total: int | None = None) -> list[UniversityRow]:
    """Rows ``offset`` .. ``offset+limit`` of the register in the query's order (``total``: the count of the
    same query, when the caller knows it, to choose how SQLite sorts)."""
    few = False
    if query.search.strip():
        few = (count(db, query) if total is None else total) <= SMALL_RESULT
    with db.reading() as session:
        statement = (select(*_ROW_COLUMNS).where(*conditions(session, query)).order_by(*_order(query, few))
                     .offset(offset).limit(limit))
        return [UniversityRow(*row) for row in session.execute(statement)]


def page_after(db: Database, query: UniversityQuery, after: tuple | None, limit: int) -> list[UniversityRow]:
    """Keyset paging: the rows after ``after`` = (sort value, id) of the last row seen; no OFFSET cost."""
    key = SORT_COLUMNS.get(query.sort, University.display_name)
    with db.reading() as session:
        where = conditions(session, query)
        if after is not None:
            value, last_id = after
            if query.descending:
                where.append(or_(key < value, and_(key == value, University.id < last_id)))
            else:
                where.append(or_(key > value, and_(key == value, University.id > last_id)))
        statement = select(*_ROW_COLUMNS).where(*where).order_by(*_order(query)).limit(limit)
        return [UniversityRow(*row) for row in session.execute(statement)]


def names_in_language(db: Database, university_ids: list[int], lang: str) -> dict[int, str]:
    """Each university's name in ``lang`` (its first such name), for those that have one.

    Lists are sorted by the display name (ROR's, usually English) but shown in the reader's language
    where the register knows the name in it.
    """
    from desktop_app.storage.models import UniversityName

    if not university_ids or not lang:
        return {}
    with db.reading() as session:
        rows = session.execute(
            select(UniversityName.university_id, UniversityName.value)
            .where(UniversityName.university_id.in_(university_ids), UniversityName.lang == lang,
                   UniversityName.kind != "alias")
            .order_by(UniversityName.university_id, UniversityName.position)
        ).all()
    names: dict[int, str] = {}
    for university_id, value in rows:
        names.setdefault(university_id, value)
    return names


def sort_value(row: UniversityRow, sort: str):
    attribute = {"name": "display_name", "country": "country_code", "type": "institution_type",
                 "role": "network_role"}.get(sort, sort)
    return getattr(row, attribute)


def iterate(db: Database, query: UniversityQuery, batch: int = 1000) -> Iterator[list[UniversityListing]]:
    """Every matching university in batches (keyset paging), with names: for listings and exports."""
    if query.sort in ("ror_id", "status_since"):  # nullable: keyset paging needs a key without NULLs
        query = replace(query, sort="id")
    after = None
    while True:
        rows = page_after(db, query, after, batch)
        if not rows:
            return
        with db.reading() as session:
            ids = [row.id for row in rows]
            names: dict[int, list[dict]] = {i: [] for i in ids}
            for uid, value, lang in session.execute(
                    select(UniversityName.university_id, UniversityName.value, UniversityName.lang)
                    .where(UniversityName.university_id.in_(ids)).order_by(UniversityName.university_id,
                                                                          UniversityName.position)):
                names[uid].append({"value": value, "lang": lang})
            websites = dict(session.execute(
                select(University.id, University.website).where(University.id.in_(ids))).all())
        yield [UniversityListing(row, names[row.id], websites.get(row.id, "")) for row in rows]
        last = rows[-1]
        after = (sort_value(last, query.sort), last.id)
        if len(rows) < batch:
            return


def countries_in_register(db: Database) -> list[str]:
    with db.reading() as session:
        return list(session.execute(select(University.country_code).distinct().order_by(University.country_code))
                    .scalars())
