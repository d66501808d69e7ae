"""The recognition command line over the demonstration data."""

import csv
import json
from collections import Counter

import pytest

from desktop_app.cli import main


@pytest.fixture
def demo_url(sqlite_url):
    assert main(["--db", sqlite_url, "demo"]) == 0
    return sqlite_url


def _json(capsys, *argv):
    capsys.readouterr()
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def _holders(url):
    from desktop_app.storage.database import Database
    from desktop_app.storage.models import RecognitionCase

    db = Database(url)
    with db.reading() as session:
        rows = session.query(RecognitionCase.holder_name, RecognitionCase.holder_birth_date).all()
    db.close()
    return rows


def test_stats_agree_with_counts_made_from_the_case_list(demo_url, capsys):
    listed = _json(capsys, "--db", demo_url, "recognition", "cases", "list", "--json")
    stats = _json(capsys, "--db", demo_url, "recognition", "stats", "--json")
    assert stats["total"] == len(listed) == 300
    assert stats["by_status"] == {status: Counter(r["status"] for r in listed)[status] for status in stats["by_status"]}
    pairs = Counter((r["issuing_country"], r["recognising_country"], int(r["received_on"][:4])) for r in listed)
    assert {(r["from"], r["to"], r["year"]): r["cases"] for r in stats["by_country_pair_and_year"]} == dict(pairs)
    outcomes = Counter(r["outcome"] for r in listed if r["outcome"])
    assert {r["outcome"]: r["cases"] for r in stats["outcomes"]} == dict(outcomes)
    appealed = [r for r in listed if r["appeal_lodged"]]
    assert stats["appeals"]["lodged"] == len(appealed)
    assert stats["appeals"]["rejected"] == sum(r["appeal_result"] == "rejected" for r in appealed)
    days = sorted(r["decision_days"] for r in listed if r["decision_days"] is not None)
    middle = len(days) // 2
    median = days[middle] if len(days) % 2 else (days[middle - 1] + days[middle]) / 2
    assert stats["median_days_to_decision"] == median

    year = _json(capsys, "--db", demo_url, "recognition", "stats", "--year", "2024", "--json")
    assert year["total"] == sum(1 for r in listed if r["received_on"].startswith("2024"))
    pair = _json(capsys, "--db", demo_url, "recognition", "cases", "list", "--countries", "KZ:TR", "--json")
    assert len(pair) == sum(pairs[k] for k in pairs if k[:2] == ("KZ", "TR"))
    closed = _json(capsys, "--db", demo_url, "recognition", "cases", "list", "--status", "closed", "--json")
    assert len(closed) == stats["by_status"]["closed"]


def test_outputs_without_personal_data_hold_no_name_or_birth_date(demo_url, capsys, tmp_path):
    holders = _holders(demo_url)
    export = tmp_path / "cases.csv"
    assert main(["--db", demo_url, "recognition", "cases", "export", str(export)]) == 0
    capsys.readouterr()
    for argv in (["recognition", "stats", "--json"], ["recognition", "stats"],
                 ["recognition", "cases", "list", "--json"], ["recognition", "cases", "list"]):
        assert main(["--db", demo_url, *argv]) == 0
    printed = capsys.readouterr().out + export.read_text(encoding="utf-8-sig")
    xlsx = tmp_path / "cases.xlsx"
    assert main(["--db", demo_url, "recognition", "cases", "export", str(xlsx)]) == 0
    from openpyxl import load_workbook

    printed += "\n".join(str(cell) for row in load_workbook(xlsx).active.iter_rows(values_only=True) for cell in row)
    for name, birth in holders:
        assert name not in printed
        assert birth.isoformat() not in printed
    assert "holder_name" not in export.read_text(encoding="utf-8-sig")

    with_personal = tmp_path / "personal.csv"
    assert main(["--db", demo_url, "recognition", "cases", "export", str(with_personal), "--include-personal"]) == 0
    assert holders[0][0] in with_personal.read_text(encoding="utf-8-sig")
    from desktop_app.services.recognition_cases import recent_events
    from desktop_app.storage.database import Database

    db = Database(demo_url)
    events = [e.new_value for e in recent_events(db) if e.action == "export"]
    db.close()
    assert events[0].startswith("included") and any(e.startswith("left out") for e in events[1:])


