"""Queries of the university register: filters, search in every script, sorting and paging, all in SQL.

Search folds the query exactly as ``search_text`` was folded (``fold_for_search``) and requires every
word of it anywhere in that text. At a million universities no single plan is fast for every word, so
a page is found one of three ways, chosen per query by a cheap estimate (``strategy``):

* "index": the words are rare (the trigram index, FTS5 on SQLite from migration 0006, holds fewer than
  ``common_threshold`` matches; counting them stops there): the matches are fetched and sorted;
* "walk": the words are common: the sort column's index is walked and each row tested with a plain
  substring test (``instr``), stopping at the page's last row, which comes soon when many rows match;
* "filter": every word is shorter than three characters (a Chinese two-character word, say), so the
  trigram index cannot be asked, and a sample of the table shows it rare: every row is tested in
  table order and the few matches sorted. This is a scan of the whole table (about 0.3 s at a million
  universities); a short word that is common is walked instead, like any common word.

Every match, whichever way it was found, is confirmed by the same substring test, so all three ways
answer exactly the same rows. Counts come from the trigram index whenever the words have trigrams.

PostgreSQL does the same with the pg_trgm GIN index: words are matched with ``LIKE '%word%'``, which the
index serves, and the planner's own statistics choose between the index and the ordered scan.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, text, union_all
from sqlalchemy.orm import InstrumentedAttribute, Session

from desktop_app.domain.contract import PAGE_SIZE
from desktop_app.domain.text import fold_for_search, like_pattern
from desktop_app.storage.database import Database
from desktop_app.storage.models import University, UniversityArea, UniversityName

#: The trigram tokenizer indexes runs of three characters; shorter words cannot be looked up in it.
TRIGRAM = 3
#: Rows read (in a few spread slices of the table) to estimate how common a short word is.
SAMPLE_ROWS = 4000
SAMPLE_SLICES = 8
#: What each way costs per row it touches, relative to one another (measured at a million universities
#: by benchmarks/university_search_bench.py: a row reached along the sort index is a random lookup; a
#: match from the trigram index is decoded, fetched, confirmed and sorted; a row read in table order is
#: the cheapest).
WALK_ROW_COST = 2.2
INDEX_MATCH_COST = 4.0
SCAN_ROW_COST = 0.3
#: Sort keys the register offers, each a column of the universities table.
SORT_COLUMNS = {
    "name": University.display_name,
    "country": University.country_code,
    "city": University.city,
    "acronym": University.acronym,
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


def _words(query: UniversityQuery) -> list[str]:
    return fold_for_search(query.search).split()


def _fts_match(words: list[str]) -> str:
    """An FTS5 query requiring every word as a quoted string (the trigram tokenizer finds it anywhere)."""
    return " ".join('"' + word.replace('"', '""') + '"' for word in words)


def _indexed_words(words: list[str]) -> list[str]:
    return [word for word in words if len(word) >= TRIGRAM]


def _first_and_last_id(session: Session) -> tuple[int, int]:
    # Two scalar subqueries: SQLite answers a lone min() or max() from the key, but scans for both together.
    first, last = session.execute(select(select(func.min(University.id)).scalar_subquery(),
                                         select(func.max(University.id)).scalar_subquery())).one()
    return first or 0, last or 0


def common_threshold(rows: int, limit: int) -> int:
    """Matches at which walking the sort index (about ``limit * rows / matches`` rows read, each a random
    lookup) becomes cheaper than fetching and sorting every match found in the trigram index."""
    return max(500, int((WALK_ROW_COST / INDEX_MATCH_COST * limit * rows) ** 0.5))


def _sampled_share(session: Session, words: list[str], first: int, last: int) -> float:
    """The share of universities holding every word, from a few slices spread over the table."""
    span = last - first + 1
    size = SAMPLE_ROWS // SAMPLE_SLICES
    bounds = [first + span * i // SAMPLE_SLICES for i in range(SAMPLE_SLICES + 1)]
    slices = [select(University.search_text).where(University.id >= low, University.id < high)
              .order_by(University.id).limit(size).subquery().select() for low, high in pairwise(bounds)]
    sample = union_all(*slices).subquery()
    hit = and_(*(func.instr(sample.c.search_text, word) > 0 for word in words))
    read, found = session.execute(select(func.count(), func.count().filter(hit)).select_from(sample)).one()
    return found / read if read else 0.0


def strategy(session: Session, query: UniversityQuery, limit: int = PAGE_SIZE) -> str:
    """How to find a page of the query's search (see the module): "index" (look the words up in the
    trigram index, sort the matches), "walk" (walk the sort index, test each row, stop when the page is
    full) or "filter" (test every row in table order, sort the matches: for short words found rarely)."""
    words = _words(query)
    if not words or session.get_bind().dialect.name != "sqlite":
        return "walk"  # PostgreSQL's planner chooses between the GIN index and the ordered scan itself
    first, last = _first_and_last_id(session)
    rows = last - first + 1
    indexed = _indexed_words(words)
    if indexed:
        cap = common_threshold(rows, limit)
        probe = text("SELECT count(*) FROM (SELECT rowid FROM universities_fts WHERE universities_fts MATCH "
                     ":match LIMIT :cap)").bindparams(match=_fts_match(indexed), cap=cap)
        return "walk" if session.execute(probe).scalar_one() >= cap else "index"
    share = _sampled_share(session, words, first, last)
    return "walk" if share and WALK_ROW_COST * limit / share < SCAN_ROW_COST * rows else "filter"


def _contains(session: Session, word: str):
    if session.get_bind().dialect.name == "postgresql":
        return University.search_text.like(like_pattern(word), escape="\\")  # served by the trigram index
    return func.instr(University.search_text, word) > 0


def conditions(session: Session, query: UniversityQuery, how: str = "walk", confirm: bool = True) -> list:
    """The WHERE conditions of ``query`` found the ``how`` way; ``confirm=False`` leaves the words the
    trigram index found to the index alone (for a count)."""
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
        where.append(University.id.in_(select(UniversityArea.university_id)
                                       .where(UniversityArea.area_key == query.area)))
    words = _words(query)
    if how == "index":  # only the matches of the words that have trigrams, confirmed below
        matches = text("SELECT rowid FROM universities_fts WHERE universities_fts MATCH :match")
        where.append(University.id.in_(matches.bindparams(match=_fts_match(_indexed_words(words)))))
    for word in words:  # also for indexed words: the index's own case folding must not widen the match
        if how != "index" or confirm or len(word) < TRIGRAM:
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
        words = _words(query)
        indexed = _indexed_words(words) if db.is_sqlite else []
        # A count reads every match, so the trigram index answers it whenever the words have trigrams; when
        # every word has, the index's own answer is the count (its case folding only repeats what
        # fold_for_search did to both sides), without fetching a row to confirm.
        if indexed and len(indexed) == len(words) and not conditions(session, replace(query, search="")):
            return session.execute(text("SELECT count(*) FROM universities_fts WHERE universities_fts MATCH :match")
                                   .bindparams(match=_fts_match(indexed))).scalar_one()
        where = conditions(session, query, "index" if indexed else "walk", confirm=False)
        return session.execute(select(func.count()).select_from(University).where(*where)).scalar_one()


def page(db: Database, query: UniversityQuery, offset: int, limit: int,
         total: int | None = None) -> list[UniversityRow]:
    """Rows ``offset`` .. ``offset+limit`` of the register in the query's order (for a jump to a row far
    from any page already read; ``page_after`` continues from a known row without counting past others).
    ``total`` is accepted for callers that know the count; the plan no longer depends on it."""
    with db.reading() as session:
        how = strategy(session, query, offset + limit)
        statement = (select(*_ROW_COLUMNS).where(*conditions(session, query, how))
                     .order_by(*_order(query, how != "walk")).offset(offset).limit(limit))
        return [UniversityRow(*row) for row in session.execute(statement)]


def page_after(db: Database, query: UniversityQuery, after: tuple | None, limit: int) -> list[UniversityRow]:
    """Keyset paging: the rows after ``after`` = (sort value, id) of the last row seen; no OFFSET cost."""
    key = SORT_COLUMNS.get(query.sort, University.display_name)
    with db.reading() as session:
        how = strategy(session, query, limit)
        where = conditions(session, query, how)
        if after is not None:
            value, last_id = after
            if query.descending:
                where.append(or_(key < value, and_(key == value, University.id < last_id)))
            else:
                where.append(or_(key > value, and_(key == value, University.id > last_id)))
        statement = select(*_ROW_COLUMNS).where(*where).order_by(*_order(query, how != "walk")).limit(limit)
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
            websites = dict(session.execute(select(University.id, University.website)
                                            .where(University.id.in_(ids))).all())
        yield [UniversityListing(row, names[row.id], websites.get(row.id, "")) for row in rows]
        last = rows[-1]
        after = (sort_value(last, query.sort), last.id)
        if len(rows) < batch:
            return


def countries_in_register(db: Database) -> list[str]:
    with db.reading() as session:
        return list(session.execute(select(University.country_code).distinct().order_by(University.country_code))
                    .scalars())
