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
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Protocol

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from desktop_app.domain.contract import Message
from desktop_app.domain.errors import UserError
from desktop_app.domain.progress import NO_PROGRESS, Progress
from desktop_app.i18n import _
from desktop_app.services import (
    exchange_identity,
    package_apply,
    package_conflicts,
    package_fields,
    package_ledger,
    package_matching,
)
from desktop_app.services.package_fields import Moment, StateName
from desktop_app.storage import package_rows, snapshot_schema, snapshot_values
from desktop_app.storage.database import Database
from desktop_app.storage.models import DeletedRecord, LinkedRecord, PackageConflict
from desktop_app.storage.ownership import OWNER_COLUMN

STATUSES = ("new", "changed", "unchanged", "deleted", "conflicts", "refused")
NOTES_PER_KIND = 200  # records listed by name in a preview, per kind (the counts are always whole)
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


class PackageSource(Protocol):
    """A package as the merge reads it: checked already, read as a stream."""

    @property
    def blobs(self) -> Mapping[str, bytes]: ...

    @property
    def sender(self) -> str | None: ...

    @property
    def created_at(self) -> dt.datetime: ...

    @property
    def personal_data(self) -> bool: ...

    @property
    def kinds(self) -> list[str]: ...

    @property
    def counts(self) -> dict[str, int]: ...

    def lines(self, kind: str) -> Iterator[dict[str, Any]]: ...

    def tombstones(self) -> Iterator[dict[str, Any]]: ...

    def ledger_values(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Trust:
    """The key the package was signed with, to be trusted for its state when the import is applied."""

    state: str | None
    fingerprint: str
    public_key: str
    explicitly: bool


@dataclass
class RecordNote:
    kind: str
    uuid: str
    label: str
    status: str
    fields: list[str] = field(default_factory=list)
    message: Message | None = None


@dataclass
class KindCounts:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    deleted: int = 0
    conflicts: int = 0
    refused: int = 0
    notes: list[RecordNote] = field(default_factory=list)
    #: Of the unchanged: records linked at once to the same record here (a university by its ROR id).
    linked: int = 0

    def add(self, status: str, note: RecordNote | None = None) -> None:
        setattr(self, status, getattr(self, status) + 1)
        if note is not None and status != "unchanged" and len(self.notes) < NOTES_PER_KIND:
            self.notes.append(note)

    def as_json(self) -> dict[str, int]:
        return {status: getattr(self, status) for status in STATUSES}


@dataclass
class MergeResult:
    sender: str | None
    applied: bool
    deletions_applied: bool
    kinds: dict[str, KindCounts] = field(default_factory=dict)
    conflicts: list[package_conflicts.ConflictView] = field(default_factory=list)
    package_id: int | None = None

    def totals(self) -> dict[str, int]:
        return {status: sum(getattr(counts, status) for counts in self.kinds.values()) for status in STATUSES}

    def as_json(self) -> dict[str, Any]:
        return {**self.totals(), "kinds": {kind: counts.as_json() for kind, counts in self.kinds.items()},
                "applied": self.applied, "conflict_ids": [c.id for c in self.conflicts] if self.applied else []}


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
    context = _Context(session, source, package_id, package_apply.links(session),
                       exchange_identity.identity_in(session).state_code, link_certain)
    order = package_rows.kind_order()
    total = sum(source.counts.values()) or 1
    done = 0
    for kind in order:
        if kind not in source.kinds:
            continue
        merger = _KindMerge(context, kind, result.kinds.setdefault(kind, KindCounts()))
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
            merger = _KindMerge(context, kind, result.kinds.setdefault(kind, KindCounts()))
            for chunk in _chunks(iter(deletions[kind]), package_rows.CHUNK):
                merger.delete(chunk, apply_deletions)
    retry_waiting(session, package_id, result)
    rows = session.execute(select(PackageConflict).where(PackageConflict.package_id == package_id,
                                                         PackageConflict.status == "open")
                           .order_by(PackageConflict.id)).scalars()
    result.conflicts = [package_conflicts._view(row) for row in rows]
    return result


@dataclass
class _Context:
    session: Session
    source: PackageSource
    package_id: int
    linked: dict[str, str]
    identity: str | None
    link_certain: bool = False


class _KindMerge:
    def __init__(self, context: _Context, kind: str, counts: KindCounts):
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
