"""Diploma recognition: equivalence rules, recognition cases, their attachments and history.

Columns holding personal data carry ``info={"personal": True}`` (the domain lists the same fields
in ``PERSONAL_FIELDS``) so exports, statistics and pseudonymisation can find them. Scans live in
their own table so the case table, which may hold a million rows, stays narrow.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.storage.base import Base, RecordMixin, utcnow

PERSONAL = {"personal": True}


class EquivalenceRule(RecordMixin, Base):
    __tablename__ = "recognition_rules"
    from_country: Mapped[str] = mapped_column(String(2))
    qualification_title: Mapped[str] = mapped_column(String(500))
    title_lang: Mapped[str] = mapped_column(String(12), default="")
    isced_level: Mapped[str] = mapped_column(String(1), default="")
    nominal_years: Mapped[float | None] = mapped_column(Float, nullable=True)
    credits: Mapped[float | None] = mapped_column(Float, nullable=True)
    to_country: Mapped[str] = mapped_column(String(2))
    recognised_as: Mapped[str] = mapped_column(String(500))
    recognised_isced_level: Mapped[str] = mapped_column(String(1), default="")
    conditions: Mapped[str] = mapped_column(Text, default="")
    legal_basis: Mapped[str] = mapped_column(String(24))
    notes: Mapped[str] = mapped_column(Text, default="")
    search_text: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_recognition_rules_pair", "from_country", "to_country", "isced_level"),)


class RecognitionCase(RecordMixin, Base):
    __tablename__ = "recognition_cases"
    reference: Mapped[str] = mapped_column(String(64), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="received")
    holder_name: Mapped[str] = mapped_column(String(300), info=PERSONAL)
    holder_birth_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True, info=PERSONAL)
    holder_citizenship: Mapped[str] = mapped_column(String(2), default="", info=PERSONAL)
    document_kind: Mapped[str] = mapped_column(String(24), default="diploma")
    document_number: Mapped[str] = mapped_column(String(100), default="", info=PERSONAL)
    document_issued_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    issuing_university_id: Mapped[int | None] = mapped_column(
        ForeignKey("universities.id", ondelete="SET NULL"), nullable=True, index=True)
    issuing_university_name: Mapped[str] = mapped_column(String(500), default="")
    issuing_country: Mapped[str] = mapped_column(String(2))
    qualification_title: Mapped[str] = mapped_column(String(500))
    isced_level: Mapped[str] = mapped_column(String(1), default="")
    isced_field: Mapped[str] = mapped_column(String(4), default="")
    credits: Mapped[float | None] = mapped_column(Float, nullable=True)
    recognising_country: Mapped[str] = mapped_column(String(2))
    recognising_institution: Mapped[str] = mapped_column(String(500), default="")
    purpose: Mapped[str] = mapped_column(String(24), default="admission")
    outcome: Mapped[str] = mapped_column(String(24), default="")
    substantial_differences: Mapped[str] = mapped_column(Text, default="")
    legal_basis: Mapped[str] = mapped_column(String(24), default="tokyo_convention")
    received_on: Mapped[dt.date] = mapped_column(Date)
    decided_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    #: Days from receipt to decision, kept by the service so statistics need no date arithmetic.
    decision_days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    appeal_lodged: Mapped[bool] = mapped_column(Boolean, default=False)
    appeal_lodged_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    appeal_result: Mapped[str] = mapped_column(String(16), default="")
    closed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    rule_id: Mapped[int | None] = mapped_column(ForeignKey("recognition_rules.id", ondelete="SET NULL"),
                                                nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    pseudonymised: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Case-folded reference, title, university, institution and holder: what the search box matches.
    #: It folds in the holder's name, so it travels in a data package only with personal data.
    search_text: Mapped[str] = mapped_column(Text, default="", info={"derived_from_personal": True})

    __table_args__ = (
        Index("ix_recognition_cases_status_received", "status", "received_on", "id"),
        Index("ix_recognition_cases_received", "received_on", "id"),
        Index("ix_recognition_cases_pair", "issuing_country", "recognising_country", "received_on"),
        Index("ix_recognition_cases_decided", "decided_on"),
        # Statistics: medians walk these in order instead of sorting a million rows.
        Index("ix_recognition_cases_days", "decision_days"),
        Index("ix_recognition_cases_pair_days", "issuing_country", "recognising_country", "decision_days"),
        Index("ix_recognition_cases_outcome", "outcome"),
        Index("ix_recognition_cases_appeal", "appeal_lodged", "appeal_result", "status"),
    )


class RecognitionAttachment(RecordMixin, Base):
    """A scan of a document of a case, with its SHA-256 so a copy can be verified later. Personal as a
    whole (a scan shows the holder), so it travels in a data package only with personal data."""

    __tablename__ = "recognition_attachments"
    __table_args__ = {"info": PERSONAL}
    case_id: Mapped[int] = mapped_column(ForeignKey("recognition_cases.id", ondelete="CASCADE"), index=True)
    file_name: Mapped[str] = mapped_column(String(300))
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes] = mapped_column(LargeBinary)


class RecognitionHistory(Base):
    """One change: a field of a case (old and new value), a status move, or an export of many cases.

    Personal values are never written here in clear: they are stored masked and flagged ``personal``.
    Rows about several cases at once (an export, a pseudonymisation run) have no ``case_id``.
    """

    __tablename__ = "recognition_history"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[int | None] = mapped_column(ForeignKey("recognition_cases.id", ondelete="CASCADE"),
                                                nullable=True, index=True)
    changed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    action: Mapped[str] = mapped_column(String(16))  # created | changed | status | export | statistics | ...
    field: Mapped[str] = mapped_column(String(40), default="")
    old_value: Mapped[str] = mapped_column(Text, default="")
    new_value: Mapped[str] = mapped_column(Text, default="")
    personal: Mapped[bool] = mapped_column(Boolean, default=False)


def personal_columns() -> list[str]:
    return [column.name for column in RecognitionCase.__table__.columns if column.info.get("personal")]
