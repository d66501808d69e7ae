"""Tombstones: which records were deleted, by whom they were owned and when, so that a data package
can tell other coordinators to delete them too. A restore (undo of a delete) removes them again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from sqlalchemy import delete, insert
from sqlalchemy.orm import Session

from desktop_app.domain.contract import Snapshot
from desktop_app.storage import snapshot_schema
from desktop_app.storage.models import DeletedRecord
from desktop_app.storage.ownership import OWNER_COLUMN


def _records(snap: Snapshot) -> Iterator[Snapshot]:
    yield snap
    for nested in snap.get("dependents", ()):
        yield from _records(nested)


def owner_in(snap: Snapshot) -> str | None:
    rows = snap["rows"].get(snapshot_schema.KINDS[snap["kind"]].table) or [{}]
    return rows[0].get(OWNER_COLUMN)


def write(session: Session, snap: Snapshot, deleted_at: dt.datetime | None = None) -> None:
    """The record and the records deleted with it are gone: remember each one."""
    when = deleted_at or dt.datetime.now(dt.UTC)
    records = list(_records(snap))
    uuids = [record["uuid"] for record in records]
    session.execute(delete(DeletedRecord).where(DeletedRecord.uuid.in_(uuids)))
    session.execute(insert(DeletedRecord), [
        {"kind": record["kind"], "uuid": record["uuid"], "owner_state": owner_in(record), "deleted_at": when}
        for record in records])


def clear(session: Session, snap: Snapshot) -> None:
    """The record is back: it is no longer deleted anywhere."""
    uuids = [record["uuid"] for record in _records(snap)]
    session.execute(delete(DeletedRecord).where(DeletedRecord.uuid.in_(uuids)))
