"""Joint programmes, following the area contract (docs/architecture.md): a programme is one record with
its partners, intakes, study plan (semesters and courses) and course equivalences; one call = one
transaction. The list is in ``programme_list``; credit conversion factors in ``credit_conversions``.

Rows a programme owns keep their identity across edits (a partner by its university, an intake by its
year, semesters and courses by their UUIDs, an equivalence by its two courses), so the snapshots that
undo an edit find the same rows and nothing that points at them is disturbed.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from desktop_app.domain.calendars import Period, parse_academic_year
from desktop_app.domain.contract import PAGE_SIZE, Choice, Message, Page, Problems, Record, Snapshot
from desktop_app.domain.curricula import (
    CourseDraft,
    IntakeDraft,
    PartnerDraft,
    ProgrammeDraft,
    RuleMessage,
    SemesterDraft,
    programme_problems,
    validate_programme,
)
from desktop_app.domain.errors import NotFoundError, ValidationError
from desktop_app.domain.text import fold_for_search
from desktop_app.i18n import current_language
from desktop_app.services import programme_list, records
from desktop_app.services.programme_list import ProgrammeQuery, ProgrammeRow
from desktop_app.storage.database import Database
from desktop_app.storage.models import (
    AcademicCalendar,
    Course,
    CourseEquivalence,
    Organisation,
    Programme,
    ProgrammeIndustryPartner,
    ProgrammeIntake,
    ProgrammePartner,
    Semester,
    University,
)

TOPIC = "curricula"
KIND = "programme"
TOPICS = frozenset({TOPIC})

__all__ = ["ProgrammeQuery", "ProgrammeRow", "create", "get", "update", "delete", "restore", "page", "choices",
           "validate", "check_plan"]


def validate(draft: ProgrammeDraft) -> Problems:
    """What stops the draft from being saved, by field (checks that need the database come on save)."""
    return programme_problems(draft)


def _load(session: Session, programme_id: int) -> Programme:
    programme = session.get(Programme, programme_id, options=[
        selectinload(Programme.partners), selectinload(Programme.intakes),
        selectinload(Programme.semesters).selectinload(Semester.courses), selectinload(Programme.equivalences)])
    if programme is None:
        raise NotFoundError("There is no programme with the number {id}.", id=programme_id)
    return programme


def _draft_of(session: Session, p: Programme) -> ProgrammeDraft:
    universities = dict(session.execute(
        select(University.id, University).where(University.id.in_([pp.university_id for pp in p.partners]))).all())
    courses = {c.id: c.code for s in p.semesters for c in s.courses}
    return ProgrammeDraft(
        title=p.title, titles=dict(p.titles or {}), code=p.code, programme_type=p.programme_type,
        isced_level=p.isced_level, isced_field=p.isced_field, area_key=p.area_key, status=p.status,
        diplomas=p.diplomas, joint_defence=p.joint_defence, languages=p.languages.split(),
        notes=p.notes,
        partners=[PartnerDraft(pp.university_id, pp.role, universities[pp.university_id].country_code,
                               universities[pp.university_id].display_name) for pp in p.partners],
        semesters=[SemesterDraft(s.number, s.academic_year, s.university_id, s.start_date, s.end_date,
                                 [CourseDraft(c.code, dict(c.titles or {}), c.credits_ects, c.mandatory, c.language,
                                              c.uuid) for c in s.courses], s.uuid)
                   for s in p.semesters],
        equivalences=[(courses.get(e.course_id, ""), courses.get(e.equivalent_course_id, ""))
                      for e in p.equivalences],
        intakes=[IntakeDraft(i.academic_year, i.places, i.enrolled) for i in p.intakes],
        industry_partner_ids=list(session.execute(
            select(ProgrammeIndustryPartner.organisation_id).where(ProgrammeIndustryPartner.programme_id == p.id)
            .order_by(ProgrammeIndustryPartner.position, ProgrammeIndustryPartner.id)).scalars()),
    )


def get(db: Database, programme_id: int) -> Record[ProgrammeDraft]:
    with db.reading() as session:
        programme = _load(session, programme_id)
        draft = _draft_of(session, programme)
        return Record(programme.id, programme.uuid, draft,
                      {"title": programme.title, "credits": draft.credits, "updated_at": programme.updated_at})


def _search_text(draft: ProgrammeDraft) -> str:
    parts = [draft.title, draft.code, *draft.titles.values(), *(p.name for p in draft.partners)]
    return fold_for_search(" | ".join(part for part in parts if part))


def _checked(session: Session, draft: ProgrammeDraft) -> ProgrammeDraft:
    problems = validate(draft)
    if problems:
        raise ValidationError(problems)
    wanted = {p.university_id for p in draft.partners} | {s.university_id for s in draft.semesters
                                                          if s.university_id is not None}
    found = {row.id: row for row in session.execute(
        select(University.id, University.display_name, University.country_code)
        .where(University.id.in_(wanted)))}
    missing = sorted(wanted - set(found))
    if missing:
        raise NotFoundError("There is no university with the number {id}.", field="partners", id=missing[0])
    industry: Problems = {}
    organisations = set(session.execute(select(Organisation.id).where(
        Organisation.id.in_(draft.industry_partner_ids))).scalars()) if draft.industry_partner_ids else set()
    if len(set(draft.industry_partner_ids)) != len(draft.industry_partner_ids):
        industry["industry_partner_ids"] = Message("An organisation appears more than once among the parties.")
    for organisation_id in [i for i in draft.industry_partner_ids if i not in organisations][:1]:
        industry["industry_partner_ids"] = Message(
            "The organisation no longer exists (id {id}); perhaps it was deleted.", {"id": organisation_id})
    if industry:
        raise ValidationError(industry)
    for partner in draft.partners:  # names and countries as the register has them now
        partner.name, partner.country_code = found[partner.university_id][1], found[partner.university_id][2]
    return draft


def _apply(session: Session, programme: Programme, draft: ProgrammeDraft) -> None:
    programme.title = draft.title.strip()
    programme.titles = {k: v for k, v in draft.titles.items() if v}
    programme.code = draft.code.strip()
    programme.programme_type = draft.programme_type
    programme.isced_level = draft.isced_level or None
    programme.isced_field = draft.isced_field or None
    programme.area_key = draft.area_key or None
    programme.status = draft.status
    programme.diplomas = draft.diplomas
    programme.joint_defence = draft.joint_defence
    programme.languages = " ".join(draft.languages)
    programme.notes = draft.notes
    programme.search_text = _search_text(draft)

    partners = {row.university_id: row for row in programme.partners}
    programme.partners = [_set(partners.get(p.university_id) or ProgrammePartner(university_id=p.university_id),
                               role=p.role, position=index) for index, p in enumerate(draft.partners)]
    _apply_industry_partners(session, programme, draft.industry_partner_ids)
    intakes = {row.academic_year: row for row in programme.intakes}
    programme.intakes = [
        _set(intakes.get(year) or ProgrammeIntake(academic_year=year), places=i.places, enrolled=i.enrolled)
        for i in draft.intakes for year in [parse_academic_year(i.academic_year)]]

    semesters = {row.uuid: row for row in programme.semesters}
    courses = {course.uuid: course for row in programme.semesters for course in row.courses}
    owners = {course.uuid: row for row in programme.semesters for course in row.courses}
    kept_semesters = []
    for s in draft.semesters:
        semester = semesters.get(s.uuid) if s.uuid else None
        if semester is None:
            semester = Semester(uuid=s.uuid) if s.uuid and _free(session, Semester, s.uuid) else Semester()
        kept_courses = []
        for position, c in enumerate(s.courses):
            course = courses.pop(c.uuid, None) if c.uuid else None
            if course is None:
                course = Course(uuid=c.uuid) if c.uuid and _free(session, Course, c.uuid) else Course()
            elif owners[c.uuid] is not semester:  # moved to another semester: not an orphan of the old one
                owners[c.uuid].courses.remove(course)
            kept_courses.append(_set(course, position=position, code=c.code.strip(),
                                     titles={k: v for k, v in c.titles.items() if v}, credits_ects=float(c.credits),
                                     mandatory=c.mandatory, language=c.language))
        kept_semesters.append(_set(semester, number=s.number, academic_year=s.academic_year,
                                   university_id=s.university_id, start_date=s.start, end_date=s.end,
                                   courses=kept_courses))
    gone = set(courses)  # courses no longer in the plan: their equivalences go first
    programme.equivalences = [e for e in programme.equivalences if not _points_into(e, gone, programme)]
    session.flush()
    programme.semesters = kept_semesters
    session.flush()
    by_code: dict[str, Course] = {}
    for semester in kept_semesters:
        for course in semester.courses:
            by_code.setdefault(course.code, course)
    existing = {(e.course_id, e.equivalent_course_id): e for e in programme.equivalences}
    programme.equivalences = [
        existing.get((by_code[a].id, by_code[b].id))
        or CourseEquivalence(course_id=by_code[a].id, equivalent_course_id=by_code[b].id)
        for a, b in dict.fromkeys(draft.equivalences)]
    session.flush()


def _set(row, **values):
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
    return row


def _free(session: Session, model, uuid: str) -> bool:
    """True when no stored row has this UUID (a draft recovered or restored may carry one)."""
    return session.execute(select(model.id).where(model.uuid == uuid)).first() is None


def _points_into(equivalence: CourseEquivalence, gone_uuids: set[str], programme: Programme) -> bool:
    ids = {course.id for semester in programme.semesters for course in semester.courses if course.uuid in gone_uuids}
    return equivalence.course_id in ids or equivalence.equivalent_course_id in ids


def _apply_industry_partners(session: Session, programme: Programme, organisation_ids: list[int]) -> None:
    """The programme's industry partners as the draft lists them; a row that stays keeps its UUID."""
    if programme.id is None:
        session.flush()
    kept = {row.organisation_id: row for row in session.execute(
        select(ProgrammeIndustryPartner).where(ProgrammeIndustryPartner.programme_id == programme.id)).scalars()}
    for organisation_id, row in kept.items():
        if organisation_id not in organisation_ids:
            session.delete(row)
    session.flush()
    for position, organisation_id in enumerate(organisation_ids):
        stored = kept.get(organisation_id)
        if stored is None:
            session.add(ProgrammeIndustryPartner(programme_id=programme.id, organisation_id=organisation_id,
                                                 position=position))
        elif stored.position != position:
            stored.position = position


