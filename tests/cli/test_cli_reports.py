"""``report list`` and ``report KIND --lang LL --format … --out FILE`` through the real entry point."""

from __future__ import annotations

import csv
import subprocess

from desktop_app.cli import main
from desktop_app.exchange.demo import load_demo
from desktop_app.services.choices import universities as university_choices


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_report_list_shows_the_kinds_in_the_language(capsys, sqlite_url):
    code, out, _ = run(capsys, "--db", sqlite_url, "report", "list")
    assert code == 0
    for key in ("network-overview", "university-register", "university-dossier", "roadmap-progress"):
        assert key in out
    code, out, _ = run(capsys, "--db", sqlite_url, "--lang", "ru", "report", "list")
    assert "Реестр университетов" in out


def test_report_in_each_format(capsys, sqlite_url, sqlite_db, tmp_path):
    load_demo(sqlite_db)
    pdf = tmp_path / "overview.pdf"
    code, out, err = run(capsys, "--db", sqlite_url, "report", "network-overview", "--lang", "kk", "--format", "pdf",
                         "--out", str(pdf), "--state", "KZ", "--draft")
    assert code == 0, err
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Желіге шолу" in text and "Қазақстан" in text and "Жоба: таратуға арналмаған." in text
    sheet = tmp_path / "register.csv"
    code, _out, err = run(capsys, "--db", sqlite_url, "report", "university-register", "--lang", "ru",
                          "--format", "csv", "--out", str(sheet))
    assert code == 0, err
    with open(sheet, encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "Государство-член" or rows[0][0]  # header in the report's language
    assert len(rows) == 1 + len(university_choices(sqlite_db))
    code, _out, err = run(capsys, "--db", sqlite_url, "report", "roadmap-progress", "--format", "xlsx",
                          "--out", str(tmp_path / "roadmap.xlsx"))
    assert code == 0 and (tmp_path / "roadmap.xlsx").exists()


def test_dossier_needs_a_university_and_a_known_kind(capsys, sqlite_url, sqlite_db, tmp_path):
    load_demo(sqlite_db)
    code, _out, err = run(capsys, "--db", sqlite_url, "report", "university-dossier", "--out", str(tmp_path / "d.pdf"))
    assert code == 1 and "university" in err
    uid = university_choices(sqlite_db)[0].id
    code, _out, err = run(capsys, "--db", sqlite_url, "report", "university-dossier", "--university", str(uid),
                          "--lang", "fa", "--out", str(tmp_path / "d.pdf"), "--include-personal-data")
    assert code == 0, err
    code, _out, err = run(capsys, "--db", sqlite_url, "report", "no-such-report", "--out", str(tmp_path / "x.pdf"))
    assert code == 1 and "no-such-report" in err
    code, _out, err = run(capsys, "--db", sqlite_url, "report", "university-dossier", "--university", str(uid),
                          "--format", "csv", "--out", str(tmp_path / "d.csv"))
    assert code == 1 and "PDF" in err


def test_joint_calendar_and_yearly_reports_from_the_command_line(capsys, sqlite_url, sqlite_db, tmp_path):
    load_demo(sqlite_db)
    from desktop_app.services.curricula import list_programmes

    programme = list_programmes(sqlite_db)[0].id
    out_csv = tmp_path / "conflicts.csv"
    code, out, _ = run(capsys, "--db", sqlite_url, "report", "joint-calendar", "--programme", str(programme),
                       "--year", "2026", "--format", "csv", "--out", str(out_csv))
    assert code == 0 and str(out_csv) in out
    with open(out_csv, encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert {row[0] for row in rows[1:]} == {"2026/2027"} and len(rows) > 1
    code, _out, err = run(capsys, "--db", sqlite_url, "report", "joint-calendar", "--out", str(tmp_path / "x.pdf"))
    assert code != 0 and "programme" in err
    pdf = tmp_path / "events.pdf"
    code, _out, _err = run(capsys, "--db", sqlite_url, "report", "joint-events", "--year", "2025", "--lang", "zh",
                           "--out", str(pdf))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert code == 0 and "Summer school on water diplomacy" in " ".join(text.split())
    assert "renewable energy" not in text  # begun in 2026
    code, out, _ = run(capsys, "--db", sqlite_url, "report", "list")
    for key in ("agreement-register", "partnership-indicators", "curricula-catalogue", "joint-calendar",
                "recognition-statistics", "mobility-matrix", "joint-events"):
        assert key in out
