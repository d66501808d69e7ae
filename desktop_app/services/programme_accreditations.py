"""Accreditations of joint programmes (the area contract): the agency, the label (EUR-ACE, a national
accreditation…), the decision, its validity and conditions. They replace the free-text field programmes
had before migration 0012.

A granted accreditation whose validity ends within the warning period of the preferences (or has ended)
is *expiring* — unless a later accreditation of the same programme under the same label runs beyond it,
as when a renewal is already recorded. The dashboard counts them beside the agreements about to expire.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session, aliased

from desktop_app.domain.contract import PAGE_SIZE, Choice, Message, Page, Problems, Record, Snapshot
from desktop_app.domain.errors import NotFoundError, ValidationError
from desktop_app.domain.preferences import Options
from desktop_app.domain.quality import GRANTED, AccreditationDraft, validate_accreditation
from desktop_app.i18n import current_language
from desktop_app.services import quality_lists, records
from desktop_app.storage.database import Database
from desktop_app.storage.models import Organisation, Programme, ProgrammeAccreditation

TOPIC = "quality"
KIND = "programme_accreditation"
TOPICS = frozenset({TOPIC})

A = ProgrammeAccreditation
#: A validity that never ends sorts after every date.
NO_END = dt.date(9999, 12, 31)

@dataclass(frozen=True)
class AccreditationQuery:
    search: str = ""
    programme_id: int | None = None
    label: str | None = None
    decision: str | None = None
    expiring: bool = False  # only granted accreditations ending within ``horizon_days`` (or ended), not renewed
    horizon_days: int = Options().expiry_horizon_days
    today: dt.date | None = None

    @classmethod
    def for_options(cls, options: Options, **choices) -> AccreditationQuery:
        return cls(horizon_days=options.expiry_horizon_days, **choices)


@dataclass(frozen=True)
class AccreditationRow:
    id: int
    uuid: str
    programme_id: int
    programme_title: str
    programme_titles: dict
    label: str
    label_detail: str
    decision: str
    decided_on: dt.date | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    agency: str = ""
    expiring: bool = False
    days_left: int | None = None

    def programme_in(self, lang: str | None = None) -> str:
        return quality_lists.title_in(self.programme_title, self.programme_titles, lang or current_language())

    def as_json(self) -> dict:
        return {"id": self.id, "uuid": self.uuid, "programme_id": self.programme_id,
                "programme": self.programme_title, "label": self.label, "label_detail": self.label_detail,
                "agency": self.agency, "decision": self.decision,
                "decided_on": self.decided_on.isoformat() if self.decided_on else None,
                "valid_from": self.valid_from.isoformat() if self.valid_from else None,
                "valid_to": self.valid_to.isoformat() if self.valid_to else None,
                "expiring": self.expiring, "days_left": self.days_left}


def validate(draft: AccreditationDraft) -> Problems:
    return validate_accreditation(draft)


def _checked(session: Session, draft: AccreditationDraft) -> None:
    problems = validate_accreditation(draft)
    if draft.programme_id is not None and session.get(Programme, draft.programme_id) is None:
        problems["programme_id"] = Message("The joint programme no longer exists.")
    if draft.agency_id is not None and session.get(Organisation, draft.agency_id) is None:
        problems["agency_id"] = Message("The organisation no longer exists (id {id}); perhaps it was deleted.",
                                    {"id": draft.agency_id})
    if problems:
        raise ValidationError(problems)


def _fill(row: ProgrammeAccreditation, draft: AccreditationDraft) -> None:
    row.programme_id = draft.programme_id  # type: ignore[assignment]
    row.label, row.label_detail = draft.label, draft.label_detail.strip()
    row.agency_id = draft.agency_id
    row.decision, row.decided_on = draft.decision, draft.decided_on
    row.valid_from, row.valid_to = draft.valid_from, draft.valid_to
    row.conditions, row.notes = draft.conditions.strip(), draft.notes


def create(db: Database, draft: AccreditationDraft, uuid: str | None = None) -> int:
    with db.transaction(changes=set(TOPICS)) as session:
        _checked(session, draft)
        row = A(uuid=uuid) if uuid else A()
        _fill(row, draft)
        session.add(row)
        session.flush()
        return row.id


def _load(session: Session, accreditation_id: int) -> ProgrammeAccreditation:
    row = session.get(A, accreditation_id)
    if row is None:
        raise NotFoundError("The accreditation no longer exists (id {id}); perhaps it was deleted.",
                            id=accreditation_id)
    return row


def draft_of(row: ProgrammeAccreditation) -> AccreditationDraft:
    return AccreditationDraft(row.programme_id, row.label, row.label_detail, row.agency_id, row.decision,
                              row.decided_on, row.valid_from, row.valid_to, row.conditions, row.notes)


def get(db: Database, accreditation_id: int) -> Record[AccreditationDraft]:
    with db.reading() as session:
        row = _load(session, accreditation_id)
        return Record(row.id, row.uuid, draft_of(row), {"updated_at": row.updated_at})


def update(db: Database, accreditation_id: int, draft: AccreditationDraft) -> None:
    with db.transaction(changes=set(TOPICS)) as session:
        row = _load(session, accreditation_id)
        _checked(session, draft)
        _fill(row, draft)


def delete(db: Database, accreditation_id: int) -> Snapshot:
    return records.delete_record(db, KIND, accreditation_id, TOPICS)


def restore(db: Database, snapshot: Snapshot) -> int:
    return records.restore_record(db, snapshot, TOPICS)


# -- the list ------------------------------------------------------------------------------------------

def _not_renewed():
    later = aliased(A)
    return ~exists().where(later.programme_id == A.programme_id, later.label == A.label,
                           later.decision.in_(sorted(GRANTED)), later.valid_to > A.valid_to)


def _conditions(session: Session, query: AccreditationQuery) -> list:
    where = quality_lists.search_conditions(session, query.search, A.label_detail, A.notes)
    if query.programme_id is not None:
        where.append(A.programme_id == query.programme_id)
    if query.label:
        where.append(A.label == query.label)
    if query.decision:
        where.append(A.decision == query.decision)
    if query.expiring:
        horizon = (query.today or dt.date.today()) + dt.timedelta(days=query.horizon_days)
        where += [A.decision.in_(sorted(GRANTED)), A.valid_to.is_not(None), A.valid_to <= horizon, _not_renewed()]
    return where


def _keys(query: AccreditationQuery):
    """Expiring ones by the end of their validity; otherwise by programme, the latest first."""
    end = func.coalesce(A.valid_to, NO_END)
    if query.expiring:
        return ((end, False), (A.id, False))
    return ((Programme.title, False), (end, True), (A.id, True))


def page(db: Database, query: AccreditationQuery | None = None, after: tuple | None = None,
         limit: int = PAGE_SIZE) -> Page[AccreditationRow]:
    query = query or AccreditationQuery()
    today = query.today or dt.date.today()

    def build(session: Session):
        statement = (select(A.id, A.uuid, A.programme_id, Programme.title, Programme.titles, A.label, A.label_detail,
                            A.decision, A.decided_on, A.valid_from, A.valid_to, _not_renewed(),
                            Organisation.display_name)
                     .join(Programme, Programme.id == A.programme_id)
                     .outerjoin(Organisation, Organisation.id == A.agency_id))
        return statement, _conditions(session, query)

    def row(values) -> AccreditationRow:
        valid_to = values[10]
        days = (valid_to - today).days if valid_to else None
        current = bool(values[11])
        expiring = values[7] in GRANTED and days is not None and days <= query.horizon_days and current
        return AccreditationRow(values[0], values[1], values[2], values[3], dict(values[4] or {}), values[5],
                                values[6], values[7], values[8], values[9], valid_to, values[12] or "", expiring, days)

    return quality_lists.keyset_page(db, build, _keys(query), after, limit, row)


def count(db: Database, query: AccreditationQuery | None = None) -> int:
    query = query or AccreditationQuery()
    with db.reading() as session:
        return session.execute(select(func.count()).select_from(A).join(Programme, Programme.id == A.programme_id)
                               .where(*_conditions(session, query))).scalar_one()


def iterate(db: Database, query: AccreditationQuery | None = None) -> Iterator[AccreditationRow]:
    return quality_lists.iterate(page, db, query or AccreditationQuery())


def choices(db: Database, search: str = "", programme_id: int | None = None, limit: int | None = 50,
            lang: str | None = None) -> list[Choice]:
    found = page(db, AccreditationQuery(search=search, programme_id=programme_id), limit=limit or 1000)
    return [Choice(row.id, row.uuid, row.programme_in(lang), "", row.label) for row in found.rows]


def current_for(db: Database, programme_id: int, today: dt.date | None = None) -> list[AccreditationRow]:
    """The programme's accreditations, those in force first (then pending, then the rest, latest first)."""
    today = today or dt.date.today()
    rows = list(iterate(db, AccreditationQuery(programme_id=programme_id, today=today)))

    def rank(row: AccreditationRow):
        return (0 if in_force(row, today) else 1 if row.decision == "pending" else 2,
                -(row.valid_to or NO_END).toordinal())

    return sorted(rows, key=rank)


def in_force(row: AccreditationRow, today: dt.date) -> bool:
    """Granted, begun and not ended on ``today``."""
    return row.decision in GRANTED and (row.valid_to is None or row.valid_to >= today) and (
        row.valid_from is None or row.valid_from <= today)


def total(db: Database) -> int:
    with db.reading() as session:
        return session.execute(select(func.count()).select_from(A)).scalar_one()
