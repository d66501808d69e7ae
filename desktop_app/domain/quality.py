"""Quality of joint programmes, as the Astana forum resolution asks: evaluation cycles (self-evaluation,
an independent audit by an agency or an expert panel, findings, recommendations with an owner, a deadline
and their follow-up), programme accreditations (an agency's label such as EUR-ACE, its decision and
validity, the conditions that come with it) and the programme's indicators per academic year against
their targets.

Every rule here is plain Python: drafts, validation (a message per field) and the few computations the
lists, the dashboard and the reports share (when a recommendation is overdue, when an accreditation
expires, how far an indicator is from its target).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum

from desktop_app.domain.contract import Message, Problems
from desktop_app.i18n import N_

_ACADEMIC_YEAR = re.compile(r"^\s*(\d{4})\s*[/\-–]\s*(\d{4})\s*$")


def academic_year_problem(text: str) -> Message | None:
    """None when ``text`` is an academic year such as 2026/2027 (two consecutive years)."""
    match = _ACADEMIC_YEAR.match(text or "")
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        return Message("An academic year is written as two consecutive years, for example 2026/2027.")
    return None


def normal_academic_year(text: str) -> str:
    match = _ACADEMIC_YEAR.match(text or "")
    return f"{match.group(1)}/{match.group(2)}" if match else (text or "").strip()


# -- evaluations -----------------------------------------------------------------------------------

class EvaluationStatus(StrEnum):
    PLANNED = "planned"
    SELF_EVALUATION = "self_evaluation"
    EXTERNAL_REVIEW = "external_review"
    FOLLOW_UP = "follow_up"
    COMPLETED = "completed"


EVALUATION_STATUS_LABELS = {
    EvaluationStatus.PLANNED: N_("Planned"),
    EvaluationStatus.SELF_EVALUATION: N_("Self-evaluation"),
    EvaluationStatus.EXTERNAL_REVIEW: N_("Independent audit"),
    EvaluationStatus.FOLLOW_UP: N_("Follow-up of recommendations"),
    EvaluationStatus.COMPLETED: N_("Completed"),
}


class Reviewer(StrEnum):
    """Who carries out the independent audit."""

    AGENCY = "agency"
    EXPERT_PANEL = "expert_panel"


REVIEWER_LABELS = {
    Reviewer.AGENCY: N_("Quality assurance agency"),
    Reviewer.EXPERT_PANEL: N_("Independent expert panel"),
}


class FindingKind(StrEnum):
    STRENGTH = "strength"
    WEAKNESS = "weakness"
    OBSERVATION = "observation"


FINDING_KIND_LABELS = {
    FindingKind.STRENGTH: N_("Strength"),
    FindingKind.WEAKNESS: N_("Weakness"),
    FindingKind.OBSERVATION: N_("Observation"),
}


class FollowUp(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_ACCEPTED = "not_accepted"


FOLLOW_UP_LABELS = {
    FollowUp.OPEN: N_("Open"),
    FollowUp.IN_PROGRESS: N_("In progress"),
    FollowUp.DONE: N_("Done"),
    FollowUp.NOT_ACCEPTED: N_("Not accepted"),
}
#: Recommendations still to be acted on.
PENDING_FOLLOW_UP = frozenset({FollowUp.OPEN, FollowUp.IN_PROGRESS})


@dataclass
class FindingDraft:
    text: str
    kind: str = FindingKind.OBSERVATION


@dataclass
class RecommendationDraft:
    text: str
    owner: str = ""  # who acts on it: a unit or a role ("Programme committee, KazNU")
    deadline: dt.date | None = None
    status: str = FollowUp.OPEN
    follow_up: str = ""  # what was done, and the evidence
    uuid: str = ""  # kept across edits, so undo of an edit puts back the same rows


@dataclass
class EvaluationDraft:
    """One evaluation cycle of a joint programme."""

    programme_id: int | None
    year: int
    title: str = ""
    status: str = EvaluationStatus.PLANNED
    self_evaluation_on: dt.date | None = None  # the self-evaluation report
    reviewer: str = Reviewer.AGENCY
    agency_id: int | None = None  # the quality assurance agency (an organisation)
    expert_panel: str = ""  # the experts of a panel: personal data
    site_visit_on: dt.date | None = None
    report_on: dt.date | None = None  # the audit report
    summary: str = ""
    findings: list[FindingDraft] = field(default_factory=list)
    recommendations: list[RecommendationDraft] = field(default_factory=list)


def is_overdue(status: str, deadline: dt.date | None, today: dt.date) -> bool:
    """A recommendation still to be acted on whose deadline has passed."""
    return status in PENDING_FOLLOW_UP and deadline is not None and deadline < today


def validate_evaluation(draft: EvaluationDraft) -> Problems:
    problems: Problems = {}
    if draft.programme_id is None:
        problems["programme_id"] = Message("Choose the joint programme that is evaluated.")
    if not 1990 <= int(draft.year or 0) <= 2100:
        problems["year"] = Message("Enter the year of the evaluation cycle (1990–2100).")
    if draft.status not in set(EvaluationStatus):
        problems["status"] = Message("Choose the stage the evaluation has reached.")
    if draft.reviewer not in set(Reviewer):
        problems["reviewer"] = Message("Say who carries out the independent audit: an agency or an expert panel.")
    if draft.self_evaluation_on and draft.report_on and draft.report_on < draft.self_evaluation_on:
        problems["report_on"] = Message("The audit report cannot come before the self-evaluation.")
    if draft.site_visit_on and draft.report_on and draft.report_on < draft.site_visit_on:
        problems["report_on"] = Message("The audit report cannot come before the site visit.")
    for index, finding in enumerate(draft.findings):
        if not finding.text.strip():
            problems[f"findings[{index}]"] = Message("Every finding needs its text.")
        elif finding.kind not in set(FindingKind):
            problems[f"findings[{index}]"] = Message("Choose whether the finding is a strength, a weakness or an "
                                                     "observation.")
    for index, recommendation in enumerate(draft.recommendations):
        if not recommendation.text.strip():
            problems[f"recommendations[{index}]"] = Message("Every recommendation needs its text.")
        elif recommendation.status not in set(FollowUp):
            problems[f"recommendations[{index}]"] = Message("Choose the follow-up status of the recommendation.")
    return problems


# -- accreditations --------------------------------------------------------------------------------

class AccreditationLabel(StrEnum):
    EUR_ACE = "eur_ace"
    EURO_INF = "euro_inf"
    NATIONAL = "national"
    INTERNATIONAL = "international"
    OTHER = "other"


ACCREDITATION_LABELS = {
    AccreditationLabel.EUR_ACE: N_("EUR-ACE (engineering)"),
    AccreditationLabel.EURO_INF: N_("Euro-Inf (informatics)"),
    AccreditationLabel.NATIONAL: N_("National accreditation"),
    AccreditationLabel.INTERNATIONAL: N_("Other international accreditation"),
    AccreditationLabel.OTHER: N_("Other"),
}


class AccreditationDecision(StrEnum):
    PENDING = "pending"
    ACCREDITED = "accredited"
    CONDITIONAL = "conditional"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


DECISION_LABELS = {
    AccreditationDecision.PENDING: N_("Decision pending"),
    AccreditationDecision.ACCREDITED: N_("Accredited"),
    AccreditationDecision.CONDITIONAL: N_("Accredited with conditions"),
    AccreditationDecision.REFUSED: N_("Refused"),
    AccreditationDecision.WITHDRAWN: N_("Withdrawn"),
}
#: Decisions under which a programme holds the label while it is valid.
GRANTED = frozenset({AccreditationDecision.ACCREDITED, AccreditationDecision.CONDITIONAL})


@dataclass
class AccreditationDraft:
    programme_id: int | None
    label: str = AccreditationLabel.NATIONAL
    label_detail: str = ""  # the label's own name where the list has none ("IAAR specialised accreditation")
    agency_id: int | None = None  # the accrediting agency (an organisation)
    decision: str = AccreditationDecision.PENDING
    decided_on: dt.date | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    conditions: str = ""
    notes: str = ""


def validate_accreditation(draft: AccreditationDraft) -> Problems:
    problems: Problems = {}
    if draft.programme_id is None:
        problems["programme_id"] = Message("Choose the accredited joint programme.")
    if draft.label not in set(AccreditationLabel):
        problems["label"] = Message("Choose the label, such as EUR-ACE or a national accreditation.")
    if draft.decision not in set(AccreditationDecision):
        problems["decision"] = Message("Choose the decision.")
    if draft.valid_from and draft.valid_to and draft.valid_to < draft.valid_from:
        problems["valid_to"] = Message("An accreditation cannot end before it starts.")
    if draft.decision in GRANTED and draft.valid_to is None:
        problems["valid_to"] = Message("Enter the date until which the accreditation is valid.")
    if draft.decision == AccreditationDecision.CONDITIONAL and not draft.conditions.strip():
        problems["conditions"] = Message("Write the conditions that come with the accreditation.")
    return problems


def accreditation_expiring(decision: str, valid_to: dt.date | None, today: dt.date, within_days: int) -> bool:
    """A granted accreditation whose validity ends within ``within_days`` days (or has ended)."""
    return decision in GRANTED and valid_to is not None and (valid_to - today).days <= within_days


# -- indicators ------------------------------------------------------------------------------------

class Indicator(StrEnum):
    APPLICANTS = "applicants"
    ENROLLED = "enrolled"
    GRADUATED = "graduated"
    DROPOUT = "dropout"
    EMPLOYMENT = "employment"
    MOBILITY = "mobility"


INDICATOR_LABELS = {
    Indicator.APPLICANTS: N_("Applicants"),
    Indicator.ENROLLED: N_("Enrolled students"),
    Indicator.GRADUATED: N_("Graduates"),
    Indicator.DROPOUT: N_("Students who dropped out"),
    Indicator.EMPLOYMENT: N_("Graduates employed (%)"),
    Indicator.MOBILITY: N_("Students in mobility (%)"),
}
#: Indicators given as a share of students or graduates (0–100), the others as a number of people.
PERCENT_INDICATORS = frozenset({Indicator.EMPLOYMENT, Indicator.MOBILITY})
#: Indicators whose target is a ceiling: fewer is better.
CEILING_INDICATORS = frozenset({Indicator.DROPOUT})


@dataclass
class IndicatorValue:
    indicator: str
    target: float | None = None
    actual: float | None = None


@dataclass
class IndicatorYearDraft:
    """A joint programme's indicators in one academic year, each with its target."""

    programme_id: int | None
    academic_year: str
    values: list[IndicatorValue] = field(default_factory=list)
    notes: str = ""

    def value(self, indicator: str) -> IndicatorValue:
        return next((v for v in self.values if v.indicator == indicator), IndicatorValue(indicator))


