"""The life of a mobility from nomination to recognised credits, and the rules of the concept paper's
formats. Pure rules: no storage.

    nominated → accepted | rejected
    accepted → learning agreement signed → started → completed
    any step before the end → cancelled

Faculty members and researchers have no learning agreement: they go from accepted to started. Each
step is dated; a step cannot be dated before the one it follows.

The formats (concept paper): short-term training lasts from two weeks to one semester; in a "1+1"
master's the student spends one semester or one academic year at the partner. A semester here is 3 to 6
months (90 to 183 days), an academic year 8 to 12 months (240 to 366 days), both ends counted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from desktop_app.domain.contract import Message, Problems
from desktop_app.domain.errors import UserError
from desktop_app.domain.mobility import MobilityFormat, PersonKind
from desktop_app.i18n import N_, Nn_


class MobilityStatus(StrEnum):
    NOMINATED = "nominated"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    LA_SIGNED = "la_signed"
    STARTED = "started"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


STATUS_LABELS = {
    MobilityStatus.NOMINATED: N_("Nominated"),
    MobilityStatus.ACCEPTED: N_("Accepted"),
    MobilityStatus.REJECTED: N_("Rejected"),
    MobilityStatus.LA_SIGNED: N_("Learning agreement signed"),
    MobilityStatus.STARTED: N_("Started"),
    MobilityStatus.COMPLETED: N_("Completed"),
    MobilityStatus.CANCELLED: N_("Cancelled"),
}

#: The action that moves a mobility into each status (buttons, menus, the command line's verbs).
ACTION_LABELS = {
    MobilityStatus.NOMINATED: N_("Nominate"),
    MobilityStatus.ACCEPTED: N_("Accept"),
    MobilityStatus.REJECTED: N_("Reject"),
    MobilityStatus.LA_SIGNED: N_("Learning agreement signed"),
    MobilityStatus.STARTED: N_("Start"),
    MobilityStatus.COMPLETED: N_("Complete"),
    MobilityStatus.CANCELLED: N_("Cancel the mobility"),
}

FINAL = frozenset({MobilityStatus.REJECTED, MobilityStatus.COMPLETED, MobilityStatus.CANCELLED})
#: Statuses in which the learning agreement has not been signed yet.
BEFORE_SIGNATURE = frozenset({MobilityStatus.NOMINATED, MobilityStatus.ACCEPTED})

_NEXT = {
    MobilityStatus.NOMINATED: (MobilityStatus.ACCEPTED, MobilityStatus.REJECTED, MobilityStatus.CANCELLED),
    MobilityStatus.ACCEPTED: (MobilityStatus.LA_SIGNED, MobilityStatus.CANCELLED),
    MobilityStatus.LA_SIGNED: (MobilityStatus.STARTED, MobilityStatus.CANCELLED),
    MobilityStatus.STARTED: (MobilityStatus.COMPLETED, MobilityStatus.CANCELLED),
}


def next_statuses(status: str, person_kind: str = PersonKind.STUDENT) -> tuple[MobilityStatus, ...]:
    """The statuses a mobility may move to from ``status``."""
    following = _NEXT.get(MobilityStatus(status), ()) if status in set(MobilityStatus) else ()
    if status == MobilityStatus.ACCEPTED and person_kind != PersonKind.STUDENT:
        return (MobilityStatus.STARTED, MobilityStatus.CANCELLED)  # staff: no learning agreement
    return following


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)  # type: ignore[call-overload]


def check_move(current: str, target: str, person_kind: str, on: dt.date, last_step: dt.date | None) -> None:
    """Refuse a move the life cycle does not allow, or one dated before the step it follows."""
    if target not in set(MobilityStatus):
        raise UserError("“{status}” is not a step of a mobility's life cycle.", field="status", status=target)
    if target not in next_statuses(current, person_kind):
        if target == MobilityStatus.LA_SIGNED and person_kind != PersonKind.STUDENT:
            raise UserError("Only a student's mobility has a learning agreement.", field="status")
        raise UserError("A mobility that is “{current}” cannot become “{target}”.", field="status",
                        current=Message(status_label(current)), target=Message(status_label(target)))
    if last_step is not None and on < last_step:
        raise UserError("This step cannot be dated before the previous one ({date}).", field="changed_on",
                        date=last_step)


# --- the formats of the concept paper -------------------------------------------------------------

_SHORT_TERM = Nn_("Short-term training lasts from two weeks to one semester; this one lasts {count} day.",
                  "Short-term training lasts from two weeks to one semester; this one lasts {count} days.")
_ONE_PLUS_ONE = Nn_("In a “1+1” master's the stay at a partner lasts one semester or one academic year; this one "
                    "lasts {count} day.",
                    "In a “1+1” master's the stay at a partner lasts one semester or one academic year; this one "
                    "lasts {count} days.")
_UNSIGNED = Nn_("The learning agreement is not signed and the mobility starts in {count} day.",
                "The learning agreement is not signed and the mobility starts in {count} days.")

TWO_WEEKS_DAYS = 14
SEMESTER_DAYS = (90, 183)
YEAR_DAYS = (240, 366)


def duration_days(start: dt.date, end: dt.date) -> int:
    """Days of a stay, both ends counted (1 September to 14 September is 14 days)."""
    return (end - start).days + 1


def format_problems(format_key: str, start: dt.date, end: dt.date) -> Problems:
    """What the concept paper's format rules say about the dates (warnings: shown live, never blocking, so a
    stay shortened by events can still be recorded as it happened)."""
    if end < start:
        return {}
    days = duration_days(start, end)
    if format_key == MobilityFormat.SHORT_TERM and not TWO_WEEKS_DAYS <= days <= SEMESTER_DAYS[1]:
        return {"end_date": Message(_SHORT_TERM[0], plural=_SHORT_TERM[1], count=days)}
    if format_key == MobilityFormat.MASTERS_1_1 and not (SEMESTER_DAYS[0] <= days <= SEMESTER_DAYS[1]
                                                         or YEAR_DAYS[0] <= days <= YEAR_DAYS[1]):
        return {"end_date": Message(_ONE_PLUS_ONE[0], plural=_ONE_PLUS_ONE[1], count=days)}
    return {}


# --- warnings -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class MobilityFacts:
    """What the warnings of one mobility are computed from (read by the service in one go)."""

    person_kind: str
    format: str
    status: str
    start_date: dt.date
    end_date: dt.date
    nominated_on: dt.date | None = None
    nomination_deadline: dt.date | None = None  # the receiving university's, for the year of the stay
    has_learning_agreement: bool = False
    agreement_signed: bool = False  # the latest version carries all three signatures
    transcript_received_on: dt.date | None = None


@dataclass(frozen=True)
class Warning:
    key: str  # format | nomination_deadline | signature | transcript
    message: Message


def warnings(facts: MobilityFacts, signature_days: int, transcript_days: int,
             today: dt.date | None = None) -> list[Warning]:
    """What needs the coordinator's attention about one mobility, in the order it happens."""
    today = today or dt.date.today()
    found = [Warning("format", message) for message in format_problems(facts.format, facts.start_date,
                                                                        facts.end_date).values()]
    deadline = facts.nomination_deadline
    if deadline is not None and facts.status not in FINAL:
        if facts.nominated_on is not None and facts.nominated_on > deadline:
            found.append(Warning("nomination_deadline", Message(
                "Nominated on {nominated}, after the receiving university's nomination deadline ({deadline}).",
                {"nominated": facts.nominated_on, "deadline": deadline})))
        elif facts.status == MobilityStatus.NOMINATED and today > deadline:
            found.append(Warning("nomination_deadline", Message(
                "The receiving university's nomination deadline passed on {deadline} and the nomination is not "
                "accepted yet.", {"deadline": deadline})))
    if facts.person_kind == PersonKind.STUDENT and facts.status in BEFORE_SIGNATURE and not facts.agreement_signed:
        days_left = (facts.start_date - today).days
        if days_left < 0:
            found.append(Warning("signature", Message(
                "The mobility started on {date} without a signed learning agreement.",
                {"date": facts.start_date})))
        elif days_left <= signature_days:
            found.append(Warning("signature", Message(_UNSIGNED[0], plural=_UNSIGNED[1], count=days_left)))
    if (facts.person_kind == PersonKind.STUDENT and facts.transcript_received_on is None
            and facts.status in (MobilityStatus.STARTED, MobilityStatus.COMPLETED)
            and (today - facts.end_date).days > transcript_days):
        found.append(Warning("transcript", Message(
            "The mobility ended on {date}; its transcript of records is overdue.",
            {"date": facts.end_date})))
    return found
