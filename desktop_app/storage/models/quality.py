"""Quality of joint programmes and staff development: evaluation cycles with their findings and
recommendations, programme accreditations, surveys with their questions and anonymous responses, the
programmes' indicators per academic year, and staff-development programmes with their participants.

Evaluations, accreditations, indicator years and surveys are kinds of record of their own (their own
lists, undo and package files) whose programme owns them: ``ON DELETE CASCADE`` from ``programmes``, so a
programme deleted takes them along in its snapshot, as nested snapshots, and undo brings them back.
A survey's responses hold answers only: no name, e-mail address, respondent number, time or line of the
file they were imported from is ever stored.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, Date, DateTime, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop_app.storage.base import Base, RecordMixin
from desktop_app.storage.models.mobility import PERSONAL


class ProgrammeEvaluation(RecordMixin, Base):
    """One evaluation cycle of a joint programme: self-evaluation, independent audit, follow-up."""

    __tablename__ = "programme_evaluations"
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    title: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[str] = mapped_column(String(20), default="planned", index=True)
    self_evaluation_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    reviewer: Mapped[str] = mapped_column(String(20), default="agency")
    agency_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), nullable=True, index=True)
    expert_panel: Mapped[str] = mapped_column(Text, default="", info=PERSONAL)
    site_visit_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    report_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    summary: Mapped[str] = mapped_column(Text, default="")

    findings: Mapped[list[EvaluationFinding]] = relationship(
        cascade="all, delete-orphan", order_by="EvaluationFinding.position")
    recommendations: Mapped[list[EvaluationRecommendation]] = relationship(
        cascade="all, delete-orphan", order_by="EvaluationRecommendation.position")


class EvaluationFinding(RecordMixin, Base):
    __tablename__ = "evaluation_findings"
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("programme_evaluations.id", ondelete="CASCADE"),
                                               index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(20), default="observation")
    text: Mapped[str] = mapped_column(Text, default="")


class EvaluationRecommendation(RecordMixin, Base):
    __tablename__ = "evaluation_recommendations"
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("programme_evaluations.id", ondelete="CASCADE"),
                                               index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str] = mapped_column(String(300), default="")
    deadline: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    follow_up: Mapped[str] = mapped_column(Text, default="")


class ProgrammeAccreditation(RecordMixin, Base):
    """A programme's accreditation: the agency, the label, the decision, its validity and conditions.
    (It replaces the free-text accreditation field programmes had before migration 0012.)"""

    __tablename__ = "programme_accreditations"
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(20), default="national", index=True)
    label_detail: Mapped[str] = mapped_column(String(300), default="")
    agency_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), nullable=True, index=True)
    decision: Mapped[str] = mapped_column(String(20), default="pending", index=True)
    decided_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    valid_from: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    valid_to: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    conditions: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class ProgrammeIndicatorYear(RecordMixin, Base):
    """A joint programme's indicators in one academic year, each with its target."""

    __tablename__ = "programme_indicator_years"
    programme_id: Mapped[int] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"), index=True)
    academic_year: Mapped[str] = mapped_column(String(9), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    values: Mapped[list[ProgrammeIndicatorValue]] = relationship(
        cascade="all, delete-orphan", order_by="ProgrammeIndicatorValue.position")
    __table_args__ = (UniqueConstraint("programme_id", "academic_year"),)


class ProgrammeIndicatorValue(RecordMixin, Base):
    __tablename__ = "programme_indicator_values"
    year_id: Mapped[int] = mapped_column(ForeignKey("programme_indicator_years.id", ondelete="CASCADE"),
                                         index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    indicator: Mapped[str] = mapped_column(String(20))
    target: Mapped[float | None] = mapped_column(Float, nullable=True)
    actual: Mapped[float | None] = mapped_column(Float, nullable=True)
    __table_args__ = (UniqueConstraint("year_id", "indicator"),)


class Survey(RecordMixin, Base):
    """A student, graduate or employer survey of a programme and/or a partner in an academic year."""

    __tablename__ = "surveys"
    title: Mapped[str] = mapped_column(String(500))
    audience: Mapped[str] = mapped_column(String(20), default="students", index=True)
    programme_id: Mapped[int | None] = mapped_column(ForeignKey("programmes.id", ondelete="CASCADE"),
                                                     nullable=True, index=True)
    university_id: Mapped[int | None] = mapped_column(ForeignKey("universities.id", ondelete="RESTRICT"),
                                                      nullable=True, index=True)
    academic_year: Mapped[str] = mapped_column(String(9), default="", index=True)
    invitations: Mapped[int | None] = mapped_column(Integer, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    #: The columns of the survey tool's export, remembered from the last import: question UUID -> header.
    column_mapping: Mapped[dict] = mapped_column(JSON, default=dict)
    #: Headers of columns that named respondents and were left out of the last import.
    dropped_columns: Mapped[list] = mapped_column(JSON, default=list)
    source_name: Mapped[str] = mapped_column(String(500), default="")  # the file last imported
    imported_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    questions: Mapped[list[SurveyQuestion]] = relationship(
        cascade="all, delete-orphan", order_by="SurveyQuestion.position")


class SurveyQuestion(RecordMixin, Base):
    __tablename__ = "survey_questions"
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(10), default="scale")
    texts: Mapped[dict] = mapped_column(JSON, default=dict)  # language code -> wording


class SurveyResponse(RecordMixin, Base):
    """One respondent's answers, and nothing that says who they are."""

    __tablename__ = "survey_responses"
    survey_id: Mapped[int] = mapped_column(ForeignKey("surveys.id", ondelete="CASCADE"), index=True)


class SurveyAnswer(RecordMixin, Base):
    __tablename__ = "survey_answers"
    response_id: Mapped[int] = mapped_column(ForeignKey("survey_responses.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("survey_questions.id", ondelete="CASCADE"), index=True)
    score: Mapped[int | None] = mapped_column(Integer, nullable=True)
    text: Mapped[str] = mapped_column(Text, default="")


class StaffDevelopment(RecordMixin, Base):
    """A retraining or professional-development programme for staff."""

    __tablename__ = "staff_development_programmes"
    title: Mapped[str] = mapped_column(String(500))
    topic: Mapped[str] = mapped_column(String(24), default="ai", index=True)
    topic_detail: Mapped[str] = mapped_column(String(300), default="")
    provider_id: Mapped[int | None] = mapped_column(
        ForeignKey("organisations.id", ondelete="SET NULL"), nullable=True, index=True)
    delivery: Mapped[str] = mapped_column(String(12), default="in_person")
    start_date: Mapped[dt.date] = mapped_column(Date, index=True)
    end_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    hours: Mapped[int | None] = mapped_column(Integer, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    participants: Mapped[list[StaffDevelopmentParticipant]] = relationship(
        cascade="all, delete-orphan", order_by="StaffDevelopmentParticipant.position")


class StaffDevelopmentParticipant(RecordMixin, Base):
    __tablename__ = "staff_development_participants"
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("staff_development_programmes.id", ondelete="CASCADE"), index=True)
    university_id: Mapped[int] = mapped_column(ForeignKey("universities.id", ondelete="RESTRICT"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    name: Mapped[str] = mapped_column(String(300), default="", info=PERSONAL)
    email: Mapped[str] = mapped_column(String(300), default="", info=PERSONAL)
    job_title: Mapped[str] = mapped_column(String(300), default="")
    completed: Mapped[bool] = mapped_column(Boolean, default=True)
