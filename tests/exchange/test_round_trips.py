"""Exports meant to be edited and imported again give back what they were made from: the register with
its UUIDs, every name with its kind and language, rankings and status dates; recognition cases whole,
or by reference when the file has no personal data."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from collections import Counter

import pytest
from sqlalchemy import select

from desktop_app.domain.universities import NameDraft, NameKind, RankingDraft, UniversityDraft
from desktop_app.exchange.demo import load_demo
from desktop_app.exchange.recognition_files import commit_import, export_cases, preview_import
from desktop_app.exchange.university_export import export_register
from desktop_app.exchange.university_import import apply_import
from desktop_app.exchange.university_import import preview_import as preview_universities
from desktop_app.services import universities, university_transfer
from desktop_app.storage.database import Database
from desktop_app.storage.models import RecognitionCase

DAY = dt.date(2025, 10, 1)


def register_state(db) -> dict[str, tuple]:
    """Everything the flat file carries, per university UUID (names as a multiset, display name first)."""
    state = {}
    for batch in university_transfer.iterate_records(db):
        for r in batch:
            display = [n.value for n in r.names if n.kind == NameKind.DISPLAY]
            state[r.uuid] = (r.ror_id, display, Counter((n.value, n.lang, n.kind) for n in r.names), r.acronym,
                             r.country_code, r.city, r.website, r.institution_type, r.network_role, r.status,
                             r.status_since, r.established, r.notes, r.top500,
                             sorted((x.system, x.year, x.rank_text, x.scope, x.subject, x.system_name)
                                    for x in r.rankings))
    return state


@pytest.fixture
def demo_db(sqlite_db):
    load_demo(sqlite_db, today=DAY)
    universities.create(sqlite_db, UniversityDraft(
        "KZ", [NameDraft("=1+1", "en", NameKind.DISPLAY), NameDraft("Формула", "ru", NameKind.LABEL),
               NameDraft("+SUM(A1)", None, NameKind.ALIAS), NameDraft("Ресми атауы", "kk", NameKind.OFFICIAL)],
        city="@Almaty", acronym="-F-", notes="line one\nline two", established=1999,
        rankings=[RankingDraft("qs", 2025, "=150"), RankingDraft("the", 2024, "201–250", "subject", "Engineering"),
                  RankingDraft("national", 2024, "3", system_name="Atameken")]))
    return sqlite_db


@pytest.fixture
def empty_db(sqlite_template, tmp_path):
    shutil.copyfile(sqlite_template, tmp_path / "other.sqlite3")
    db = Database(f"sqlite:///{tmp_path / 'other.sqlite3'}")
    yield db
    db.close()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_register_exported_and_imported_gives_an_identical_register(demo_db, empty_db, tmp_path, fmt):
    path = tmp_path / f"register.{fmt}"
    count = export_register(demo_db, path, fmt)
    preview = preview_universities(empty_db, path, fmt)
    assert preview.rejected == [] and preview.counts["created"] == count
    apply_import(empty_db, preview)
    assert register_state(empty_db) == register_state(demo_db)
    # The same file again changes nothing, in the new database and in the one it came from.
    for db in (empty_db, demo_db):
        again = preview_universities(db, path, fmt)
        assert again.counts["skipped"] == count and again.counts["created"] == again.counts["updated"] == 0


def test_an_edited_register_updates_the_records_its_uuids_name(demo_db, tmp_path):
    path = tmp_path / "register.csv"
    export_register(demo_db, path, "csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    formula = next(row for row in rows if row["name"] == "'=1+1")
    assert formula["name[ru]"] == "Формула" and formula["alias[]"] == "'+SUM(A1)"
    formula["city"] = "Astana"
    formula["name"] = "'=2+2"  # a renamed university is still the same record: its UUID says so
    formula["rankings"] += "\nARWU 2025: 401-500"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    preview = preview_universities(demo_db, path)
    assert preview.counts["updated"] == 1 and preview.counts["created"] == 0
    apply_import(demo_db, preview)
    record = register_state(demo_db)[formula["uuid"]]
    assert record[1] == ["=2+2"] and record[5] == "Astana" and len(record[14]) == 4


def _cases(db) -> dict[str, tuple]:
    with db.reading() as session:
        return {case.uuid: tuple(getattr(case, column.key) for column in RecognitionCase.__table__.columns
                                 if column.key not in ("id", "created_at", "updated_at", "search_text",
                                                       "issuing_university_id", "rule_id"))
                for case in session.execute(select(RecognitionCase)).scalars()}


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_recognition_cases_round_trip_whole_with_their_uuids_and_appeals(demo_db, empty_db, tmp_path, suffix):
    path = tmp_path / f"cases.{suffix}"
    export_cases(demo_db, path, include_personal=True)
    preview = preview_import(empty_db, path)
    assert preview.errors == []
    commit_import(empty_db, preview)
    before, after = _cases(demo_db), _cases(empty_db)
    assert after == before
    assert any(case[list(RecognitionCase.__table__.columns.keys()).index("appeal_lodged") - 1]
               for case in after.values())


def test_an_export_without_personal_data_imports_by_reference(demo_db, tmp_path):
    path = tmp_path / "cases.csv"
    export_cases(demo_db, path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert "holder_name" not in rows[0]
    before = _cases(demo_db)
    rows[0]["notes"] = "=1+1 checked by the working group"
    rows[1]["reference"], rows[1]["uuid"] = "NEW-REF-1", ""
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    preview = preview_import(demo_db, path)
    # The row naming an unknown reference cannot create a case without its holder: refused, said so.
    assert [(e.line, e.field) for e in preview.errors] == [(3, "reference")]
    assert "cannot create one" in preview.errors[0].message
    assert preview.created == 0 and preview.updated == 1
    commit_import(demo_db, preview)
    after = _cases(demo_db)
    assert len(after) == len(before)
    with demo_db.reading() as session:
        case = session.execute(select(RecognitionCase).where(RecognitionCase.uuid == rows[0]["uuid"])).scalar_one()
        assert case.notes == "=1+1 checked by the working group" and case.holder_name  # the holder is kept
