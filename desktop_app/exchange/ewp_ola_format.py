"""The OLA format: the ``omobility-las`` get-response (version 1) schema, its namespaces and sections, and
which numbered versions of a learning agreement an EWP file can carry.

Kept apart from writing (``ewp_ola_writing.py``) and reading (``ewp_ola_reading.py``) because both
directions, and the file in and out (``ewp_ola.py``), speak of the same elements and check against the
same copied schema (``resources/ewp``); nothing is fetched from the network.

How the numbered versions travel (the schema keeps three lists, see docs/mobility-lifecycle.md):
- version 1, signed by all three, is ``first-version``;
- the latest later version signed by all three is ``approved-changes``: what it inserts into and deletes
  from version 1, each change with the version's reason as ``reason-text``;
- a version after those, signed by the student and the sending coordinator but not yet by the receiving
  one, is the ``changes-proposal`` (the whole list when version 1 itself awaits the receiving side).
A version between them, and one the student or the sending coordinator has not signed, cannot travel.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.learning_agreements import LearningAgreementDraft, Section, VersionDraft
from desktop_app.exchange.ewp_iia import URL_PREFIX, schema_folder

NS = "https://github.com/erasmus-without-paper/ewp-specs-api-omobility-las/blob/stable-v1/endpoints/get-response.xsd"
NS_TERM = "https://github.com/erasmus-without-paper/ewp-specs-types-academic-term/tree/stable-v2"
SCHEMA_URL = URL_PREFIX + "erasmus-without-paper/ewp-specs-api-omobility-las/stable-v1/endpoints/get-response.xsd"

#: section -> the list element it travels in, in the order the schema's sequence wants them.
SECTION_ELEMENTS = {
    Section.STUDIED: "components-studied",
    Section.RECOGNIZED: "components-recognized",
    Section.VIRTUAL: "virtual-components",
    Section.BLENDED: "blended-mobility-components",
    Section.DOCTORAL: "short-term-doctoral-components",
}
SECTION_BY_ELEMENT = {element: section for section, element in SECTION_ELEMENTS.items()}

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
