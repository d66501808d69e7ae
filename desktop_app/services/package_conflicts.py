"""Conflicts a data package left for the user to decide, and their resolution.

A conflict keeps the record as the package carried it (with its files), so it can be decided at any
time later, field by field. Until then the local record stays exactly as it is. What "ours" and
"theirs" mean depends on the reason:

=================  ===============================  ======================================
reason             ours                             theirs
=================  ===============================  ======================================
changed            keep our value of the field      take their value of the field
deleted-there      keep the record here             delete it, as its owner did
deleted-here       leave it deleted                 bring it back as they have it
same-record        it is ours: link the two         a different record: keep both
missing-reference  leave it out                     add it now (once what it needs is here)
=================  ===============================  ======================================
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from desktop_app.domain.contract import Message
from desktop_app.domain.errors import NotFoundError, UserError
from desktop_app.services import package_apply, package_fields
from desktop_app.storage import package_rows
from desktop_app.storage.database import Database
from desktop_app.storage.models import LinkedRecord, PackageConflict

REASONS = ("changed", "deleted-there", "deleted-here", "same-record", "missing-reference")
CHOICES = ("ours", "theirs")
REASON_TEXTS = {
    "changed": Message("Changed here and in the package since the last package from {state}."),
    "deleted-there": Message("Deleted by {state}, but changed here since."),
    "deleted-here": Message("Deleted here, but changed by {state} since."),
    "same-record": Message("The same record as one here, under another identifier?"),
    "missing-reference": Message("It refers to a record not in this database yet."),
}


@dataclass(frozen=True)
class ConflictView:
    id: int
    kind: str
    uuid: str
    label: str
    state_code: str | None
    reason: str
    fields: list[dict[str, Any]]
    status: str
    decision: dict | None
    local_uuid: str | None
    created_at: dt.datetime
    detail: dict = field(default_factory=dict)

    @property
    def reason_message(self) -> Message:
        base = REASON_TEXTS[self.reason]
        return Message(base.msgid, {"state": package_fields.StateName(self.state_code)})

    @property
    def message(self) -> Message | None:
        return package_fields.message_from(self.detail.get("message"))

    @property
    def field_names(self) -> list[str]:
        return [item["field"] for item in self.fields]

    def as_json(self) -> dict[str, Any]:
        message = self.message
        return {"id": self.id, "kind": self.kind, "uuid": self.uuid, "label": self.label, "state": self.state_code,
                "reason": self.reason, "explanation": self.reason_message.text(),
                "detail": message.text() if message else None, "local_uuid": self.local_uuid,
                "fields": self.fields, "status": self.status, "decision": self.decision}


def _view(row: PackageConflict) -> ConflictView:
    created = row.created_at.replace(tzinfo=dt.UTC) if row.created_at.tzinfo is None else row.created_at
    return ConflictView(row.id, row.kind, row.uuid, row.label, row.state_code, row.reason, list(row.fields or []),
                        row.status, row.decision, row.local_uuid, created, dict(row.detail or {}))


def store(session: Session, *, package_id: int | None, line: dict[str, Any], reason: str, state: str | None,
          blobs: package_apply.Blobs, fields: list[dict[str, Any]] | None = None, local_uuid: str | None = None,
          detail: dict[str, Any] | None = None) -> ConflictView:
    """Keep a conflict (replacing one still open for the same record: the newer package counts)."""
    session.execute(delete(PackageConflict).where(PackageConflict.uuid == line["uuid"],
                                                  PackageConflict.status == "open"))
    row = PackageConflict(package_id=package_id, kind=line["kind"], uuid=line["uuid"], state_code=state,
                          reason=reason, label=package_fields.label(line)[:500], local_uuid=local_uuid,
                          fields=fields or [], theirs=package_apply.pack(line, blobs), detail=detail or {},
                          status="open", created_at=dt.datetime.now(dt.UTC))
    session.add(row)
    session.flush()
    return _view(row)


def list_conflicts(db: Database, status: str | None = "open") -> list[ConflictView]:
    with db.reading() as session:
        query = select(PackageConflict).order_by(PackageConflict.id)
        if status:
            query = query.where(PackageConflict.status == status)
        return [_view(row) for row in session.execute(query).scalars()]


def open_count(db: Database) -> int:
    return len(list_conflicts(db))


def get(db: Database, conflict_id: int) -> ConflictView:
    with db.reading() as session:
        row = session.get(PackageConflict, conflict_id)
        if row is None:
            raise NotFoundError("There is no conflict {id}.", id=conflict_id)
        return _view(row)


def theirs_of(db: Database, conflict_id: int) -> dict[str, Any]:
    with db.reading() as session:
        row = session.get(PackageConflict, conflict_id)
        if row is None:
            raise NotFoundError("There is no conflict {id}.", id=conflict_id)
        return package_apply.unpack(row.theirs)[0]


def _choices(view: ConflictView, take: str | None, fields: dict[str, str]) -> dict[str, str]:
    for name, choice in fields.items():
        if choice not in CHOICES:
            raise UserError("Choose “ours” or “theirs” for {field}, not “{choice}”.", field=name, choice=choice)
        if view.reason == "changed" and name not in view.field_names:
            raise UserError("The conflict {id} has no field {field}; its fields are {fields}.", id=view.id,
                            field=name, fields=", ".join(view.field_names))
    if take is not None and take not in CHOICES:
        raise UserError("Choose “ours” or “theirs”, not “{choice}”.", choice=take)
    if view.reason != "changed":
        if take is None:
            raise UserError("Choose “ours” or “theirs” for the conflict {id}.", id=view.id)
        return {"record": take}
    chosen = {name: fields.get(name) or take for name in view.field_names}
    undecided = [name for name, choice in chosen.items() if choice is None]
    if undecided:
        raise UserError("Choose “ours” or “theirs” for {fields}.", fields=", ".join(undecided))
    return chosen  # type: ignore[return-value]


def resolve(db: Database, conflict_id: int, take: str | None = None,
            fields: dict[str, str] | None = None) -> ConflictView:
    """Decide a conflict: ``take`` for every field (or the whole record), ``fields`` field by field."""
    from desktop_app.services.package_merge import topics_for
    from desktop_app.services.package_waiting import retry_waiting

    view = get(db, conflict_id)
    if view.status != "open":
        raise UserError("The conflict {id} was already decided.", id=conflict_id)
    choices = _choices(view, take, fields or {})
    with db.transaction(changes=topics_for({view.kind})) as session:
        row = session.get(PackageConflict, conflict_id)
        assert row is not None  # read above, in this same call
        line, files = package_apply.unpack(row.theirs)
        line = package_apply.localize(line, package_apply.links(session))
        _apply(session, view, line, files, choices)
        row.status = "resolved"
        row.decision = choices
        row.resolved_at = dt.datetime.now(dt.UTC)
        session.flush()
        retry_waiting(session, package_id=None)
        return _view(row)


def _local(session: Session, kind: str, uuid: str) -> tuple[package_rows.Row, dict[str, Any], dict[str, bytes]] | None:
    root = package_rows.roots_by_uuid(session, kind, [uuid]).get(uuid)
    if root is None:
        return None
    blobs: dict[str, bytes] = {}
    [line] = package_rows.read_lines(session, kind, [root], package_rows.Lookup(session), blobs)
    return root, line, blobs


def _save_base(session: Session, view: ConflictView, line: dict[str, Any]) -> None:
    public, full = package_rows.fingerprints(line, bool(view.detail.get("personal")))
    package_apply.save_bases(session, view.kind, [(line["uuid"], public, full)], view.state_code, None)


def _apply(session: Session, view: ConflictView, theirs: dict[str, Any], files: dict[str, bytes],
           choices: dict[str, str]) -> None:
    kind = view.kind
    if view.reason == "changed":
        local = _local(session, kind, view.uuid)
        if local is None:
            raise UserError("The record of this conflict was deleted here since; nothing to decide any more.")
        _root, ours, blobs = local
        if any(choice == "theirs" for choice in choices.values()):
            target = package_fields.merged(ours, package_fields.with_local_personal(theirs, ours), choices)
            if not view.detail.get("personal"):
                package_fields.refresh_search_text(target)
            refused = package_apply.replace_with(session, target, blobs, files)
            if refused is not None:
                raise UserError(refused.msgid, **refused.params)
        _save_base(session, view, theirs)
    elif view.reason == "deleted-there":
        local = _local(session, kind, view.uuid)
        if choices["record"] == "theirs" and local is not None:
            refused = package_apply.delete_local(session, kind, local[0]["id"], view.state_code,
                                                 dt.datetime.now(dt.UTC))
            if refused is not None:
                raise UserError(refused.msgid, **refused.params)
        elif choices["record"] == "ours":
            package_apply.forget_bases(session, [view.uuid])
    elif view.reason in ("deleted-here", "missing-reference") or (
            view.reason == "same-record" and choices["record"] == "theirs"):
        if choices["record"] == "theirs":
            _insert(session, view, theirs, files)
    elif view.reason == "same-record":  # ours: the same record; remember it
        session.merge(LinkedRecord(their_uuid=view.uuid, local_uuid=view.local_uuid, kind=kind,
                                   state_code=view.state_code, linked_at=dt.datetime.now(dt.UTC)))
        session.flush()


def _insert(session: Session, view: ConflictView, theirs: dict[str, Any], files: dict[str, bytes]) -> None:
    lookup = package_rows.Lookup(session)
    package_rows.prefetch_references(view.kind, [theirs], lookup)
    missing = package_rows.missing_references(view.kind, theirs, lookup)
    if missing:
        raise UserError("It still refers to a record not in this database ({table} {uuid}).",
                        table=missing[0][0], uuid=missing[0][1])
    if not view.detail.get("personal"):
        package_fields.refresh_search_text(theirs)
    refused = package_apply.insert_new(session, view.kind, [theirs], files, lookup)
    if refused:
        raise UserError(refused[0][1].msgid, **refused[0][1].params)
    from desktop_app.storage import tombstones

    tombstones.clear(session, package_rows.to_snapshot(theirs))
    _save_base(session, view, theirs)
