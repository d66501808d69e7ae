"""Importing EWP inter-institutional agreements: first a preview that says, for every IIA of the file,
whether it creates an agreement, changes one on record (and what changes) or changes nothing; then,
once the user has seen it, one transaction through the agreements service.

An IIA names an agreement on record by one of its partners' iia-ids (our export writes the agreement's
UUID; a partner's answer carries it as the second partner's iia-id), or by the same two universities
and the same reference. Updating it takes from the IIA only what an IIA carries — the partners'
signatories, signing dates and codes, whether it is in effect, the cooperation conditions — and keeps
everything else as recorded: title, kind, strategic approach, indicators, staffing shares, funding,
renewal terms, notes, and the validity dates (an IIA speaks of academic years, not dates).

The file is read through the input gate (defusedxml, from bytes, size and element limits) and checked
against the official schema before anything else; an IIA that cannot be recorded refuses the whole
file with a sentence naming it, and nothing is written.
"""

from __future__ import annotations

import copy
import datetime as dt
import uuid as uuid_module
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.domain.agreements import (
    CONDITION_KINDS,
    IN_FORCE,
    STATUS_LABELS,
    AgreementDraft,
    ConditionDraft,
    academic_year_id,
)
from desktop_app.domain.contract import Message
from desktop_app.exchange.ewp_hash import texts_to_hash
from desktop_app.exchange.ewp_iia import (
    NS,
    IiaProblem,
    display_names,
    draft_from_iia,
    read_parties,
    status_of,
    universities_by_hei,
    validation_errors,
)
from desktop_app.exchange.input_gate import MB, FileRefused, Limits, parse_xml, read_bytes
from desktop_app.i18n import N_, _
from desktop_app.i18n.formatting import format_date
from desktop_app.services import agreements as agreement_service

#: An IIA get-response is small: a few kilobytes per agreement.
LIMITS = Limits(file_bytes=32 * MB, xml_elements=200_000)


@dataclass(frozen=True)
class Change:
    """One field an update changes. Values are kept as they are (dates, messages) and put in words when
    shown, so the preview reads in the language of the moment."""

    label: Message
    old: tuple = ()
    new: tuple = ()

    @property
    def before(self) -> str:
        return _words(self.old)

    @property
    def after(self) -> str:
        return _words(self.new)


def _words(values: tuple) -> str:
    parts = []
    for value in values:
        if isinstance(value, Message):
            parts.append(value.text())
        elif isinstance(value, dt.date):
            parts.append(format_date(value))
        elif value:
            parts.append(str(value))
    return "\n".join(parts)


@dataclass
class PlannedIia:
    number: int  # its place in the file, from 1
    code: str
    action: str  # create | update | unchanged
    draft: AgreementDraft
    agreement_id: int | None = None
    uuid: str | None = None  # the agreement's UUID: on record, or taken from the first partner's iia-id
    changes: list[Change] = field(default_factory=list)
    hash_matches: bool = True  # the file's iia-hash is the one its conditions give


@dataclass
class EwpPreview:
    path: str
    items: list[PlannedIia] = field(default_factory=list)

    def count(self, action: str) -> int:
        return sum(1 for item in self.items if item.action == action)

    def summary(self, written: bool = False, dry_run: bool = False) -> str:
        counts = {"created": self.count("create"), "updated": self.count("update"),
                  "unchanged": self.count("unchanged")}
        if written:
            return _("created: {created}, updated: {updated}, unchanged: {unchanged}").format(**counts)
        if dry_run:
            return _("dry run — nothing was written; the file would give created: {created}, updated: {updated}, "
                     "unchanged: {unchanged}").format(**counts)
        return _("The file would give created: {created}, updated: {updated}, unchanged: {unchanged}").format(
            **counts)


def _uuid(text: str) -> str | None:
    try:
        return str(uuid_module.UUID(text))
    except ValueError:
        return None


