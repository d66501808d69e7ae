"""Finding recognition cases among a million: filters, search and sorting done in SQL, keyset paging.

A page is asked for "after" the last row already shown (its sort value and id), so the database
walks an index from there instead of counting past every earlier row as OFFSET would. Search uses
the FTS5 trigram index on SQLite (three characters or more) and the folded ``search_text`` column
with LIKE elsewhere.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cache, lru_cache

from sqlalchemy import ColumnElement, Date, Select, bindparam, func, select, text, tuple_

from desktop_app.domain.errors import UserError
from desktop_app.domain.preferences import Options
from desktop_app.domain.recognition import MASK, PENDING, PERSONAL_FIELDS, mask
from desktop_app.domain.text import fold_for_search, like_pattern
from desktop_app.storage.database import Database
from desktop_app.storage.models import RecognitionCase

C = RecognitionCase

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
    """Which cases a list shows and in what order (the ``query`` of the contract's ``page``)."""

    status: str = ""  # a CaseStatus, "pending", or "" for all
    from_country: str = ""
    to_country: str = ""
    year: int | None = None  # year received
    search: str = ""
    overdue_only: bool = False
    #: The user's horizon: pass ``options.recognition_overdue_days`` (this default is the preference's).
    overdue_days: int = field(default_factory=lambda: Options().recognition_overdue_days)
    today: dt.date | None = None
    sort: str = "received_on"  # a key of SORT_COLUMNS
    descending: bool = True
    reveal: bool = False  # personal values in clear (a deliberate, recorded act)
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


def filter_values(flt: CaseFilter, sqlite: bool, strategy: str = "fts") -> dict[str, object]:
    """The values of the filter's conditions, by the name of their bound parameter; which names are
    present says which conditions the query has (its shape)."""
    values: dict[str, object] = {}
    if flt.status == "pending":
        values["pending"] = True
    elif flt.status:
        values["status"] = flt.status
    if flt.from_country:
        values["from_country"] = flt.from_country.upper()
    if flt.to_country:
        values["to_country"] = flt.to_country.upper()
    if flt.year:
        values["year_start"], values["year_end"] = dt.date(flt.year, 1, 1), dt.date(flt.year + 1, 1, 1)
    if flt.overdue_only:
        values["cutoff"] = flt.cutoff()
    term = fold_for_search(flt.search)
    if term:
        if sqlite and len(term) >= 3 and strategy == "fts":
            values["fts"] = _fts_query(term)
        else:
            values["pattern"] = like_pattern(term)
    return values


def _conditions(names: frozenset[str]) -> list:
    """The conditions of a filter of this shape, with bound parameters named as in ``filter_values``."""
    pending = [str(s) for s in PENDING]
    conditions: list[ColumnElement[bool]] = []
    if "pending" in names:
        conditions.append(C.status.in_(pending))
    if "status" in names:
        conditions.append(C.status == bindparam("status", type_=C.status.type))
    if "from_country" in names:
        conditions.append(C.issuing_country == bindparam("from_country", type_=C.issuing_country.type))
    if "to_country" in names:
        conditions.append(C.recognising_country == bindparam("to_country", type_=C.recognising_country.type))
    if "year_start" in names:
        conditions.append(C.received_on >= bindparam("year_start", type_=Date()))
        conditions.append(C.received_on < bindparam("year_end", type_=Date()))
    if "cutoff" in names:
        conditions.append(C.status.in_(pending))
        conditions.append(C.received_on < bindparam("cutoff", type_=Date()))
    if "fts" in names:
        conditions.append(C.id.in_(text(
            "SELECT rowid FROM recognition_cases_fts WHERE recognition_cases_fts MATCH :fts")))
    if "pattern" in names:
        conditions.append(C.search_text.like(bindparam("pattern", type_=C.search_text.type), escape="\\"))
    return conditions


def apply_filter(query: Select, flt: CaseFilter, sqlite: bool, strategy: str = "fts") -> Select:
    values = filter_values(flt, sqlite, strategy)
    values.pop("pending", None)
    conditions = _conditions(frozenset(values) | ({"pending"} if flt.status == "pending" else set()))
    return query.where(*conditions).params(values) if conditions else query


@dataclass(frozen=True)
class PageKey:
    """Where the next page starts: the sort value and id of the last row shown."""

    value: object
    id: int


@cache
def _list_select() -> Select:
    """The list's columns, built once: statements are immutable."""
    return select(*[getattr(C, name) for name in LIST_FIELDS])


@lru_cache(maxsize=256)
def _page_statement(names: frozenset[str], sort: str, descending: bool, keyset: bool, limit: int) -> Select:
    """A page's statement for one shape of filter, built once and run with its values: working out the
    cache key of a new statement costs as much as the database takes to find a page."""
    column = SORT_COLUMNS.get(sort, C.received_on)
    conditions = _conditions(names)
    query = _list_select().where(*conditions) if conditions else _list_select()
    if keyset:
        key = tuple_(column, C.id)
        bound = tuple_(bindparam("after_value", type_=column.type), bindparam("after_id", type_=C.id.type))
        query = query.where(key < bound if descending else key > bound)
    order = (column.desc(), C.id.desc()) if descending else (column.asc(), C.id.asc())
    return query.order_by(*order).limit(limit)


def page_query(flt: CaseFilter, sort: str, descending: bool, after: PageKey | None, limit: int,
               sqlite: bool, columns=None, strategy: str = "fts") -> Select:
    column = SORT_COLUMNS.get(sort, C.received_on)
    query = apply_filter(select(*columns) if columns else _list_select(), flt, sqlite, strategy)
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


def _masked_rows(keys: list[str], rows, reveal: bool) -> list[dict]:
    """Rows as dicts, personal values masked in place (a page is built once, not copied per row)."""
    result = [dict(zip(keys, row, strict=True)) for row in rows]
    if not reveal:
        for key in PERSONAL_FIELDS:
            if key in keys:
                for row in result:
                    # As ``mask``: nothing of the value is left, not even its length.
                    row[key] = MASK if row[key] not in (None, "") else ""
    return result


def fetch_page(db: Database, flt: CaseFilter, sort: str = "received_on", descending: bool = True,
               after: PageKey | None = None, limit: int = 200, reveal: bool = False) -> list[dict]:
    with db.reading() as session:
        strategy = search_strategy(session, flt, db.is_sqlite)
        values = filter_values(flt, db.is_sqlite, strategy)
        if after is not None:
            values.update(after_value=after.value, after_id=after.id)
        statement = _page_statement(frozenset(values) - {"after_value", "after_id"}, sort, descending,
                                    after is not None, limit)
        values.pop("pending", None)
        # A Core select run on the connection: no ORM entity loading for plain columns (a third of the time).
        result = session.connection().execute(statement, values)
        keys = list(result.keys())
        return _masked_rows(keys, result.all(), reveal)


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


def overdue_cases(db: Database, options: Options, today: dt.date | None = None,
                  limit: int = 1000) -> tuple[int, list[dict]]:
    """How many cases await a decision longer than the user allows, and the oldest of them."""
    flt = CaseFilter(overdue_only=True, overdue_days=options.recognition_overdue_days, today=today)
    rows = fetch_page(db, flt, sort="received_on", descending=False, limit=limit)
    return count_cases(db, flt), rows
