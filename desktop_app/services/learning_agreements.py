"""Learning agreements of students' mobilities: read, saved whole (every version kept), listed page by
page for the command line and the dashboard, and started from the joint programme's study plan.

A learning agreement belongs to its mobility (``ON DELETE CASCADE``): deleting the mobility deletes it,
undo brings it back, and the national data package carries it with the mobility. Its changes are
undone in the GUI as a change to the mobility record (``commands.ChangeRecord`` over ``services.mobility``).

A version signed by the student and both coordinators is never changed afterwards: a change during the
mobility is a new version.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, fields
from functools import cache

from sqlalchemy import and_, bindparam, case, delete, func, literal, select
from sqlalchemy.orm import Session, aliased

from desktop_app.domain.contract import PAGE_SIZE, Message, Page, Record
from desktop_app.domain.errors import NotFoundError, UserError, ValidationError
from desktop_app.domain.learning_agreements import (
    AgreementStatus,
    ComponentDraft,
    LearningAgreementDraft,
    Section,
    VersionDraft,
    validate_learning_agreement,
)
from desktop_app.domain.mobility import PersonKind
from desktop_app.services.list_queries import as_date, date_text
from desktop_app.storage.database import Database
from desktop_app.storage.models import (
    Course,
    CourseEquivalence,
    LearningAgreement,
    LearningAgreementComponent,
    LearningAgreementVersion,
    MobilityRecord,
    Programme,
    Semester,
    University,
)

TOPICS = frozenset({"mobility"})
LA, V, C = LearningAgreement, LearningAgreementVersion, LearningAgreementComponent

_AGREEMENT_FIELDS = [f.name for f in fields(LearningAgreementDraft) if f.name != "versions"]
_VERSION_FIELDS = [f.name for f in fields(VersionDraft) if f.name != "components"]
_COMPONENT_FIELDS = [f.name for f in fields(ComponentDraft) if f.name != "uuid"]


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    """Signature times as stored: aware, in UTC (SQLite gives them back without their zone)."""
    if value is None:
        return None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _mobility(session: Session, mobility_id: int) -> MobilityRecord:
    record = session.get(MobilityRecord, mobility_id)
    if record is None:
        raise NotFoundError("The mobility record no longer exists (id {id}); perhaps it was deleted.", id=mobility_id)
    return record


def _agreement_row(session: Session, mobility_id: int) -> LearningAgreement | None:
    return session.execute(select(LA).where(LA.mobility_id == mobility_id)).scalar_one_or_none()


def read_draft(session: Session, agreement: LearningAgreement) -> LearningAgreementDraft:
    versions = session.execute(select(V).where(V.agreement_id == agreement.id).order_by(V.number)).scalars().all()
    components = session.execute(select(C).where(C.version_id.in_([v.id for v in versions]))
                                 .order_by(C.version_id, C.position, C.id)).scalars().all() if versions else []
    by_version: dict[int, list[ComponentDraft]] = {}
    for c in components:
        by_version.setdefault(c.version_id, []).append(
            ComponentDraft(**{name: getattr(c, name) for name in _COMPONENT_FIELDS}, uuid=c.uuid))
    drafts = []
    for v in versions:
        values = {name: getattr(v, name) for name in _VERSION_FIELDS}
        for name in ("student_signed_at", "sending_signed_at", "receiving_signed_at"):
            values[name] = _utc(values[name])
        drafts.append(VersionDraft(**values, components=by_version.get(v.id, [])))
    return LearningAgreementDraft(versions=drafts, **{name: getattr(agreement, name) for name in _AGREEMENT_FIELDS})


def get_in(session: Session, mobility_id: int) -> LearningAgreementDraft | None:
    """The mobility's learning agreement read inside the caller's session (None when it has none)."""
    agreement = _agreement_row(session, mobility_id)
    return None if agreement is None else read_draft(session, agreement)


def get_for(db: Database, mobility_id: int) -> Record[LearningAgreementDraft] | None:
    """The mobility's learning agreement (None when it has none yet)."""
    with db.reading() as session:
        _mobility(session, mobility_id)
        agreement = _agreement_row(session, mobility_id)
        if agreement is None:
            return None
        return Record(agreement.id, agreement.uuid, read_draft(session, agreement), {"mobility_id": mobility_id})


