"""Finding recognition cases among a million: filters, search and sorting done in SQL, keyset paging.

A page is asked for "after" the last row already shown (its sort value and id), so the database
walks an index from there instead of counting past every earlier row as OFFSET would. Search uses
the FTS5 trigram index on SQLite (three characters or more) and the folded ``search_text`` column
with LIKE elsewhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, Select, func, select, text, tuple_

from desktop_app.domain.errors import UserError
from desktop_app.domain.recognition import PENDING, PERSONAL_FIELDS, mask
from desktop_app.domain.text import fold_for_search, like_pattern
from desktop_app.storage.database import Database
from desktop_app.storage.models import RecognitionCase

C = RecognitionCase
DEFAULT_OVERDUE_DAYS = 120

#: Columns a list may be sorted by (never null, so (value, id) keys compare cleanly).
SORT_COLUMNS = {
    "reference": C.reference,
    "received_on": C.received_on,
    "status": C.status,
    "issuing_country": C.issuing_country,
    "recognising_country": C.recognising_country,
    "qualification_title": C.qualification_title,
    "outcome": C.outcome,
}

#: What a list row carries (personal fields masked unless revealed).
LIST_FIELDS = ("id", "reference", "status", "holder_name", "holder_birth_date", "holder_citizenship",
               "issuing_country", "recognising_country", "issuing_university_name", "qualification_title",
               "isced_level", "isced_field", "credits", "document_kind", "purpose", "outcome", "legal_basis",
               "received_on", "decided_on", "decision_days", "appeal_lodged", "appeal_result", "closed_on")


@dataclass
class CaseFilter:
    status: str = ""  # a CaseStatus, "pending", or "" for all
    from_country: str = ""
    to_country: str = ""
    year: int | None = None  # year received
    search: str = ""
    overdue_only: bool = False
    overdue_days: int = DEFAULT_OVERDUE_DAYS
    today: dt.date | None = None
    extra: dict = field(default_factory=dict)

    def cutoff(self) -> dt.date:
        return (self.today or dt.date.today()) - dt.timedelta(days=self.overdue_days)


def parse_countries(value: str) -> tuple[str, str]:
    """``KZ:TR`` → ("KZ", "TR"); either side may be empty (``KZ:`` or ``:TR``)."""
    if ":" not in value:
        raise UserError("Give the countries as A:B, for example KZ:TR.")
    left, right = value.split(":", 1)
    return left.strip().upper(), right.strip().upper()


def _fts_query(term: str) -> str:
    # One quoted FTS5 string: the trigram tokenizer then matches it anywhere in the text.
    return '"' + term.replace('"', '""') + '"'


#: A search term matching at least this many cases is "common": a page of it is found faster by walking
#: the sort index and testing each row than by collecting every match from FTS5 and sorting them.
COMMON_TERM = 2000


def search_strategy(session, flt: CaseFilter, sqlite: bool) -> str:
    """"fts" or "scan" for a page of ``flt`` (a count always uses FTS5 when it can)."""
    term = fold_for_search(flt.search)
    if not sqlite or len(term) < 3:
        return "fts"
    probe = text("SELECT count(*) FROM (SELECT rowid FROM recognition_cases_fts WHERE recognition_cases_fts "
                 "MATCH :fts LIMIT :cap)").bindparams(fts=_fts_query(term), cap=COMMON_TERM)
    return "scan" if session.execute(probe).scalar_one() >= COMMON_TERM else "fts"


def apply_filter(query: Select, flt: CaseFilter, sqlite: bool, strategy: str = "fts") -> Select:
    conditions: list[ColumnElement[bool]] = []
    if flt.status == "pending":
        conditions.append(C.status.in_([str(s) for s in PENDING]))
    elif flt.status:
        conditions.append(C.status == flt.status)
    if flt.from_country:
        conditions.append(C.issuing_country == flt.from_country.upper())
    if flt.to_country:
        conditions.append(C.recognising_country == flt.to_country.upper())
    if flt.year:
        conditions.append(C.received_on >= dt.date(flt.year, 1, 1))
        conditions.append(C.received_on < dt.date(flt.year + 1, 1, 1))
    if flt.overdue_only:
        conditions.append(C.status.in_([str(s) for s in PENDING]))
        conditions.append(C.received_on < flt.cutoff())
    term = fold_for_search(flt.search)
    if term:
        if sqlite and len(term) >= 3 and strategy == "fts":
            matches = text("SELECT rowid FROM recognition_cases_fts WHERE recognition_cases_fts MATCH :fts")
            conditions.append(C.id.in_(matches.bindparams(fts=_fts_query(term))))
        else:
            conditions.append(C.search_text.like(like_pattern(term), escape="\\"))
    return query.where(*conditions) if conditions else query


@dataclass(frozen=True)
class PageKey:
    """Where the next page starts: the sort value and id of the last row shown."""

    value: object
    id: int


def page_query(flt: CaseFilter, sort: str, descending: bool, after: PageKey | None, limit: int,
               sqlite: bool, columns=None, strategy: str = "fts") -> Select:
    column = SORT_COLUMNS.get(sort, C.received_on)
    query = apply_filter(select(*(columns or [getattr(C, name) for name in LIST_FIELDS])), flt, sqlite, strategy)
    if after is not None:
        key = tuple_(column, C.id)
        query = query.where(key < tuple_(after.value, after.id) if descending
                            else key > tuple_(after.value, after.id))
    order = (column.desc(), C.id.desc()) if descending else (column.asc(), C.id.asc())
    return query.order_by(*order).limit(limit)


def masked(row: dict, reveal: bool) -> dict:
    if reveal:
        return row
    return {key: (mask(value) if key in PERSONAL_FIELDS else value) for key, value in row.items()}


def fetch_page(db: Database, flt: CaseFilter, sort: str = "received_on", descending: bool = True,
               after: PageKey | None = None, limit: int = 200, reveal: bool = False) -> list[dict]:
    with db.reading() as session:
        strategy = search_strategy(session, flt, db.is_sqlite)
        rows = session.execute(page_query(flt, sort, descending, after, limit, db.is_sqlite,
                                          strategy=strategy)).mappings().all()
    return [masked(dict(row), reveal) for row in rows]


def count_cases(db: Database, flt: CaseFilter) -> int:
    with db.reading() as session:
        return session.execute(apply_filter(select(func.count()).select_from(C), flt, db.is_sqlite)).scalar_one()


def iter_cases(db: Database, flt: CaseFilter, reveal: bool = False, batch: int = 2000, columns=LIST_FIELDS):
    """Every matching case in reference order, a page at a time (exports and the command line)."""
    after: PageKey | None = None
    selected = [getattr(C, name) for name in columns]
    while True:
        with db.reading() as session:
            rows = session.execute(page_query(flt, "reference", False, after, batch, db.is_sqlite,
                                              selected)).mappings().all()
        if not rows:
            return
        for row in rows:
            yield masked(dict(row), reveal)
        after = PageKey(rows[-1]["reference"], rows[-1]["id"])


def is_overdue(status: str, received_on: dt.date | None, overdue_days: int, today: dt.date | None = None) -> bool:
    if status not in PENDING or received_on is None:
        return False
    return received_on < (today or dt.date.today()) - dt.timedelta(days=overdue_days)


def overdue_cases(db: Database, overdue_days: int = DEFAULT_OVERDUE_DAYS, today: dt.date | None = None,
                  limit: int = 1000) -> tuple[int, list[dict]]:
    """How many cases await a decision longer than allowed, and the oldest of them."""
    flt = CaseFilter(overdue_only=True, overdue_days=overdue_days, today=today)
    rows = fetch_page(db, flt, sort="received_on", descending=False, limit=limit)
    return count_cases(db, flt), rows
