"""Agreements, their parties, target indicators and EWP cooperation conditions; attached documents."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop_app.domain.agreements import AgreementStatus
from desktop_app.storage.base import Base, RecordMixin


class Agreement(RecordMixin, Base):
    __tablename__ = "agreements"
    title: Mapped[str] = mapped_column(String(500))
    reference: Mapped[str] = mapped_column(String(200), default="")
    kind: Mapped[str] = mapped_column(String(24), index=True)
    approach: Mapped[str | None] = mapped_column(String(24), nullable=True)
    status: Mapped[str] = mapped_column(String(16), default=AgreementStatus.DRAFT.value, index=True)
    signing_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    valid_from: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    valid_to: Mapped[dt.date | None] = mapped_column(Date, nullable=True, index=True)
    renewal_terms: Mapped[str] = mapped_column(Text, default="")
    national_staff_percent: Mapped[float | None] = mapped_column(Float, nullable=True)
    foreign_staff_percent: Mapped[float | None] = mapped_column(Float, nullable=True)
    funding_sources: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default="")

    parties: Mapped[list[AgreementParty]] = relationship(
        cascade="all, delete-orphan", order_by="AgreementParty.position")
    indicators: Mapped[list[AgreementIndicator]] = relationship(
        cascade="all, delete-orphan", order_by="(AgreementIndicator.name, AgreementIndicator.year)")
    conditions: Mapped[list[AgreementCondition]] = relationship(
        cascade="all, delete-orphan", order_by="AgreementCondition.position")
    organisation_parties: Mapped[list[AgreementOrganisationParty]] = relationship(
        cascade="all, delete-orphan", order_by="AgreementOrganisationParty.position")


class AgreementParty(RecordMixin, Base):
    __tablename__ = "agreement_parties"
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    university_id: Mapped[int] = mapped_column(ForeignKey("universities.id", ondelete="RESTRICT"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    role: Mapped[str] = mapped_column(String(16), default="member")
    signatory: Mapped[str] = mapped_column(String(300), default="")
    signing_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    local_code: Mapped[str] = mapped_column(String(200), default="")

    __table_args__ = (UniqueConstraint("agreement_id", "university_id"),)


class AgreementOrganisationParty(RecordMixin, Base):
    """An organisation that is a party beside the universities (a ministry, an accreditation agency).
    The organisation cannot be deleted while it is a party: the agreement would lose a signatory."""

    __tablename__ = "agreement_organisation_parties"
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="RESTRICT"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    role: Mapped[str] = mapped_column(String(16), default="member")
    signatory: Mapped[str] = mapped_column(String(300), default="")
    signing_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)

    __table_args__ = (UniqueConstraint("agreement_id", "organisation_id"),)


class AgreementIndicator(RecordMixin, Base):
    """A target indicator of a partnership for one year: its target and, later, the actual value."""

    __tablename__ = "agreement_indicators"
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(60), default="")
    year: Mapped[int] = mapped_column(Integer)
    target: Mapped[float] = mapped_column(Float)
    actual: Mapped[float | None] = mapped_column(Float, nullable=True)


class AgreementCondition(RecordMixin, Base):
    """A one-way mobility flow agreed per academic year (an EWP cooperation condition)."""

    __tablename__ = "agreement_conditions"
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[str] = mapped_column(String(24))
    sending_university_id: Mapped[int] = mapped_column(ForeignKey("universities.id", ondelete="RESTRICT"))
    receiving_university_id: Mapped[int] = mapped_column(ForeignKey("universities.id", ondelete="RESTRICT"))
    first_year: Mapped[int] = mapped_column(Integer)
    last_year: Mapped[int] = mapped_column(Integer)
    mobilities_per_year: Mapped[int] = mapped_column(Integer, default=1)
    isced_code: Mapped[str] = mapped_column(String(4), default="")
    eqf_levels: Mapped[str] = mapped_column(String(20), default="")
    months_per_year: Mapped[float | None] = mapped_column(Float, nullable=True)
    days_per_year: Mapped[float | None] = mapped_column(Float, nullable=True)
    language: Mapped[str] = mapped_column(String(12), default="en")
    cefr_level: Mapped[str] = mapped_column(String(2), default="")


class AttachedDocument(RecordMixin, Base):
    """A file attached to a record (agreement, event, road-map action, expert meeting), kept in the
    database with its SHA-256 so a copy travelling in a data package can be checked."""

    __tablename__ = "attached_documents"
    owner_type: Mapped[str] = mapped_column(String(24))
    owner_id: Mapped[int] = mapped_column(Integer)
    file_name: Mapped[str] = mapped_column(String(300))
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    description: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_attached_documents_owner", "owner_type", "owner_id"),)
