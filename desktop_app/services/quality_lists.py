"""What the quality area's lists share: keyset pages over one statement, in any mix of ascending and
descending keys, and the programme each record belongs to, titled in the reader's language.

A page asks for the rows after the last one seen by the values of its sort keys (the record's id last),
so the thousandth page costs what the first does; filters and search stay in SQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, or_
from sqlalchemy.orm import Session

from desktop_app.domain.contract import PAGE_SIZE, Page
from desktop_app.services.search_terms import contains, search_words
from desktop_app.storage.database import Database
from desktop_app.storage.models import Programme

#: A sort key: the column and whether it runs downwards.
Key = tuple[Any, bool]


def after_condition(keys: Sequence[Key], values: Sequence[Any]) -> ColumnElement[bool]:
    """Rows that come after ``values`` in the order of ``keys`` (the last key must be unique: the id)."""
    clauses = []
    for index, (column, descending) in enumerate(keys):
        equal = [keys[earlier][0] == values[earlier] for earlier in range(index)]
        clauses.append(and_(*equal, column < values[index] if descending else column > values[index]))
    return or_(*clauses)


def ordered(keys: Sequence[Key]) -> list:
    return [column.desc() if descending else column.asc() for column, descending in keys]


def keyset_page(db: Database, build: Callable[[Session], tuple[Select, list]], keys: Sequence[Key],
                after: tuple | None, limit: int, make_row: Callable[[Any], Any]) -> Page:
    """One page: ``build(session)`` gives the statement (its columns first, then nothing else) and its
    conditions; the keys' values are selected after them and become the page's ``after``."""
    with db.reading() as session:
        statement, where = build(session)
        if after is not None:
            where = [*where, after_condition(keys, after)]
        statement = statement.add_columns(*(column for column, _descending in keys))
        found = session.execute(statement.where(*where).order_by(*ordered(keys)).limit(limit)).all()
    width = len(keys)
    rows = [make_row(row[:-width]) for row in found]
    last = tuple(found[-1][-width:]) if len(found) == limit else None
    return Page(rows, last)


def iterate(page: Callable[..., Page], db: Database, query: Any, batch: int = 500) -> Iterator[Any]:
    """Every row a query matches, a page at a time."""
    after = None
    while True:
        found = page(db, query, after, batch)
        yield from found.rows
        if found.is_last:
            return
        after = found.after


def search_conditions(session: Session, text: str, *raw: Any) -> list:
    """Every word of ``text`` in the programme's titles (any language), its code or partners, or in one of
    the ``raw`` columns."""
    return [contains(session, word, Programme.search_text, raw=raw) for word in search_words(text)]


def title_in(title: str, titles: dict | None, lang: str) -> str:
    return (titles or {}).get(lang) or title


__all__ = ["PAGE_SIZE", "after_condition", "iterate", "keyset_page", "search_conditions", "title_in"]
