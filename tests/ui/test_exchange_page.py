"""The Exchange page through its real widgets: a coordinator opens a package from another state,
compares the key's fingerprint and trusts it, sees the preview, imports it; a later package brings a
conflict, which the coordinator decides field by field — theirs for one field, ours for another."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QRadioButton
from sqlalchemy import func, select

from desktop_app.domain.preferences import Options
from desktop_app.exchange import package_writer
from desktop_app.services import exchange_identity, package_conflicts, universities
from desktop_app.storage.database import Database
from desktop_app.storage.models import PackageConflict, University

IR = Options(member_state="IR", coordinator="Coordinator of Iran")


@pytest.fixture
def sender(sqlite_template, tmp_path):
    """Iran's coordinator, with the demonstration records."""
    from desktop_app.exchange.demo import load_demo

    path = tmp_path / "iran.sqlite3"
    shutil.copyfile(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    exchange_identity.ensure_identity(db, "IR")
    load_demo(db)
    yield db
    db.close()


def _wait(qtbot, window) -> None:
    window.context.runner.wait_for_all(60000)
    qtbot.wait(50)


def _open(qtbot, window, page, monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    page.tabs.setCurrentWidget(page.receive)
    qtbot.mouseClick(page.receive.open_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, window)
    _wait(qtbot, window)


def _cell(table, row: int, column: int) -> str:
    return table.item(row, column).text()


def _row_of(table, text: str) -> int:
    return next(r for r in range(table.rowCount()) if table.item(r, 0).text() == text)


def test_import_preview_and_a_conflict_decided_field_by_field(main_window, qtbot, sender, tmp_path, monkeypatch):
    window = main_window
    db = window.context.db
    page = window.open_area("exchange")
    qtbot.wait(50)
    first = package_writer.export_package(sender, tmp_path / "iran-1", options=IR).path

    _open(qtbot, window, page, monkeypatch, first)
    receive = page.receive
    assert "Iran" in receive.header.text() and "not trusted yet" in receive.header.text()
    fingerprint = receive.inspection.fingerprint
    assert fingerprint in receive.header.text()
    assert receive.trust_box.isVisible() and not receive.preview_button.isEnabled()
    receive.trust_box.click()
    qtbot.mouseClick(receive.preview_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, window)
    kinds = receive.kinds_table
    row = _row_of(kinds, "Universities")
    assert (_cell(kinds, row, 1), _cell(kinds, row, 5)) == ("19", "0")
    assert receive.records_table.rowCount() > 19
    with db.reading() as session:
        assert session.execute(select(func.count()).select_from(University)).scalar() == 0  # a preview writes nothing
    qtbot.mouseClick(receive.import_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, window)
    assert "Imported" in receive.status.text()
    with db.reading() as session:
        assert session.execute(select(func.count()).select_from(University)).scalar() == 19
    page.tabs.setCurrentWidget(page.received)
    assert _cell(page.received.packages_table, 0, 0) == "Iran"
    assert _cell(page.received.packages_table, 0, 5) == "On time"  # within the days the preferences allow
    assert any(fingerprint == _cell(page.keys.trusted_table, r, 1) for r in range(page.keys.trusted_table.rowCount()))

    # Both coordinators change the same university; Iran sends its second package.
    with sender.reading() as session:
        their_id, uuid = session.execute(select(University.id, University.uuid).order_by(University.uuid)).first()
    record = universities.get(sender, their_id)
    record.draft.city, record.draft.website = "Changed in Iran", "https://iran.example.org"
    universities.update(sender, their_id, record.draft)
    with db.reading() as session:
        our_id = session.execute(select(University.id).where(University.uuid == uuid)).scalar_one()
    record = universities.get(db, our_id)
    record.draft.city, record.draft.website = "Changed in Kazakhstan", "https://kz.example.org"
    universities.update(db, our_id, record.draft)
    second = package_writer.export_package(sender, tmp_path / "iran-2", options=IR).path

    _open(qtbot, window, page, monkeypatch, second)  # the key is trusted now: the preview comes at once
    assert not receive.trust_box.isVisible()
    row = _row_of(receive.kinds_table, "Universities")
    assert _cell(receive.kinds_table, row, 5) == "1"
    qtbot.mouseClick(receive.import_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, window)
    assert page.tabs.currentWidget() is page.conflicts and page.tabs.tabText(2).endswith("(1)")
    assert universities.get(db, our_id).draft.city == "Changed in Kazakhstan"  # nothing overwritten silently

    conflicts = page.conflicts
    assert conflicts.list.rowCount() == 1 and conflicts.current is not None
    fields = {conflicts.fields_table.item(r, 0).text(): r for r in range(conflicts.fields_table.rowCount())}
    assert set(fields) == {"city", "website"}
    assert conflicts.fields_table.item(fields["city"], 2).text() == "Changed in Iran"
    _wait(qtbot, window)
    conflicts.fields_table.cellWidget(fields["city"], 3).findChild(QRadioButton, "theirs_city").click()
    conflicts.fields_table.cellWidget(fields["website"], 3).findChild(QRadioButton, "ours_website").click()
    assert conflicts.choices() == {"city": "theirs", "website": "ours"}
    qtbot.mouseClick(conflicts.resolve_button, Qt.MouseButton.LeftButton)
    qtbot.wait(50)
    decided = universities.get(db, our_id).draft
    assert (decided.city, decided.website) == ("Changed in Iran", "https://kz.example.org")
    assert conflicts.list.rowCount() == 0 and package_conflicts.list_conflicts(db) == []
    with db.reading() as session:
        decision = session.execute(select(PackageConflict.decision)).scalar_one()
    assert decision == {"city": "theirs", "website": "ours"}
    assert page.tabs.tabText(2) == "Conflicts"


def test_export_writes_a_package_in_the_background(main_window, qtbot, tmp_path, monkeypatch):
    from desktop_app.exchange.demo import load_demo

    window = main_window
    load_demo(window.context.db)
    page = window.open_area("exchange")
    assert "Kazakhstan" in page.send.identity_label.text()
    target = tmp_path / "kz.cicapkg"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
    page.send.personal_box.click()
    qtbot.mouseClick(page.send.export_button, Qt.MouseButton.LeftButton)
    _wait(qtbot, window)
    assert target.exists() and str(target) in page.send.status.text()
    assert page.send.summary.personal_data and page.send.summary.counts["university"] == 19
    assert page.keys.fingerprint and page.keys.fingerprint in page.keys.own_label.text()