def validate_indicator_year(draft: IndicatorYearDraft) -> Problems:
    problems: Problems = {}
    if draft.programme_id is None:
        problems["programme_id"] = Message("Choose the joint programme.")
    problem = academic_year_problem(draft.academic_year)
    if problem is not None:
        problems["academic_year"] = problem
    seen: set[str] = set()
    for value in draft.values:
        key = f"values.{value.indicator}"
        if value.indicator not in set(Indicator):
            problems[key] = Message("Unknown indicator: {value}.", {"value": value.indicator})
            continue
        if value.indicator in seen:
            problems[key] = Message("An indicator is given once per year.")
        seen.add(value.indicator)
        for number in (value.target, value.actual):
            if number is None:
                continue
            if number < 0:
                problems[key] = Message("Indicators and their targets cannot be negative.")
            elif value.indicator in PERCENT_INDICATORS and number > 100:
                problems[key] = Message("A share lies between 0 and 100%.")
    return problems


@dataclass(frozen=True)
class Progress:
    """An indicator against its target: ``share`` of the target reached (for a ceiling: the target over
    the actual value, 1.0 or more when within it) and whether the target is met."""

    share: float | None
    met: bool | None


def indicator_progress(indicator: str, target: float | None, actual: float | None) -> Progress:
    if target is None or actual is None:
        return Progress(None, None)
    if indicator in CEILING_INDICATORS:
        met = actual <= target
        share = 1.0 if actual == 0 else target / actual
        return Progress(share, met)
    if target <= 0:
        return Progress(None, True)
    return Progress(actual / target, actual >= target)
