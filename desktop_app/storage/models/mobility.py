"""Mobility of students, faculty and researchers; joint events with their partners."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop_app.storage.base import Base, RecordMixin

#: Column info marking personal data: masked in lists, left out of exports unless asked for.
PERSONAL = {"personal": True}


class MobilityRecord(RecordMixin, Base):
    __tablename__ = "mobility_records"
    person_kind: Mapped[str] = mapped_column(String(16), index=True)
    person_name: Mapped[str] = mapped_column(String(300), default="", info=PERSONAL)
    person_email: Mapped[str] = mapped_column(String(300), default="", info=PERSONAL)
    birth_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True, info=PERSONAL)
    format: Mapped[str] = mapped_column(String(20), index=True)
    sending_university_id: Mapped[int] = mapped_column(
        ForeignKey("universities.id", ondelete="RESTRICT"), index=True)
    receiving_university_id: Mapped[int] = mapped_column(
        ForeignKey("universities.id", ondelete="RESTRICT"), index=True)
    start_date: Mapped[dt.date] = mapped_column(Date, index=True)
    end_date: Mapped[dt.date] = mapped_column(Date)
    agreement_id: Mapped[int | None] = mapped_column(
        ForeignKey("agreements.id", ondelete="SET NULL"), nullable=True, index=True)
    #: A joint programme of the curricula area, by its UUID (its tables live in that area).
    programme_uuid: Mapped[str | None] = mapped_column(String(36), nullable=True)
    funding: Mapped[str] = mapped_column(String(300), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    #: The EQF level the person studies at ("6" bachelor, "7" master, "8" doctoral; "" not said).
    study_level: Mapped[str] = mapped_column(String(2), default="", server_default="")
    #: Where the mobility is in its life cycle (domain/mobility_lifecycle.py); each move is in its history.
    status: Mapped[str] = mapped_column(String(20), default="nominated", server_default="nominated", index=True)
    #: When the receiving university's transcript of records arrived (None: not yet).
    transcript_received_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class JointEvent(RecordMixin, Base):
    __tablename__ = "joint_events"
    kind: Mapped[str] = mapped_column(String(20), index=True)
    title: Mapped[str] = mapped_column(String(500))
    start_date: Mapped[dt.date] = mapped_column(Date, index=True)
    end_date: Mapped[dt.date] = mapped_column(Date)
    host_university_id: Mapped[int] = mapped_column(ForeignKey("universities.id", ondelete="RESTRICT"), index=True)
    participants: Mapped[int] = mapped_column(Integer, default=0)
    area_key: Mapped[str | None] = mapped_column(ForeignKey("cooperation_areas.key"), nullable=True)
    outcome: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")

    partners: Mapped[list[JointEventPartner]] = relationship(cascade="all, delete-orphan",
                                                           order_by="JointEventPartner.university_id")


class JointEventPartner(Base):
    __tablename__ = "joint_event_partners"
    event_id: Mapped[int] = mapped_column(ForeignKey("joint_events.id", ondelete="CASCADE"), primary_key=True)
    university_id: Mapped[int] = mapped_column(ForeignKey("universities.id", ondelete="RESTRICT"), primary_key=True)
