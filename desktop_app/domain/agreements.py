"""Agreements between universities and the rules the recommendations set for strategic partnerships.

The recommendations of Kazakhstan on strategic partnerships with foreign universities ask for a
partnership of at least five years, a foreign partner within a TOP-500 ranking, national staff up
to 70% and foreign staff up to 30%, and named funding sources. These are warnings, not refusals:
the coordinator records the agreement as signed and sees what departs from the recommendations.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from desktop_app.domain.contract import Message, Problems
from desktop_app.domain.rankings import TOP_LIMIT, parse_rank
from desktop_app.i18n import N_, _, ngettext
from desktop_app.i18n.formatting import format_date, format_number

_interface = _  # the interface language's gettext, when no report language is given


class AgreementKind(StrEnum):
    NETWORK_MEMORANDUM = "network_memorandum"
    BILATERAL = "bilateral"
    DOUBLE_DEGREE = "double_degree"
    MEMORANDUM = "memorandum"
    STRATEGIC = "strategic"


KIND_LABELS = {
    AgreementKind.NETWORK_MEMORANDUM: N_("Accession to the network Memorandum/Agreement"),
    AgreementKind.BILATERAL: N_("Bilateral cooperation agreement"),
    AgreementKind.DOUBLE_DEGREE: N_("Double-degree agreement"),
    AgreementKind.MEMORANDUM: N_("Memorandum of understanding"),
    AgreementKind.STRATEGIC: N_("Strategic partnership"),
}


class StrategicApproach(StrEnum):
    """The six approaches of the recommendations."""

    BRANCH = "branch"
    CONSORTIUM_BRANCH = "consortium_branch"
    JOINT_PROGRAMMES = "joint_programmes"
    CERTIFICATION_CENTRE = "certification_centre"
    FRANCHISE = "franchise"
    JOINT_VENTURE = "joint_venture"


APPROACH_LABELS = {
    StrategicApproach.BRANCH: N_("Branch of a foreign university"),
    StrategicApproach.CONSORTIUM_BRANCH: N_("Consortium branch"),
    StrategicApproach.JOINT_PROGRAMMES: N_("Joint educational programmes or joint school"),
    StrategicApproach.CERTIFICATION_CENTRE: N_("Certification centre"),
    StrategicApproach.FRANCHISE: N_("Franchise"),
    StrategicApproach.JOINT_VENTURE: N_("Joint venture"),
}


class AgreementStatus(StrEnum):
    DRAFT = "draft"
    NEGOTIATION = "negotiation"
    SIGNED = "signed"
    ACTIVE = "active"
    EXPIRED = "expired"
    TERMINATED = "terminated"


STATUS_LABELS = {
    AgreementStatus.DRAFT: N_("Draft"),
    AgreementStatus.NEGOTIATION: N_("Negotiation"),
    AgreementStatus.SIGNED: N_("Signed"),
    AgreementStatus.ACTIVE: N_("Active"),
    AgreementStatus.EXPIRED: N_("Expired"),
    AgreementStatus.TERMINATED: N_("Terminated"),
}
#: Statuses in which an agreement is in force and its end date matters.
IN_FORCE = frozenset({AgreementStatus.SIGNED, AgreementStatus.ACTIVE})


class PartyRole(StrEnum):
    NATIONAL = "national"  # the university of the coordinator's state
    FOREIGN = "foreign"
    COORDINATOR = "coordinator"
    MEMBER = "member"


ROLE_LABELS = {
    PartyRole.NATIONAL: N_("National partner"),
    PartyRole.FOREIGN: N_("Foreign partner"),
    PartyRole.COORDINATOR: N_("Coordinating university"),
    PartyRole.MEMBER: N_("Party"),
}

MIN_STRATEGIC_YEARS = 5
MAX_NATIONAL_STAFF = 70  # percent
MAX_FOREIGN_STAFF = 30  # percent


@dataclass
class PartyDraft:
    university_id: int
    role: str = PartyRole.MEMBER
    signatory: str = ""  # name and position of the person who signs for this party
    signing_date: dt.date | None = None
    local_code: str = ""  # the party's own reference (EWP iia-code)


#: The roles an organisation can hold beside the universities (it never coordinates the universities' work).
ORGANISATION_ROLES = (PartyRole.MEMBER, PartyRole.NATIONAL, PartyRole.FOREIGN)


@dataclass
class OrganisationPartyDraft:
    """An organisation that is a party to the agreement: a ministry, an accreditation agency."""

    organisation_id: int
    role: str = PartyRole.MEMBER
    signatory: str = ""
    signing_date: dt.date | None = None


@dataclass
class IndicatorDraft:
    name: str
    year: int
    target: float
    actual: float | None = None
    unit: str = ""


@dataclass
class ConditionDraft:
    """An EWP cooperation condition: a one-way mobility flow agreed per academic year."""

    kind: str  # student_studies | student_traineeship | staff_teacher | staff_training
    sending_index: int  # index into the parties
    receiving_index: int
    first_year: int  # 2025 for "2025/2026"
    last_year: int
    mobilities_per_year: int = 1
    isced_code: str = ""
    eqf_levels: str = ""  # space-separated, students only
    months_per_year: float | None = None  # students
    days_per_year: float | None = None  # staff
    language: str = "en"
    cefr_level: str = ""


CONDITION_KINDS = {
    "student_studies": N_("Student mobility for studies"),
    "student_traineeship": N_("Student mobility for traineeships"),
    "staff_teacher": N_("Staff mobility for teaching"),
    "staff_training": N_("Staff mobility for training"),
}


@dataclass
class AgreementDraft:
    title: str
    kind: str
    status: str = AgreementStatus.DRAFT
    reference: str = ""
    approach: str | None = None  # strategic partnerships only
    signing_date: dt.date | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    renewal_terms: str = ""
    national_staff_percent: float | None = None
    foreign_staff_percent: float | None = None
    funding_sources: str = ""
    notes: str = ""
    parties: list[PartyDraft] = field(default_factory=list)
    indicators: list[IndicatorDraft] = field(default_factory=list)
    conditions: list[ConditionDraft] = field(default_factory=list)
    #: Parties besides the universities, in their order; an agreement still needs two universities.
    organisation_parties: list[OrganisationPartyDraft] = field(default_factory=list)


def validation_errors(draft: AgreementDraft) -> Problems:
    """Every problem that makes the agreement impossible to record, keyed by field; empty when it can be
    saved. (Whether the parties exist in the register is checked on save, with the database.)"""
    errors: Problems = {}
    if not draft.title.strip():
        errors["title"] = Message("Give the agreement a title.")
    if draft.kind not in set(AgreementKind):
        errors["kind"] = Message("Choose the kind of agreement.")
    if draft.status not in set(AgreementStatus):
        errors["status"] = Message("Choose a status.")
    ids = [party.university_id for party in draft.parties]
    if len(set(ids)) < 2:
        errors["parties"] = Message("An agreement needs at least two different universities as parties.")
    elif len(set(ids)) != len(ids):
        errors["parties"] = Message("A university appears more than once among the parties.")
    organisations = [party.organisation_id for party in draft.organisation_parties]
    if len(set(organisations)) != len(organisations):
        errors["organisation_parties"] = Message("An organisation appears more than once among the parties.")
    elif any(party.role not in ORGANISATION_ROLES for party in draft.organisation_parties):
        errors["organisation_parties"] = Message("Choose the role of every organisation among the parties.")
    if draft.kind == AgreementKind.STRATEGIC and draft.approach not in set(StrategicApproach):
        errors["approach"] = Message("Choose one of the six approaches of a strategic partnership.")
    if draft.valid_from and draft.valid_to and draft.valid_to < draft.valid_from:
        errors["valid_to"] = Message("The agreement cannot end before it starts.")
    for key, value in (("national_staff_percent", draft.national_staff_percent),
                       ("foreign_staff_percent", draft.foreign_staff_percent)):
        if value is not None and not 0 <= value <= 100:
            errors[key] = Message("A share of staff lies between 0 and 100%.")
    for indicator in draft.indicators:
        if not indicator.name.strip():
            errors["indicators"] = Message("Every target indicator needs a name.")
        elif indicator.target < 0 or (indicator.actual is not None and indicator.actual < 0):
            errors["indicators"] = Message("Targets and actual values cannot be negative.")
    count = len(draft.parties)
    for condition in draft.conditions:
        if not (0 <= condition.sending_index < count and 0 <= condition.receiving_index < count):
            errors["conditions"] = Message("A cooperation condition names a university that is not a party.")
        elif condition.sending_index == condition.receiving_index:
            errors["conditions"] = Message("Every cooperation condition needs two different parties: a sending "
                                           "and a receiving university.")
        elif condition.kind not in CONDITION_KINDS:
            errors["conditions"] = Message("Unknown kind of mobility in a cooperation condition: {value}.",
                                           {"value": condition.kind})
    return errors


def duration_years(valid_from: dt.date | None, valid_to: dt.date | None) -> float | None:
    """Length of the validity period in years (365.25 days each); None when a date is missing."""
    if valid_from is None or valid_to is None:
        return None
    return ((valid_to - valid_from).days + 1) / 365.25


def is_short_partnership(valid_from: dt.date | None, valid_to: dt.date | None) -> bool:
    """True when the validity is known and shorter than the five years the recommendations ask for.

    An agreement of 1 Sep 2025 to 31 Aug 2030 is exactly five years and is not short."""
    years = duration_years(valid_from, valid_to)
    return years is not None and years < MIN_STRATEGIC_YEARS - 0.01


def best_within_top(rank_texts: list[str]) -> bool:
    """Whether any of the university's published ranks lies wholly inside the TOP-500."""
    return any(parse_rank(text).within_top for text in rank_texts)


