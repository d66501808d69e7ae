"""Who this database is, and who owns each record.

A database keeps the national share of one member state (the one chosen at first run, in the
preferences); a database without a member state is the working group's. The identity is written once,
the first time the application opens the database knowing its state (or the first time a package is
made or read), and is not changed afterwards: changing it would change the owner of records other
coordinators already hold.

When the identity is first written, the records created here before it was known are claimed for the
state: every record without an owner, except those received in a package and the reference data every
database starts with (the road map of the concept paper, the default credit conversions), which stay
the network's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from desktop_app.domain.curricula import DEFAULT_CREDIT_CONVERSIONS
from desktop_app.domain.reference import ROADMAP_ACTIONS, reference_uuid
from desktop_app.storage import ownership, package_rows, snapshot_schema
from desktop_app.storage.database import Database
from desktop_app.storage.models import DatabaseIdentity, DeletedRecord, SyncRecord

TOPICS = frozenset({"exchange"})


@dataclass(frozen=True)
class Identity:
    state_code: str | None  # None: the working group (or not chosen yet)
    set_at: dt.datetime | None

    @property
    def is_set(self) -> bool:
        return self.set_at is not None


def preloaded_uuids() -> list[str]:
    """Reference records every database is born with: the network's, never claimed by a state."""
    from desktop_app.storage.governance_reference import preloaded_uuids as governance_uuids

    return ([reference_uuid("roadmap", str(action.number)) for action in ROADMAP_ACTIONS]
            + [reference_uuid("credit-conversion", item.state_code) for item in DEFAULT_CREDIT_CONVERSIONS]
            + governance_uuids())


def identity(db: Database) -> Identity:
    with db.reading() as session:
        return identity_in(session)


def identity_in(session: Session) -> Identity:
    row = session.get(DatabaseIdentity, 1)
    return Identity(row.state_code, row.set_at) if row is not None else Identity(None, None)


def ensure_identity(db: Database, state_code: str | None) -> Identity:
    """Write the identity when it is not written yet and the state is known; answer it."""
    with db.transaction(changes=TOPICS) as session:
        current = identity_in(session)
        if current.is_set or not state_code:
            return current
        state = state_code.strip().upper()
        session.add(DatabaseIdentity(id=1, state_code=state, set_at=dt.datetime.now(dt.UTC)))
        _claim(session, state)
        session.flush()
        result = identity_in(session)
    ownership.forget_identity(db.engine)
    return result


def _claim(session: Session, state: str) -> None:
    received = select(SyncRecord.uuid)
    preloaded = preloaded_uuids()
    for kind in snapshot_schema.KINDS:
        root = package_rows.layout(kind).root
        owner = root.c[ownership.OWNER_COLUMN]
        values: dict[str, Any] = {ownership.OWNER_COLUMN: state}
        if package_rows.VOLATILE in root.c:  # claiming is not an edit: keep each record's time of change
            values[package_rows.VOLATILE] = root.c[package_rows.VOLATILE]
        session.execute(update(root).where(owner.is_(None), root.c.uuid.not_in(received),
                                           root.c.uuid.not_in(preloaded)).values(values))
    session.execute(update(DeletedRecord).where(DeletedRecord.owner_state.is_(None),
                                                DeletedRecord.uuid.not_in(preloaded)).values(owner_state=state))


@dataclass(frozen=True)
class OwnerCount:
    kind: str
    owner_state: str | None
    count: int


def owner_counts(db: Database) -> list[OwnerCount]:
    """How many records of each kind each member state owns here: where the records came from."""
    found: list[OwnerCount] = []
    with db.reading() as session:
        for kind in package_rows.kind_order():
            root = package_rows.layout(kind).root
            owner = root.c[ownership.OWNER_COLUMN]
            for state, count in session.execute(select(owner, func.count()).group_by(owner).order_by(owner)):
                found.append(OwnerCount(kind, state, count))
    return found
