"""Read ROR registry records (schema v2 and v1) into university drafts.

ROR: https://ror.org, data CC0 1.0. Schema v2 names carry a language tag and a type
(ror_display, label, alias, acronym); schema v1 has ``name``, ``labels[{label, iso639}]``,
``aliases`` and ``acronyms``.
"""

from __future__ import annotations

from desktop_app.domain.universities import (
    InstitutionType,
    MembershipStatus,
    NameDraft,
    NameKind,
    UniversityDraft,
    normalise_ror_id,
)

_TYPES = {"education": InstitutionType.UNIVERSITY, "facility": InstitutionType.RESEARCH}


def _website(links) -> str:
    for link in links or []:
        if isinstance(link, dict) and link.get("type") == "website":
            return link.get("value") or ""
        if isinstance(link, str):
            return link
    return ""


def draft_from_v2(record: dict) -> UniversityDraft:
    names: list[NameDraft] = []
    acronym = ""
    for name in record.get("names", []):
        types = name.get("types", [])
        if "acronym" in types:
            acronym = acronym or name["value"]
            continue
        kind = NameKind.DISPLAY if "ror_display" in types else (
            NameKind.ALIAS if "alias" in types else NameKind.LABEL)
        names.append(NameDraft(name["value"], name.get("lang"), kind))
    names.sort(key=lambda n: n.kind != NameKind.DISPLAY)  # display name first
    location = (record.get("locations") or [{}])[0].get("geonames_details", {})
    return UniversityDraft(
        country_code=(location.get("country_code") or "").upper(),
        names=names,
        city=location.get("name") or "",
        website=_website(record.get("links")),
        ror_id=normalise_ror_id(record["id"]),
        acronym=acronym,
        institution_type=_TYPES.get((record.get("types") or ["education"])[0], InstitutionType.UNIVERSITY),
        status=MembershipStatus.CANDIDATE,
        established=record.get("established"),
    )


def draft_from_v1(record: dict) -> UniversityDraft:
    names = [NameDraft(record["name"], None, NameKind.DISPLAY)]
    names += [NameDraft(label["label"], label.get("iso639"), NameKind.LABEL) for label in record.get("labels", [])]
    names += [NameDraft(alias, None, NameKind.ALIAS) for alias in record.get("aliases", [])]
    addresses = record.get("addresses") or [{}]
    city = addresses[0].get("city") or (addresses[0].get("geonames_city") or {}).get("city") or ""
    return UniversityDraft(
        country_code=((record.get("country") or {}).get("country_code") or "").upper(),
        names=names,
        city=city,
        website=_website(record.get("links")),
        ror_id=normalise_ror_id(record["id"]),
        acronym=(record.get("acronyms") or [""])[0],
        established=record.get("established"),
    )


def draft_from_record(record: dict) -> UniversityDraft:
    return draft_from_v2(record) if "names" in record else draft_from_v1(record)
