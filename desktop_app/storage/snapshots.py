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
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy import Column, Date, DateTime, LargeBinary, Table, delete, insert, select, update
from sqlalchemy.orm import Session

from desktop_app.domain.contract import Snapshot
from desktop_app.domain.errors import ConflictError, NotFoundError
from desktop_app.storage.base import Base

FORMAT = 1
DOCUMENTS_TABLE = "attached_documents"


@dataclass(frozen=True)
class RecordKind:
    """A kind of record that stands on its own: deleted, restored and exchanged as one piece."""

    kind: str  # "university"
    table: str  # "universities"
    documents: str | None = None  # owner_type of its rows in attached_documents


KINDS: dict[str, RecordKind] = {}


def register(*kinds: RecordKind) -> None:
    """Register kinds of record; each root table gets its owner column (``storage/ownership.py``)."""
    from desktop_app.storage.ownership import add_owner_column

    for kind in kinds:
        KINDS[kind.kind] = kind
        add_owner_column(_table(kind.table))
    _structure.cache_clear()


def kind_of_table(table_name: str) -> RecordKind | None:
    return next((kind for kind in KINDS.values() if kind.table == table_name), None)


# --- the schema, read once -------------------------------------------------------------------------

def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def has_uuid(table: Table) -> bool:
    return "uuid" in table.c


def ref_key(column_name: str) -> str:
    """The name a foreign key travels under: ``university_id`` -> ``university_uuid``."""
    return column_name[:-3] + "_uuid" if column_name.endswith("_id") else column_name + "_uuid"


def _uuid_reference(column: Column) -> Table | None:
    """The table a column points at by integer key, when that table has UUIDs (else None)."""
    for foreign_key in column.foreign_keys:
        target = foreign_key.column
        if target.name == "id" and has_uuid(target.table):
            return target.table
    return None


def _skipped(table: Table, column: Column) -> bool:
    """Integer keys stay home: a table's own autoincrement ``id`` is never written."""
    return column.name == "id" and column.primary_key and not column.foreign_keys


@dataclass(frozen=True)
class _Reference:
    table: str  # the referencing table
    column: str  # its foreign-key column
    target: str  # the table referred to
    ondelete: str  # CASCADE, SET NULL, or RESTRICT (also for NO ACTION / unspecified)


@cache
def _structure() -> dict[str, list[_Reference]]:
    """For every table, the foreign keys that point at it."""
    pointing: dict[str, list[_Reference]] = {name: [] for name in Base.metadata.tables}
    for table in Base.metadata.tables.values():
        for column in table.columns:
            for foreign_key in column.foreign_keys:
                rule = (foreign_key.ondelete or "RESTRICT").upper()
                rule = "RESTRICT" if rule == "NO ACTION" else rule
                pointing[foreign_key.column.table.name].append(
                    _Reference(table.name, column.name, foreign_key.column.table.name, rule))
    return pointing


def _owned_tables(root_table: str) -> list[_Reference]:
    """Cascade references from the root down to every table it owns (not into other kinds' roots)."""
    roots = {kind.table for kind in KINDS.values()}
    found: list[_Reference] = []
    queue = [root_table]
    seen = {root_table}
    while queue:
        parent = queue.pop(0)
        for reference in _structure()[parent]:
            if reference.ondelete != "CASCADE" or reference.table in roots:
                continue
            found.append(reference)
            if reference.table not in seen:
                seen.add(reference.table)
                queue.append(reference.table)
    return found


def owner_kind_of(table_name: str) -> str | None:
    """The kind of record a table's rows belong to (its own kind for a root table)."""
    direct = kind_of_table(table_name)
    if direct is not None:
        return direct.kind
    for kind in KINDS.values():
        if any(reference.table == table_name for reference in _owned_tables(kind.table)):
            return kind.kind
    return None


# --- values ----------------------------------------------------------------------------------------

