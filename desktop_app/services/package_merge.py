"""Importing a data package: every record compared three ways and applied, in one transaction.

For each record of the package (each kind in the order its references need), with *base* the record as
last received from a package (``sync_records``):

- not here: **new** — unless it was deleted here (a conflict when they changed it since), it is the
  same as a record here under another UUID (by a unique column such as a ROR id, or — for universities
  — by name and country: a conflict, "the same record?"), or it refers to a record not here yet
  (kept as a conflict and added by itself once that record arrives);
- here and equal: **unchanged**;
- a university the same as one here of another owner by its ROR id, when the import links certain
  matches (a database that gathers the network's packages, ``link_certain``): **linked** to ours at
  once, as the user would have linked it, and counted as unchanged (ours counts);
- changed there only (here it equals the base): **changed**, and replaced;
- changed here only: **unchanged** (ours is kept);
- changed on both sides, differently: **conflict**, listed field by field; ours stays as it is until the
  user decides (``package_conflicts``).

A record of the reference data (present in every database) never edited here counts as the base when
none was received yet. Deletions the package carries are **deleted** when the record was not changed
here since (a conflict otherwise), and applied only when the user confirms them (``apply_deletions``).

Ownership: a package from state X creates or changes only X's records and the network's (owner
none); a working-group package relays every state's records. A record of another owner is
**refused** with a sentence, as is any record of this database's own state in another state's
package. A preview is the same run, rolled back at the end, so it counts exactly what an import does.

This module runs the import: kinds in order, chunks of lines, then deletions, then the waiting records.
The three-way comparison of one kind's records is in ``package_record_merge.py``, adding the records that
waited for another in ``package_waiting.py``, and the counts it answers in ``package_merge_types.py``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.domain.errors import UserError
from desktop_app.domain.progress import NO_PROGRESS, Progress
from desktop_app.i18n import _
from desktop_app.services import exchange_identity, package_apply, package_conflicts, package_ledger
from desktop_app.services.package_fields import Moment, StateName
from desktop_app.services.package_merge_types import KindCounts, MergeResult, PackageSource
from desktop_app.services.package_record_merge import KindMerge, MergeContext
from desktop_app.services.package_waiting import retry_waiting
from desktop_app.storage import package_rows
from desktop_app.storage.database import Database
from desktop_app.storage.models import PackageConflict

#: Change topics of kinds whose area is not in services/areas.py yet (until every area follows the contract).
FALLBACK_TOPICS = {"university": "universities", "agreement": "agreements", "programme": "curricula",
                   "calendar": "calendars", "credit_conversion": "curricula", "equivalence_rule": "recognition_rules",
                   "recognition_case": "recognition", "mobility": "mobility", "event": "events",
                   "roadmap_action": "roadmap", "expert_meeting": "roadmap", "working_group_member": "roadmap"}


def topics_for(kinds: Iterable[str]) -> set[str]:
    from desktop_app.services.areas import AREA_SERVICES

    topics = set(exchange_identity.TOPICS)
    for kind in kinds:
        modules = [m for m in AREA_SERVICES.values() if getattr(m, "KIND", None) == kind]
        topics |= {t for m in modules for t in m.TOPICS} or {FALLBACK_TOPICS.get(kind, kind)}
    return topics


@dataclass(frozen=True)
class Trust:
    """The key the package was signed with, to be trusted for its state when the import is applied."""

    state: str | None
    fingerprint: str
    public_key: str
    explicitly: bool


def merge(db: Database, source: PackageSource, *, apply: bool, apply_deletions: bool = True,
          trust: Trust | None = None, progress: Progress = NO_PROGRESS, link_certain: bool = False) -> MergeResult:
    """Compare and apply a package in one transaction; with ``apply`` false, a preview: the same work,
    rolled back. ``link_certain``: a university with the ROR id of one here of another owner is linked
    to it at once instead of being asked about (the ROR id names one institution worldwide)."""
    topics = topics_for(source.kinds)
    if apply:
        with db.transaction(changes=topics) as session:
            return _merge(session, source, True, apply_deletions, trust, progress, link_certain)
    with db.reading() as session:  # rolled back at the end: the database is left as it was
        result = _merge(session, source, False, apply_deletions, trust, progress, link_certain)
    result.package_id = None
    return result


def _chunks(lines: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    while chunk := list(islice(lines, size)):
        yield chunk


def _merge(session: Session, source: PackageSource, apply: bool, apply_deletions: bool, trust: Trust | None,
           progress: Progress, link_certain: bool = False) -> MergeResult:
    last = package_ledger.last_package_in(session, source.sender)
    if last is not None and source.created_at < last.created_at:
        raise UserError("This package from {state} was made on {made}, before the last one received from it "
                        "({last}); importing it would bring back older records. Nothing was imported.",
                        state=StateName(source.sender), made=Moment(source.created_at),
                        last=Moment(last.created_at))
    package_id = package_ledger.record_package(session, source.ledger_values())
    if trust is not None:
        package_ledger.trust(session, trust.state, trust.fingerprint, trust.public_key, trust.explicitly)
    result = MergeResult(source.sender, apply, apply_deletions, package_id=package_id)
    context = MergeContext(session, source, package_id, package_apply.links(session),
                       exchange_identity.identity_in(session).state_code, link_certain)
    order = package_rows.kind_order()
    total = sum(source.counts.values()) or 1
    done = 0
    for kind in order:
        if kind not in source.kinds:
            continue
        merger = KindMerge(context, kind, result.kinds.setdefault(kind, KindCounts()))
        for chunk in _chunks(source.lines(kind), package_rows.CHUNK):
            progress.check_cancelled()
            merger.run(chunk)
            done += len(chunk)
            progress.report(done, total, _("Comparing records… {done} of {total}").format(done=done, total=total))
    deletions: dict[str, list[dict[str, Any]]] = {}
    for tombstone in source.tombstones():
        deletions.setdefault(tombstone["kind"], []).append(tombstone)
    for kind in reversed(order):
        if deletions.get(kind):
            progress.check_cancelled()
            merger = KindMerge(context, kind, result.kinds.setdefault(kind, KindCounts()))
            for chunk in _chunks(iter(deletions[kind]), package_rows.CHUNK):
                merger.delete(chunk, apply_deletions)
    retry_waiting(session, package_id, result)
    rows = session.execute(select(PackageConflict).where(PackageConflict.package_id == package_id,
                                                         PackageConflict.status == "open")
                           .order_by(PackageConflict.id)).scalars()
    result.conflicts = [package_conflicts._view(row) for row in rows]
    return result
