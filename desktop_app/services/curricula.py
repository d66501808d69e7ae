"""Joint programme use cases: list, read, save whole (programme, partners, plan, equivalences), validate."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from desktop_app.domain.calendars import Period
from desktop_app.domain.curricula import (
    CourseDraft,
    IntakeDraft,
    PartnerDraft,
    ProgrammeDraft,
    RuleMessage,
    SemesterDraft,
    validate_programme,
)
from desktop_app.domain.errors import NotFoundError, ValidationError
from desktop_app.domain.text import fold_for_search, like_pattern
from desktop_app.i18n import _
from desktop_app.storage.database import Database
from desktop_app.storage.models import (
    AcademicCalendar,
    Course,
    CourseEquivalence,
    CreditConversionRow,
    Programme,
    ProgrammeIntake,
    ProgrammePartner,
    Semester,
    University,
)

TOPIC = "curricula"


@dataclass(frozen=True)
class ProgrammeSummary:
    id: int
    code: str
    title: str
    programme_type: str
    isced_level: str | None
    status: str
    partners: str
    credits: float

    def as_json(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class UniversityChoice:
    id: int
    name: str
    country_code: str


def university_choices(db: Database) -> list[UniversityChoice]:
    with db.reading() as session:
        rows = session.execute(
            select(University.id, University.display_name, University.country_code).order_by(
                University.country_code, University.display_name
            )
        ).all()
    return [UniversityChoice(*row) for row in rows]


def _credits_by_programme(session: Session) -> dict[int, float]:
    rows = session.execute(
        select(Semester.programme_id, func.coalesce(func.sum(Course.credits_ects), 0.0))
        .join(Course, Course.semester_id == Semester.id)
        .group_by(Semester.programme_id)
    ).all()
    return {pid: float(total) for pid, total in rows}


def list_programmes(db: Database, search: str = "", lang: str | None = None) -> list[ProgrammeSummary]:
    """Programmes with their title in ``lang`` when the programme has one (else the display title)."""
    from desktop_app.i18n import current_language

    lang = lang or current_language()
    with db.reading() as session:
        query = (
            select(Programme)
            .options(selectinload(Programme.partners))
            .order_by(Programme.title, Programme.id)
        )
        if search.strip():
            query = query.where(
                Programme.search_text.like(like_pattern(fold_for_search(search)), escape="\\")
            )
        programmes = session.execute(query).scalars().all()
        names = dict(session.execute(select(University.id, University.display_name)).all())
        credits = _credits_by_programme(session)
        return [
            ProgrammeSummary(
                p.id,
                p.code,
                (p.titles or {}).get(lang) or p.title,
                p.programme_type,
                p.isced_level,
                p.status,
                ", ".join(names.get(pp.university_id, "?") for pp in p.partners),
                round(credits.get(p.id, 0.0), 2),
            )
            for p in programmes
        ]


def count_programmes(db: Database) -> int:
    with db.reading() as session:
        return session.execute(select(func.count()).select_from(Programme)).scalar_one()


def _load(session: Session, programme_id: int) -> Programme:
    programme = session.get(
        Programme,
        programme_id,
        options=[
            selectinload(Programme.partners),
            selectinload(Programme.intakes),
            selectinload(Programme.semesters).selectinload(Semester.courses),
            selectinload(Programme.equivalences),
        ],
    )
    if programme is None:
        raise NotFoundError("There is no programme with the number {id}.", id=programme_id)
    return programme


def get_programme(db: Database, programme_id: int) -> ProgrammeDraft:
    with db.reading() as session:
        p = _load(session, programme_id)
        universities = {
            u.id: u
            for u in session.execute(
                select(University).where(University.id.in_([pp.university_id for pp in p.partners]))
            ).scalars()
        }
        codes = {c.id: c.code for s in p.semesters for c in s.courses}
        return ProgrammeDraft(
            title=p.title,
            titles=dict(p.titles or {}),
            code=p.code,
            programme_type=p.programme_type,
            isced_level=p.isced_level,
            isced_field=p.isced_field,
            area_key=p.area_key,
            status=p.status,
            diplomas=p.diplomas,
            joint_defence=p.joint_defence,
            languages=p.languages.split(),
            accreditation=p.accreditation,
            accredited_until=p.accredited_until,
            notes=p.notes,
            partners=[
                PartnerDraft(
                    pp.university_id,
                    pp.role,
                    universities[pp.university_id].country_code,
                    universities[pp.university_id].display_name,
                )
                for pp in p.partners
            ],
            semesters=[
                SemesterDraft(
                    s.number,
                    s.academic_year,
                    s.university_id,
                    s.start_date,
                    s.end_date,
                    [
                        CourseDraft(
                            c.code, dict(c.titles or {}), c.credits_ects, c.mandatory, c.language, c.uuid
                        )
                        for c in s.courses
                    ],
                )
                for s in p.semesters
            ],
            equivalences=[
                (codes.get(e.course_id, ""), codes.get(e.equivalent_course_id, "")) for e in p.equivalences
            ],
            intakes=[IntakeDraft(i.academic_year, i.places, i.enrolled) for i in p.intakes],
        )


def check_draft(draft: ProgrammeDraft) -> None:
    """What must hold before anything is saved (the plan rules are advice shown beside the plan)."""
    errors: dict[str, str] = {}
    if not (draft.title or "").strip():
        errors["title"] = _("The programme needs a title.")
    seen: set[int] = set()
    for partner in draft.partners:
        if partner.university_id in seen:
            errors["partners"] = _("A university is listed twice among the partners.")
        seen.add(partner.university_id)
    numbers = [s.number for s in draft.semesters]
    if len(numbers) != len(set(numbers)):
        errors["semesters"] = _("Two semesters have the same number.")
    for semester in draft.semesters:
        if semester.university_id is not None and semester.university_id not in seen:
            errors["semesters"] = _(
                "Semester {number} is delivered by a university that is not a partner."
            ).format(number=semester.number)
        if semester.start and semester.end and semester.end < semester.start:
            errors["semesters"] = _("Semester {number} ends before it starts.").format(number=semester.number)
    codes = [c.code for s in draft.semesters for c in s.courses if c.code]
    for left, right in draft.equivalences:
        if left not in codes or right not in codes:
            errors["equivalences"] = _("An equivalence names a course code that is not in the plan.")
    if errors:
        raise ValidationError(errors)


def _search_text(draft: ProgrammeDraft) -> str:
    parts = [draft.title, draft.code, *draft.titles.values(), *(p.name for p in draft.partners)]
    return fold_for_search(" | ".join(part for part in parts if part))


def save_programme(db: Database, draft: ProgrammeDraft, programme_id: int | None = None) -> int:
    """Create or replace a programme with its partners, intakes, plan and equivalences: one unit of work."""
    check_draft(draft)
    with db.transaction(changes={TOPIC}) as session:
        programme = _load(session, programme_id) if programme_id is not None else Programme()
        names = dict(
            session.execute(
                select(University.id, University.display_name).where(
                    University.id.in_([p.university_id for p in draft.partners])
                )
            ).all()
        )
        for partner in draft.partners:
            if partner.university_id not in names:
                raise NotFoundError("There is no university with the number {id}.", id=partner.university_id)
            partner.name = names[partner.university_id]
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
        programme.accreditation = draft.accreditation
        programme.accredited_until = draft.accredited_until
        programme.notes = draft.notes
        programme.search_text = _search_text(draft)
        if programme_id is None:
            session.add(programme)
        else:  # the plan is replaced whole; equivalences first, they point at courses
            programme.equivalences = []
            programme.semesters = []
            programme.partners = []
            programme.intakes = []
            session.flush()
        programme.partners = [
            ProgrammePartner(university_id=p.university_id, role=p.role, position=i)
            for i, p in enumerate(draft.partners)
        ]
        programme.intakes = [
            ProgrammeIntake(academic_year=i.academic_year, places=i.places, enrolled=i.enrolled)
            for i in draft.intakes
        ]
        courses_by_code: dict[str, Course] = {}
        semesters = []
        for s in draft.semesters:
            courses = []
            for position, c in enumerate(s.courses):
                course = Course(
                    position=position,
                    code=c.code.strip(),
                    titles={k: v for k, v in c.titles.items() if v},
                    credits_ects=float(c.credits),
                    mandatory=c.mandatory,
                    language=c.language,
                )
                if c.uuid:
                    course.uuid = c.uuid
                courses.append(course)
                courses_by_code.setdefault(course.code, course)
            semesters.append(
                Semester(
                    number=s.number,
                    academic_year=s.academic_year,
                    university_id=s.university_id,
                    start_date=s.start,
                    end_date=s.end,
                    courses=courses,
                )
            )
        programme.semesters = semesters
        session.flush()
        programme.equivalences = [
            CourseEquivalence(course_id=courses_by_code[a].id, equivalent_course_id=courses_by_code[b].id)
            for a, b in draft.equivalences
        ]
        session.flush()
        return programme.id


def delete_programme(db: Database, programme_id: int) -> None:
    with db.transaction(changes={TOPIC}) as session:
        session.delete(_load(session, programme_id))


def calendars_for(session: Session, keys: set[tuple[int, str]]) -> dict[tuple[int, str], list[Period]]:
    result: dict[tuple[int, str], list[Period]] = {}
    ids = {university_id for university_id, _year in keys}
    if not ids:
        return result
    calendars = session.execute(
        select(AcademicCalendar)
        .options(selectinload(AcademicCalendar.periods))
        .where(AcademicCalendar.university_id.in_(ids))
    ).scalars()
    for calendar in calendars:
        key = (calendar.university_id, calendar.academic_year)
        if key in keys:
            result[key] = [
                Period(p.kind, p.start_date, p.end_date, p.title, p.required_attendance, p.source_uid, p.uuid)
                for p in calendar.periods
            ]
    return result


def validate(db: Database, draft: ProgrammeDraft) -> list[RuleMessage]:
    """Every plan rule, with the delivering partners' calendars read from the database."""
    keys = {(s.university_id, s.academic_year) for s in draft.semesters if s.university_id is not None}
    with db.reading() as session:
        calendars = calendars_for(session, keys)
        if draft.partners and not all(p.country_code for p in draft.partners):
            countries = dict(session.execute(select(University.id, University.country_code)).all())
            names = dict(session.execute(select(University.id, University.display_name)).all())
            for partner in draft.partners:
                partner.country_code = partner.country_code or countries.get(partner.university_id, "")
                partner.name = partner.name or names.get(partner.university_id, "")
    return validate_programme(draft, calendars)


