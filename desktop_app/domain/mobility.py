"""Mobility of people between universities, joint events, and how personal data is shown.

A mobility record names a person: their name, e-mail and date of birth are personal data. Lists
show them masked unless the user reveals them; exports leave them out unless the user includes them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum

from desktop_app.domain.contract import Message, Problems
from desktop_app.i18n import N_


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
#: What a list shows instead of a personal value that initials would not hide (an e-mail address).
MASK = "•••"

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def mask_personal(value: str | None) -> str:
    """Initials only: "Aigerim Nurlanovna" -> "A. N."; nothing stays readable but the first letters."""
    words = (value or "").split()
    return " ".join(f"{word[0]}." for word in words) if words else ""


@dataclass
class MobilityDraft:
    person_kind: str
    format: str
    sending_university_id: int | None
    receiving_university_id: int | None
    start_date: dt.date
    end_date: dt.date
    person_name: str = ""
    person_email: str = ""
    birth_date: dt.date | None = None
    agreement_id: int | None = None
    programme_uuid: str | None = None  # a joint programme of the curricula area
    funding: str = ""
    notes: str = ""
    study_level: str = ""  # EQF level: "6" bachelor, "7" master, "8" doctoral; "" not said


#: The EQF levels a person may study at during a mobility.
STUDY_LEVEL_LABELS = {
    "6": N_("Bachelor's (EQF 6)"),
    "7": N_("Master's (EQF 7)"),
    "8": N_("Doctoral (EQF 8)"),
}


def validate_mobility(draft: MobilityDraft, today: dt.date | None = None) -> Problems:
    """Every problem of the draft, keyed by field; empty when it may be stored."""
    problems: Problems = {}
    if draft.person_kind not in set(PersonKind):
        problems["person_kind"] = Message("Choose whether the person is a student, faculty member or researcher.")
    if draft.format not in set(MobilityFormat):
        problems["format"] = Message("Choose the format of the mobility.")
    if not draft.sending_university_id:
        problems["sending_university_id"] = Message("Choose the sending university.")
    if not draft.receiving_university_id:
        problems["receiving_university_id"] = Message("Choose the receiving university.")
    elif draft.sending_university_id == draft.receiving_university_id:
        problems["receiving_university_id"] = Message("The sending and receiving universities must differ.")
    if draft.end_date < draft.start_date:
        problems["end_date"] = Message("The mobility cannot end before it starts.")
    email = draft.person_email.strip()
    if email and not _EMAIL.match(email):
        problems["person_email"] = Message("“{email}” is not an e-mail address.", {"email": email})
    if draft.birth_date is not None and draft.birth_date > (today or dt.date.today()):
        problems["birth_date"] = Message("The date of birth cannot be in the future.")
    if draft.study_level and draft.study_level not in STUDY_LEVEL_LABELS:
        problems["study_level"] = Message("The level of study is EQF level 6, 7 or 8.")
    return problems


@dataclass
class EventDraft:
    kind: str
    title: str
    start_date: dt.date
    end_date: dt.date
    host_university_id: int | None
    partner_ids: list[int] = field(default_factory=list)
    participants: int = 0
    area_key: str | None = None
    outcome: str = ""
    notes: str = ""


def validate_event(draft: EventDraft) -> Problems:
    """Every problem of the draft, keyed by field; empty when it may be stored."""
    problems: Problems = {}
    if not draft.title.strip():
        problems["title"] = Message("Give the event a title.")
    if draft.kind not in set(EventKind):
        problems["kind"] = Message("Choose the kind of event.")
    if not draft.host_university_id:
        problems["host_university_id"] = Message("Choose the host university.")
    if draft.end_date < draft.start_date:
        problems["end_date"] = Message("The event cannot end before it starts.")
    if draft.participants < 0:
        problems["participants"] = Message("The number of participants cannot be negative.")
    if draft.host_university_id is not None and draft.host_university_id in draft.partner_ids:
        problems["partner_ids"] = Message("The host cannot also be listed among the partners.")
    return problems
