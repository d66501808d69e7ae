"""Background work whose window closed meanwhile: the answer is dropped, never delivered to a deleted widget."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtWidgets import QLabel

from desktop_app.ui.core.background import BackgroundRunner


def test_an_answer_for_a_closed_widget_is_dropped_quietly(qtbot):
    runner = BackgroundRunner(lambda error, parent: (_ for _ in ()).throw(error))
    label = QLabel()
    release = threading.Event()
    delivered: list[int] = []
    task = runner.run(lambda _p: release.wait(5) and 7, title="count", show_progress=False,
                      on_done=lambda value: (delivered.append(value), label.setText(str(value))), parent=label)
    shiboken6.delete(label)  # the window closes while the work runs
    release.set()
    qtbot.waitUntil(lambda: task.done, timeout=5000)
    assert delivered == []
    other = QLabel()
    qtbot.addWidget(other)
    again = runner.run(lambda _p: 8, title="count", show_progress=False, on_done=lambda v: other.setText(str(v)),
                       parent=other)
    qtbot.waitUntil(lambda: again.done, timeout=5000)
    assert other.text() == "8"
    runner.wait_for_all(5000)