def create(db: Database, draft: ProgrammeDraft, uuid: str | None = None) -> int:
    with db.transaction(changes=set(TOPICS)) as session:
        draft = _checked(session, draft)
        programme = Programme(uuid=uuid) if uuid else Programme()
        session.add(programme)
        _apply(session, programme, draft)
        return programme.id


def update(db: Database, programme_id: int, draft: ProgrammeDraft) -> None:
    with db.transaction(changes=set(TOPICS)) as session:
        programme = _load(session, programme_id)
        _apply(session, programme, _checked(session, draft))


def delete(db: Database, programme_id: int) -> Snapshot:
    """Delete a programme with its partners, intakes, study plan and equivalences."""
    with db.reading() as session:
        title = session.execute(select(Programme.title).where(Programme.id == programme_id)).scalar()
    if title is None:
        raise NotFoundError("There is no programme with the number {id}.", id=programme_id)
    return records.delete_record(db, KIND, programme_id, TOPICS, title)


def restore(db: Database, snapshot: Snapshot) -> int:
    """Put a deleted programme back whole, with its id and UUIDs."""
    return records.restore_record(db, snapshot, TOPICS)


def page(db: Database, query: ProgrammeQuery | None = None, after: tuple | None = None,
         limit: int = PAGE_SIZE) -> Page[ProgrammeRow]:
    """One page of the list in the query's order, after the row whose key is ``after``."""
    query = query or ProgrammeQuery()
    rows = programme_list.rows_after(db, query, after, limit)
    last = rows[-1] if len(rows) == limit else None
    return Page(rows, (programme_list.sort_value(last, query.sort), last.id) if last else None)


