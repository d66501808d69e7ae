"""Diploma recognition: the vocabulary, the case workflow, and what counts as personal data.

Plain Python. The workflow is a small state machine: a case is received, evaluated, decided,
possibly appealed, and closed. Each move has its preconditions (a decision needs an outcome and a
date; an appeal needs the date it was lodged), checked here so the GUI and the command line refuse
the same things with the same words.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, fields
from enum import StrEnum

from desktop_app.domain.contract import Message, Problems
from desktop_app.domain.errors import ConflictError, ValidationError
from desktop_app.i18n import N_, _


class DocumentKind(StrEnum):
    DIPLOMA = "diploma"
    DIPLOMA_SUPPLEMENT = "diploma_supplement"
    TRANSCRIPT = "transcript"
    CERTIFICATE = "certificate"


class Purpose(StrEnum):
    ADMISSION = "admission"
    CONTINUATION = "continuation"
    EMPLOYMENT = "employment"
    CREDIT_TRANSFER = "credit_transfer"


class Outcome(StrEnum):
    NONE = ""
    FULL = "full"
    PARTIAL = "partial"
    CONDITIONAL = "conditional"
    ALTERNATIVE = "alternative"
    NOT_RECOGNISED = "not_recognised"


class LegalBasis(StrEnum):
    TOKYO = "tokyo_convention"
    LISBON = "lisbon_convention"
    BILATERAL = "bilateral_agreement"
    NETWORK = "network_memorandum"
    NATIONAL = "national_law"


class CaseStatus(StrEnum):
    RECEIVED = "received"
    UNDER_EVALUATION = "under_evaluation"
    DECIDED = "decided"
    APPEALED = "appealed"
    CLOSED = "closed"


class AppealResult(StrEnum):
    NONE = ""
    UPHELD = "upheld"  # the appeal succeeded: the decision is changed
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


LABELS: dict[str, str] = {
    DocumentKind.DIPLOMA: N_("Diploma"),
    DocumentKind.DIPLOMA_SUPPLEMENT: N_("Diploma supplement"),
    DocumentKind.TRANSCRIPT: N_("Transcript"),
    DocumentKind.CERTIFICATE: N_("Certificate"),
    Purpose.ADMISSION: N_("Admission"),
    Purpose.CONTINUATION: N_("Continuation of studies"),
    Purpose.EMPLOYMENT: N_("Employment"),
    Purpose.CREDIT_TRANSFER: N_("Credit transfer"),
    Outcome.FULL: N_("Full recognition"),
    Outcome.PARTIAL: N_("Partial recognition"),
    Outcome.CONDITIONAL: N_("Conditional recognition"),
    Outcome.ALTERNATIVE: N_("Alternative recognition (e.g. bridging course)"),
    Outcome.NOT_RECOGNISED: N_("Not recognised"),
    LegalBasis.TOKYO: N_("Tokyo Convention"),
    LegalBasis.LISBON: N_("Lisbon Recognition Convention"),
    LegalBasis.BILATERAL: N_("Bilateral agreement"),
    LegalBasis.NETWORK: N_("Network memorandum"),
    LegalBasis.NATIONAL: N_("National law"),
    CaseStatus.RECEIVED: N_("Received"),
    CaseStatus.UNDER_EVALUATION: N_("Under evaluation"),
    CaseStatus.DECIDED: N_("Decided"),
    CaseStatus.APPEALED: N_("Appealed"),
    CaseStatus.CLOSED: N_("Closed"),
    AppealResult.UPHELD: N_("Appeal upheld"),
    AppealResult.REJECTED: N_("Appeal rejected"),
    AppealResult.WITHDRAWN: N_("Appeal withdrawn"),
}


def label(value: str) -> str:
    """The translated name of a vocabulary value; empty for an empty value."""
    return _(LABELS[value]) if value in LABELS and value else (value or "")


#: Allowed moves of the workflow. An upheld appeal sends the case back to evaluation.
TRANSITIONS: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.RECEIVED: frozenset({CaseStatus.UNDER_EVALUATION}),
    CaseStatus.UNDER_EVALUATION: frozenset({CaseStatus.DECIDED}),
    CaseStatus.DECIDED: frozenset({CaseStatus.APPEALED, CaseStatus.CLOSED}),
    CaseStatus.APPEALED: frozenset({CaseStatus.UNDER_EVALUATION, CaseStatus.CLOSED}),
    CaseStatus.CLOSED: frozenset(),
}
PENDING = frozenset({CaseStatus.RECEIVED, CaseStatus.UNDER_EVALUATION})


def is_overdue(status: str, received_on: dt.date | None, overdue_days: int, today: dt.date | None = None) -> bool:
    """A case awaits a decision longer than ``overdue_days`` (the user's preference, see
    ``domain/preferences.Options.recognition_overdue_days``)."""
    if status not in PENDING or received_on is None:
        return False
    return received_on < (today or dt.date.today()) - dt.timedelta(days=overdue_days)


def check_transition(current: str, target: str, case: CaseDraft) -> None:
    """Refuse a move the workflow does not allow, or one whose facts are missing."""
    if CaseStatus(target) not in TRANSITIONS[CaseStatus(current)]:
        raise ConflictError("A case that is {current} cannot become {target}.",
                            field="status", current=Message(LABELS[current]), target=Message(LABELS[target]))
    errors: Problems = {}
    if target == CaseStatus.DECIDED:
        if not case.outcome:
            errors["outcome"] = Message("A decision needs an outcome.")
        if case.decided_on is None:
            errors["decided_on"] = Message("A decision needs the date it was taken.")
    if target == CaseStatus.APPEALED and case.appeal_lodged_on is None:
        errors["appeal_lodged_on"] = Message("An appeal needs the date it was lodged.")
    if target == CaseStatus.CLOSED and current == CaseStatus.APPEALED and not case.appeal_result:
        errors["appeal_result"] = Message("Record the result of the appeal before closing the case.")
    if errors:
        raise ValidationError(errors)


#: Fields of a case that identify a person: masked in lists, left out of exports and statistics
#: unless the user includes them on purpose, cleared by pseudonymisation.
PERSONAL_FIELDS: tuple[str, ...] = ("holder_name", "holder_birth_date", "holder_citizenship", "document_number")
MASK = "•••"


def mask(value: object) -> str:
    """What a list shows instead of a personal value (nothing of it leaks, not even its length)."""
    if value in (None, ""):
        return ""
    return MASK


def pseudonym(case_uuid: str) -> str:
    """A stable stand-in for a holder's name: the same case always gets the same pseudonym."""
    return "PSN-" + hashlib.sha256(case_uuid.encode()).hexdigest()[:10].upper()


