"""The application meets an emptied database file at start: it asks, through real widgets, and does what
the user chose."""

from __future__ import annotations

import shutil
import sqlite3

import pytest


@pytest.fixture
def emptied(tmp_path):
    path = tmp_path / "emptied" / "coordinator.sqlite3"
    path.parent.mkdir()
    path.write_bytes(b"")
    return path


def _start(qapp, qtbot, path, preferences):
    from desktop_app.app import start

    context, window = start(qapp, db_url=str(path), preferences=preferences, wizard=False)
    qtbot.addWidget(window)
    window.show()
    return context, window


def _finish(context):
    context.runner.wait_for_all(10000)
    context.instance_lock.release()
    if context.db is not None:
        context.db.close()


def test_restore_the_latest_backup(qapp, qtbot, emptied, demo_file, preferences, message_box_answers):
    from desktop_app import paths

    shutil.copyfile(demo_file, paths.backups_dir() / "coordinator-auto-20260102-080000.sqlite3")
    message_box_answers.append("Restore the latest backup")
    context, _window = _start(qapp, qtbot, emptied, preferences)
    try:
        qtbot.waitUntil(lambda: context.db is not None, timeout=20000)
        shown = message_box_answers.shown[0]
        assert str(emptied) in shown["text"] and "empty" in shown["text"]
        assert sorted(shown["buttons"]) == ["Quit", "Restore the latest backup", "Start a new database"]
    finally:
        _finish(context)
    assert sqlite3.connect(emptied).execute("SELECT count(*) FROM universities").fetchone()[0] == 19


def test_start_a_new_database(qapp, qtbot, emptied, preferences, message_box_answers):
    message_box_answers.append("Start a new database")
    context, _window = _start(qapp, qtbot, emptied, preferences)
    try:
        qtbot.waitUntil(lambda: context.db is not None, timeout=20000)
        assert sorted(message_box_answers.shown[0]["buttons"]) == ["Quit", "Start a new database"]  # no backup
    finally:
        _finish(context)
    connection = sqlite3.connect(emptied)
    assert connection.execute("SELECT count(*) FROM member_states").fetchone()[0] > 0
    assert connection.execute("SELECT count(*) FROM universities").fetchone()[0] == 0


def test_quit_leaves_the_file_as_it_is(qapp, qtbot, emptied, preferences, message_box_answers):
    message_box_answers.append("Quit")
    context, window = _start(qapp, qtbot, emptied, preferences)
    try:
        qtbot.waitUntil(lambda: bool(message_box_answers.shown) and not window.isVisible(), timeout=20000)
        assert context.db is None
    finally:
        _finish(context)
    assert emptied.stat().st_size == 0
