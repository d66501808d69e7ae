"""Recognition cases, following the area contract (docs/architecture.md): create, get, update, delete,
restore, page, choices, validate; plus the workflow (``change_status``), scans and pseudonymisation.

Every change writes its history in the same transaction: which field, when, old and new value.
Personal values never reach the history in clear; they are recorded masked and flagged. A case owns
its scans and its history (both ``ON DELETE CASCADE``), so a delete takes them along and undo brings
them back exactly.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace

from sqlalchemy import insert, select
from sqlalchemy import update as sql_update
from sqlalchemy.orm import Session

from desktop_app.domain.contract import PAGE_SIZE, Choice, Page, Problems, Record, Snapshot
from desktop_app.domain.errors import ConflictError, NotFoundError, UserError
from desktop_app.domain.preferences import Options
from desktop_app.domain.progress import NO_PROGRESS, Progress
from desktop_app.domain.recognition import (
    MASK,
    PERSONAL_FIELDS,
    AppealResult,
    CaseDraft,
    CaseStatus,
    check_transition,
    is_overdue,
    pseudonym,
)
from desktop_app.domain.text import fold_for_search
from desktop_app.services import records
from desktop_app.services.recognition_queries import SORT_COLUMNS, CaseFilter, PageKey, fetch_page, page_query
from desktop_app.storage.base import new_uuid
from desktop_app.storage.database import Database
from desktop_app.storage.models import (
    EquivalenceRule,
    RecognitionAttachment,
    RecognitionCase,
    RecognitionHistory,
    University,
)

TOPIC = "recognition"
KIND = "recognition_case"
TOPICS = frozenset({TOPIC})
DRAFT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(CaseDraft))


def search_text_for(values: dict) -> str:
    parts = [values.get(name) or "" for name in (
        "reference", "qualification_title", "issuing_university_name", "recognising_institution",
        "holder_name", "issuing_country", "recognising_country")]
    return fold_for_search(" | ".join(part for part in parts if part))


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _history(case_id: int | None, action: str, field: str = "", old="", new="") -> dict:
    personal = field in PERSONAL_FIELDS
    old_text, new_text = _text(old), _text(new)
    if personal:  # the fact of the change is kept, the values are not
        old_text = MASK if old_text else ""
        new_text = MASK if new_text else ""
    return {"case_id": case_id, "changed_at": dt.datetime.now(dt.UTC), "action": action,
            "field": field, "old_value": old_text, "new_value": new_text, "personal": personal}


def draft_of(case: RecognitionCase) -> CaseDraft:
    return CaseDraft(**{name: getattr(case, name) for name in DRAFT_FIELDS})


def changed_fields(before: CaseDraft, after: CaseDraft) -> list[str]:
    """The fields whose stored text differs between two drafts (what the history records)."""
    return [name for name in DRAFT_FIELDS if _text(getattr(before, name)) != _text(getattr(after, name))]


def _resolve_university(session: Session, draft: CaseDraft) -> None:
    """A university from the register gives its display name and country to the case."""
    if draft.issuing_university_id is None:
        return
    row = session.execute(select(University.display_name, University.country_code)
                          .where(University.id == draft.issuing_university_id)).one_or_none()
    if row is None:
        raise NotFoundError("The issuing university no longer exists in the register.",
                            field="issuing_university_id")
    draft.issuing_university_name = draft.issuing_university_name or row.display_name
    draft.issuing_country = draft.issuing_country or row.country_code


def _ensure_rule(session: Session, draft: CaseDraft) -> None:
    if draft.rule_id is not None and session.get(EquivalenceRule, draft.rule_id) is None:
        raise NotFoundError("The equivalence rule no longer exists.", field="rule_id")


def _ensure_unique_reference(session: Session, reference: str, own_id: int | None = None) -> None:
    query = select(RecognitionCase.id).where(RecognitionCase.reference == reference)
    if own_id is not None:
        query = query.where(RecognitionCase.id != own_id)
    if session.execute(query).first() is not None:
        raise ConflictError("Another case already has the reference number {reference}.",
                            field="reference", reference=reference)


def _apply(case: RecognitionCase, draft: CaseDraft) -> None:
    for name in DRAFT_FIELDS:
        setattr(case, name, getattr(draft, name))
    case.appeal_lodged = draft.appeal_lodged_on is not None
    case.decision_days = (draft.decided_on - draft.received_on).days if draft.decided_on and draft.received_on else None
    case.search_text = search_text_for({name: getattr(draft, name) for name in CaseDraft.__dataclass_fields__})


def row_values(draft: CaseDraft, status: str = CaseStatus.RECEIVED, closed_on: dt.date | None = None,
               uuid: str | None = None) -> dict:
    """The columns of a new case row, for bulk inserts (imports, demo, benchmark-sized data)."""
    values = {name: getattr(draft, name) for name in DRAFT_FIELDS}
    values.update(
        uuid=uuid or new_uuid(), status=status, closed_on=closed_on, pseudonymised=False,
        appeal_lodged=draft.appeal_lodged_on is not None,
        decision_days=(draft.decided_on - draft.received_on).days if draft.decided_on and draft.received_on else None,
        search_text=search_text_for(values))
    return values


def validate(draft: CaseDraft) -> Problems:
    """Every problem of the draft, keyed by field (a reference already used is found on save)."""
    return replace(draft).normalised().problems()


def create(db: Database, draft: CaseDraft, uuid: str | None = None) -> int:
    """A new case, received; its history starts with every value entered (personal ones masked)."""
    draft = replace(draft).normalised()
    with db.transaction(changes=set(TOPICS)) as session:
        _resolve_university(session, draft)
        _ensure_rule(session, draft)
        draft.validate()
        _ensure_unique_reference(session, draft.reference)
        case = RecognitionCase(status=CaseStatus.RECEIVED)
        if uuid:
            case.uuid = uuid
        _apply(case, draft)
        session.add(case)
        session.flush()
        rows = [_history(case.id, "created", "status", "", CaseStatus.RECEIVED)]
        rows += [_history(case.id, "created", name, "", getattr(draft, name))
                 for name in DRAFT_FIELDS if _text(getattr(draft, name))]
        session.execute(insert(RecognitionHistory), rows)
        return case.id


def _load(session: Session, case_id: int) -> RecognitionCase:
    case = session.get(RecognitionCase, case_id)
    if case is None:
        raise NotFoundError("The recognition case no longer exists.")
    return case


def _save(session: Session, case: RecognitionCase, draft: CaseDraft) -> list[str]:
    draft = replace(draft).normalised()
    _resolve_university(session, draft)
    _ensure_rule(session, draft)
    draft.validate()
    _ensure_unique_reference(session, draft.reference, case.id)
    before = draft_of(case)
    changed = changed_fields(before, draft)
    if changed:
        _apply(case, draft)
        session.execute(insert(RecognitionHistory),
                        [_history(case.id, "changed", name, getattr(before, name), getattr(draft, name))
                         for name in changed])
    return changed


def get(db: Database, case_id: int, options: Options | None = None, today: dt.date | None = None) -> Record[CaseDraft]:
    """The case as its draft, with the facts the workflow keeps: status, when it was closed, the appeal,
    whether it is overdue by the user's horizon (``options``), whether it was pseudonymised."""
    options = options or Options()
    with db.reading() as session:
        case = _load(session, case_id)
        facts = {
            "status": case.status, "closed_on": case.closed_on, "decision_days": case.decision_days,
            "appeal_lodged": case.appeal_lodged,
            "appeal_pending": case.status == CaseStatus.APPEALED and case.appeal_result == AppealResult.NONE,
            "overdue": is_overdue(case.status, case.received_on, options.recognition_overdue_days, today),
            "pseudonymised": case.pseudonymised, "updated_at": case.updated_at,
        }
        return Record(case.id, case.uuid, draft_of(case), facts)