@dataclass
class CaseDraft:
    """Everything a user enters about a case; the service turns it into a row."""

    holder_name: str = ""
    holder_birth_date: dt.date | None = None
    holder_citizenship: str = ""
    document_kind: str = DocumentKind.DIPLOMA
    document_number: str = ""
    document_issued_on: dt.date | None = None
    issuing_university_id: int | None = None
    issuing_university_name: str = ""
    issuing_country: str = ""
    qualification_title: str = ""
    isced_level: str = ""
    isced_field: str = ""
    credits: float | None = None
    recognising_country: str = ""
    recognising_institution: str = ""
    purpose: str = Purpose.ADMISSION
    outcome: str = Outcome.NONE
    substantial_differences: str = ""
    legal_basis: str = LegalBasis.TOKYO
    received_on: dt.date | None = None
    decided_on: dt.date | None = None
    reference: str = ""
    appeal_lodged_on: dt.date | None = None
    appeal_result: str = AppealResult.NONE
    notes: str = ""
    #: The equivalence rule the decision follows (None: decided case by case).
    rule_id: int | None = None

    def problems(self) -> Problems:
        """Every problem of the case, keyed by field; empty when it can be stored."""
        errors: Problems = {}
        if not self.holder_name.strip():
            errors["holder_name"] = Message("Enter the holder's name.")
        if not self.reference.strip():
            errors["reference"] = Message("Enter the reference number of the case.")
        for name in ("issuing_country", "recognising_country"):
            if not _is_code(getattr(self, name)):
                errors[name] = Message("Choose a country (two-letter code).")
        if self.holder_citizenship and not _is_code(self.holder_citizenship):
            errors["holder_citizenship"] = Message("Choose a country (two-letter code).")
        if not self.qualification_title.strip():
            errors["qualification_title"] = Message("Enter the title of the qualification.")
        if self.isced_level and not _is_level(self.isced_level):
            errors["isced_level"] = Message("An ISCED 2011 level is a digit from 0 to 9.")
        if self.received_on is None:
            errors["received_on"] = Message("Enter the date the application was received.")
        if self.decided_on and self.received_on and self.decided_on < self.received_on:
            errors["decided_on"] = Message("A decision cannot come before the application was received.")
        if self.credits is not None and self.credits < 0:
            errors["credits"] = Message("Credits cannot be negative.")
        if self.holder_birth_date and self.holder_birth_date > dt.date.today():
            errors["holder_birth_date"] = Message("A date of birth cannot be in the future.")
        for name, enum in (("document_kind", DocumentKind), ("purpose", Purpose), ("outcome", Outcome),
                           ("legal_basis", LegalBasis), ("appeal_result", AppealResult)):
            if getattr(self, name) not in {member.value for member in enum}:
                errors[name] = Message("Unknown value: {value}", {"value": getattr(self, name)})
        return errors

    def validate(self) -> None:
        errors = self.problems()
        if errors:
            raise ValidationError(errors)

    def normalised(self) -> CaseDraft:
        for name in ("issuing_country", "recognising_country", "holder_citizenship"):
            setattr(self, name, getattr(self, name).strip().upper())
        for name in ("holder_name", "reference", "qualification_title", "document_number"):
            setattr(self, name, getattr(self, name).strip())
        return self


