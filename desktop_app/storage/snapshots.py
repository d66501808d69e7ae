"""Snapshots: a record and everything it owns, as plain data keyed by UUIDs, and the way back.

One mechanism serves undo after a delete, the national data package and every round-trip test, so
what comes back after "delete, undo" is what travels between coordinators: the same rows, the same
UUIDs, the same bytes.

What a record owns is read from the schema, not listed by hand: every table whose foreign key to the
record (or to a row it owns) says ``ON DELETE CASCADE`` is owned, recursively; files attached by
``attached_documents`` (which names its owner by type and id) are owned too. A cascade into another
kind of record (a university's academic calendars) is kept as a nested snapshot of that kind, so undo
brings it back as well. Rows elsewhere that merely point at the record with ``ON DELETE SET NULL``
(a recognition case naming the university) are re-linked on restore. Rows that point at it without a
cascade block the delete; :func:`blockers` counts them so the service can say what is in the way.

A snapshot::

    {"format": 1, "kind": "university", "uuid": "…", "local_id": 17,
     "rows": {"universities": [{…}], "university_names": [{…}, …], …},
     "documents": [{…}], "dependents": [<snapshot>, …], "links": [{…}], "blobs": {sha256: bytes}}

Within a row, a foreign key to a table with UUIDs is written as ``<name>_uuid`` (``university_id`` becomes
``university_uuid``) holding the referenced row's UUID; integer keys never leave the database (only
``local_id``, which undo uses to give the record back its old key). Dates and times are ISO 8601 text
(times in UTC), binary columns are replaced by the SHA-256 of their bytes, kept once in ``blobs``.

This module takes snapshots, says what blocks a delete, deletes, and compares. The schema it reads is in
``snapshot_schema.py``, the values of rows in ``snapshot_values.py``, and putting a snapshot back (restore
after a delete, replace after an edit) in ``snapshot_restore.py``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import Table, delete, select
from sqlalchemy.orm import Session

from desktop_app.domain.contract import Snapshot
from desktop_app.domain.errors import NotFoundError
from desktop_app.storage.base import Base
from desktop_app.storage.snapshot_schema import (
    DOCUMENTS_TABLE,
    KINDS,
    _owned_tables,
    _structure,
    _table,
    has_uuid,
    owner_kind_of,
)
from desktop_app.storage.snapshot_values import _UuidLookup, encode_rows

FORMAT = 1


# --- taking a snapshot -----------------------------------------------------------------------------

def _select_rows(session: Session, table: Table, column: str, ids: list[int]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    order = [table.c.id] if "id" in table.c else list(table.primary_key.columns)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows += [dict(row._mapping) for row in
                 session.execute(select(table).where(table.c[column].in_(chunk)).order_by(*order))]
    return rows


def _row_key(table: Table, row: dict[str, Any]) -> tuple:
    return tuple(row[column.name] for column in table.primary_key.columns)


def _collect(session: Session, kind: str, record_id: int) -> dict[str, dict[tuple, dict[str, Any]]]:
    """The record's own rows and every row it owns, as stored: table -> primary key -> row."""
    root = _table(KINDS[kind].table)
    root_rows = _select_rows(session, root, "id", [record_id])
    if not root_rows:
        raise NotFoundError("The record no longer exists (id {id}); perhaps it was deleted.", id=record_id)
    collected: dict[str, dict[tuple, dict[str, Any]]] = {root.name: {_row_key(root, root_rows[0]): root_rows[0]}}
    queue = [(root.name, [record_id])]
    owned = _owned_tables(root.name)
    while queue:
        parent, ids = queue.pop(0)
        for reference in owned:
            if reference.target != parent or not ids:
                continue
            child = _table(reference.table)
            rows = _select_rows(session, child, reference.column, ids)
            bucket = collected.setdefault(child.name, {})
            new_ids = []
            for row in rows:
                key = _row_key(child, row)
                if key not in bucket:
                    bucket[key] = row
                    if "id" in child.c:
                        new_ids.append(row["id"])
            if new_ids:
                queue.append((child.name, new_ids))
    return collected