def preview_file(db, source: str | Path, today: dt.date | None = None) -> EwpPreview:
    """What importing the file would do, IIA by IIA; nothing is written."""
    path = Path(source)
    root = parse_xml(read_bytes(path, "xml", LIMITS), path.name, LIMITS)
    errors = validation_errors(root)
    if errors:
        raise FileRefused("{name} is not a valid EWP IIA v7 file: {reason}", name=path.name, reason=errors[0])
    by_hei = universities_by_hei(db)
    iias = root.findall(f"{{{NS}}}iia")
    all_ids = [_uuid(text) for iia in iias for text in _partner_ids(iia)]
    on_record = agreement_service.ids_by_uuid(db, [u for u in all_ids if u])
    names = display_names(db, list(by_hei.values()))
    texts = texts_to_hash(root)
    preview = EwpPreview(str(path))
    seen: dict[int, int] = {}
    for number, iia in enumerate(iias, start=1):
        code = _code(iia)
        try:
            ids, draft = draft_from_iia(iia, by_hei, names, today)
            item = _plan(db, number, code, iia, ids, draft, on_record, by_hei, today)
        except IiaProblem as problem:
            raise FileRefused("{name}: IIA {number} ({code}) cannot be imported: {problem}.", name=path.name,
                              number=number, code=code or "—", problem=problem.args[0]) from problem
        problems = agreement_service.validate(item.draft)
        if problems:
            raise FileRefused("{name}: IIA {number} ({code}) cannot be imported: {problem}.", name=path.name,
                              number=number, code=code or "—", problem=next(iter(problems.values())))
        if item.agreement_id is not None:
            if item.agreement_id in seen:
                raise FileRefused("{name}: IIAs {first} and {number} name the same agreement.", name=path.name,
                                  first=seen[item.agreement_id], number=number)
            seen[item.agreement_id] = number
        given = iia.findtext(f"{{{NS}}}iia-hash") or ""
        item.hash_matches = number > len(texts) or given.strip().lower() == _sha(texts[number - 1][1])
        preview.items.append(item)
    return preview


def _sha(text: str) -> str:
    from desktop_app.exchange.ewp_hash import iia_hash

    return iia_hash(text)


def _partner_ids(iia) -> list[str]:
    return [(partner.findtext(f"{{{NS}}}iia-id") or "").strip() for partner in iia.findall(f"{{{NS}}}partner")]


def _code(iia) -> str:
    first = iia.find(f"{{{NS}}}partner")
    return (first.findtext(f"{{{NS}}}iia-code") or "").strip() if first is not None else ""


def _plan(db, number: int, code: str, iia, ids: list[str], draft: AgreementDraft, on_record: dict[str, int],
          by_hei: dict[str, int], today: dt.date | None) -> PlannedIia:
    uuids = [_uuid(text) for text in ids]
    target = next((on_record[u] for u in uuids if u and u in on_record), None)
    if target is None:
        target = agreement_service.find_by_parties(db, {p.university_id for p in draft.parties}, draft.reference)
    if target is None:
        return PlannedIia(number, code, "create", draft, uuid=uuids[0] if uuids else None)
    record = agreement_service.get(db, target)
    merged = merge(record.draft, iia, by_hei, today or dt.date.today())
    changes = describe_changes(db, record.draft, merged)
    return PlannedIia(number, code, "update" if changes else "unchanged", merged, target, record.uuid, changes)


def merge(stored: AgreementDraft, iia, by_hei: dict[str, int], today: dt.date) -> AgreementDraft:
    """The agreement on record with what the IIA carries put in; the rest as recorded."""
    parties, heis, _ids = read_parties(iia, by_hei)
    merged = copy.deepcopy(stored)
    reference = stored.reference or (parties[0].local_code if parties else "")
    by_university = {party.university_id: party for party in merged.parties}
    ordered = []
    for party in parties:
        kept = by_university.get(party.university_id)
        if kept is None:  # a partner the agreement did not have: it takes the IIA's role
            kept = copy.deepcopy(party)
            kept.local_code = "" if party.local_code == reference else party.local_code
        else:
            kept.signatory = party.signatory or kept.signatory
            kept.signing_date = party.signing_date or kept.signing_date
            if party.local_code and party.local_code != reference:
                kept.local_code = party.local_code
        ordered.append(kept)
    # Parties keep their recorded order; a changed partnership takes the IIA's.
    if {p.university_id for p in ordered} == {p.university_id for p in stored.parties}:
        ordered = [next(p for p in ordered if p.university_id == s.university_id) for s in merged.parties]
    position = {p.university_id: index for index, p in enumerate(ordered)}
    from desktop_app.exchange.ewp_iia import read_conditions

    conditions = []
    for condition in read_conditions(iia, heis):
        condition.sending_index = position[parties[condition.sending_index].university_id]
        condition.receiving_index = position[parties[condition.receiving_index].university_id]
        conditions.append(condition)
    merged.parties, merged.conditions, merged.reference = ordered, conditions, reference
    status = status_of(iia, merged.valid_from, today)
    if (status in IN_FORCE) != (stored.status in IN_FORCE):
        merged.status = status
    signed = [p.signing_date for p in ordered if p.signing_date]
    merged.signing_date = max(signed) if signed else stored.signing_date
    if merged.valid_from is None and conditions:
        merged.valid_from = dt.date(min(c.first_year for c in conditions), 9, 1)
    if merged.valid_to is None and conditions:
        merged.valid_to = dt.date(max(c.last_year for c in conditions) + 1, 8, 31)
    return merged


