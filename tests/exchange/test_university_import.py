"""Imports with a preview: real ROR files, CSV in several encodings, XLSX, ranking tables; exports."""

import csv
import json

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from desktop_app.domain.errors import UserError
from desktop_app.exchange.university_export import export_register
from desktop_app.exchange.university_import import apply_import, preview_import
from desktop_app.services import universities, university_search
from desktop_app.services.university_search import UniversityQuery
from desktop_app.storage.models import University, UniversityName, UniversityRanking


def test_ror_file_gives_one_university_per_record_with_every_tagged_name(sqlite_db, shared_data):
    path = shared_data / "ror_cica_education.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    preview = preview_import(sqlite_db, path)
    assert preview.counts["created"] == len(records) and preview.writable
    apply_import(sqlite_db, preview)
    with sqlite_db.reading() as session:
        assert session.execute(select(func.count()).select_from(University)).scalar_one() == len(records)
        stored = {ror: uid for uid, ror in session.execute(select(University.id, University.ror_id))}
        names: dict[int, set] = {}
        for uid, value, lang in session.execute(select(UniversityName.university_id, UniversityName.value,
                                                       UniversityName.lang)):
            names.setdefault(uid, set()).add((value, lang))
    for record in records:
        ror_id = record["id"].rsplit("/", 1)[1]
        expected = {(n["value"], n.get("lang")) for n in record["names"] if "acronym" not in n["types"]}
        assert names[stored[ror_id]] == expected, ror_id
    again = preview_import(sqlite_db, path)
    assert again.counts["created"] == 0 and again.counts["updated"] == 0
    apply_import(sqlite_db, again)
    assert universities.count(sqlite_db) == len(records)


def test_v1_schema_records_are_read(sqlite_db, shared_data):
    preview = preview_import(sqlite_db, shared_data / "ror_cica_education_v1schema.jsonl")
    assert preview.writable and preview.counts["created"] > 900 - 5
    first = preview.universities[0].draft
    assert first.ror_id and first.country_code and first.names


def _write_csv(path, rows, encoding="utf-8"):
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1251"])
def test_csv_in_each_encoding_keeps_cyrillic(sqlite_db, tmp_path, encoding):
    path = tmp_path / "universities.csv"
    _write_csv(path, [["name", "name_ru", "country", "city", "status"],
                      ["Satbayev University", "Университет Сатпаева", "KZ", "Алматы", "invited"]], encoding)
    preview = preview_import(sqlite_db, path)
    assert preview.format == "csv" and preview.writable, preview.rejected
    apply_import(sqlite_db, preview)
    rows = university_search.page(sqlite_db, UniversityQuery(search="УНИВЕРСИТЕТ САТПАЕВА"), 0, 5)
    assert [(r.city, r.status) for r in rows] == [("Алматы", "invited")]


def test_csv_with_a_malformed_row_reports_its_line_and_writes_nothing(db, tmp_path):
    path = tmp_path / "universities.csv"
    path.write_text("name,country,website\n"
                    "Satbayev University,KZ,https://satbayev.university\n"
                    "Broken University,KZ,https://x.example,unexpected\n"
                    "Nazarbayev University,KZ,https://nu.edu.kz\n"
                    "Bad Country University,ZZ,\n", encoding="utf-8")
    preview = preview_import(db, path)
    assert [(r.line, r.field) for r in preview.rejected] == [(3, "*"), (5, "country_code")]
    with pytest.raises(UserError):
        apply_import(db, preview)
    assert universities.count(db) == 0


def test_duplicates_are_updated_by_ror_id_then_by_name_and_country(db, tmp_path):
    path = tmp_path / "universities.csv"
    _write_csv(path, [["name", "country", "ror_id", "city"],
                      ["Al-Farabi Kazakh National University", "KZ", "03q0vrn42", "Almaty"],
                      ["Satbayev University", "KZ", "", "Almaty"]])
    apply_import(db, preview_import(db, path))
    _write_csv(path, [["name", "country", "ror_id", "city"],
                      ["KazNU", "KZ", "https://ror.org/03q0vrn42", "Almaty city"],
                      ["SATBAYEV UNIVERSITY", "KZ", "", "Almaty city"],
                      ["Satbayev University", "UZ", "", "Tashkent"]])
    preview = preview_import(db, path)
    assert preview.counts == {"created": 1, "updated": 2, "skipped": 0, "rejected": 0, "unmatched": 0}
    apply_import(db, preview)
    assert universities.count(db) == 3
    assert university_search.count(db, UniversityQuery(search="almaty city")) == 2


