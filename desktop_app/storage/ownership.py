"""Which member state owns a record: the ``owner_state`` column of every kind's root table.

Every kind of record registered in ``record_kinds.py`` gets the column here, when it registers, so a
kind added later carries its owner without anyone listing tables (its migration adds the column to
the database; ``tests/storage/test_ownership.py`` says so when it is missing). The owner is the member
state whose coordinator created the record; ``None`` means the network's own records: the reference
data every database starts with (the road map, the default credit conversions) and whatever a
working-group database creates.

A record created here gets this database's member state without the areas' services knowing: the
column's default reads it from ``database_identity`` (once per engine, then remembered), for ORM and
Core inserts alike. A package import writes the owner the record travelled with instead.
"""

from __future__ import annotations

import weakref

from sqlalchemy import Column, String, Table

OWNER_COLUMN = "owner_state"
IDENTITY_TABLE = "database_identity"

_identity: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # engine -> member state or None


def _owner_default(context) -> str | None:
    connection = context.connection
    engine = connection.engine
    if engine not in _identity:
        # The identity table is created by the same migration that adds the owner column, so it exists
        # whenever this default can run.
        _identity[engine] = connection.exec_driver_sql(
            f"SELECT state_code FROM {IDENTITY_TABLE} WHERE id = 1").scalar()
    return _identity[engine]


def forget_identity(engine) -> None:
    """The identity of this database changed: the next insert reads it again."""
    _identity.pop(engine, None)


def add_owner_column(table: Table) -> None:
    """Give a kind's root table its owner column (and its mapped class the attribute), once."""
    if OWNER_COLUMN in table.c:
        return
    column = Column(OWNER_COLUMN, String(2), default=_owner_default, nullable=True, index=True)
    table.append_column(column)
    from desktop_app.storage.base import Base

    for mapper in Base.registry.mappers:
        if mapper.local_table is table and OWNER_COLUMN not in mapper.attrs:
            mapper.add_property(OWNER_COLUMN, column)


def is_personal(column) -> bool:
    """Columns marked ``info={"personal": True}`` hold personal data; ``{"derived_from_personal": True}``
    marks text folded from it (a search text): both are left out of a package without personal data."""
    return bool(column.info.get("personal") or column.info.get("derived_from_personal"))


def is_personal_table(table: Table) -> bool:
    """A table whose rows are personal data as a whole (scans of a holder's documents)."""
    return bool(table.info.get("personal"))
