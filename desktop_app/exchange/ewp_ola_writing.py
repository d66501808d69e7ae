"""Writing a learning agreement as an OLA get-response element: the mobility's sides and student, and each
travelling version as a list of components with its signatures.

Kept apart from reading (``ewp_ola_reading.py``): the two directions share only the format
(``ewp_ola_format.py``), and writing alone decides what is left out (personal data unless asked for).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from sqlalchemy import select

from desktop_app.domain.contract import Message
from desktop_app.domain.errors import UserError
from desktop_app.domain.learning_agreements import ComponentDraft, VersionDraft, changes
from desktop_app.exchange.ewp_iia import hei_id
from desktop_app.exchange.ewp_ola_format import NS, NS_TERM, SECTION_ELEMENTS, travelling
from desktop_app.services import learning_agreements, mobility
from desktop_app.storage.database import Database
from desktop_app.storage.models import University

SIGNER_APP = "CICA Network Coordinator"


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