def count(db: Database, query: ProgrammeQuery | None = None) -> int:
    return programme_list.count(db, query)


def iterate(db: Database, query: ProgrammeQuery | None = None, batch: int = 500) -> Iterator[ProgrammeRow]:
    """Every programme the query matches, a page at a time (for reports and the command line)."""
    after = None
    while True:
        found = page(db, query, after, batch)
        yield from found.rows
        if found.is_last:
            return
        after = found.after


def choices(db: Database, search: str = "", limit: int | None = None, lang: str | None = None) -> list[Choice]:
    """Programmes for pickers, titled in the reader's language where the programme has that title."""
    lang = lang or current_language()
    rows = []
    for row in iterate(db, ProgrammeQuery(search=search)):
        rows.append(row)
        if limit is not None and len(rows) >= limit:
            break
    with db.reading() as session:
        uuids = dict(session.execute(select(Programme.id, Programme.uuid)
                                     .where(Programme.id.in_([row.id for row in rows]))).all()) if rows else {}
    return [Choice(row.id, uuids.get(row.id, ""), row.title_in(lang), "", row.code) for row in rows]


def partner_ids(db: Database, programme_id: int) -> list[int]:
    """The partner universities of a programme, in its order."""
    with db.reading() as session:
        if session.get(Programme, programme_id) is None:
            raise NotFoundError("There is no programme with the number {id}.", id=programme_id)
        return list(session.execute(select(ProgrammePartner.university_id)
                                    .where(ProgrammePartner.programme_id == programme_id)
                                    .order_by(ProgrammePartner.position)).scalars())


