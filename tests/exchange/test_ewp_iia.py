import datetime as dt
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
    refused = r"two.xml: IIA 2 \(KAZNU-THU-1\) cannot be imported: both partners are kaznu.kz"
    with pytest.raises(UserError, match=refused):
        ewp_iia.import_file(db, target)
    assert agreements.count(db) == 0


def _strategic(ids):
    from desktop_app.domain.agreements import IndicatorDraft

    draft = bilateral_draft(ids)
    draft.title, draft.kind, draft.approach = "KazNU–Tsinghua joint school", "strategic", "joint_programmes"
    draft.valid_from, draft.valid_to = dt.date(2025, 6, 15), dt.date(2031, 6, 14)
    draft.national_staff_percent, draft.foreign_staff_percent = 60.0, 40.0
    draft.funding_sources, draft.renewal_terms, draft.notes = "State budget", "Renewed for 5 years", "Notes kept"
    draft.indicators = [IndicatorDraft("Joint graduates", 2026, 20.0, 12.0, "people")]
    return draft


def test_reimporting_an_agreement_on_record_shows_what_changes_and_keeps_what_an_iia_cannot_carry(sqlite_db,
                                                                                                tmp_path):
    from desktop_app.exchange.ewp_import import apply_preview, preview_file

    ids = network(sqlite_db)
    original = _strategic(ids)
    agreement_id = agreements.create(sqlite_db, original)
    target = ewp_iia.export_agreement(sqlite_db, agreement_id, tmp_path / "iia.xml")
    unchanged = preview_file(sqlite_db, target)
    assert [item.action for item in unchanged.items] == ["unchanged"]
    # The partner changes a mobility and its signatory: the preview says exactly that, and nothing is written.
    edited = target.read_text(encoding="utf-8").replace("<mobilities-per-year>3<", "<mobilities-per-year>4<")
    edited = edited.replace("Li, Vice-President", "Wang, President")
    target.write_text(edited, encoding="utf-8")
    preview = preview_file(sqlite_db, target)
    [item] = preview.items
    assert item.action == "update" and item.agreement_id == agreement_id
    labels = [str(change.label) for change in item.changes]
    assert labels == ["Signatory of Tsinghua University", "Cooperation conditions"], labels
    assert agreements.get(sqlite_db, agreement_id).draft == original
    outcome = apply_preview(sqlite_db, preview)
    assert outcome.updated == [agreement_id] and outcome.created == []
    stored = agreements.get(sqlite_db, agreement_id).draft
    assert stored.conditions[0].mobilities_per_year == 4 and stored.parties[1].signatory == "Wang, President"
    # Everything an IIA cannot carry is as it was: title, kind, approach, indicators, staffing, validity.
    for name in ("title", "kind", "approach", "indicators", "national_staff_percent", "foreign_staff_percent",
                 "funding_sources", "renewal_terms", "notes", "valid_from", "valid_to", "reference", "status"):
        assert getattr(stored, name) == getattr(original, name), name
    assert [p.role for p in stored.parties] == [p.role for p in original.parties]


def test_a_new_agreement_from_an_iia_is_titled_by_its_partners_not_its_code(sqlite_db, tmp_path):
    ids = network(sqlite_db)
    agreement_id = agreements.create(sqlite_db, bilateral_draft(ids))
    target = ewp_iia.export_agreement(sqlite_db, agreement_id, tmp_path / "iia.xml")
    agreements.delete(sqlite_db, agreement_id)
    [created] = ewp_iia.import_file(sqlite_db, target).created
    draft = agreements.get(sqlite_db, created).draft
    assert draft.title == "Al-Farabi Kazakh National University – Tsinghua University"
    assert draft.reference == "KAZNU-THU-1" and draft.kind == "bilateral"
    assert (draft.valid_from, draft.valid_to) == (dt.date(2025, 9, 1), dt.date(2030, 8, 31))


@pytest.mark.parametrize(("content", "found"), [
    (b"/etc/passwd", "is a text file, not an XML file"),
    (b"file:///etc/passwd", "is a text file, not an XML file"),
    (b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<x>&e;</x>',
     "declares a document type or entities"),
    (b'<?xml version="1.0"?>\n<!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
     b"<l>&b;</l>", "declares a document type or entities"),
    (b"\x89PNG\r\n\x1a\n" + bytes(40), "is a PNG image, not an XML file"),
    (b"<a>" * 100 + b"</a>" * 100, "nests XML elements deeper than 64 levels"),
])
def test_hostile_files_are_refused_without_reading_anything_else(sqlite_db, tmp_path, content, found):
    path = tmp_path / "iia.xml"
    path.write_bytes(content)
    with pytest.raises(UserError) as refused:
        ewp_iia.import_file(sqlite_db, path)
    assert found in refused.value.text and "root:" not in refused.value.text
    assert agreements.count(sqlite_db) == 0


def test_a_mobility_between_hei_that_are_not_partners_refuses_the_whole_file(sqlite_db, tmp_path):
    ids = network(sqlite_db)
    first = agreements.create(sqlite_db, bilateral_draft(ids))
    content = ewp_iia.export_document(sqlite_db, [first, first]).decode()
    head, tail = content.split("</iia>", 1)
    tail = tail.replace("<sending-hei-id>kaznu.kz</sending-hei-id>", "<sending-hei-id>other.edu.kz</sending-hei-id>", 1)
    tail = tail.replace(str(agreements.get(sqlite_db, first).uuid), "4d7c1f56-0d6f-4a39-9d57-2a2a6c3c3c3c")
    agreements.delete(sqlite_db, first)
    path = tmp_path / "two.xml"
    path.write_text(head + "</iia>" + tail, encoding="utf-8")
    with pytest.raises(UserError, match=r"IIA 2 \(KAZNU-THU-1\) cannot be imported: a mobility names other.edu.kz"):
        ewp_iia.import_file(sqlite_db, path)
    assert agreements.count(sqlite_db) == 0
