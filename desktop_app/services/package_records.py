"""What a data package carries, read from the database as one consistent picture.

A state's package holds the records it owns and the network's (owner none: the reference data every
database starts with and what the working group created), and the deletions of those records; with
``everything`` (a working-group database sending the whole network) the records of every owner.
``since`` keeps only what changed at or after that time: a record counts as changed when it or any
row it owns has a later time of change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from desktop_app.services import exchange_identity
from desktop_app.services.package_apply import blob_keys
from desktop_app.storage import package_rows
from desktop_app.storage.database import Database
from desktop_app.storage.models import DeletedRecord
from desktop_app.storage.ownership import OWNER_COLUMN


class ExportReader:
    def __init__(self, session: Session, state: str | None, since: dt.datetime | None, everything: bool,
                 personal: bool):
        self.session = session
        self.state = state
        self.since = since
        self.everything = everything
        self.personal = personal
        self.kinds = package_rows.kind_order()

    def _owned(self, column):
        if self.everything:
            return None
        return or_(column.is_(None), column == self.state) if self.state else column.is_(None)

    def condition(self, kind: str):
        root = package_rows.layout(kind).root
        changed = package_rows.changed_since(kind, self.since) if self.since else None
        conditions = [c for c in (self._owned(root.c[OWNER_COLUMN]), changed) if c is not None]
        return and_(*conditions) if conditions else None

    def count(self, kind: str) -> int:
        root = package_rows.layout(kind).root
        query = select(func.count()).select_from(root)
        condition = self.condition(kind)
        if condition is not None:
            query = query.where(condition)
        return int(self.session.execute(query).scalar_one())

    def lines(self, kind: str) -> Iterator[tuple[list[dict[str, Any]], dict[str, bytes]]]:
        """The kind's records, a chunk of lines at a time (in UUID order) with the files they hold."""
        for lines, blobs in package_rows.iter_lines(self.session, kind, self.condition(kind)):
            if not self.personal:
                lines = [package_rows.strip_personal(line) for line in lines]
                used = set()
                for line in lines:
                    used |= blob_keys(line)
                blobs = {key: value for key, value in blobs.items() if key in used}
            yield lines, blobs

    def tombstones(self) -> Iterator[dict[str, Any]]:
        query = select(DeletedRecord).order_by(DeletedRecord.uuid)
        owned = self._owned(DeletedRecord.owner_state)
        if owned is not None:
            query = query.where(owned)
        if self.since is not None:
            query = query.where(DeletedRecord.deleted_at >= self.since)
        for row in self.session.execute(query).scalars():
            when = row.deleted_at if row.deleted_at.tzinfo else row.deleted_at.replace(tzinfo=dt.UTC)
            yield {"kind": row.kind, "uuid": row.uuid, "owner": row.owner_state,
                   "deleted_at": when.astimezone(dt.UTC).isoformat()}


@contextmanager
def export_reader(db: Database, *, since: dt.datetime | None = None, everything: bool = False,
                  personal: bool = False) -> Iterator[ExportReader]:
    """One read transaction for the whole package, so what it holds is one moment's state (on PostgreSQL
    at repeatable read: rows committed meanwhile by others are not seen halfway)."""
    state = exchange_identity.identity(db).state_code
    with db.reading(one_moment=True) as session:
        yield ExportReader(session, state, since, everything, personal)
