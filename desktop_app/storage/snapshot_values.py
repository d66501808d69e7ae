"""Values of snapshot rows: stored column values as JSON-able data, and integer keys as UUIDs, both ways.

Kept apart from the snapshot's structure because the data package encodes and decodes rows the same way
(``package_rows.py``) without taking whole snapshots: a row's foreign keys travel as ``<name>_uuid``,
dates and times as ISO 8601 (UTC), binary columns as the SHA-256 of their bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Column, Date, DateTime, LargeBinary, Table, select
from sqlalchemy.orm import Session

from desktop_app.domain.errors import ConflictError, NotFoundError
from desktop_app.storage.snapshot_schema import _skipped, _uuid_reference, ref_key


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
