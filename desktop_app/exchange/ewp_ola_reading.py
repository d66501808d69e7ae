"""Reading a learning agreement from an OLA get-response: one ``la`` element recorded as a mobility (found
by its omobility-id or created) and its learning agreement, inside the caller's transaction.

Kept apart from writing (``ewp_ola_writing.py``) because reading has its own work: universities unknown
here added from their EWP id, changes applied to version 1 to rebuild each version, and what only we
record (component order, identities, study-plan links) kept when a version comes back unchanged.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module
from dataclasses import dataclass, field

from sqlalchemy import select

from desktop_app.domain.learning_agreements import ComponentDraft, LearningAgreementDraft, VersionDraft, apply_changes
from desktop_app.domain.mobility import MobilityDraft, MobilityFormat, PersonKind
from desktop_app.domain.universities import NameDraft, UniversityDraft
from desktop_app.exchange.ewp_ola_format import NS, NS_TERM, SECTION_BY_ELEMENT
from desktop_app.exchange.input_gate import FileRefused
from desktop_app.services import learning_agreements, mobility, universities
from desktop_app.storage.models import MobilityRecord

#: Internet country-code domains that are not the ISO code of their country.
_DOMAIN_COUNTRIES = {"uk": "GB"}


def _text(element, tag: str, ns: str = NS) -> str:
    found = element.find(f"{{{ns}}}{tag}") if element is not None else None
    return found.text.strip() if found is not None and found.text else ""


def omobility_id(la) -> str:
    """The mobility an ``la`` element is about: our mobility's UUID when it was written here."""
    return _text(la, "omobility-id")


def _read_component(element, section: str) -> tuple[ComponentDraft, str, str]:
    """(component, its status, its reason) from a ``component`` element."""
    term = element.find(f"{{{NS}}}term-id")
    credits = None
    for credit in element.findall(f"{{{NS}}}credit"):
        if _text(credit, "scheme").casefold() == "ects":
            credits = float(_text(credit, "value"))
    component = ComponentDraft(
        section=section, title=_text(element, "title"), credits=credits, code=_text(element, "los-code"),
        term_number=int(_text(term, "term-number", NS_TERM)) if term is not None else None,
        total_terms=int(_text(term, "total-terms", NS_TERM)) if term is not None else None,
        recognition_conditions=_text(element, "recognition-conditions"),
        short_description=_text(element, "short-description"), los_id=_text(element, "los-id"),
        loi_id=_text(element, "loi-id"))
    reason = element.get("reason-text") or element.get("reason-code") or ""
    return component, element.get("status") or "", reason


def _when(element, tag: str) -> tuple[dt.datetime | None, str, str, str]:
    signature = element.find(f"{{{NS}}}{tag}")
    if signature is None:
        return None, "", "", ""
    when = dt.datetime.fromisoformat(_text(signature, "timestamp").replace("Z", "+00:00"))
    when = (when if when.tzinfo else when.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)
    return when, _text(signature, "signer-name"), _text(signature, "signer-position"), _text(signature, "signer-email")


def _read_list(element, number: int, base: list[ComponentDraft] | None) -> VersionDraft:
    """A version from a ListOf_Components: a whole list (``base`` None) or changes to ``base``."""
    listed = []
    for tag, section in SECTION_BY_ELEMENT.items():
        group = element.find(f"{{{NS}}}{tag}")
        if group is not None:
            listed += [_read_component(c, section) for c in group.findall(f"{{{NS}}}component")]
    if base is None:
        components = [c for c, _status, _reason in listed]
        reason = ""
    else:
        inserted = [c for c, status, _r in listed if status == "inserted"]
        deleted = [c for c, status, _r in listed if status == "deleted"]
        components = apply_changes(base, inserted, deleted)
        reasons = list(dict.fromkeys(r for _c, status, r in listed if status and r))
        reason = "; ".join(reasons)
    student, _n, _p, _e = _when(element, "student-signature")
    sending, sending_name, sending_position, sending_email = _when(element, "sending-hei-signature")
    receiving, receiving_name, receiving_position, receiving_email = _when(element, "receiving-hei-signature")
    return VersionDraft(number, components, reason=reason, student_signed_at=student,
                        sending_signer_name=sending_name, sending_signer_position=sending_position,
                        sending_signer_email=sending_email, sending_signed_at=sending,
                        receiving_signer_name=receiving_name, receiving_signer_position=receiving_position,
                        receiving_signer_email=receiving_email, receiving_signed_at=receiving)