def mobility_of(db: Database, agreement_id: int) -> int:
    with db.reading() as session:
        found = session.execute(select(LA.mobility_id).where(LA.id == agreement_id)).scalar_one_or_none()
    if found is None:
        raise NotFoundError("There is no learning agreement number {id}.", id=agreement_id)
    return found


def _signed_versions_kept(stored: LearningAgreementDraft, draft: LearningAgreementDraft) -> None:
    """A version signed by all three stays as it was signed: refuse a draft that drops or changes one."""
    for version in stored.versions:
        if not version.signed:
            continue
        if version.number > len(draft.versions):
            raise UserError("Version {number} of the learning agreement is signed and cannot be removed.",
                            field="versions", number=version.number)
        kept = draft.versions[version.number - 1]
        if ([c.identity() for c in kept.components] != [c.identity() for c in version.components]
                or (kept.student_signed_at, kept.sending_signed_at, kept.receiving_signed_at)
                != (version.student_signed_at, version.sending_signed_at, version.receiving_signed_at)):
            raise UserError("Version {number} of the learning agreement is signed by the student and both "
                            "coordinators and cannot be changed: record the change as a new version.",
                            field="versions", number=version.number)


def _clean(value):
    return value.strip() if isinstance(value, str) else value


def write(session: Session, mobility_id: int, draft: LearningAgreementDraft) -> int:
    """Store the draft as the mobility's learning agreement (inside the caller's transaction)."""
    record = _mobility(session, mobility_id)
    if record.person_kind != PersonKind.STUDENT:
        raise UserError("Only a student's mobility has a learning agreement.", field="mobility_id")
    problems = validate_learning_agreement(draft)
    if problems:
        raise ValidationError(problems)
    agreement = _agreement_row(session, mobility_id)
    kept_uuids: dict[int, str] = {}
    if agreement is None:
        agreement = LearningAgreement(mobility_id=mobility_id)
        session.add(agreement)
    else:
        _signed_versions_kept(read_draft(session, agreement), draft)
        # A version keeps its UUID from save to save (undo puts a snapshot back by UUIDs).
        kept_uuids = dict(session.execute(select(V.number, V.uuid).where(V.agreement_id == agreement.id)).all())
        version_ids = select(V.id).where(V.agreement_id == agreement.id).scalar_subquery()
        session.execute(delete(C).where(C.version_id.in_(version_ids)))
        session.execute(delete(V).where(V.agreement_id == agreement.id))
        session.flush()  # the rows' UUIDs are free again for the versions written below
    for name in _AGREEMENT_FIELDS:
        value = _clean(getattr(draft, name))
        setattr(agreement, name, value.upper() if name == "cefr_level" else value)
    session.flush()
    for version in draft.versions:
        known = {"uuid": kept_uuids[version.number]} if version.number in kept_uuids else {}
        row = V(agreement_id=agreement.id, **{name: _clean(getattr(version, name)) for name in _VERSION_FIELDS},
                **known)
        session.add(row)
        session.flush()
        for position, component in enumerate(version.components):
            values = {name: _clean(getattr(component, name)) for name in _COMPONENT_FIELDS}
            values["position"] = position
            extra = {"uuid": component.uuid} if component.uuid else {}
            session.add(C(version_id=row.id, **values, **extra))
    session.flush()
    return agreement.id


def save(db: Database, mobility_id: int, draft: LearningAgreementDraft) -> int:
    """Create or replace the mobility's learning agreement, in one transaction; its id."""
    with db.transaction(changes=set(TOPICS)) as session:
        return write(session, mobility_id, draft)


def remove(db: Database, mobility_id: int) -> None:
    with db.transaction(changes=set(TOPICS)) as session:
        agreement = _agreement_row(session, mobility_id)
        if agreement is not None:
            session.delete(agreement)


