"""Joint programmes, their partners, intakes, study plans and course equivalences; credit conversions."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop_app.storage.base import Base, RecordMixin


class Programme(RecordMixin, Base):
    __tablename__ = "programmes"
    # The sort keys of the list are indexed, so a page of 100,000 programmes is read in index order.
    code: Mapped[str] = mapped_column(String(40), default="", index=True)
    title: Mapped[str] = mapped_column(String(500), index=True)  # display title (English or the first given)
    titles: Mapped[dict] = mapped_column(JSON, default=dict)  # language code -> title
    programme_type: Mapped[str] = mapped_column(String(30), default="double_degree", index=True)
    isced_level: Mapped[str | None] = mapped_column(ForeignKey("isced_levels.code"), nullable=True)
    isced_field: Mapped[str | None] = mapped_column(ForeignKey("isced_fields.code"), nullable=True)
    area_key: Mapped[str | None] = mapped_column(ForeignKey("cooperation_areas.key"), nullable=True)
    status: Mapped[str] = mapped_column(String(20), default="design", index=True)
    diplomas: Mapped[str] = mapped_column(String(20), default="two_diplomas")
    joint_defence: Mapped[bool] = mapped_column(Boolean, default=False)
    languages: Mapped[str] = mapped_column(String(64), default="")  # space-separated ISO 639-1 codes
    # Accreditations are records of their own since migration 0012 (storage/models/quality.py).
    notes: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default="")

    partners: Mapped[list[ProgrammePartner]] = relationship(
        back_populates="programme", cascade="all, delete-orphan", order_by="ProgrammePartner.position"
    )
    intakes: Mapped[list[ProgrammeIntake]] = relationship(
        cascade="all, delete-orphan", order_by="ProgrammeIntake.academic_year"
    )
    semesters: Mapped[list[Semester]] = relationship(
        back_populates="programme", cascade="all, delete-orphan", order_by="Semester.number"
    )
    equivalences: Mapped[list[CourseEquivalence]] = relationship(
        cascade="all, delete-orphan", order_by="CourseEquivalence.id"
    )


class ProgrammePartner(RecordMixin, Base):
    __tablename__ = "programme_partners"
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    university_id: Mapped[int] = mapped_column(ForeignKey("universities.id"), index=True)
    role: Mapped[str] = mapped_column(String(20), default="partner")
    position: Mapped[int] = mapped_column(Integer, default=0)

    programme: Mapped[Programme] = relationship(back_populates="partners")
    __table_args__ = (UniqueConstraint("programme_id", "university_id"),)


class ProgrammeIndustryPartner(RecordMixin, Base):
    """An enterprise or another organisation of the register that takes part in a joint programme
    (internships, employers on its committee). It belongs to its programme; an organisation named here
    cannot be deleted."""

    __tablename__ = "programme_industry_partners"
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="RESTRICT"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (UniqueConstraint("programme_id", "organisation_id"),)


class ProgrammeIntake(RecordMixin, Base):
    """Planned places and actual enrolment of one academic year's intake."""

    __tablename__ = "programme_intakes"
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    academic_year: Mapped[str] = mapped_column(String(9))
    places: Mapped[int | None] = mapped_column(Integer, nullable=True)
    enrolled: Mapped[int | None] = mapped_column(Integer, nullable=True)
    __table_args__ = (UniqueConstraint("programme_id", "academic_year"),)


class Semester(RecordMixin, Base):
    __tablename__ = "programme_semesters"
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    academic_year: Mapped[str] = mapped_column(String(9), default="")
    university_id: Mapped[int | None] = mapped_column(ForeignKey("universities.id"), nullable=True)
    start_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    end_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)

    programme: Mapped[Programme] = relationship(back_populates="semesters")
    courses: Mapped[list[Course]] = relationship(cascade="all, delete-orphan", order_by="Course.position")


class Course(RecordMixin, Base):
    __tablename__ = "programme_courses"
    semester_id: Mapped[int] = mapped_column(
        ForeignKey("programme_semesters.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    code: Mapped[str] = mapped_column(String(40), default="")
    titles: Mapped[dict] = mapped_column(JSON, default=dict)
    credits_ects: Mapped[float] = mapped_column(Float, default=0.0)
    mandatory: Mapped[bool] = mapped_column(Boolean, default=True)
    language: Mapped[str] = mapped_column(String(12), default="")


class CourseEquivalence(RecordMixin, Base):
    """A course at one partner recognised as equivalent to a course at another."""

    __tablename__ = "course_equivalences"
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("programme_courses.id", ondelete="CASCADE"))
    equivalent_course_id: Mapped[int] = mapped_column(ForeignKey("programme_courses.id", ondelete="CASCADE"))
    note: Mapped[str] = mapped_column(Text, default="")


class CreditConversionRow(RecordMixin, Base):
    """National credits per ECTS credit in a member state; defaults loaded with their source, editable."""

    __tablename__ = "credit_conversions"
    state_code: Mapped[str] = mapped_column(String(2), unique=True)
    national_per_ects: Mapped[float] = mapped_column(Float, default=1.0)
    unit: Mapped[str] = mapped_column(String(100), default="")
    source: Mapped[str] = mapped_column(Text, default="")
