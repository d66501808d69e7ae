"""``universities list|import|export`` in-process, as the working group's IT staff would run them."""

import json

from desktop_app.cli import main


def _import(sqlite_url, path, *extra):
    return main(["--db", sqlite_url, "universities", "import", str(path), *extra])


def test_import_list_search_and_export(sqlite_url, shared_data, capsys, tmp_path):
    path = shared_data / "ror_cica_education.jsonl"
    assert _import(sqlite_url, path, "--dry-run", "--json") == 0
    dry = json.loads(capsys.readouterr().out)
    assert dry["created"] == 3069 and dry["written"] is False
    assert _import(sqlite_url, path) == 0
    assert "created: 3069, updated: 0, skipped: 0, rejected: 0" in capsys.readouterr().out
    assert _import(sqlite_url, path, "--json") == 0
    again = json.loads(capsys.readouterr().out)
    assert (again["created"], again["updated"], again["skipped"]) == (0, 0, 3069)

    # A Kazakh name typed in capitals.
    assert main(["--db", sqlite_url, "universities", "list", "--search", "ӘЛ-ФАРАБИ АТЫНДАҒЫ", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert [u["ror_id"] for u in found] == ["03q0vrn42"]
    assert {"value": "Әл-Фараби атындағы Қазақ ұлттық университеті", "lang": "kk"} in found[0]["names"]
    assert {"id", "country", "ror_id", "status", "names"} <= set(found[0])
    # A Turkish name with İ, typed in lower case.
    assert main(["--db", sqlite_url, "universities", "list", "--search", "istanbul teknik", "--country", "TR",
                 "--json"]) == 0
    turkish = json.loads(capsys.readouterr().out)
    assert any(n["value"].startswith("İstanbul Teknik") for u in turkish for n in u["names"])
    assert main(["--db", sqlite_url, "universities", "list", "--country", "KZ", "--status", "candidate"]) == 0
    assert "Al-Farabi Kazakh National University" in capsys.readouterr().out

    out = tmp_path / "register.xlsx"
    assert main(["--db", sqlite_url, "universities", "export", "--format", "xlsx", "--out", str(out)]) == 0
    assert "3069" in capsys.readouterr().out.replace(",", "") and out.stat().st_size > 0


def test_malformed_csv_reports_line_and_writes_nothing(sqlite_url, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("name,country\nSatbayev University,KZ\nBroken University,KZ,extra\n", encoding="utf-8")
    assert _import(sqlite_url, path, "--format", "csv") == 1
    captured = capsys.readouterr()
    assert "line 3" in captured.err and "rejected: 1" in captured.out
    assert main(["--db", sqlite_url, "universities", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
