"""The list of joint programmes: filters, search in every script, sorting and keyset paging, all in SQL.

A page is one query over ``programmes`` in the chosen order (each sort key has an index with the id
behind it, so the thousandth page costs what the first does), then two small queries for the rows of
that page only: the partners' names and the credits of the plan. Nothing is loaded whole.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from desktop_app.domain.text import fold_for_search
from desktop_app.storage.database import Database
from desktop_app.storage.models import Course, Programme, ProgrammePartner, Semester, University

#: Sort keys the list offers, each a column of ``programmes`` (never NULL, so keysets are plain).
SORT_COLUMNS = {
    "title": Programme.title,
    "code": Programme.code,
    "type": Programme.programme_type,
    "status": Programme.status,
    "id": Programme.id,
}


@dataclass(frozen=True)
class ProgrammeQuery:
    search: str = ""  # every word, in titles in any language, the code and the partners' names
    programme_type: str | None = None
    status: str | None = None
    isced_level: str | None = None
    university_id: int | None = None  # programmes this university is a partner of
    sort: str = "title"
    descending: bool = False


@dataclass(frozen=True)
class ProgrammeRow:
    """One line of the list: what the table shows."""

    id: int
    code: str
    title: str  # the display title
    titles: dict[str, str] = field(default_factory=dict)  # language code -> title
    programme_type: str = ""
    isced_level: str | None = None
    status: str = ""
    partners: str = ""  # the partners' names, in the programme's order
    credits: float = 0.0

    def title_in(self, lang: str) -> str:
        return self.titles.get(lang) or self.title

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("titles")
        return data


def _contains(session: Session, column, word: str):
    if session.get_bind().dialect.name == "postgresql":
        return func.strpos(column, word) > 0
    return func.instr(column, word) > 0


def conditions(session: Session, query: ProgrammeQuery) -> list:
    where = []
    if query.programme_type:
        where.append(Programme.programme_type == query.programme_type)
    if query.status:
        where.append(Programme.status == query.status)
    if query.isced_level:
        where.append(Programme.isced_level == query.isced_level)
    if query.university_id is not None:
        where.append(Programme.id.in_(select(ProgrammePartner.programme_id)
                                      .where(ProgrammePartner.university_id == query.university_id)))
    for word in fold_for_search(query.search).split():
        where.append(_contains(session, Programme.search_text, word))
    return where


def _order(query: ProgrammeQuery) -> list:
    key = SORT_COLUMNS.get(query.sort, Programme.title)
    return [key.desc(), Programme.id.desc()] if query.descending else [key.asc(), Programme.id.asc()]


def sort_value(row: ProgrammeRow, sort: str) -> Any:
    attribute = {"type": "programme_type"}.get(sort, sort if sort in SORT_COLUMNS else "title")
    return getattr(row, attribute)


def count(db: Database, query: ProgrammeQuery | None = None) -> int:
    query = query or ProgrammeQuery()
    with db.reading() as session:
        return session.execute(select(func.count()).select_from(Programme).where(*conditions(session, query))
                               ).scalar_one()


def rows_after(db: Database, query: ProgrammeQuery, after: tuple | None, limit: int) -> list[ProgrammeRow]:
    """Keyset paging: the rows after ``after`` = (sort value, id) of the last row seen."""
    key = SORT_COLUMNS.get(query.sort, Programme.title)
    with db.reading() as session:
        where = conditions(session, query)
        if after is not None:
            value, last_id = after
            if query.descending:
                where.append(or_(key < value, and_(key == value, Programme.id < last_id)))
            else:
                where.append(or_(key > value, and_(key == value, Programme.id > last_id)))
        found = session.execute(
            select(Programme.id, Programme.code, Programme.title, Programme.titles, Programme.programme_type,
                   Programme.isced_level, Programme.status).where(*where).order_by(*_order(query)).limit(limit)
        ).all()
        ids = [row.id for row in found]
        partners = _partner_names(session, ids)
        credits = _credits(session, ids)
    return [ProgrammeRow(row.id, row.code, row.title, dict(row.titles or {}), row.programme_type, row.isced_level,
                         row.status, ", ".join(partners.get(row.id, [])), round(credits.get(row.id, 0.0), 2))
            for row in found]


def _partner_names(session: Session, ids: list[int]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = {}
    if ids:
        for programme_id, name in session.execute(
                select(ProgrammePartner.programme_id, University.display_name)
                .join(University, University.id == ProgrammePartner.university_id)
                .where(ProgrammePartner.programme_id.in_(ids))
                .order_by(ProgrammePartner.programme_id, ProgrammePartner.position)):
            names.setdefault(programme_id, []).append(name)
    return names


def _credits(session: Session, ids: list[int]) -> dict[int, float]:
    if not ids:
        return {}
    rows = session.execute(
        select(Semester.programme_id, func.coalesce(func.sum(Course.credits_ects), 0.0))
        .join(Course, Course.semester_id == Semester.id)
        .where(Semester.programme_id.in_(ids))
        .group_by(Semester.programme_id)
    ).all()
    return {programme_id: float(total) for programme_id, total in rows}
