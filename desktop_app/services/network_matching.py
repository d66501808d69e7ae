"""One network, no double counting: the same institution held by several member states.

A university arrives from each state that holds it, each under the state's own UUID. When a package
brings a university that is the same as one already here, the package import
(``services/package_merge.py`` with the university matcher of ``services/package_matching.py``)
notices it:

- **by ROR id** — certain: the ROR id names one institution worldwide. A database that gathers the
  network's packages links the two at once (``link_certain``; the working group's database does so by
  default), and the decision is kept as an automatic one;
- **by normalised name and country** — ambiguous: two campuses, a renamed institute or a namesake
  may share a name. The match is listed here for the user to confirm, never merged silently.

Confirming links their record to ours (``linked_records``: their references resolve to ours from then
on, and what waited for it is added); rejecting keeps both as different institutions. Either decision
is remembered: the next package from the same state neither asks again nor brings the record back.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from desktop_app.domain.errors import NotFoundError, UserError
from desktop_app.services import package_apply, package_conflicts
from desktop_app.storage.database import Database
from desktop_app.storage.models import PackageConflict, University
from desktop_app.storage.ownership import OWNER_COLUMN

KIND = "university"
REASON = "same-record"
BY_ROR, BY_NAME = "ror_id", "name"
OPEN, SAME, DIFFERENT = "open", "same", "different"


@dataclass(frozen=True)
class Side:
    """One of the two records of a match, as the review shows it."""

    uuid: str
    name: str
    country_code: str
    city: str
    ror_id: str
    owner_state: str | None
    id: int | None = None  # ours only: the university here


@dataclass(frozen=True)
class Match:
    conflict_id: int
    state: str | None  # the state whose package brought their record
    theirs: Side
    ours: Side | None  # None when our record was deleted since
    basis: str  # ror_id | name
    decision: str  # open | same | different
    automatic: bool
    noticed_at: dt.datetime
    decided_at: dt.datetime | None

    def as_json(self) -> dict[str, Any]:
        def side(value: Side | None) -> dict[str, Any] | None:
            if value is None:
                return None
            return {"uuid": value.uuid, "name": value.name, "country": value.country_code, "city": value.city,
                    "ror_id": value.ror_id or None, "owner": value.owner_state, "id": value.id}

        return {"id": self.conflict_id, "state": self.state, "basis": self.basis, "decision": self.decision,
                "automatic": self.automatic, "theirs": side(self.theirs), "ours": side(self.ours),
                "noticed_at": self.noticed_at.isoformat(),
                "decided_at": self.decided_at.isoformat() if self.decided_at else None}


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _decision(row: PackageConflict) -> str:
    if row.status == "open":
        return OPEN
    return SAME if (row.decision or {}).get("record") == "ours" else DIFFERENT


def _theirs(row: PackageConflict) -> Side:
    line, _files = package_apply.unpack(row.theirs)
    root = package_apply.root_row(line)
    return Side(line["uuid"], str(root.get("display_name") or row.label), str(root.get("country_code") or ""),
                str(root.get("city") or ""), str(root.get("ror_id") or ""), root.get(OWNER_COLUMN))


def matches(db: Database, decision: str | None = OPEN, limit: int | None = None) -> list[Match]:
    """Matches of universities: ``open`` (waiting for the user), ``decided`` (remembered decisions,
    the latest first) or None (all)."""
    query = select(PackageConflict).where(PackageConflict.kind == KIND, PackageConflict.reason == REASON)
    if decision == OPEN:
        query = query.where(PackageConflict.status == "open").order_by(PackageConflict.id)
    elif decision == "decided":
        query = query.where(PackageConflict.status != "open").order_by(PackageConflict.resolved_at.desc(),
                                                                       PackageConflict.id.desc())
    else:
        query = query.order_by(PackageConflict.id)
    if limit is not None:
        query = query.limit(limit)
    with db.reading() as session:
        return _matches(session, list(session.execute(query).scalars()))


def match(db: Database, conflict_id: int) -> Match:
    with db.reading() as session:
        row = session.get(PackageConflict, conflict_id)
        if row is None or row.kind != KIND or row.reason != REASON:
            raise NotFoundError("There is no institution match {id} to decide.", id=conflict_id)
        return _matches(session, [row])[0]


def _matches(session, rows: list[PackageConflict]) -> list[Match]:
    local_uuids = {row.local_uuid for row in rows if row.local_uuid}
    ours: dict[str, Side] = {}
    uuids = sorted(local_uuids)
    for start in range(0, len(uuids), 500):
        query = select(University).where(University.uuid.in_(uuids[start:start + 500]))
        for found in session.execute(query).scalars():
            ours[found.uuid] = Side(found.uuid, found.display_name, found.country_code, found.city or "",
                                   found.ror_id or "", getattr(found, OWNER_COLUMN), found.id)
    result = []
    for row in rows:
        theirs = _theirs(row)
        local = ours.get(row.local_uuid or "")
        basis = BY_ROR if theirs.ror_id and local is not None and theirs.ror_id == local.ror_id else BY_NAME
        result.append(Match(row.id, row.state_code, theirs, local, basis, _decision(row),
                            bool((row.decision or {}).get("automatic")),
                            _utc(row.created_at) or dt.datetime.now(dt.UTC), _utc(row.resolved_at)))
    return result


def open_count(db: Database) -> int:
    from sqlalchemy import func

    with db.reading() as session:
        return int(session.execute(select(func.count()).select_from(PackageConflict).where(
            PackageConflict.kind == KIND, PackageConflict.reason == REASON,
            PackageConflict.status == "open")).scalar_one())


def _open_match(db: Database, conflict_id: int) -> Match:
    found = match(db, conflict_id)
    if found.decision != OPEN:
        raise UserError("The institution match {id} was already decided.", id=conflict_id)
    return found


def confirm(db: Database, conflict_id: int) -> Match:
    """The same institution: link their record to ours (one transaction)."""
    _open_match(db, conflict_id)
    package_conflicts.resolve(db, conflict_id, take="ours")
    return match(db, conflict_id)


def reject(db: Database, conflict_id: int) -> Match:
    """Different institutions: keep both (their record is added as it is; one transaction)."""
    _open_match(db, conflict_id)
    package_conflicts.resolve(db, conflict_id, take="theirs")
    return match(db, conflict_id)


def confirm_by_ror(db: Database) -> int:
    """Link every open match whose two records have the same ROR id, in one transaction (a national
    database asks about those too; its coordinator may accept them all at once)."""
    certain = [m.conflict_id for m in matches(db) if m.basis == BY_ROR]
    with db.transaction(changes={"universities", "exchange"}):
        for conflict_id in certain:
            package_conflicts.resolve(db, conflict_id, take="ours")
    return len(certain)
