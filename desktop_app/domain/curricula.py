"""Joint programmes and their study plans: kinds, drafts and the rules a plan must satisfy.

Each rule is a named function returning :class:`RuleMessage` objects, so the editor can show them
next to the plan as the user types, the command line can list them and tests can call each alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from desktop_app.domain.calendars import Period, PeriodKind, parse_academic_year
from desktop_app.domain.contract import Message, Problems
from desktop_app.domain.errors import UserError
from desktop_app.domain.text import fold_for_search
from desktop_app.i18n import N_, _


class ProgrammeType(StrEnum):
    DOUBLE_DEGREE = "double_degree"
    JOINT_DEGREE = "joint_degree"
    SHORT_TERM = "short_term_training"
    INTERNSHIP = "internship"
    ADVANCED_TRAINING = "advanced_training"
    GUEST_LECTURES = "guest_lectures"
    SUMMER_SCHOOL = "summer_school"


PROGRAMME_TYPE_TITLES = {
    ProgrammeType.DOUBLE_DEGREE: N_("Double degree (“1+1”)"),
    ProgrammeType.JOINT_DEGREE: N_("Joint degree"),
    ProgrammeType.SHORT_TERM: N_("Short-term training (2 weeks to 1 semester)"),
    ProgrammeType.INTERNSHIP: N_("Internship"),
    ProgrammeType.ADVANCED_TRAINING: N_("Advanced training course"),
    ProgrammeType.GUEST_LECTURES: N_("Guest lecture series"),
    ProgrammeType.SUMMER_SCHOOL: N_("Summer school"),
}
DEGREE_TYPES = frozenset({ProgrammeType.DOUBLE_DEGREE, ProgrammeType.JOINT_DEGREE})


class ProgrammeStatus(StrEnum):
    DESIGN = "design"
    APPROVAL = "approval"
    ACCREDITED = "accredited"
    RUNNING = "running"
    CLOSED = "closed"


PROGRAMME_STATUS_TITLES = {
    ProgrammeStatus.DESIGN: N_("Design"),
    ProgrammeStatus.APPROVAL: N_("Approval"),
    ProgrammeStatus.ACCREDITED: N_("Accredited"),
    ProgrammeStatus.RUNNING: N_("Running"),
    ProgrammeStatus.CLOSED: N_("Closed"),
}


class Diplomas(StrEnum):
    TWO_DIPLOMAS = "two_diplomas"
    JOINT_DIPLOMA = "joint_diploma"
    CERTIFICATE = "certificate"


DIPLOMA_TITLES = {
    Diplomas.TWO_DIPLOMAS: N_("Two diplomas"),
    Diplomas.JOINT_DIPLOMA: N_("Joint diploma"),
    Diplomas.CERTIFICATE: N_("Certificate"),
}


class PartnerRole(StrEnum):
    COORDINATING = "coordinating"
    HOME = "home"
    PARTNER = "partner"


PARTNER_ROLE_TITLES = {
    PartnerRole.COORDINATING: N_("Coordinating"),
    PartnerRole.HOME: N_("Home"),
    PartnerRole.PARTNER: N_("Partner"),
}


def title_of(titles: Mapping, key: str) -> str:
    message = titles.get(key)
    return _(message) if message else key


# -- credits ------------------------------------------------------------------------------------

ECTS_PER_SEMESTER = 30
SEMESTER_TOLERANCE = 3  # a semester of 27–33 ECTS is accepted; 30 is the norm (ECTS Users' Guide 2015)

#: (minimum, maximum) ECTS of a whole programme by ISCED 2011 level, for degree programmes
#: (Bologna framework: first cycle 180–240, second cycle 60–120, third cycle usually 180–240).
LEVEL_CREDIT_NORMS = {"6": (180, 240), "7": (60, 120), "8": (180, 240)}
#: Short forms (training, internships, schools): from two weeks up to one semester.
SHORT_FORM_CREDITS = (1, 30)


@dataclass(frozen=True)
class CreditConversion:
    """How many national credits one ECTS credit is worth in a member state. Editable: these are
    defaults with their source, to be confirmed by each coordinator."""

    state_code: str
    national_per_ects: float
    unit: str
    source: str


DEFAULT_CREDIT_CONVERSIONS = (
    CreditConversion(
        "KZ",
        1.0,
        "academic credit",
        "Law of Kazakhstan 'On Education', credit technology rules (MES order No. 152, as amended "
        "2018): 1 academic credit = 30 academic hours = 1 ECTS",
    ),
    CreditConversion(
        "RU",
        1.0,
        "credit unit (zachyotnaya edinitsa)",
        "Federal State Educational Standards: 1 credit unit = 36 academic hours ≈ 1 ECTS",
    ),
    CreditConversion("TR", 1.0, "AKTS", "Turkish Higher Education Council: AKTS is ECTS"),
    CreditConversion("AZ", 1.0, "credit", "Azerbaijan credit system aligned with ECTS (editable default)"),
    CreditConversion(
        "UZ", 1.0, "credit", "Uzbekistan credit-module system aligned with ECTS since 2020 (editable default)"
    ),
    CreditConversion(
        "CN",
        0.5,
        "credit (xuefen)",
        "Estimate: one Chinese credit ≈ 16–18 contact hours ≈ 2 ECTS; varies by university "
        "(editable default)",
    ),
    CreditConversion(
        "KR", 0.5, "credit (hakjeom)", "Estimate: 1 credit ≈ 15 contact hours ≈ 2 ECTS (editable default)"
    ),
    CreditConversion(
        "US", 0.5, "semester credit hour", "Common estimate: 1 US credit hour ≈ 2 ECTS (editable default)"
    ),
)
DEFAULT_CONVERSIONS_BY_STATE = {c.state_code: c for c in DEFAULT_CREDIT_CONVERSIONS}


def to_national_credits(ects: float, national_per_ects: float) -> float:
    return round(ects * national_per_ects, 2)


# -- the plan as the rules see it ----------------------------------------------------------------


@dataclass
class CourseDraft:
    code: str = ""
    titles: dict[str, str] = field(default_factory=dict)  # language code -> title
    credits: float = 0.0
    mandatory: bool = True
    language: str = ""
    uuid: str = ""

    def title(self, lang: str | None = None) -> str:
        if lang and self.titles.get(lang):
            return self.titles[lang]
        return self.titles.get("en") or next((t for t in self.titles.values() if t), "") or self.code


@dataclass
class SemesterDraft:
    number: int
    academic_year: str = ""
    university_id: int | None = None  # the delivering partner
    start: dt.date | None = None
    end: dt.date | None = None
    courses: list[CourseDraft] = field(default_factory=list)
    uuid: str = ""  # the stored semester's UUID: kept across edits so undo puts back the same rows

    @property
    def credits(self) -> float:
        return round(sum(course.credits for course in self.courses), 2)


@dataclass
class PartnerDraft:
    university_id: int
    role: str = PartnerRole.PARTNER
    country_code: str = ""
    name: str = ""


@dataclass
class IntakeDraft:
    academic_year: str
    places: int | None = None
    enrolled: int | None = None


@dataclass
class ProgrammeDraft:
    title: str = ""
    titles: dict[str, str] = field(default_factory=dict)
    code: str = ""
    programme_type: str = ProgrammeType.DOUBLE_DEGREE
    isced_level: str | None = "7"
    isced_field: str | None = None
    area_key: str | None = None
    status: str = ProgrammeStatus.DESIGN
    diplomas: str = Diplomas.TWO_DIPLOMAS
    joint_defence: bool = False
    languages: list[str] = field(default_factory=list)
    notes: str = ""
    partners: list[PartnerDraft] = field(default_factory=list)
    semesters: list[SemesterDraft] = field(default_factory=list)
    equivalences: list[tuple[str, str]] = field(default_factory=list)  # (course code, equivalent course code)
    intakes: list[IntakeDraft] = field(default_factory=list)
    #: Enterprises and other organisations of the register taking part (internships, employers' advice).
    industry_partner_ids: list[int] = field(default_factory=list)

    @property
    def credits(self) -> float:
        return round(sum(semester.credits for semester in self.semesters), 2)


# -- rules ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleMessage:
    rule: str  # the rule's function name
    severity: str  # "error" | "warning"
    message_id: str
    params: tuple[tuple[str, object], ...] = ()
    semester: int | None = None

    @property
    def text(self) -> str:
        """The message in the language of the moment: dates, numbers and named things included."""
        from desktop_app.i18n import formatting

        values: dict[str, object] = {}
        for key, value in self.params:
            if isinstance(value, Message):
                values[key] = value.text()
            elif isinstance(value, dt.date):
                values[key] = formatting.format_date(value)
            elif isinstance(value, int | float) and not isinstance(value, bool):
                values[key] = formatting.format_number(value)
            else:
                values[key] = value
        return _(self.message_id).format(**values)


def _message(rule: str, message_id: str, severity: str = "error", semester: int | None = None, **params):
    return RuleMessage(rule, severity, message_id, tuple(sorted(params.items())), semester)


def is_short_form(programme_type: str) -> bool:
    return programme_type not in DEGREE_TYPES


def check_semester_credits(programme: ProgrammeDraft) -> list[RuleMessage]:
    """Each semester of a degree programme carries about 30 ECTS (27–33 accepted)."""
    if is_short_form(programme.programme_type):
        return []
    low, high = ECTS_PER_SEMESTER - SEMESTER_TOLERANCE, ECTS_PER_SEMESTER + SEMESTER_TOLERANCE
    return [
        _message(
            "check_semester_credits",
            N_(
                "Semester {number} has {credits} ECTS; a semester carries {norm} ECTS ({low}–{high} accepted)."
            ),
            semester=s.number,
            number=s.number,
            credits=s.credits,
            norm=ECTS_PER_SEMESTER,
            low=low,
            high=high,
        )
        for s in programme.semesters
        if not low <= s.credits <= high
    ]


def programme_credit_norm(programme_type: str, isced_level: str | None) -> tuple[int, int] | None:
    if is_short_form(programme_type):
        return SHORT_FORM_CREDITS
    return LEVEL_CREDIT_NORMS.get(isced_level or "")


def check_programme_credits(programme: ProgrammeDraft) -> list[RuleMessage]:
    """The whole plan lies within the norm of its level (e.g. a master's 60–120 ECTS)."""
    norm = programme_credit_norm(programme.programme_type, programme.isced_level)
    if norm is None or not programme.semesters:
        return []
    low, high = norm
    if low <= programme.credits <= high:
        return []
    return [
        _message(
            "check_programme_credits",
            N_("The programme has {credits} ECTS in total; its level requires {low}–{high} ECTS."),
            credits=programme.credits,
            low=low,
            high=high,
        )
    ]


def check_semester_in_teaching_period(
    semester: SemesterDraft, partner_name: str, periods: Sequence[Period] | None
) -> list[RuleMessage]:
    """A semester delivered by a partner falls inside one of that partner's teaching terms for the year."""
    rule = "check_semester_in_teaching_period"
    if semester.university_id is None:
        return [
            _message(
                rule,
                N_("Semester {number} has no delivering partner."),
                semester=semester.number,
                number=semester.number,
            )
        ]
    teaching = [p for p in (periods or ()) if p.kind == PeriodKind.TEACHING]
    if not teaching:
        return [
            _message(
                rule,
                N_(
                    "{partner} has no teaching term in its calendar for {year}; semester {number} "
                    "cannot be checked."
                ),
                "warning",
                semester.number,
                partner=partner_name,
                year=semester.academic_year or "?",
                number=semester.number,
            )
        ]
    if semester.start is None or semester.end is None:
        return []
    if any(p.start <= semester.start and semester.end <= p.end for p in teaching):
        return []
    return [
        _message(
            rule,
            N_("Semester {number} ({start} – {end}) is not inside a teaching term of {partner}."),
            semester=semester.number,
            number=semester.number,
            start=semester.start,
            end=semester.end,
            partner=partner_name,
        )
    ]


#: Folded fragments recognising the national disciplines by title (en/ru/kk) or by course code prefix.
NATIONAL_DISCIPLINES = {
    "kazakh_language": (
        N_("Kazakh language"),
        ("kazakh language", "казахский язык", "казахского языка", "қазақ тілі"),
        ("kaz", "kya", "krya", "qt", "қт", "қаз"),
    ),
    "history_of_kazakhstan": (
        N_("History of Kazakhstan"),
        (
            "history of kazakhstan",
            "истории казахстана",
            "история казахстана",
            "қазақстан тарихы",
            "қазақстанның қазіргі заман тарихы",
        ),
        ("sik", "hk", "hok", "mhk", "ікт", "ққзт", "қзт"),
    ),
}


def _matches(course: CourseDraft, titles: tuple[str, ...], prefixes: tuple[str, ...]) -> bool:
    code = fold_for_search(course.code).replace(" ", "").replace("-", "")
    letters = "".join(ch for ch in code if not ch.isdigit())
    if letters and letters in prefixes:
        return True
    folded = [fold_for_search(title) for title in course.titles.values()]
    return any(fragment in title for title in folded for fragment in (fold_for_search(t) for t in titles))


def check_national_disciplines(programme: ProgrammeDraft) -> list[RuleMessage]:
    """A programme with a Kazakh partner carries Kazakh language and History of Kazakhstan."""
    if not any(p.country_code.upper() == "KZ" for p in programme.partners):
        return []
    courses = [course for semester in programme.semesters for course in semester.courses]
    return [
        _message(
            "check_national_disciplines",
            N_("A programme with a Kazakh partner must include the national discipline “{discipline}”."),
            discipline=Message(title),
        )
        for title, titles, prefixes in NATIONAL_DISCIPLINES.values()
        if not any(_matches(course, titles, prefixes) for course in courses)
    ]


def check_partners(programme: ProgrammeDraft) -> list[RuleMessage]:
    """A joint programme has at least two partners and exactly one coordinating university."""
    messages = []
    if len(programme.partners) < 2:
        messages.append(
            _message("check_partners", N_("A joint programme needs at least two partner universities."))
        )
    coordinating = sum(1 for p in programme.partners if p.role == PartnerRole.COORDINATING)
    if programme.partners and coordinating != 1:
        messages.append(
            _message("check_partners", N_("Exactly one partner coordinates the programme."), "warning")
        )
    return messages


def validate_programme(
    programme: ProgrammeDraft, calendars: Mapping[tuple[int, str], Sequence[Period]] | None = None
) -> list[RuleMessage]:
    """Every rule over the programme; ``calendars`` maps (university id, academic year) to periods."""
    names: dict[int | None, str] = {p.university_id: p.name or str(p.university_id) for p in programme.partners}
    messages = (
        check_partners(programme) + check_programme_credits(programme) + check_semester_credits(programme)
    )
    if calendars is not None:
        for semester in programme.semesters:
            periods = (
                calendars.get((semester.university_id, semester.academic_year))
                if semester.university_id
                else None
            )
            messages += check_semester_in_teaching_period(
                semester, names.get(semester.university_id, str(semester.university_id)), periods
            )
    return messages + check_national_disciplines(programme)


#: ISCED 2011 levels a joint programme can have, with short titles translated where shown.
ISCED_LEVEL_TITLES = {
    "4": N_("ISCED 4: post-secondary non-tertiary"),
    "5": N_("ISCED 5: short-cycle tertiary"),
    "6": N_("ISCED 6: bachelor's or equivalent"),
    "7": N_("ISCED 7: master's or equivalent"),
    "8": N_("ISCED 8: doctoral or equivalent"),
}


# -- what must hold before a programme is stored -------------------------------------------------


def programme_problems(draft: ProgrammeDraft) -> Problems:
    """Every problem that stops the draft from being saved, by field (the plan rules above are advice
    shown beside the plan; these are not)."""
    problems: Problems = {}
    if not (draft.title or "").strip():
        problems["title"] = Message("The programme needs a title.")
    partner_ids = [partner.university_id for partner in draft.partners]
    if len(partner_ids) != len(set(partner_ids)):
        problems["partners"] = Message("A university is listed twice among the partners.")
    numbers = [semester.number for semester in draft.semesters]
    if len(numbers) != len(set(numbers)):
        problems["semesters"] = Message("Two semesters have the same number.")
    for semester in draft.semesters:
        if semester.university_id is not None and semester.university_id not in partner_ids:
            problems["semesters"] = Message("Semester {number} is delivered by a university that is not a partner.",
                                            {"number": semester.number})
        if semester.start and semester.end and semester.end < semester.start:
            problems["semesters"] = Message("Semester {number} ends before it starts.", {"number": semester.number})
    codes = [course.code for semester in draft.semesters for course in semester.courses if course.code]
    if any(left not in codes or right not in codes for left, right in draft.equivalences):
        problems["equivalences"] = Message("An equivalence names a course code that is not in the plan.")
    years = []
    for intake in draft.intakes:
        try:
            years.append(parse_academic_year(intake.academic_year))
        except UserError:
            problems["intakes"] = Message("An intake's academic year is written as two consecutive years, for "
                                          "example 2026/2027.")
    if "intakes" not in problems and len(years) != len(set(years)):
        problems["intakes"] = Message("Two intakes are for the same academic year.")
    return problems