def _utc(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:  # SQLite keeps times without their zone; they are written in UTC
        return value.replace(tzinfo=dt.UTC)
    return value.astimezone(dt.UTC)


def _encode_value(column: Column, value: Any, blobs: dict[str, bytes]) -> Any:
    if value is None:
        return None
    if isinstance(column.type, LargeBinary):
        data = bytes(value)
        digest = hashlib.sha256(data).hexdigest()
        blobs[digest] = data
        return digest
    if isinstance(value, dt.datetime):
        return _utc(value).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _decode_value(column: Column, value: Any, blobs: dict[str, bytes]) -> Any:
    if value is None:
        return None
    if isinstance(column.type, LargeBinary):
        try:
            return blobs[value]
        except KeyError:
            raise ConflictError("The file with checksum {sha256} is missing from the data.", sha256=value) from None
    if isinstance(column.type, DateTime):
        parsed = dt.datetime.fromisoformat(value)
        return _utc(parsed)
    if isinstance(column.type, Date):
        return dt.date.fromisoformat(value)
    return value


class _UuidLookup:
    """Integer key <-> UUID for rows referred to, asked of the database in batches and remembered."""

    def __init__(self, session: Session):
        self.session = session
        self.to_uuid: dict[str, dict[int, str]] = {}
        self.to_id: dict[str, dict[str, int]] = {}

    def uuids(self, table: Table, ids: Iterable[int]) -> dict[int, str]:
        known = self.to_uuid.setdefault(table.name, {})
        missing = sorted({i for i in ids if i is not None and i not in known})
        for start in range(0, len(missing), 500):
            chunk = missing[start:start + 500]
            for row_id, row_uuid in self.session.execute(select(table.c.id, table.c.uuid).where(table.c.id.in_(chunk))):
                known[row_id] = row_uuid
                self.to_id.setdefault(table.name, {})[row_uuid] = row_id
        return known

    def id_of(self, table: Table, row_uuid: str) -> int | None:
        known = self.to_id.setdefault(table.name, {})
        if row_uuid not in known:
            found = self.session.execute(select(table.c.id).where(table.c.uuid == row_uuid)).scalar_one_or_none()
            if found is None:
                return None
            known[row_uuid] = found
        return known[row_uuid]

    def remember(self, table: Table, row_uuid: str, row_id: int) -> None:
        self.to_id.setdefault(table.name, {})[row_uuid] = row_id
        self.to_uuid.setdefault(table.name, {})[row_id] = row_uuid


def encode_rows(table: Table, rows: list[dict[str, Any]], lookup: _UuidLookup,
                blobs: dict[str, bytes]) -> list[dict[str, Any]]:
    """Database rows (column -> value) as snapshot rows (foreign keys as UUIDs, values as JSON)."""
    references = {column.name: target for column in table.columns
                  if (target := _uuid_reference(column)) is not None}
    uuid_maps = {name: lookup.uuids(target, (row[name] for row in rows)) for name, target in references.items()}
    encoded = []
    for row in rows:
        out: dict[str, Any] = {}
        for column in table.columns:
            if _skipped(table, column):
                continue
            value = row[column.name]
            if column.name in references:
                out[ref_key(column.name)] = uuid_maps[column.name].get(value) if value is not None else None
            else:
                out[column.name] = _encode_value(column, value, blobs)
        encoded.append(out)
    return encoded


def decode_row(table: Table, row: dict[str, Any], lookup: _UuidLookup, blobs: dict[str, bytes],
               *, missing_is_error: bool = True) -> dict[str, Any]:
    """A snapshot row as values to insert (UUID references resolved to this database's integer keys)."""
    values: dict[str, Any] = {}
    for column in table.columns:
        if _skipped(table, column):
            continue
        target = _uuid_reference(column)
        if target is not None:
            reference = row.get(ref_key(column.name))
            if reference is None:
                values[column.name] = None
                continue
            found = lookup.id_of(target, reference)
            if found is None and missing_is_error:
                raise NotFoundError("A record this one refers to is not in the database ({table} {uuid}).",
                                    table=target.name, uuid=reference)
            values[column.name] = found
        elif column.name in row:
            values[column.name] = _decode_value(column, row[column.name], blobs)
    return values


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


# --- delete and restore ----------------------------------------------------------------------------

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


def _structure_by_source(table_name: str, column: str) -> list[_Reference]:
    return [reference for references in _structure().values() for reference in references
            if reference.table == table_name and reference.column == column]


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