def test_xlsx_with_a_column_mapping(sqlite_db, tmp_path):
    path = tmp_path / "partners.xlsx"
    book = Workbook()
    sheet = book.active
    sheet.append(["Official title", "Land", "Town"])
    sheet.append(["Tashkent State University of Oriental Studies", "UZ", "Tashkent"])
    book.save(path)
    preview = preview_import(sqlite_db, path, "xlsx", {"name": "Official title", "country_code": "Land",
                                                       "city": "Town"})
    assert preview.counts["created"] == 1
    apply_import(sqlite_db, preview)
    assert university_search.page(sqlite_db, UniversityQuery(country="UZ"), 0, 1)[0].city == "Tashkent"


def test_ranking_table_is_matched_by_name_and_country(db, tmp_path):
    path = tmp_path / "unis.csv"
    _write_csv(path, [["name", "country"], ["Al-Farabi Kazakh National University", "KZ"]])
    apply_import(db, preview_import(db, path))
    ranking = tmp_path / "rankings.csv"
    _write_csv(ranking, [["ranking", "year", "rank", "institution", "country", "country_iso2"],
                         ["QS", "2021", "=165", "Al-Farabi Kazakh National University", "Kazakhstan", "KZ"],
                         ["QS", "2020", "220", "al-Farabi Kazakh National University", "Kazakhstan", "KZ"],
                         ["QS", "2021", "501- 550", "Unknown Institute", "Kazakhstan", "KZ"]])
    preview = preview_import(db, ranking)
    assert preview.format == "rankings"
    assert preview.counts["created"] == 2 and preview.unmatched == [(4, "Unknown Institute", "KZ")]
    apply_import(db, preview)
    with db.reading() as session:
        assert sorted(session.execute(select(UniversityRanking.rank_text)).scalars()) == ["220", "=165"]
    assert university_search.count(db, UniversityQuery(top500=True)) == 1
    assert preview_import(db, ranking).counts["skipped"] == 2


def test_real_ranking_tables_match_real_ror_records(sqlite_db, shared_data):
    apply_import(sqlite_db, preview_import(sqlite_db, shared_data / "ror_cica_education.jsonl"))
    preview = preview_import(sqlite_db, shared_data / "rankings_qs_cica.csv")
    assert preview.writable and preview.counts["created"] > 1000 and preview.unmatched


def test_export_neutralises_formula_cells(sqlite_db, tmp_path):
    from desktop_app.domain.universities import NameDraft, UniversityDraft

    universities.create(sqlite_db, UniversityDraft("KZ", [NameDraft("=HYPERLINK(\"x\")", "en")],
                                                              city="@Almaty", acronym="-KZ"))
    count = export_register(sqlite_db, tmp_path / "out.csv", "csv")
    assert count == 1
    with (tmp_path / "out.csv").open(encoding="utf-8-sig") as handle:
        row = list(csv.DictReader(handle))[0]
    assert row["name[en]"] == "'=HYPERLINK(\"x\")" and row["city"] == "'@Almaty" and row["acronym"] == "'-KZ"
    export_register(sqlite_db, tmp_path / "out.xlsx", "xlsx")
    sheet = load_workbook(tmp_path / "out.xlsx").active
    cells = [cell for cell in sheet[2] if cell.value]
    # Text cells, shown exactly as stored: no formula, no apostrophe inside the value.
    assert all(cell.data_type == "s" for cell in cells if isinstance(cell.value, str))
    values = [cell.value for cell in cells]
    assert "=HYPERLINK(\"x\")" in values and "@Almaty" in values and "-KZ" in values


def test_cancelled_import_writes_nothing(db, tmp_path):
    from desktop_app.domain.errors import Cancelled
    from desktop_app.domain.progress import Progress

    path = tmp_path / "universities.csv"
    _write_csv(path, [["name", "country"]] + [[f"University {i}", "KZ"] for i in range(5000)])
    preview = preview_import(db, path)
    progress = Progress(lambda done, total, message: progress.cancel() if done >= 2000 else None)
    with pytest.raises(Cancelled):
        apply_import(db, preview, progress)
    assert universities.count(db) == 0


def test_university_exchange_goes_through_the_services():
    """Importers, the export and the demo loader read and write the register through services only."""
    import ast
    from pathlib import Path

    import desktop_app.exchange as exchange

    for path in sorted(Path(exchange.__file__).parent.glob("university_*.py")):
        imported = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
        assert not {m for m in imported if m.startswith(("sqlalchemy", "desktop_app.storage.models"))}, path.name
