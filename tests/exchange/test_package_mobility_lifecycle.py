"""The national data package carries a mobility's whole life (history, learning agreement, transcript,
recognitions) and scholarship programmes, and no student's name or grade unless personal data is chosen."""

from __future__ import annotations

import json

from desktop_app.exchange import package_import, package_writer
from desktop_app.services import learning_agreements, mobility_lifecycle, scholarships, transcripts
from desktop_app.storage.models import MobilityRecord
from tests.exchange.package_helpers import IR, KZ, another_database, load_demo_with_files, members


def test_without_personal_data_no_student_name_or_grade_travels(db, request, tmp_path):
    load_demo_with_files(db, "KZ")
    package = package_writer.export_package(db, tmp_path / "kz", options=KZ, personal=False)
    content = members(package.path)
    text = b"".join(content.values()).decode("utf-8", "replace")
    assert "records/scholarship_programme.jsonl" in content and "Timetable conflict with Distributed systems" in text
    for personal in ("Askar Mukanov", "Dana Kassymova", "askar@student.kaznu.example"):
        assert personal not in text, personal
    lines = [json.loads(line) for line in content["records/mobility.jsonl"].splitlines() if line.strip()]
    carried = [row for line in lines for table in ("mobility_transcript_entries", "mobility_recognitions")
               for row in _rows(line, table)]
    assert carried and all("grade" not in row for row in carried)

    empty = another_database(request, db)
    package_import.import_package(empty, package.path, options=IR, trust_key=True)
    with empty.reading() as session:
        back = session.query(MobilityRecord).filter(MobilityRecord.status == "completed").one()
        back_id, back_name = back.id, back.person_name
    assert back_name == ""
    assert [s.status for s in mobility_lifecycle.history(empty, back_id)][-1] == "completed"
    assert learning_agreements.get_for(empty, back_id).draft.ever_signed()
    assert [r.credits_recognised for r in transcripts.get(empty, back_id).recognitions] == [6.0, 8.0]
    assert {row.currency for row in scholarships.page(empty).rows} == {"KZT", "CNY"}


def _rows(value, table: str) -> list[dict]:
    """Every row of ``table`` wherever it sits in a package line."""
    if isinstance(value, dict):
        found = list(value.get(table, [])) if isinstance(value.get(table), list) else []
        return found + [row for child in value.values() for row in _rows(child, table)]
    if isinstance(value, list):
        return [row for child in value for row in _rows(child, table)]
    return []
