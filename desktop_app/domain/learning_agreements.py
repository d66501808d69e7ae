"""The learning agreement of a student's mobility, shaped as the EWP Online Learning Agreement v1 (the
European Commission's template): the components studied at the receiving university (table A) and
recognised at home (table B), virtual components (table C), those of a blended or a short-term doctoral
mobility; the student's competence in the language of instruction; and the three signatures.

A change during the mobility is a new numbered version holding the whole list as changed (version 1 is
the agreement as first signed); each version is kept. A version is signed when the student, the sending
and the receiving coordinator have signed it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from enum import StrEnum

from desktop_app.domain.contract import Message, Problems
from desktop_app.i18n import N_


class Section(StrEnum):
    STUDIED = "studied"
    RECOGNIZED = "recognized"
    VIRTUAL = "virtual"
    BLENDED = "blended"
    DOCTORAL = "doctoral"


SECTION_LABELS = {
    Section.STUDIED: N_("Studied at the receiving university (table A)"),
    Section.RECOGNIZED: N_("Recognised at the sending university (table B)"),
    Section.VIRTUAL: N_("Virtual components (table C)"),
    Section.BLENDED: N_("Blended mobility components"),
    Section.DOCTORAL: N_("Short-term doctoral components"),
}

SHORT_SECTION_LABELS = {
    Section.STUDIED: N_("Studied (A)"),
    Section.RECOGNIZED: N_("Recognised (B)"),
    Section.VIRTUAL: N_("Virtual (C)"),
    Section.BLENDED: N_("Blended"),
    Section.DOCTORAL: N_("Doctoral"),
}

CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")


class AgreementStatus(StrEnum):
    DRAFT = "draft"  # the latest version carries no signature
    AWAITING = "awaiting_signatures"  # some, not all three
    SIGNED = "signed"


AGREEMENT_STATUS_LABELS = {
    AgreementStatus.DRAFT: N_("Not signed"),
    AgreementStatus.AWAITING: N_("Awaiting signatures"),
    AgreementStatus.SIGNED: N_("Signed"),
}

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_YEAR = re.compile(r"^(\d{4})/(\d{4})$")


@dataclass
class ComponentDraft:
    section: str
    title: str
    credits: float | None = None  # ECTS credits; None where credits do not apply
    code: str = ""
    term_number: int | None = None  # e.g. the 2nd of 2 terms
    total_terms: int | None = None
    recognition_conditions: str = ""  # table B: what must be met for it to be recognised
    short_description: str = ""  # virtual and blended components
    los_id: str = ""
    loi_id: str = ""
    course_uuid: str | None = None  # the study-plan course it was taken from
    uuid: str | None = None  # kept from version to version so recognitions stay linked

    def identity(self) -> tuple:
        """What makes two components the same one (compared between versions, as EWP lists changes)."""
        return (self.section, self.code.strip(), self.title.strip(), self.credits, self.term_number, self.total_terms,
                self.los_id, self.loi_id, self.recognition_conditions.strip(), self.short_description.strip())


@dataclass
class VersionDraft:
    number: int
    components: list[ComponentDraft] = field(default_factory=list)
    prepared_on: dt.date | None = None
    reason: str = ""  # why the components changed (every version after the first)
    student_signed_at: dt.datetime | None = None
    sending_signer_name: str = ""
    sending_signer_position: str = ""
    sending_signer_email: str = ""
    sending_signed_at: dt.datetime | None = None
    receiving_signer_name: str = ""
    receiving_signer_position: str = ""
    receiving_signer_email: str = ""
    receiving_signed_at: dt.datetime | None = None

    @property
    def signatures(self) -> int:
        return sum(1 for when in (self.student_signed_at, self.sending_signed_at, self.receiving_signed_at) if when)

    @property
    def signed(self) -> bool:
        return self.signatures == 3

    def credits(self, section: str) -> float:
        return round(sum(c.credits or 0.0 for c in self.components if c.section == section), 2)


@dataclass
class LearningAgreementDraft:
    versions: list[VersionDraft] = field(default_factory=lambda: [VersionDraft(1)])
    receiving_academic_year: str = ""
    isced_code: str = ""
    isced_clarification: str = ""
    language: str = ""
    cefr_level: str = ""
    sending_unit: str = ""
    sending_contact_name: str = ""
    sending_contact_email: str = ""
    receiving_unit: str = ""
    receiving_contact_name: str = ""
    receiving_contact_email: str = ""
    learning_outcomes_url: str = ""
    provisions_url: str = ""

    @property
    def latest(self) -> VersionDraft:
        return self.versions[-1]

    def status(self) -> AgreementStatus:
        signatures = self.latest.signatures if self.versions else 0
        return (AgreementStatus.SIGNED if signatures == 3 else AgreementStatus.AWAITING if signatures
                else AgreementStatus.DRAFT)

    def ever_signed(self) -> bool:
        """Whether a version was signed by all three (a change awaiting signatures does not undo that)."""
        return any(version.signed for version in self.versions)

    def latest_signed(self) -> VersionDraft | None:
        return next((version for version in reversed(self.versions) if version.signed), None)


def changes(before: list[ComponentDraft], after: list[ComponentDraft]) -> tuple[list[ComponentDraft],
                                                                                  list[ComponentDraft]]:
    """(inserted, deleted): the components of ``after`` that ``before`` lacks and the other way round, as
    EWP's approved changes and change proposals list them (a component whose credits changed is one
    deleted and one inserted)."""
    left = Counter(c.identity() for c in before)
    right = Counter(c.identity() for c in after)
    inserted, deleted = [], []
    for component in after:
        if left[component.identity()] > 0:
            left[component.identity()] -= 1
        else:
            inserted.append(component)
    for component in before:
        if right[component.identity()] > 0:
            right[component.identity()] -= 1
        else:
            deleted.append(component)
    return inserted, deleted


def apply_changes(before: list[ComponentDraft], inserted: list[ComponentDraft],
                  deleted: list[ComponentDraft]) -> list[ComponentDraft]:
    """The list ``before`` with ``deleted`` taken out (each once) and ``inserted`` added at the end of
    its section."""
    remaining = Counter(c.identity() for c in deleted)
    kept = []
    for component in before:
        if remaining[component.identity()] > 0:
            remaining[component.identity()] -= 1
        else:
            kept.append(component)
    order = list(Section)
    combined = kept + list(inserted)
    return sorted(combined, key=lambda c: order.index(Section(c.section)) if c.section in set(Section) else 99)


def _check_component(component: ComponentDraft, where: str, problems: Problems) -> None:
    if component.section not in set(Section):
        problems[f"{where}.section"] = Message("Choose the table the component belongs to.")
    if not component.title.strip():
        problems[f"{where}.title"] = Message("Give the component a title.")
    if component.credits is not None and component.credits < 0:
        problems[f"{where}.credits"] = Message("Credits cannot be negative.")
    term_given = component.term_number is not None or component.total_terms is not None
    if term_given and not (component.term_number and component.total_terms
                           and 1 <= component.term_number <= component.total_terms):
        problems[f"{where}.term_number"] = Message(
            "A term is given as its number and the number of terms in the year, for example 2 of 2.")
    if component.section == Section.VIRTUAL and not component.short_description.strip():
        problems[f"{where}.short_description"] = Message(
            "Describe the virtual component “{title}” in a few words.", {"title": component.title.strip()})
    if component.section == Section.STUDIED and component.recognition_conditions.strip():
        problems[f"{where}.recognition_conditions"] = Message(
            "Recognition conditions belong to the components recognised at home, not to those studied.")


def _check_signatures(version: VersionDraft, where: str, problems: Problems) -> None:
    for side, name, email, when in (
            ("sending", version.sending_signer_name, version.sending_signer_email, version.sending_signed_at),
            ("receiving", version.receiving_signer_name, version.receiving_signer_email,
             version.receiving_signed_at)):
        if when is not None and not name.strip():
            problems[f"{where}.{side}_signer_name"] = Message("Name the coordinator who signed.")
        if email.strip() and not _EMAIL.match(email.strip()):
            problems[f"{where}.{side}_signer_email"] = Message("“{email}” is not an e-mail address.",
                                                               {"email": email.strip()})


def validate_learning_agreement(draft: LearningAgreementDraft) -> Problems:
    """Every problem of the draft, keyed by field (``versions[1].components[0].title``…); empty when valid."""
    problems: Problems = {}
    year = _YEAR.match(draft.receiving_academic_year.strip())
    if draft.receiving_academic_year.strip() and (not year or int(year.group(2)) != int(year.group(1)) + 1):
        problems["receiving_academic_year"] = Message(
            "An academic year is written as two consecutive years, for example 2026/2027.")
    if draft.isced_code.strip() and not re.fullmatch(r"\d{4}", draft.isced_code.strip()):
        problems["isced_code"] = Message("An ISCED-F field of study has four digits, for example 0613.")
    if draft.language.strip() and not _LANGUAGE.match(draft.language.strip()):
        problems["language"] = Message("“{code}” is not a language code such as en or kk.",
                                       {"code": draft.language.strip()})
    if draft.cefr_level.strip() and draft.cefr_level.strip().upper() not in CEFR_LEVELS:
        problems["cefr_level"] = Message("The level of language competence is one of A1, A2, B1, B2, C1 and C2.")
    for key in ("sending_contact_email", "receiving_contact_email"):
        value = getattr(draft, key).strip()
        if value and not _EMAIL.match(value):
            problems[key] = Message("“{email}” is not an e-mail address.", {"email": value})
    for key in ("learning_outcomes_url", "provisions_url"):
        value = getattr(draft, key).strip()
        if value and not re.match(r"^https?://\S+$", value):
            problems[key] = Message("A web address begins with http:// or https://.")
    if not draft.versions:
        problems["versions"] = Message("A learning agreement has at least its first version.")
    for index, version in enumerate(draft.versions):
        where = f"versions[{index}]"
        if version.number != index + 1:
            problems[f"{where}.number"] = Message("Versions are numbered 1, 2, 3… in order.")
        if index and not version.reason.strip():
            problems[f"{where}.reason"] = Message("Say why the components changed in version {number}.",
                                                  {"number": version.number})
        if index and not draft.versions[index - 1].signed:
            problems[f"{where}.number"] = Message(
                "Version {number} can follow only a version signed by the student and both coordinators.",
                {"number": version.number})
        for position, component in enumerate(version.components):
            _check_component(component, f"{where}.components[{position}]", problems)
        _check_signatures(version, where, problems)
    return problems


def first_problem_text(problems: Problems) -> str:
    """The first problem as text (for a dialog that shows one sentence)."""
    return next(iter(problems.values())).text() if problems else ""