def signed_mobility_ids(session: Session, mobility_ids: list[int]) -> set[int]:
    """Those of the mobilities whose learning agreement has a version signed by all three."""
    if not mobility_ids:
        return set()
    query = (select(LA.mobility_id).join(V, V.agreement_id == LA.id)
             .where(LA.mobility_id.in_(mobility_ids), V.student_signed_at.is_not(None),
                    V.sending_signed_at.is_not(None), V.receiving_signed_at.is_not(None)).distinct())
    return set(session.execute(query).scalars())


def ever_signed(db: Database, mobility_id: int) -> bool:
    with db.reading() as session:
        return mobility_id in signed_mobility_ids(session, [mobility_id])


# --- the list -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class AgreementQuery:
    unsigned_only: bool = False  # only those whose latest version waits for a signature
    mobility_id: int | None = None


@dataclass(frozen=True)
class AgreementRow:
    id: int
    uuid: str
    mobility_id: int
    mobility_uuid: str
    version: int
    status: str
    sending_university: str
    receiving_university: str
    start_date: dt.date
    end_date: dt.date
    credits_studied: float
    credits_recognised: float

    @property
    def signed(self) -> bool:
        return self.status == AgreementStatus.SIGNED

    def as_json(self) -> dict:
        return {"id": self.id, "uuid": self.uuid, "mobility_id": self.mobility_id, "mobility_uuid": self.mobility_uuid,
                "version": self.version, "status": self.status, "signed": self.signed,
                "sending_university": self.sending_university, "receiving_university": self.receiving_university,
                "start_date": self.start_date.isoformat(), "end_date": self.end_date.isoformat(),
                "credits_studied": self.credits_studied, "credits_recognised": self.credits_recognised}


def _latest_versions():
    return aliased(V, name="latest")


def _is_latest(latest):
    """The version is its agreement's latest (looked up per agreement on the unique (agreement, number) index)."""
    newer = aliased(V, name="newer")
    return and_(latest.agreement_id == LA.id, latest.number == select(func.max(newer.number))
                .where(newer.agreement_id == LA.id).correlate(LA).scalar_subquery())


def _signature_count(latest):
    """How many of the three have signed the version, counted by the database (no timestamps to read)."""
    return sum((case((when.is_not(None), 1), else_=0) for when in (
        latest.student_signed_at, latest.sending_signed_at, latest.receiving_signed_at)), literal(0))


def _credits_of(latest, section: str):
    """The version's credits in one table, summed on the components' version index."""
    return (select(func.coalesce(func.sum(C.credits), 0)).where(C.version_id == latest.id, C.section == section)
            .correlate(latest).scalar_subquery())


@cache
def _page_statement(paged: bool, unsigned_only: bool, one_mobility: bool):
    """The page query of one shape, built once (building it costs more than running it on its indexes). One
    round trip: the signatures are counted and the credits summed by the database, dates read as stored."""
    latest = _latest_versions()
    sending, receiving = aliased(University, name="s"), aliased(University, name="r")
    signatures = _signature_count(latest)
    statement = (select(LA.id, LA.uuid, LA.mobility_id, MobilityRecord.uuid, latest.number, signatures,
                        sending.display_name, receiving.display_name,
                        date_text(MobilityRecord.start_date, "start_date"), date_text(MobilityRecord.end_date,
                                                                                      "end_date"),
                        _credits_of(latest, Section.STUDIED), _credits_of(latest, Section.RECOGNIZED))
                 .join(MobilityRecord, MobilityRecord.id == LA.mobility_id)
                 .join(latest, _is_latest(latest))
                 .join(sending, sending.id == MobilityRecord.sending_university_id)
                 .join(receiving, receiving.id == MobilityRecord.receiving_university_id)
                 .order_by(LA.id).limit(bindparam("limit")))
    if paged:
        statement = statement.where(LA.id > bindparam("after"))
    if unsigned_only:
        statement = statement.where(signatures < 3)
    if one_mobility:
        statement = statement.where(LA.mobility_id == bindparam("mobility_id"))
    return statement


def awaiting_signature_mobilities():
    """The mobilities whose learning agreement's latest version still waits for a signature (a subquery
    for the mobility list's filter)."""
    latest = _latest_versions()
    return select(LA.mobility_id).join(latest, _is_latest(latest)).where(_signature_count(latest) < 3)