CASE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(CaseDraft))


@dataclass
class RuleDraft:
    """An equivalence rule: a qualification of country A recognised as a qualification or level of B."""

    from_country: str = ""
    qualification_title: str = ""  # in the language of country A
    title_lang: str = ""
    isced_level: str = ""
    nominal_years: float | None = None
    credits: float | None = None
    to_country: str = ""
    recognised_as: str = ""  # the qualification or level of country B
    recognised_isced_level: str = ""
    conditions: str = ""
    legal_basis: str = LegalBasis.TOKYO
    notes: str = ""
    extra: dict = field(default_factory=dict)

    def problems(self) -> Problems:
        """Every problem of the rule, keyed by field; empty when it can be stored."""
        errors: Problems = {}
        for name in ("from_country", "to_country"):
            if not _is_code(getattr(self, name)):
                errors[name] = Message("Choose a country (two-letter code).")
        if self.from_country and self.from_country == self.to_country:
            errors["to_country"] = Message("A rule links two different countries.")
        if not self.qualification_title.strip():
            errors["qualification_title"] = Message("Enter the title of the qualification.")
        if not self.recognised_as.strip():
            errors["recognised_as"] = Message("Enter what the qualification is recognised as.")
        for name in ("isced_level", "recognised_isced_level"):
            value = getattr(self, name)
            if value and not _is_level(value):
                errors[name] = Message("An ISCED 2011 level is a digit from 0 to 9.")
        if self.legal_basis not in {member.value for member in LegalBasis}:
            errors["legal_basis"] = Message("Unknown value: {value}", {"value": self.legal_basis})
        return errors

    def validate(self) -> None:
        errors = self.problems()
        if errors:
            raise ValidationError(errors)

    def normalised(self) -> RuleDraft:
        self.from_country = (self.from_country or "").strip().upper()
        self.to_country = (self.to_country or "").strip().upper()
        for name in ("qualification_title", "recognised_as", "title_lang"):
            setattr(self, name, (getattr(self, name) or "").strip())
        return self


def _is_code(value: str | None) -> bool:
    return value is not None and len(value) == 2 and value.isalpha()


def _is_level(value: str) -> bool:
    """One digit 0-9 (``"" in "0123"`` is true in Python, so membership alone would let "" and "01" pass)."""
    return len(value) == 1 and value in "0123456789"
