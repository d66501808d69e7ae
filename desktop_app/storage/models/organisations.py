"""Organisations besides universities (ministries, agencies, associations, enterprises, international
bodies) with their names in several languages, contact persons and, for an agency, its standing."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop_app.storage.base import Base, RecordMixin
from desktop_app.storage.models.universities import PERSONAL


class Organisation(RecordMixin, Base):
    __tablename__ = "organisations"
    kind: Mapped[str] = mapped_column(String(24), index=True)
    #: Empty for an international body that belongs to no country.
    country_code: Mapped[str] = mapped_column(String(2), default="", index=True)
    acronym: Mapped[str] = mapped_column(String(50), default="")
    city: Mapped[str] = mapped_column(String(200), default="")
    website: Mapped[str] = mapped_column(String(500), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    #: The name shown in lists (cached from the names by the service) and the folded text searched.
    display_name: Mapped[str] = mapped_column(String(500), default="", index=True)
    #: Folds in the contact persons' e-mails and phones: it travels in a package only with personal data.
    search_text: Mapped[str] = mapped_column(Text, default="", info={"derived_from_personal": True})

    names: Mapped[list[OrganisationName]] = relationship(cascade="all, delete-orphan",
                                                         order_by="OrganisationName.position")
    contacts: Mapped[list[OrganisationContact]] = relationship(cascade="all, delete-orphan",
                                                               order_by="OrganisationContact.position")
    standings: Mapped[list[OrganisationStanding]] = relationship(cascade="all, delete-orphan",
                                                                 order_by="OrganisationStanding.position")


class OrganisationName(RecordMixin, Base):
    __tablename__ = "organisation_names"
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    value: Mapped[str] = mapped_column(String(500))
    lang: Mapped[str | None] = mapped_column(String(12), nullable=True)
    kind: Mapped[str] = mapped_column(String(12), default="label")  # official | label | alias
    position: Mapped[int] = mapped_column(default=0)


class OrganisationContact(RecordMixin, Base):
    """A contact person. The e-mail address and phone are personal data, as a university's contacts'."""

    __tablename__ = "organisation_contacts"
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(300), default="")
    email: Mapped[str] = mapped_column(String(300), default="", info=PERSONAL)
    phone: Mapped[str] = mapped_column(String(100), default="", info=PERSONAL)
    languages: Mapped[str] = mapped_column(String(100), default="")
    notes: Mapped[str] = mapped_column(Text, default="")


class OrganisationStanding(RecordMixin, Base):
    """One period of an agency's standing: ENQA membership, EQAR registration, EUR-ACE authorisation."""

    __tablename__ = "organisation_standings"
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    kind: Mapped[str] = mapped_column(String(24))
    valid_from: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    valid_to: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    reference: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")

