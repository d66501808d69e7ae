"""The university register (core). Contacts, rankings, accreditations extend it in their own modules."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Index, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop_app.storage.base import Base, RecordMixin

#: Column info marking personal data: left out of exports and data packages unless asked for.
PERSONAL = {"personal": True}


class University(RecordMixin, Base):
    __tablename__ = "universities"
    country_code: Mapped[str] = mapped_column(String(2), index=True)
    city: Mapped[str] = mapped_column(String(200), default="")
    website: Mapped[str] = mapped_column(String(500), default="")
    ror_id: Mapped[str | None] = mapped_column(String(9), unique=True, nullable=True)
    acronym: Mapped[str] = mapped_column(String(50), default="")
    institution_type: Mapped[str] = mapped_column(String(20), default="university")
    network_role: Mapped[str] = mapped_column(String(20), default="candidate")
    status: Mapped[str] = mapped_column(String(20), default="candidate", index=True)
    status_since: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    established: Mapped[int | None] = mapped_column(nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")
    #: Display name (cached from names) and a case-folded text of every searchable field, kept by the service.
    display_name: Mapped[str] = mapped_column(String(500), default="", index=True)
    #: It folds in the contact persons' e-mails and phones, so it travels in a data package only with
    #: personal data.
    search_text: Mapped[str] = mapped_column(Text, default="", info={"derived_from_personal": True})
    #: Derived from the rankings by the service (domain.university_rules.is_top500); kept for filtering.
    top500: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(), index=True)

    names: Mapped[list[UniversityName]] = relationship(
        back_populates="university", cascade="all, delete-orphan", order_by="UniversityName.position"
    )
    contacts: Mapped[list[UniversityContact]] = relationship(cascade="all, delete-orphan",
                                                             order_by="UniversityContact.id")
    rankings: Mapped[list[UniversityRanking]] = relationship(cascade="all, delete-orphan",
                                                             order_by="UniversityRanking.year.desc()")
    accreditations: Mapped[list[UniversityAccreditation]] = relationship(cascade="all, delete-orphan",
                                                                         order_by="UniversityAccreditation.id")
    status_changes: Mapped[list[UniversityStatusChange]] = relationship(
        cascade="all, delete-orphan", order_by="UniversityStatusChange.changed_on")
    areas: Mapped[list[UniversityArea]] = relationship(cascade="all, delete-orphan")

    __table_args__ = (
        # Exactly one parent university per member state, enforced by the database too.
        Index(
            "uq_universities_one_parent_per_state",
            "country_code",
            unique=True,
            sqlite_where=text("network_role = 'parent'"),
            postgresql_where=text("network_role = 'parent'"),
        ),
    )


class UniversityName(RecordMixin, Base):
    __tablename__ = "university_names"
    university_id: Mapped[int] = mapped_column(ForeignKey("universities.id", ondelete="CASCADE"), index=True)
    value: Mapped[str] = mapped_column(String(500))
    lang: Mapped[str | None] = mapped_column(String(12), nullable=True)  # BCP 47 / ISO 639-1, None if unknown
    kind: Mapped[str] = mapped_column(String(12), default="label")  # official | display | label | alias
    position: Mapped[int] = mapped_column(default=0)
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)

    university: Mapped[University] = relationship(back_populates="names")


class UniversityContact(RecordMixin, Base):
    """A contact person. Personal data: shown to the coordinator, left out of exports unless asked for."""

    __tablename__ = "university_contacts"
    university_id: Mapped[int] = mapped_column(ForeignKey("universities.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    position: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(300), default="", info=PERSONAL)
    phone: Mapped[str] = mapped_column(String(100), default="", info=PERSONAL)
    languages: Mapped[str] = mapped_column(String(100), default="")  # space-separated ISO 639-1 codes
    notes: Mapped[str] = mapped_column(Text, default="")


class UniversityRanking(RecordMixin, Base):
    """A published ranking position, rank kept verbatim ("=99", "201–250")."""

    __tablename__ = "university_rankings"
    university_id: Mapped[int] = mapped_column(ForeignKey("universities.id", ondelete="CASCADE"), index=True)
    system: Mapped[str] = mapped_column(String(20))  # qs | the | arwu | national
    system_name: Mapped[str] = mapped_column(String(200), default="")  # the national ranking's name
    scope: Mapped[str] = mapped_column(String(10), default="overall")  # overall | subject
    subject: Mapped[str] = mapped_column(String(200), default="")
    year: Mapped[int] = mapped_column()
    rank_text: Mapped[str] = mapped_column(String(40))
    rank_best: Mapped[int | None] = mapped_column(nullable=True)
    rank_worst: Mapped[int | None] = mapped_column(nullable=True)


class UniversityAccreditation(RecordMixin, Base):
    __tablename__ = "university_accreditations"
    university_id: Mapped[int] = mapped_column(ForeignKey("universities.id", ondelete="CASCADE"), index=True)
    agency: Mapped[str] = mapped_column(String(300))
    label: Mapped[str] = mapped_column(String(200), default="")  # e.g. EUR-ACE, institutional
    valid_from: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    valid_to: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class UniversityStatusChange(RecordMixin, Base):
    """Each change of membership status, with its date: the history of a university in the network."""

    __tablename__ = "university_status_changes"
    university_id: Mapped[int] = mapped_column(ForeignKey("universities.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    changed_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class UniversityArea(Base):
    """An area of cooperation a university works in (link table)."""

    __tablename__ = "university_areas"
    university_id: Mapped[int] = mapped_column(
        ForeignKey("universities.id", ondelete="CASCADE"), primary_key=True)
    area_key: Mapped[str] = mapped_column(ForeignKey("cooperation_areas.key"), primary_key=True, index=True)
