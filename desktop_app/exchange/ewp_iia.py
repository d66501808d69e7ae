"""Erasmus Without Paper inter-institutional agreements (IIA get-response, version 7).

An agreement with exactly two university parties is written as an ``<iias-get-response>`` with one ``<iia>``:
the two partners (HEI id, the party's own code, signing contact and date), whether it is in effect,
its cooperation conditions (one-way mobility flows per academic year, ISCED-F codes, EQF levels,
languages) and its ``iia-hash`` as v7 defines it (exchange/ewp_hash.py: the SHA-256 of the official
XSLT's text-to-hash). Files are validated against the official schema kept in ``resources/ewp`` (see
its SOURCES.md), so it works offline; a file is read from its bytes with defusedxml and the validator
is given the parsed document, never a path, a URL or the raw text. Organisations among the parties
(a ministry, an agency) are not HEIs: they are left out, and ``left_out_note`` names them for the user.

Reading an IIA into a draft is here (``draft_from_iia``); what an import does with it — compare with
an agreement on record, show what changes, keep what an IIA cannot carry — is in ewp_import.py.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlparse

from sqlalchemy import select

from desktop_app import paths
from desktop_app.domain.agreements import (
    IN_FORCE,
    AgreementDraft,
    AgreementKind,
    AgreementStatus,
    ConditionDraft,
    PartyDraft,
    PartyRole,
    academic_year_id,
    academic_year_start,
)
from desktop_app.domain.contract import Message
from desktop_app.domain.errors import UserError
from desktop_app.exchange.ewp_hash import hashes
from desktop_app.exchange.input_gate import parse_xml
from desktop_app.i18n import Nn_
from desktop_app.services import agreements as agreement_service
from desktop_app.storage.database import Database
from desktop_app.storage.database_files import atomic_output
from desktop_app.storage.faults import file_problem
from desktop_app.storage.models import University

NS = "https://github.com/erasmus-without-paper/ewp-specs-api-iias/blob/stable-v7/endpoints/get-response.xsd"
NS_CONTACT = "https://github.com/erasmus-without-paper/ewp-specs-types-contact/tree/stable-v1"
SCHEMA_URL = ("https://raw.githubusercontent.com/erasmus-without-paper/ewp-specs-api-iias/stable-v7/"
              "endpoints/get-response.xsd")
URL_PREFIX = "https://raw.githubusercontent.com/"

#: condition kind -> element name, in the order the schema's sequence wants them.
SPEC_ELEMENTS = {
    "student_studies": "student-studies-mobility-spec",
    "student_traineeship": "student-traineeship-mobility-spec",
    "staff_teacher": "staff-teacher-mobility-spec",
    "staff_training": "staff-training-mobility-spec",
}
KIND_BY_ELEMENT = {element: kind for kind, element in SPEC_ELEMENTS.items()}


def schema_folder() -> Path:
    return paths.resources_dir() / "ewp"


_schema = None


def iia_schema():
    """The IIA v7 schema, its imports resolved to the local copy; nothing is fetched from the network."""
    global _schema
    if _schema is None:
        import xmlschema

        folder = schema_folder()

        def local(uri: str) -> str:
            if uri.startswith(URL_PREFIX):
                return (folder / uri[len(URL_PREFIX):]).as_uri()
            return uri

        _schema = xmlschema.XMLSchema(local(SCHEMA_URL), uri_mapper=local, allow="local")
    return _schema


def validation_errors(xml) -> list[str]:
    """Schema violations of an IIA get-response document (empty when valid). ``xml`` is the parsed root
    element, or the document's bytes (parsed here with defusedxml: a file that is no XML is one reason)."""
    from desktop_app.domain.errors import UserError as Refused

    if isinstance(xml, bytes | bytearray):
        try:
            xml = parse_xml(bytes(xml), "IIA")
        except Refused as error:
            return [error.text]
    return [_reason(error) for error in iia_schema().iter_errors(xml)]


def _reason(error) -> str:
    """A schema violation in words, namespaces left out (they are the same for every element)."""
    text = str(error.reason or error.message)
    for namespace in (NS, NS_CONTACT):
        text = text.replace("{" + namespace + "}", "")
    path = (error.path or "").replace("{" + NS + "}", "")
    return f"{text} ({path})" if path else text


