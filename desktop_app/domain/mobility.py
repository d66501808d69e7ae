"""Mobility of people between universities, joint events, and how personal data is shown.

A mobility record names a person: their name, e-mail and date of birth are personal data. Lists
show them masked unless the user reveals them; exports leave them out unless the user includes them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from desktop_app.i18n import N_, _


class PersonKind(StrEnum):
    STUDENT = "student"
    FACULTY = "faculty"
    RESEARCHER = "researcher"


PERSON_LABELS = {
    PersonKind.STUDENT: N_("Student"),
    PersonKind.FACULTY: N_("Faculty member"),
    PersonKind.RESEARCHER: N_("Researcher"),
}


class MobilityFormat(StrEnum):
    SHORT_TERM = "short_term"
    SEMESTER = "semester"
    INTERNSHIP = "internship"
    GUEST_LECTURE = "guest_lecture"
    MASTERS_1_1 = "masters_1_1"


FORMAT_LABELS = {
    MobilityFormat.SHORT_TERM: N_("Short-term training"),
    MobilityFormat.SEMESTER: N_("Semester exchange"),
    MobilityFormat.INTERNSHIP: N_("Internship"),
    MobilityFormat.GUEST_LECTURE: N_("Guest lecture"),
    MobilityFormat.MASTERS_1_1: N_("“1+1” master's programme"),
}


class EventKind(StrEnum):
    CONFERENCE = "conference"
    SYMPOSIUM = "symposium"
    WORKSHOP = "workshop"
    SUMMER_SCHOOL = "summer_school"
    RESEARCH_PROJECT = "research_project"


EVENT_LABELS = {
    EventKind.CONFERENCE: N_("Conference"),
    EventKind.SYMPOSIUM: N_("Symposium"),
    EventKind.WORKSHOP: N_("Workshop"),
    EventKind.SUMMER_SCHOOL: N_("Summer school"),
    EventKind.RESEARCH_PROJECT: N_("Joint research project"),
}

#: Fields of a mobility record that are personal data.
PERSONAL_FIELDS = ("person_name", "person_email", "birth_date")


def mask_personal(value: str | None) -> str:
    """Initials only: "Aigerim Nurlanovna" -> "A. N."; nothing stays readable but the first letters."""
    words = (value or "").split()
    return " ".join(f"{word[0]}." for word in words) if words else ""


@dataclass
class MobilityDraft:
    person_kind: str
    format: str
    sending_university_id: int
    receiving_university_id: int
    start_date: dt.date
    end_date: dt.date
    person_name: str = ""
    person_email: str = ""
    birth_date: dt.date | None = None
    agreement_id: int | None = None
    programme_uuid: str | None = None  # a joint programme of the curricula area
    funding: str = ""
    notes: str = ""


def validate_mobility(draft: MobilityDraft) -> dict[str, str]:
    errors: dict[str, str] = {}
    if draft.person_kind not in set(PersonKind):
        errors["person_kind"] = _("Choose whether the person is a student, faculty member or researcher.")
    if draft.format not in set(MobilityFormat):
        errors["format"] = _("Choose the format of the mobility.")
    if draft.sending_university_id == draft.receiving_university_id:
        errors["receiving_university_id"] = _("The sending and receiving universities must differ.")
    if draft.end_date < draft.start_date:
        errors["end_date"] = _("The mobility cannot end before it starts.")
    return errors


@dataclass
class EventDraft:
    kind: str
    title: str
    start_date: dt.date
    end_date: dt.date
    host_university_id: int
    partner_ids: list[int] = field(default_factory=list)
    participants: int = 0
    area_key: str | None = None
    outcome: str = ""
    notes: str = ""


def validate_event(draft: EventDraft) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not draft.title.strip():
        errors["title"] = _("Give the event a title.")
    if draft.kind not in set(EventKind):
        errors["kind"] = _("Choose the kind of event.")
    if draft.end_date < draft.start_date:
        errors["end_date"] = _("The event cannot end before it starts.")
    if draft.participants < 0:
        errors["participants"] = _("The number of participants cannot be negative.")
    if draft.host_university_id in draft.partner_ids:
        errors["partner_ids"] = _("The host is not also listed among the partners.")
    return errors
