"""The network's governance: its bodies (the working group, the International Council, expert meetings,
forums) with their chairmanship and its rotation, and the register of decisions, resolutions,
recommendations and consensus documents with their follow-up actions.

Follow-up actions belong to their decision (deleted and restored with it, sent with it in a package)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop_app.storage.base import Base, RecordMixin


class Body(RecordMixin, Base):
    __tablename__ = "bodies"
    kind: Mapped[str] = mapped_column(String(24), index=True)
    acronym: Mapped[str] = mapped_column(String(50), default="")
    established_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    mandate: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    #: The name shown in lists (cached from the names by the service) and the folded text searched.
    display_name: Mapped[str] = mapped_column(String(500), default="", index=True)
    search_text: Mapped[str] = mapped_column(Text, default="")

    names: Mapped[list[BodyName]] = relationship(cascade="all, delete-orphan", order_by="BodyName.position")
    chairs: Mapped[list[BodyChair]] = relationship(cascade="all, delete-orphan", order_by="BodyChair.position")


class BodyName(RecordMixin, Base):
    __tablename__ = "body_names"
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"), index=True)
    value: Mapped[str] = mapped_column(String(500))
    lang: Mapped[str | None] = mapped_column(String(12), nullable=True)
    position: Mapped[int] = mapped_column(default=0)


class BodyChair(RecordMixin, Base):
    """One line of a body's chairmanship: who chairs, co-chairs or hosts it in a year, or holds a
    permanent co-chair or stands among its initiating institutions (no year). A state, and where known
    the university or organisation that holds the office."""

    __tablename__ = "body_chairs"
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    role: Mapped[str] = mapped_column(String(24))
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    country_code: Mapped[str] = mapped_column(String(2), default="")
    university_id: Mapped[int | None] = mapped_column(
        ForeignKey("universities.id", ondelete="RESTRICT"), nullable=True, index=True)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="RESTRICT"), nullable=True, index=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        CheckConstraint("university_id IS NULL OR organisation_id IS NULL", name="one_holder"),
    )


class Decision(RecordMixin, Base):
    """A decision, resolution, recommendation or consensus document of a body; its texts per language are
    in ``decision_texts``, what it asks to be done in ``follow_up_actions``."""

    __tablename__ = "decisions"
    kind: Mapped[str] = mapped_column(String(20), index=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="RESTRICT"), index=True)
    reference: Mapped[str] = mapped_column(String(100), default="")
    adopted_on: Mapped[dt.date] = mapped_column(Date, index=True)
    #: The title shown in lists (cached from the texts by the service) and the folded text searched.
    title: Mapped[str] = mapped_column(String(500), default="", index=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default="")

    texts: Mapped[list[DecisionText]] = relationship(cascade="all, delete-orphan",
                                                     order_by="DecisionText.position")


class DecisionText(RecordMixin, Base):
    __tablename__ = "decision_texts"
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    lang: Mapped[str] = mapped_column(String(12))
    title: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text, default="")


class FollowUpAction(RecordMixin, Base):
    """What a decision asks to be done: by whom (an organisation or a university, or named in
    words), by when, how far it has come, and the evidence of its completion in words."""

    __tablename__ = "follow_up_actions"
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    description: Mapped[str] = mapped_column(Text)
    organisation_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="RESTRICT"), nullable=True, index=True)
    university_id: Mapped[int | None] = mapped_column(
        ForeignKey("universities.id", ondelete="RESTRICT"), nullable=True, index=True)
    responsible: Mapped[str] = mapped_column(String(300), default="")  # in words, when in no register
    deadline: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    completed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    evidence: Mapped[str] = mapped_column(Text, default="")  # what shows it was done: a letter, a link

    __table_args__ = (
        CheckConstraint("university_id IS NULL OR organisation_id IS NULL", name="one_actor"),
    )