def snapshot(session: Session, kind: str, record_id: int, *, dependents: bool = True,
             lookup: _UuidLookup | None = None) -> Snapshot:
    """The record ``record_id`` of ``kind`` with everything it owns (and, with ``dependents``, the other
    records a delete would take with it)."""
    spec = KINDS[kind]
    lookup = lookup or _UuidLookup(session)
    collected = _collect(session, kind, record_id)
    root_rows = list(collected[spec.table].values())
    blobs: dict[str, bytes] = {}
    result: Snapshot = {"format": FORMAT, "kind": kind, "uuid": root_rows[0]["uuid"], "local_id": record_id,
                        "rows": {}, "documents": [], "dependents": [], "links": [], "blobs": blobs}
    for table in Base.metadata.sorted_tables:
        if table.name in collected:
            stored = [collected[table.name][key] for key in sorted(collected[table.name])]
            result["rows"][table.name] = encode_rows(table, stored, lookup, blobs)
    if spec.documents:
        documents = _table(DOCUMENTS_TABLE)
        rows = [dict(row._mapping) for row in session.execute(
            select(documents).where(documents.c.owner_type == spec.documents, documents.c.owner_id == record_id)
            .order_by(documents.c.id))]
        for row in rows:
            encoded = encode_rows(documents, [row], lookup, blobs)[0]
            encoded.pop("owner_id", None)
            encoded.pop("owner_type", None)
            result["documents"].append(encoded)
    ids_by_table = {name: [row["id"] for row in bucket.values() if "id" in row] for name, bucket in collected.items()}
    roots = {k.table: k for k in KINDS.values()}
    for table_name, ids in ids_by_table.items():
        if not ids:
            continue
        for reference in _structure()[table_name]:
            if reference.table in collected:
                continue
            source = _table(reference.table)
            if reference.ondelete == "SET NULL" and has_uuid(source):
                target_uuids = lookup.uuids(_table(table_name), ids)
                for start in range(0, len(ids), 500):
                    chunk = ids[start:start + 500]
                    for row_uuid, target_id in session.execute(
                            select(source.c.uuid, source.c[reference.column])
                            .where(source.c[reference.column].in_(chunk)).order_by(source.c.id)):
                        result["links"].append({"table": source.name, "uuid": row_uuid, "column": reference.column,
                                                "target": target_uuids[target_id]})
            elif reference.ondelete == "CASCADE" and dependents and reference.table in roots:
                dependent_kind = roots[reference.table].kind
                for start in range(0, len(ids), 500):
                    chunk = ids[start:start + 500]
                    for dependent_id in session.execute(select(source.c.id).where(
                            source.c[reference.column].in_(chunk)).order_by(source.c.id)).scalars():
                        nested = snapshot(session, dependent_kind, dependent_id, dependents=True, lookup=lookup)
                        blobs.update(nested.pop("blobs"))
                        result["dependents"].append(nested)
    return result


def blockers(session: Session, kind: str, record_id: int) -> dict[str, int]:
    """What stops the record from being deleted: kind (or table) -> number of rows pointing at it, or
    at anything it owns, without a cascade."""
    found: dict[str, int] = {}
    snap = snapshot(session, kind, record_id)
    inside = _tables_in(snap)
    for table_name, ids in _ids_in(session, snap).items():
        for reference in _structure()[table_name]:
            if reference.ondelete != "RESTRICT" or reference.table in inside:
                continue
            source = _table(reference.table)
            count = 0
            for start in range(0, len(ids), 500):
                chunk = ids[start:start + 500]
                count += len(session.execute(select(source.c[reference.column]).where(
                    source.c[reference.column].in_(chunk))).all())
            if count:
                label = owner_kind_of(reference.table) or reference.table
                found[label] = found.get(label, 0) + count
    return found


def _tables_in(snap: Snapshot) -> set[str]:
    tables = set(snap["rows"])
    for nested in snap["dependents"]:
        tables |= _tables_in(nested)
    return tables


def _ids_in(session: Session, snap: Snapshot) -> dict[str, list[int]]:
    """Integer keys of the rows a snapshot holds (looked up by UUID; rows without UUIDs are leaves)."""
    ids: dict[str, list[int]] = {}
    for table_name, rows in snap["rows"].items():
        table = _table(table_name)
        if not has_uuid(table):
            continue
        uuids = [row["uuid"] for row in rows]
        for start in range(0, len(uuids), 500):
            chunk = uuids[start:start + 500]
            ids.setdefault(table_name, []).extend(
                session.execute(select(table.c.id).where(table.c.uuid.in_(chunk))).scalars())
    for nested in snap["dependents"]:
        for table_name, nested_ids in _ids_in(session, nested).items():
            ids.setdefault(table_name, []).extend(nested_ids)
    return ids


# --- deleting -------------------------------------------------------------------------------------

def _delete_documents(session: Session, snap: Snapshot, record_id: int) -> None:
    spec = KINDS[snap["kind"]]
    if spec.documents:
        documents = _table(DOCUMENTS_TABLE)
        session.execute(delete(documents).where(documents.c.owner_type == spec.documents,
                                                documents.c.owner_id == record_id))
    for nested in snap["dependents"]:
        _delete_documents(session, nested, nested["local_id"])


def delete_record(session: Session, kind: str, record_id: int) -> Snapshot:
    """Delete the record with all it owns; answer its snapshot. The caller checks :func:`blockers` first
    (the database refuses the delete otherwise)."""
    snap = snapshot(session, kind, record_id)
    _delete_documents(session, snap, record_id)
    root = _table(KINDS[kind].table)
    session.execute(delete(root).where(root.c.id == record_id))
    session.flush()
    return snap

# --- comparing -------------------------------------------------------------------------------------

def canonical(snap: Snapshot) -> dict[str, Any]:
    """The snapshot without what is local to one database (integer keys, blob bytes): what two
    databases holding the same record agree on."""
    def ordered(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
        # Meaningful order is held in columns (``position``…); rows are compared as a set.
        return sorted(rows, key=lambda row: row.get("uuid") or json.dumps(row, sort_keys=True, default=str))

    return {
        "format": snap["format"], "kind": snap["kind"], "uuid": snap["uuid"],
        "rows": {table: ordered(rows) for table, rows in sorted(snap["rows"].items())},
        "documents": ordered(snap.get("documents", [])),
        "links": sorted(snap.get("links", []), key=lambda link: (link["table"], link["uuid"], link["column"])),
        "dependents": sorted((canonical(nested) for nested in snap.get("dependents", [])), key=lambda s: s["uuid"]),
    }


def canonical_json(snap: Snapshot) -> str:
    return json.dumps(canonical(snap), ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def fingerprint(snap: Snapshot) -> str:
    """SHA-256 of the canonical form: equal for equal records, whichever database holds them."""
    return hashlib.sha256(canonical_json(snap).encode("utf-8")).hexdigest()