def update(db: Database, case_id: int, draft: CaseDraft) -> None:
    """Store the user's edits; each changed field goes into the history (see ``changed_fields``)."""
    with db.transaction(changes=set(TOPICS)) as session:
        _save(session, _load(session, case_id), draft)


def delete(db: Database, case_id: int) -> Snapshot:
    """Delete a case with its scans and history; the snapshot brings them all back."""
    with db.reading() as session:
        reference = session.execute(select(RecognitionCase.reference).where(RecognitionCase.id == case_id)).scalar()
    return records.delete_record(db, KIND, case_id, TOPICS, reference or "")


def restore(db: Database, snapshot: Snapshot) -> int:
    return records.restore_record(db, snapshot, TOPICS)


def page(db: Database, query: CaseFilter | None = None, after: PageKey | None = None,
         limit: int = PAGE_SIZE) -> Page[dict]:
    """One page of cases in the query's order after the row keyed ``after`` (keyset paging: the
    thousandth page costs what the first does); personal values masked unless the query reveals them."""
    query = query or CaseFilter()
    sort = query.sort if query.sort in SORT_COLUMNS else "received_on"
    rows = fetch_page(db, query, sort, query.descending, after, limit, query.reveal)
    last = rows[-1] if len(rows) == limit else None
    return Page(rows, PageKey(last[sort], last["id"]) if last else None)


