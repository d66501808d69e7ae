"""The network's picture from real packages: states' databases filled through the services, exported
by the package writer and received here by the package import."""

from __future__ import annotations

import csv

import pytest

from desktop_app.domain.errors import UserError
from desktop_app.domain.preferences import Options
from desktop_app.domain.reference import MEMBER_CODES
from desktop_app.exchange.network_demo_states import KAZNU, MSU, TSINGHUA
from desktop_app.reports import registry
from desktop_app.reports.model import ReportOptions
from desktop_app.services import network_data, network_matching, network_records, network_submissions
from desktop_app.services.network_data import NetworkFilter
from tests.network.helpers import receive, state_database, state_package


@pytest.fixture
def three_states(db, sqlite_template, tmp_path):
    """China, Russia and Türkiye: all three hold Al-Farabi Kazakh National University as a partner, and
    Lomonosov Moscow State University (Russia's own, a partner of the two others)."""
    folder = tmp_path / "states"
    folder.mkdir()
    for code in ("CN", "RU", "TR"):
        receive(db, state_package(sqlite_template, folder, code))
    return folder


def _register_rows(db, tmp_path, **choices) -> list[list[str]]:
    out = registry.build_report(db, "network-register", "csv", tmp_path / "register.csv",
                                ReportOptions.with_preferences(Options(), lang="en", **choices))
    with open(out, encoding="utf-8-sig") as handle:
        return list(csv.reader(handle))


def test_a_university_held_by_three_states_is_one_row_listing_them(db, three_states, tmp_path):
    institutions = network_data.institutions(db, NetworkFilter())
    by_ror = {}
    for institution in institutions:
        by_ror.setdefault(institution.ror_id, []).append(institution)
    assert [i.holders for i in by_ror[KAZNU]] == [("CN", "RU", "TR")]
    assert [i.holders for i in by_ror[MSU]] == [("CN", "RU", "TR")]
    assert [i.holders for i in by_ror[TSINGHUA]] == [("CN", "RU")]
    rows = _register_rows(db, tmp_path)
    header = rows[1]
    ror, held = header.index("ROR ID"), header.index("Held by")
    kaznu = [row for row in rows if len(row) > ror and row[ror] == KAZNU]
    assert len(kaznu) == 1 and kaznu[0][held] == "CN, RU, TR"
    assert len([row for row in rows if len(row) > ror and row[ror] == MSU]) == 1
    # one state's view: the universities it holds, listing it alone
    rows = _register_rows(db, tmp_path, states=("TR",))
    kaznu = [row for row in rows if len(row) > ror and row[ror] == KAZNU]
    assert kaznu[0][held] == "TR"
    assert not [row for row in rows if len(row) > ror and row[ror] == TSINGHUA]


def test_the_network_matrix_is_the_sum_of_the_states_own_matrices(db, three_states):
    expected: dict = {}
    for code in ("CN", "RU", "TR"):
        own = state_database(three_states, code)
        try:
            for key, count in network_data.flow_totals(network_data.mobility_flows(own, NetworkFilter())).items():
                expected[key] = expected.get(key, 0) + count
        finally:
            own.close()
    network = network_data.flow_totals(network_data.mobility_flows(db, NetworkFilter()))
    assert network == expected and sum(network.values()) == 30 + 26 + 20
    one_year = network_data.flow_totals(network_data.mobility_flows(db, NetworkFilter(year=2024)))
    assert one_year and {year for year, _s, _r in one_year} == {2024}


def test_submissions_say_missing_late_and_current(db, sqlite_template, tmp_path):
    folder = tmp_path / "states"
    folder.mkdir()
    receive(db, state_package(sqlite_template, folder, "CN", days_ago=10))
    receive(db, state_package(sqlite_template, folder, "RU", days_ago=200))
    rows = {row.state: row for row in network_submissions.submissions(db, Options(submission_late_days=120))}
    assert set(rows) == set(MEMBER_CODES)
    assert rows["CN"].status == "current" and rows["CN"].age_days == 10 and rows["CN"].records > 0
    assert rows["RU"].status == "late" and rows["RU"].last.signer_fingerprint
    assert rows["TJ"].status == "missing" and rows["TJ"].received is None
    assert network_submissions.summary(list(rows.values())) == {"missing": 26, "late": 1, "current": 1}
    # the limit is the user's preference
    rows = {row.state: row for row in network_submissions.submissions(db, Options(submission_late_days=365))}
    assert rows["RU"].status == "current"
    assert rows["RU"].as_json()["status"] == "current" and rows["RU"].as_json()["received"]


def test_a_match_by_name_waits_for_the_user_and_confirming_links_it(db, sqlite_template, tmp_path):
    folder = tmp_path / "states"
    folder.mkdir()
    receive(db, state_package(sqlite_template, folder, "CN"))
    receive(db, state_package(sqlite_template, folder, "UZ"))  # Al-Farabi recorded by name only
    waiting = network_matching.matches(db)
    assert [(m.state, m.theirs.name, m.basis) for m in waiting] == [
        ("UZ", "Al-Farabi Kazakh National University", network_matching.BY_NAME)]
    assert waiting[0].ours is not None and waiting[0].ours.ror_id == KAZNU
    named = [i for i in network_data.institutions(db, NetworkFilter())
             if i.display_name == "Al-Farabi Kazakh National University"]
    assert len(named) == 1 and named[0].holders == ("CN",)  # theirs waits; nothing merged silently
    network_matching.confirm(db, waiting[0].conflict_id)
    named = [i for i in network_data.institutions(db, NetworkFilter())
             if i.display_name == "Al-Farabi Kazakh National University"]
    assert len(named) == 1 and named[0].holders == ("CN", "UZ")
    assert network_matching.matches(db) == []
    assert network_matching.matches(db, "decided")[0].decision == network_matching.SAME
    with pytest.raises(UserError):
        network_matching.reject(db, waiting[0].conflict_id)


def test_rejecting_a_match_keeps_two_universities(db, sqlite_template, tmp_path):
    folder = tmp_path / "states"
    folder.mkdir()
    receive(db, state_package(sqlite_template, folder, "CN"))
    receive(db, state_package(sqlite_template, folder, "UZ"))
    waiting = network_matching.matches(db)
    network_matching.reject(db, waiting[0].conflict_id)
    named = [i for i in network_data.institutions(db, NetworkFilter())
             if i.display_name == "Al-Farabi Kazakh National University"]
    assert sorted(i.holders for i in named) == [("CN",), ("UZ",)]


def test_agreements_and_programmes_recorded_by_both_partner_states_count_once(db, sqlite_template, tmp_path):
    folder = tmp_path / "states"
    folder.mkdir()
    for code in ("KZ", "CN", "RU"):
        receive(db, state_package(sqlite_template, folder, code))
    groups = network_records.agreements(db, NetworkFilter())
    shared = {g.recorded_by: g for g in groups if len(g.recorded_by) > 1}
    # KazNU–Tsinghua recorded by Kazakhstan and by China (titled in Chinese), ENU–MSU by Kazakhstan and Russia
    assert set(shared) == {("CN", "KZ"), ("KZ", "RU")}
    assert shared[("CN", "KZ")].shown.owner == "KZ"  # the record of the first partner's state is shown
    programmes = network_records.programmes(db, NetworkFilter())
    ir = [g for g in programmes if g.shown.code == "ENU-MSU-IR"]
    assert len(ir) == 1 and ir[0].recorded_by == ("KZ", "RU")
    # one state's view counts its own records only
    assert all(g.recorded_by == ("RU",) for g in network_records.agreements(db, NetworkFilter(("RU",))))
