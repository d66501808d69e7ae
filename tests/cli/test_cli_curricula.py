"""curricula and calendars commands over the demonstration data, run through the real entry point."""

import json

import icalendar
import pytest

from desktop_app.cli import main


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo_url(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    assert run(capsys, "--db", url, "demo")[0] == 0
    return url


def test_list_and_show(capsys, demo_url):
    code, out, _ = run(capsys, "--db", demo_url, "curricula", "list", "--json")
    [programme] = json.loads(out)
    assert code == 0 and programme["programme_type"] == "double_degree" and programme["credits"] == 120
    assert (
        "Al-Farabi Kazakh National University" in programme["partners"]
        and "Tsinghua" in programme["partners"]
    )
    code, out, _ = run(capsys, "--db", demo_url, "curricula", "show", str(programme["id"]), "--json")
    data = json.loads(out)
    assert [s["number"] for s in data["semesters"]] == [1, 2, 3, 4]
    assert [s["university_id"] for s in data["semesters"]].count(data["partners"][0]["university_id"]) == 2
    assert data["validation"] == []  # national disciplines present, 30 ECTS a semester, inside teaching terms
    code, out, _ = run(capsys, "--db", demo_url, "curricula", "list")
    assert code == 0 and "KAZNU-THU-DS" in out
    code, out, _ = run(capsys, "--db", demo_url, "--lang", "ru", "curricula", "show", str(programme["id"]))
    assert code == 0 and "History of Kazakhstan" in out


def test_show_unknown_programme_is_one_line(capsys, demo_url):
    code, _out, err = run(capsys, "--db", demo_url, "curricula", "show", "999")
    assert code == 1 and err.count("\n") == 1 and "999" in err


def test_conflicts_listed(capsys, demo_url):
    code, out, _ = run(
        capsys,
        "--db",
        demo_url,
        "calendars",
        "conflicts",
        "--programme",
        "1",
        "--json",
        "--year",
        "2026/2027",
    )
    conflicts = json.loads(out)
    assert code == 0 and conflicts
    first = conflicts[0]
    assert (
        first["examining"] == "Al-Farabi Kazakh National University"
        and first["attending"] == "Tsinghua University"
    )
    assert (first["start"], first["end"]) == ("2026-12-21", "2027-01-03")
    code, out, _ = run(capsys, "--db", demo_url, "calendars", "conflicts", "--programme", "1")
    assert code == 0 and "Winter examination session" in out and "2027/2028" in out


def test_export_then_import(capsys, demo_url, tmp_path):
    out_file = tmp_path / "programme.ics"
    code, _, err = run(
        capsys,
        "--db",
        demo_url,
        "calendars",
        "export-ics",
        "--programme",
        "1",
        "--year",
        "2026/2027",
        "--out",
        str(out_file),
    )
    assert code == 0 and "19 events" in err
    events = list(icalendar.Calendar.from_ical(out_file.read_bytes()).walk("VEVENT"))
    assert len(events) == 19
    code, _, err = run(
        capsys,
        "--db",
        demo_url,
        "calendars",
        "export-ics",
        "--university",
        "1",
        "--year",
        "2026",
        "--out",
        str(out_file),
    )
    assert code == 1 and "2026/2027" in err  # the year format is explained
    code, out, _ = run(capsys, "--db", demo_url, "calendars", "import-ics", "2", str(out_file))
    assert code == 0 and "Periods added: 19;" in out
    code, _, err = run(
        capsys, "--db", demo_url, "calendars", "import-ics", "2", str(tmp_path / "missing.ics")
    )
    assert code == 1 and "missing.ics" in err


def test_calendars_listed_as_the_gui_pages_them(capsys, demo_url):
    code, out, _ = run(capsys, "--db", demo_url, "calendars", "list", "--year", "2026/2027", "--json")
    calendars = json.loads(out)
    assert code == 0 and [c["university"] for c in calendars] == ["Al-Farabi Kazakh National University",
                                                                  "Tsinghua University"]
    assert calendars[0]["periods"] == 10 and calendars[0]["first_day"] == "2026-08-26"
    code, out, _ = run(capsys, "--db", demo_url, "--lang", "ru", "calendars", "list", "--search", "tsinghua")
    assert code == 0 and "Китай" in out and "2027/2028" in out