def choices(db: Database, search: str = "", limit: int = 50) -> list[Choice]:
    """Cases for a picker, by reference: never the holder (a picker is no place for personal data)."""
    columns = [RecognitionCase.id, RecognitionCase.uuid, RecognitionCase.reference, RecognitionCase.issuing_country,
               RecognitionCase.qualification_title]
    with db.reading() as session:
        rows = session.execute(page_query(CaseFilter(search=search), "reference", False, None, limit, db.is_sqlite,
                                          columns)).all()
    return [Choice(row.id, row.uuid, row.reference, row.issuing_country, row.qualification_title) for row in rows]


def change_status(db: Database, case_id: int, target: str, draft: CaseDraft | None = None,
                  today: dt.date | None = None) -> None:
    """Move a case along the workflow, saving the facts the move needs (given in ``draft``) with it."""
    with db.transaction(changes=set(TOPICS)) as session:
        case = _load(session, case_id)
        if draft is not None:
            _save(session, case, draft)
        check_transition(case.status, target, draft_of(case))
        rows = [_history(case_id, "status", "status", case.status, target)]
        if target == CaseStatus.CLOSED:
            case.closed_on = today or dt.date.today()
            rows.append(_history(case_id, "status", "closed_on", "", case.closed_on))
        if target == CaseStatus.UNDER_EVALUATION and case.status == CaseStatus.APPEALED:
            rows.append(_history(case_id, "status", "decided_on", case.decided_on, ""))
            case.decided_on, case.decision_days = None, None
        case.status = target
        session.execute(insert(RecognitionHistory), rows)


@dataclass(frozen=True)
class HistoryEntry:
    changed_at: dt.datetime
    action: str
    field: str
    old_value: str
    new_value: str
    personal: bool


def case_history(db: Database, case_id: int) -> list[HistoryEntry]:
    with db.reading() as session:
        rows = session.execute(
            select(RecognitionHistory).where(RecognitionHistory.case_id == case_id)
            .order_by(RecognitionHistory.id)).scalars()
        return [HistoryEntry(r.changed_at, r.action, r.field, r.old_value, r.new_value, r.personal) for r in rows]


def record_event(db: Database, action: str, field: str, value: str, case_id: int | None = None) -> None:
    """A deliberate act about data (an export, statistics, revealing personal data) for the record."""
    with db.transaction() as session:
        session.execute(insert(RecognitionHistory), [
            {**_history(case_id, action, "", "", value), "field": field}])


def recent_events(db: Database, limit: int = 50) -> list[HistoryEntry]:
    with db.reading() as session:
        rows = session.execute(select(RecognitionHistory).where(RecognitionHistory.case_id.is_(None))
                               .order_by(RecognitionHistory.id.desc()).limit(limit)).scalars()
        return [HistoryEntry(r.changed_at, r.action, r.field, r.old_value, r.new_value, r.personal) for r in rows]


def case_id_by_reference(db: Database, reference: str) -> int:
    with db.reading() as session:
        found = session.execute(select(RecognitionCase.id).where(RecognitionCase.reference == reference)).scalar()
        if found is None:
            raise NotFoundError("No case has the reference number {reference}.", reference=reference)
        return found


