"""Scholarship programmes (the area contract): their budgets per year, the awards to mobilities and what
remains, in the programme's own currency (rules in domain/scholarships.py).

A programme owns its budgets and awards (``ON DELETE CASCADE``): deleting it takes them along and undo
brings them back. An award points at its mobility with ``RESTRICT``: a mobility with a scholarship is
not deleted before its award is withdrawn.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from sqlalchemy import Select, bindparam, func, select, tuple_
from sqlalchemy import delete as sql_delete
from sqlalchemy.orm import Session

from desktop_app.domain.contract import PAGE_SIZE, Choice, Message, Page, Problems, Record, Snapshot
from desktop_app.domain.errors import NotFoundError, ValidationError
from desktop_app.domain.mobility import MobilityFormat
from desktop_app.domain.scholarships import AwardDraft, BudgetDraft, ScholarshipDraft, money, validate_scholarship
from desktop_app.i18n.formatting import is_currency
from desktop_app.services import records
from desktop_app.services.search_terms import matches, search_words, word_parameters, word_values
from desktop_app.storage.database import Database
from desktop_app.storage.models import MobilityRecord, ScholarshipAward, ScholarshipBudget, ScholarshipProgramme

TOPIC = "scholarships"
KIND = "scholarship_programme"
TOPICS = frozenset({TOPIC, "mobility"})

P, B, A = ScholarshipProgramme, ScholarshipBudget, ScholarshipAward
SORT_COLUMNS = {"name": (P.name,), "currency": (P.currency, P.name), "funder": (P.funder, P.name)}


@dataclass(frozen=True)
class ScholarshipQuery:
    search: str = ""
    currency: str | None = None
    sort: str = "name"


@dataclass(frozen=True)
class ScholarshipRow:
    id: int
    uuid: str
    name: str
    funder: str
    currency: str
    amount: float
    basis: str
    budget: float  # every year's budget together
    committed: float
    paid: float

    @property
    def remaining(self) -> float:
        return float(money(self.budget) - money(self.committed))

    def as_json(self) -> dict:
        return {"id": self.id, "uuid": self.uuid, "name": self.name, "funder": self.funder,
                "currency": self.currency, "amount": self.amount, "basis": self.basis, "budget": self.budget,
                "committed": self.committed, "paid": self.paid, "remaining": self.remaining}


def validate(draft: ScholarshipDraft) -> Problems:
    return validate_scholarship(draft, frozenset(MobilityFormat), is_currency)


def _check(session: Session, draft: ScholarshipDraft) -> None:
    problems = validate(draft)
    for index, award in enumerate(draft.awards):
        if award.mobility_id is not None and session.get(MobilityRecord, award.mobility_id) is None:
            problems[f"awards[{index}].mobility_id"] = Message("The mobility no longer exists; perhaps it was deleted.")
    if problems:
        raise ValidationError(problems)


def _fill(session: Session, programme: ScholarshipProgramme, draft: ScholarshipDraft) -> None:
    programme.name, programme.funder = draft.name.strip(), draft.funder.strip()
    programme.currency = draft.currency.strip().upper()
    programme.amount, programme.basis = round(draft.amount, 2), draft.basis
    programme.formats, programme.levels = " ".join(draft.formats), " ".join(draft.levels)
    programme.notes = draft.notes
    session.flush()
    session.execute(sql_delete(B).where(B.programme_id == programme.id))
    session.execute(sql_delete(A).where(A.programme_id == programme.id))
    for budget in draft.budgets:
        session.add(B(programme_id=programme.id, year=budget.year, amount=round(budget.amount, 2)))
    for award in draft.awards:
        session.add(A(programme_id=programme.id, mobility_id=award.mobility_id, year=award.year,
                      committed=round(award.committed, 2), paid=round(award.paid, 2), awarded_on=award.awarded_on,
                      notes=award.notes))


def create(db: Database, draft: ScholarshipDraft, uuid: str | None = None) -> int:
    with db.transaction(changes=set(TOPICS)) as session:
        _check(session, draft)
        programme = P(uuid=uuid) if uuid else P()
        session.add(programme)
        _fill(session, programme, draft)
        return programme.id


def _load(session: Session, programme_id: int) -> ScholarshipProgramme:
    programme = session.get(P, programme_id)
    if programme is None:
        raise NotFoundError("The scholarship programme no longer exists (id {id}); perhaps it was deleted.",
                            id=programme_id)
    return programme


def get(db: Database, programme_id: int) -> Record[ScholarshipDraft]:
    with db.reading() as session:
        p = _load(session, programme_id)
        budgets = [BudgetDraft(b.year, b.amount) for b in session.execute(
            select(B).where(B.programme_id == p.id).order_by(B.year)).scalars()]
        awards = [AwardDraft(a.mobility_id, a.year, a.committed, a.paid, a.awarded_on, a.notes)
                  for a in session.execute(select(A).where(A.programme_id == p.id).order_by(A.year, A.id)).scalars()]
        draft = ScholarshipDraft(p.name, p.currency, p.amount, p.basis, p.funder, p.formats.split(), p.levels.split(),
                                 budgets, awards, p.notes)
        return Record(p.id, p.uuid, draft, {"updated_at": p.updated_at})


def update(db: Database, programme_id: int, draft: ScholarshipDraft) -> None:
    with db.transaction(changes=set(TOPICS)) as session:
        programme = _load(session, programme_id)
        _check(session, draft)
        _fill(session, programme, draft)


def delete(db: Database, programme_id: int) -> Snapshot:
    return records.delete_record(db, KIND, programme_id, TOPICS)


def restore(db: Database, snapshot: Snapshot) -> int:
    return records.restore_record(db, snapshot, TOPICS)


def _totals() -> tuple:
    """Each listed programme's budget, committed and paid sums, computed for the rows of the page only."""
    return tuple(select(func.coalesce(func.sum(column), 0)).where(owner == P.id).correlate(P).scalar_subquery()
                 for column, owner in ((B.amount, B.programme_id), (A.committed, A.programme_id),
                                       (A.paid, A.programme_id)))


