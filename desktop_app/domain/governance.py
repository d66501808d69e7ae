"""The network's governance: bodies with their chairmanship, decisions with their follow-up.

The Astana forum proposes a permanent International Council that formulates recommendations; the
China–Central Asia forum has initiating institutions, permanent co-chairs and a rotating chairmanship,
and adopts consensus documents ("Almaty Consensus"). A body here is any of these: the working group,
the council, the expert meetings of line departments, a forum. A decision's follow-up actions belong to
it: they are edited, deleted, restored and exchanged with it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum

from desktop_app.domain.contract import Message, Problems
from desktop_app.i18n import N_


class BodyKind(StrEnum):
    WORKING_GROUP = "working_group"
    COUNCIL = "council"
    EXPERT_MEETINGS = "expert_meetings"
    FORUM = "forum"
    OTHER = "other"


BODY_KIND_LABELS = {
    BodyKind.WORKING_GROUP: N_("Working group"),
    BodyKind.COUNCIL: N_("Council"),
    BodyKind.EXPERT_MEETINGS: N_("Expert meetings"),
    BodyKind.FORUM: N_("Forum"),
    BodyKind.OTHER: N_("Other body"),
}


class ChairRole(StrEnum):
    CHAIR = "chair"
    CO_CHAIR = "co_chair"
    HOST = "host"
    PERMANENT_CO_CHAIR = "permanent_co_chair"
    INITIATOR = "initiator"


CHAIR_ROLE_LABELS = {
    ChairRole.CHAIR: N_("Chair"),
    ChairRole.CO_CHAIR: N_("Co-chair"),
    ChairRole.HOST: N_("Host"),
    ChairRole.PERMANENT_CO_CHAIR: N_("Permanent co-chair"),
    ChairRole.INITIATOR: N_("Initiating institution"),
}
#: Roles held for a year (the rotation); the others are held without one.
YEARLY_ROLES = frozenset({ChairRole.CHAIR, ChairRole.CO_CHAIR, ChairRole.HOST})


@dataclass
class BodyNameDraft:
    value: str
    lang: str | None = None


@dataclass
class ChairDraft:
    """Who chairs, co-chairs or hosts the body in ``year``, or holds a permanent office (no year): a state
    and, where the register has it, the university or organisation."""

    role: str
    year: int | None = None
    country_code: str = ""
    university_id: int | None = None
    organisation_id: int | None = None
    notes: str = ""


@dataclass
class BodyDraft:
    kind: str
    names: list[BodyNameDraft] = field(default_factory=list)
    acronym: str = ""
    established_on: dt.date | None = None
    mandate: str = ""
    notes: str = ""
    chairs: list[ChairDraft] = field(default_factory=list)

    def display_name(self, preferred_lang: str = "en") -> str:
        for name in self.names:
            if name.lang == preferred_lang and name.value.strip():
                return name.value.strip()
        return next((name.value.strip() for name in self.names if name.value.strip()), "")


_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


def validate_body(draft: BodyDraft) -> Problems:
    problems: Problems = {}
    if draft.kind not in set(BodyKind):
        problems["kind"] = Message("Choose the kind of body.")
    if not any(name.value.strip() for name in draft.names):
        problems["names"] = Message("Enter at least one name of the body.")
    for index, name in enumerate(draft.names):
        if not name.value.strip():
            problems[f"names[{index}]"] = Message("A name cannot be empty; remove the row instead.")
        elif name.lang and not _LANG.match(name.lang):
            problems[f"names[{index}]"] = Message("“{lang}” is not a language tag such as en, kk or zh-Hant.",
                                                  {"lang": name.lang})
    for index, chair in enumerate(draft.chairs):
        number = {"number": index + 1}
        if chair.role not in set(ChairRole):
            problems[f"chairs[{index}].role"] = Message("Chairmanship line {number}: choose the role.", number)
        elif chair.role in YEARLY_ROLES and chair.year is None:
            problems[f"chairs[{index}].year"] = Message(
                "Chairmanship line {number}: a chair, co-chair or host holds the office for a year; enter it.", number)
        if chair.year is not None and not 1990 <= chair.year <= 2100:
            problems[f"chairs[{index}].year"] = Message("Chairmanship line {number}: the year must lie between "
                                                        "1990 and 2100.", number)
        if chair.country_code and not _COUNTRY.match(chair.country_code):
            problems[f"chairs[{index}].country_code"] = Message("Chairmanship line {number}: choose the state.", number)
        if chair.university_id is not None and chair.organisation_id is not None:
            problems[f"chairs[{index}].holder"] = Message(
                "Chairmanship line {number}: name a university or an organisation, not both.", number)
        if not (chair.country_code or chair.university_id or chair.organisation_id):
            problems[f"chairs[{index}].country_code"] = Message(
                "Chairmanship line {number}: name the state, university or organisation that holds the office.",
                number)
    return problems


def rotation(chairs: list[ChairDraft]) -> list[ChairDraft]:
    """The yearly offices in the order of the years (the rotation), then the permanent ones."""
    yearly = sorted((c for c in chairs if c.year is not None), key=lambda c: (c.year, c.role != ChairRole.CHAIR))
    return yearly + [c for c in chairs if c.year is None]


def chair_in(chairs: list[ChairDraft], year: int) -> ChairDraft | None:
    """Who chairs the body in ``year`` (or, without a chair that year, hosts it)."""
    for role in (ChairRole.CHAIR, ChairRole.HOST):
        found = next((c for c in chairs if c.year == year and c.role == role), None)
        if found is not None:
            return found
    return None


# --- decisions ------------------------------------------------------------------------------------

class DecisionKind(StrEnum):
    DECISION = "decision"
    RESOLUTION = "resolution"
    RECOMMENDATION = "recommendation"
    CONSENSUS = "consensus"


DECISION_KIND_LABELS = {
    DecisionKind.DECISION: N_("Decision"),
    DecisionKind.RESOLUTION: N_("Resolution"),
    DecisionKind.RECOMMENDATION: N_("Recommendation"),
    DecisionKind.CONSENSUS: N_("Consensus document"),
}


@dataclass
class DecisionTextDraft:
    lang: str
    title: str
    body: str = ""


@dataclass
class DecisionDraft:
    """A decision, resolution, recommendation or consensus document of a body, its text in each language
    it was adopted or translated in, and what it asks to be done (its follow-up actions)."""

    kind: str
    body_id: int | None
    adopted_on: dt.date | None
    texts: list[DecisionTextDraft] = field(default_factory=list)
    reference: str = ""
    notes: str = ""
    follow_ups: list[FollowUpDraft] = field(default_factory=list)

    def title(self, preferred_lang: str = "en") -> str:
        for text in self.texts:
            if text.lang == preferred_lang and text.title.strip():
                return text.title.strip()
        return next((text.title.strip() for text in self.texts if text.title.strip()), "")


def validate_decision(draft: DecisionDraft) -> Problems:
    problems: Problems = {}
    if draft.kind not in set(DecisionKind):
        problems["kind"] = Message("Choose whether it is a decision, resolution, recommendation or consensus "
                                   "document.")
    if draft.body_id is None:
        problems["body_id"] = Message("Choose the body that adopted it.")
    if draft.adopted_on is None:
        problems["adopted_on"] = Message("Enter the date it was adopted.")
    if not any(text.title.strip() for text in draft.texts):
        problems["texts"] = Message("Give its title in at least one language.")
    seen: set[str] = set()
    for index, text in enumerate(draft.texts):
        lang = (text.lang or "").strip()
        if not lang or not _LANG.match(lang):
            problems[f"texts[{index}].lang"] = Message("Text {number}: choose its language.", {"number": index + 1})
        elif lang in seen:
            problems[f"texts[{index}].lang"] = Message("Text {number}: there is already a text in this language.",
                                                       {"number": index + 1})
        seen.add(lang)
        if not text.title.strip():
            problems[f"texts[{index}].title"] = Message("Text {number}: give the title in its language.",
                                                        {"number": index + 1})
    for index, action in enumerate(draft.follow_ups):
        for key, message in validate_follow_up(action, index + 1).items():
            problems[f"follow_ups[{index}].{key}"] = message
    return problems


class FollowUpStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANCELLED = "cancelled"


FOLLOW_UP_STATUS_LABELS = {
    FollowUpStatus.OPEN: N_("Not started"),
    FollowUpStatus.IN_PROGRESS: N_("In progress"),
    FollowUpStatus.DONE: N_("Done"),
    FollowUpStatus.CANCELLED: N_("Cancelled"),
}
#: Statuses of an action still to be done: past its deadline in one of them, it is overdue.
OPEN_STATUSES = frozenset({FollowUpStatus.OPEN, FollowUpStatus.IN_PROGRESS})


def is_overdue(status: str, deadline: dt.date | None, today: dt.date) -> bool:
    """Still to be done, and its deadline has passed."""
    return status in OPEN_STATUSES and deadline is not None and deadline < today


@dataclass
class FollowUpDraft:
    """One follow-up action of a decision: what is to be done, who answers for it (an organisation, a
    university or a body of the registers, or in words), by when, and how far it has come."""

    description: str
    deadline: dt.date | None = None
    status: str = FollowUpStatus.OPEN
    organisation_id: int | None = None
    university_id: int | None = None
    responsible: str = ""
    completed_on: dt.date | None = None
    evidence: str = ""


def validate_follow_up(draft: FollowUpDraft, number: int) -> Problems:
    """The problems of the ``number``-th follow-up action of a decision (keys without the row prefix)."""
    problems: Problems = {}
    at = {"number": number}
    if not draft.description.strip():
        problems["description"] = Message("Action {number}: say what is to be done.", at)
    if draft.status not in set(FollowUpStatus):
        problems["status"] = Message("Action {number}: choose not started, in progress, done or cancelled.", at)
    if draft.organisation_id is not None and draft.university_id is not None:
        problems["responsible"] = Message("Action {number}: name one responsible actor, an organisation or a "
                                          "university.", at)
    elif draft.organisation_id is None and draft.university_id is None and not draft.responsible.strip():
        problems["responsible"] = Message("Action {number}: name who is responsible: choose an organisation or a "
                                          "university, or write who.", at)
    if draft.completed_on is not None and draft.status != FollowUpStatus.DONE:
        problems["completed_on"] = Message("Action {number}: only a done action has a completion date.", at)
    return problems