def _date(la, day: str, month: str, last: bool) -> dt.date:
    if _text(la, day):
        return dt.date.fromisoformat(_text(la, day))
    year, month_number = (int(part) for part in _text(la, month).split("-")[:2])
    if not last:
        return dt.date(year, month_number, 1)
    following = dt.date(year + month_number // 12, month_number % 12 + 1, 1)
    return following - dt.timedelta(days=1)


@dataclass
class ImportResult:
    mobility_ids: list[int] = field(default_factory=list)
    created_mobilities: int = 0
    created_universities: list[str] = field(default_factory=list)  # EWP ids added to the register


def _university(session, hei: str, ids: dict[str, int], result: ImportResult, name: str) -> int:
    if hei in ids:
        return ids[hei]
    from desktop_app.i18n.formatting import country_name

    domain = hei.rsplit(".", 1)[-1].lower() if "." in hei else ""
    country = _DOMAIN_COUNTRIES.get(domain, domain.upper())
    if len(country) != 2 or country_name(country) == country:
        raise FileRefused("{name}: the university {hei} is not in the register and its EWP id does not say its "
                          "country: add it with its website first.", name=name, hei=hei)
    university_id = universities.create_in(session, UniversityDraft(
        country_code=country, names=[NameDraft(value=hei, lang="en", kind="display")], website=f"https://{hei}"))
    ids[hei] = university_id
    result.created_universities.append(hei)
    return university_id

def record_la(session, la, ids: dict[str, int], result: ImportResult, name: str) -> int:
    sending = la.find(f"{{{NS}}}sending-hei")
    receiving = la.find(f"{{{NS}}}receiving-hei")
    sending_id = _university(session, _text(sending, "hei-id"), ids, result, name)
    receiving_id = _university(session, _text(receiving, "hei-id"), ids, result, name)
    versions: list[VersionDraft] = []
    first = la.find(f"{{{NS}}}first-version")
    if first is not None:
        versions.append(_read_list(first, 1, None))
    approved = la.find(f"{{{NS}}}approved-changes")
    if approved is not None and versions:
        versions.append(_read_list(approved, len(versions) + 1, versions[0].components))
    proposal = la.find(f"{{{NS}}}changes-proposal")
    if proposal is not None:
        versions.append(_read_list(proposal, len(versions) + 1, versions[0].components if versions else None))
    if not versions:
        raise FileRefused("{name}: a learning agreement without any version cannot be recorded.", name=name)
    contact = [(_text(side.find(f"{{{NS}}}contact-person"), "given-names") + " "
                + _text(side.find(f"{{{NS}}}contact-person"), "family-name")).strip() for side in (sending, receiving)]
    skill = la.find(f"{{{NS}}}student-language-skill")
    draft = LearningAgreementDraft(
        versions=versions, receiving_academic_year=_text(la, "receiving-academic-year-id"),
        isced_code=_text(la, "isced-f-code"), isced_clarification=_text(la, "isced-clarification"),
        language=_text(skill, "language"), cefr_level=_text(skill, "cefr-level").replace("NS", ""),
        sending_unit=_text(sending, "ounit-name"), sending_contact_name=contact[0],
        sending_contact_email=_text(sending.find(f"{{{NS}}}contact-person"), "email"),
        receiving_unit=_text(receiving, "ounit-name"), receiving_contact_name=contact[1],
        receiving_contact_email=_text(receiving.find(f"{{{NS}}}contact-person"), "email"),
        learning_outcomes_url=_text(la, "learning-outcomes-url"), provisions_url=_text(la, "provisions-url"))
    omobility_id = _text(la, "omobility-id")
    existing = session.execute(select(MobilityRecord).where(MobilityRecord.uuid == omobility_id)).scalar_one_or_none()
    if existing is not None:
        if (existing.sending_university_id, existing.receiving_university_id) != (sending_id, receiving_id):
            raise FileRefused("{name}: the mobility {id} on record goes between other universities than the file "
                              "says.", name=name, id=omobility_id)
        mobility_id = existing.id
    else:
        start = _date(la, "start-date", "start-year-month", last=False)
        end = _date(la, "end-date", "end-year-month", last=True)
        student = la.find(f"{{{NS}}}student")
        person = " ".join(part for part in (_text(student, "given-names"), _text(student, "family-name")) if part)
        birth = _text(student, "birth-date")
        fmt = MobilityFormat.SHORT_TERM if (end - start).days < 90 else MobilityFormat.SEMESTER
        level = _text(la, "eqf-level-studied-at-departure")
        mobility_id = mobility.create_in(session, MobilityDraft(
            person_kind=PersonKind.STUDENT, format=fmt, sending_university_id=sending_id,
            receiving_university_id=receiving_id, start_date=start, end_date=end, person_name=person,
            person_email=_text(student, "email"), birth_date=dt.date.fromisoformat(birth) if birth else None,
            study_level=level if level in ("6", "7", "8") else ""),
            uuid=omobility_id if _is_uuid(omobility_id) else None)
        result.created_mobilities += 1
    stored = learning_agreements.get_in(session, mobility_id)
    if stored is not None:
        _keep_what_is_known(stored, draft)
    learning_agreements.write(session, mobility_id, draft)
    return mobility_id


def _keep_what_is_known(stored: LearningAgreementDraft, draft: LearningAgreementDraft) -> None:
    """A version the file carries unchanged keeps what only we record: its components' order, identities
    (recognitions stay linked), study-plan links and its date of preparation."""
    from collections import Counter

    for index, version in enumerate(draft.versions[:len(stored.versions)]):
        known = stored.versions[index]
        if Counter(c.identity() for c in known.components) == Counter(c.identity() for c in version.components):
            version.components = known.components
            version.prepared_on = known.prepared_on
            version.reason = version.reason or known.reason


def _is_uuid(text: str) -> bool:
    try:
        return str(uuid_module.UUID(text)) == text.lower()
    except ValueError:
        return False
