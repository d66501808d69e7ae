"""``demo --network``, ``network submissions``, ``network matches|confirm|reject`` and ``network report``
through the real entry point."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess

import pytest
from openpyxl import load_workbook

from desktop_app.cli import main
from desktop_app.domain.reference import MEMBER_CODES
from desktop_app.reports import registry

LANGUAGES = ("en", "ru", "kk", "fa", "zh")


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def network_file(sqlite_template, tmp_path_factory):
    """One database with ``demo --network`` loaded, copied for each test (building it takes seconds)."""
    folder = tmp_path_factory.mktemp("network")
    path = folder / "network.sqlite3"
    shutil.copyfile(sqlite_template, path)
    assert main(["--db", f"sqlite:///{path}", "demo", "--network"]) == 0
    return path


@pytest.fixture
def network_url(network_file, tmp_path):
    path = tmp_path / "network.sqlite3"
    shutil.copyfile(network_file, path)
    return f"sqlite:///{path}"


def test_submissions_as_json_name_every_member_state(capsys, network_url):
    code, out, err = run(capsys, "--db", network_url, "network", "submissions", "--json")
    assert code == 0, err
    rows = {row["state"]: row for row in json.loads(out)}
    assert set(rows) == set(MEMBER_CODES)
    assert rows["MN"]["status"] == "late" and rows["TJ"]["status"] == "missing" and rows["TJ"]["received"] is None
    assert rows["CN"]["status"] == "current" and rows["CN"]["received"] and rows["CN"]["signer_fingerprint"]
    assert sum(1 for row in rows.values() if row["status"] != "missing") == 12
    code, out, _ = run(capsys, "--db", network_url, "--lang", "ru", "network", "submissions")
    assert code == 0 and "Монголия" in out and "Нет пакета" in out


def test_matches_confirmed_from_the_command_line(capsys, network_url):
    code, out, _ = run(capsys, "--db", network_url, "network", "matches", "--json")
    waiting = json.loads(out)
    assert code == 0 and len(waiting) == 2 and {m["state"] for m in waiting} == {"UZ", "MN"}
    first = waiting[0]["id"]
    code, out, err = run(capsys, "--db", network_url, "network", "confirm", str(first))
    assert code == 0, err
    code, out, err = run(capsys, "--db", network_url, "network", "confirm", str(first))
    assert code == 1 and "already decided" in err
    code, out, _ = run(capsys, "--db", network_url, "network", "matches", "--json")
    assert [m["id"] for m in json.loads(out)] == [waiting[1]["id"]]


def test_register_csv_one_row_per_institution_with_its_states(capsys, network_url, tmp_path):
    out_file = tmp_path / "register.csv"
    code, out, err = run(capsys, "--db", network_url, "network", "report", "network-register", "--format", "csv",
                         "--out", str(out_file), "--states", "KZ,CN,UZ")
    assert code == 0, err
    with open(out_file, encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    header = rows[1]
    ror, held = header.index("ROR ID"), header.index("Held by")
    tsinghua = [row for row in rows if len(row) > ror and row[ror] == "03cve4549"]
    assert len(tsinghua) == 1 and tsinghua[0][held] == "CN, KZ, UZ"
    assert all(set(row[held].split(", ")) <= {"KZ", "CN", "UZ"} for row in rows[2:] if len(row) > held and row[ror])


def test_bad_choices_are_refused_in_one_sentence(capsys, network_url, tmp_path):
    code, _out, err = run(capsys, "--db", network_url, "network", "report", "university-register", "--out",
                          str(tmp_path / "x.pdf"))
    assert code == 1 and "network-register" in err and "Traceback" not in err
    code, _out, err = run(capsys, "--db", network_url, "network", "report", "network-register", "--area", "nowhere",
                          "--out", str(tmp_path / "x.pdf"))
    assert code == 1 and "area of cooperation" in err
    with pytest.raises(SystemExit):
        main(["--db", network_url, "network", "report", "network-register", "--states", "KZ,XX"])
    assert not (tmp_path / "x.pdf").exists()


def test_report_list_shows_the_network_kinds(capsys, network_url):
    code, out, _ = run(capsys, "--db", network_url, "network", "report", "list")
    assert code == 0
    for kind in ("network-register", "network-mobility", "network-recognition", "network-curricula",
                 "network-calendar", "network-roadmap", "network-dashboard"):
        assert kind in out


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_network_report_builds_in_every_format_and_holds_no_names(capsys, network_url, tmp_path, lang):
    from sqlalchemy import select

    from desktop_app.storage.database import Database
    from desktop_app.storage.models import MobilityRecord, RecognitionCase

    db = Database(network_url)
    try:
        with db.reading() as session:
            names = set(session.execute(select(RecognitionCase.holder_name)).scalars())
            names |= set(session.execute(select(MobilityRecord.person_name)).scalars())
    finally:
        db.close()
    names.discard("")
    assert names, "the demonstration's packages carry personal data (China, Kazakhstan, Uzbekistan)"
    for kind in registry.network_kinds():
        for fmt in kind.formats:
            out_file = tmp_path / f"{kind.key}.{fmt}"
            code, _out, err = run(capsys, "--db", network_url, "network", "report", kind.key, "--lang", lang,
                                  "--format", fmt, "--out", str(out_file))
            assert code == 0, f"{kind.key} {fmt} {lang}: {err}"
            if fmt == "csv":
                text = out_file.read_text(encoding="utf-8-sig")
            elif fmt == "xlsx":
                book = load_workbook(out_file, read_only=True)
                text = "\n".join(str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
                                 for cell in row if cell is not None)
                book.close()
            else:
                text = subprocess.run(["pdftotext", str(out_file), "-"], capture_output=True, text=True,
                                      check=True).stdout
            leaked = [name for name in names if name in text]
            assert not leaked, f"{kind.key} {fmt} {lang} names {leaked[:3]}"
