"""Academic calendars: one per university and academic year, made of dated periods."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop_app.storage.base import Base, RecordMixin


class AcademicCalendar(RecordMixin, Base):
    __tablename__ = "academic_calendars"
    university_id: Mapped[int] = mapped_column(ForeignKey("universities.id", ondelete="CASCADE"), index=True)
    academic_year: Mapped[str] = mapped_column(String(9), index=True)  # "2026/2027"; the list sorts by it
    notes: Mapped[str] = mapped_column(Text, default="")

    periods: Mapped[list[CalendarPeriod]] = relationship(
        cascade="all, delete-orphan", order_by="(CalendarPeriod.start_date, CalendarPeriod.id)"
    )
    __table_args__ = (UniqueConstraint("university_id", "academic_year"),)


class CalendarPeriod(RecordMixin, Base):
    __tablename__ = "calendar_periods"
    calendar_id: Mapped[int] = mapped_column(
        ForeignKey("academic_calendars.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20), default="other")
    title: Mapped[str] = mapped_column(String(500), default="")
    start_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date] = mapped_column(Date)  # inclusive
    #: None: the kind's default (teaching, orientation and defences require attendance)
    required_attendance: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    #: The UID of the iCalendar event it was imported from, so a re-import updates instead of duplicating
    source_uid: Mapped[str] = mapped_column(String(300), default="", index=True)
    #: Where the imported event takes place (iCalendar LOCATION) and the page describing it (URL)
    location: Mapped[str] = mapped_column(String(500), default="", server_default="")
    url: Mapped[str] = mapped_column(String(1000), default="", server_default="")