def programme_json(programme_id: int, draft: ProgrammeDraft, messages: list[RuleMessage]) -> dict:
    data = asdict(draft)
    data["id"] = programme_id
    data["credits_ects"] = draft.credits
    data["validation"] = [
        {"rule": m.rule, "severity": m.severity, "message": m.text, "semester": m.semester} for m in messages
    ]
    return data


# -- credit conversion factors -------------------------------------------------------------------


@dataclass(frozen=True)
class ConversionRecord:
    state_code: str
    national_per_ects: float
    unit: str
    source: str


def list_conversions(db: Database) -> list[ConversionRecord]:
    with db.reading() as session:
        rows = session.execute(select(CreditConversionRow).order_by(CreditConversionRow.state_code)).scalars()
        return [ConversionRecord(r.state_code, r.national_per_ects, r.unit, r.source) for r in rows]


def set_conversion(
    db: Database, state_code: str, national_per_ects: float, unit: str = "", source: str = ""
) -> None:
    if not national_per_ects > 0:
        errors = {"national_per_ects": _("A conversion factor is a positive number.")}
        raise ValidationError(errors)
    with db.transaction(changes={TOPIC}) as session:
        row = session.execute(
            select(CreditConversionRow).where(CreditConversionRow.state_code == state_code.upper())
        ).scalar_one_or_none()
        if row is None:
            row = CreditConversionRow(state_code=state_code.upper())
            session.add(row)
        row.national_per_ects = national_per_ects
        row.unit = unit or row.unit or ""
        row.source = source or row.source or ""


def national_credits(db: Database, state_code: str, ects: float) -> float | None:
    factor = next(
        (c.national_per_ects for c in list_conversions(db) if c.state_code == state_code.upper()), None
    )
    return None if factor is None else round(ects * factor, 2)


def isced_field_choices(db: Database) -> list[tuple[str, str]]:
    """Detailed ISCED-F 2013 fields (code, English label) for the field chooser."""
    from desktop_app.storage.models import IscedField

    with db.reading() as session:
        return [
            (code, label)
            for code, label in session.execute(
                select(IscedField.code, IscedField.label_en)
                .where(IscedField.level == "detailed")
                .order_by(IscedField.code)
            ).all()
        ]
