"""One icon set: every area of the navigation and the main actions carry icons of the bundled set, and
the icons that point somewhere are mirrored in a right-to-left layout."""

from __future__ import annotations

from PySide6.QtCore import QSize

from desktop_app import paths
from desktop_app.ui.common import icons
from desktop_app.ui.shell.areas import AREAS


def test_every_area_and_main_action_has_an_icon_of_the_set(main_window, qtbot):
    qtbot.waitUntil(lambda: main_window.completed, timeout=5000)
    for area in AREAS:
        assert (paths.resources_dir() / "icons" / "lucide" / f"{area.icon}.svg").is_file(), area.icon
    assert all(not main_window.navigation.item(row).icon().isNull() for row in range(len(AREAS)))
    assert not main_window.act_undo.icon().isNull() and not main_window.act_preferences.icon().isNull()
    page = main_window.open_area("universities")
    assert not page.add_button.icon().isNull() and not page.delete_button.icon().isNull()


def test_pointing_icons_are_mirrored_right_to_left(qapp):
    from PySide6.QtCore import Qt

    size = QSize(24, 24)
    left_to_right = icons.icon("undo-2").pixmap(size).toImage()
    plain_ltr = icons.icon("plus").pixmap(size).toImage()
    qapp.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    try:
        right_to_left = icons.icon("undo-2").pixmap(size).toImage()
        plain_rtl = icons.icon("plus").pixmap(size).toImage()
    finally:
        qapp.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    mirror = left_to_right.flipped(Qt.Orientation.Horizontal)
    # Drawn mirrored: far closer to the mirror image than to the left-to-right icon (antialiasing aside).
    assert difference(right_to_left, mirror) * 5 < difference(right_to_left, left_to_right)
    assert plain_rtl == plain_ltr


def difference(first, second) -> int:
    return sum(abs(first.pixelColor(x, y).alpha() - second.pixelColor(x, y).alpha())
               for x in range(first.width()) for y in range(first.height()))
