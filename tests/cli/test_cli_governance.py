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


def test_roadmap_add_and_update_keep_the_deadline_history(capsys, sqlite_url, tmp_path):
    code, out, err = run(capsys, "--db", sqlite_url, "roadmap", "add", "--title", "Evaluate the joint programmes",
                         "--year", "2027", "--quarters", "1-2", "--form", "Report to the Council",
                         "--responsible", "Working group")
    assert code == 0, err
    assert "6" in out
    code, _out, err = run(capsys, "--db", sqlite_url, "roadmap", "update", "6", "--year", "2028", "--quarters", "3")
    assert code == 0, err
    _code, out, _ = run(capsys, "--db", sqlite_url, "roadmap", "list", "--json")
    sixth = next(action for action in json.loads(out) if action["number"] == 6)
    assert sixth["title"] == "Evaluate the joint programmes" and sixth["deadline"] == "Q3 2028"
    assert [(c["from"], c["to"]) for c in sixth["deadline_history"]] == [("Q1–Q2 2027", "Q3 2028")]
    with pytest.raises(SystemExit):
        main(["--db", sqlite_url, "roadmap", "add", "--title", "Bad", "--year", "2027", "--quarters", "5"])
    assert "is not a quarter" in capsys.readouterr().err
    # The road-map report lists the new action.
    target = tmp_path / "roadmap.csv"
    code, _out, err = run(capsys, "--db", sqlite_url, "report", "roadmap-progress", "--format", "csv",
                          "--out", str(target))
    assert code == 0, err
    assert "Evaluate the joint programmes" in target.read_text(encoding="utf-8-sig")


def test_an_organisation_is_responsible_for_a_road_map_action(capsys, demo_url, tmp_path):
    """A ministry of the register is an actor of the road map: named by the command, listed, printed, and not
    deleted while the action names it."""
    _code, out, _ = run(capsys, "--db", demo_url, "organisations", "list", "--kind", "accreditation_agency", "--json")
    agency = json.loads(out)[0]["id"]
    code, out, err = run(capsys, "--db", demo_url, "roadmap", "add", "--title", "Audit the joint programmes",
                         "--year", "2027", "--quarters", "2", "--organisation", str(agency))
    assert code == 0, err
    _code, out, _ = run(capsys, "--db", demo_url, "roadmap", "list", "--json")
    added = next(action for action in json.loads(out) if action["title"] == "Audit the joint programmes")
    assert added["organisations"] == [{"id": agency, "name": "Independent Agency for Accreditation and Rating"}]
    target = tmp_path / "roadmap.csv"
    code, _out, err = run(capsys, "--db", demo_url, "report", "roadmap-progress", "--format", "csv",
                          "--out", str(target))
    assert code == 0 and "Independent Agency for Accreditation and Rating" in target.read_text(encoding="utf-8-sig")
    code, _out, err = run(capsys, "--db", demo_url, "roadmap", "update", str(added["number"]), "--organisation",
                          "999999")
    assert code != 0 and "no longer exists" in err  # refused, and the action keeps its agency
    _code, out, _ = run(capsys, "--db", demo_url, "roadmap", "list", "--json")
    again = next(action for action in json.loads(out) if action["title"] == "Audit the joint programmes")
    assert [o["id"] for o in again["organisations"]] == [agency]
    from desktop_app.domain.errors import ConflictError
    from desktop_app.services import organisations
    from desktop_app.storage.database import Database

    db = Database(demo_url)
    try:
        with pytest.raises(ConflictError):
            organisations.delete(db, agency)
    finally:
        db.close()
