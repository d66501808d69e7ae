"""Recognition cases: enter, change, move through the workflow, attach scans, pseudonymise.

Every change writes its history in the same transaction: which field, when, old and new value.
Personal values never reach the history in clear; they are recorded masked and flagged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, fields

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from desktop_app.domain.errors import ConflictError, NotFoundError, UserError
from desktop_app.domain.recognition import (
    MASK,
    PERSONAL_FIELDS,
    CaseDraft,
    CaseStatus,
    check_transition,
    pseudonym,
)
from desktop_app.domain.text import fold_for_search
from desktop_app.storage.base import new_uuid
from desktop_app.storage.database import Database
from desktop_app.storage.models import RecognitionAttachment, RecognitionCase, RecognitionHistory, University

TOPIC = "recognition"


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
    return CaseDraft(**{f.name: getattr(case, f.name) for f in fields(CaseDraft)})


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


def _ensure_unique_reference(session: Session, reference: str, own_id: int | None = None) -> None:
    query = select(RecognitionCase.id).where(RecognitionCase.reference == reference)
    if own_id is not None:
        query = query.where(RecognitionCase.id != own_id)
    if session.execute(query).first() is not None:
        raise ConflictError("Another case already has the reference number {reference}.",
                            field="reference", reference=reference)


def _apply(case: RecognitionCase, draft: CaseDraft) -> None:
    for name in (f.name for f in fields(CaseDraft)):
        setattr(case, name, getattr(draft, name))
    case.appeal_lodged = draft.appeal_lodged_on is not None
    case.decision_days = (draft.decided_on - draft.received_on).days if draft.decided_on and draft.received_on else None
    case.search_text = search_text_for({name: getattr(draft, name) for name in CaseDraft.__dataclass_fields__})


def row_values(draft: CaseDraft, status: str = CaseStatus.RECEIVED, closed_on: dt.date | None = None) -> dict:
    """The columns of a new case row, for bulk inserts (imports, demo, benchmark-sized data)."""
    values = {name: getattr(draft, name) for name in CaseDraft.__dataclass_fields__}
    values.update(
        uuid=new_uuid(), status=status, closed_on=closed_on, pseudonymised=False, rule_id=None,
        appeal_lodged=draft.appeal_lodged_on is not None,
        decision_days=(draft.decided_on - draft.received_on).days if draft.decided_on and draft.received_on else None,
        search_text=search_text_for(values))
    return values


def create_case(db: Database, draft: CaseDraft, rule_id: int | None = None) -> int:
    draft.normalised()
    with db.transaction(changes={TOPIC}) as session:
        _resolve_university(session, draft)
        draft.validate()
        _ensure_unique_reference(session, draft.reference)
        case = RecognitionCase(status=CaseStatus.RECEIVED, rule_id=rule_id)
        _apply(case, draft)
        session.add(case)
        session.flush()
        rows = [_history(case.id, "created", "status", "", CaseStatus.RECEIVED)]
        rows += [_history(case.id, "created", name, "", getattr(draft, name))
                 for name in CaseDraft.__dataclass_fields__ if _text(getattr(draft, name))]
        session.execute(insert(RecognitionHistory), rows)
        return case.id


def _load(session: Session, case_id: int) -> RecognitionCase:
    case = session.get(RecognitionCase, case_id)
    if case is None:
        raise NotFoundError("The recognition case no longer exists.")
    return case


def _save(session: Session, case: RecognitionCase, draft: CaseDraft) -> list[str]:
    draft.normalised()
    _resolve_university(session, draft)
    draft.validate()
    _ensure_unique_reference(session, draft.reference, case.id)
    before = draft_of(case)
    changed = [name for name in CaseDraft.__dataclass_fields__
               if _text(getattr(before, name)) != _text(getattr(draft, name))]
    if changed:
        _apply(case, draft)
        session.execute(insert(RecognitionHistory),
                        [_history(case.id, "changed", name, getattr(before, name), getattr(draft, name))
                         for name in changed])
    return changed


def update_case(db: Database, case_id: int, draft: CaseDraft) -> list[str]:
    """Save the user's edits; returns the names of the fields that changed (each in the history)."""
    with db.transaction(changes={TOPIC}) as session:
        return _save(session, _load(session, case_id), draft)


def change_status(db: Database, case_id: int, target: str, draft: CaseDraft | None = None,
                  today: dt.date | None = None) -> None:
    """Move a case along the workflow, saving the facts the move needs (given in ``draft``) with it."""
    with db.transaction(changes={TOPIC}) as session:
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


def get_case(db: Database, case_id: int) -> tuple[CaseDraft, str, bool]:
    """The case as a draft, its status, and whether it was pseudonymised."""
    with db.reading() as session:
        case = _load(session, case_id)
        return draft_of(case), case.status, case.pseudonymised


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
    with db.transaction(changes={TOPIC}) as session:
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


def delete_case(db: Database, case_id: int) -> None:
    with db.transaction(changes={TOPIC}) as session:
        _load(session, case_id)
        session.execute(delete(RecognitionCase).where(RecognitionCase.id == case_id))


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
    with db.transaction(changes={TOPIC}) as session:
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
            session.execute(update(RecognitionCase).where(RecognitionCase.id == row.id).values(
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
