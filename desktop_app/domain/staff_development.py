"""Staff development, as the Astana forum resolution asks: retraining and professional-development
programmes for teachers (artificial intelligence, big data, adaptive learning, virtual reality and
others), who provided them, when and in which format, and the staff of the partner universities who took
part. A participant's name and e-mail address are personal data: lists show them masked, exports and
data packages leave them out unless the user includes them. What the working group reads are counts per
university and year, and the strategic partnerships' 70/30 staffing is shown beside the staff trained.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum

from desktop_app.domain.contract import Message, Problems
from desktop_app.i18n import N_


class Topic(StrEnum):
    AI = "ai"
    BIG_DATA = "big_data"
    ADAPTIVE_LEARNING = "adaptive_learning"
    VIRTUAL_REALITY = "virtual_reality"
    DIGITAL_PEDAGOGY = "digital_pedagogy"
    LANGUAGES = "languages"
    RESEARCH = "research"
    LEADERSHIP = "leadership"
    OTHER = "other"


TOPIC_LABELS = {
    Topic.AI: N_("Artificial intelligence"),
    Topic.BIG_DATA: N_("Big data"),
    Topic.ADAPTIVE_LEARNING: N_("Adaptive learning"),
    Topic.VIRTUAL_REALITY: N_("Virtual and augmented reality"),
    Topic.DIGITAL_PEDAGOGY: N_("Digital teaching methods"),
    Topic.LANGUAGES: N_("Teaching in a foreign language"),
    Topic.RESEARCH: N_("Research methods"),
    Topic.LEADERSHIP: N_("Academic leadership and management"),
    Topic.OTHER: N_("Other"),
}


class DeliveryFormat(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    BLENDED = "blended"


FORMAT_LABELS = {
    DeliveryFormat.IN_PERSON: N_("In person"),
    DeliveryFormat.ONLINE: N_("Online"),
    DeliveryFormat.BLENDED: N_("Blended"),
}


@dataclass
class ParticipantDraft:
    university_id: int | None
    name: str  # personal data
    email: str = ""  # personal data
    job_title: str = ""  # "Associate professor, Department of Computer Science"
    completed: bool = True
    uuid: str = ""


@dataclass
class StaffDevelopmentDraft:
    title: str
    topic: str = Topic.AI
    topic_detail: str = ""  # the subject where the list has none, or a precision
    provider_id: int | None = None  # the organisation that ran it
    delivery: str = DeliveryFormat.IN_PERSON
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    hours: int | None = None  # the programme's workload
    notes: str = ""
    participants: list[ParticipantDraft] = field(default_factory=list)


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def validate_staff_development(draft: StaffDevelopmentDraft) -> Problems:
    problems: Problems = {}
    if not draft.title.strip():
        problems["title"] = Message("Give the programme a title.")
    if draft.topic not in set(Topic):
        problems["topic"] = Message("Choose the topic of the programme.")
    elif draft.topic == Topic.OTHER and not draft.topic_detail.strip():
        problems["topic_detail"] = Message("Name the topic.")
    if draft.delivery not in set(DeliveryFormat):
        problems["delivery"] = Message("Choose whether it was held in person, online or both.")
    if draft.start_date is None:
        problems["start_date"] = Message("Enter the date the programme started.")
    elif draft.end_date is not None and draft.end_date < draft.start_date:
        problems["end_date"] = Message("The programme cannot end before it starts.")
    if draft.hours is not None and not 0 < draft.hours <= 10_000:
        problems["hours"] = Message("The workload is a number of hours from 1 to 10,000.")
    for index, person in enumerate(draft.participants):
        key = f"participants[{index}]"
        if person.university_id is None:
            problems[key] = Message("Choose the university of participant {number}.", {"number": index + 1})
        elif not person.name.strip():
            problems[key] = Message("Enter the name of participant {number}.", {"number": index + 1})
        elif person.email.strip() and not _EMAIL.fullmatch(person.email.strip()):
            problems[key] = Message("“{email}” is not an e-mail address.", {"email": person.email.strip()})
    return problems


@dataclass(frozen=True)
class TrainedCount:
    """Staff of one university who took part in staff development in one year."""

    university_id: int
    year: int
    participants: int
    completed: int