_STATUS_BY_SIGNATURES = {0: str(AgreementStatus.DRAFT), 1: str(AgreementStatus.AWAITING),
                         2: str(AgreementStatus.AWAITING), 3: str(AgreementStatus.SIGNED)}


def page(db: Database, query: AgreementQuery | None = None, after: int | None = None,
         limit: int = PAGE_SIZE) -> Page[AgreementRow]:
    """One page of learning agreements by id (no personal data: the student is not named)."""
    query = query or AgreementQuery()
    statement = _page_statement(after is not None, query.unsigned_only, query.mobility_id is not None)
    values = {"limit": limit, "after": after, "mobility_id": query.mobility_id}
    with db.read_connection() as connection:  # a page on indexes: no ORM session needed
        rows = connection.execute(statement, values).all()
    result = [AgreementRow(agreement_id, uuid, mobility_id, mobility_uuid, number, _STATUS_BY_SIGNATURES[signatures],
                           sending_name, receiving_name, as_date(start), as_date(end), round(float(studied), 2),
                           round(float(recognised), 2))
              for (agreement_id, uuid, mobility_id, mobility_uuid, number, signatures, sending_name, receiving_name,
                   start, end, studied, recognised) in rows]
    return Page(result, result[-1].id if len(result) == limit else None)


def iterate(db: Database, query: AgreementQuery | None = None, batch: int = 1000) -> Iterator[AgreementRow]:
    after = None
    while True:
        result = page(db, query, after, batch)
        yield from result.rows
        if result.is_last:
            return
        after = result.after


# --- from the study plan --------------------------------------------------------------------------

def _course_title(titles: dict, lang: str) -> str:
    return titles.get(lang) or titles.get("en") or next(iter(titles.values()), "")


def from_study_plan(db: Database, mobility_id: int, lang: str = "en") -> list[ComponentDraft]:
    """Components proposed from the joint programme's study plan: the courses of the semesters the receiving
    university delivers during the stay (table A), and for each the course recognised at home — its
    equivalent course where the programme names one, else the same course, part of the joint degree
    (table B). Empty when the mobility belongs to no programme or the plan has no such semester."""
    with db.reading() as session:
        record = _mobility(session, mobility_id)
        if not record.programme_uuid:
            return []
        programme = session.execute(select(Programme).where(Programme.uuid == record.programme_uuid))\
            .scalar_one_or_none()
        if programme is None:
            return []
        semesters = session.execute(select(Semester).where(Semester.programme_id == programme.id,
                                                           Semester.university_id == record.receiving_university_id)
                                    .order_by(Semester.number)).scalars().all()
        semesters = [s for s in semesters if s.start_date is None or s.end_date is None
                     or (s.start_date <= record.end_date and s.end_date >= record.start_date)]
        total_terms = max(2, len(semesters))
        equivalents = {}
        for left, right in session.execute(select(CourseEquivalence.course_id, CourseEquivalence.equivalent_course_id)
                                           .where(CourseEquivalence.programme_id == programme.id)).all():
            equivalents[left], equivalents[right] = right, left
        courses = {c.id: c for c in session.execute(select(Course).join(Semester, Semester.id == Course.semester_id)
                                                      .where(Semester.programme_id == programme.id)).scalars()}
        studied, recognised = [], []
        for term, semester in enumerate(semesters, start=1):
            for course in sorted(semester.courses, key=lambda c: c.position):
                term_number = min(term, total_terms)
                studied.append(ComponentDraft(Section.STUDIED, _course_title(course.titles, lang), course.credits_ects,
                                              code=course.code, term_number=term_number, total_terms=total_terms,
                                              course_uuid=course.uuid))
                home = courses.get(equivalents.get(course.id, course.id), course)
                recognised.append(ComponentDraft(Section.RECOGNIZED, _course_title(home.titles, lang),
                                                 home.credits_ects, code=home.code, term_number=term_number,
                                                 total_terms=total_terms, course_uuid=home.uuid))
    return studied + recognised


def agreement_message(draft: LearningAgreementDraft) -> Message:
    """How far the agreement is signed, in words."""
    from desktop_app.domain.learning_agreements import AGREEMENT_STATUS_LABELS

    return Message(AGREEMENT_STATUS_LABELS[draft.status()])