def test_import_checks_every_row_and_dry_run_writes_nothing(sqlite_url, capsys, tmp_path):
    source = tmp_path / "cases.csv"
    with source.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["reference", "holder_name", "issuing_country", "recognising_country",
                         "qualification_title", "received_on", "credits"])
        writer.writerow(["IMP-1", "Demo Person", "KZ", "TR", "Бакалавр", "2025-02-01", "240"])
        writer.writerow(["IMP-2", "Sample Holder", "KZ", "TR", "Магистр", "2025-13-01", "120"])
        writer.writerow(["IMP-1", "", "Kazakhstan", "TR", "Магистр", "2025-03-01", "many"])
    assert main(["--db", sqlite_url, "recognition", "cases", "import", str(source), "--dry-run"]) == 1
    err = capsys.readouterr().err
    assert "line 3, received_on" in err
    assert "line 4, credits" in err and "line 4, holder_name" in err and "line 4, issuing_country" in err
    assert "line 4, reference" in err
    assert _json(capsys, "--db", sqlite_url, "recognition", "cases", "list", "--json") == []

    good = tmp_path / "good.csv"
    good.write_text(source.read_text(encoding="utf-8").splitlines()[0] + "\n" +
                    source.read_text(encoding="utf-8").splitlines()[1] + "\n", encoding="utf-8")
    assert main(["--db", sqlite_url, "recognition", "cases", "import", str(good), "--dry-run"]) == 0
    assert _json(capsys, "--db", sqlite_url, "recognition", "cases", "list", "--json") == []
    assert main(["--db", sqlite_url, "recognition", "cases", "import", str(good)]) == 0
    [row] = _json(capsys, "--db", sqlite_url, "recognition", "cases", "list", "--json")
    assert row["reference"] == "IMP-1" and row["holder_name"] != "Demo Person"


def test_rules_list_and_bad_input(demo_url, capsys):
    rules = _json(capsys, "--db", demo_url, "recognition", "rules", "list", "--json")
    assert len(rules) == 15 and {"from_country", "to_country", "legal_basis", "recognised_as"} <= set(rules[0])
    assert main(["--db", demo_url, "recognition", "cases", "list", "--countries", "KZTR"]) == 1
    assert main(["--db", demo_url, "recognition", "cases", "list", "--status", "lost"]) == 1
    assert "error:" in capsys.readouterr().err
    assert main(["--db", demo_url, "recognition", "pseudonymise", "--older-than-years", "0"]) == 0


def test_import_reads_through_a_column_mapping_and_leaves_out_rejected_rows_only_when_asked(sqlite_url, capsys,
                                                                                          tmp_path):
    source = tmp_path / "register.csv"
    source.write_text("Case no.,Name,From,To,Title,Received\n"
                      "MAP-1,Demo Person,KZ,TR,Бакалавр,2025-02-01\n"
                      "MAP-2,Sample Holder,KZ,TR,Магистр,someday\n", encoding="utf-8")
    columns = ["--column", "reference=Case no.", "--column", "holder_name=Name", "--column", "issuing_country=From",
               "--column", "recognising_country=To", "--column", "qualification_title=Title",
               "--column", "received_on=Received"]
    assert main(["--db", sqlite_url, "recognition", "cases", "import", str(source), *columns]) == 1
    assert "line 3, received_on" in capsys.readouterr().err
    assert _json(capsys, "--db", sqlite_url, "recognition", "cases", "list", "--json") == []  # nothing written
    assert main(["--db", sqlite_url, "recognition", "cases", "import", str(source), *columns, "--skip-invalid"]) == 0
    [row] = _json(capsys, "--db", sqlite_url, "recognition", "cases", "list", "--json")
    assert (row["reference"], row["qualification_title"]) == ("MAP-1", "Бакалавр")
    assert main(["--db", sqlite_url, "recognition", "cases", "import", str(source), "--column", "holder=Name"]) == 1
    assert "--column wants FIELD=HEADER" in capsys.readouterr().err


def test_overdue_cases_follow_the_preference_the_gui_set(sqlite_url, capsys, user_home, tmp_path):
    """The horizon is the user's preference (the same file the GUI writes), unless the command says otherwise."""
    import datetime as dt

    from desktop_app import paths

    source = tmp_path / "cases.csv"
    received = [dt.date.today() - dt.timedelta(days=days) for days in (5, 60, 200)]
    lines = [f"D-{n},Demo Person,KZ,TR,Бакалавр,{day.isoformat()}\n" for n, day in enumerate(received)]
    source.write_text("reference,holder_name,issuing_country,recognising_country,qualification_title,received_on\n"
                      + "".join(lines), encoding="utf-8")
    assert main(["--db", sqlite_url, "recognition", "cases", "import", str(source)]) == 0

    def overdue(*extra):
        rows = _json(capsys, "--db", sqlite_url, "recognition", "cases", "list", "--overdue", "--json", *extra)
        return sorted(row["reference"] for row in rows)

    assert overdue() == ["D-2"]  # the default horizon, as declared in domain/preferences.py
    ini = paths.user_config_dir() / "preferences.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    ini.write_text("[recognition]\noverdue_days=30\n", encoding="utf-8")
    assert overdue() == ["D-1", "D-2"]
    assert overdue("--overdue-days", "3") == ["D-0", "D-1", "D-2"]
