"""The three-way comparison of one kind's records in a package: new, unchanged, changed, conflict or
refused, each record against ours and the base last received, and the deletions the package carries.

Kept apart from running the import (``package_merge.py``) because deciding what one record is — its
owner, the same record under another UUID, the fingerprints of ours, theirs and the base — is the
merge's rule book, while the run around it only orders kinds, chunks lines and reports progress.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from desktop_app.domain.contract import Message
from desktop_app.domain.errors import UserError
from desktop_app.services import package_apply, package_conflicts, package_fields, package_matching
from desktop_app.services.package_fields import StateName
from desktop_app.services.package_merge_types import KindCounts, PackageSource, RecordNote
from desktop_app.storage import package_rows, snapshot_schema, snapshot_values
from desktop_app.storage.models import DeletedRecord, LinkedRecord, PackageConflict
from desktop_app.storage.ownership import OWNER_COLUMN


@dataclass
class MergeContext:
    session: Session
    source: PackageSource
    package_id: int
    linked: dict[str, str]
    identity: str | None
    link_certain: bool = False


class KindMerge:
    def __init__(self, context: MergeContext, kind: str, counts: KindCounts):
        self.context = context
        self.session = context.session
        self.source = context.source
        self.kind = kind
        self.counts = counts
        self.lookup = package_rows.Lookup(self.session)
        self.personal = self.source.personal_data
        self.matcher = package_matching.matcher_for(kind)

    # --- bookkeeping ---------------------------------------------------------------------------------
    def note(self, status: str, line: dict[str, Any], fields: list[str] | None = None,
             message: Message | None = None) -> None:
        self.counts.add(status, RecordNote(self.kind, line["uuid"], package_fields.label(line), status,
                                           fields or [], message))

    def conflict(self, line: dict[str, Any], reason: str, ours: dict[str, Any] | None = None,
                 local_uuid: str | None = None, message: Message | None = None) -> None:
        compared = ours is not None and reason != "deleted-there"
        fields = package_fields.field_pairs(ours, line, self.personal) if compared and ours is not None else []
        detail: dict[str, Any] = {"personal": self.personal}
        if message is not None:
            detail["message"] = {"msgid": message.msgid, "params": {
                k: v for k, v in message.params.items() if isinstance(v, str | int | float)}}
        package_conflicts.store(self.session, package_id=self.context.package_id, line=line, reason=reason,
                                state=self.source.sender, blobs=self.source.blobs, fields=fields,
                                local_uuid=local_uuid, detail=detail)
        self.note("conflicts", line, [item["field"] for item in fields], message or Message(
            package_conflicts.REASON_TEXTS[reason].msgid, {"state": StateName(self.source.sender)}))

    def save(self, lines: list[dict[str, Any]]) -> None:
        package_apply.save_bases(self.session, self.kind, [
            (line["uuid"], *package_rows.fingerprints(line, self.personal)) for line in lines],
            self.source.sender, self.context.package_id)

    # --- ownership -----------------------------------------------------------------------------------
    def refusal(self, owner: str | None, local_owner: str | None, local: bool) -> Message | None:
        sender = self.source.sender
        if local and local_owner != owner:
            return Message("This record belongs to {owner} here; the package says it belongs to {theirs}.",
                           {"owner": StateName(local_owner), "theirs": StateName(owner)})
        if owner is None or owner == sender or sender is None:
            return None
        return Message("This record belongs to {owner}; a package from {sender} cannot create or change it.",
                       {"owner": StateName(owner), "sender": StateName(sender)})

    # --- records ------------------------------------------------------------------------------------
    def run(self, chunk: list[dict[str, Any]]) -> None:
        lines = []
        for line in chunk:
            if line["uuid"] in self.context.linked:
                self.counts.add("unchanged")  # one of ours, under their identifier: ours counts
                continue
            line = package_apply.localize(line, self.context.linked)
            package_apply.root_row(line).setdefault(OWNER_COLUMN, self.source.sender)
            lines.append(line)
        local = package_rows.roots_by_uuid(self.session, self.kind, [line["uuid"] for line in lines])
        deleted_here = self._tombstoned([line["uuid"] for line in lines if line["uuid"] not in local])
        fresh: list[dict[str, Any]] = []
        present: list[dict[str, Any]] = []
        for line in lines:
            row = local.get(line["uuid"])
            refused = self.refusal(package_apply.owner_of(line), row.get(OWNER_COLUMN) if row else None,
                                   row is not None)
            if refused is not None:
                self.note("refused", line, message=refused)
            elif row is None:
                (self.deleted_here if line["uuid"] in deleted_here else fresh.append)(line)
            else:
                present.append(line)
        try:
            self.new(fresh)
            self.existing(present, local)
        except (ValueError, TypeError) as error:
            raise UserError("A record of {kind} holds a value this version cannot read ({detail}). Nothing was "
                            "imported.", kind=package_fields.kind_title(self.kind), detail=str(error)) from error

    def _tombstoned(self, uuids: list[str]) -> set[str]:
        if not uuids:
            return set()
        return set(self.session.execute(select(DeletedRecord.uuid).where(DeletedRecord.uuid.in_(uuids))).scalars())

    def deleted_here(self, line: dict[str, Any]) -> None:
        base = package_apply.bases(self.session, [line["uuid"]]).get(line["uuid"])
        public, _full = package_rows.fingerprints(line, self.personal)
        if base is not None and base.fingerprint == public:
            self.counts.add("unchanged")  # they did not change what we deleted: it stays deleted
        else:
            self.conflict(line, "deleted-here")

    def new(self, lines: list[dict[str, Any]]) -> None:
        if not lines:
            return
        package_rows.prefetch_references(self.kind, lines, self.lookup)
        same = self.same_records(lines)
        ours = self.local_lines(list(set(same.values()))) if same else {}
        ready = []
        for line in lines:
            if line["uuid"] in same:
                ours_line, ours_row, _files = ours[same[line["uuid"]]]
                if self.certain(line, ours_row):
                    self.link(line, ours_line, same[line["uuid"]])
                    continue
                self.conflict(line, "same-record", ours_line, local_uuid=same[line["uuid"]])
                continue
            missing = package_rows.missing_references(self.kind, line, self.lookup)
            if missing:
                self.conflict(line, "missing-reference", message=Message(
                    "It refers to a record not in this database yet ({table} {uuid}); it is added by itself once "
                    "that record arrives.", {"table": missing[0][0], "uuid": missing[0][1]}))
                continue
            if not self.personal:
                package_fields.refresh_search_text(line)
            ready.append(line)
        refused = package_apply.insert_new(self.session, self.kind, ready, self.source.blobs, self.lookup)
        refused_uuids = {line["uuid"] for line, _message in refused}
        for line, message in refused:
            self.note("refused", line, message=message)
        inserted = [line for line in ready if line["uuid"] not in refused_uuids]
        for line in inserted:
            self.note("new", line)
        self.save(inserted)

    def local_lines(self, uuids: list[str]) -> dict[str, tuple[dict[str, Any], package_rows.Row, dict[str, bytes]]]:
        """uuid -> (our line, our root row, our files)."""
        roots = package_rows.roots_by_uuid(self.session, self.kind, uuids)
        blobs: dict[str, bytes] = {}
        rows = list(roots.values())
        lines = package_rows.read_lines(self.session, self.kind, rows, package_rows.Lookup(self.session), blobs)
        return {line["uuid"]: (line, row, blobs) for line, row in zip(lines, rows, strict=True)}

    def forms(self, ours: dict[str, Any], theirs: dict[str, Any], base) -> tuple[str, str, str | None]:
        """Fingerprints of ours, theirs and the base, in one comparable form."""
        in_public, in_full = package_rows.fingerprints(theirs, self.personal)
        our_public, our_full = package_rows.fingerprints(ours, self.personal)
        full = self.personal and (base is None or base.personal_fingerprint is not None)
        if full:
            return our_full or our_public, in_full or in_public, base.personal_fingerprint if base else None
        return our_public, in_public, base.fingerprint if base else None

    def existing(self, lines: list[dict[str, Any]], local: dict[str, package_rows.Row]) -> None:
        if not lines:
            return
        ours_by_uuid = self.local_lines([line["uuid"] for line in lines])
        bases = package_apply.bases(self.session, [line["uuid"] for line in lines])
        unchanged, changed = [], []
        for theirs in lines:
            ours, row, blobs = ours_by_uuid[theirs["uuid"]]
            base = bases.get(theirs["uuid"])
            our_fp, their_fp, base_fp = self.forms(ours, theirs, base)
            if our_fp == their_fp:
                self.counts.add("unchanged")
                unchanged.append(theirs)
                continue
            owner = row.get(OWNER_COLUMN)
            if owner is not None and owner == self.context.identity and self.source.sender != owner:
                self.note("refused", theirs, message=Message(
                    "This is one of this database's own records; a package from {sender} cannot change it.",
                    {"sender": StateName(self.source.sender)}))
                continue
            if base_fp is None and _never_edited(row):
                base_fp = our_fp
            if base_fp is not None and their_fp == base_fp:
                self.counts.add("unchanged")  # changed here only: ours stays
            elif not package_fields.differing_fields(ours, theirs, self.personal):
                self.counts.add("unchanged")  # the same content on both sides (rows renewed, times aside)
                unchanged.append(theirs)
            elif base_fp is not None and our_fp == base_fp:
                target = theirs if self.personal else package_fields.with_local_personal(theirs, ours)
                if not self.personal:
                    package_fields.refresh_search_text(target)
                refused = package_apply.replace_with(self.session, target, blobs, self.source.blobs)
                if refused is not None:
                    self.note("refused", theirs, message=refused)
                    continue
                self.note("changed", theirs, package_fields.differing_fields(ours, theirs, self.personal))
                changed.append(theirs)
            else:
                self.conflict(theirs, "changed", ours)
        self.save(unchanged + changed)

    # --- deletions ------------------------------------------------------------------------------------
    def delete(self, tombstones: list[dict[str, Any]], apply: bool) -> None:
        wanted = [t for t in tombstones if t["uuid"] not in self.context.linked]
        ours_by_uuid = self.local_lines([t["uuid"] for t in wanted])
        bases = package_apply.bases(self.session, list(ours_by_uuid))
        for tombstone in wanted:
            if tombstone["uuid"] not in ours_by_uuid:
                continue  # not here: nothing to delete
            ours, row, _blobs = ours_by_uuid[tombstone["uuid"]]
            owner = tombstone.get("owner")
            refused = self.refusal(owner, row.get(OWNER_COLUMN), True)
            if refused is None and owner is None and self.source.sender is not None:
                refused = Message("Only the working group deletes the network's records.")
            if refused is not None:
                self.note("refused", ours, message=refused)
                continue
            base = bases.get(tombstone["uuid"])
            our_fp, _their, base_fp = self.forms(ours, ours, base)
            if base_fp is None and _never_edited(row):
                base_fp = our_fp
            if base_fp != our_fp:
                self.conflict(ours, "deleted-there", ours)
                continue
            if apply:
                when = dt.datetime.fromisoformat(tombstone["deleted_at"])
                refused = package_apply.delete_local(self.session, self.kind, row["id"], owner, when)
                if refused is not None:
                    self.note("refused", ours, message=refused)
                    continue
            self.note("deleted", ours)

    # --- the same record under another UUID ---------------------------------------------------------------
    def certain(self, line: dict[str, Any], ours: package_rows.Row) -> bool:
        """Whether a match is certain enough to link without asking: a university of another owner with
        the same ROR id, when the import links certain matches."""
        if not self.context.link_certain or self.kind != "university":
            return False
        ror = package_apply.root_row(line).get("ror_id")
        return bool(ror) and ror == ours.get("ror_id") and ours.get(OWNER_COLUMN) != package_apply.owner_of(line)

    def link(self, theirs: dict[str, Any], ours: dict[str, Any], local_uuid: str) -> None:
        """Link their record to ours (as the user's "the same record" would) and remember the decision as
        a conflict decided automatically, so the user can see which records were linked and why."""
        view = package_conflicts.store(self.session, package_id=self.context.package_id, line=theirs,
                                       reason="same-record", state=self.source.sender, blobs={},
                                       fields=package_fields.field_pairs(ours, theirs, self.personal),
                                       local_uuid=local_uuid, detail={"personal": self.personal})
        row = self.session.get(PackageConflict, view.id)
        assert row is not None  # stored just above
        row.status, row.resolved_at = "resolved", dt.datetime.now(dt.UTC)
        row.decision = {"record": "ours", "automatic": True, "basis": "ror_id"}
        self.session.add(LinkedRecord(their_uuid=theirs["uuid"], local_uuid=local_uuid, kind=self.kind,
                                      state_code=package_apply.owner_of(theirs) or self.source.sender,
                                      linked_at=dt.datetime.now(dt.UTC)))
        self.context.linked[theirs["uuid"]] = local_uuid  # what follows in this package refers to ours
        self.counts.add("unchanged")
        self.counts.linked += 1

    def same_records(self, lines: list[dict[str, Any]]) -> dict[str, str]:
        """Their uuid -> the uuid of a record here that a unique column (or the kind's matcher) says is
        the same record."""
        root = package_rows.layout(self.kind).root
        found: dict[str, str] = {}
        for columns in package_apply.same_record_columns(self.kind):
            keys: dict[tuple, str] = {}
            for line in lines:
                key = tuple(self._value(root, package_apply.root_row(line), name) for name in columns)
                if None not in key and key != ("",) * len(key):
                    keys[key] = line["uuid"]
            items = list(keys)
            for start in range(0, len(items), 200):
                batch = items[start:start + 200]
                condition = (tuple_(*(root.c[c] for c in columns)).in_(batch) if len(columns) > 1
                             else root.c[columns[0]].in_([key[0] for key in batch]))
                for local_uuid, *values in self.session.execute(
                        select(root.c.uuid, *(root.c[c] for c in columns)).where(condition)):
                    theirs = keys.get(tuple(values))
                    if theirs is not None and theirs != local_uuid:
                        found.setdefault(theirs, local_uuid)
        if self.matcher is not None:
            for line in lines:
                if line["uuid"] not in found:
                    match = self.matcher(self.session, line)
                    if match is not None and match != line["uuid"]:
                        found[line["uuid"]] = match
        return found

    def _value(self, root, row: dict[str, Any], name: str) -> Any:
        targets = package_rows.uuid_targets(root)
        if name in targets:
            reference = row.get(snapshot_schema.ref_key(name))
            return self.lookup.known_id(targets[name], reference) if reference else None
        return snapshot_values._decode_value(root.c[name], row.get(name), {})


def _never_edited(row: dict[str, Any]) -> bool:
    """Reference data as loaded (both times written by the database in one statement) was never edited."""
    return row.get("created_at") is not None and row.get("created_at") == row.get(package_rows.VOLATILE)
