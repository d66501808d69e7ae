"""Every list says what to do while it is empty, with the buttons that do it; a search that hides every
row says that nothing matches instead; a list with rows shows no notice."""

from __future__ import annotations

import pytest

PAGES = {
    "universities": ("universities", lambda page: page.empty_state, "No universities yet.",
                     ["Import…", "Add a university…"]),
    "agreements": ("agreements", lambda page: page.empty_state, "No agreements yet.",
                   ["Import from EWP…", "New agreement…"]),
    "curricula": ("curricula", lambda page: page.empty_state, "No joint programmes yet.", ["New programme"]),
    "recognition": ("recognition", lambda page: page.empty_state, "No recognition cases yet.",
                    ["Import…", "New case…"]),
    "rules": ("recognition", lambda page: page.rules_tab.empty_state,
              "No equivalence rules yet.", ["New rule…"]),
    "mobility": ("mobility", lambda page: page.mobility_empty, "No mobility records yet.", ["New mobility…"]),
    "events": ("mobility", lambda page: page.event_empty, "No joint events yet.", ["New event…"]),
    "meetings": ("roadmap", lambda page: page.meetings.empty_state, "No expert meetings yet.", ["Add meeting…"]),
    "members": ("roadmap", lambda page: page.members.empty_state, "No members of the working group yet.",
                ["Add member…"]),
}


def shown(widget) -> bool:
    return widget is not None and not widget.isHidden()


@pytest.mark.parametrize("name", list(PAGES))
def test_an_empty_list_says_what_to_do(main_window, qtbot, name):
    area, notice_of, sentence, buttons = PAGES[name]
    page = main_window.open_area(area)
    main_window.context.runner.wait_for_all(10000)
    qtbot.wait(20)
    notice = notice_of(page)
    assert shown(notice)
    assert notice.message.text().startswith(sentence)
    assert [button.text() for button, _label in notice.buttons] == buttons


def test_the_notice_is_translated_and_clicking_it_acts(main_window, qtbot, qapp, monkeypatch):
    from desktop_app.ui.core.language import apply_language

    page = main_window.open_area("universities")
    apply_language(qapp, "ru")
    assert page.empty_state.message.text().startswith("Университетов пока нет.")
    opened = []
    monkeypatch.setattr(page, "open_editor", lambda *args, **kwargs: opened.append(True))
    page.empty_state.buttons[1][0].click()
    assert opened == [True]


def test_a_search_that_hides_every_row_says_nothing_matches(main_window, qtbot):
    from desktop_app.exchange.demo import load_demo

    load_demo(main_window.context.db)
    page = main_window.open_area("universities")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=5000)
    assert not shown(page.empty_state)
    page.search.setText("no such university anywhere")
    page.apply_filters()
    qtbot.waitUntil(lambda: page.model.rowCount() == 0, timeout=5000)
    assert shown(page.empty_state)
    assert page.empty_state.message.text() == "Nothing matches the search and filters."
    assert not any(button.isVisibleTo(page.empty_state) for button, _label in page.empty_state.buttons)
