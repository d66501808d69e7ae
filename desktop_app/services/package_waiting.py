"""Records that waited for another: a package line that referred to a record not here yet is kept as an
open conflict and added by itself once that record arrives — at the end of an import, or when the user
decides a conflict that brings it.

Kept apart from the merge because it runs after it, and after a conflict is decided
(``package_conflicts.resolve``), over the stored conflicts rather than a package.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.services import package_apply, package_fields
from desktop_app.services.package_merge_types import MergeResult, RecordNote
from desktop_app.storage import package_rows
from desktop_app.storage.models import PackageConflict


def retry_waiting(session: Session, package_id: int | None, result: MergeResult | None = None) -> None:
    """Add the records that waited for a record which is here now.

    A record may wait for another that itself waited (a scholarship for a mobility that waited for its
    university), so the pass repeats until one adds nothing: the outcome never depends on row order.
    """
    while _retry_waiting_once(session, package_id, result):
        pass


def _retry_waiting_once(session: Session, package_id: int | None, result: MergeResult | None) -> bool:
    rows = list(session.execute(select(PackageConflict).where(PackageConflict.reason == "missing-reference",
                                                              PackageConflict.status == "open")
                                .order_by(PackageConflict.id)).scalars())
    linked = package_apply.links(session)
    added = False
    for row in rows:
        line, files = package_apply.unpack(row.theirs)
        line = package_apply.localize(line, linked)
        lookup = package_rows.Lookup(session)
        if package_rows.roots_by_uuid(session, row.kind, [row.uuid]):
            row.status, row.decision = "resolved", {"record": "theirs", "automatic": True}
            continue
        package_rows.prefetch_references(row.kind, [line], lookup)
        if package_rows.missing_references(row.kind, line, lookup):
            continue
        personal = bool((row.detail or {}).get("personal"))
        if not personal:
            package_fields.refresh_search_text(line)
        if package_apply.insert_new(session, row.kind, [line], files, lookup):
            continue
        package_apply.save_bases(session, row.kind, [(line["uuid"], *package_rows.fingerprints(line, personal))],
                                 row.state_code, row.package_id)
        row.status, row.decision = "resolved", {"record": "theirs", "automatic": True}
        row.resolved_at = dt.datetime.now(dt.UTC)
        added = True
        if result is not None and row.kind in result.kinds:
            counts = result.kinds[row.kind]
            if row.package_id == package_id:
                counts.conflicts -= 1
                counts.notes = [n for n in counts.notes if n.uuid != row.uuid]
            counts.add("new", RecordNote(row.kind, row.uuid, row.label, "new"))
        session.flush()  # the next record of this pass may refer to this one
    session.flush()
    return added
