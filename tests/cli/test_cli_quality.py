"""Quality commands over the demonstration data, through the real entry point: the listings as JSON, and a
survey tool's export with its own column layout mapped, imported, remembered, and reported without any
respondent's identity."""

from __future__ import annotations

import json

import pytest

from desktop_app.cli import main
from desktop_app.reports import registry
from desktop_app.reports.model import ReportOptions
from desktop_app.services import surveys
from desktop_app.storage.database import Database
from tests.reports.test_report_outputs import pdf_text


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_url(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    assert run(capsys, "--db", url, "demo")[0] == 0
    return url


def test_listings_as_json(capsys, demo_url):
    code, out, _ = run(capsys, "--db", demo_url, "evaluations", "list", "--overdue", "--json")
    [evaluation] = json.loads(out)
    assert code == 0 and evaluation["overdue_recommendations"] == 1 and evaluation["reviewer"] == "expert_panel"
    code, out, _ = run(capsys, "--db", demo_url, "accreditations", "list", "--expiring", "--json")
    [expiring] = json.loads(out)
    assert expiring["label"] == "eur_ace" and expiring["expiring"] and 0 < expiring["days_left"] <= 90
    code, out, _ = run(capsys, "--db", demo_url, "accreditations", "list", "--json")
    assert len(json.loads(out)) == 2  # and the national one, pending
    code, out, _ = run(capsys, "--db", demo_url, "indicators", "list", "--json")
    years = json.loads(out)
    assert len(years) == 2 and {line["indicator"] for line in years[0]["indicators"]} >= {"applicants", "dropout"}
    code, out, _ = run(capsys, "--db", demo_url, "surveys", "list", "--json")
    rates = {s["title"]: s["response_rate"] for s in json.loads(out)}
    assert rates["Student feedback on the double-degree programme"] == pytest.approx(17 / 24)
    code, out, _ = run(capsys, "--db", demo_url, "staff-development", "list", "--json")
    assert {p["topic"] for p in json.loads(out)} >= {"ai", "big_data", "virtual_reality"}
    code, out, _ = run(capsys, "--db", demo_url, "--lang", "ru", "staff-development", "list")
    assert code == 0 and "Big data analytics for researchers" in out


def _employer_survey(url: str) -> tuple[int, list]:
    db = Database(url)
    try:
        row = next(r for r in surveys.iterate(db) if r.audience == "employers")
        return row.id, surveys.get(db, row.id).draft.questions
    finally:
        db.close()


def test_survey_export_with_its_own_layout_is_mapped_imported_and_remembered(capsys, demo_url, tmp_path):
    survey_id, questions = _employer_survey(demo_url)
    export = tmp_path / "forms-export.csv"
    # A tool's own layout: a timestamp, the respondent's e-mail and name, questions in another order, the
    # last question's header cut short and one under a header nobody could guess.
    export.write_text(
        "Timestamp,Email Address,Your name,Graduates work well in international teams.,Overall (hire again),"
        "Graduates have the data-analysis skills,Which skills should the programme strengthen?\n"
        "2026-05-01 10:00,anna@example.org,Anna Respondent,4,5,5,Negotiation with clients\n"
        "2026-05-02 11:00,boris@example.org,Boris Respondent,2,3,4,\n"
        "2026-05-03 12:00,carl@example.org,Carl Respondent,5,5,5,Write to me at carl@example.org\n",
        encoding="utf-8")
    code, out, err = run(capsys, "--db", demo_url, "surveys", "import", str(export), "--survey", str(survey_id),
                         "--dry-run")
    assert code == 0 and "3 responses would be imported" in out
    assert "Email Address" in out and "Your name" in out  # listed as left out
    code, out, err = run(capsys, "--db", demo_url, "surveys", "import", str(export), "--survey", str(survey_id),
                         "--map", "3=Overall (hire again)")
    assert code == 0 and "3 responses imported" in out, err

    code, out, _ = run(capsys, "--db", demo_url, "surveys", "list", "--json")
    employer = next(s for s in json.loads(out) if s["id"] == survey_id)
    assert employer["responses"] == 3 and employer["response_rate"] == pytest.approx(3 / 8)

    # The mapping is remembered: the next export of the same layout needs no --map.
    code, out, _ = run(capsys, "--db", demo_url, "surveys", "import", str(export), "--survey", str(survey_id),
                       "--dry-run")
    assert "Overall (hire again)" in out and "3 responses would be imported" in out

    db = Database(demo_url)
    try:
        text = " ".join(pdf_text(registry.build_report(
            db, "programme-quality", "pdf", tmp_path / "quality.pdf", ReportOptions(lang="en"))).split())
    finally:
        db.close()
    assert "Respondent" not in text and "@" not in text and "anna" not in text
    assert "Negotiation with clients" in text
    assert "38%" in text  # 3 of 8 employers invited


def test_survey_import_refuses_bad_rows_and_leaves_the_survey_as_it_was(capsys, demo_url, tmp_path):
    survey_id, questions = _employer_survey(demo_url)
    export = tmp_path / "bad.csv"
    export.write_text("Q1,Q2,Q3\n5,4,3\n7,4,3\n", encoding="utf-8")
    code, out, err = run(capsys, "--db", demo_url, "surveys", "import", str(export), "--survey", str(survey_id))
    assert code != 0 and "line 3" in err and "“7”" in err and "nothing was imported" in err
    code, out, _ = run(capsys, "--db", demo_url, "surveys", "list", "--json")
    assert next(s for s in json.loads(out) if s["id"] == survey_id)["responses"] == 5  # the demo's, untouched
    code, out, err = run(capsys, "--db", demo_url, "surveys", "import", str(export), "--survey", str(survey_id),
                         "--skip-invalid")
    assert code == 0 and "1 response imported" in out
    code, _out, err = run(capsys, "--db", demo_url, "surveys", "import", str(export), "--survey", str(survey_id),
                          "--map", "9=Q1")
    assert code != 0 and "no question 9" in err
