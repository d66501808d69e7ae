"""The transcript of records of a student's mobility, the grade conversion between the partners' scales
and the credits recognised at home (rules in domain/transcripts.py).

A transcript and its recognitions belong to the mobility (``ON DELETE CASCADE``): the GUI undoes a save
as a change to the mobility record. A university's grading table belongs to the university.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from desktop_app.domain.errors import NotFoundError, ValidationError
from desktop_app.domain.learning_agreements import Section
from desktop_app.domain.transcripts import (
    Conversion,
    GradeDraft,
    GradeTableDraft,
    RecognitionDraft,
    TranscriptDraft,
    TranscriptEntryDraft,
    convert_grade,
    validate_grade_table,
    validate_transcript,
)
from desktop_app.services import learning_agreements
from desktop_app.storage.database import Database
from desktop_app.storage.models import (
    CreditRecognition,
    MobilityRecord,
    TranscriptEntry,
    University,
    UniversityGrade,
)

TOPICS = frozenset({"mobility"})


def _mobility(session: Session, mobility_id: int) -> MobilityRecord:
    record = session.get(MobilityRecord, mobility_id)
    if record is None:
        raise NotFoundError("The mobility record no longer exists (id {id}); perhaps it was deleted.", id=mobility_id)
    return record


# --- grading tables -------------------------------------------------------------------------------

def _grades(session: Session, university_id: int) -> list[GradeDraft]:
    rows = session.execute(select(UniversityGrade).where(UniversityGrade.university_id == university_id)
                           .order_by(UniversityGrade.position, UniversityGrade.id)).scalars()
    return [GradeDraft(r.grade, r.ects_grade, r.share, r.passing) for r in rows]


def grade_table(db: Database, university_id: int) -> GradeTableDraft:
    with db.reading() as session:
        return GradeTableDraft(_grades(session, university_id))


def save_grade_table(db: Database, university_id: int, draft: GradeTableDraft) -> None:
    problems = validate_grade_table(draft)
    if problems:
        raise ValidationError(problems)
    with db.transaction(changes={"universities", "mobility"}) as session:
        if session.get(University, university_id) is None:
            raise NotFoundError("The university no longer exists; perhaps it was deleted.")
        session.execute(delete(UniversityGrade).where(UniversityGrade.university_id == university_id))
        for position, row in enumerate(draft.grades):
            session.add(UniversityGrade(university_id=university_id, position=position, grade=row.grade.strip(),
                                        ects_grade=row.ects_grade, share=row.share, passing=row.passing))


def convert(db: Database, mobility_id: int, grade: str) -> Conversion:
    """A grade of the receiving university on the sending (home) university's scale."""
    with db.reading() as session:
        record = _mobility(session, mobility_id)
        return convert_grade(grade, _grades(session, record.receiving_university_id),
                             _grades(session, record.sending_university_id))


# --- the transcript and the recognition -----------------------------------------------------------

def get(db: Database, mobility_id: int) -> TranscriptDraft:
    with db.reading() as session:
        record = _mobility(session, mobility_id)
        entries = session.execute(select(TranscriptEntry).where(TranscriptEntry.mobility_id == mobility_id)
                                  .order_by(TranscriptEntry.position, TranscriptEntry.id)).scalars()
        recognitions = session.execute(select(CreditRecognition).where(CreditRecognition.mobility_id == mobility_id)
                                       .order_by(CreditRecognition.position, CreditRecognition.id)).scalars()
        return TranscriptDraft(
            record.transcript_received_on,
            [TranscriptEntryDraft(e.title, e.credits, e.grade, e.code, e.passed, e.component_uuid) for e in entries],
            [RecognitionDraft(r.title, r.credits_agreed, r.credits_recognised, r.grade, r.reason, r.code,
                              r.component_uuid, r.recognised_on) for r in recognitions])


def agreed_components(db: Database, mobility_id: int,
                      section: str = Section.RECOGNIZED) -> dict[str, tuple[str, float]]:
    """The components of one table of the latest signed version: UUID -> (title, credits)."""
    with db.reading() as session:
        return _agreed(session, mobility_id, section)


def _agreed(session: Session, mobility_id: int, section: str = Section.RECOGNIZED) -> dict[str, tuple[str, float]]:
    agreement = learning_agreements.get_in(session, mobility_id)
    version = agreement.latest_signed() if agreement is not None else None
    if version is None:
        return {}
    return {c.uuid or "": (c.title, c.credits or 0.0) for c in version.components if c.section == section}


def save(db: Database, mobility_id: int, draft: TranscriptDraft) -> None:
    """Replace the mobility's transcript and recognitions, in one transaction. A recognition of fewer credits
    than its component of the agreement promised, without a reason, is refused naming the component."""
    with db.transaction(changes=set(TOPICS)) as session:
        write(session, mobility_id, draft)