# -- the plan rules, with the partners' calendars from the database ----------------------------------


def calendars_for(session: Session, keys: set[tuple[int, str]]) -> dict[tuple[int, str], list[Period]]:
    result: dict[tuple[int, str], list[Period]] = {}
    ids = {university_id for university_id, _year in keys}
    if not ids:
        return result
    years = {year for _id, year in keys}
    calendars = session.execute(
        select(AcademicCalendar).options(selectinload(AcademicCalendar.periods))
        .where(AcademicCalendar.university_id.in_(ids), AcademicCalendar.academic_year.in_(years))).scalars()
    for calendar in calendars:
        key = (calendar.university_id, calendar.academic_year)
        if key in keys:
            result[key] = [Period(p.kind, p.start_date, p.end_date, p.title, p.required_attendance, p.source_uid,
                                  p.uuid) for p in calendar.periods]
    return result


def check_plan(db: Database, draft: ProgrammeDraft) -> list[RuleMessage]:
    """Every plan rule, with the delivering partners' calendars read from the database."""
    keys = {(s.university_id, s.academic_year) for s in draft.semesters if s.university_id is not None}
    with db.reading() as session:
        calendars = calendars_for(session, keys)
        unknown = [p.university_id for p in draft.partners if not (p.country_code and p.name)]
        if unknown:
            found = {row.id: row for row in session.execute(
                select(University.id, University.display_name, University.country_code)
                .where(University.id.in_(unknown)))}
            for partner in draft.partners:
                if partner.university_id in found:
                    partner.name = partner.name or found[partner.university_id][1]
                    partner.country_code = partner.country_code or found[partner.university_id][2]
    return validate_programme(draft, calendars)


def programme_json(programme_id: int, draft: ProgrammeDraft, messages: list[RuleMessage]) -> dict:
    data = asdict(draft)
    data["id"] = programme_id
    data["credits_ects"] = draft.credits
    data["validation"] = [
        {"rule": m.rule, "severity": m.severity, "message": m.text, "semester": m.semester} for m in messages
    ]
    return data


def isced_field_choices(db: Database) -> list[tuple[str, str]]:
    """Detailed ISCED-F 2013 fields (code, English label) for the field chooser."""
    from desktop_app.storage.models import IscedField

    with db.reading() as session:
        return [(code, label) for code, label in session.execute(
            select(IscedField.code, IscedField.label_en).where(IscedField.level == "detailed")
            .order_by(IscedField.code))]


def total(db: Database) -> int:
    with db.reading() as session:
        return session.execute(select(func.count()).select_from(Programme)).scalar_one()
