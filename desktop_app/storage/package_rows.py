"""Records of a kind as lines of a data package, read and written in bulk.

A *line* is a record's snapshot (``snapshots.py``) as it travels: ``{"kind", "uuid", "rows",
"documents"}`` — no integer key, no nested dependents (each kind travels in its own file) and no
``links`` (a reference travels with the record that holds it). What a kind owns is read from the
schema exactly as snapshots read it, so a kind registered in ``record_kinds.py`` travels without
being named here.

Snapshots read one record at a time; here a chunk of records is read with one query per owned table
(and written with one ``executemany`` per table), so exporting or importing a million records costs
a few thousand statements and memory stays flat: UUIDs looked up for one chunk are forgotten before
the next.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Table,
    Text,
    insert,
    or_,
    select,
)
from sqlalchemy.orm import Session

from desktop_app.storage import snapshot_schema, snapshot_values, snapshots
from desktop_app.storage.base import Base
from desktop_app.storage.ownership import OWNER_COLUMN, is_personal, is_personal_table

CHUNK = 1000
Row = Any  # a row as stored: SQLAlchemy's RowMapping (read by column name, like a dict)
_IN = 500  # values per IN (...) list
VOLATILE = "updated_at"  # when a row last changed: travels, but two equal records may differ in it


_CANONICAL = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def dumps(value: Any) -> str:
    """Canonical JSON: sorted keys, no spaces, UTF-8 text as is — equal data, equal bytes."""
    return _CANONICAL.encode(value)


# --- the shape of a kind --------------------------------------------------------------------------

@dataclass(frozen=True)
class Layout:
    kind: str
    root: Table
    tables: tuple[Table, ...]  # root first, then what it owns, parents before children
    owned: tuple[snapshot_schema._Reference, ...]  # cascade references from the root down
    parent: Mapping[str, snapshot_schema._Reference]  # owned table -> the reference to its parent
    documents: str | None

    @property
    def names(self) -> frozenset[str]:
        return frozenset(table.name for table in self.tables)


@cache
def layout(kind: str) -> Layout:
    spec = snapshot_schema.KINDS[kind]
    root = snapshot_schema._table(spec.table)
    owned = tuple(snapshot_schema._owned_tables(root.name))
    parent: dict[str, snapshot_schema._Reference] = {}
    for reference in owned:
        parent.setdefault(reference.table, reference)
    names = {root.name} | set(parent)
    tables = tuple(table for table in Base.metadata.sorted_tables if table.name in names)
    return Layout(kind, root, tables, owned, parent, spec.documents)


def kind_order() -> list[str]:
    """Kinds in the order they can be inserted: a kind after every kind its rows refer to."""
    kinds = list(snapshot_schema.KINDS)
    owner_of = {table.name: kind for kind in kinds for table in layout(kind).tables}
    needs: dict[str, set[str]] = {}
    for kind in kinds:
        needs[kind] = {owner_of[fk.column.table.name] for table in layout(kind).tables for fk in table.foreign_keys
                       if fk.column.table.name in owner_of and owner_of[fk.column.table.name] != kind}
    ordered: list[str] = []
    while len(ordered) < len(kinds):
        ready = [k for k in kinds if k not in ordered and needs[k] <= set(ordered)]
        if not ready:  # a cycle between kinds: keep registration order for the rest
            ready = [k for k in kinds if k not in ordered][:1]
        ordered += ready
    return ordered


@cache
def personal_columns(table_name: str) -> frozenset[str]:
    return frozenset(c.name for c in snapshot_schema._table(table_name).columns if is_personal(c))


def personal_tables(kind: str) -> frozenset[str]:
    return frozenset(t.name for t in layout(kind).tables if is_personal_table(t))


def has_personal_data(kind: str) -> bool:
    return any(is_personal_table(t) or personal_columns(t.name) for t in layout(kind).tables)


def strip_personal(line: dict[str, Any]) -> dict[str, Any]:
    """The line without personal data: personal tables dropped, personal columns left out."""
    kept = personal_tables(line["kind"])
    rows: dict[str, list] = {}
    for name, table_rows in line["rows"].items():
        if name in kept:
            continue
        hidden = personal_columns(name)
        rows[name] = [{k: v for k, v in row.items() if k not in hidden} for row in table_rows] if hidden else table_rows
    return {**line, "rows": rows}


def comparable(line: dict[str, Any]) -> dict[str, Any]:
    """What two copies of a record must agree on: everything but the time each row last changed."""
    def plain(rows: list[dict]) -> list[dict]:
        return [{k: v for k, v in row.items() if k != VOLATILE} for row in rows]

    out = {"kind": line["kind"], "uuid": line["uuid"],
           "rows": {name: plain(rows) for name, rows in line["rows"].items() if rows}}
    if line.get("documents"):
        out["documents"] = plain(line["documents"])
    return out


def fingerprint(line: dict[str, Any]) -> str:
    return hashlib.sha256(dumps(comparable(line)).encode("utf-8")).hexdigest()


def fingerprints(line: dict[str, Any], with_personal: bool) -> tuple[str, str | None]:
    """(without personal data, with it — or None when the line does not carry it)."""
    public = fingerprint(strip_personal(line)) if has_personal_data(line["kind"]) else None
    if not with_personal:
        return public or fingerprint(line), None
    full = fingerprint(line)
    return public or full, full


def _ordered(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    if len(rows) < 2:
        return rows
    return sorted(rows, key=lambda row: row.get("uuid") or dumps(row))


# --- UUIDs, in bulk ---------------------------------------------------------------------------------

class Lookup(snapshot_values._UuidLookup):
    """Integer keys and UUIDs asked for a whole chunk at once; forgotten per table between chunks."""

    def prefetch(self, table: Table, uuids: Iterable[str]) -> None:
        known = self.to_id.setdefault(table.name, {})
        missing = sorted({u for u in uuids if u is not None and u not in known})
        for start in range(0, len(missing), _IN):
            chunk = missing[start:start + _IN]
            query = select(table.c.id, table.c.uuid).where(table.c.uuid.in_(chunk))
            for row_id, row_uuid in self.session.execute(query):
                self.remember(table, row_uuid, row_id)

    def known_id(self, table: Table, row_uuid: str) -> int | None:
        return self.to_id.get(table.name, {}).get(row_uuid)

    def forget(self, tables: Iterable[Table]) -> None:
        for table in tables:
            self.to_id.pop(table.name, None)
            self.to_uuid.pop(table.name, None)


def uuid_targets(table: Table) -> dict[str, Table]:
    """Foreign-key columns that travel as UUIDs: column name -> the table referred to."""
    return {c.name: target for c in table.columns if (target := snapshot_schema._uuid_reference(c)) is not None}


# --- reading ------------------------------------------------------------------------------------------

def uuid_order(table: Table, session: Session):
    """UUIDs sorted by their bytes on every engine (PostgreSQL would otherwise use its collation)."""
    column = table.c.uuid
    return column.collate("C") if session.get_bind().dialect.name == "postgresql" else column


def _select_in(session: Session, table: Table, column: str, values: list) -> list[Row]:
    rows: list[Row] = []
    for start in range(0, len(values), _IN):
        chunk = values[start:start + _IN]
        rows += session.execute(select(table).where(table.c[column].in_(chunk))).mappings().all()
    return rows


@cache
def _plan(table_name: str) -> tuple[tuple[str, ...], tuple[tuple[str, str, str, Table | None], ...]]:
    """How a table's rows are written: columns copied as they are, and the others with how
    (``ref``: integer key -> UUID under ``<name>_uuid``; ``time``, ``date``, ``blob``)."""
    table = snapshot_schema._table(table_name)
    plain: list[str] = []
    special: list[tuple[str, str, str, Table | None]] = []
    for column in table.columns:
        if snapshot_schema._skipped(table, column):
            continue
        target = snapshot_schema._uuid_reference(column)
        if target is not None:
            special.append((column.name, snapshot_schema.ref_key(column.name), "ref", target))
        elif isinstance(column.type, LargeBinary):
            special.append((column.name, column.name, "blob", None))
        elif isinstance(column.type, DateTime):
            special.append((column.name, column.name, "time", None))
        elif isinstance(column.type, Date):
            special.append((column.name, column.name, "date", None))
        else:
            plain.append(column.name)
    return tuple(plain), tuple(special)


def _time_text(value: dt.datetime) -> str:
    if value.tzinfo is None:  # SQLite keeps times without their zone; they are written in UTC
        return value.isoformat() + "+00:00"
    return value.astimezone(dt.UTC).isoformat()


def encode_rows(table: Table, rows: Sequence[Row], lookup: Lookup, blobs: dict[str, bytes]) -> list[dict]:
    """``snapshot_values.encode_rows``, planned once per table (the same values; a million rows a minute faster)."""
    plain, special = _plan(table.name)
    uuid_maps = {name: lookup.uuids(target, (row[name] for row in rows))
                 for name, _key, how, target in special if how == "ref" and target is not None}
    copied = itemgetter(*plain) if len(plain) > 1 else (lambda row: (row[plain[0]],)) if plain else (lambda row: ())
    encoded = []
    for row in rows:
        out = dict(zip(plain, copied(row), strict=True))
        for name, key, how, _target in special:
            value = row[name]
            if value is None:
                out[key] = None
            elif how == "ref":
                out[key] = uuid_maps[name].get(value)
            elif how == "time":
                out[key] = _time_text(value)
            elif how == "date":
                out[key] = value.isoformat()
            else:
                data = bytes(value)
                digest = hashlib.sha256(data).hexdigest()
                blobs[digest] = data
                out[key] = digest
        encoded.append(out)
    return encoded


def read_lines(session: Session, kind: str, root_rows: Sequence[Row], lookup: Lookup,
               blobs: dict[str, bytes]) -> list[dict[str, Any]]:
    """The lines of the given records (root rows as stored), in the same order; binary values go to
    ``blobs`` by SHA-256."""
    shape = layout(kind)
    for row in root_rows:  # the owned rows refer to these: no need to ask the database for their UUIDs
        lookup.remember(shape.root, row["uuid"], row["id"])
    owner_of_id: dict[str, dict[int, int]] = {shape.root.name: {row["id"]: row["id"] for row in root_rows}}
    collected: dict[str, dict[tuple, tuple[int, Row]]] = {}
    queue = [(shape.root.name, [row["id"] for row in root_rows])]
    while queue:
        parent, ids = queue.pop(0)
        for reference in shape.owned:
            if reference.target != parent or not ids:
                continue
            child = snapshot_schema._table(reference.table)
            bucket = collected.setdefault(child.name, {})
            fresh = []
            for row in _select_in(session, child, reference.column, ids):
                key = snapshots._row_key(child, row)
                if key in bucket:
                    continue
                root_id = owner_of_id[parent][row[reference.column]]
                bucket[key] = (root_id, row)
                if "id" in child.c:
                    owner_of_id.setdefault(child.name, {})[row["id"]] = root_id
                    fresh.append(row["id"])
            if fresh:
                queue.append((child.name, fresh))
    lines = {row["id"]: {"kind": kind, "uuid": row["uuid"], "rows": {}} for row in root_rows}
    for row, encoded in zip(root_rows, encode_rows(shape.root, root_rows, lookup, blobs), strict=True):
        lines[row["id"]]["rows"][shape.root.name] = [encoded]
    for table in shape.tables[1:]:
        found = sorted(collected.get(table.name, {}).items())
        if not found:
            continue
        encoded_rows = encode_rows(table, [row for _key, (_root, row) in found], lookup, blobs)
        for (_key, (root_id, _row)), encoded in zip(found, encoded_rows, strict=True):
            lines[root_id]["rows"].setdefault(table.name, []).append(encoded)
    if shape.documents:
        documents = snapshot_schema._table(snapshot_schema.DOCUMENTS_TABLE)
        ids = list(lines)
        for start in range(0, len(ids), _IN):
            rows = session.execute(
                select(documents).where(documents.c.owner_type == shape.documents,
                                        documents.c.owner_id.in_(ids[start:start + _IN])).order_by(documents.c.id)
            ).mappings().all()
            for row, encoded in zip(rows, encode_rows(documents, rows, lookup, blobs), strict=True):
                encoded.pop("owner_id", None)
                encoded.pop("owner_type", None)
                lines[row["owner_id"]].setdefault("documents", []).append(encoded)
    result = []
    for row in root_rows:
        line = lines[row["id"]]
        line["rows"] = {name: _ordered(rows) for name, rows in line["rows"].items()}
        if "documents" in line:
            line["documents"] = _ordered(line["documents"])
        result.append(line)
    lookup.forget(shape.tables)
    return result


def iter_lines(session: Session, kind: str, condition=None, chunk: int = CHUNK
               ) -> Iterator[tuple[list[dict[str, Any]], dict[str, bytes]]]:
    """Every record of ``kind`` (matching ``condition`` on its root table), in UUID order, a chunk of
    lines at a time with the files they hold."""
    shape = layout(kind)
    lookup = Lookup(session)
    order = uuid_order(shape.root, session)
    after: str | None = None
    while True:
        query = select(shape.root).order_by(order).limit(chunk)
        if condition is not None:
            query = query.where(condition)
        if after is not None:
            query = query.where(order > after)
        root_rows = session.execute(query).mappings().all()
        if not root_rows:
            return
        blobs: dict[str, bytes] = {}
        yield read_lines(session, kind, root_rows, lookup, blobs), blobs
        after = root_rows[-1]["uuid"]


def roots_by_uuid(session: Session, kind: str, uuids: list[str]) -> dict[str, Row]:
    root = layout(kind).root
    return {row["uuid"]: row for row in _select_in(session, root, "uuid", uuids)}


def changed_since(kind: str, since):
    """A condition on the kind's root table: the record or anything it owns changed at or after ``since``."""
    shape = layout(kind)
    conditions = [shape.root.c.updated_at >= since] if VOLATILE in shape.root.c else []
    for table in shape.tables[1:]:
        if VOLATILE not in table.c:
            continue  # rows without a time of their own (links such as areas) count through their record
        reference = shape.parent[table.name]
        ids = select(table.c[reference.column]).where(table.c.updated_at >= since)
        while reference.target != shape.root.name:
            parent = snapshot_schema._table(reference.target)
            reference = shape.parent[parent.name]
            ids = select(parent.c[reference.column]).where(parent.c.id.in_(ids))
        conditions.append(shape.root.c.id.in_(ids))
    return or_(*conditions) if conditions else None


