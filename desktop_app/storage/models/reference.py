"""Reference tables, loaded on first run and kept current by migrations."""

from __future__ import annotations

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.storage.base import Base, RecordMixin


class MemberState(RecordMixin, Base):
    """A CICA member or observer state. Its name comes from CLDR in the reader's language."""

    __tablename__ = "member_states"
    code: Mapped[str] = mapped_column(String(2), unique=True)
    is_member: Mapped[bool] = mapped_column(Boolean, default=True)
    languages: Mapped[str] = mapped_column(String(64), default="")  # space-separated ISO 639-1 codes
    calendar: Mapped[str] = mapped_column(String(16), default="gregorian")


class CooperationAreaRow(RecordMixin, Base):
    """One of the eight areas of cooperation of the concept paper."""

    __tablename__ = "cooperation_areas"
    key: Mapped[str] = mapped_column(String(40), unique=True)
    position: Mapped[int] = mapped_column(Integer)
    title_en: Mapped[str] = mapped_column(Text)
    scope_en: Mapped[str] = mapped_column(Text)


class IscedLevel(RecordMixin, Base):
    """ISCED 2011 level 0–9 (source: UNESCO-UIS, via ec2u/data, Apache-2.0)."""

    __tablename__ = "isced_levels"
    code: Mapped[str] = mapped_column(String(1), unique=True)
    label_en: Mapped[str] = mapped_column(Text)
    definition_en: Mapped[str] = mapped_column(Text, default="")


class IscedField(RecordMixin, Base):
    """ISCED-F 2013 field (source: EU vocabulary via EuropeanUniversityFoundation/isced_php, MIT / CC BY 4.0)."""

    __tablename__ = "isced_fields"
    code: Mapped[str] = mapped_column(String(4), unique=True)
    level: Mapped[str] = mapped_column(String(8))  # broad | narrow | detailed
    broad_code: Mapped[str] = mapped_column(String(2))
    narrow_code: Mapped[str | None] = mapped_column(String(3), nullable=True)
    label_en: Mapped[str] = mapped_column(Text)
    label_tr: Mapped[str] = mapped_column(Text, default="")


class RoadmapAction(RecordMixin, Base):
    """An action of the working group's road map; the concept paper's five are preloaded."""

    __tablename__ = "roadmap_actions"
    number: Mapped[int] = mapped_column(Integer, unique=True)
    title_en: Mapped[str] = mapped_column(Text)
    form_of_completion_en: Mapped[str] = mapped_column(Text)
    deadline_year: Mapped[int] = mapped_column(Integer)
    deadline_quarter_from: Mapped[int] = mapped_column(Integer)
    deadline_quarter_to: Mapped[int] = mapped_column(Integer)
    responsible_en: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="planned")
    notes: Mapped[str] = mapped_column(Text, default="")