def issuing_university_choices(db: Database, limit: int = 5000) -> list[tuple[int, str, str]]:
    """(id, name, country) of the universities a case's issuing university is chosen from, by name."""
    with db.reading() as session:
        rows = session.execute(
            select(University.id, University.display_name, University.country_code)
            .order_by(University.display_name).limit(limit))
        return [(uid, name, country) for uid, name, country in rows]


def add_attachment(db: Database, case_id: int, file_name: str, content: bytes,
                   media_type: str = "application/octet-stream") -> str:
    digest = hashlib.sha256(content).hexdigest()
    with db.transaction(changes=set(TOPICS)) as session:
        _load(session, case_id)
        session.add(RecognitionAttachment(case_id=case_id, file_name=file_name, media_type=media_type,
                                          size=len(content), sha256=digest, content=content))
        session.execute(insert(RecognitionHistory), [_history(case_id, "attachment", "attachment", "",
                                                              f"{file_name} sha256:{digest}")])
    return digest


def attachments(db: Database, case_id: int) -> list[tuple[int, str, int, str]]:
    """(id, file name, size, SHA-256) of each scan; the content is read only when opened."""
    with db.reading() as session:
        return [(uid, name, size, digest) for uid, name, size, digest in session.execute(
            select(RecognitionAttachment.id, RecognitionAttachment.file_name, RecognitionAttachment.size,
                   RecognitionAttachment.sha256).where(RecognitionAttachment.case_id == case_id)
            .order_by(RecognitionAttachment.id))]


def attachment_content(db: Database, attachment_id: int) -> tuple[str, bytes]:
    """The scan, verified against its checksum."""
    with db.reading() as session:
        row = session.get(RecognitionAttachment, attachment_id)
        if row is None:
            raise NotFoundError("The attachment no longer exists.")
        if hashlib.sha256(row.content).hexdigest() != row.sha256:
            raise UserError("The attachment {name} is damaged: its checksum does not match.", name=row.file_name)
        return row.file_name, row.content


@dataclass(frozen=True)
class StoredCase:
    """A case an import names (by UUID or reference): what it holds now, to compare a file's row with."""

    id: int
    uuid: str
    draft: CaseDraft
    status: str
    closed_on: dt.date | None


def stored_cases(db: Database, references: Sequence[str], uuids: Sequence[str]) -> dict[str, StoredCase]:
    """The stored cases among the given references and UUIDs, keyed ``ref:<reference>`` and ``uuid:<uuid>``
    (only those are read, never every case of a large database)."""
    found: dict[str, StoredCase] = {}
    with db.reading() as session:
        for column, wanted in ((RecognitionCase.reference, list(references)), (RecognitionCase.uuid, list(uuids))):
            for start in range(0, len(wanted), 500):
                for case in session.execute(select(RecognitionCase).where(
                        column.in_(wanted[start:start + 500]))).scalars():
                    stored = StoredCase(case.id, case.uuid, draft_of(case), case.status, case.closed_on)
                    found[f"ref:{case.reference}"] = stored
                    found[f"uuid:{case.uuid}"] = stored
    return found