def staffing_warnings(national: float | None, foreign: float | None, tr=None) -> list[str]:
    """``tr``: a Translator for a report's language (the interface language when None)."""
    _, lang = (tr.gettext, tr.language) if tr is not None else (_interface, None)
    warnings = []
    if national is not None and national > MAX_NATIONAL_STAFF:
        warnings.append(_("National staff is {share}%; the recommendations allow up to {limit}%.").format(
            share=format_number(national, lang), limit=format_number(MAX_NATIONAL_STAFF, lang)))
    if foreign is not None and foreign > MAX_FOREIGN_STAFF:
        warnings.append(_("Foreign staff is {share}%; the recommendations allow up to {limit}%.").format(
            share=format_number(foreign, lang), limit=format_number(MAX_FOREIGN_STAFF, lang)))
    if national is not None and foreign is not None and abs(national + foreign - 100) > 0.01:
        warnings.append(_("National and foreign staff add up to {total}%, not 100%.").format(
            total=format_number(national + foreign, lang)))
    return warnings


@dataclass(frozen=True)
class ForeignPartner:
    name: str
    rank_texts: tuple[str, ...]


def partnership_warnings(draft: AgreementDraft, foreign_partners: list[ForeignPartner], tr=None) -> list[str]:
    """What departs from the recommendations in a strategic partnership (empty for other kinds).

    ``foreign_partners`` are the parties outside the coordinator's state with their published ranks;
    ``tr`` a Translator for a report's language (the interface language when None)."""
    if draft.kind != AgreementKind.STRATEGIC:
        return []
    _, lang = (tr.gettext, tr.language) if tr is not None else (_interface, None)
    warnings: list[str] = []
    years = duration_years(draft.valid_from, draft.valid_to)
    if years is None:
        warnings.append(_("Enter the validity period: a strategic partnership should last at least {years} "
                                "years.").format(years=format_number(MIN_STRATEGIC_YEARS, lang)))
    elif is_short_partnership(draft.valid_from, draft.valid_to):
        warnings.append(_("The partnership lasts {years} years; the recommendations ask for at least "
                                "{minimum}.").format(
            years=format_number(round(duration_years(draft.valid_from, draft.valid_to) or 0, 1), lang),
            minimum=format_number(MIN_STRATEGIC_YEARS, lang)))
    for partner in foreign_partners:
        if not best_within_top(list(partner.rank_texts)):
            warnings.append(_("The foreign partner {name} is not in a TOP-{limit} ranking.").format(
                name=partner.name, limit=TOP_LIMIT))  # "TOP-500" is a name: digits kept
    warnings.extend(staffing_warnings(draft.national_staff_percent, draft.foreign_staff_percent, tr))
    if not draft.funding_sources.strip():
        warnings.append(_("Name the funding sources of the partnership."))
    return warnings


