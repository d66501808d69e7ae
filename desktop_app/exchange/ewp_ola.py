"""Learning agreements as Erasmus Without Paper Online Learning Agreements (the ``omobility-las``
get-response, version 1), validated offline against the copied schema (``resources/ewp``).

This module is the file in and out. The format (schema, sections, which versions travel) is in
``ewp_ola_format.py``, the elements written in ``ewp_ola_writing.py`` and read in ``ewp_ola_reading.py``.

The student's name, date of birth and e-mail are written only when the user chooses to include personal
data. Reading a file: its bytes through the input gate (defusedxml), then the schema, then one
transaction per file; an unknown university is added from its EWP id (its internet domain) when the
domain names its country, otherwise the file is refused naming it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from sqlalchemy import select

from desktop_app.domain.errors import UserError
from desktop_app.exchange.ewp_iia import hei_id
from desktop_app.exchange.ewp_ola_format import NS, travelling, validation_errors
from desktop_app.exchange.ewp_ola_reading import ImportResult, omobility_id, record_la
from desktop_app.exchange.ewp_ola_writing import build
from desktop_app.exchange.input_gate import FileRefused, parse_xml, read_bytes
from desktop_app.services import learning_agreements
from desktop_app.storage.database import Database
from desktop_app.storage.database_files import atomic_output
from desktop_app.storage.faults import file_problem
from desktop_app.storage.models import University


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
    if only_mobility is not None and any(omobility_id(la) != only_mobility
                                         for la in root.findall(f"{{{NS}}}la")):
        raise FileRefused("{name} holds the learning agreement of another mobility.", name=path.name)
    result = ImportResult()
    with db.transaction(changes=set(learning_agreements.TOPICS)) as session:
        ids = {hei_id(web or "", ror, uid): uid for uid, web, ror in
               session.execute(select(University.id, University.website, University.ror_id))}
        for la in root.findall(f"{{{NS}}}la"):
            result.mobility_ids.append(record_la(session, la, ids, result, path.name))
    return result
