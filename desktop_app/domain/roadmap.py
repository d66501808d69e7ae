"""The working group's road map: its actions (status, when one is overdue), expert meetings and members."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from desktop_app.domain.contract import Message, Problems
from desktop_app.i18n import N_


class ActionStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"


ACTION_STATUS_LABELS = {
    ActionStatus.PLANNED: N_("Planned"),
    ActionStatus.IN_PROGRESS: N_("In progress"),
    ActionStatus.DONE: N_("Done"),
}


def quarter_end(year: int, quarter: int) -> dt.date:
    """Last day of a calendar quarter: Q1 -> 31 March, Q4 -> 31 December."""
    if quarter == 4:
        return dt.date(year, 12, 31)
    return dt.date(year, 3 * quarter + 1, 1) - dt.timedelta(days=1)


def is_overdue(status: str, deadline_year: int, deadline_quarter_to: int, today: dt.date) -> bool:
    """The last quarter of the deadline has ended and the action is not done."""
    return status != ActionStatus.DONE and today > quarter_end(deadline_year, deadline_quarter_to)


#: How a list flags an action that is overdue, beside its status.
OVERDUE_FLAG = N_("{status} — overdue")


#: How a deadline reads: one quarter, or a range of quarters, of a year.
DEADLINE_ONE_QUARTER = N_("Q{quarter} {year}")
DEADLINE_QUARTERS = N_("Q{first}–Q{last} {year}")


def deadline_label(year: int, quarter_from: int, quarter_to: int,
                   translate: Callable[[str], str] = lambda text: text) -> str:
    """"Q2–Q3 2024" / "Q1 2023"; in the reader's language with ``translate`` (``_``)."""
    if quarter_from == quarter_to:
        return translate(DEADLINE_ONE_QUARTER).format(quarter=quarter_from, year=year)
    return translate(DEADLINE_QUARTERS).format(first=quarter_from, last=quarter_to, year=year)


@dataclass
class ActionDraft:
    """A road-map action: the concept paper's five (English, translated when shown) and those the working
    group adds, each with its wording, form of completion, responsible actors, deadline, status and notes."""

    number: int
    title_en: str
    form_of_completion_en: str
    responsible_en: str
    deadline_year: int
    deadline_quarter_from: int
    deadline_quarter_to: int
    status: str = ActionStatus.PLANNED
    notes: str = ""
    #: Organisations of the register responsible for it (beside ``responsible_en``, the actors in words).
    organisation_ids: list[int] = field(default_factory=list)


def validate_action(draft: ActionDraft) -> Problems:
    problems: Problems = {}
    if draft.number < 1:
        problems["number"] = Message("An action is numbered from 1.")
    if not draft.title_en.strip():
        problems["title_en"] = Message("Describe the action.")
    if not 1 <= draft.deadline_quarter_from <= draft.deadline_quarter_to <= 4:
        problems["deadline_quarter_to"] = Message("The deadline is one quarter or a range of quarters of one year.")
    if draft.status not in set(ActionStatus):
        problems["status"] = Message("Choose planned, in progress or done.")
    return problems


@dataclass
class MeetingDraft:
    """A meeting of the working group's experts, its minutes, and the road-map action it served."""

    title: str
    held_on: dt.date
    place: str = ""
    minutes: str = ""
    action_id: int | None = None


def validate_meeting(draft: MeetingDraft) -> Problems:
    problems: Problems = {}
    if not draft.title.strip():
        problems["title"] = Message("Give the meeting a title.")
    return problems


@dataclass
class MemberDraft:
    """A member of the working group. The name and e-mail address are personal data."""

    country_code: str
    name: str
    email: str = ""
    organisation: str = ""
    role: str = ""


def validate_member(draft: MemberDraft) -> Problems:
    problems: Problems = {}
    if not draft.name.strip():
        problems["name"] = Message("Enter the member's name.")
    if not re.fullmatch(r"[A-Za-z]{2}", draft.country_code.strip()):
        problems["country_code"] = Message("Choose the member state the member represents.")
    email = draft.email.strip()
    if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
        problems["email"] = Message("“{email}” is not an e-mail address.", {"email": email})
    return problems
