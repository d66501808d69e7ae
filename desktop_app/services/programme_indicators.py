"""A joint programme's indicators per academic year, each with its target (the area contract): applicants,
enrolled students, graduates, students who dropped out, graduates employed and students in mobility.

A record is one programme in one academic year; it belongs to the programme (``ON DELETE CASCADE``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from desktop_app.domain.contract import PAGE_SIZE, Choice, Message, Page, Problems, Record, Snapshot
from desktop_app.domain.errors import ConflictError, NotFoundError, ValidationError
from desktop_app.domain.quality import (
    Indicator,
    IndicatorValue,
    IndicatorYearDraft,
    Progress,
    indicator_progress,
    normal_academic_year,
    validate_indicator_year,
)
from desktop_app.i18n import current_language
from desktop_app.services import quality_lists, records
from desktop_app.storage.database import Database
from desktop_app.storage.models import Programme, ProgrammeIndicatorValue, ProgrammeIndicatorYear

TOPIC = "quality"
KIND = "indicator_year"
TOPICS = frozenset({TOPIC})

Y = ProgrammeIndicatorYear
V = ProgrammeIndicatorValue
ORDER: dict[str, int] = {indicator.value: index for index, indicator in enumerate(Indicator)}


@dataclass(frozen=True)
class IndicatorQuery:
    search: str = ""
    programme_id: int | None = None
    academic_year: str | None = None


@dataclass(frozen=True)
class IndicatorLine:
    indicator: str
    target: float | None
    actual: float | None
    progress: Progress


@dataclass(frozen=True)
class IndicatorYearRow:
    id: int
    uuid: str
    programme_id: int
    programme_title: str
    programme_titles: dict
    academic_year: str
    lines: tuple[IndicatorLine, ...] = field(default_factory=tuple)

    @property
    def with_target(self) -> int:
        return sum(1 for line in self.lines if line.progress.met is not None)

    @property
    def met(self) -> int:
        return sum(1 for line in self.lines if line.progress.met)

    def line(self, indicator: str) -> IndicatorLine | None:
        return next((line for line in self.lines if line.indicator == indicator), None)

    def programme_in(self, lang: str | None = None) -> str:
        return quality_lists.title_in(self.programme_title, self.programme_titles, lang or current_language())

    def as_json(self) -> dict:
        return {"id": self.id, "uuid": self.uuid, "programme_id": self.programme_id,
                "programme": self.programme_title, "academic_year": self.academic_year,
                "indicators": [{"indicator": line.indicator, "target": line.target, "actual": line.actual,
                                "share_of_target": line.progress.share, "met": line.progress.met}
                               for line in self.lines]}


def validate(draft: IndicatorYearDraft) -> Problems:
    return validate_indicator_year(draft)


def _checked(session: Session, draft: IndicatorYearDraft, own_id: int | None) -> None:
    problems = validate_indicator_year(draft)
    if draft.programme_id is not None and session.get(Programme, draft.programme_id) is None:
        problems["programme_id"] = Message("The joint programme no longer exists.")
    if problems:
        raise ValidationError(problems)
    clash = select(Y.id).where(Y.programme_id == draft.programme_id,
                               Y.academic_year == normal_academic_year(draft.academic_year))
    if own_id is not None:
        clash = clash.where(Y.id != own_id)
    if session.execute(clash).first() is not None:
        raise ConflictError("The programme's indicators for {year} are recorded already; edit them there.",
                            field="academic_year", year=normal_academic_year(draft.academic_year))


def _fill(row: ProgrammeIndicatorYear, draft: IndicatorYearDraft) -> None:
    row.programme_id = draft.programme_id  # type: ignore[assignment]
    row.academic_year = normal_academic_year(draft.academic_year)
    row.notes = draft.notes
    kept = {value.indicator: value for value in row.values}
    given = sorted((v for v in draft.values if v.target is not None or v.actual is not None),
                   key=lambda v: ORDER.get(v.indicator, len(ORDER)))
    values = []
    for position, value in enumerate(given):
        stored = kept.get(value.indicator) or V(indicator=value.indicator)
        for name, new in (("position", position), ("target", value.target), ("actual", value.actual)):
            if getattr(stored, name) != new:
                setattr(stored, name, new)
        values.append(stored)
    row.values = values


def _flush(session: Session, draft: IndicatorYearDraft) -> None:
    try:
        session.flush()
    except IntegrityError as error:  # a parallel writer recorded the same year
        raise ConflictError("The programme's indicators for {year} are recorded already; edit them there.",
                            field="academic_year", year=normal_academic_year(draft.academic_year)) from error


def create(db: Database, draft: IndicatorYearDraft, uuid: str | None = None) -> int:
    with db.transaction(changes=set(TOPICS)) as session:
        _checked(session, draft, None)
        row = Y(uuid=uuid) if uuid else Y()
        row.values = []
        _fill(row, draft)
        session.add(row)
        _flush(session, draft)
        return row.id


def _load(session: Session, year_id: int) -> ProgrammeIndicatorYear:
    row = session.get(Y, year_id, options=[selectinload(Y.values)])
    if row is None:
        raise NotFoundError("The programme's indicators no longer exist (id {id}); perhaps they were deleted.",
                            id=year_id)
    return row


def draft_of(row: ProgrammeIndicatorYear) -> IndicatorYearDraft:
    return IndicatorYearDraft(row.programme_id, row.academic_year,
                              [IndicatorValue(v.indicator, v.target, v.actual) for v in row.values], row.notes)


def get(db: Database, year_id: int) -> Record[IndicatorYearDraft]:
    with db.reading() as session:
        row = _load(session, year_id)
        return Record(row.id, row.uuid, draft_of(row), {"updated_at": row.updated_at})


def update(db: Database, year_id: int, draft: IndicatorYearDraft) -> None:
    with db.transaction(changes=set(TOPICS)) as session:
        row = _load(session, year_id)
        _checked(session, draft, year_id)
        _fill(row, draft)
        _flush(session, draft)


def delete(db: Database, year_id: int) -> Snapshot:
    return records.delete_record(db, KIND, year_id, TOPICS)


def restore(db: Database, snapshot: Snapshot) -> int:
    return records.restore_record(db, snapshot, TOPICS)


# -- the list ------------------------------------------------------------------------------------------

def _conditions(session: Session, query: IndicatorQuery) -> list:
    where = quality_lists.search_conditions(session, query.search, Y.notes)
    if query.programme_id is not None:
        where.append(Y.programme_id == query.programme_id)
    if query.academic_year:
        where.append(Y.academic_year == normal_academic_year(query.academic_year))
    return where


KEYS = ((Y.academic_year, True), (Programme.title, False), (Y.id, False))


def _lines(db: Database, ids: list[int]) -> dict[int, list[IndicatorLine]]:
    found: dict[int, list[IndicatorLine]] = {}
    if not ids:
        return found
    with db.reading() as session:
        for year_id, indicator, target, actual in session.execute(
                select(V.year_id, V.indicator, V.target, V.actual).where(V.year_id.in_(ids))
                .order_by(V.year_id, V.position)):
            found.setdefault(year_id, []).append(
                IndicatorLine(indicator, target, actual, indicator_progress(indicator, target, actual)))
    return found


def page(db: Database, query: IndicatorQuery | None = None, after: tuple | None = None,
         limit: int = PAGE_SIZE) -> Page[IndicatorYearRow]:
    """Programme years, the latest academic year first, then by programme; each with its indicators."""
    query = query or IndicatorQuery()

    def build(session: Session):
        statement = (select(Y.id, Y.uuid, Y.programme_id, Programme.title, Programme.titles, Y.academic_year)
                     .join(Programme, Programme.id == Y.programme_id))
        return statement, _conditions(session, query)

    found = quality_lists.keyset_page(db, build, KEYS, after, limit, lambda row: IndicatorYearRow(
        row[0], row[1], row[2], row[3], dict(row[4] or {}), row[5]))
    lines = _lines(db, [row.id for row in found.rows])
    rows = [IndicatorYearRow(r.id, r.uuid, r.programme_id, r.programme_title, r.programme_titles, r.academic_year,
                             tuple(lines.get(r.id, []))) for r in found.rows]
    return Page(rows, found.after)


def count(db: Database, query: IndicatorQuery | None = None) -> int:
    query = query or IndicatorQuery()
    with db.reading() as session:
        return session.execute(select(func.count()).select_from(Y).join(Programme, Programme.id == Y.programme_id)
                               .where(*_conditions(session, query))).scalar_one()


def iterate(db: Database, query: IndicatorQuery | None = None) -> Iterator[IndicatorYearRow]:
    return quality_lists.iterate(page, db, query or IndicatorQuery())


def choices(db: Database, search: str = "", programme_id: int | None = None, limit: int | None = 50,
            lang: str | None = None) -> list[Choice]:
    found = page(db, IndicatorQuery(search=search, programme_id=programme_id), limit=limit or 1000)
    return [Choice(row.id, row.uuid, row.programme_in(lang), "", row.academic_year) for row in found.rows]


def for_programme(db: Database, programme_id: int) -> list[IndicatorYearRow]:
    """The programme's indicator years, the latest first."""
    return list(iterate(db, IndicatorQuery(programme_id=programme_id)))


def current_year(today: dt.date | None = None) -> str:
    """The academic year running on ``today`` (from 1 September)."""
    today = today or dt.date.today()
    first = today.year if today.month >= 9 else today.year - 1
    return f"{first}/{first + 1}"
