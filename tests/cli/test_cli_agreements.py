"""``agreements``, ``mobility``, ``events`` and ``roadmap`` commands over the demonstration data."""

import datetime as dt
import json
from collections import Counter

import pytest

from desktop_app.cli import main
from desktop_app.domain.reference import ROADMAP_ACTIONS


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


#: The commands below run on this day, whatever the clock says: the demonstration is loaded on it, and
#: "expiring within 90 days" counts from it (a demonstration loaded in 2029 would see its 2028 end dates pass).
DEMO_DAY = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)


@pytest.fixture
def demo_url(sqlite_url, capsys, time_machine):
    time_machine.move_to(DEMO_DAY)  # for the rest of the test
    code, _out, err = run(capsys, "--db", sqlite_url, "demo")
    assert code == 0, err
    return sqlite_url


def test_roadmap_list_holds_the_five_concept_paper_actions(capsys, demo_url):
    code, out, _ = run(capsys, "--db", demo_url, "roadmap", "list", "--json")
    assert code == 0
    actions = json.loads(out)
    assert [a["number"] for a in actions] == [1, 2, 3, 4, 5]
    for action, reference in zip(actions, ROADMAP_ACTIONS, strict=True):
        assert action["title_en"] == reference.title
        assert action["form_of_completion_en"] == reference.form_of_completion
        assert (action["deadline_year"], action["deadline_quarter_from"], action["deadline_quarter_to"]) == (
            reference.deadline_year, reference.deadline_quarter_from, reference.deadline_quarter_to)
    assert actions[4]["overdue"] is True and actions[0]["overdue"] is False


def test_mobility_matrix_agrees_with_a_count_of_the_mobility_list(capsys, demo_url):
    code, out, _ = run(capsys, "--db", demo_url, "mobility", "list", "--json")
    assert code == 0
    records = json.loads(out)
    assert records and all("person_name" not in r and "person_email" not in r for r in records)
    expected = Counter((int(r["start_date"][:4]), r["sending_country"], r["receiving_country"]) for r in records)
    code, out, _ = run(capsys, "--db", demo_url, "mobility", "matrix", "--json")
    assert code == 0
    matrix = json.loads(out)
    assert {(c["year"], c["from"], c["to"]): c["count"] for c in matrix["cells"]} == dict(expected)
    code, out, _ = run(capsys, "--db", demo_url, "mobility", "matrix", "--year", "2025", "--json")
    assert {(c["from"], c["to"]): c["count"] for c in json.loads(out)["cells"]} == {
        (s, r): n for (y, s, r), n in expected.items() if y == 2025}


def test_personal_data_only_when_asked_for(capsys, demo_url):
    _code, out, _ = run(capsys, "--db", demo_url, "mobility", "list", "--include-personal", "--json")
    assert "Aigerim Sadykova" in {r["person_name"] for r in json.loads(out)}
    _code, out, _ = run(capsys, "--db", demo_url, "mobility", "list")
    assert "Aigerim" not in out


def test_agreements_expiring_events_and_ewp_round_trip(capsys, demo_url, tmp_path):
    code, out, _ = run(capsys, "--db", demo_url, "agreements", "list", "--json")
    everything = json.loads(out)
    kinds = Counter(a["kind"] for a in everything)
    assert kinds["network_memorandum"] == 1 and kinds["strategic"] == 1
    code, out, _ = run(capsys, "--db", demo_url, "agreements", "list", "--expiring-within", "90", "--json")
    expiring = json.loads(out)
    assert [a["reference"] for a in expiring] == ["NU-SNU-2022"]
    code, out, _ = run(capsys, "--db", demo_url, "events", "list", "--json")
    assert {e["kind"] for e in json.loads(out)} == {"conference", "summer_school", "research_project"}

    target = tmp_path / "iia.xml"
    code, out, err = run(capsys, "--db", demo_url, "agreements", "export-ewp", str(expiring[0]["id"]),
                         "--out", str(target))
    assert code == 0, err
    code, out, _ = run(capsys, "--db", demo_url, "agreements", "import-ewp", str(target))
    assert code == 0 and "already recorded" in out
    code, _out, err = run(capsys, "--db", demo_url, "agreements", "export-ewp", "999", "--out", str(target))
    assert code == 1 and err.startswith("error:")


def test_agreements_list_gives_the_rows_of_the_page(capsys, demo_url, main_window, qtbot):
    """The command line and the Agreements page make the same query: the same agreements in the same
    order, for every filter the page offers."""
    page = main_window.open_area("agreements")  # over the demonstration data the command line loaded
    cases = [([], {}), (["--search", "seoul"], {"search": "seoul"}), (["--status", "active"], {"status": "active"}),
             (["--kind", "strategic"], {"kind": "strategic"}), (["--expiring"], {"expiring": True})]
    for arguments, filters in cases:
        page.search.setText(filters.get("search", ""))
        page.status_filter.setCurrentIndex(page.status_filter.findData(filters.get("status")))
        page.kind_filter.setCurrentIndex(page.kind_filter.findData(filters.get("kind")))
        page.expiring_filter.setChecked(filters.get("expiring", False))
        page.apply_filters()
        page.model.fetch_all()
        shown = [(page.model.row_at(r).title, page.model.row_at(r).reference) for r in range(page.model.rowCount())]
        code, out, err = run(capsys, "--db", main_window.context.db.url, "agreements", "list", *arguments, "--json")
        assert code == 0, err
        assert [(a["title"], a["reference"]) for a in json.loads(out)] == shown, arguments
        assert shown


def test_organisations_among_the_parties_are_listed_and_named_when_the_ewp_file_leaves_them_out(
        capsys, demo_url, tmp_path):
    code, out, _ = run(capsys, "--db", demo_url, "--lang", "en", "agreements", "list", "--json")
    [partnership] = [a for a in json.loads(out) if a["reference"] == "KAZNU-THU-2025"]
    organisations = [p for p in partnership["parties"] if p["kind"] == "organisation"]
    assert [(p["organisation_kind"], p["role"]) for p in organisations] == [
        ("ministry", "national"), ("accreditation_agency", "member")]
    code, out, _ = run(capsys, "--db", demo_url, "--lang", "en", "agreements", "list", "--search", "IAAR")
    assert code == 0 and "Independent Agency for Accreditation and Rating" in out
    assert "joint school of computer science" in out and "Bilateral cooperation" not in out

    code, out, err = run(capsys, "--db", demo_url, "--lang", "en", "agreements", "export-ewp",
                         str(partnership["id"]), "--out", str(tmp_path / "iia.xml"))
    assert code == 0, err
    assert "satisfies the EWP IIA v7 schema" in out
    assert ("EWP agreements are between higher education institutions only; Ministry of Science and Higher "
            "Education of the Republic of Kazakhstan and Independent Agency for Accreditation and Rating are left "
            "out of the file.") in " ".join(out.split())
