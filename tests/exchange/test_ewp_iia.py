import xml.etree.ElementTree as ET

import pytest

from desktop_app.domain.errors import UserError
from desktop_app.exchange import ewp_iia
from desktop_app.services import agreements
from tests.agreements_helpers import bilateral_draft, network


def test_schema_is_read_from_the_application_resources_only():
    schema = ewp_iia.iia_schema()
    folder = ewp_iia.schema_folder().resolve()
    urls = [url for url in (s.url for s in schema.maps.iter_schemas()) if url and "xml.xsd" not in url
            and "XMLSchema" not in url and "xlink" not in url]
    assert urls and all(str(folder) in url for url in urls)
    assert (folder / "SOURCES.md").is_file()
    assert (folder / "erasmus-without-paper" / "ewp-specs-api-iias" / "stable-v7" / "LICENSE").is_file()


def test_export_validates_and_import_reproduces_the_agreement(sqlite_db, tmp_path):
    db = sqlite_db
    ids = network(db)
    draft = bilateral_draft(ids)
    agreement_id = agreements.create(db, draft)
    uuid = agreements.get(db, agreement_id).uuid
    target = ewp_iia.export_agreement(db, agreement_id, tmp_path / "iia.xml")
    content = target.read_bytes()
    assert ewp_iia.validation_errors(content) == []
    root = ET.fromstring(content)
    ns = {"i": ewp_iia.NS}
    assert [e.text for e in root.findall(".//i:isced-f-code", ns)] == ["0613", "0714", "0613"]
    assert root.find(".//i:receiving-first-academic-year-id", ns).text == "2025/2026"

    agreements.delete(db, agreement_id)
    result = ewp_iia.import_file(db, target)
    assert len(result.created) == 1
    record = agreements.get(db, result.created[0])
    new_uuid, imported = record.uuid, record.draft
    assert new_uuid == uuid
    assert imported.parties == draft.parties
    assert imported.conditions == draft.conditions
    assert (imported.reference, imported.status, imported.signing_date, imported.valid_from, imported.valid_to) == (
        draft.reference, draft.status, draft.signing_date, draft.valid_from, draft.valid_to)
    # Importing the same file again never overwrites what is recorded.
    again = ewp_iia.import_file(db, target)
    assert again.created == [] and again.skipped == [uuid]


def test_the_official_example_imports_when_its_partners_are_known(sqlite_db, shared_data):
    from tests.agreements_helpers import add_university

    add_university(sqlite_db, "PL", "University of Warsaw", "https://uw.edu.pl")
    add_university(sqlite_db, "NO", "Høgskolen i Bergen", "https://hibo.no")
    example = (shared_data / "ewp" / "raw.githubusercontent.com" / "erasmus-without-paper" / "ewp-specs-api-iias"
               / "stable-v7" / "endpoints" / "get-response-example.xml")
    result = ewp_iia.import_file(sqlite_db, example)
    draft = agreements.get(sqlite_db, result.created[0]).draft
    assert draft.reference == "983/E+/III14&15"
    assert [c.kind for c in draft.conditions] == ["student_studies", "student_traineeship", "staff_teacher",
                                                 "staff_teacher", "staff_training"]


def test_a_broken_file_and_a_multilateral_agreement_are_refused(sqlite_db, tmp_path):
    ids = network(sqlite_db)
    bad = tmp_path / "bad.xml"
    bad.write_text(f'<iias-get-response xmlns="{ewp_iia.NS}"><iia/></iias-get-response>', encoding="utf-8")
    with pytest.raises(UserError):
        ewp_iia.import_file(sqlite_db, bad)
    draft = bilateral_draft(ids)
    draft.parties.append(draft.parties[0].__class__(ids["enu"]))
    agreement_id = agreements.create(sqlite_db, draft)
    with pytest.raises(UserError, match="exactly two partners"):
        ewp_iia.export_agreement(sqlite_db, agreement_id, tmp_path / "x.xml")


def test_an_import_is_one_transaction_through_the_service(sqlite_db, tmp_path):
    """Two IIAs in one file, the second naming the same university twice: it is refused in the
    agreements service, and the first is not kept either."""
    db = sqlite_db
    ids = network(db)
    first = agreements.create(db, bilateral_draft(ids))
    second_draft = bilateral_draft(ids)
    second_draft.parties[1].university_id = ids["unranked"]
    second = agreements.create(db, second_draft)
    content = ewp_iia.export_document(db, [first, second]).decode()
    head, tail = content.split("</iia>", 1)
    target = tmp_path / "two.xml"
    target.write_text(head + "</iia>" + tail.replace("etu.example.edu.tr", "kaznu.kz"), encoding="utf-8")
    agreements.delete(db, first)
    agreements.delete(db, second)
    refused = r"Agreement 2 \(KAZNU-THU-1\) cannot be recorded: An agreement needs at least two"
    with pytest.raises(UserError, match=refused):
        ewp_iia.import_file(db, target)
    assert agreements.count(db) == 0
