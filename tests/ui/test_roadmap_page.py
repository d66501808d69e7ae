"""The road map through the real page: overdue actions flagged, status and evidence changed in place and
undone through the contract's commands, unsaved notes never dropped silently, meetings and members
created, edited and deleted (asked first) with undo."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from desktop_app.domain.roadmap import MeetingDraft, MemberDraft
from desktop_app.services import documents, meetings, roadmap, working_group
from desktop_app.ui.common.documents import DocumentsDialog
from desktop_app.ui.common.tables import select_row
from desktop_app.ui.roadmap.dialogs import MeetingEditor, MemberEditor
from desktop_app.ui.roadmap.models import A_NUMBER, A_STATUS, W_NAME


def _page(main_window, qtbot):
    page = main_window.open_area("roadmap")
    qtbot.waitUntil(lambda: page.action_model.rowCount() == 5, timeout=10000)
    return page


def _drive(monkeypatch, editor_class, fill):
    def fake_exec(editor):
        fill(editor)
        return editor.result()

    monkeypatch.setattr(editor_class, "exec", fake_exec)


def _ok(qtbot, editor):
    qtbot.mouseClick(editor.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_overdue_actions_are_flagged_and_a_status_change_is_undone(main_window, qtbot):
    db = main_window.context.db
    page = _page(main_window, qtbot)
    model = page.action_model
    overdue = [model.data(model.index(r, A_NUMBER), Qt.ItemDataRole.BackgroundRole) is not None for r in range(5)]
    assert overdue == [a.overdue for a in roadmap.iterate(db)]
    assert all(overdue)  # every deadline of the concept paper has passed and nothing is done yet
    assert model.data(model.index(0, A_STATUS)) == "Planned — overdue"

    select_row(page.action_table, 0)
    page.status.setCurrentIndex(page.status.findData("done"))
    qtbot.keyClicks(page.notes, "Concept paper circulated")
    assert page.has_unsaved_changes()
    qtbot.mouseClick(page.save_status, Qt.MouseButton.LeftButton)
    first = roadmap.page(db).rows[0]
    assert (first.status, first.overdue, first.notes) == ("done", False, "Concept paper circulated")
    qtbot.waitUntil(lambda: model.data(model.index(0, A_NUMBER), Qt.ItemDataRole.BackgroundRole) is None)
    assert model.data(model.index(0, A_STATUS)) == "Done" and not page.has_unsaved_changes()
    main_window.act_undo.trigger()
    assert roadmap.page(db).rows[0].status == "planned"
    qtbot.waitUntil(lambda: page.notes.toPlainText() == "")


def test_unsaved_notes_are_asked_about_before_another_action_is_shown(main_window, qtbot, message_box_answers):
    db = main_window.context.db
    page = _page(main_window, qtbot)
    select_row(page.action_table, 0)
    qtbot.keyClicks(page.notes, "Draft circulated to the Member States")
    message_box_answers.append("Cancel")
    select_row(page.action_table, 1)
    assert page._shown_action.number == 1 and page.notes.toPlainText() == "Draft circulated to the Member States"
    message_box_answers.append("Save")
    select_row(page.action_table, 1)
    assert roadmap.page(db).rows[0].notes == "Draft circulated to the Member States"
    assert page._shown_action.number == 2
    qtbot.keyClicks(page.notes, "Will be lost")
    message_box_answers.append("Discard")
    main_window.open_area("universities")  # leaving the page asks too
    assert main_window.current_area() == "universities"
    assert roadmap.page(db).rows[1].notes == ""


def test_evidence_is_attached_and_removed_with_undo(main_window, qtbot, monkeypatch, tmp_path, message_box_answers):
    db = main_window.context.db
    page = _page(main_window, qtbot)
    select_row(page.action_table, 2)
    action_id = page._shown_action.id
    evidence = tmp_path / "memorandum.pdf"
    evidence.write_bytes(b"%PDF signed memorandum")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(evidence), ""))
    qtbot.mouseClick(page.attach_evidence, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.evidence.count() == 1)
    assert page.evidence.item(0).text() == "memorandum.pdf (22 bytes)"
    page.evidence.setCurrentRow(0)
    copy = tmp_path / "copy.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, **kwargs: (str(copy), ""))
    qtbot.mouseClick(page.save_evidence, Qt.MouseButton.LeftButton)
    assert copy.read_bytes() == b"%PDF signed memorandum"
    message_box_answers.append("Delete")
    qtbot.mouseClick(page.remove_evidence, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.evidence.count() == 0)
    main_window.act_undo.trigger()  # the removal
    [info] = documents.list_documents(db, roadmap.DOCUMENTS, action_id)
    assert documents.document_content(db, info.id)[1] == b"%PDF signed memorandum"
    main_window.act_undo.trigger()  # the attachment
    assert documents.list_documents(db, roadmap.DOCUMENTS, action_id) == []


def test_meetings_with_their_documents_are_added_deleted_and_undone(main_window, qtbot, monkeypatch, tmp_path,
                                                                     message_box_answers):
    db = main_window.context.db
    page = _page(main_window, qtbot)
    page.tabs.setCurrentIndex(1)

    def fill_new(editor: MeetingEditor):
        _ok(qtbot, editor)
        assert editor.errors["title"].text() == "Give the meeting a title."
        qtbot.keyClicks(editor.title, "Second meeting of experts")
        qtbot.keyClicks(editor.place, "Almaty")
        editor.action.setCurrentIndex(editor.action.findData(roadmap.page(db).rows[3].id))
        _ok(qtbot, editor)

    _drive(monkeypatch, MeetingEditor, fill_new)
    qtbot.mouseClick(page.meetings.add, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.meetings.model.rowCount() == 1)
    [row] = meetings.page(db).rows
    assert (row.title, row.place, row.action_number) == ("Second meeting of experts", "Almaty", 4)

    select_row(page.meetings.table, 0)
    minutes = tmp_path / "signed minutes.pdf"
    minutes.write_bytes(b"%PDF signed")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(minutes), ""))

    def attach_then_remove(dialog: DocumentsDialog) -> int:
        qtbot.mouseClick(dialog.documents.attach, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.documents.attach, Qt.MouseButton.LeftButton)
        assert dialog.documents.list.count() == 2
        dialog.documents.list.setCurrentRow(1)
        message_box_answers.append("Cancel")
        qtbot.mouseClick(dialog.documents.remove, Qt.MouseButton.LeftButton)
        assert dialog.documents.list.count() == 2
        message_box_answers.append("Delete")
        qtbot.mouseClick(dialog.documents.remove, Qt.MouseButton.LeftButton)
        assert dialog.documents.list.count() == 1
        return 0

    monkeypatch.setattr(DocumentsDialog, "exec", attach_then_remove)
    qtbot.mouseClick(page.meetings.documents, Qt.MouseButton.LeftButton)
    assert "“Second meeting of experts”?" in message_box_answers.shown[-1]["text"]
    assert len(documents.list_documents(db, meetings.DOCUMENTS, row.id)) == 1
    main_window.act_undo.trigger()  # the removal
    assert len(documents.list_documents(db, meetings.DOCUMENTS, row.id)) == 2
    qtbot.waitUntil(lambda: page.meetings.model.row_at(0).documents == 2)

    select_row(page.meetings.table, 0)
    message_box_answers.append("Delete")
    qtbot.mouseClick(page.meetings.delete, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.meetings.model.rowCount() == 0)
    main_window.act_undo.trigger()
    qtbot.waitUntil(lambda: page.meetings.model.rowCount() == 1)
    assert meetings.get(db, row.id).draft == MeetingDraft("Second meeting of experts", row.held_on, "Almaty", "",
                                                          roadmap.page(db).rows[3].id)
    assert len(documents.list_documents(db, meetings.DOCUMENTS, row.id)) == 2  # back with the meeting


def test_members_are_masked_until_revealed_and_removed_after_asking(main_window, qtbot, monkeypatch,
                                                                    message_box_answers):
    db = main_window.context.db
    page = _page(main_window, qtbot)
    page.tabs.setCurrentIndex(2)

    def fill_new(editor: MemberEditor):
        assert editor.state.currentData() == "KZ"  # the coordinator's state
        qtbot.keyClicks(editor.name, "Asel Nurpeisova")
        qtbot.keyClicks(editor.email, "asel@example.org")
        qtbot.keyClicks(editor.organisation, "Al-Farabi Kazakh National University")
        _ok(qtbot, editor)

    _drive(monkeypatch, MemberEditor, fill_new)
    qtbot.mouseClick(page.members.add, Qt.MouseButton.LeftButton)
    model = page.members.model
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.data(model.index(0, W_NAME)) == "A. N."
    page.members.reveal.setChecked(True)
    assert model.data(model.index(0, W_NAME)) == "Asel Nurpeisova"
    page.members.reveal.setChecked(False)
    select_row(page.members.table, 0)
    message_box_answers.append("Delete")
    qtbot.mouseClick(page.members.delete, Qt.MouseButton.LeftButton)
    assert "Asel" not in message_box_answers.shown[-1]["text"]
    qtbot.waitUntil(lambda: model.rowCount() == 0)
    main_window.act_undo.trigger()
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    [member] = working_group.page(db, working_group.MemberQuery(reveal_personal=True)).rows
    assert working_group.get(db, member.id).draft == MemberDraft(
        "KZ", "Asel Nurpeisova", "asel@example.org", "Al-Farabi Kazakh National University", "")


def test_meeting_draft_left_by_a_crash_is_offered_back(main_window, qtbot, monkeypatch, message_box_answers):
    db = main_window.context.db
    editor = MeetingEditor(db, None, lambda draft: None, database=db.url)
    qtbot.addWidget(editor)
    editor.title.setText("Third meeting of experts")
    editor.held_on.setDate(dt.date(2026, 2, 3))
    editor._journal()
    editor.hide()
    opened = []
    monkeypatch.setattr(MeetingEditor, "exec", lambda dialog: opened.append(dialog) or 0)
    message_box_answers.append("Open again")
    main_window.offer_recovered_drafts()
    [recovered] = opened
    assert recovered.title.text() == "Third meeting of experts" and recovered.record_id is None
    assert recovered.held_on.date().toPython() == dt.date(2026, 2, 3)
    assert main_window.current_area() == "roadmap"


def test_a_new_action_is_added_and_a_moved_deadline_is_shown_with_its_history(main_window, qtbot, monkeypatch,
                                                                                message_box_answers):
    from desktop_app.domain.organisations import OrganisationDraft
    from desktop_app.domain.universities import NameDraft
    from desktop_app.services import organisations
    from desktop_app.ui.roadmap.action_editor import ActionEditor

    db = main_window.context.db
    page = _page(main_window, qtbot)
    ministry = organisations.create(db, OrganisationDraft("ministry", [NameDraft("Ministry of Education", "en")], "KZ"))

    def fill_new(editor):
        assert editor.number.value() == 6
        editor.actors.picker.select(ministry)  # a ministry of the register is responsible for it
        qtbot.mouseClick(editor.actors.add_button, Qt.MouseButton.LeftButton)
        assert editor.actors.list.item(0).text().startswith("Ministry of Education")
        editor.title.setPlainText("Evaluate the joint programmes")
        editor.form_of_completion.setText("Report to the Council")
        editor.year.setValue(2027)
        editor.quarter_from.setValue(1)
        editor.quarter_to.setValue(2)
        _ok(qtbot, editor)

    _drive(monkeypatch, ActionEditor, fill_new)
    qtbot.mouseClick(page.new_action, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.action_model.rowCount() == 6, timeout=5000)
    sixth = next(row for row in roadmap.iterate(db) if row.number == 6)
    assert (sixth.title_en, sixth.deadline) == ("Evaluate the joint programmes", "Q1–Q2 2027")
    assert sixth.organisations == ((ministry, "Ministry of Education"),)
    assert page._selected_action().id == sixth.id
    qtbot.waitUntil(lambda: "Ministry of Education" in page.responsible.text(), timeout=5000)

    def move(editor):
        editor.quarter_from.setValue(3)
        editor.quarter_to.setValue(3)
        _ok(qtbot, editor)

    _drive(monkeypatch, ActionEditor, move)
    qtbot.mouseClick(page.edit_action, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Q1–Q2 2027 → Q3 2027" in page.history.text(), timeout=5000)
    main_window.act_undo.trigger()
    assert roadmap.get(db, sixth.id).draft.deadline_quarter_from == 1
    assert roadmap.deadline_history(db, sixth.id) == []  # undone as if it had not happened

    def refuse(editor):
        editor.title.setPlainText("")
        editor.quarter_from.setValue(4)
        editor.quarter_to.setValue(2)
        _ok(qtbot, editor)
        assert not editor.errors["title_en"].isHidden() and not editor.errors["deadline_quarter_to"].isHidden()

    _drive(monkeypatch, ActionEditor, refuse)
    page.edit_selected_action()
    assert roadmap.get(db, sixth.id).draft.title_en == "Evaluate the joint programmes"
