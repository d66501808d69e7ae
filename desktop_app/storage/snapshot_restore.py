"""Putting a snapshot back: ``restore`` after a delete (new rows, the old keys when free) and ``replace``
after an edit (the stored record made what the snapshot says, in place).

Kept apart from taking snapshots (``snapshots.py``) because writing rows back has its own concerns —
the order tables are filled in, resolving UUIDs to this database's keys, re-linking the rows that pointed
at the record — that reading never meets.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.orm import Session

from desktop_app.domain.contract import Snapshot
from desktop_app.domain.errors import ConflictError, NotFoundError
from desktop_app.storage.base import Base
from desktop_app.storage.snapshot_schema import DOCUMENTS_TABLE, KINDS, _structure_by_source, _table, has_uuid
from desktop_app.storage.snapshot_values import _UuidLookup, decode_row
from desktop_app.storage.snapshots import FORMAT, _collect


def restore(session: Session, snap: Snapshot, *, keep_ids: bool = True, blobs: dict[str, bytes] | None = None,
            lookup: _UuidLookup | None = None) -> int:
    """Insert a snapshot's rows again; answer the record's integer key.

    With ``keep_ids`` the record gets back its old integer key when no other row has taken it, so
    whatever still holds that key (an open editor, a selection) finds it again. A record whose UUID is
    already present is refused: restoring never overwrites."""
    if snap.get("format") != FORMAT:
        raise ConflictError("This record was saved in a format this version cannot read ({format}).",
                            format=str(snap.get("format")))
    spec = KINDS[snap["kind"]]
    blobs = blobs if blobs is not None else snap.get("blobs", {})
    lookup = lookup or _UuidLookup(session)
    root = _table(spec.table)
    if lookup.id_of(root, snap["uuid"]) is not None:
        raise ConflictError("This record is already in the database ({uuid}).", uuid=snap["uuid"])
    record_id: int | None = None
    for table in Base.metadata.sorted_tables:
        rows = snap["rows"].get(table.name)
        if not rows:
            continue
        for row in rows:
            values = decode_row(table, row, lookup, blobs)
            if table is root and keep_ids and snap.get("local_id") is not None:
                taken = session.execute(select(root.c.id).where(root.c.id == snap["local_id"])).first()
                if taken is None:
                    values["id"] = snap["local_id"]
            if "id" in table.c and has_uuid(table):
                new_id = session.execute(insert(table).values(**values).returning(table.c.id)).scalar_one()
                lookup.remember(table, row["uuid"], new_id)
                if table is root:
                    record_id = new_id
            else:
                session.execute(insert(table).values(**values))
    if record_id is None:
        raise ConflictError("The saved record is incomplete: it has no {table} row.", table=root.name)
    if spec.documents and snap.get("documents"):
        documents = _table(DOCUMENTS_TABLE)
        for row in snap["documents"]:
            values = decode_row(documents, row, lookup, blobs)
            values.update(owner_type=spec.documents, owner_id=record_id)
            session.execute(insert(documents).values(**values))
    for nested in snap.get("dependents", []):
        restore(session, nested, keep_ids=keep_ids, blobs=blobs, lookup=lookup)
    for link in snap.get("links", []):
        source = _table(link["table"])
        target_table = next(_table(r.target) for r in _structure_by_source(link["table"], link["column"]))
        target_id = lookup.id_of(target_table, link["target"])
        relinked: dict[str, Any] = {link["column"]: target_id}
        if "updated_at" in source.c:  # re-linking is not an edit of that record: keep its time of change
            relinked["updated_at"] = source.c.updated_at
        session.execute(update(source).where(source.c.uuid == link["uuid"]).values(relinked))
    session.flush()
    return record_id


def replace(session: Session, snap: Snapshot, *, blobs: dict[str, bytes] | None = None) -> int:
    """Make the stored record what the snapshot says, in place: its own columns, the rows it owns (kept
    where their UUID is the same, so nothing that points at them is disturbed; added and removed as
    the snapshot says) and its documents. Other records are left alone (dependents and links are not
    touched). This is how undo and redo of an edit put back exactly what was there."""
    spec = KINDS[snap["kind"]]
    blobs = blobs if blobs is not None else snap.get("blobs", {})
    lookup = _UuidLookup(session)
    root = _table(spec.table)
    record_id = lookup.id_of(root, snap["uuid"])
    if record_id is None:
        raise NotFoundError("The record no longer exists; perhaps it was deleted.")
    current = _collect(session, snap["kind"], record_id)
    removed: list[tuple[Table, list[dict[str, Any]]]] = []
    for table in Base.metadata.sorted_tables:
        wanted = snap["rows"].get(table.name, [])
        present = list(current.get(table.name, {}).values())
        if table.name not in snap["rows"] and table.name not in current:
            continue
        if has_uuid(table) and "id" in table.c:
            present_by_uuid = {row["uuid"]: row for row in present}
            for row in present:
                lookup.remember(table, row["uuid"], row["id"])
            wanted_uuids = {row["uuid"] for row in wanted}
            for row in wanted:
                values = decode_row(table, row, lookup, blobs)
                if row["uuid"] in present_by_uuid:
                    row_id = present_by_uuid[row["uuid"]]["id"]
                    session.execute(update(table).where(table.c.id == row_id).values(**values))
                else:
                    new_id = session.execute(insert(table).values(**values).returning(table.c.id)).scalar_one()
                    lookup.remember(table, row["uuid"], new_id)
            removed.append((table, [row for row in present if row["uuid"] not in wanted_uuids]))
        else:
            # Rows without identity of their own (links such as a university's areas, history lines):
            # the snapshot's set replaces the stored one.
            for row in present:
                session.execute(delete(table).where(*[column == row[column.name]
                                                      for column in table.primary_key.columns]))
            for row in wanted:
                session.execute(insert(table).values(**decode_row(table, row, lookup, blobs)))
    for table, rows in reversed(removed):
        for row in rows:
            session.execute(delete(table).where(table.c.id == row["id"]))
    if spec.documents:
        documents = _table(DOCUMENTS_TABLE)
        session.execute(delete(documents).where(documents.c.owner_type == spec.documents,
                                                documents.c.owner_id == record_id))
        for row in snap.get("documents", []):
            values = decode_row(documents, row, lookup, blobs)
            values.update(owner_type=spec.documents, owner_id=record_id)
            session.execute(insert(documents).values(**values))
    session.flush()
    return record_id
