"""Universities: roles, statuses, kinds of names, and the ROR identifier rule."""

from __future__ import annotations

import re
from enum import StrEnum

from desktop_app.i18n import N_


class NetworkRole(StrEnum):
    PARENT = "parent"
    MEMBER = "member"
    CANDIDATE = "candidate"
    PARTNER = "partner"  # a partner (often abroad) that is not itself in the network


NETWORK_ROLE_LABELS = {
    NetworkRole.PARENT: N_("Parent university"),
    NetworkRole.MEMBER: N_("Member"),
    NetworkRole.CANDIDATE: N_("Candidate"),
    NetworkRole.PARTNER: N_("Partner outside the network"),
}


class MembershipStatus(StrEnum):
    CANDIDATE = "candidate"
    INVITED = "invited"
    MEMORANDUM_SIGNED = "memorandum_signed"
    ACTIVE = "active"
    SUSPENDED = "suspended"
    WITHDRAWN = "withdrawn"


MEMBERSHIP_STATUS_LABELS = {
    MembershipStatus.CANDIDATE: N_("Candidate"),
    MembershipStatus.INVITED: N_("Invited"),
    MembershipStatus.MEMORANDUM_SIGNED: N_("Memorandum signed"),
    MembershipStatus.ACTIVE: N_("Active"),
    MembershipStatus.SUSPENDED: N_("Suspended"),
    MembershipStatus.WITHDRAWN: N_("Withdrawn"),
}


class InstitutionType(StrEnum):
    UNIVERSITY = "university"
    INSTITUTE = "institute"
    ACADEMY = "academy"
    COLLEGE = "college"
    RESEARCH = "research"
    OTHER = "other"


INSTITUTION_TYPE_LABELS = {
    InstitutionType.UNIVERSITY: N_("University"),
    InstitutionType.INSTITUTE: N_("Institute"),
    InstitutionType.ACADEMY: N_("Academy"),
    InstitutionType.COLLEGE: N_("College"),
    InstitutionType.RESEARCH: N_("Research institution"),
    InstitutionType.OTHER: N_("Other"),
}


class NameKind(StrEnum):
    OFFICIAL = "official"  # the official name in the native language
    DISPLAY = "display"  # the name shown in lists (ROR's ror_display)
    LABEL = "label"  # the name in another language
    ALIAS = "alias"


_ROR_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford base32, lower case
_ROR_PATTERN = re.compile(r"^0[0-9a-hjkmnp-tv-z]{6}[0-9]{2}$")


def normalise_ror_id(value: str) -> str:
    """Accept ``https://ror.org/03q0vrn42``, ``ror.org/03q0vrn42`` or ``03q0vrn42``; return the bare id."""
    text = (value or "").strip().lower()
    for prefix in ("https://ror.org/", "http://ror.org/", "ror.org/"):
        if text.startswith(prefix):
            text = text[len(prefix):]
    return text


def ror_check_digits(body: str) -> str:
    """ISO 7064 Mod 97-10 check digits over the base32 value of the first seven characters."""
    number = 0
    for char in body:
        number = number * 32 + _ROR_ALPHABET.index(char)
    return f"{98 - (number * 100) % 97:02d}"


def is_valid_ror_id(value: str) -> bool:
    ror_id = normalise_ror_id(value)
    if not _ROR_PATTERN.match(ror_id):
        return False
    return ror_check_digits(ror_id[:7]) == ror_id[7:]


import datetime as dt  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402


@dataclass
class NameDraft:
    value: str
    lang: str | None = None
    kind: str = NameKind.LABEL


@dataclass
class ContactDraft:
    name: str
    position: str = ""
    email: str = ""
    phone: str = ""
    languages: str = ""  # space-separated ISO 639-1 codes
    notes: str = ""


@dataclass
class RankingDraft:
    system: str  # qs | the | arwu | national
    year: int
    rank_text: str  # verbatim as published
    scope: str = "overall"  # overall | subject
    subject: str = ""
    system_name: str = ""  # the name of a national ranking


@dataclass
class AccreditationDraft:
    agency: str
    label: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    notes: str = ""


@dataclass
class StatusChangeDraft:
    status: str
    changed_on: dt.date
    note: str = ""


@dataclass
class UniversityDraft:
    """What a user or an import says about a university, before it is stored."""

    country_code: str
    names: list[NameDraft] = field(default_factory=list)
    city: str = ""
    website: str = ""
    ror_id: str | None = None
    acronym: str = ""
    institution_type: str = InstitutionType.UNIVERSITY
    network_role: str = NetworkRole.CANDIDATE
    status: str = MembershipStatus.CANDIDATE
    established: int | None = None
    notes: str = ""
    status_since: dt.date | None = None  # date of the latest status change
    contacts: list[ContactDraft] = field(default_factory=list)
    rankings: list[RankingDraft] = field(default_factory=list)
    accreditations: list[AccreditationDraft] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)  # cooperation area keys
    #: The history of status changes; the service appends a row when the status changes.
    status_history: list[StatusChangeDraft] = field(default_factory=list)

    def display_name(self, preferred_lang: str = "en") -> str:
        """The name shown in lists: ROR's display name, else one in the preferred language, else the first."""
        for kind in (NameKind.DISPLAY,):
            for name in self.names:
                if name.kind == kind:
                    return name.value
        for name in self.names:
            if name.lang == preferred_lang:
                return name.value
        return self.names[0].value if self.names else ""