# --- writing ------------------------------------------------------------------------------------------

def missing_value(column) -> Any:
    """The value of a column a line does not carry (personal data left out, or an older package)."""
    default = column.default
    if default is not None and column.name != OWNER_COLUMN:
        if default.is_scalar:
            return default.arg
        if default.is_callable:
            return default.arg(None)
    if column.nullable:
        return None
    kind = column.type
    if isinstance(kind, String | Text):
        return ""
    if isinstance(kind, Boolean):
        return False
    if isinstance(kind, Integer | Float | Numeric):
        return 0
    if isinstance(kind, JSON):
        return {}
    if isinstance(kind, LargeBinary):
        return b""
    return None


def outside_references(kind: str, line: dict[str, Any]) -> Iterator[tuple[Table, str]]:
    """The records a line refers to outside itself: (table, uuid)."""
    shape = layout(kind)
    names = shape.names
    for table in shape.tables:
        targets = {column: target for column, target in uuid_targets(table).items() if target.name not in names}
        if not targets:
            continue
        for row in line["rows"].get(table.name, ()):
            for column, target in targets.items():
                value = row.get(snapshot_schema.ref_key(column))
                if value is not None:
                    yield target, value


def prefetch_references(kind: str, lines: Iterable[dict[str, Any]], lookup: Lookup) -> None:
    wanted: dict[str, tuple[Table, set[str]]] = {}
    for line in lines:
        for target, value in outside_references(kind, line):
            wanted.setdefault(target.name, (target, set()))[1].add(value)
    for target, values in wanted.values():
        lookup.prefetch(target, values)


