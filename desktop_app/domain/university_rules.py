"""Rules of a university record: field-level validation of a draft and the derived TOP-500 indicator.

Validation returns every problem at once, keyed by field (``names``, ``ror_id``, ``contacts[0].email``…),
so the editor can show each message beside its field and an import can report each rejected row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from desktop_app.domain.contract import Message, Problems
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.rankings import RankingSystem, parse_rank
from desktop_app.domain.reference import AREAS_BY_KEY
from desktop_app.domain.universities import (
    InstitutionType,
    MembershipStatus,
    NameKind,
    NetworkRole,
    RankingDraft,
    UniversityDraft,
    is_valid_ror_id,
)

#: World rankings that count for the TOP-500 indicator (national rankings do not).
WORLD_SYSTEMS = (RankingSystem.QS, RankingSystem.THE, RankingSystem.ARWU)

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URL = re.compile(r"^(https?://)?[^\s/$.?#][^\s]*\.[^\s]{2,}$", re.IGNORECASE)
_LANG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")


def is_top500(rankings: Iterable[RankingDraft]) -> bool:
    """TOP-500: the latest *overall* edition of any world ranking (QS, THE, ARWU) places the university
    wholly inside the first 500 (a band such as "401–500" counts, "501–600" or "1001+" does not).
    Older editions and subject or national rankings do not count: the indicator says where a
    partner stands now, as the recommendations on strategic partners ask."""
    latest: dict[str, RankingDraft] = {}
    for ranking in rankings:
        if ranking.system not in WORLD_SYSTEMS or ranking.scope != "overall":
            continue
        current = latest.get(ranking.system)
        if current is None or ranking.year > current.year:
            latest[ranking.system] = ranking
    return any(parse_rank(r.rank_text).within_top for r in latest.values())


def _known_countries() -> set[str]:
    from babel import Locale

    # CLDR also names groupings and "unknown region" with two letters; those are not countries.
    codes = {code for code in Locale("en").territories if isinstance(code, str) and _COUNTRY.match(code)}
    return codes - {"ZZ", "EU", "EZ", "UN", "QO"}


_COUNTRIES: set[str] | None = None


def is_country_code(code: str) -> bool:
    global _COUNTRIES
    if _COUNTRIES is None:
        _COUNTRIES = _known_countries()
    return code in _COUNTRIES


def validation_errors(draft: UniversityDraft) -> Problems:
    """Every problem of the draft, keyed by field; empty when it may be stored."""
    errors: Problems = {}
    names = [name for name in draft.names if name.value.strip()]
    if not names:
        errors["names"] = Message("Enter at least one name of the university.")
    for index, name in enumerate(draft.names):
        if not name.value.strip():
            errors[f"names[{index}]"] = Message("A name cannot be empty; remove the row instead.")
        elif name.lang and not _LANG.match(name.lang):
            errors[f"names[{index}]"] = Message(
                "“{lang}” is not a language tag such as en, kk or zh-Hant.", {"lang": name.lang}
            )
    country = (draft.country_code or "").strip().upper()
    if not country:
        errors["country_code"] = Message("Choose the country.")
    elif not is_country_code(country):
        errors["country_code"] = Message("“{code}” is not an ISO 3166 country code.", {"code": country})
    if draft.ror_id and not is_valid_ror_id(draft.ror_id):
        errors["ror_id"] = Message(
            "“{ror}” is not a valid ROR identifier (such as 03q0vrn42; the last two digits are a checksum).",
            {"ror": draft.ror_id},
        )
    if draft.website and not _URL.match(draft.website.strip()):
        errors["website"] = Message("“{url}” is not a web address.", {"url": draft.website})
    if draft.institution_type not in set(InstitutionType):
        errors["institution_type"] = Message("Unknown type of institution: {value}.", {"value": draft.institution_type})
    if draft.network_role not in set(NetworkRole):
        errors["network_role"] = Message("Unknown role in the network: {value}.", {"value": draft.network_role})
    if draft.status not in set(MembershipStatus):
        errors["status"] = Message("Unknown membership status: {value}.", {"value": draft.status})
    if draft.established is not None and not 800 <= draft.established <= 2100:
        errors["established"] = Message("The year of foundation must lie between 800 and 2100.")
    unknown = [key for key in draft.areas if key not in AREAS_BY_KEY]
    if unknown:
        errors["areas"] = Message("Unknown area of cooperation: {value}.", {"value": ", ".join(unknown)})
    for index, contact in enumerate(draft.contacts):
        if not contact.name.strip():
            errors[f"contacts[{index}].name"] = Message(
                "Contact {number}: enter the person's name.", {"number": index + 1}
            )
        if contact.email and not _EMAIL.match(contact.email.strip()):
            errors[f"contacts[{index}].email"] = Message(
                "Contact {number}: “{email}” is not an e-mail address.", {"number": index + 1, "email": contact.email}
            )
    for index, ranking in enumerate(draft.rankings):
        if ranking.system not in set(RankingSystem):
            errors[f"rankings[{index}].system"] = Message(
                "Ranking {number}: unknown ranking system.", {"number": index + 1}
            )
        if not 1900 <= int(ranking.year or 0) <= 2100:
            errors[f"rankings[{index}].year"] = Message(
                "Ranking {number}: enter the year of the edition.", {"number": index + 1}
            )
        if not ranking.rank_text.strip():
            errors[f"rankings[{index}].rank_text"] = Message(
                "Ranking {number}: enter the rank as published, such as 45, =99 or 201–250.", {"number": index + 1}
            )
    for index, accreditation in enumerate(draft.accreditations):
        if not accreditation.agency.strip():
            errors[f"accreditations[{index}].agency"] = Message(
                "Accreditation {number}: enter the agency.", {"number": index + 1}
            )
        if accreditation.valid_from and accreditation.valid_to and accreditation.valid_to < accreditation.valid_from:
            errors[f"accreditations[{index}].valid_to"] = Message(
                "Accreditation {number}: the end of validity comes before its start.", {"number": index + 1}
            )
    return errors


def recommendations(draft: UniversityDraft) -> Problems:
    """What the record should have but may be stored without (ROR records often lack a tagged name)."""
    advice: Problems = {}
    names = [name for name in draft.names if name.value.strip()]
    if names and not any(name.lang == "en" for name in names):
        advice["names"] = Message("Add the English name (language tag en): the working group reads English.")
    elif names and not any(name.lang and name.lang != "en" for name in names):
        advice["names"] = Message("Add the official name in the national language, tagged with its language.")
    return advice


def validate(draft: UniversityDraft) -> None:
    errors = validation_errors(draft)
    if errors:
        raise ValidationError(errors)


def clean(draft: UniversityDraft) -> UniversityDraft:
    """Trim what people type, so stored values and comparisons agree."""
    draft.country_code = (draft.country_code or "").strip().upper()
    draft.city = draft.city.strip()
    draft.website = draft.website.strip()
    draft.acronym = draft.acronym.strip()
    draft.ror_id = (draft.ror_id or "").strip() or None
    for name in draft.names:
        name.value = name.value.strip()
        name.lang = (name.lang or "").strip() or None
        name.kind = name.kind or NameKind.LABEL
    draft.areas = sorted(set(draft.areas))
    return draft
