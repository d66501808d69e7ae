"""Mobility of students, faculty and researchers (the area contract), and the flow matrix between
member states. Joint events are in ``services/events.py``.

The list is paged with keysets (the next page starts after the last row's sort value and id), and
filtered, searched and sorted in SQL, so a national register of 100,000 records opens as fast as one of
ten. Personal data (the person's name, e-mail address and date of birth) leaves this module masked
unless the caller asks for it revealed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import NamedTuple

from sqlalchemy import Date, Select, bindparam, func, select, tuple_
from sqlalchemy.orm import Session, aliased

from desktop_app.domain.contract import PAGE_SIZE, Choice, Message, Page, Problems, Record, Snapshot
from desktop_app.domain.errors import NotFoundError, ValidationError
from desktop_app.domain.mobility import MASK, PERSONAL_FIELDS, MobilityDraft, mask_personal, validate_mobility
from desktop_app.domain.mobility_lifecycle import MobilityStatus
from desktop_app.services import learning_agreements, records
from desktop_app.services.list_queries import as_date, as_optional_date, date_text
from desktop_app.services.search_terms import (
    matches,
    search_words,
    universities_named,
    word_parameters,
    word_values,
)
from desktop_app.storage.database import Database
from desktop_app.storage.models import Agreement, MobilityRecord, MobilityStatusChange, Programme, University

TOPIC = "mobility"
KIND = "mobility"
TOPICS = frozenset({TOPIC})

M = MobilityRecord
SENDING, RECEIVING = aliased(University, name="sending"), aliased(University, name="receiving")

#: Sort keys the list offers; each a column that is never NULL, so (value, id) keys compare cleanly.
SORT_COLUMNS = {
    "start": M.start_date,
    "end": M.end_date,
    "person_kind": M.person_kind,
    "format": M.format,
    "sending": SENDING.display_name,
    "receiving": RECEIVING.display_name,
    "funding": M.funding,
    "status": M.status,
}


@dataclass(frozen=True)
class MobilityQuery:
    search: str = ""
    year: int | None = None  # the year the mobility starts
    format: str | None = None
    person_kind: str | None = None
    status: str | None = None  # a step of the life cycle
    programme_uuid: str | None = None
    awaiting_signature: bool = False  # only those whose learning agreement waits for a signature
    reveal_personal: bool = False
    sort: str = "start"
    descending: bool = True


class MobilityRow(NamedTuple):
    """One line of the list: only what the table and the command line show. (A named tuple: a page of
    them is built from the database's rows at the cost of a tuple each.)"""

    id: int
    uuid: str
    person_kind: str
    format: str
    sending_university_id: int
    sending_university: str
    sending_country: str
    receiving_university_id: int
    receiving_university: str
    receiving_country: str
    start_date: dt.date
    end_date: dt.date
    agreement_id: int | None
    programme_uuid: str | None
    funding: str
    status: str
    person_name: str = ""
    person_email: str = ""
    birth_date: dt.date | None = None

    def as_json(self, include_personal: bool = False) -> dict:
        data = self._asdict()
        for name in ("start_date", "end_date", "birth_date"):
            data[name] = data[name].isoformat() if data[name] else None
        if not include_personal:
            for name in PERSONAL_FIELDS:
                data.pop(name, None)
        return data


_ROW_COLUMNS = (M.id, M.uuid, M.person_kind, M.format, M.sending_university_id, SENDING.display_name,
                SENDING.country_code, M.receiving_university_id, RECEIVING.display_name, RECEIVING.country_code,
                date_text(M.start_date, "start_date"), date_text(M.end_date, "end_date"), M.agreement_id,
                M.programme_uuid, M.funding, M.status, M.person_name, M.person_email,
                date_text(M.birth_date, "birth_date"))
#: The row field holding each sort key's value (what the next page is asked for after).
SORT_FIELDS = {"start": "start_date", "end": "end_date", "person_kind": "person_kind", "format": "format",
               "sending": "sending_university", "receiving": "receiving_university", "funding": "funding",
               "status": "status"}


def _row(values: tuple, reveal: bool) -> MobilityRow:
    (record_id, uuid, kind, fmt, sending_id, sending, sending_country, receiving_id, receiving, receiving_country,
     start, end, agreement_id, programme_uuid, funding, status, name, email, birth) = values
    if reveal:
        return MobilityRow(record_id, uuid, kind, fmt, sending_id, sending, sending_country, receiving_id, receiving,
                           receiving_country, as_date(start), as_date(end), agreement_id, programme_uuid, funding,
                           status, name, email, as_optional_date(birth))
    return MobilityRow(record_id, uuid, kind, fmt, sending_id, sending, sending_country, receiving_id, receiving,
                       receiving_country, as_date(start), as_date(end), agreement_id, programme_uuid, funding, status,
                       mask_personal(name), MASK if email else "", None)


# --- the contract ---------------------------------------------------------------------------------

def validate(draft: MobilityDraft) -> Problems:
    return validate_mobility(draft)


def _check(session: Session, draft: MobilityDraft) -> None:
    """The draft's own rules, then what only the database knows: the records it names still exist."""
    problems = validate_mobility(draft)
    for key in ("sending_university_id", "receiving_university_id"):
        university_id = getattr(draft, key)
        if key not in problems and session.get(University, university_id) is None:
            problems[key] = Message("The university no longer exists; perhaps it was deleted.")
    if draft.agreement_id is not None and session.get(Agreement, draft.agreement_id) is None:
        problems["agreement_id"] = Message("The agreement no longer exists; perhaps it was deleted.")
    if problems:
        raise ValidationError(problems)


def _fill(record: MobilityRecord, draft: MobilityDraft) -> None:
    for name, value in asdict(draft).items():
        setattr(record, name, value.strip() if isinstance(value, str) and name != "notes" else value)


def create(db: Database, draft: MobilityDraft, uuid: str | None = None, nominated_on: dt.date | None = None) -> int:
    """A new mobility: a nomination, dated ``nominated_on`` (today when not given) in its history."""
    with db.transaction(changes=set(TOPICS)) as session:
        return create_in(session, draft, uuid, nominated_on)


def create_in(session: Session, draft: MobilityDraft, uuid: str | None = None,
              nominated_on: dt.date | None = None) -> int:
    """Create the mobility inside the caller's transaction (an import that records more than it)."""
    _check(session, draft)
    record = MobilityRecord(uuid=uuid) if uuid else MobilityRecord()
    _fill(record, draft)
    record.status = MobilityStatus.NOMINATED
    session.add(record)
    session.flush()
    session.add(MobilityStatusChange(mobility_id=record.id, status=MobilityStatus.NOMINATED,
                                     changed_on=nominated_on or dt.date.today(), note=""))
    return record.id


def _load(session: Session, record_id: int) -> MobilityRecord:
    record = session.get(MobilityRecord, record_id)
    if record is None:
        raise NotFoundError("The mobility record no longer exists (id {id}); perhaps it was deleted.", id=record_id)
    return record


def get(db: Database, record_id: int) -> Record[MobilityDraft]:
    with db.reading() as session:
        r = _load(session, record_id)
        draft = MobilityDraft(**{name: getattr(r, name) for name in MobilityDraft.__dataclass_fields__})
        return Record(r.id, r.uuid, draft, {"updated_at": r.updated_at})


def update(db: Database, record_id: int, draft: MobilityDraft) -> None:
    with db.transaction(changes=set(TOPICS)) as session:
        record = _load(session, record_id)
        _check(session, draft)
        _fill(record, draft)


def delete(db: Database, record_id: int) -> Snapshot:
    """Delete a mobility record; the snapshot answered brings it back exactly (``restore``)."""
    return records.delete_record(db, KIND, record_id, TOPICS)


def restore(db: Database, snapshot: Snapshot) -> int:
    return records.restore_record(db, snapshot, TOPICS)


def _conditions(dialect: str, query: MobilityQuery, words: int) -> list:
    """The query's filters with bind parameters in place of its values (see ``_values``), so that one
    statement serves every query of the same shape."""
    where = []
    if query.year is not None:
        where += [M.start_date >= bindparam("year_start", type_=Date), M.start_date < bindparam("year_end", type_=Date)]
    if query.format:
        where.append(M.format == bindparam("format"))
    if query.person_kind:
        where.append(M.person_kind == bindparam("person_kind"))
    if query.status:
        where.append(M.status == bindparam("status"))
    if query.programme_uuid:
        where.append(M.programme_uuid == bindparam("programme_uuid"))
    if query.awaiting_signature:
        where.append(M.id.in_(learning_agreements.awaiting_signature_mobilities()))
    for index in range(words):
        # The person's name and e-mail are searched whether or not they are shown: finding "Aigerim"
        # shows her record with her initials, as the recognition register does with holders.
        folded, lowered = word_parameters(index)
        named = universities_named(dialect, folded, lowered)
        where.append(M.sending_university_id.in_(named) | M.receiving_university_id.in_(named)
                     | matches(dialect, folded, lowered, raw=(M.person_name, M.person_email, M.funding, M.notes)))
    return where


def _values(query: MobilityQuery, words: list) -> dict:
    values: dict = word_values(words)
    if query.year is not None:
        values.update(year_start=dt.date(query.year, 1, 1), year_end=dt.date(query.year + 1, 1, 1))
    values.update(format=query.format, person_kind=query.person_kind, status=query.status,
                  programme_uuid=query.programme_uuid)
    return values


def _joined(statement: Select) -> Select:
    return (statement.join(SENDING, SENDING.id == M.sending_university_id)
            .join(RECEIVING, RECEIVING.id == M.receiving_university_id))


@cache
def _page_statement(dialect: str, sort: str, descending: bool, paged: bool, shape: MobilityQuery,
                    words: int) -> Select:
    """The page query of one shape (filters present, sort, whether it continues after a row), built once:
    building and keying a statement of this size costs more than running it on an indexed table."""
    key = SORT_COLUMNS.get(sort, M.start_date)
    where = _conditions(dialect, shape, words)
    if paged:
        after = tuple_(bindparam("after_value", type_=key.type), bindparam("after_id"))
        where.append(tuple_(key, M.id) < after if descending else tuple_(key, M.id) > after)
    order = (key.desc(), M.id.desc()) if descending else (key.asc(), M.id.asc())
    return _joined(select(*_ROW_COLUMNS)).where(*where).order_by(*order).limit(bindparam("limit"))


def page(db: Database, query: MobilityQuery | None = None, after: tuple | None = None,
         limit: int = PAGE_SIZE) -> Page[MobilityRow]:
    """One page of the list in the query's order, after the row whose key is ``after`` = (sort value, id)."""
    query = query or MobilityQuery()
    sort = query.sort if query.sort in SORT_COLUMNS else "start"
    words = search_words(query.search)
    values = _values(query, words) | {"limit": limit}
    if after is not None:
        values.update(after_value=after[0], after_id=after[1])
    statement = _page_statement(db.dialect, sort, query.descending, after is not None, _shape(query), len(words))
    with db.read_connection() as connection:
        fetched = connection.execute(statement, values).all()
    rows = [_row(row, query.reveal_personal) for row in fetched]
    last = rows[-1] if len(rows) == limit else None
    return Page(rows, (getattr(last, SORT_FIELDS[sort]), last.id) if last else None)


def _shape(query: MobilityQuery) -> MobilityQuery:
    """Which filters the query has, not their values: queries of one shape share a statement."""
    return MobilityQuery(year=0 if query.year is not None else None, format="?" if query.format else None,
                         person_kind="?" if query.person_kind else None, status="?" if query.status else None,
                         programme_uuid="?" if query.programme_uuid else None,
                         awaiting_signature=query.awaiting_signature)


@cache
def _count_statement(dialect: str, shape: MobilityQuery, words: int) -> Select:
    return select(func.count()).select_from(M).where(*_conditions(dialect, shape, words))


def count(db: Database, query: MobilityQuery | None = None) -> int:
    query = query or MobilityQuery()
    words = search_words(query.search)
    statement = _count_statement(db.dialect, _shape(query), len(words))
    with db.read_connection() as connection:
        return connection.execute(statement, _values(query, words)).scalar_one()


def iterate(db: Database, query: MobilityQuery | None = None, batch: int = 1000) -> Iterator[MobilityRow]:
    """Every matching record, a page at a time (the command line and exports)."""
    after = None
    while True:
        result = page(db, query, after, batch)
        yield from result.rows
        if result.is_last:
            return
        after = result.after


def years(db: Database) -> list[int]:
    """The years in which mobility starts, newest first (for the year filter)."""
    start_year = func.extract("year", M.start_date)
    with db.reading() as session:
        return [int(y) for y in session.execute(select(start_year).distinct().order_by(start_year.desc())).scalars()]


def choices(db: Database, search: str = "", limit: int | None = 50) -> list[Choice]:
    """Mobility records for a picker, newest first: "sending → receiving" with the start date as detail
    (never the person: pickers are shown to anyone looking at the screen)."""
    result = page(db, MobilityQuery(search=search), limit=limit or 1000)
    return [Choice(row.id, row.uuid, f"{row.sending_university} → {row.receiving_university}",
                   row.sending_country, row.start_date.isoformat()) for row in result.rows]


def choices_of(db: Database, ids: list[int]) -> list[Choice]:
    """The picker entries of these mobility records (one chosen before, beyond the entries listed)."""
    with db.read_connection() as connection:
        fetched = connection.execute(_joined(select(*_ROW_COLUMNS)).where(M.id.in_(ids))).all() if ids else []
    rows = [_row(row, False) for row in fetched]
    return [Choice(row.id, row.uuid, f"{row.sending_university} → {row.receiving_university}",
                   row.sending_country, row.start_date.isoformat()) for row in rows]


def agreement_choices(db: Database) -> list[Choice]:
    """The agreements a mobility may take place under, by title (detail: the agreement's reference)."""
    with db.reading() as session:
        rows = session.execute(select(Agreement.id, Agreement.uuid, Agreement.title, Agreement.reference)
                               .order_by(Agreement.title, Agreement.id)).all()
    return [Choice(row_id, row_uuid, title, "", reference or "") for row_id, row_uuid, title, reference in rows]


def programme_choices(db: Database, lang: str | None = None) -> list[Choice]:
    """The joint programmes a mobility may belong to, titled in ``lang`` where the programme has it
    (the mobility record keeps the programme's UUID)."""
    with db.reading() as session:
        rows = session.execute(select(Programme.id, Programme.uuid, Programme.title, Programme.titles,
                                      Programme.code).order_by(Programme.title, Programme.id)).all()
    return [Choice(row_id, row_uuid, (titles or {}).get(lang or "", "") or title, "", code or "")
            for row_id, row_uuid, title, titles, code in rows]


# --- the flow matrix ------------------------------------------------------------------------------

@dataclass
class FlowMatrix:
    year: int | None
    states: list[str]
    cells: list[dict] = field(default_factory=list)  # {"year", "from", "to", "count"}

    def count(self, sending: str, receiving: str, year: int | None = None) -> int:
        return sum(c["count"] for c in self.cells if c["from"] == sending and c["to"] == receiving
                   and (year is None or c["year"] == year))

    def as_json(self) -> dict:
        return {"year": self.year, "states": self.states, "cells": self.cells}


def flow_matrix(db: Database, year: int | None = None) -> FlowMatrix:
    """Mobility counts by year of start, sending state and receiving state, counted by the database."""
    start_year = func.extract("year", M.start_date)
    query = (select(start_year.label("year"), SENDING.country_code, RECEIVING.country_code, func.count())
             .select_from(M)
             .join(SENDING, SENDING.id == M.sending_university_id)
             .join(RECEIVING, RECEIVING.id == M.receiving_university_id)
             .group_by(start_year, SENDING.country_code, RECEIVING.country_code)
             .order_by(start_year, SENDING.country_code, RECEIVING.country_code))
    if year is not None:
        query = query.where(M.start_date >= dt.date(year, 1, 1), M.start_date < dt.date(year + 1, 1, 1))
    with db.reading() as session:
        flows = [(int(y), str(s), str(r), int(n)) for y, s, r, n in session.execute(query)]
    states = sorted({s for _y, s, _r, _n in flows} | {r for _y, _s, r, _n in flows})
    return FlowMatrix(year, states, [{"year": y, "from": s, "to": r, "count": n} for y, s, r, n in flows])

