"""What this database remembers of the packages it received and the keys it trusts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from desktop_app.storage.database import Database
from desktop_app.storage.models import ReceivedPackage, TrustedKey


@dataclass(frozen=True)
class KeyInfo:
    state_code: str | None
    fingerprint: str
    public_key: str
    first_seen: dt.datetime
    accepted_explicitly: bool
    active: bool


@dataclass(frozen=True)
class PackageInfo:
    id: int
    state_code: str | None
    coordinator: str
    created_at: dt.datetime
    received_at: dt.datetime
    period_from: str | None
    period_to: str | None
    schema_revision: str
    signer_fingerprint: str
    personal_data: bool
    counts: dict[str, int]
    file_name: str


def _key(row: TrustedKey) -> KeyInfo:
    return KeyInfo(row.state_code, row.fingerprint, row.public_key, _utc(row.first_seen), row.accepted_explicitly,
                   row.active)


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _state_is(column, state: str | None):
    return column.is_(None) if state is None else column == state


def trusted_key_in(session: Session, state: str | None) -> KeyInfo | None:
    row = session.execute(select(TrustedKey).where(_state_is(TrustedKey.state_code, state), TrustedKey.active)
                          .order_by(TrustedKey.id.desc())).scalars().first()
    return _key(row) if row is not None else None


def trusted_key(db: Database, state: str | None) -> KeyInfo | None:
    with db.reading() as session:
        return trusted_key_in(session, state)


def trusted_keys(db: Database) -> list[KeyInfo]:
    with db.reading() as session:
        rows = session.execute(select(TrustedKey).order_by(TrustedKey.state_code, TrustedKey.id)).scalars()
        return [_key(row) for row in rows]


def trust(session: Session, state: str | None, fingerprint: str, public_key: str, explicitly: bool) -> None:
    """Trust a key for a state from now on (the key trusted before, if another, is kept as inactive)."""
    current = trusted_key_in(session, state)
    if current is not None and current.fingerprint == fingerprint:
        return
    session.execute(update(TrustedKey).where(_state_is(TrustedKey.state_code, state)).values(active=False))
    session.add(TrustedKey(state_code=state, fingerprint=fingerprint, public_key=public_key,
                           first_seen=dt.datetime.now(dt.UTC), accepted_explicitly=explicitly, active=True))


def record_package(session: Session, values: dict[str, Any]) -> int:
    row = ReceivedPackage(received_at=dt.datetime.now(dt.UTC), **values)
    session.add(row)
    session.flush()
    return row.id


def _package(row: ReceivedPackage) -> PackageInfo:
    return PackageInfo(row.id, row.state_code, row.coordinator, _utc(row.created_at), _utc(row.received_at),
                       row.period_from, row.period_to, row.schema_revision, row.signer_fingerprint, row.personal_data,
                       dict(row.counts or {}), row.file_name)


def last_package_in(session: Session, state: str | None) -> PackageInfo | None:
    row = session.execute(select(ReceivedPackage).where(_state_is(ReceivedPackage.state_code, state))
                          .order_by(ReceivedPackage.created_at.desc(), ReceivedPackage.id.desc())).scalars().first()
    return _package(row) if row is not None else None


def received_packages(db: Database) -> list[PackageInfo]:
    """Every package received, the latest of each state first within the state."""
    with db.reading() as session:
        rows = session.execute(select(ReceivedPackage).order_by(
            ReceivedPackage.state_code, ReceivedPackage.created_at.desc(), ReceivedPackage.id.desc())).scalars()
        return [_package(row) for row in rows]


def last_packages(db: Database) -> list[PackageInfo]:
    """The last package received from each state."""
    latest: dict[str | None, PackageInfo] = {}
    for package in received_packages(db):
        latest.setdefault(package.state_code, package)
    return list(latest.values())
