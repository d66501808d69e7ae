"""No page needs a window wider than a common laptop screen: the Curricula and Calendars pages, with
demonstration data open, fit beside the navigation in a 1,180-pixel window at the default font, in
English, Russian, Kazakh, Persian and Chinese (long words and right-to-left included)."""

from __future__ import annotations

import pytest

WINDOW_WIDTH = 1180
LANGUAGES = ["en", "ru", "kk", "fa", "zh"]


@pytest.fixture
def demo_window(main_window):
    from desktop_app.exchange.demo import load_demo

    load_demo(main_window.context.db)
    return main_window


def room_for_page(window) -> int:
    """What a 1,180-pixel main window leaves for a page: its width less the navigation at the width it
    asks for (a page that needs more squeezes the navigation), the splitter's handle and the window's
    own frame around the central widget."""
    frame = window.width() - window.centralWidget().width()
    navigation = max(window.navigation.minimumWidth(), window.navigation.sizeHint().width())
    return WINDOW_WIDTH - navigation - window.splitter.handleWidth() - frame


@pytest.mark.parametrize("area", ["curricula", "calendars"])
def test_page_fits_beside_the_navigation_in_every_language(demo_window, qtbot, qapp, area):
    from desktop_app.ui.core.language import apply_language

    window = demo_window
    needed = {}
    for lang in LANGUAGES:
        apply_language(qapp, lang)
        page = window.open_area(area)
        qtbot.wait(50)
        for tab in range(getattr(page, "tabs", None) and page.tabs.count() or 1):
            if hasattr(page, "tabs"):
                page.tabs.setCurrentIndex(tab)
            editor = getattr(page, "editor", None)
            for inner in range(editor.tabs.count() if editor is not None else 1):
                if editor is not None:
                    editor.tabs.setCurrentIndex(inner)
                qtbot.wait(10)
                needed[(lang, tab, inner)] = page.minimumSizeHint().width()
        assert window.minimumSizeHint().width() <= WINDOW_WIDTH, (lang, window.minimumSizeHint().width())
    room = room_for_page(window)
    too_wide = {key: width for key, width in needed.items() if width > room}
    assert not too_wide, f"room {room}px: {too_wide}"
