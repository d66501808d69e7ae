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

from sqlalchemy import delete as sql_delete
from sqlalchemy import func, select, tuple_
from sqlalchemy.orm import Session

from desktop_app.domain.contract import PAGE_SIZE, Choice, Message, Page, Problems, Record, Snapshot
from desktop_app.domain.errors import NotFoundError, ValidationError
from desktop_app.domain.mobility import MobilityFormat
from desktop_app.domain.scholarships import AwardDraft, BudgetDraft, ScholarshipDraft, money, validate_scholarship
from desktop_app.i18n.formatting import is_currency
from desktop_app.services import records
from desktop_app.services.search_terms import contains, search_words
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


def _totals():
    budget = select(B.programme_id, func.sum(B.amount).label("amount")).group_by(B.programme_id).subquery()
    awarded = select(A.programme_id, func.sum(A.committed).label("committed"), func.sum(A.paid).label("paid")) \
        .group_by(A.programme_id).subquery()
    return budget, awarded


def page(db: Database, query: ScholarshipQuery | None = None, after: tuple | None = None,
         limit: int = PAGE_SIZE) -> Page[ScholarshipRow]:
    """Programmes in the query's order, with their budgets and awards summed by the database."""
    query = query or ScholarshipQuery()
    keys = SORT_COLUMNS.get(query.sort, SORT_COLUMNS["name"])
    budget, awarded = _totals()
    with db.reading() as session:
        where = []
        if query.currency:
            where.append(P.currency == query.currency.upper())
        for word in search_words(query.search):
            where.append(contains(session, word, raw=(P.name, P.funder)))
        if after is not None:
            where.append(tuple_(*keys, P.id) > tuple_(*after))
        fetched = session.execute(
            select(P.id, P.uuid, P.name, P.funder, P.currency, P.amount, P.basis,
                   func.coalesce(budget.c.amount, 0), func.coalesce(awarded.c.committed, 0),
                   func.coalesce(awarded.c.paid, 0), *keys)
            .outerjoin(budget, budget.c.programme_id == P.id).outerjoin(awarded, awarded.c.programme_id == P.id)
            .where(*where).order_by(*keys, P.id).limit(limit)).all()
    rows = [ScholarshipRow(r[0], r[1], r[2], r[3], r[4], float(r[5]), r[6], round(float(r[7]), 2),
                           round(float(r[8]), 2), round(float(r[9]), 2)) for r in fetched]
    last = (*fetched[-1][10:], fetched[-1][0]) if len(fetched) == limit else None
    return Page(rows, last)


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
