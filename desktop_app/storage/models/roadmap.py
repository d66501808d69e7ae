"""The working group: expert meetings with minutes, and its members by state. (The road-map actions
themselves are a foundation reference table; their evidence is in ``attached_documents``, the history of
their deadlines below.)"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.storage.base import Base, RecordMixin
from desktop_app.storage.models.mobility import PERSONAL


class ExpertMeeting(RecordMixin, Base):
    __tablename__ = "expert_meetings"
    action_id: Mapped[int | None] = mapped_column(
        ForeignKey("roadmap_actions.id", ondelete="SET NULL"), nullable=True, index=True)
    held_on: Mapped[dt.date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(300), default="")
    title: Mapped[str] = mapped_column(String(500))
    minutes: Mapped[str] = mapped_column(Text, default="")


class WorkingGroupMember(RecordMixin, Base):
    __tablename__ = "working_group_members"
    country_code: Mapped[str] = mapped_column(String(2), index=True)
    name: Mapped[str] = mapped_column(String(300), info=PERSONAL)
    email: Mapped[str] = mapped_column(String(300), default="", info=PERSONAL)
    organisation: Mapped[str] = mapped_column(String(500), default="")
    role: Mapped[str] = mapped_column(String(200), default="")


class RoadmapActionActor(RecordMixin, Base):
    """An organisation responsible for a road-map action (a ministry, the CICA Secretariat…), beside the
    action's responsible actors in words. It belongs to its action; an organisation named here cannot be
    deleted."""

    __tablename__ = "roadmap_action_actors"
    action_id: Mapped[int] = mapped_column(ForeignKey("roadmap_actions.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="RESTRICT"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (UniqueConstraint("action_id", "organisation_id"),)


class RoadmapDeadlineChange(RecordMixin, Base):
    """A road-map action's deadline moved: from which quarters to which, and on which day. It belongs to its
    action (deleted, restored and exchanged with it), so the history of a deadline stays beside it."""

    __tablename__ = "roadmap_deadline_changes"
    action_id: Mapped[int] = mapped_column(ForeignKey("roadmap_actions.id", ondelete="CASCADE"), index=True)
    changed_on: Mapped[dt.date] = mapped_column(Date)
    from_year: Mapped[int] = mapped_column(Integer)
    from_quarter_from: Mapped[int] = mapped_column(Integer)
    from_quarter_to: Mapped[int] = mapped_column(Integer)
    to_year: Mapped[int] = mapped_column(Integer)
    to_quarter_from: Mapped[int] = mapped_column(Integer)
    to_quarter_to: Mapped[int] = mapped_column(Integer)
