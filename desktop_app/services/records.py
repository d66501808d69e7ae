"""Delete and restore for every area, through snapshots (``storage/snapshots.py``).

An area's ``delete(db, id)`` and ``restore(db, snapshot)`` are these two functions with its kind and
change topics: one transaction each; a delete that other records would be left pointing into is
refused with a sentence saying what is in the way; what comes back on restore is what was deleted,
documents, history and links included.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from desktop_app.domain.contract import Message, Snapshot
from desktop_app.domain.errors import ConflictError
from desktop_app.i18n import Nn_
from desktop_app.storage import snapshot_restore, snapshots, tombstones
from desktop_app.storage.database import Database

#: How a number of records of each kind is said, for "… still refers to it" messages.
KIND_COUNTS: dict[str, tuple[str, str]] = {
    "university": Nn_("{count} university", "{count} universities"),
    "agreement": Nn_("{count} agreement", "{count} agreements"),
    "programme": Nn_("{count} joint programme", "{count} joint programmes"),
    "calendar": Nn_("{count} academic calendar", "{count} academic calendars"),
    "credit_conversion": Nn_("{count} credit conversion", "{count} credit conversions"),
    "equivalence_rule": Nn_("{count} equivalence rule", "{count} equivalence rules"),
    "recognition_case": Nn_("{count} recognition case", "{count} recognition cases"),
    "mobility": Nn_("{count} mobility record", "{count} mobility records"),
    "event": Nn_("{count} joint event", "{count} joint events"),
    "roadmap_action": Nn_("{count} road-map action", "{count} road-map actions"),
    "expert_meeting": Nn_("{count} expert meeting", "{count} expert meetings"),
    "working_group_member": Nn_("{count} working-group member", "{count} working-group members"),
    "organisation": Nn_("{count} organisation", "{count} organisations"),
    "body": Nn_("{count} body of the network", "{count} bodies of the network"),
    "decision": Nn_("{count} decision", "{count} decisions"),
    "scholarship_programme": Nn_("{count} scholarship programme", "{count} scholarship programmes"),
    "evaluation": Nn_("{count} programme evaluation", "{count} programme evaluations"),
    "programme_accreditation": Nn_("{count} programme accreditation", "{count} programme accreditations"),
    "indicator_year": Nn_("{count} year of programme indicators", "{count} years of programme indicators"),
    "survey": Nn_("{count} survey", "{count} surveys"),
    "staff_development": Nn_("{count} staff-development programme", "{count} staff-development programmes"),
}


def count_message(kind: str, count: int) -> Message:
    singular, plural = KIND_COUNTS.get(kind, Nn_("{count} record", "{count} records"))
    return Message(singular, plural=plural, count=count)


def ensure_deletable(session: Session, kind: str, record_id: int, name: str) -> None:
    """Refuse, in one sentence, a delete that would leave other records pointing at nothing."""
    blocking = snapshots.blockers(session, kind, record_id)
    if blocking:
        raise ConflictError(
            "{name} cannot be deleted while other records refer to it ({records}). Change or delete those first.",
                            name=name, records=[count_message(k, n) for k, n in sorted(blocking.items())])


def delete_record(db: Database, kind: str, record_id: int, topics: Iterable[str], name: str = "") -> Snapshot:
    """Delete a record with everything it owns, in one transaction; answer its snapshot. A tombstone
    remembers it, so the next data package tells the other coordinators."""
    with db.transaction(changes=set(topics)) as session:
        ensure_deletable(session, kind, record_id, name or str(record_id))
        snap = snapshots.delete_record(session, kind, record_id)
        tombstones.write(session, snap)
        return snap


def restore_record(db: Database, snapshot: Snapshot, topics: Iterable[str]) -> int:
    """Put a deleted record back as it was (same UUIDs; the same integer key when it is free); its
    tombstone goes."""
    with db.transaction(changes=set(topics)) as session:
        record_id = snapshot_restore.restore(session, snapshot)
        tombstones.clear(session, snapshot)
        return record_id


def snapshot_of(db: Database, kind: str, record_id: int, dependents: bool = False) -> Snapshot:
    """The record as it is now, in the snapshot shape (for comparisons and exports)."""
    with db.reading() as session:
        return snapshots.snapshot(session, kind, record_id, dependents=dependents)


def replace_record(db: Database, snapshot: Snapshot, topics: Iterable[str]) -> int:
    """Make the stored record exactly what the snapshot holds (undo and redo of an edit)."""
    with db.transaction(changes=set(topics)) as session:
        return snapshot_restore.replace(session, snapshot)
