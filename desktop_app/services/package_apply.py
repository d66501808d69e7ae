"""Putting records of a data package into the database, one step at a time: new records in bulk,
changed ones in place, deleted ones removed, each with its merge base remembered. Used by the import
(``package_merge``) and by the resolution of a conflict later (``package_conflicts``); every function
runs inside the caller's transaction.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from collections import ChainMap
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop_app.domain.contract import Message
from desktop_app.services import package_fields
from desktop_app.storage import package_rows, snapshot_restore, snapshot_schema, snapshots, tombstones
from desktop_app.storage.models import LinkedRecord, SyncRecord
from desktop_app.storage.ownership import OWNER_COLUMN
from desktop_app.storage.package_rows import Lookup

Blobs = Mapping[str, bytes]


def root_row(line: dict[str, Any]) -> dict[str, Any]:
    table = package_rows.layout(line["kind"]).root.name
    return line["rows"][table][0]


def owner_of(line: dict[str, Any]) -> str | None:
    return root_row(line).get(OWNER_COLUMN)


# --- linked records ---------------------------------------------------------------------------------

def links(session: Session) -> dict[str, str]:
    """Their UUID -> ours, for every record the user said is the same as one here."""
    return dict(session.execute(select(LinkedRecord.their_uuid, LinkedRecord.local_uuid)).all())


def localize(line: dict[str, Any], linked: Mapping[str, str]) -> dict[str, Any]:
    """References to records linked to ours point at ours."""
    if not linked:
        return line
    rows = {}
    for name, table_rows in line["rows"].items():
        rows[name] = [{k: linked.get(v, v) if k.endswith("_uuid") and isinstance(v, str) else v
                       for k, v in row.items()} for row in table_rows]
    return {**line, "rows": rows}


# --- merge bases --------------------------------------------------------------------------------------

def save_bases(session: Session, kind: str, entries: Iterable[tuple[str, str, str | None]], origin: str | None,
               package_id: int | None) -> None:
    """Remember records as received: (uuid, fingerprint, fingerprint with personal data)."""
    now = dt.datetime.now(dt.UTC)
    rows = [{"uuid": uuid, "kind": kind, "origin_state": origin, "fingerprint": public,
             "personal_fingerprint": full, "received_at": now, "package_id": package_id}
            for uuid, public, full in entries]
    if not rows:
        return
    uuids = [row["uuid"] for row in rows]
    for start in range(0, len(uuids), 500):
        session.execute(delete(SyncRecord).where(SyncRecord.uuid.in_(uuids[start:start + 500])))
    session.execute(insert(SyncRecord), rows)


def forget_bases(session: Session, uuids: list[str]) -> None:
    if uuids:
        session.execute(delete(SyncRecord).where(SyncRecord.uuid.in_(uuids)))


def bases(session: Session, uuids: list[str]) -> dict[str, SyncRecord]:
    found: dict[str, SyncRecord] = {}
    for start in range(0, len(uuids), 500):
        query = select(SyncRecord).where(SyncRecord.uuid.in_(uuids[start:start + 500]))
        for record in session.execute(query).scalars():
            found[record.uuid] = record
    return found


# --- writing ------------------------------------------------------------------------------------------

def _db_detail(error: Exception) -> str:
    text = str(getattr(error, "orig", error)).strip().splitlines()
    return text[0] if text else type(error).__name__


def insert_new(session: Session, kind: str, lines: list[dict[str, Any]], blobs: Blobs,
               lookup: Lookup) -> list[tuple[dict[str, Any], Message]]:
    """Insert new records in bulk; a chunk the database refuses is tried record by record, and the
    records it still refuses are answered with the reason (nothing of theirs is left behind)."""
    if not lines:
        return []
    try:
        with session.begin_nested():
            package_rows.insert_lines(session, kind, lines, blobs, lookup)
        return []
    except IntegrityError:
        lookup.forget(package_rows.layout(kind).tables)
    refused = []
    for line in lines:
        try:
            with session.begin_nested():
                package_rows.insert_lines(session, kind, [line], blobs, lookup)
        except IntegrityError as error:
            lookup.forget(package_rows.layout(kind).tables)
            refused.append((line, Message("The database refused this record: {detail}", {"detail": _db_detail(error)})))
    return refused


def replace_with(session: Session, theirs: dict[str, Any], ours_blobs: Blobs, blobs: Blobs) -> Message | None:
    """Make the stored record what ``theirs`` says (a line, personal data already merged in)."""
    try:
        with session.begin_nested():
            snapshot_restore.replace(session, package_rows.to_snapshot(theirs), blobs=ChainMap(dict(ours_blobs), blobs))  # type: ignore[arg-type]
    except IntegrityError as error:
        return Message("The database refused this record: {detail}", {"detail": _db_detail(error)})
    return None


def delete_local(session: Session, kind: str, record_id: int, owner: str | None,
                 deleted_at: dt.datetime) -> Message | None:
    """Delete a record as its owner did; refused (with the reason) when records here still need it or
    when records of other owners would go with it."""
    blocking = snapshots.blockers(session, kind, record_id)
    if blocking:
        from desktop_app.services.records import count_message

        return Message("It cannot be deleted here while other records refer to it ({records}).",
                       {"records": [count_message(k, n) for k, n in sorted(blocking.items())]})
    snap = snapshots.snapshot(session, kind, record_id)
    others = [nested for nested in _nested(snap) if tombstones.owner_in(nested) != owner]
    if others:
        from desktop_app.services.records import count_message

        return Message("Deleting it would also delete {records} of another owner kept here.",
                       {"records": [count_message(others[0]["kind"], len(others))]})
    snapshots.delete_record(session, kind, record_id)
    tombstones.write(session, snap, deleted_at)
    forget_bases(session, [record["uuid"] for record in [snap, *_nested(snap)]])
    return None


def _nested(snap: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for nested in snap.get("dependents", ()):
        found += [nested, *_nested(nested)]
    return found


# --- keeping a record for later -------------------------------------------------------------------------

def blob_keys(line: dict[str, Any]) -> set[str]:
    """SHA-256 of every file a line holds (binary columns travel as the checksum of their bytes)."""
    keys = set()
    tables = {**{name: snapshot_schema._table(name) for name in line["rows"]},
              "documents": snapshot_schema._table(snapshot_schema.DOCUMENTS_TABLE)}
    for name, rows in [*line["rows"].items(), ("documents", line.get("documents", []))]:
        binary = [c.name for c in tables[name].columns if c.type.__class__.__name__ == "LargeBinary"]
        for row in rows:
            keys |= {row[column] for column in binary if row.get(column)}
    return keys


def pack(line: dict[str, Any], blobs: Blobs) -> str:
    """A line with the files it needs, as text to keep in a conflict until the user decides."""
    files = {key: base64.b64encode(blobs[key]).decode("ascii") for key in sorted(blob_keys(line)) if key in blobs}
    return package_rows.dumps({"line": line, "files": files})


def unpack(text: str) -> tuple[dict[str, Any], dict[str, bytes]]:
    data = json.loads(text)
    files = {}
    for key, value in data.get("files", {}).items():
        content = base64.b64decode(value)
        if hashlib.sha256(content).hexdigest() == key:
            files[key] = content
    return data["line"], files


def same_record_columns(kind: str) -> list[list[str]]:
    """Column sets of the kind's root table that identify a record (unique constraints and unique
    indexes without a condition), UUID and key aside."""
    root = package_rows.layout(kind).root
    found: list[list[str]] = []
    for constraint in root.constraints:
        columns = [c.name for c in getattr(constraint, "columns", ())]
        if constraint.__class__.__name__ == "UniqueConstraint" and columns and columns != ["uuid"]:
            found.append(columns)
    for index in root.indexes:
        if index.unique and index.dialect_options["sqlite"].get("where") is None and \
                index.dialect_options["postgresql"].get("where") is None:
            columns = [c.name for c in index.columns]
            if columns != ["uuid"] and columns not in found:
                found.append(columns)
    for column in root.columns:
        if column.unique and column.name != "uuid" and [column.name] not in found:
            found.append([column.name])
    return found


def label_of(line: dict[str, Any]) -> str:
    return package_fields.label(line)
