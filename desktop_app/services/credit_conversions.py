"""Credit conversion factors (national credits per ECTS credit in a member state), following the area
contract.

They are reference data that each coordinator confirms or corrects, a few dozen rows at most; they
follow the contract all the same (one record per state, KIND "credit_conversion"), because then an
edit is an ordinary ``UpdateRecord`` that Edit ▸ Undo takes back, a removed factor comes back whole,
and the national data package carries them like any other record. The credit conversion dialog turns
its table into create / update / delete commands, grouped as one undo step.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sqlalchemy import func, or_, select

from desktop_app.domain.contract import PAGE_SIZE, Choice, Message, Page, Problems, Record, Snapshot
from desktop_app.domain.errors import ConflictError, NotFoundError, ValidationError
from desktop_app.i18n import formatting
from desktop_app.services import records
from desktop_app.storage.database import Database
from desktop_app.storage.models import CreditConversionRow

TOPIC = "curricula"  # the programmes' national credits change with them
KIND = "credit_conversion"
TOPICS = frozenset({TOPIC})


@dataclass
class ConversionDraft:
    state_code: str = ""
    national_per_ects: float = 1.0
    unit: str = ""
    source: str = ""


@dataclass(frozen=True)
class ConversionQuery:
    search: str = ""  # in the state code, unit and source


@dataclass(frozen=True)
class ConversionRow:
    id: int
    state_code: str
    national_per_ects: float
    unit: str
    source: str


def validate(draft: ConversionDraft) -> Problems:
    problems: Problems = {}
    if len((draft.state_code or "").strip()) != 2 or not formatting.is_valid_territory(draft.state_code.upper()):
        problems["state_code"] = Message("Choose the member state the factor applies to.")
    factor = draft.national_per_ects
    if not isinstance(factor, int | float) or isinstance(factor, bool) or not math.isfinite(factor) or factor <= 0:
        problems["national_per_ects"] = Message("A conversion factor is a positive number.")
    return problems


def _checked(draft: ConversionDraft) -> ConversionDraft:
    problems = validate(draft)
    if problems:
        raise ValidationError(problems)
    return ConversionDraft(draft.state_code.strip().upper(), float(draft.national_per_ects), draft.unit.strip(),
                           draft.source.strip())


def _apply(row: CreditConversionRow, draft: ConversionDraft) -> None:
    row.state_code, row.national_per_ects, row.unit, row.source = (draft.state_code, draft.national_per_ects,
                                                                    draft.unit, draft.source)


def _ensure_unique(session, state_code: str, own_id: int | None) -> None:
    query = select(CreditConversionRow.id).where(CreditConversionRow.state_code == state_code)
    if own_id is not None:
        query = query.where(CreditConversionRow.id != own_id)
    if session.execute(query).first() is not None:
        raise ConflictError("{state} already has a conversion factor.", field="state_code",
                            state=formatting.country_name(state_code))


def create(db: Database, draft: ConversionDraft, uuid: str | None = None) -> int:
    draft = _checked(draft)
    with db.transaction(changes=set(TOPICS)) as session:
        _ensure_unique(session, draft.state_code, None)
        row = CreditConversionRow(uuid=uuid) if uuid else CreditConversionRow()
        _apply(row, draft)
        session.add(row)
        session.flush()
        return row.id


def _load(session, conversion_id: int) -> CreditConversionRow:
    row = session.get(CreditConversionRow, conversion_id)
    if row is None:
        raise NotFoundError("The record no longer exists (id {id}); perhaps it was deleted.", id=conversion_id)
    return row


def get(db: Database, conversion_id: int) -> Record[ConversionDraft]:
    with db.reading() as session:
        row = _load(session, conversion_id)
        return Record(row.id, row.uuid, ConversionDraft(row.state_code, row.national_per_ects, row.unit, row.source),
                      {"updated_at": row.updated_at})


def update(db: Database, conversion_id: int, draft: ConversionDraft) -> None:
    draft = _checked(draft)
    with db.transaction(changes=set(TOPICS)) as session:
        row = _load(session, conversion_id)
        _ensure_unique(session, draft.state_code, conversion_id)
        _apply(row, draft)


def delete(db: Database, conversion_id: int) -> Snapshot:
    with db.reading() as session:
        state = session.execute(select(CreditConversionRow.state_code)
                                .where(CreditConversionRow.id == conversion_id)).scalar()
    return records.delete_record(db, KIND, conversion_id, TOPICS, formatting.country_name(state) if state else "")


def restore(db: Database, snapshot: Snapshot) -> int:
    return records.restore_record(db, snapshot, TOPICS)


def page(db: Database, query: ConversionQuery | None = None, after: tuple | None = None,
         limit: int = PAGE_SIZE) -> Page[ConversionRow]:
    """Factors by state code (keyset on the code, which is unique)."""
    query = query or ConversionQuery()
    with db.reading() as session:
        statement = select(CreditConversionRow.id, CreditConversionRow.state_code,
                           CreditConversionRow.national_per_ects, CreditConversionRow.unit,
                           CreditConversionRow.source)
        for word in query.search.split():
            pattern = f"%{word.lower()}%"
            statement = statement.where(or_(func.lower(CreditConversionRow.state_code).like(pattern),
                                            func.lower(CreditConversionRow.unit).like(pattern),
                                            func.lower(CreditConversionRow.source).like(pattern)))
        if after is not None:
            statement = statement.where(CreditConversionRow.state_code > after[0])
        rows = [ConversionRow(*row) for row in session.execute(
            statement.order_by(CreditConversionRow.state_code).limit(limit))]
    return Page(rows, (rows[-1].state_code,) if len(rows) == limit else None)


def choices(db: Database, lang: str | None = None) -> list[Choice]:
    return [Choice(row.id, "", formatting.country_name(row.state_code, lang), row.state_code,
                   formatting.format_number(row.national_per_ects, lang)) for row in all_rows(db)]


def all_rows(db: Database) -> list[ConversionRow]:
    """Every factor (a few dozen at most: one per member state)."""
    rows: list[ConversionRow] = []
    after = None
    while True:
        found = page(db, None, after)
        rows += found.rows
        if found.is_last:
            return rows
        after = found.after


def factors(db: Database) -> dict[str, float]:
    """State code -> national credits per ECTS credit."""
    return {row.state_code: row.national_per_ects for row in all_rows(db)}


def national_credits(db: Database, state_code: str, ects: float) -> float | None:
    factor = factors(db).get(state_code.upper())
    return None if factor is None else round(ects * factor, 2)
