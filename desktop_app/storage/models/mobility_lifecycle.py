"""What a mobility owns from nomination to recognised credits: its dated status history, its learning
agreement (numbered versions of components and signatures), the transcript of records received and the
credits recognised at home. Every table hangs from the mobility record with ``ON DELETE CASCADE``, so a
snapshot of the mobility (undo, the national data package) carries all of it.

A university's grading table (its grades, their ECTS grades and the share of students given each) is
owned by the university: every mobility to or from it converts grades with the same table.

Personal data (``info=PERSONAL``): students' grades. Coordinators' names and e-mail addresses are the
institutions' officials acting in their role (as an agreement's signatories are) and are not marked.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.storage.base import Base, RecordMixin

PERSONAL = {"personal": True}


class MobilityStatusChange(RecordMixin, Base):
    """One step of a mobility's life cycle: the status it moved to and the day it did."""

    __tablename__ = "mobility_status_changes"
    mobility_id: Mapped[int] = mapped_column(ForeignKey("mobility_records.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    changed_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class LearningAgreement(RecordMixin, Base):
    """The learning agreement of a student's mobility (EWP Online Learning Agreement v1): what stays the
    same through its versions."""

    __tablename__ = "learning_agreements"
    mobility_id: Mapped[int] = mapped_column(ForeignKey("mobility_records.id", ondelete="CASCADE"), unique=True)
    receiving_academic_year: Mapped[str] = mapped_column(String(9), default="")
    isced_code: Mapped[str] = mapped_column(String(4), default="")
    isced_clarification: Mapped[str] = mapped_column(String(500), default="")
    language: Mapped[str] = mapped_column(String(12), default="")  # main language of instruction (BCP 47)
    cefr_level: Mapped[str] = mapped_column(String(2), default="")  # the student's competence in it
    sending_unit: Mapped[str] = mapped_column(String(300), default="")
    sending_contact_name: Mapped[str] = mapped_column(String(300), default="")
    sending_contact_email: Mapped[str] = mapped_column(String(300), default="")
    receiving_unit: Mapped[str] = mapped_column(String(300), default="")
    receiving_contact_name: Mapped[str] = mapped_column(String(300), default="")
    receiving_contact_email: Mapped[str] = mapped_column(String(300), default="")
    learning_outcomes_url: Mapped[str] = mapped_column(String(1000), default="")
    provisions_url: Mapped[str] = mapped_column(String(1000), default="")


class LearningAgreementVersion(RecordMixin, Base):
    """One numbered version: version 1 as first signed, each later one a change during the mobility."""

    __tablename__ = "learning_agreement_versions"
    agreement_id: Mapped[int] = mapped_column(ForeignKey("learning_agreements.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    prepared_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    reason: Mapped[str] = mapped_column(Text, default="")  # why the components changed (versions after the first)
    student_signed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    sending_signer_name: Mapped[str] = mapped_column(String(300), default="")
    sending_signer_position: Mapped[str] = mapped_column(String(300), default="")
    sending_signer_email: Mapped[str] = mapped_column(String(300), default="")
    sending_signed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    receiving_signer_name: Mapped[str] = mapped_column(String(300), default="")
    receiving_signer_position: Mapped[str] = mapped_column(String(300), default="")
    receiving_signer_email: Mapped[str] = mapped_column(String(300), default="")
    receiving_signed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    __table_args__ = (UniqueConstraint("agreement_id", "number"),)


class LearningAgreementComponent(RecordMixin, Base):
    """A component of one version: studied at the receiving university (table A), recognised at home
    (table B), virtual (table C), of a blended or of a short-term doctoral mobility."""

    __tablename__ = "learning_agreement_components"
    version_id: Mapped[int] = mapped_column(ForeignKey("learning_agreement_versions.id", ondelete="CASCADE"),
                                            index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    section: Mapped[str] = mapped_column(String(12))  # studied | recognized | virtual | blended | doctoral
    code: Mapped[str] = mapped_column(String(100), default="")
    title: Mapped[str] = mapped_column(String(500))
    credits: Mapped[float | None] = mapped_column(Float, nullable=True)  # ECTS; None: not credit-bearing
    term_number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    total_terms: Mapped[int | None] = mapped_column(Integer, nullable=True)
    recognition_conditions: Mapped[str] = mapped_column(Text, default="")
    short_description: Mapped[str] = mapped_column(Text, default="")
    los_id: Mapped[str] = mapped_column(String(255), default="")  # the EWP Courses API's identifiers
    loi_id: Mapped[str] = mapped_column(String(255), default="")
    #: The course of the joint programme's study plan it was taken from (by UUID), if any.
    course_uuid: Mapped[str | None] = mapped_column(String(36), nullable=True)


class TranscriptEntry(RecordMixin, Base):
    """A line of the receiving university's transcript of records: a component, its credits and grade."""

    __tablename__ = "mobility_transcript_entries"
    mobility_id: Mapped[int] = mapped_column(ForeignKey("mobility_records.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    code: Mapped[str] = mapped_column(String(100), default="")
    title: Mapped[str] = mapped_column(String(500))
    credits: Mapped[float] = mapped_column(Float, default=0.0)
    grade: Mapped[str] = mapped_column(String(20), default="", info=PERSONAL)
    passed: Mapped[bool] = mapped_column(Boolean, default=True)
    #: The studied component of the learning agreement it answers (by UUID), if any.
    component_uuid: Mapped[str | None] = mapped_column(String(36), nullable=True)


class CreditRecognition(RecordMixin, Base):
    """Credits recognised at home for a component of the learning agreement (table B), with the grade
    converted to the home scale; fewer credits than agreed need a reason."""

    __tablename__ = "mobility_recognitions"
    mobility_id: Mapped[int] = mapped_column(ForeignKey("mobility_records.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    component_uuid: Mapped[str | None] = mapped_column(String(36), nullable=True)
    code: Mapped[str] = mapped_column(String(100), default="")
    title: Mapped[str] = mapped_column(String(500))
    credits_agreed: Mapped[float] = mapped_column(Float, default=0.0)
    credits_recognised: Mapped[float] = mapped_column(Float, default=0.0)
    grade: Mapped[str] = mapped_column(String(20), default="", info=PERSONAL)
    reason: Mapped[str] = mapped_column(Text, default="")
    recognised_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)


class UniversityGrade(RecordMixin, Base):
    """A grade of a university's scale with its ECTS grade and, where the university publishes its ECTS
    grading table, the share of its passing students who get it (percent)."""

    __tablename__ = "university_grades"
    university_id: Mapped[int] = mapped_column(ForeignKey("universities.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)  # best grade first
    grade: Mapped[str] = mapped_column(String(20))
    ects_grade: Mapped[str] = mapped_column(String(2), default="")
    share: Mapped[float | None] = mapped_column(Float, nullable=True)
    passing: Mapped[bool] = mapped_column(Boolean, default=True)
