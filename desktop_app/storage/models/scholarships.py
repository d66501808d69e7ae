"""Scholarship programmes within the network's joint programmes: who funds them, whom they fund, how
much, their budget for each year and the awards made to mobilities.

Amounts are in the programme's own currency, as entered: nothing here converts one currency into
another. An award points at its mobility without a cascade, so a mobility with a scholarship cannot be
deleted before its award is withdrawn (money committed is not dropped silently).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.storage.base import Base, RecordMixin


class ScholarshipProgramme(RecordMixin, Base):
    __tablename__ = "scholarship_programmes"
    name: Mapped[str] = mapped_column(String(300), index=True)
    #: Who funds it: free text (ministries, agencies and foundations are not records of their own yet).
    funder: Mapped[str] = mapped_column(String(300), default="")
    formats: Mapped[str] = mapped_column(String(200), default="")  # space-separated mobility formats; "" any
    levels: Mapped[str] = mapped_column(String(20), default="")  # space-separated EQF levels; "" any
    amount: Mapped[float] = mapped_column(Float, default=0.0)
    basis: Mapped[str] = mapped_column(String(12), default="per_month")  # per_month | lump_sum
    currency: Mapped[str] = mapped_column(String(3), index=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class ScholarshipBudget(RecordMixin, Base):
    __tablename__ = "scholarship_budgets"
    programme_id: Mapped[int] = mapped_column(ForeignKey("scholarship_programmes.id", ondelete="CASCADE"),
                                              index=True)
    year: Mapped[int] = mapped_column(Integer)
    amount: Mapped[float] = mapped_column(Float, default=0.0)
    __table_args__ = (UniqueConstraint("programme_id", "year"),)


class ScholarshipAward(RecordMixin, Base):
    __tablename__ = "scholarship_awards"
    programme_id: Mapped[int] = mapped_column(ForeignKey("scholarship_programmes.id", ondelete="CASCADE"),
                                              index=True)
    mobility_id: Mapped[int] = mapped_column(ForeignKey("mobility_records.id", ondelete="RESTRICT"), index=True)
    year: Mapped[int] = mapped_column(Integer)  # the budget year it is committed against
    committed: Mapped[float] = mapped_column(Float, default=0.0)
    paid: Mapped[float] = mapped_column(Float, default=0.0)
    awarded_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
