"""The list of joint programmes: filters, search in every script, sorting and keyset paging, all in SQL.

A page is one query over ``programmes`` in the chosen order (each sort key has an index with the id
behind it, so the thousandth page costs what the first does); the partners' names and the credits of
the plan come with each row from correlated subqueries over that page's rows only. Nothing is loaded
whole.
"""

from __future__ import annotations

import functools
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import BindParameter, String, and_, bindparam, cast, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from desktop_app.domain.text import fold_for_search
from desktop_app.storage.database import Database
from desktop_app.storage.models import Course, Programme, ProgrammePartner, Semester, University

#: Sort keys the list offers, each a column of ``programmes`` (never NULL, so keysets are plain).
SORT_COLUMNS: dict[str, InstrumentedAttribute[Any]] = {
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


@dataclass(slots=True)  # not frozen: a frozen dataclass costs several times more to build, 200 a page
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


def _contains(dialect: str, column, word):
    if dialect == "postgresql":
        return func.strpos(column, word) > 0
    return func.instr(column, word) > 0


@dataclass(frozen=True)
class _Shape:
    """What decides a page query's SQL (the values go in as bound parameters)."""

    dialect: str
    sort: str
    descending: bool
    after: bool
    programme_type: bool
    status: bool
    isced_level: bool
    university: bool
    words: int


def _shape_and_values(dialect: str, query: ProgrammeQuery, after: tuple | None) -> tuple[_Shape, dict]:
    words = fold_for_search(query.search).split()
    values: dict[str, Any] = {f"word{index}": word for index, word in enumerate(words)}
    for name in ("programme_type", "status", "isced_level"):
        if getattr(query, name):
            values[name] = getattr(query, name)
    if query.university_id is not None:
        values["university_id"] = query.university_id
    if after is not None:
        values["after_value"], values["after_id"] = after
    shape = _Shape(dialect, query.sort if query.sort in SORT_COLUMNS else "title", query.descending,
                   after is not None, bool(query.programme_type), bool(query.status), bool(query.isced_level),
                   query.university_id is not None, len(words))
    return shape, values


def _where(shape: _Shape) -> list:
    where = []
    if shape.programme_type:
        where.append(Programme.programme_type == bindparam("programme_type"))
    if shape.status:
        where.append(Programme.status == bindparam("status"))
    if shape.isced_level:
        where.append(Programme.isced_level == bindparam("isced_level"))
    if shape.university:
        where.append(Programme.id.in_(select(ProgrammePartner.programme_id)
                                      .where(ProgrammePartner.university_id == bindparam("university_id"))))
    where += [_contains(shape.dialect, Programme.search_text, bindparam(f"word{index}", type_=String))
              for index in range(shape.words)]
    return where


def conditions(session: Session, query: ProgrammeQuery) -> tuple[list, dict]:
    """The filters of the query as SQL conditions with their bound values."""
    shape, values = _shape_and_values(session.get_bind().dialect.name, query, None)
    return _where(shape), values


def sort_value(row: ProgrammeRow, sort: str) -> Any:
    attribute = {"type": "programme_type"}.get(sort, sort if sort in SORT_COLUMNS else "title")
    return getattr(row, attribute)


def count(db: Database, query: ProgrammeQuery | None = None) -> int:
    query = query or ProgrammeQuery()
    with db.reading() as session:
        where, values = conditions(session, query)
        return session.execute(select(func.count()).select_from(Programme).where(*where), values).scalar_one()


#: Separators of the partners' names gathered in SQL (ASCII unit and record separators: never in a name).
UNIT, RECORD = "\x1f", "\x1e"


def _row_columns(dialect: str) -> list:
    """The columns of a row: the programme's own, its partners' names (each with its position, put in
    order in Python: SQLite before 3.44 cannot order inside an aggregate) and its credits, gathered per
    row by correlated subqueries, so a page is one query that walks the sort index."""
    entry = cast(ProgrammePartner.position, String) + UNIT + University.display_name
    aggregate = (func.string_agg(entry, RECORD) if dialect == "postgresql"
                 else func.group_concat(entry, RECORD))
    partners = (select(aggregate).select_from(ProgrammePartner)
                .join(University, University.id == ProgrammePartner.university_id)
                .where(ProgrammePartner.programme_id == Programme.id).scalar_subquery())
    credits = (select(func.coalesce(func.sum(Course.credits_ects), 0.0)).select_from(Semester)
               .join(Course, Course.semester_id == Semester.id)
               .where(Semester.programme_id == Programme.id).scalar_subquery())
    return [Programme.id, Programme.code, Programme.title, Programme.titles, Programme.programme_type,
            Programme.isced_level, Programme.status, partners.label("partners"), credits.label("credits")]


def _names(gathered: str | None) -> str:
    if not gathered:
        return ""
    if RECORD not in gathered:  # one partner
        return gathered.split(UNIT, 1)[1]
    entries = sorted((int(position), name) for position, name in (
        entry.split(UNIT, 1) for entry in gathered.split(RECORD)))
    return ", ".join(name for _position, name in entries)


@functools.cache
def _page_statement(shape: _Shape):
    """The page query of one shape, built once: a list read page by page runs the same statement again
    and again, and building it each time would cost as much as running it."""
    key = SORT_COLUMNS[shape.sort]
    where = _where(shape)
    if shape.after:
        value: BindParameter[Any] = bindparam("after_value")
        last_id: BindParameter[int] = bindparam("after_id")
        if shape.descending:
            where.append(or_(key < value, and_(key == value, Programme.id < last_id)))
        else:
            where.append(or_(key > value, and_(key == value, Programme.id > last_id)))
    order = [key.desc(), Programme.id.desc()] if shape.descending else [key.asc(), Programme.id.asc()]
    return select(*_row_columns(shape.dialect)).where(*where).order_by(*order).limit(bindparam("limit"))


def rows_after(db: Database, query: ProgrammeQuery, after: tuple | None, limit: int) -> list[ProgrammeRow]:
    """Keyset paging: the rows after ``after`` = (sort value, id) of the last row seen."""
    with db.reading() as session:
        shape, values = _shape_and_values(session.get_bind().dialect.name, query, after)
        # Core execution (no ORM entities are loaded): the ORM layer would cost more than the query.
        found = session.connection().execute(_page_statement(shape), {**values, "limit": limit}).all()
    return [ProgrammeRow(id_, code, title, titles or {}, programme_type, level, status, _names(partners),
                         round(float(credits or 0.0), 2))
            for id_, code, title, titles, programme_type, level, status, partners, credits in found]
