"""Read ROR registry records (schema v2 and v1) into university drafts.

ROR: https://ror.org, data CC0 1.0. Schema v2 names carry a language tag and a type
(ror_display, label, alias, acronym); schema v1 has ``name``, ``labels[{label, iso639}]``,
``aliases`` and ``acronyms``.

A record comes from a file anyone may have edited: every value is checked for the type the schema
gives it, and a record that departs from it is refused with the path of the field
(``locations[0].geonames_details.country_code: expected text``), never with a Python error.
"""

from __future__ import annotations

from typing import Any

from desktop_app.domain.contract import Message
from desktop_app.domain.universities import (
    InstitutionType,
    MembershipStatus,
    NameDraft,
    NameKind,
    UniversityDraft,
    normalise_ror_id,
)
from desktop_app.i18n import N_

_TYPES = {"education": InstitutionType.UNIVERSITY, "facility": InstitutionType.RESEARCH}
_EXPECTED: dict[type, str] = {str: N_("expected text"), list: N_("expected a list"),
                              dict: N_("expected an object")}


class RecordProblem(Exception):
    """A ROR record whose field ``field`` (a path such as ``names[2].value``) is not what the schema says."""

    def __init__(self, field: str, message: Message):
        super().__init__(f"{field}: {message.msgid}")
        self.field = field
        self.message = message


def _get(value: Any, kind: type, field: str, required: bool = False) -> Any:
    if value is None:
        if required:
            raise RecordProblem(field, Message(N_("this field is required")))
        return kind()
    if not isinstance(value, kind):
        raise RecordProblem(field, Message(_EXPECTED[kind]))
    return value


def _record(record: object) -> dict:
    if not isinstance(record, dict):
        raise RecordProblem("*", Message(N_("a record must be a JSON object")))
    return record


def _established(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise RecordProblem("established", Message(N_("expected a year")))
    return value


def _website(links: list, field: str = "links") -> str:
    for index, link in enumerate(links):
        if isinstance(link, dict):
            if link.get("type") == "website":
                return _get(link.get("value"), str, f"{field}[{index}].value")
        elif isinstance(link, str):
            return link
        else:
            raise RecordProblem(f"{field}[{index}]", Message(_EXPECTED[dict]))
    return ""


def draft_from_v2(record: dict) -> UniversityDraft:
    names: list[NameDraft] = []
    acronym = ""
    for index, name in enumerate(_get(record.get("names"), list, "names")):
        where = f"names[{index}]"
        name = _get(name, dict, where)
        types = [t for t in _get(name.get("types"), list, where + ".types") if isinstance(t, str)]
        value = _get(name.get("value"), str, where + ".value", required=True)
        if "acronym" in types:
            acronym = acronym or value
            continue
        kind = NameKind.DISPLAY if "ror_display" in types else (
            NameKind.ALIAS if "alias" in types else NameKind.LABEL)
        names.append(NameDraft(value, _get(name.get("lang"), str, where + ".lang") or None, kind))
    names.sort(key=lambda n: n.kind != NameKind.DISPLAY)  # display name first
    locations = _get(record.get("locations"), list, "locations")
    location = _get(locations[0], dict, "locations[0]") if locations else {}
    details = _get(location.get("geonames_details"), dict, "locations[0].geonames_details")
    kinds = _get(record.get("types"), list, "types")
    return UniversityDraft(
        country_code=_get(details.get("country_code"), str, "locations[0].geonames_details.country_code").upper(),
        names=names,
        city=_get(details.get("name"), str, "locations[0].geonames_details.name"),
        website=_website(_get(record.get("links"), list, "links")),
        ror_id=normalise_ror_id(_get(record.get("id"), str, "id", required=True)),
        acronym=acronym,
        institution_type=_TYPES.get(kinds[0] if kinds and isinstance(kinds[0], str) else "education",
                                    InstitutionType.UNIVERSITY),
        status=MembershipStatus.CANDIDATE,
        established=_established(record.get("established")),
    )


def draft_from_v1(record: dict) -> UniversityDraft:
    names = [NameDraft(_get(record.get("name"), str, "name", required=True), None, NameKind.DISPLAY)]
    for index, label in enumerate(_get(record.get("labels"), list, "labels")):
        label = _get(label, dict, f"labels[{index}]")
        names.append(NameDraft(_get(label.get("label"), str, f"labels[{index}].label", required=True),
                               _get(label.get("iso639"), str, f"labels[{index}].iso639") or None, NameKind.LABEL))
    for index, alias in enumerate(_get(record.get("aliases"), list, "aliases")):
        names.append(NameDraft(_get(alias, str, f"aliases[{index}]"), None, NameKind.ALIAS))
    addresses = _get(record.get("addresses"), list, "addresses")
    address = _get(addresses[0], dict, "addresses[0]") if addresses else {}
    geonames = _get(address.get("geonames_city"), dict, "addresses[0].geonames_city")
    city = (_get(address.get("city"), str, "addresses[0].city")
            or _get(geonames.get("city"), str, "addresses[0].geonames_city.city"))
    acronyms = _get(record.get("acronyms"), list, "acronyms")
    return UniversityDraft(
        country_code=_get(_get(record.get("country"), dict, "country").get("country_code"), str,
                          "country.country_code").upper(),
        names=names,
        city=city,
        website=_website(_get(record.get("links"), list, "links")),
        ror_id=normalise_ror_id(_get(record.get("id"), str, "id", required=True)),
        acronym=_get(acronyms[0], str, "acronyms[0]") if acronyms else "",
        established=_established(record.get("established")),
    )


def draft_from_record(record: object) -> UniversityDraft:
    """The draft a ROR record describes; RecordProblem when a field is not what the schema says."""
    record = _record(record)
    return draft_from_v2(record) if "names" in record else draft_from_v1(record)
