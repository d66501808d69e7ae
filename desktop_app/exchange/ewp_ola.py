"""Learning agreements as Erasmus Without Paper Online Learning Agreements (the ``omobility-las``
get-response, version 1), validated offline against the copied schema (``resources/ewp``).

How the numbered versions travel (the schema keeps three lists, see docs/mobility-lifecycle.md):
- version 1, signed by all three, is ``first-version``;
- the latest later version signed by all three is ``approved-changes``: what it inserts into and deletes
  from version 1, each change with the version's reason as ``reason-text``;
- a version after those, signed by the student and the sending coordinator but not yet by the receiving
  one, is the ``changes-proposal`` (the whole list when version 1 itself awaits the receiving side).
A version between them, and one the student or the sending coordinator has not signed, cannot travel.

The student's name, date of birth and e-mail are written only when the user chooses to include personal
data. Reading a file: its bytes through the input gate (defusedxml), then the schema, then one
transaction per file; an unknown university is added from its EWP id (its internet domain) when the
domain names its country, otherwise the file is refused naming it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid as uuid_module
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from desktop_app.domain.contract import Message
from desktop_app.domain.errors import UserError
from desktop_app.domain.learning_agreements import (
    ComponentDraft,
    LearningAgreementDraft,
    Section,
    VersionDraft,
    apply_changes,
    changes,
)
from desktop_app.domain.mobility import MobilityDraft, MobilityFormat, PersonKind
from desktop_app.domain.universities import NameDraft, UniversityDraft
from desktop_app.exchange.ewp_iia import URL_PREFIX, hei_id, schema_folder
from desktop_app.exchange.input_gate import FileRefused, parse_xml, read_bytes
from desktop_app.services import learning_agreements, mobility, universities
from desktop_app.storage.database import Database
from desktop_app.storage.database_files import atomic_output
from desktop_app.storage.faults import file_problem
from desktop_app.storage.models import MobilityRecord, University

NS = "https://github.com/erasmus-without-paper/ewp-specs-api-omobility-las/blob/stable-v1/endpoints/get-response.xsd"
NS_TERM = "https://github.com/erasmus-without-paper/ewp-specs-types-academic-term/tree/stable-v2"
SCHEMA_URL = URL_PREFIX + "erasmus-without-paper/ewp-specs-api-omobility-las/stable-v1/endpoints/get-response.xsd"
SIGNER_APP = "CICA Network Coordinator"

#: section -> the list element it travels in, in the order the schema's sequence wants them.
SECTION_ELEMENTS = {
    Section.STUDIED: "components-studied",
    Section.RECOGNIZED: "components-recognized",
    Section.VIRTUAL: "virtual-components",
    Section.BLENDED: "blended-mobility-components",
    Section.DOCTORAL: "short-term-doctoral-components",
}
SECTION_BY_ELEMENT = {element: section for section, element in SECTION_ELEMENTS.items()}
#: Internet country-code domains that are not the ISO code of their country.
_DOMAIN_COUNTRIES = {"uk": "GB"}

_schema = None


def ola_schema():
    """The OLA v1 schema, its imports resolved to the local copy; nothing is fetched from the network."""
    global _schema
    if _schema is None:
        import xmlschema

        folder = schema_folder()

        def local(uri: str) -> str:
            return (folder / uri[len(URL_PREFIX):]).as_uri() if uri.startswith(URL_PREFIX) else uri

        _schema = xmlschema.XMLSchema(local(SCHEMA_URL), uri_mapper=local, allow="local")
    return _schema


def validation_errors(root) -> list[str]:
    """Schema violations of an OLA get-response (the parsed root element); empty when valid."""
    errors = []
    for error in ola_schema().iter_errors(root):
        text = str(error.reason or error.message)
        for namespace in (NS, NS_TERM):
            text = text.replace("{" + namespace + "}", "")
        path = (error.path or "").replace("{" + NS + "}", "")
        errors.append(f"{text} ({path})" if path else text)
    return errors


# --- writing --------------------------------------------------------------------------------------

def _sub(parent, tag: str, text=None, ns: str = NS):
    element = ET.SubElement(parent, f"{{{ns}}}{tag}")
    if text is not None:
        element.text = str(text)
    return element


def _decimal(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _split_name(name: str) -> tuple[str, str]:
    """(given names, family name): the last word is taken as the family name."""
    words = name.split()
    return (" ".join(words[:-1]), words[-1]) if words else ("", "")


def _timestamp(value: dt.datetime) -> str:
    return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).isoformat(timespec="seconds")


def _component(parent, component: ComponentDraft, status: str | None = None, reason: str = "") -> None:
    element = _sub(parent, "component")
    if status:
        element.set("status", status)
        if reason.strip():
            element.set("reason-text", reason.strip())
    if component.los_id:
        _sub(element, "los-id", component.los_id)
    if component.code:
        _sub(element, "los-code", component.code)
    _sub(element, "title", component.title)
    if component.loi_id:
        _sub(element, "loi-id", component.loi_id)
    if component.term_number and component.total_terms:
        term = _sub(element, "term-id")
        _sub(term, "term-number", component.term_number, NS_TERM)
        _sub(term, "total-terms", component.total_terms, NS_TERM)
    if component.credits is not None:
        credit = _sub(element, "credit")
        _sub(credit, "scheme", "ects")
        _sub(credit, "value", _decimal(component.credits))
    if component.recognition_conditions:
        _sub(element, "recognition-conditions", component.recognition_conditions)
    if component.short_description:
        _sub(element, "short-description", component.short_description)


def _signature(parent, tag: str, when: dt.datetime, name: str = "", position: str = "", email: str = "") -> None:
    element = _sub(parent, tag)
    for child, value in (("signer-name", name), ("signer-position", position), ("signer-email", email)):
        if value:
            _sub(element, child, value)
    _sub(element, "timestamp", _timestamp(when))
    _sub(element, "signer-app", SIGNER_APP)


def _component_list(element, version: VersionDraft, listed: Sequence[tuple[ComponentDraft, str | None]]) -> None:
    for section, tag in SECTION_ELEMENTS.items():
        mine = [(c, status) for c, status in listed if c.section == section]
        if mine:
            group = _sub(element, tag)
            for component, status in mine:
                _component(group, component, status, version.reason if status else "")
    assert version.student_signed_at and version.sending_signed_at  # noqa: S101 - checked by travelling()
    _signature(element, "student-signature", version.student_signed_at)
    _signature(element, "sending-hei-signature", version.sending_signed_at, version.sending_signer_name,
               version.sending_signer_position, version.sending_signer_email)
    if version.receiving_signed_at:
        _signature(element, "receiving-hei-signature", version.receiving_signed_at, version.receiving_signer_name,
                   version.receiving_signer_position, version.receiving_signer_email)


@dataclass(frozen=True)
class Travelling:
    """Which versions the file carries (numbers), by the element they travel in."""

    first: VersionDraft | None
    approved: VersionDraft | None
    proposal: VersionDraft | None

    def numbers(self) -> list[int]:
        return [v.number for v in (self.first, self.approved, self.proposal) if v is not None]


def travelling(draft: LearningAgreementDraft) -> Travelling:
    """The versions an EWP file can carry (see the module's note)."""
    def proposed(version: VersionDraft) -> bool:
        return bool(version.student_signed_at and version.sending_signed_at)

    first = draft.versions[0] if draft.versions and draft.versions[0].signed else None
    if first is None:
        proposal = draft.versions[0] if draft.versions and proposed(draft.versions[0]) else None
        return Travelling(None, None, proposal)
    approved = next((v for v in reversed(draft.versions[1:]) if v.signed), None)
    after = approved.number if approved else 1
    proposal = next((v for v in reversed(draft.versions[after:]) if proposed(v) and not v.signed), None)
    return Travelling(first, approved, proposal)


def _contact(parent, tag: str, unit: str, name: str, email: str, hei: str) -> None:
    element = _sub(parent, tag)
    _sub(element, "hei-id", hei)
    if unit:
        _sub(element, "ounit-name", unit)
    person = _sub(element, "contact-person")
    given, family = _split_name(name)
    _sub(person, "given-names", given)
    _sub(person, "family-name", family)
    _sub(person, "email", email)


def _academic_year(start: dt.date) -> str:
    first = start.year if start.month >= 8 else start.year - 1
    return f"{first}/{first + 1}"


def build(db: Database, mobility_id: int, include_personal: bool = False) -> ET.Element:
    """The mobility's learning agreement as an OLA get-response element (not yet validated)."""
    found = learning_agreements.get_for(db, mobility_id)
    if found is None:
        raise UserError("The mobility has no learning agreement yet.")
    draft = found.draft
    record = mobility.get(db, mobility_id)
    m = record.draft
    with db.reading() as session:
        ids = {uid: hei_id(web or "", ror, uid) for uid, web, ror in session.execute(
            select(University.id, University.website, University.ror_id).where(
                University.id.in_([m.sending_university_id, m.receiving_university_id])))}
    first = draft.versions[0]
    sending_name = draft.sending_contact_name or first.sending_signer_name
    sending_email = draft.sending_contact_email or first.sending_signer_email
    receiving_name = draft.receiving_contact_name or first.receiving_signer_name
    receiving_email = draft.receiving_contact_email or first.receiving_signer_email
    missing = [message for message, absent in (
        (Message("the level of study of the mobility"), not m.study_level),
        (Message("the ISCED-F field of study"), not draft.isced_code),
        (Message("the language of instruction and the student's level in it"),
         not (draft.language and draft.cefr_level)),
        (Message("the sending contact person's name and e-mail"), not (sending_name and sending_email)),
        (Message("the receiving contact person's name and e-mail"), not (receiving_name and receiving_email)),
    ) if absent]
    if missing:
        raise UserError("An EWP learning agreement needs {missing}.", missing=missing)
    carried = travelling(draft)
    if not carried.numbers():
        raise UserError("A learning agreement travels by EWP once the student and the sending coordinator have "
                        "signed it.")
    ET.register_namespace("", NS)
    ET.register_namespace("trm", NS_TERM)
    root = ET.Element(f"{{{NS}}}omobility-las-get-response")
    la = _sub(root, "la")
    _sub(la, "omobility-id", record.uuid)
    sending_hei, receiving_hei = ids[m.sending_university_id or 0], ids[m.receiving_university_id or 0]
    _contact(la, "sending-hei", draft.sending_unit, sending_name, sending_email, sending_hei)
    _contact(la, "receiving-hei", draft.receiving_unit, receiving_name, receiving_email, receiving_hei)
    _sub(la, "receiving-academic-year-id", draft.receiving_academic_year or _academic_year(m.start_date))
    student = _sub(la, "student")
    if include_personal:
        given, family = _split_name(m.person_name)
        if m.person_name:
            _sub(student, "given-names", given)
            _sub(student, "family-name", family)
        if m.birth_date:
            _sub(student, "birth-date", m.birth_date.isoformat())
        if m.person_email:
            _sub(student, "email", m.person_email)
    _sub(la, "start-date", m.start_date.isoformat())
    _sub(la, "end-date", m.end_date.isoformat())
    _sub(la, "eqf-level-studied-at-departure", m.study_level)
    _sub(la, "isced-f-code", draft.isced_code)
    if draft.isced_clarification:
        _sub(la, "isced-clarification", draft.isced_clarification)
    skill = _sub(la, "student-language-skill")
    _sub(skill, "language", draft.language)
    _sub(skill, "cefr-level", draft.cefr_level)
    if carried.first is not None:
        _component_list(_sub(la, "first-version"), carried.first, [(c, None) for c in carried.first.components])
    base = carried.first.components if carried.first is not None else []
    if carried.approved is not None:
        inserted, deleted = changes(base, carried.approved.components)
        changed: list[tuple[ComponentDraft, str | None]] = [(c, "inserted") for c in inserted]
        _component_list(_sub(la, "approved-changes"), carried.approved, changed + [(c, "deleted") for c in deleted])
    if carried.proposal is not None:
        proposal = _sub(la, "changes-proposal")
        listed: list[tuple[ComponentDraft, str | None]]
        if carried.first is None:
            listed = [(c, None) for c in carried.proposal.components]
        else:
            inserted, deleted = changes(base, carried.proposal.components)
            listed = [(c, "inserted") for c in inserted]
            listed += [(c, "deleted") for c in deleted]
        _component_list(proposal, carried.proposal, listed)
        proposal.set("id", hashlib.sha256(ET.tostring(proposal)).hexdigest()[:32])
    if draft.learning_outcomes_url:
        _sub(la, "learning-outcomes-url", draft.learning_outcomes_url)
    if draft.provisions_url:
        _sub(la, "provisions-url", draft.provisions_url)
    return root


def export_file(db: Database, mobility_id: int, target: str | Path, include_personal: bool = False) -> list[int]:
    """Write the learning agreement as an OLA v1 file, checked against the schema first; the numbers of
    the versions it carries."""
    root = build(db, mobility_id, include_personal)
    errors = validation_errors(root)
    if errors:
        raise UserError("The EWP export does not satisfy the learning agreement schema: {reason}", reason=errors[0])
    ET.indent(root)
    target = Path(target)
    try:
        with atomic_output(target) as partial:
            partial.write_bytes(b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8"))
    except OSError as error:
        raise file_problem(error, target) or UserError(
            "Cannot write {path}: {reason}", path=str(target), reason=error.strerror or str(error)) from error
    found = learning_agreements.get_for(db, mobility_id)
    return travelling(found.draft).numbers() if found else []


# --- reading --------------------------------------------------------------------------------------

def _text(element, tag: str, ns: str = NS) -> str:
    found = element.find(f"{{{ns}}}{tag}") if element is not None else None
    return found.text.strip() if found is not None and found.text else ""


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


def import_file(db: Database, source: str | Path, only_mobility: str | None = None) -> ImportResult:
    """Record every learning agreement of an OLA v1 file, in one transaction: the mobility is found by its
    omobility-id (our mobility's UUID) or created, and its learning agreement replaced by the file's
    (versions signed by all three are never changed: such a file is refused). With ``only_mobility`` (a
    mobility's UUID) a file about any other mobility is refused."""
    path = Path(source)
    root = parse_xml(read_bytes(path, "xml"), path.name)
    errors = validation_errors(root)
    if errors:
        raise FileRefused("{name} is not an EWP learning agreement: {reason}", name=path.name, reason=errors[0])
    if only_mobility is not None and any(_text(la, "omobility-id") != only_mobility
                                         for la in root.findall(f"{{{NS}}}la")):
        raise FileRefused("{name} holds the learning agreement of another mobility.", name=path.name)
    result = ImportResult()
    with db.transaction(changes=set(learning_agreements.TOPICS)) as session:
        ids = {hei_id(web or "", ror, uid): uid for uid, web, ror in
               session.execute(select(University.id, University.website, University.ror_id))}
        for la in root.findall(f"{{{NS}}}la"):
            result.mobility_ids.append(_import_one(session, la, ids, result, path.name))
    return result


def _import_one(session, la, ids: dict[str, int], result: ImportResult, name: str) -> int:
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
