"""The schema as snapshots read it: which kinds of record stand on their own, and what each one owns.

Kept apart from taking and restoring snapshots because everything that moves whole records — snapshots,
tombstones, the data package's rows and merge — asks the same questions of the schema (which table is a
kind's root, which foreign keys cascade, under which name a reference travels) without touching rows.
The answers come from the foreign keys' ``ondelete`` rules, read once and cached.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sqlalchemy import Column, Table

from desktop_app.storage.base import Base

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


def _structure_by_source(table_name: str, column: str) -> list[_Reference]:
    return [reference for references in _structure().values() for reference in references
            if reference.table == table_name and reference.column == column]
