"""A mobility's life cycle through the real page and dialog: a step recorded with its date and undone with
Edit ▸ Undo, a step the agreement's signatures do not allow refused in a message, the learning agreement
exported as EWP and imported back, and a transcript imported from CSV."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop_app.exchange import ewp_ola
from desktop_app.exchange.input_gate import parse_xml
from desktop_app.services import learning_agreements, mobility_lifecycle, transcripts
from desktop_app.ui.mobility.lifecycle_dialog import LifeCycleDialog
from desktop_app.ui.mobility.models import M_STATUS
from tests.mobility_helpers import agreement_with_a_change, student_mobility, two_universities


def _page(main_window, qtbot):
    page = main_window.open_area("mobility")
    qtbot.waitUntil(lambda: page.mobility_model.db is not None, timeout=10000)
    return page


def _dialog(page, qtbot, monkeypatch, act):
    """Open the dialog from the page's button with the row selected; ``act`` drives it while open."""
    seen = []

    def fake_exec(dialog):
        seen.append(dialog)
        act(dialog)
        return 0

    monkeypatch.setattr(LifeCycleDialog, "exec", fake_exec)
    page.mobility_table.selectRow(0)
    qtbot.mouseClick(page.life_cycle, Qt.MouseButton.LeftButton)
    assert seen
    return seen[0]


def _choose(dialog, status: str) -> None:
    dialog.next_step.setCurrentIndex(dialog.next_step.findData(status))


def test_steps_are_recorded_dated_and_undone(main_window, qtbot, monkeypatch, message_box_answers):
    db = main_window.context.db
    sending, receiving = two_universities(db)
    mobility_id = student_mobility(db, sending, receiving, start=dt.date.today() + dt.timedelta(days=7))
    page = _page(main_window, qtbot)
    qtbot.waitUntil(lambda: page.mobility_model.rowCount() == 1, timeout=5000)
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args, **kwargs: shown.append(args) or QMessageBox.Ok)
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **kwargs: shown.append(args) or QMessageBox.Ok)

    def act(dialog):
        assert "7 days" in dialog.warnings.text()  # unsigned a week before the start
        assert "Aigerim" not in dialog.summary.text()
        _choose(dialog, "accepted")
        dialog.step_date.set_value(dt.date.today())
        qtbot.keyClicks(dialog.note, "Accepted by Tsinghua")
        qtbot.mouseClick(dialog.record_step, Qt.MouseButton.LeftButton)
        assert dialog.history.rowCount() == 2 and dialog.history.item(1, 2).text() == "Accepted by Tsinghua"
        _choose(dialog, "la_signed")
        qtbot.mouseClick(dialog.record_step, Qt.MouseButton.LeftButton)
        assert dialog.history.rowCount() == 2  # refused: nobody has signed

    _dialog(page, qtbot, monkeypatch, act)
    assert len(shown) == 1 and "not yet signed" in str(shown[0])
    assert [s.status for s in mobility_lifecycle.history(db, mobility_id)] == ["nominated", "accepted"]
    qtbot.waitUntil(lambda: page.mobility_model.data(page.mobility_model.index(0, M_STATUS)) == "Accepted",
                    timeout=5000)
    page.undo_stack.undo()
    assert [s.status for s in mobility_lifecycle.history(db, mobility_id)] == ["nominated"]
    page.undo_stack.redo()
    assert [s.status for s in mobility_lifecycle.history(db, mobility_id)] == ["nominated", "accepted"]


def test_learning_agreement_goes_out_as_ewp_comes_back_and_a_transcript_is_imported(main_window, qtbot, monkeypatch,
                                                                                    tmp_path):
    db = main_window.context.db
    sending, receiving = two_universities(db)
    mobility_id = student_mobility(db, sending, receiving)
    learning_agreements.save(db, mobility_id, agreement_with_a_change())
    page = _page(main_window, qtbot)
    qtbot.waitUntil(lambda: page.mobility_model.rowCount() == 1, timeout=5000)
    target, table = tmp_path / "la.xml", tmp_path / "tor.csv"
    table.write_text("code,title,credits,grade\nCS501,Machine Learning,6,A\n", "utf-8")
    monkeypatch.setattr(QMessageBox, "information", lambda *args, **kwargs: QMessageBox.Ok)

    def act(dialog):
        assert "Version 2" in dialog.agreement.text()
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(target), ""))
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(target), ""))
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(table), ""))
        qtbot.mouseClick(dialog.transcript_button, Qt.MouseButton.LeftButton)
        assert ": 1 line." in dialog.transcript.text()

    _dialog(page, qtbot, monkeypatch, act)
    assert ewp_ola.validation_errors(parse_xml(target.read_bytes(), "la.xml")) == []
    assert "Aigerim" not in target.read_text("utf-8")
    assert transcripts.get(db, mobility_id).entries[0].grade == "A"
    page.undo_stack.undo()
    assert transcripts.get(db, mobility_id).entries == []
    assert len(learning_agreements.get_for(db, mobility_id).draft.versions) == 2


def test_the_dialog_follows_the_language(main_window, qtbot, monkeypatch, qapp):
    db = main_window.context.db
    sending, receiving = two_universities(db)
    student_mobility(db, sending, receiving)
    page = _page(main_window, qtbot)
    qtbot.waitUntil(lambda: page.mobility_model.rowCount() == 1, timeout=5000)

    def act(dialog):
        english = dialog.record_step.text()
        from desktop_app.ui.core.language import apply_language

        apply_language(qapp, "ru")
        try:
            assert dialog.record_step.text() != english
            assert dialog.history.horizontalHeaderItem(0).text() == "Дата"
        finally:
            apply_language(qapp, "en")

    _dialog(page, qtbot, monkeypatch, act)


def test_the_editor_keeps_the_level_and_says_the_format_rules_while_dates_are_typed(main_window, qtbot):
    from desktop_app.services import mobility
    from desktop_app.ui.mobility.dialogs import MobilityEditor

    db = main_window.context.db
    sending, receiving = two_universities(db)
    mobility_id = student_mobility(db, sending, receiving, format="short_term", days=30)
    record = mobility.get(db, mobility_id)
    saved = []
    editor = MobilityEditor(db, record.draft, saved.append, record_id=mobility_id)
    qtbot.addWidget(editor)
    assert editor.format_rules.isHidden()
    editor.end_date.setDate(record.draft.start_date + dt.timedelta(days=9))
    assert not editor.format_rules.isHidden() and "10 days" in editor.format_rules.text()
    assert editor.draft().study_level == "7"  # an edit keeps the level it did not touch
