"""Nothing typed is lost without a question: Escape, the title-bar close button, leaving a page and
quitting all ask Save / Discard / Cancel; Ctrl+S saves; a draft held when the application died is
offered back at the next start."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop_app.domain.universities import NameDraft, UniversityDraft
from desktop_app.services import universities
from desktop_app.ui.core import drafts
from desktop_app.ui.universities.editor import UniversityEditor


def _editor(qtbot, saved: list, draft=None, record_id=None, database="sqlite:///x"):
    editor = UniversityEditor(draft or UniversityDraft("KZ", [NameDraft("Satbayev University", "en")]),
                              saved.append, record_id=record_id, database=database)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def test_escape_with_changes_asks_and_cancel_keeps_the_edit(qtbot, message_box_answers):
    saved: list = []
    editor = _editor(qtbot, saved)
    qtbot.keyClicks(editor.city, "Almaty")
    message_box_answers.append("Cancel")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.isVisible() and editor.city.text() == "Almaty"
    assert sorted(message_box_answers.shown[-1]["buttons"]) == ["Cancel", "Discard", "Save"]
    message_box_answers.append("Discard")
    editor.close()  # the title-bar button
    assert not editor.isVisible() and editor.result() == QDialog.DialogCode.Rejected and saved == []


def test_escape_without_changes_closes_at_once(qtbot, message_box_answers):
    editor = _editor(qtbot, [])
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible() and message_box_answers.shown == []


def test_save_from_the_question_and_ctrl_s_save(qtbot, message_box_answers):
    saved: list = []
    editor = _editor(qtbot, saved)
    qtbot.keyClicks(editor.city, "Almaty")
    message_box_answers.append("Save")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert [d.city for d in saved] == ["Almaty"] and editor.result() == QDialog.DialogCode.Accepted
    other = _editor(qtbot, saved)
    other.activateWindow()
    qtbot.waitUntil(other.isActiveWindow)
    qtbot.keyClicks(other.city, "Astana")
    qtbot.keyClick(other.city, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert [d.city for d in saved] == ["Almaty", "Astana"] and not other.isVisible()


def test_a_draft_held_when_the_application_died_is_offered_back(main_window, qtbot, message_box_answers,
                                                                monkeypatch):
    db = main_window.context.db
    university_id = universities.create(db, UniversityDraft("KZ", [NameDraft("Satbayev University", "en")]))
    editor = _editor(qtbot, [], universities.get(db, university_id).draft, university_id, db.url)
    qtbot.keyClicks(editor.city, "Almaty")
    editor._journal()  # what the journal timer does while the user types
    assert [entry.record_id for entry in drafts.pending(db.url)] == [university_id]
    editor.hide()  # the application dies: the dialog never closes, the journal stays
    editor.deleteLater()

    opened: list[UniversityEditor] = []

    def fake_exec(dialog):
        opened.append(dialog)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(UniversityEditor, "exec", fake_exec)
    message_box_answers.append("Open again")
    main_window.offer_recovered_drafts()
    assert "Satbayev University" in message_box_answers.shown[-1]["text"]
    [recovered] = opened
    assert recovered.city.text() == "Almaty" and recovered.record_id == university_id
    assert recovered.has_unsaved_changes()
    assert drafts.pending(db.url) == []


def test_quitting_with_unsaved_changes_on_a_page_asks_and_cancel_keeps_the_window(main_window, qtbot,
                                                                                  message_box_answers):
    page = main_window.pages["dashboard"]
    state = {"dirty": True, "saved": 0}
    page.has_unsaved_changes = lambda: state["dirty"]
    page.unsaved_description = lambda: "The dashboard has unsaved changes."
    page.save_changes = lambda: state.update(saved=state["saved"] + 1, dirty=False) or True
    page.discard_changes = lambda: state.update(dirty=False)
    message_box_answers.append("Cancel")
    main_window.act_quit.trigger()
    assert main_window.isVisible() and state["dirty"]
    message_box_answers.append("Cancel")
    main_window.open_area("universities")
    assert main_window.current_area() == "dashboard" and state["dirty"]
    message_box_answers.append("Save")
    main_window.open_area("universities")
    assert main_window.current_area() == "universities" and state["saved"] == 1
    state["dirty"] = True
    message_box_answers.append("Discard")
    main_window.open_area("dashboard")
    main_window.open_area("universities")
    assert not state["dirty"] and main_window.current_area() == "universities"
