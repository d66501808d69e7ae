"""``mobility``, ``events`` and ``roadmap`` on the command line give what the pages show: the same
filters, the same masking, the same services."""

import json

import pytest

from desktop_app.cli import main
from desktop_app.services import mobility, roadmap, working_group
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


def test_mobility_list_filters_as_the_page_does(capsys, demo_url):
    db = Database(demo_url)
    try:
        expected = [row.id for row in mobility.iterate(db, mobility.MobilityQuery(year=2025, person_kind="student"))]
    finally:
        db.close()
    code, out, _ = run(capsys, "--db", demo_url, "mobility", "list", "--year", "2025", "--person-kind", "student",
                       "--json")
    assert code == 0 and [r["id"] for r in json.loads(out)] == expected and expected
    _code, out, _ = run(capsys, "--db", demo_url, "mobility", "list", "--search", "aigerim", "--json")
    [found] = json.loads(out)
    assert "person_name" not in found and found["format"] == "semester"
    _code, out, _ = run(capsys, "--db", demo_url, "mobility", "list", "--search", "aigerim", "--include-personal")
    assert "Aigerim Sadykova" in out and "Семестрлік" not in out


def test_events_list_by_kind_and_search(capsys, demo_url):
    code, out, _ = run(capsys, "--db", demo_url, "events", "list", "--kind", "summer_school", "--json")
    [school] = json.loads(out)
    assert code == 0 and school["title"] == "Summer school on water diplomacy" and len(school["partners"]) == 2
    _code, out, _ = run(capsys, "--db", demo_url, "events", "list", "--search", "rectors")
    assert "Forum of Rectors" in out and "Summer school" not in out


def test_roadmap_status_from_the_command_line_and_the_overdue_list(capsys, demo_url):
    code, out, _ = run(capsys, "--db", demo_url, "roadmap", "list", "--overdue", "--json")
    overdue = [a["number"] for a in json.loads(out)]
    assert code == 0 and 5 in overdue
    code, out, _ = run(capsys, "--db", demo_url, "--lang", "ru", "roadmap", "set-status", "5", "done",
                       "--notes", "Launched in Astana")
    assert code == 0 and out.strip() == "Мероприятие 5: Выполнено"
    db = Database(demo_url)
    try:
        fifth = next(a for a in roadmap.iterate(db) if a.number == 5)
        assert (fifth.status, fifth.notes, fifth.overdue) == ("done", "Launched in Astana", False)
    finally:
        db.close()
    _code, out, _ = run(capsys, "--db", demo_url, "roadmap", "list", "--overdue", "--json")
    assert 5 not in [a["number"] for a in json.loads(out)]
    code, _out, err = run(capsys, "--db", demo_url, "roadmap", "set-status", "9", "done")
    assert code == 1 and "no action number 9" in err


def test_members_and_meetings(capsys, demo_url):
    code, out, _ = run(capsys, "--db", demo_url, "roadmap", "members", "--json")
    members = json.loads(out)
    assert code == 0 and {m["name"] for m in members} == {"A. N.", "W. F.", "M. K."}
    assert {m["email"] for m in members} == {"•••"}
    _code, out, _ = run(capsys, "--db", demo_url, "roadmap", "members", "--country", "kz", "--include-personal")
    assert "Asel Nurpeisova" in out and "Wang Fang" not in out
    db = Database(demo_url)
    try:
        assert working_group.count(db) == 3
    finally:
        db.close()
    _code, out, _ = run(capsys, "--db", demo_url, "roadmap", "meetings", "--json")
    experts, council = sorted(json.loads(out), key=lambda m: m["held_on"])
    meeting = experts
    assert meeting["action_number"] == 2 and meeting["held_on"] == "2023-06-27"
    assert council["body_id"] is not None and council["attending_states"] == ["KZ", "UZ", "TJ", "KG", "CN"]
    assert council["agenda"].startswith("1. The evaluation of joint programmes")