def write(session: Session, mobility_id: int, draft: TranscriptDraft) -> None:
    record = _mobility(session, mobility_id)
    problems = validate_transcript(draft, _agreed(session, mobility_id))
    if problems:
        raise ValidationError(problems)
    session.execute(delete(TranscriptEntry).where(TranscriptEntry.mobility_id == mobility_id))
    session.execute(delete(CreditRecognition).where(CreditRecognition.mobility_id == mobility_id))
    for position, entry in enumerate(draft.entries):
        session.add(TranscriptEntry(mobility_id=mobility_id, position=position, code=entry.code.strip(),
                                    title=entry.title.strip(), credits=entry.credits, grade=entry.grade.strip(),
                                    passed=entry.passed, component_uuid=entry.component_uuid))
    for position, item in enumerate(draft.recognitions):
        session.add(CreditRecognition(mobility_id=mobility_id, position=position, component_uuid=item.component_uuid,
                                      code=item.code.strip(), title=item.title.strip(),
                                      credits_agreed=item.credits_agreed, credits_recognised=item.credits_recognised,
                                      grade=item.grade.strip(), reason=item.reason.strip(),
                                      recognised_on=item.recognised_on))
    record.transcript_received_on = draft.received_on if draft.entries else None


def proposed_recognitions(db: Database, mobility_id: int, on: dt.date | None = None) -> list[RecognitionDraft]:
    """One recognition per component of table B of the latest signed version, all its credits, the grade
    converted from the transcript's line for the studied component in the same place of table A."""
    with db.reading() as session:
        record = _mobility(session, mobility_id)
        agreement = learning_agreements.get_in(session, mobility_id)
        version = agreement.latest_signed() if agreement is not None else None
        if version is None:
            return []
        receiving, home = (_grades(session, record.receiving_university_id),
                           _grades(session, record.sending_university_id))
        grades = {e.component_uuid: e.grade for e in session.execute(
            select(TranscriptEntry).where(TranscriptEntry.mobility_id == mobility_id)).scalars() if e.component_uuid}
    studied = [c for c in version.components if c.section == Section.STUDIED]
    recognised = [c for c in version.components if c.section == Section.RECOGNIZED]
    result = []
    for index, component in enumerate(recognised):
        grade = grades.get(studied[index].uuid or "", "") if index < len(studied) else ""
        result.append(RecognitionDraft(component.title, component.credits or 0.0, component.credits or 0.0,
                                       convert_grade(grade, receiving, home).grade if grade else "",
                                       code=component.code, component_uuid=component.uuid,
                                       recognised_on=on or dt.date.today()))
    return result


# --- lines read from a file ------------------------------------------------------------------------

def import_entries(db: Database, mobility_id: int, entries: list[TranscriptEntryDraft],
                   received_on: dt.date | None = None) -> int:
    """Replace the mobility's transcript lines with ``entries`` (read by exchange/transcript_files.py), linked
    to the studied components of the agreement with the same code or title; its recognitions are kept. One
    transaction; the number of lines."""
    with db.transaction(changes=set(TOPICS)) as session:
        current = _mobility(session, mobility_id)
        by_title = {title.casefold(): uuid for uuid, (title, _credits) in
                    _agreed(session, mobility_id, Section.STUDIED).items()}
        codes = _studied_codes(session, mobility_id)
        for entry in entries:
            entry.component_uuid = codes.get(entry.code.casefold()) or by_title.get(entry.title.casefold())
        kept = get_in(session, mobility_id)
        write(session, mobility_id, TranscriptDraft(received_on or current.transcript_received_on or dt.date.today(),
                                                    entries, kept.recognitions))
    return len(entries)


def _studied_codes(session: Session, mobility_id: int) -> dict[str, str]:
    agreement = learning_agreements.get_in(session, mobility_id)
    version = agreement.latest_signed() if agreement is not None else None
    if version is None:
        return {}
    return {c.code.casefold(): c.uuid or "" for c in version.components if c.section == Section.STUDIED and c.code}


def get_in(session: Session, mobility_id: int) -> TranscriptDraft:
    recognitions = session.execute(select(CreditRecognition).where(CreditRecognition.mobility_id == mobility_id)
                                   .order_by(CreditRecognition.position, CreditRecognition.id)).scalars()
    return TranscriptDraft(None, [], [RecognitionDraft(r.title, r.credits_agreed, r.credits_recognised, r.grade,
                                                       r.reason, r.code, r.component_uuid, r.recognised_on)
                                      for r in recognitions])


# --- statistics -----------------------------------------------------------------------------------

def recognition_totals(db: Database) -> dict[str, float]:
    """Mobility recognition across the database: mobilities with recognitions, credits agreed and recognised
    (the recognition module's statistics show them beside diploma recognition)."""
    with db.reading() as session:
        mobilities, agreed, recognised = session.execute(select(
            func.count(func.distinct(CreditRecognition.mobility_id)), func.coalesce(func.sum(
                CreditRecognition.credits_agreed), 0), func.coalesce(func.sum(CreditRecognition.credits_recognised), 0),
        )).one()
    return {"mobilities": int(mobilities), "credits_agreed": round(float(agreed), 2),
            "credits_recognised": round(float(recognised), 2)}

