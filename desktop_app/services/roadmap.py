"""The road map of the working group: the actions' status, evidence, expert meetings, members."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass

from sqlalchemy import func, select

from desktop_app.domain.errors import NotFoundError, ValidationError
from desktop_app.domain.mobility import mask_personal
from desktop_app.domain.roadmap import ActionStatus, deadline_label, is_overdue
from desktop_app.i18n import _
from desktop_app.storage.database import Database
from desktop_app.storage.models import AttachedDocument, ExpertMeeting, RoadmapAction, WorkingGroupMember

TOPIC = "roadmap"


@dataclass
class ActionRow:
    id: int
    number: int
    title_en: str
    form_of_completion_en: str
    responsible_en: str
    deadline_year: int
    deadline_quarter_from: int
    deadline_quarter_to: int
    deadline: str
    status: str
    notes: str
    overdue: bool
    evidence: int
    meetings: int

    def as_json(self) -> dict:
        return asdict(self)


def list_actions(db: Database, today: dt.date | None = None) -> list[ActionRow]:
    today = today or dt.date.today()
    evidence = (select(func.count()).where(AttachedDocument.owner_type == "roadmap_action",
                                          AttachedDocument.owner_id == RoadmapAction.id)
                .correlate(RoadmapAction).scalar_subquery())
    meetings = (select(func.count()).where(ExpertMeeting.action_id == RoadmapAction.id)
                .correlate(RoadmapAction).scalar_subquery())
    with db.reading() as session:
        rows = session.execute(select(RoadmapAction, evidence, meetings).order_by(RoadmapAction.number)).all()
        return [ActionRow(a.id, a.number, a.title_en, a.form_of_completion_en, a.responsible_en, a.deadline_year,
                          a.deadline_quarter_from, a.deadline_quarter_to,
                          deadline_label(a.deadline_year, a.deadline_quarter_from, a.deadline_quarter_to),
                          a.status, a.notes, is_overdue(a.status, a.deadline_year, a.deadline_quarter_to, today),
                          n_evidence, n_meetings) for a, n_evidence, n_meetings in rows]


def set_action_status(db: Database, action_id: int, status: str, notes: str | None = None) -> None:
    if status not in set(ActionStatus):
        errors = {"status": _("Choose planned, in progress or done.")}
        raise ValidationError(errors)
    with db.transaction(changes={TOPIC}) as session:
        action = session.get(RoadmapAction, action_id)
        if action is None:
            raise NotFoundError("The road-map action no longer exists.")
        action.status = status
        if notes is not None:
            action.notes = notes


def action_state(db: Database, action_id: int) -> tuple[str, str]:
    with db.reading() as session:
        action = session.get(RoadmapAction, action_id)
        if action is None:
            raise NotFoundError("The road-map action no longer exists.")
        return action.status, action.notes


@dataclass
class MeetingRow:
    id: int
    action_id: int | None
    held_on: dt.date
    place: str
    title: str
    minutes: str


def add_meeting(db: Database, title: str, held_on: dt.date, place: str = "", minutes: str = "",
                action_id: int | None = None) -> int:
    if not title.strip():
        errors = {"title": _("Give the meeting a title.")}
        raise ValidationError(errors)
    with db.transaction(changes={TOPIC}) as session:
        meeting = ExpertMeeting(title=title.strip(), held_on=held_on, place=place, minutes=minutes,
                                action_id=action_id)
        session.add(meeting)
        session.flush()
        return meeting.id


def delete_meeting(db: Database, meeting_id: int) -> None:
    with db.transaction(changes={TOPIC}) as session:
        meeting = session.get(ExpertMeeting, meeting_id)
        if meeting is not None:
            session.delete(meeting)


def list_meetings(db: Database, action_id: int | None = None) -> list[MeetingRow]:
    query = select(ExpertMeeting).order_by(ExpertMeeting.held_on.desc())
    if action_id is not None:
        query = query.where(ExpertMeeting.action_id == action_id)
    with db.reading() as session:
        return [MeetingRow(m.id, m.action_id, m.held_on, m.place, m.title, m.minutes)
                for m in session.execute(query).scalars()]


@dataclass
class MemberRow:
    id: int
    country_code: str
    name: str
    email: str
    organisation: str
    role: str


def add_member(db: Database, country_code: str, name: str, organisation: str = "", role: str = "",
               email: str = "") -> int:
    if not name.strip():
        errors = {"name": _("Enter the member's name.")}
        raise ValidationError(errors)
    with db.transaction(changes={TOPIC}) as session:
        member = WorkingGroupMember(country_code=country_code.upper(), name=name.strip(), email=email,
                                    organisation=organisation, role=role)
        session.add(member)
        session.flush()
        return member.id


def delete_member(db: Database, member_id: int) -> None:
    with db.transaction(changes={TOPIC}) as session:
        member = session.get(WorkingGroupMember, member_id)
        if member is not None:
            session.delete(member)


def list_members(db: Database, reveal_personal: bool = False) -> list[MemberRow]:
    with db.reading() as session:
        members = session.execute(select(WorkingGroupMember).order_by(
            WorkingGroupMember.country_code, WorkingGroupMember.name)).scalars().all()
        return [MemberRow(m.id, m.country_code, m.name if reveal_personal else mask_personal(m.name),
                          m.email if reveal_personal else ("•••" if m.email else ""), m.organisation, m.role)
                for m in members]