def missing_references(kind: str, line: dict[str, Any], lookup: Lookup) -> list[tuple[str, str]]:
    """(table, uuid) of every record the line refers to that is not in the database (after prefetch)."""
    return sorted({(target.name, value) for target, value in outside_references(kind, line)
                   if lookup.known_id(target, value) is None})


def _values(table: Table, rows: list[dict[str, Any]], lookup: Lookup, blobs: Mapping[str, bytes]) -> list[dict]:
    decoded = [snapshot_values.decode_row(table, row, lookup, blobs) for row in rows]  # type: ignore[arg-type]
    keys = {key for values in decoded for key in values}
    fill = {column.name: missing_value(column) for column in table.columns
            if column.name not in keys and not snapshot_schema._skipped(table, column) and column.name != OWNER_COLUMN}
    for values in decoded:
        for key in keys - values.keys():
            values[key] = missing_value(table.c[key])
        values.update(fill)
    return decoded


def insert_lines(session: Session, kind: str, lines: list[dict[str, Any]], blobs: Mapping[str, bytes],
                 lookup: Lookup) -> None:
    """Insert new records (their references already found by :func:`prefetch_references`)."""
    shape = layout(kind)
    if not lines:
        return
    parents = {reference.target for reference in shape.owned}
    for table in shape.tables:
        rows = [row for line in lines for row in line["rows"].get(table.name, ())]
        if not rows:
            continue
        session.execute(insert(table), _values(table, rows, lookup, blobs))
        needed = table.name in parents or (table is shape.root and any(line.get("documents") for line in lines))
        if needed and snapshot_schema.has_uuid(table):
            lookup.prefetch(table, [row["uuid"] for row in rows])
    if shape.documents:
        documents = snapshot_schema._table(snapshot_schema.DOCUMENTS_TABLE)
        values = []
        for line in lines:
            owner_id = lookup.known_id(shape.root, line["uuid"])
            for row in line.get("documents", ()):
                values += [{**decoded, "owner_type": shape.documents, "owner_id": owner_id}
                           for decoded in _values(documents, [row], lookup, blobs)]
        if values:
            session.execute(insert(documents), values)
    lookup.forget(shape.tables)


def to_snapshot(line: dict[str, Any]) -> dict[str, Any]:
    """A line in the shape ``snapshot_restore.replace`` and ``snapshot_restore.restore`` take."""
    return {"format": snapshots.FORMAT, "kind": line["kind"], "uuid": line["uuid"], "local_id": None,
            "rows": line["rows"], "documents": line.get("documents", []), "dependents": [], "links": []}
