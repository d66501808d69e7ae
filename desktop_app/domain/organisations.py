"""Organisations besides universities: ministries, agencies (quality assurance, accreditation,
recognition), associations, enterprises and international bodies (the CICA Secretariat, ENAEE, EQAR…).

They hold offices in the network's bodies (a chair, a permanent co-chair, an initiating institution) and
answer for the follow-up actions of its decisions. An agency's standing — ENQA membership, registration in
EQAR, authorisation to award the EUR-ACE label — is kept with its dates, because the forums ask for
agencies whose standing is recognised.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum

from desktop_app.domain.contract import Message, Problems
from desktop_app.domain.universities import ContactDraft, NameDraft, NameKind
from desktop_app.i18n import N_


class OrganisationKind(StrEnum):
    MINISTRY = "ministry"
    QA_AGENCY = "qa_agency"
    ACCREDITATION_AGENCY = "accreditation_agency"
    RECOGNITION_AGENCY = "recognition_agency"
    ASSOCIATION = "association"
    ENTERPRISE = "enterprise"
    INTERNATIONAL_BODY = "international_body"
    OTHER = "other"


KIND_LABELS = {
    OrganisationKind.MINISTRY: N_("Ministry or government body"),
    OrganisationKind.QA_AGENCY: N_("Quality assurance agency"),
    OrganisationKind.ACCREDITATION_AGENCY: N_("Accreditation agency"),
    OrganisationKind.RECOGNITION_AGENCY: N_("Recognition agency (ENIC-NARIC)"),
    OrganisationKind.ASSOCIATION: N_("Association or network"),
    OrganisationKind.ENTERPRISE: N_("Enterprise"),
    OrganisationKind.INTERNATIONAL_BODY: N_("International body"),
    OrganisationKind.OTHER: N_("Other organisation"),
}

#: Kinds that are agencies: their standing (ENQA, EQAR, EUR-ACE) is what the forums ask about.
AGENCY_KINDS = frozenset({OrganisationKind.QA_AGENCY, OrganisationKind.ACCREDITATION_AGENCY,
                          OrganisationKind.RECOGNITION_AGENCY})


class StandingKind(StrEnum):
    ENQA_MEMBER = "enqa_member"
    ENQA_AFFILIATE = "enqa_affiliate"
    EQAR_REGISTERED = "eqar_registered"
    EUR_ACE_AUTHORISED = "eur_ace_authorised"
    OTHER = "other"


STANDING_LABELS = {
    StandingKind.ENQA_MEMBER: N_("ENQA member"),
    StandingKind.ENQA_AFFILIATE: N_("ENQA affiliate"),
    StandingKind.EQAR_REGISTERED: N_("Registered in EQAR"),
    StandingKind.EUR_ACE_AUTHORISED: N_("Authorised by ENAEE to award the EUR-ACE label"),
    StandingKind.OTHER: N_("Other recognition"),
}


@dataclass
class StandingDraft:
    """One period of an agency's standing: ENQA membership or EQAR registration from and to a date."""

    kind: str
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    reference: str = ""  # the register's identifier (a DEQAR agency id) or the decision's number
    notes: str = ""

    def in_force(self, today: dt.date) -> bool:
        return (self.valid_from is None or self.valid_from <= today) and (
            self.valid_to is None or today <= self.valid_to)


@dataclass
class OrganisationDraft:
    """What a user says about an organisation, before it is stored."""

    kind: str
    names: list[NameDraft] = field(default_factory=list)
    country_code: str = ""  # empty for an international body that belongs to no country
    acronym: str = ""
    city: str = ""
    website: str = ""
    notes: str = ""
    contacts: list[ContactDraft] = field(default_factory=list)
    standings: list[StandingDraft] = field(default_factory=list)

    def display_name(self, preferred_lang: str = "en") -> str:
        """The name shown in lists: the English one, else the official one, else the first."""
        for name in self.names:
            if name.lang == preferred_lang and name.value.strip():
                return name.value.strip()
        for name in self.names:
            if name.kind == NameKind.OFFICIAL and name.value.strip():
                return name.value.strip()
        return next((name.value.strip() for name in self.names if name.value.strip()), "")


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL = re.compile(r"^(https?://)?[^\s/$.?#][^\s]*\.[^\s]{2,}$", re.IGNORECASE)
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


def validate(draft: OrganisationDraft) -> Problems:
    """Every problem of the draft, keyed by field; empty when it may be stored."""
    from desktop_app.domain.university_rules import is_country_code

    problems: Problems = {}
    if draft.kind not in set(OrganisationKind):
        problems["kind"] = Message("Choose the kind of organisation.")
    if not any(name.value.strip() for name in draft.names):
        problems["names"] = Message("Enter at least one name of the organisation.")
    for index, name in enumerate(draft.names):
        if not name.value.strip():
            problems[f"names[{index}]"] = Message("A name cannot be empty; remove the row instead.")
        elif name.lang and not _LANG.match(name.lang):
            problems[f"names[{index}]"] = Message("“{lang}” is not a language tag such as en, kk or zh-Hant.",
                                                  {"lang": name.lang})
    country = (draft.country_code or "").strip().upper()
    if country and not is_country_code(country):
        problems["country_code"] = Message("“{code}” is not an ISO 3166 country code.", {"code": country})
    elif not country and draft.kind != OrganisationKind.INTERNATIONAL_BODY:
        problems["country_code"] = Message("Choose the country (only an international body may have none).")
    if draft.website and not _URL.match(draft.website.strip()):
        problems["website"] = Message("“{url}” is not a web address.", {"url": draft.website})
    for index, contact in enumerate(draft.contacts):
        if not contact.name.strip():
            problems[f"contacts[{index}].name"] = Message("Contact {number}: enter the person's name.",
                                                          {"number": index + 1})
        if contact.email and not _EMAIL.match(contact.email.strip()):
            problems[f"contacts[{index}].email"] = Message(
                "Contact {number}: “{email}” is not an e-mail address.", {"number": index + 1, "email": contact.email})
    for index, standing in enumerate(draft.standings):
        if standing.kind not in set(StandingKind):
            problems[f"standings[{index}].kind"] = Message("Standing {number}: choose what the standing is.",
                                                           {"number": index + 1})
        if standing.valid_from and standing.valid_to and standing.valid_to < standing.valid_from:
            problems[f"standings[{index}].valid_to"] = Message("Standing {number}: it cannot end before it starts.",
                                                               {"number": index + 1})
    return problems


def standing_in_force(standings: list[StandingDraft], kind: str, today: dt.date) -> bool:
    return any(standing.kind == kind and standing.in_force(today) for standing in standings)