@cache
def _page_statement(dialect: str, sort: str, currency: bool, words: int, paged: bool) -> Select:
    """The page query of one shape, built once (building it costs more than running it on an index)."""
    keys = SORT_COLUMNS[sort]
    where = [P.currency == bindparam("currency")] if currency else []
    for index in range(words):
        folded, lowered = word_parameters(index)
        where.append(matches(dialect, folded, lowered, raw=(P.name, P.funder)))
    if paged:
        where.append(tuple_(*keys, P.id) > tuple_(*(bindparam(f"after{i}") for i in range(len(keys) + 1))))
    return (select(P.id, P.uuid, P.name, P.funder, P.currency, P.amount, P.basis, *_totals(), *keys)
            .where(*where).order_by(*keys, P.id).limit(bindparam("limit")))


def page(db: Database, query: ScholarshipQuery | None = None, after: tuple | None = None,
         limit: int = PAGE_SIZE) -> Page[ScholarshipRow]:
    """Programmes in the query's order, with their budgets and awards summed by the database."""
    query = query or ScholarshipQuery()
    sort = query.sort if query.sort in SORT_COLUMNS else "name"
    words = search_words(query.search)
    values: dict = word_values(words) | {"limit": limit}
    if query.currency:
        values["currency"] = query.currency.upper()
    if after is not None:
        values.update({f"after{i}": value for i, value in enumerate(after)})
    statement = _page_statement(db.dialect, sort, bool(query.currency), len(words), after is not None)
    with db.read_connection() as connection:
        fetched = connection.execute(statement, values).all()
    rows = [ScholarshipRow(r[0], r[1], r[2], r[3], r[4], float(r[5]), r[6], round(float(r[7]), 2),
                           round(float(r[8]), 2), round(float(r[9]), 2)) for r in fetched]
    last = (*fetched[-1][10:], fetched[-1][0]) if len(fetched) == limit else None
    return Page(rows, last)


def count(db: Database, query: ScholarshipQuery | None = None) -> int:
    """How many programmes the query finds (the list's count line)."""
    query = query or ScholarshipQuery()
    words = search_words(query.search)
    where = [P.currency == bindparam("currency")] if query.currency else []
    for index in range(len(words)):
        folded, lowered = word_parameters(index)
        where.append(matches(db.dialect, folded, lowered, raw=(P.name, P.funder)))
    values: dict = word_values(words)
    if query.currency:
        values["currency"] = query.currency.upper()
    with db.read_connection() as connection:
        return connection.execute(select(func.count()).select_from(P).where(*where), values).scalar_one()


def iterate(db: Database, query: ScholarshipQuery | None = None, batch: int = 1000) -> Iterator[ScholarshipRow]:
    after = None
    while True:
        result = page(db, query, after, batch)
        yield from result.rows
        if result.is_last:
            return
        after = result.after


def choices(db: Database, search: str = "", limit: int | None = 50) -> list[Choice]:
    result = page(db, ScholarshipQuery(search=search), limit=limit or 1000)
    return [Choice(row.id, row.uuid, row.name, "", row.currency) for row in result.rows]


# --- the report -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class BudgetLine:
    """One programme's year: its budget, what the awards commit and pay, and what remains (its currency)."""

    programme_id: int
    programme: str
    currency: str
    year: int
    budget: Decimal
    committed: Decimal
    paid: Decimal
    awards: int

    @property
    def remaining(self) -> Decimal:
        return self.budget - self.committed

    def as_json(self) -> dict:
        return {"programme_id": self.programme_id, "programme": self.programme, "currency": self.currency,
                "year": self.year, "budget": float(self.budget), "committed": float(self.committed),
                "paid": float(self.paid), "remaining": float(self.remaining), "awards": self.awards}


def budget_lines(db: Database, year: int | None = None) -> list[BudgetLine]:
    """Every programme's budget by year (a year with awards but no budget shows a budget of 0), summed by
    the database, amounts never converted."""
    with db.reading() as session:
        budgets = {(pid, y): amount for pid, y, amount in session.execute(select(B.programme_id, B.year, B.amount))}
        awards = {(pid, y): (committed, paid, n) for pid, y, committed, paid, n in session.execute(
            select(A.programme_id, A.year, func.sum(A.committed), func.sum(A.paid), func.count())
            .group_by(A.programme_id, A.year))}
        names = {pid: (name, currency) for pid, name, currency in session.execute(select(P.id, P.name, P.currency))}
    lines = []
    for pid, y in sorted(set(budgets) | set(awards), key=lambda key: (names[key[0]][0].casefold(), key[0], key[1])):
        if year is not None and y != year:
            continue
        committed, paid, count = awards.get((pid, y), (0, 0, 0))
        lines.append(BudgetLine(pid, names[pid][0], names[pid][1], y, money(budgets.get((pid, y), 0)),
                                money(float(committed or 0)), money(float(paid or 0)), int(count)))
    return lines
