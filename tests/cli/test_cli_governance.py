"""``organisations``, ``bodies`` and ``decisions`` on the command line give what the services give the
pages: the demo's agency, the council with its rotating chair, the overdue recommendation first."""

import datetime as dt
import json

import pytest

from desktop_app.cli import main


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_url(sqlite_url, capsys):
    code, _out, err = run(capsys, "--db", sqlite_url, "demo")
    assert code == 0, err
    return sqlite_url


def test_organisations_list(capsys, demo_url):
    code, out, _ = run(capsys, "--db", demo_url, "organisations", "list", "--standing", "eqar_registered", "--json")
    [agency] = json.loads(out)
    assert code == 0 and agency["kind"] == "accreditation_agency" and agency["country"] == "KZ"
    assert {"lang": "en", "value": "Independent Agency for Accreditation and Rating"} in agency["names"]
    _code, out, _ = run(capsys, "--db", demo_url, "organisations", "list", "--kind", "international_body", "--json")
    assert all(row["country"] is None for row in json.loads(out) if row["acronym"] == "CICA")


def test_bodies_list_shows_the_rotation(capsys, demo_url):
    code, out, _ = run(capsys, "--db", demo_url, "bodies", "list", "--kind", "council", "--json")
    [council] = json.loads(out)
    year = dt.date.today().year
    chairs = {line["year"]: line["country"] for line in council["chairmanship"] if line["role"] == "chair"}
    assert code == 0 and chairs == {year - 2: "KZ", year - 1: "UZ", year: "TJ", year + 1: "KG"}
    assert [line["country"] for line in council["chairmanship"] if line["role"] == "permanent_co_chair"] == ["KZ", "CN"]
    _code, out, _ = run(capsys, "--db", demo_url, "bodies", "list")
    assert "International Council of the Partnership Network" in out and "Tajikistan" in out


def test_decisions_overdue_and_follow_up(capsys, demo_url):
    code, out, _ = run(capsys, "--db", demo_url, "decisions", "list", "--json")
    listed = json.loads(out)
    assert code == 0 and len(listed) == 2
    for decision in listed:
        assert {"id", "body", "adopted", "actions"} <= set(decision)
        assert all({"deadline", "status"} <= set(action) for action in decision["actions"])
    _code, out, _ = run(capsys, "--db", demo_url, "decisions", "list", "--overdue", "--json")
    [overdue] = json.loads(out)
    assert overdue["kind"] == "recommendation" and overdue["body"]["name"].startswith("International Council")
    _code, out, _ = run(capsys, "--db", demo_url, "decisions", "follow-up", "--json")
    actions = json.loads(out)
    assert actions[0]["overdue"] and actions[0]["description"].startswith("Agree the evaluation procedure")
    assert all(action["status"] in ("open", "in_progress") for action in actions) and len(actions) == 3
    _code, out, _ = run(capsys, "--db", demo_url, "decisions", "follow-up")
    first = out.splitlines()[1]
    assert "overdue" in first and "Independent Agency for Accreditation and Rating" in first
