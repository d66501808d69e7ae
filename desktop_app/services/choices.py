"""Entries for pickers that several areas share: universities, member states and languages. Defined once,
so every dialog lists the same records in the same order with the same labels.

A university picker asks with the words typed so far and gets the first matches (the register may hold a
million universities; no list is cut silently: ``limit`` is the caller's, and a picker says when there
are more than it shows). Labels are each university's name in the reader's language where the register
has it, else its display name.
"""

from __future__ import annotations

from sqlalchemy import select

from desktop_app.domain.contract import Choice
from desktop_app.i18n import available_languages, current_language, formatting
from desktop_app.services import university_search
from desktop_app.services.collation import sort_key
from desktop_app.services.university_search import UniversityQuery
from desktop_app.storage.database import Database
from desktop_app.storage.models import MemberState, University


def universities(db: Database, search: str = "", country: str | None = None, limit: int | None = None,
                 lang: str | None = None, ids: list[int] | None = None) -> list[Choice]:
    """Universities matching ``search`` (every word, in any script and any of their names), by country
    then name; ``ids`` asks for exactly those universities (to show a record's current choices)."""
    lang = lang or current_language()
    rows: list[tuple[int, str, str, str, str]]
    if ids is not None:
        with db.reading() as session:
            rows = [tuple(row) for row in session.execute(  # type: ignore[misc]
                select(University.id, University.uuid, University.display_name, University.country_code,
                       University.city).where(University.id.in_(ids)))]
    else:
        query = UniversityQuery(search=search, country=country, sort="country")
        rows = []
        after = None
        while True:
            batch = university_search.page_after(db, query, after, 1000 if limit is None else min(limit, 1000))
            if not batch:
                break
            rows += [(row.id, "", row.display_name, row.country_code, row.city) for row in batch]
            if limit is not None and len(rows) >= limit:
                rows = rows[:limit]
                break
            last = batch[-1]
            after = (university_search.sort_value(last, query.sort), last.id)
        uuids = _uuids(db, [row[0] for row in rows])
        rows = [(row[0], uuids.get(row[0], ""), row[2], row[3], row[4]) for row in rows]
    local = university_search.names_in_language(db, [row[0] for row in rows], lang)
    result = [Choice(row[0], row[1], local.get(row[0], row[2]), row[3], row[4] or "") for row in rows]
    return sorted(result, key=lambda c: (c.country, sort_key(c.label, lang)))


def _uuids(db: Database, ids: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    with db.reading() as session:
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            found.update(session.execute(select(University.id, University.uuid).where(University.id.in_(chunk))).all())
    return found


def count_universities(db: Database, search: str = "", country: str | None = None) -> int:
    return university_search.count(db, UniversityQuery(search=search, country=country))


def states(db: Database, lang: str | None = None, members_only: bool = False) -> list[Choice]:
    """Member states (then observers), named by CLDR in the reader's language, in the reader's order."""
    with db.reading() as session:
        query = select(MemberState.id, MemberState.uuid, MemberState.code, MemberState.is_member)
        if members_only:
            query = query.where(MemberState.is_member.is_(True))
        rows = session.execute(query).all()
    entries = [(Choice(row_id, row_uuid, formatting.country_name(code, lang), code), member)
               for row_id, row_uuid, code, member in rows]
    entries.sort(key=lambda entry: (not entry[1], sort_key(entry[0].label, lang)))
    return [choice for choice, _member in entries]


def languages(lang: str | None = None) -> list[Choice]:
    """The languages the interface can be shown in, named in the reader's language (id 0: not records)."""
    entries = [Choice(0, code, formatting.language_name(code, lang), "", code) for code in available_languages()]
    return sorted(entries, key=lambda c: sort_key(c.label, lang))
