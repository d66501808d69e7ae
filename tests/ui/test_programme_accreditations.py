"""A programme's accreditations through the real widgets: shown in the programme, added, refused with the
message under its field, edited, deleted after asking, and brought back by undo."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from desktop_app.exchange.demo import load_demo
from desktop_app.services import programme_accreditations
from desktop_app.ui.quality.accreditations import AccreditationEditor, AccreditationsDialog


def open_demo_programme(main_window, qtbot):
    load_demo(main_window.context.db)
    main_window.context.bus.changed.emit({"curricula", "universities", "quality"})
    page = main_window.open_area("curricula")
    qtbot.waitUntil(lambda: page.programme_id is not None, timeout=10000)
    return page


def stored(db, programme_id):
    return programme_accreditations.current_for(db, programme_id)


def test_accreditations_of_a_programme_through_the_gui(main_window, qtbot, monkeypatch, message_box_answers):
    page = open_demo_programme(main_window, qtbot)
    db, programme_id = main_window.context.db, page.programme_id
    editor = page.editor
    assert "EUR-ACE (engineering)" in editor.accreditation_summary.text()
    assert editor.quality_button.isEnabled()
    before = len(stored(db, programme_id))
    steps = []

    def fill(dialog: AccreditationEditor, **values):
        dialog.label.setCurrentIndex(dialog.label.findData(values["label"]))
        dialog.decision.setCurrentIndex(dialog.decision.findData(values["decision"]))
        dialog.valid_from.set_value(values.get("valid_from"))
        dialog.valid_to.set_value(values.get("valid_to"))
        dialog.conditions.setPlainText(values.get("conditions", ""))

    def drive_editor(dialog: AccreditationEditor):
        step = steps.pop(0)
        step(dialog)
        return 1 if dialog.result() else 0

    def refused_then_saved(dialog):
        fill(dialog, label="euro_inf", decision="conditional", valid_from=dt.date(2026, 1, 1),
             valid_to=dt.date(2031, 12, 31))
        assert not dialog.try_accept()  # conditional without its conditions
        assert not dialog.errors["conditions"].isHidden() and "conditions" in dialog.errors["conditions"].text()
        assert len(stored(db, programme_id)) == before  # nothing written
        dialog.conditions.setPlainText("Report on the laboratory equipment within a year.")
        assert dialog.try_accept()

    def extended(dialog):
        assert dialog.label.currentData() == "euro_inf"
        dialog.valid_to.set_value(dt.date(2032, 6, 30))
        assert dialog.try_accept()

    monkeypatch.setattr(AccreditationEditor, "exec", drive_editor)

    def drive_list(dialog: AccreditationsDialog):
        steps.extend([refused_then_saved, extended])
        qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
        assert dialog.table.rowCount() == before + 1
        row = next(i for i, r in enumerate(dialog.rows) if r.label == "euro_inf")
        dialog.table.selectRow(row)
        qtbot.mouseClick(dialog.edit_button, Qt.MouseButton.LeftButton)
        assert "2032" in dialog.table.item(row, 3).text()
        message_box_answers.append("Delete")
        qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
        assert dialog.table.rowCount() == before
        return 0

    monkeypatch.setattr(AccreditationsDialog, "exec", drive_list)
    qtbot.mouseClick(editor.quality_button, Qt.MouseButton.LeftButton)
    assert not steps and message_box_answers.shown[0]["title"] == "Delete accreditation"
    assert [r.label for r in stored(db, programme_id)].count("euro_inf") == 0

    page.undo_stack.undo()  # the delete
    kept = next(r for r in stored(db, programme_id) if r.label == "euro_inf")
    assert kept.valid_to == dt.date(2032, 6, 30) and kept.decision == "conditional"
    qtbot.waitUntil(lambda: "Euro-Inf" in editor.accreditation_summary.text(), timeout=5000)
    page.undo_stack.undo()  # the edit
    page.undo_stack.undo()  # the creation
    assert [r.label for r in stored(db, programme_id)].count("euro_inf") == 0


def test_a_new_programme_has_no_accreditation_button_until_saved(main_window, qtbot):
    page = open_demo_programme(main_window, qtbot)
    page.new_programme()
    assert not page.editor.quality_button.isEnabled()
    assert "EUR-ACE" not in page.editor.accreditation_summary.text()
