"""Message boxes leave room for their titles: Qt sizes a box by its text, so a short question under a
long Russian or Kazakh title would have the title cut in the title bar."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop_app import paths


@pytest.fixture
def styled(qapp):
    before = qapp.styleSheet()
    qapp.setStyleSheet((paths.resources_dir() / "style.qss").read_text(encoding="utf-8"))
    yield qapp
    qapp.setStyleSheet(before)


@pytest.mark.parametrize("title", ["Удаление правила эквивалентности", "Erasmus Without Paper жүйесінен импорттау",
                                   "Исключение члена рабочей группы", "حذف پروندهٔ ارزشیابی"])
def test_a_message_box_is_wide_enough_for_its_title(styled, qtbot, title):
    box = QMessageBox(QMessageBox.Icon.Question, title, "Delete it?")
    box.addButton(QMessageBox.StandardButton.Yes)
    qtbot.addWidget(box)
    box.show()
    title_width = box.fontMetrics().horizontalAdvance(title)
    # The title bar holds the title and, beside it, the window's own buttons (about 100 pixels).
    assert box.width() >= title_width + 100