def _condition_key(condition: ConditionDraft, names: list[str]) -> tuple:
    """Everything a condition holds, with its partners by name (two conditions compare by it)."""
    return (condition.kind, names[condition.sending_index], names[condition.receiving_index], condition.first_year,
            condition.last_year, condition.mobilities_per_year, condition.isced_code, condition.eqf_levels,
            condition.months_per_year, condition.days_per_year, condition.language, condition.cefr_level)


def _condition(key: tuple) -> Message:
    kind, sending, receiving, first, last, count, isced = key[:7]
    return Message("{kind}: {sending} → {receiving}, {first}–{last}, {count} a year{subject}", {
        "kind": Message(CONDITION_KINDS.get(kind, kind)), "sending": sending, "receiving": receiving,
        "first": academic_year_id(first), "last": academic_year_id(last), "count": count,
        "subject": f", ISCED {isced}" if isced else ""})


def _status(value: str) -> Message | str:
    labels = {str(status): label for status, label in STATUS_LABELS.items()}
    return Message(labels[value]) if value in labels else value


def describe_changes(db, before: AgreementDraft, after: AgreementDraft) -> list[Change]:
    """What an update would change, field by field."""
    changes: list[Change] = []

    def note(label: Message, old, new) -> None:
        if old != new:
            changes.append(Change(label, (old,), (new,)))

    note(Message(N_("Reference")), before.reference, after.reference)
    note(Message(N_("Status")), _status(before.status), _status(after.status))
    note(Message(N_("Signed on")), before.signing_date, after.signing_date)
    note(Message(N_("Valid from")), before.valid_from, after.valid_from)
    note(Message(N_("Valid to")), before.valid_to, after.valid_to)
    ids = {p.university_id for p in before.parties} | {p.university_id for p in after.parties}
    names = display_names(db, list(ids))
    before_names = [names.get(p.university_id, "?") for p in before.parties]
    after_names = [names.get(p.university_id, "?") for p in after.parties]
    if before_names != after_names:
        changes.append(Change(Message(N_("Parties")), tuple(before_names), tuple(after_names)))
    old_parties = {p.university_id: p for p in before.parties}
    for party in after.parties:
        old = old_parties.get(party.university_id)
        if old is None:
            continue
        name = names.get(party.university_id, "?")
        for label, old_value, new_value in ((N_("Signatory of {party}"), old.signatory, party.signatory),
                                            (N_("Signed by {party} on"), old.signing_date, party.signing_date),
                                            (N_("Code of {party}"), old.local_code, party.local_code)):
            note(Message(label, {"party": name}), old_value, new_value)
    old_conditions = Counter(_condition_key(c, before_names) for c in before.conditions)
    new_conditions = Counter(_condition_key(c, after_names) for c in after.conditions)
    if old_conditions != new_conditions:  # the conditions that go, beside those that come
        changes.append(Change(Message(N_("Cooperation conditions")),
                              tuple(_condition(key) for key in (old_conditions - new_conditions).elements()),
                              tuple(_condition(key) for key in (new_conditions - old_conditions).elements())))
    return changes


def apply_preview(db, preview: EwpPreview) -> agreement_service.ImportOutcome:
    """Write what a preview planned, in one transaction through the agreements service."""
    creates = [(item.uuid, item.draft) for item in preview.items if item.action == "create"]
    updates = [(item.agreement_id, item.draft) for item in preview.items
               if item.action == "update" and item.agreement_id is not None]
    outcome = agreement_service.import_agreements(db, creates, updates)
    outcome.skipped += [item.uuid or "" for item in preview.items if item.action == "unchanged"]
    return outcome
