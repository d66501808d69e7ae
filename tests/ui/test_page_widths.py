"""No page needs a window wider than a common laptop screen: every page, with demonstration data and
each of its tabs open, fits beside the navigation in a 1,180-pixel window at the default font, in
every language the application ships (long words and right-to-left included); the navigation
shows its longest label whole."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QTabWidget

from desktop_app.i18n import available_languages
from desktop_app.ui.shell.areas import AREAS

WINDOW_WIDTH = 1180
LANGUAGES = available_languages()  # every shipped language


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


def widths_of_every_tab(page, qtbot) -> dict[str, int]:
    """The page's minimum width with each tab of each of its tab widgets shown in turn."""
    needed = {"": page.minimumSizeHint().width()}
    for tabs in page.findChildren(QTabWidget):
        current = tabs.currentIndex()
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            qtbot.wait(5)
            needed[f"{tabs.objectName() or 'tabs'}[{index}]"] = page.minimumSizeHint().width()
        tabs.setCurrentIndex(current)
    return needed


def test_every_page_fits_beside_the_navigation_in_every_language(demo_window, qtbot, qapp):
    from desktop_app.ui.core.language import apply_language

    window = demo_window
    too_wide = {}
    for lang in LANGUAGES:
        apply_language(qapp, lang)
        for area in AREAS:
            page = window.open_area(area.key)
            window.context.runner.wait_for_all(10000)
            qtbot.wait(30)
            room = room_for_page(window)
            for tab, width in widths_of_every_tab(page, qtbot).items():
                if width > room:
                    too_wide[(lang, area.key, tab)] = (width, room)
            assert window.minimumSizeHint().width() <= WINDOW_WIDTH, (lang, area.key, window.minimumSizeHint())
    assert not too_wide, too_wide


def test_the_navigation_shows_its_longest_label_whole(main_window, qapp):
    from desktop_app.ui.core.language import apply_language

    navigation = main_window.navigation
    for lang in LANGUAGES:
        apply_language(qapp, lang)
        metrics = navigation.fontMetrics()
        longest = max(metrics.horizontalAdvance(navigation.item(row).text()) for row in range(navigation.count()))
        room = navigation.viewport().width() if navigation.isVisible() else navigation.minimumWidth()
        assert navigation.minimumWidth() >= longest + navigation.iconSize().width(), (lang, longest)
        assert room >= longest + navigation.iconSize().width(), (lang, room, longest)
        assert main_window.minimumSizeHint().width() <= WINDOW_WIDTH