def hei_id(website: str, ror_id: str | None, university_id: int) -> str:
    """The EWP HEI identifier: the institution's internet domain (as the EWP Registry uses), or its
    ROR id when no website is known."""
    host = urlparse(website if "//" in website else f"//{website}").hostname if website else None
    if host:
        return host.lower().removeprefix("www.")
    return f"ror.org/{ror_id}" if ror_id else f"local-{university_id}"


def _hei_ids(session) -> dict[int, str]:
    return {uid: hei_id(web or "", ror, uid) for uid, web, ror in
            session.execute(select(University.id, University.website, University.ror_id))}


def _sub(parent, tag: str, text=None, ns: str = NS):
    element = ET.SubElement(parent, f"{{{ns}}}{tag}")
    if text is not None:
        element.text = str(text)
    return element


def _decimal(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _spec(parent, c: ConditionDraft, sending: str, receiving: str) -> None:
    spec = _sub(parent, SPEC_ELEMENTS[c.kind])
    _sub(spec, "sending-hei-id", sending)
    _sub(spec, "receiving-hei-id", receiving)
    _sub(spec, "receiving-first-academic-year-id", academic_year_id(c.first_year))
    _sub(spec, "receiving-last-academic-year-id", academic_year_id(c.last_year))
    _sub(spec, "mobilities-per-year", c.mobilities_per_year)
    skill = _sub(spec, "recommended-language-skill")
    _sub(skill, "language", c.language or "en")
    if c.cefr_level:
        _sub(skill, "cefr-level", c.cefr_level)
    if c.isced_code:
        area = _sub(spec, "subject-area")
        _sub(area, "isced-f-code", c.isced_code)
    if c.kind.startswith("student"):
        if c.months_per_year:
            _sub(spec, "total-months-per-year", _decimal(c.months_per_year))
        _sub(spec, "blended", "false")
        if c.kind == "student_studies":
            for level in c.eqf_levels.split():
                _sub(spec, "eqf-level", level)
    elif c.days_per_year:
        _sub(spec, "total-days-per-year", _decimal(c.days_per_year))


def export_document(db: Database, agreement_ids: list[int]) -> bytes:
    ET.register_namespace("", NS)
    ET.register_namespace("c", NS_CONTACT)
    root = ET.Element(f"{{{NS}}}iias-get-response")
    with db.reading() as session:
        heis = _hei_ids(session)
    for agreement_id in agreement_ids:
        record = agreement_service.get(db, agreement_id)
        uuid, draft = record.uuid, record.draft
        if len(draft.parties) != 2:
            raise UserError("An EWP inter-institutional agreement has exactly two partners; “{title}” has {count}.",
                            title=draft.title, count=len(draft.parties))
        for c in draft.conditions:
            if c.isced_code and (len(c.isced_code) != 4 or not c.isced_code.isdigit()):
                raise UserError("EWP needs four-digit ISCED-F codes; “{code}” is a broader field.", code=c.isced_code)
        iia = _sub(root, "iia")
        for index, party in enumerate(draft.parties):
            partner = _sub(iia, "partner")
            _sub(partner, "hei-id", heis[party.university_id])
            if index == 0:
                _sub(partner, "iia-id", uuid)
            code = party.local_code or (draft.reference if index == 0 else "")
            if code:
                _sub(partner, "iia-code", code)
            if party.signatory:
                contact = _sub(partner, "signing-contact")
                _sub(contact, "contact-name", party.signatory, NS_CONTACT)
            signed = party.signing_date or draft.signing_date
            if signed:
                _sub(partner, "signing-date", signed.isoformat())
        _sub(iia, "in-effect", "true" if draft.status in IN_FORCE else "false")
        conditions = _sub(iia, "cooperation-conditions")
        order = list(SPEC_ELEMENTS)
        for c in sorted(draft.conditions, key=lambda c: order.index(c.kind)):
            _spec(conditions, c, heis[draft.parties[c.sending_index].university_id],
                  heis[draft.parties[c.receiving_index].university_id])
        _sub(iia, "iia-hash", "0" * 64)
    ET.indent(root)
    # The hash is computed on the document as a partner will read it: serialised, then parsed again.
    parsed = ET.fromstring(ET.tostring(root, encoding="utf-8"))
    for element, value in zip(root.iter(f"{{{NS}}}iia-hash"), hashes(parsed), strict=True):
        element.text = value
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8")


def export_agreement(db: Database, agreement_id: int, target: str | Path) -> Path:
    """Write the agreement as an IIA v7 file, checked against the schema before it is written."""
    content = export_document(db, [agreement_id])
    errors = validation_errors(content)
    if errors:
        raise UserError("The EWP export does not satisfy the IIA schema: {reason}", reason=errors[0])
    target = Path(target)
    try:
        with atomic_output(target) as partial:
            partial.write_bytes(content)
    except OSError as error:
        raise file_problem(error, target) or UserError(
            "Cannot write {path}: {reason}", path=str(target), reason=error.strerror or str(error)) from error
    return target


#: The note of an export whose agreement has organisations among its parties.
LEFT_OUT = Nn_("EWP agreements are between higher education institutions only; {names} is left out of the file.",
               "EWP agreements are between higher education institutions only; {names} are left out of the file.")


def left_out_note(db: Database, agreement_id: int) -> Message | None:
    """What the IIA file leaves out: EWP agreements are between higher education institutions, so an
    organisation among the parties (a ministry, an agency) has no place in it. None when nothing is."""
    from desktop_app.i18n import current_language
    from desktop_app.i18n.formatting import format_list
    from desktop_app.services import organisations

    ids = [party.organisation_id for party in agreement_service.get(db, agreement_id).draft.organisation_parties]
    if not ids:
        return None
    names = organisations.names_for_reader(db, ids, current_language())
    singular, plural = LEFT_OUT
    return Message(singular, {"names": format_list([names[i] for i in ids if i in names])}, plural=plural,
                   count=len(ids))


def _text(element, tag: str, ns: str = NS) -> str | None:
    found = element.find(f"{{{ns}}}{tag}")
    return found.text.strip() if found is not None and found.text else None


def _required_text(element, tag: str) -> str:
    """The text of an element the IIA schema requires (files are validated before they are read)."""
    text = _text(element, tag)
    if text is None:
        raise IiaProblem(Message("<{tag}> is missing", {"tag": tag}))
    return text


def _number(text: str | None) -> float | None:
    return float(text) if text else None


class IiaProblem(Exception):
    """An IIA that valid XML cannot make an agreement of here (a partner not in the register, a mobility
    between HEIs that are not its partners…); ``args[0]`` is the Message saying why."""


def _date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise IiaProblem(Message("“{value}” is not a date this application can keep", {"value": text})) from None


def read_parties(iia: ET.Element, universities_by_hei: dict[str, int]) -> tuple[list[PartyDraft], list[str], list[str]]:
    """The parties of an IIA (in its order: the sender's HEI first), their HEI ids and their iia-ids."""
    parties: list[PartyDraft] = []
    heis: list[str] = []
    ids: list[str] = []
    for index, partner in enumerate(iia.findall(f"{{{NS}}}partner")):
        hei = _text(partner, "hei-id") or ""
        if hei not in universities_by_hei:
            raise IiaProblem(Message("the partner {hei} is not in the university register; add it first",
                                     {"hei": hei}))
        contact = partner.find(f"{{{NS}}}signing-contact")
        signatory = _text(contact, "contact-name", NS_CONTACT) if contact is not None else None
        role = PartyRole.NATIONAL if index == 0 else PartyRole.FOREIGN
        parties.append(PartyDraft(universities_by_hei[hei], role, signatory or "",
                                  _date(_text(partner, "signing-date")), _text(partner, "iia-code") or ""))
        heis.append(hei)
        ids.append(_text(partner, "iia-id") or "")
    if len(set(heis)) != len(heis):
        raise IiaProblem(Message("both partners are {hei}", {"hei": heis[0]}))
    return parties, heis, ids


def _index(heis: list[str], spec: ET.Element, tag: str) -> int:
    hei = _required_text(spec, tag)
    if hei not in heis:
        raise IiaProblem(Message("a mobility names {hei}, which is not one of its partners", {"hei": hei}))
    return heis.index(hei)


def read_conditions(iia: ET.Element, heis: list[str]) -> list[ConditionDraft]:
    conditions: list[ConditionDraft] = []
    block = iia.find(f"{{{NS}}}cooperation-conditions")
    for spec in list(block) if block is not None else []:
        kind = KIND_BY_ELEMENT.get(str(spec.tag).split("}")[-1])
        if kind is None:
            continue
        skill = spec.find(f"{{{NS}}}recommended-language-skill")
        area = spec.find(f"{{{NS}}}subject-area")
        conditions.append(ConditionDraft(
            kind=kind, sending_index=_index(heis, spec, "sending-hei-id"),
            receiving_index=_index(heis, spec, "receiving-hei-id"),
            first_year=academic_year_start(_required_text(spec, "receiving-first-academic-year-id")),
            last_year=academic_year_start(_required_text(spec, "receiving-last-academic-year-id")),
            mobilities_per_year=int(_text(spec, "mobilities-per-year") or 1),
            isced_code=(_text(area, "isced-f-code") or "") if area is not None else "",
            eqf_levels=" ".join(e.text.strip() for e in spec.findall(f"{{{NS}}}eqf-level") if e.text),
            months_per_year=_number(_text(spec, "total-months-per-year")),
            days_per_year=_number(_text(spec, "total-days-per-year")),
            language=(_text(skill, "language") or "en") if skill is not None else "en",
            cefr_level=(_text(skill, "cefr-level") or "") if skill is not None else ""))
    return conditions


def status_of(iia: ET.Element, valid_from: dt.date | None, today: dt.date) -> str:
    if (_text(iia, "in-effect") or "false") in ("true", "1"):
        return AgreementStatus.ACTIVE if valid_from is None or valid_from <= today else AgreementStatus.SIGNED
    return AgreementStatus.NEGOTIATION


def draft_from_iia(iia: ET.Element, universities_by_hei: dict[str, int], names: dict[int, str] | None = None,
                   today: dt.date | None = None) -> tuple[list[str], AgreementDraft]:
    """(the partners' iia-ids, the draft of a NEW agreement) an IIA describes. An IIA carries no title,
    kind or validity dates: the title names the two partners, the kind is a bilateral agreement, and it
    is valid from 1 September of its first academic year to 31 August after its last."""
    today = today or dt.date.today()
    parties, heis, ids = read_parties(iia, universities_by_hei)
    conditions = read_conditions(iia, heis)
    first = min((c.first_year for c in conditions), default=None)
    last = max((c.last_year for c in conditions), default=None)
    valid_from = dt.date(first, 9, 1) if first is not None else None
    valid_to = dt.date(last + 1, 8, 31) if last is not None else None
    signed_dates = [p.signing_date for p in parties if p.signing_date]
    code = parties[0].local_code if parties else ""
    names = names or {}
    title = " – ".join(names.get(p.university_id) or hei for p, hei in zip(parties, heis, strict=True))
    draft = AgreementDraft(
        title=title, kind=AgreementKind.BILATERAL, status=status_of(iia, valid_from, today), reference=code,
        signing_date=max(signed_dates) if signed_dates else None, valid_from=valid_from, valid_to=valid_to,
        parties=parties, conditions=conditions)
    if parties:
        parties[0].local_code = ""  # carried as the agreement's reference
    return ids, draft


def import_file(db: Database, source: str | Path):
    """Import every IIA of a get-response file in one transaction (see ewp_import.py)."""
    from desktop_app.exchange.ewp_import import apply_preview, preview_file

    return apply_preview(db, preview_file(db, source))


def universities_by_hei(db: Database) -> dict[str, int]:
    with db.reading() as session:
        return {hei: uid for uid, hei in _hei_ids(session).items()}


def display_names(db: Database, ids: list[int]) -> dict[int, str]:
    with db.reading() as session:
        return dict(session.execute(select(University.id, University.display_name)
                                    .where(University.id.in_(ids))).all())