def import_cases(db: Database, entries: Sequence[tuple], source: str, progress: Progress = NO_PROGRESS,
                 updates: Sequence[tuple[int, CaseDraft, str, dt.date | None]] = ()) -> int:
    """Write checked cases all or none, in one transaction; each case's history says which file it came from.

    ``entries`` are new cases (draft, status, closed on[, uuid]); a reference already taken refuses the
    whole import. ``updates`` (case id, draft, status, closed on) change the cases a file names: the
    changed fields and the status go into their history as imported. Returns how many cases were written."""
    total = len(entries) + len(updates)
    now = dt.datetime.now(dt.UTC)
    with db.transaction(changes=set(TOPICS)) as session:
        for start in range(0, len(entries), 1000):
            progress.check_cancelled()
            progress.report(start, total)
            batch = [(replace(entry[0]).normalised(), entry[1], entry[2], entry[3] if len(entry) > 3 else None)
                     for entry in entries[start:start + 1000]]
            for draft, status, _closed_on, _uuid in batch:
                draft.validate()
                CaseStatus(status)  # an unknown status is a programming error, not a row to store
            references = [draft.reference for draft, *_rest in batch]
            taken = session.execute(select(RecognitionCase.reference)
                                    .where(RecognitionCase.reference.in_(references))).scalars().first()
            if taken is not None or len(set(references)) < len(references):
                raise ConflictError("Another case already has the reference number {reference}.", field="reference",
                                    reference=taken or next(r for r in references if references.count(r) > 1))
            session.connection().execute(RecognitionCase.__table__.insert(), [
                row_values(draft, status, closed_on, uuid) for draft, status, closed_on, uuid in batch])
            ids = session.execute(select(RecognitionCase.id).where(
                RecognitionCase.reference.in_(references))).scalars().all()
            session.execute(insert(RecognitionHistory), [
                {"case_id": case_id, "changed_at": now, "action": "imported", "field": "file",
                 "old_value": "", "new_value": source, "personal": False} for case_id in ids])
        for number, (case_id, draft, status, closed_on) in enumerate(updates):
            if number % 500 == 0:
                progress.check_cancelled()
                progress.report(len(entries) + number, total)
            _import_change(session, _load(session, case_id), replace(draft).normalised(), status, closed_on, source)
        progress.check_cancelled()
    progress.report(total, total)
    return total


def _import_change(session: Session, case: RecognitionCase, draft: CaseDraft, status: str,
                   closed_on: dt.date | None, source: str) -> None:
    draft.validate()
    CaseStatus(status)
    _ensure_unique_reference(session, draft.reference, case.id)
    before = draft_of(case)
    rows = [_history(case.id, "imported", name, getattr(before, name), getattr(draft, name))
            for name in changed_fields(before, draft)]
    _apply(case, draft)
    if status != case.status:
        rows.append(_history(case.id, "imported", "status", case.status, status))
        case.status = status
    if closed_on != case.closed_on:
        rows.append(_history(case.id, "imported", "closed_on", case.closed_on, closed_on))
        case.closed_on = closed_on
    if rows:
        rows.append(_history(case.id, "imported", "file", "", source))
        session.execute(insert(RecognitionHistory), rows)


def pseudonymise_closed_cases(db: Database, older_than_years: int, today: dt.date | None = None) -> int:
    """Replace the holder of every case closed more than N years ago by a pseudonym; returns how many.

    The name becomes a stable pseudonym, date of birth and document number are removed; citizenship
    is kept because the statistics of the working group count by country, not by person.
    """
    if older_than_years < 0:
        raise UserError("The number of years cannot be negative.")
    today = today or dt.date.today()
    try:
        cutoff = today.replace(year=today.year - older_than_years)
    except ValueError:  # 29 February
        cutoff = today.replace(year=today.year - older_than_years, day=28)
    with db.transaction(changes=set(TOPICS)) as session:
        targets = session.execute(
            select(RecognitionCase.id, RecognitionCase.uuid, RecognitionCase.holder_name,
                   RecognitionCase.holder_birth_date, RecognitionCase.document_number, RecognitionCase.reference,
                   RecognitionCase.qualification_title, RecognitionCase.issuing_university_name,
                   RecognitionCase.recognising_institution, RecognitionCase.issuing_country,
                   RecognitionCase.recognising_country)
            .where(RecognitionCase.status == CaseStatus.CLOSED, RecognitionCase.closed_on < cutoff,
                   RecognitionCase.pseudonymised.is_(False))).all()
        history = []
        for row in targets:
            name = pseudonym(row.uuid)
            values = row._asdict() | {"holder_name": name}
            session.execute(sql_update(RecognitionCase).where(RecognitionCase.id == row.id).values(
                holder_name=name, holder_birth_date=None, document_number="", pseudonymised=True,
                search_text=search_text_for(values)))
            history += [_history(row.id, "pseudonymised", "holder_name", row.holder_name, name)]
            if row.holder_birth_date:
                history.append(_history(row.id, "pseudonymised", "holder_birth_date", row.holder_birth_date, ""))
            if row.document_number:
                history.append(_history(row.id, "pseudonymised", "document_number", row.document_number, ""))
        history.append({**_history(None, "pseudonymised", "", "", str(len(targets))), "field": "cases"})
        session.execute(insert(RecognitionHistory), history)
        return len(targets)
