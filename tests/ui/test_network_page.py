"""The Network page driven as a user would: the submissions of the member states, a match by name
confirmed with its button, and a network report built from the page."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import Qt

from desktop_app.ui.network.tabs import SUB_STATUS


@pytest.fixture
def network_window(main_window, qtbot):
    main_window.act_network_demo.trigger()  # Tools ▸ Load the network demonstration
    qtbot.waitUntil(lambda: main_window.current_area() == "network", timeout=60000)
    page = main_window.pages["network"]
    qtbot.waitUntil(lambda: page.submissions.table.rowCount() >= 28, timeout=10000)
    return main_window, page


def _status_of(page, code: str) -> str:
    table = page.submissions.table
    for row in range(table.rowCount()):
        if table.item(row, 0).data(Qt.ItemDataRole.UserRole) == code:
            return table.item(row, SUB_STATUS).data(Qt.ItemDataRole.UserRole)
    raise AssertionError(code)


def test_submissions_show_the_late_and_the_missing(network_window):
    _window, page = network_window
    assert _status_of(page, "MN") == "late" and _status_of(page, "TJ") == "missing"
    assert _status_of(page, "CN") == "current"
    assert "1 late" in page.submissions.summary.text()


def test_confirming_a_match_with_the_button_links_the_universities(network_window, qtbot):
    from desktop_app.services import network_matching

    window, page = network_window
    tab = page.matches
    assert tab.table.rowCount() == 2 and not tab.same_button.isEnabled()
    assert page.tabs.tabText(1) == "To confirm (2)"
    tab.table.selectRow(0)
    assert tab.same_button.isEnabled()
    decided = tab.matches[0].conflict_id
    qtbot.mouseClick(tab.same_button, Qt.MouseButton.LeftButton)
    assert tab.table.rowCount() == 1 and page.tabs.tabText(1) == "To confirm (1)"
    assert network_matching.match(window.context.db, decided).decision == network_matching.SAME
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.different_button, Qt.MouseButton.LeftButton)
    assert tab.table.rowCount() == 0 and page.tabs.tabText(1) == "To confirm"


def test_a_network_report_built_from_the_page(network_window, qtbot, tmp_path):
    _window, page = network_window
    reports = page.reports
    reports.kind_box.setCurrentIndex(reports.kind_box.findData("network-register"))
    reports.format_box.setCurrentIndex(reports.format_box.findData("csv"))
    for row in range(reports.states_list.count()):
        item = reports.states_list.item(row)
        if item.data(Qt.ItemDataRole.UserRole) in ("KZ", "UZ"):
            item.setCheckState(Qt.CheckState.Checked)
    assert not reports.since_edit.isEnabled() and reports.area_box.isEnabled()
    out = tmp_path / "register.csv"
    reports.path_edit.setText(str(out))
    reports.path_edit.setModified(True)
    qtbot.mouseClick(reports.build_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: reports.task is None, timeout=20000)
    assert str(out) in reports.status.text()
    with open(out, encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    held = rows[1].index("Held by")
    assert {row[held] for row in rows[2:] if len(row) > held and row[held]} <= {"KZ", "UZ", "KZ, UZ"}
    reports.kind_box.setCurrentIndex(reports.kind_box.findData("network-dashboard"))
    assert reports.since_edit.isEnabled() and reports.format_box.count() == 1


def test_the_page_in_persian(network_window, qapp, tmp_path):
    from desktop_app.ui.core.language import apply_language

    window, page = network_window
    apply_language(qapp, "fa")
    assert page.heading.text() != "Network"
    assert "ایران" in [page.submissions.table.item(r, 0).text() for r in range(page.submissions.table.rowCount())]
    apply_language(qapp, "en")
    window.resize(1180, 800)
    page.grab().save("/tmp/network.png")
