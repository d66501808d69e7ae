"""The life cycle, learning agreements, transcripts and scholarships on the command line, over the demo data:
the same services, the same results as the Mobility page."""

import datetime as dt
import json

import pytest

from desktop_app.cli import main
from desktop_app.exchange import ewp_ola
from desktop_app.exchange.input_gate import parse_xml
from desktop_app.services import learning_agreements, scholarships
from desktop_app.storage.database import Database


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_url(sqlite_url, capsys):
    code, _out, err = run(capsys, "--db", sqlite_url, "demo")
    assert code == 0, err
    return sqlite_url


def test_nominate_accept_and_refuse_a_step_out_of_order(capsys, demo_url):
    # Starting a year from now, whatever the clock says: no signature is due yet, only the format is wrong.
    start = dt.date.today() + dt.timedelta(days=365)
    code, out, err = run(capsys, "--db", demo_url, "mobility", "nominate", "--from", "1", "--to", "2", "--start",
                         start.isoformat(), "--end", (start + dt.timedelta(days=9)).isoformat(),
                         "--format", "short_term", "--on", (dt.date.today() - dt.timedelta(days=30)).isoformat())
    assert code == 0, err
    mobility_id = int(out.split()[1])
    code, out, err = run(capsys, "--db", demo_url, "mobility", "start", str(mobility_id))
    assert code == 1 and "cannot become" in err
    accepted_on = (dt.date.today() - dt.timedelta(days=26)).isoformat()
    assert run(capsys, "--db", demo_url, "mobility", "accept", str(mobility_id), "--on", accepted_on)[0] == 0
    code, out, _ = run(capsys, "--db", demo_url, "mobility", "history", str(mobility_id), "--json")
    history = json.loads(out)
    assert [s["status"] for s in history["steps"]] == ["nominated", "accepted"]
    assert [w["key"] for w in history["warnings"]] == ["format"]  # ten days of short-term training
    with pytest.raises(SystemExit) as usage:
        run(capsys, "--db", demo_url, "mobility", "accept", "x")
    assert usage.value.code == 2


def test_la_list_json_and_the_unsigned_filter_match_the_service(capsys, demo_url):
    code, out, _ = run(capsys, "--db", demo_url, "mobility", "la", "list", "--json")
    rows = json.loads(out)
    assert code == 0 and {"id", "mobility_id", "status", "signed"} <= set(rows[0])
    db = Database(demo_url)
    try:
        expected = [r.id for r in learning_agreements.iterate(db, learning_agreements.AgreementQuery(True))]
    finally:
        db.close()
    _code, out, _ = run(capsys, "--db", demo_url, "mobility", "la", "list", "--unsigned", "--json")
    assert [r["id"] for r in json.loads(out)] == expected and expected
    assert all(not r["signed"] for r in json.loads(out))


def test_la_export_validates_and_import_gives_it_back(capsys, demo_url, tmp_path):
    target = tmp_path / "la.xml"
    code, out, err = run(capsys, "--db", demo_url, "mobility", "la", "export-ewp", "3", "--out", str(target))
    assert code == 0, err
    assert ewp_ola.validation_errors(parse_xml(target.read_bytes(), "la.xml")) == []
    assert "Kassymova" not in target.read_text("utf-8")
    code, out, err = run(capsys, "--db", demo_url, "mobility", "la", "import-ewp", str(target))
    assert code == 0 and "1 learning agreement recorded" in out
    code, _out, err = run(capsys, "--db", demo_url, "mobility", "la", "import-ewp", str(tmp_path / "none.xml"))
    assert code == 1 and "none.xml" in err


def test_transcript_import_and_show_masks_grades(capsys, demo_url, tmp_path):
    db = Database(demo_url)
    try:
        mobility_id = learning_agreements.mobility_of(db, 3)
    finally:
        db.close()
    source = tmp_path / "tor.csv"
    source.write_text("code;title;credits;grade\nTHU 80240;Machine learning;6;A\nTHU 80270;Cloud computing;5;B+\n",
                      "utf-8")
    code, out, err = run(capsys, "--db", demo_url, "mobility", "transcript", "import", str(source), "--mobility",
                         str(mobility_id), "--received", "2027-01-10")
    assert code == 0 and "2 transcript lines" in out, err
    _code, out, _ = run(capsys, "--db", demo_url, "mobility", "transcript", "show", str(mobility_id), "--json")
    shown = json.loads(out)
    assert [e["grade"] for e in shown["entries"]] == ["•••", "•••"] and shown["received_on"] == "2027-01-10"
    _code, out, _ = run(capsys, "--db", demo_url, "mobility", "transcript", "show", str(mobility_id),
                        "--include-personal", "--json")
    assert [e["grade"] for e in json.loads(out)["entries"]] == ["A", "B+"]


def test_scholarships_list_and_report_in_their_own_currency(capsys, demo_url):
    code, out, _ = run(capsys, "--db", demo_url, "scholarships", "list", "--json")
    rows = {row["currency"]: row for row in json.loads(out)}
    assert code == 0 and set(rows) == {"KZT", "CNY"}
    assert rows["KZT"]["remaining"] == rows["KZT"]["budget"] - rows["KZT"]["committed"]
    _code, out, _ = run(capsys, "--db", demo_url, "scholarships", "report", "--year", "2026", "--json")
    lines = {line["currency"]: line for line in json.loads(out)}
    assert lines["KZT"]["committed"] * 2 == lines["KZT"]["budget"]  # half committed
    db = Database(demo_url)
    try:
        assert [line.as_json() for line in scholarships.budget_lines(db, 2026)] == json.loads(out)
    finally:
        db.close()
