"""Learning agreements as EWP Online Learning Agreements v1: the export validates against the copied schema,
and importing it into an empty database gives the same components, credits and signatures."""

import shutil
from collections import Counter

import pytest

from desktop_app.domain.errors import UserError
from desktop_app.exchange import ewp_ola
from desktop_app.exchange.input_gate import FileRefused, parse_xml
from desktop_app.services import learning_agreements, mobility
from desktop_app.storage.database import Database
from tests.mobility_helpers import mobility_with_agreement, student_mobility, two_universities


def _components(draft):
    return [Counter(c.identity() for c in version.components) for version in draft.versions]


def _signatures(draft):
    return [(v.student_signed_at, v.sending_signed_at, v.sending_signer_name, v.receiving_signed_at,
             v.receiving_signer_name, v.receiving_signer_email) for v in draft.versions]


def test_export_validates_and_an_empty_database_gets_the_same_agreement(db, tmp_path, sqlite_template):
    mobility_id = mobility_with_agreement(db)
    target = tmp_path / "la.xml"
    assert ewp_ola.export_file(db, mobility_id, target) == [1, 2]
    assert ewp_ola.validation_errors(parse_xml(target.read_bytes(), "la.xml")) == []
    text = target.read_text("utf-8")
    assert "Aigerim" not in text and "aigerim@example.kz" not in text  # personal data stays home unless chosen
    assert 'status="deleted" reason-text="Timetable conflict"' in text

    shutil.copyfile(sqlite_template, tmp_path / "empty.sqlite3")
    empty = Database(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    result = ewp_ola.import_file(empty, target)
    assert result.created_mobilities == 1 and sorted(result.created_universities) == ["kaznu.kz", "tsinghua.edu.cn"]
    original = learning_agreements.get_for(db, mobility_id).draft
    imported = learning_agreements.get_for(empty, result.mobility_ids[0]).draft
    assert _components(imported) == _components(original)
    assert _signatures(imported) == _signatures(original)
    assert imported.versions[1].reason == "Timetable conflict"
    assert (imported.isced_code, imported.language, imported.cefr_level) == ("0613", "en", "B2")
    assert mobility.get(empty, result.mobility_ids[0]).draft.person_name == ""
    empty.close()


def test_personal_data_travels_only_when_chosen(db, tmp_path):
    mobility_id = mobility_with_agreement(db)
    ewp_ola.export_file(db, mobility_id, tmp_path / "with.xml", include_personal=True)
    text = (tmp_path / "with.xml").read_text("utf-8")
    assert "<given-names>Aigerim</given-names>" in text and "aigerim@example.kz" in text


def test_importing_again_keeps_one_agreement_and_a_changed_signed_version_is_refused(db, tmp_path):
    mobility_id = mobility_with_agreement(db)
    target = tmp_path / "la.xml"
    ewp_ola.export_file(db, mobility_id, target)
    assert ewp_ola.import_file(db, target).mobility_ids == [mobility_id]
    text = target.read_text("utf-8").replace("<title>Machine Learning</title>", "<title>Deep Learning</title>")
    target.write_text(text, "utf-8")
    with pytest.raises(UserError, match="signed"):
        ewp_ola.import_file(db, target)
    assert [c.title for c in learning_agreements.get_for(db, mobility_id).draft.versions[0].components][0] \
        == "Machine Learning"


def test_a_file_the_schema_refuses_is_refused_whole(db, tmp_path):
    target = tmp_path / "bad.xml"
    target.write_text(f'<omobility-las-get-response xmlns="{ewp_ola.NS}"><la><title/></la>'
                      "</omobility-las-get-response>", "utf-8")
    with pytest.raises(FileRefused, match="not an EWP learning agreement"):
        ewp_ola.import_file(db, target)


def test_export_names_what_is_missing(db, tmp_path):
    sending, receiving = two_universities(db)
    mobility_id = student_mobility(db, sending, receiving, study_level="")
    with pytest.raises(UserError, match="no learning agreement"):
        ewp_ola.export_file(db, mobility_id, tmp_path / "x.xml")
    from tests.mobility_helpers import agreement_with_a_change

    draft = agreement_with_a_change()
    draft.isced_code = ""
    learning_agreements.save(db, mobility_id, draft)
    with pytest.raises(UserError) as refused:
        ewp_ola.export_file(db, mobility_id, tmp_path / "x.xml")
    assert "level of study" in refused.value.text and "ISCED-F" in refused.value.text
    assert not (tmp_path / "x.xml").exists()
