"""Mobility records and the flow matrix between member states; joint events."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field, replace

from sqlalchemy import func, select
from sqlalchemy.orm import aliased

from desktop_app.domain.errors import NotFoundError, ValidationError
from desktop_app.domain.mobility import (
    PERSONAL_FIELDS,
    EventDraft,
    MobilityDraft,
    mask_personal,
    validate_event,
    validate_mobility,
)
from desktop_app.services.documents import delete_documents_of
from desktop_app.storage.database import Database
from desktop_app.storage.models import (
    AttachedDocument,
    JointEvent,
    JointEventPartner,
    MobilityRecord,
    University,
)

TOPIC = "mobility"
EVENTS_TOPIC = "events"


def _fill(record: MobilityRecord, draft: MobilityDraft) -> None:
    for name, value in asdict(draft).items():
        setattr(record, name, value.strip() if isinstance(value, str) else value)


def create_mobility(db: Database, draft: MobilityDraft, uuid: str | None = None) -> int:
    errors = validate_mobility(draft)
    if errors:
        raise ValidationError(errors)
    with db.transaction(changes={TOPIC}) as session:
        record = MobilityRecord()
        if uuid:
            record.uuid = uuid
        _fill(record, draft)
        session.add(record)
        session.flush()
        return record.id


def update_mobility(db: Database, record_id: int, draft: MobilityDraft) -> None:
    errors = validate_mobility(draft)
    if errors:
        raise ValidationError(errors)
    with db.transaction(changes={TOPIC}) as session:
        record = session.get(MobilityRecord, record_id)
        if record is None:
            raise NotFoundError("The mobility record no longer exists.")
        _fill(record, draft)


def get_mobility(db: Database, record_id: int) -> tuple[str, MobilityDraft]:
    with db.reading() as session:
        r = session.get(MobilityRecord, record_id)
        if r is None:
            raise NotFoundError("The mobility record no longer exists.")
        return r.uuid, MobilityDraft(**{name: getattr(r, name) for name in MobilityDraft.__dataclass_fields__})


def delete_mobility(db: Database, record_id: int) -> None:
    with db.transaction(changes={TOPIC}) as session:
        record = session.get(MobilityRecord, record_id)
        if record is None:
            raise NotFoundError("The mobility record no longer exists.")
        session.delete(record)


@dataclass
class MobilityRow:
    id: int
    uuid: str
    person_kind: str
    format: str
    sending_university: str
    sending_country: str
    receiving_university: str
    receiving_country: str
    start_date: dt.date
    end_date: dt.date
    agreement_id: int | None
    programme_uuid: str | None
    funding: str
    person_name: str = ""
    person_email: str = ""
    birth_date: dt.date | None = None

    def as_json(self, include_personal: bool = False) -> dict:
        data = asdict(self)
        if not include_personal:
            for name in PERSONAL_FIELDS:
                data.pop(name, None)
        return data


def list_mobility(db: Database, *, reveal_personal: bool = False, year: int | None = None) -> list[MobilityRow]:
    """Every mobility record, newest first. Personal fields come masked unless ``reveal_personal``.

    Plain columns, not ORM objects: a national register of tens of thousands of records stays quick."""
    sending, receiving = aliased(University), aliased(University)
    m = MobilityRecord
    # Columns named as MobilityRow's fields.
    query = (select(m.id, m.uuid, m.person_kind, m.format, sending.display_name.label("sending_university"),
                    sending.country_code.label("sending_country"),
                    receiving.display_name.label("receiving_university"),
                    receiving.country_code.label("receiving_country"), m.start_date, m.end_date, m.agreement_id,
                    m.programme_uuid, m.funding, m.person_name, m.person_email, m.birth_date)
             .join(sending, sending.id == m.sending_university_id)
             .join(receiving, receiving.id == m.receiving_university_id)
             .order_by(m.start_date.desc(), m.id))
    if year is not None:
        query = query.where(m.start_date >= dt.date(year, 1, 1), m.start_date <= dt.date(year, 12, 31))
    with db.reading() as session:
        rows = session.execute(query).all()
    if reveal_personal:
        return [MobilityRow(**row._asdict()) for row in rows]
    return [replace(MobilityRow(**row._asdict()), person_name=mask_personal(row.person_name),
                    person_email="•••" if row.person_email else "", birth_date=None) for row in rows]


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
    sending, receiving = aliased(University), aliased(University)
    start_year = func.extract("year", MobilityRecord.start_date)
    query = (select(start_year.label("year"), sending.country_code, receiving.country_code, func.count())
             .select_from(MobilityRecord)
             .join(sending, sending.id == MobilityRecord.sending_university_id)
             .join(receiving, receiving.id == MobilityRecord.receiving_university_id)
             .group_by(start_year, sending.country_code, receiving.country_code)
             .order_by(start_year, sending.country_code, receiving.country_code))
    if year is not None:
        query = query.where(MobilityRecord.start_date >= dt.date(year, 1, 1),
                            MobilityRecord.start_date <= dt.date(year, 12, 31))
    with db.reading() as session:
        flows = [(int(y), s, r, int(n)) for y, s, r, n in session.execute(query)]
    states = sorted({s for _y, s, _r, _n in flows} | {r for _y, _s, r, _n in flows})
    return FlowMatrix(year, states, [{"year": y, "from": s, "to": r, "count": n} for y, s, r, n in flows])


# --- joint events -------------------------------------------------------------------------------

def create_event(db: Database, draft: EventDraft, uuid: str | None = None) -> int:
    errors = validate_event(draft)
    if errors:
        raise ValidationError(errors)
    with db.transaction(changes={EVENTS_TOPIC}) as session:
        event = JointEvent(kind=draft.kind, title=draft.title.strip(), start_date=draft.start_date,
                           end_date=draft.end_date, host_university_id=draft.host_university_id,
                           participants=draft.participants, area_key=draft.area_key, outcome=draft.outcome,
                           notes=draft.notes,
                           partners=[JointEventPartner(university_id=i) for i in dict.fromkeys(draft.partner_ids)])
        if uuid:
            event.uuid = uuid
        session.add(event)
        session.flush()
        return event.id


def update_event(db: Database, event_id: int, draft: EventDraft) -> None:
    errors = validate_event(draft)
    if errors:
        raise ValidationError(errors)
    with db.transaction(changes={EVENTS_TOPIC}) as session:
        event = session.get(JointEvent, event_id)
        if event is None:
            raise NotFoundError("The event no longer exists.")
        for name in ("kind", "start_date", "end_date", "host_university_id", "participants", "area_key",
                     "outcome", "notes"):
            setattr(event, name, getattr(draft, name))
        event.title = draft.title.strip()
        event.partners.clear()
        session.flush()
        event.partners.extend(JointEventPartner(university_id=i) for i in dict.fromkeys(draft.partner_ids))


def get_event(db: Database, event_id: int) -> tuple[str, EventDraft]:
    with db.reading() as session:
        e = session.get(JointEvent, event_id)
        if e is None:
            raise NotFoundError("The event no longer exists.")
        return e.uuid, EventDraft(e.kind, e.title, e.start_date, e.end_date, e.host_university_id,
                                  [p.university_id for p in e.partners], e.participants, e.area_key,
                                  e.outcome, e.notes)


def delete_event(db: Database, event_id: int) -> None:
    with db.transaction(changes={EVENTS_TOPIC}) as session:
        event = session.get(JointEvent, event_id)
        if event is None:
            raise NotFoundError("The event no longer exists.")
        delete_documents_of(session, "event", event_id)
        session.delete(event)


@dataclass
class EventRow:
    id: int
    uuid: str
    kind: str
    title: str
    start_date: dt.date
    end_date: dt.date
    host: str
    host_country: str
    partners: list[str]
    participants: int
    area_key: str | None
    outcome: str
    documents: int = 0

    def as_json(self) -> dict:
        return asdict(self)


def list_events(db: Database) -> list[EventRow]:
    with db.reading() as session:
        names = dict(session.execute(select(University.id, University.display_name)).all())
        documents = dict(session.execute(
            select(AttachedDocument.owner_id, func.count()).where(AttachedDocument.owner_type == "event")
            .group_by(AttachedDocument.owner_id)).all())
        events = session.execute(select(JointEvent, University.country_code)
                                 .join(University, University.id == JointEvent.host_university_id)
                                 .order_by(JointEvent.start_date.desc(), JointEvent.id)).all()
        return [EventRow(e.id, e.uuid, e.kind, e.title, e.start_date, e.end_date, names[e.host_university_id],
                         country, [names[p.university_id] for p in e.partners], e.participants, e.area_key,
                         e.outcome, documents.get(e.id, 0)) for e, country in events]