def days_until_expiry(valid_to: dt.date | None, today: dt.date) -> int | None:
    return None if valid_to is None else (valid_to - today).days


def is_expiring(status: str, valid_to: dt.date | None, today: dt.date, within_days: int) -> bool:
    """An agreement in force whose end date falls within the next ``within_days`` days (or has passed)."""
    days = days_until_expiry(valid_to, today)
    return status in IN_FORCE and days is not None and days <= within_days


def indicator_progress(target: float, actual: float | None) -> float | None:
    """Share of the target reached, 0..∞ (1.0 = met); None when nothing is reported or no target."""
    if actual is None or target <= 0:
        return None
    return actual / target


def academic_year_id(year: int) -> str:
    """EWP academic-year identifier of the northern-hemisphere year that starts in ``year``."""
    return f"{year}/{year + 1}"


def academic_year_start(year_id: str) -> int:
    return int(year_id.split("/")[0])


def end_text(valid_to: dt.date | None, days_left: int | None, expiring: bool) -> str:
    """The end of validity as a list shows it, in the interface language: the date, and for an agreement
    in force about to end (or past its end) how many days are left or have passed."""
    if valid_to is None:
        return "—"
    date = format_date(valid_to)
    if not expiring or days_left is None:
        return date
    if days_left < 0:
        return ngettext("{date} (ended {count} day ago)", "{date} (ended {count} days ago)", -days_left).format(
            date=date, count=format_number(-days_left))
    if days_left == 0:
        return _("{date} (ends today)").format(date=date)
    return ngettext("{date} (in {count} day)", "{date} (in {count} days)", days_left).format(
        date=date, count=format_number(days_left))
