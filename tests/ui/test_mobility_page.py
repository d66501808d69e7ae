"""Mobility & events through the real page and editors: create, edit, delete (asked first) and undo through
the contract's commands, personal data masked until revealed, filters, and an event's documents surviving
delete-then-undo."""

import datetime as dt
import hashlib

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from desktop_app.domain.mobility import EventDraft, MobilityDraft
from desktop_app.services import documents, events, mobility, records
from desktop_app.storage import snapshots
from desktop_app.ui.common.documents import DocumentsDialog
from desktop_app.ui.core import drafts
from desktop_app.ui.mobility.dialogs import EventEditor, MobilityEditor
from desktop_app.ui.mobility.models import E_PARTNERS, M_PERSON
from tests.agreements_helpers import network


def _page(main_window, qtbot):
    page = main_window.open_area("mobility")
    qtbot.waitUntil(lambda: page.mobility_model.db is not None, timeout=10000)
    return page


def _drive(monkeypatch, editor_class, fill):
    """Replace the modal exec by filling the real editor and clicking its real OK button."""
    seen = []

    def fake_exec(editor):
        seen.append(editor)
        fill(editor)
        return editor.result()

    monkeypatch.setattr(editor_class, "exec", fake_exec)
    return seen


def _ok(qtbot, editor):
    qtbot.mouseClick(editor.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _names(model):
    return {model.data(model.index(row, M_PERSON)) for row in range(model.rowCount())}


def test_new_mobility_is_checked_masked_until_revealed_and_undone(main_window, qtbot, monkeypatch):
    db = main_window.context.db
    ids = network(db)
    page = _page(main_window, qtbot)

    def fill(editor: MobilityEditor):
        assert editor.sending.value() is None  # nothing chosen for the user
        qtbot.keyClicks(editor.person_name, "Aigerim Sadykova")
        qtbot.keyClicks(editor.person_email, "aigerim@")
        editor.sending.select(ids["kaznu"])
        editor.receiving.select(ids["kaznu"])
        _ok(qtbot, editor)
        assert editor.isVisible() or editor.result() == 0
        assert editor.errors["receiving_university_id"].isVisibleTo(editor)
        assert editor.errors["person_email"].text() == "“aigerim@” is not an e-mail address."
        assert mobility.count(db) == 0  # nothing written while refused
        editor.receiving.select(ids["ranked"])
        editor.person_email.setText("aigerim@example.org")
        _ok(qtbot, editor)

    _drive(monkeypatch, MobilityEditor, fill)
    qtbot.mouseClick(page.new_mobility, Qt.MouseButton.LeftButton)
    mobility.create(db, MobilityDraft("faculty", "guest_lecture", ids["ranked"], ids["enu"], dt.date(2025, 3, 1),
                                      dt.date(2025, 3, 8), person_name="Li Wei"))
    qtbot.waitUntil(lambda: _names(page.mobility_model) == {"A. S.", "L. W."})
    assert page.mobility_tab.count.text() == "2 mobility records"
    from desktop_app.services.recognition_cases import recent_events

    assert not [e for e in recent_events(db) if e.action == "reveal"]
    page.reveal.setChecked(True)
    assert _names(page.mobility_model) == {"Aigerim Sadykova", "Li Wei"}
    assert [e.new_value for e in recent_events(db) if e.action == "reveal"] == ["mobility list"]  # audited
    page.reveal.setChecked(False)
    assert _names(page.mobility_model) == {"A. S.", "L. W."}

    main_window.act_undo.trigger()  # the record entered in the editor goes away again
    qtbot.waitUntil(lambda: _names(page.mobility_model) == {"L. W."})
    main_window.act_redo.trigger()
    qtbot.waitUntil(lambda: _names(page.mobility_model) == {"A. S.", "L. W."})


def test_editing_and_deleting_a_mobility_record_ask_and_undo(main_window, qtbot, monkeypatch, message_box_answers):
    db = main_window.context.db
    ids = network(db)
    record_id = mobility.create(db, MobilityDraft("student", "semester", ids["kaznu"], ids["ranked"],
                                                  dt.date(2025, 9, 1), dt.date(2025, 12, 20),
                                                  person_name="Aigerim Sadykova"))
    page = _page(main_window, qtbot)
    qtbot.waitUntil(lambda: page.mobility_model.rowCount() == 1)
    page.mobility_tab.select_id(record_id)

    def fill(editor: MobilityEditor):
        qtbot.keyClicks(editor.funding, "Bolashak")
        _ok(qtbot, editor)

    _drive(monkeypatch, MobilityEditor, fill)
    qtbot.mouseClick(page.edit_mobility_button, Qt.MouseButton.LeftButton)
    assert mobility.get(db, record_id).draft.funding == "Bolashak"
    main_window.act_undo.trigger()
    assert mobility.get(db, record_id).draft.funding == ""
    main_window.act_redo.trigger()
    before = records.snapshot_of(db, mobility.KIND, record_id)

    page.mobility_tab.select_id(record_id)
    message_box_answers.append("Cancel")
    qtbot.mouseClick(page.delete_mobility, Qt.MouseButton.LeftButton)
    assert mobility.count(db) == 1
    question = message_box_answers.shown[-1]["text"]
    assert "Aigerim" not in question and "Semester exchange" in question  # no personal data in the question
    message_box_answers.append("Delete")
    qtbot.mouseClick(page.delete_mobility, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.mobility_model.rowCount() == 0)
    main_window.act_undo.trigger()
    qtbot.waitUntil(lambda: page.mobility_model.rowCount() == 1)
    after = records.snapshot_of(db, mobility.KIND, record_id)
    assert snapshots.canonical_json(after) == snapshots.canonical_json(before)


def test_an_event_deleted_and_undone_comes_back_with_its_documents(main_window, qtbot, monkeypatch, tmp_path,
                                                                   message_box_answers):
    db = main_window.context.db
    ids = network(db)
    event_id = events.create(db, EventDraft("workshop", "Water diplomacy workshop", dt.date(2025, 5, 5),
                                            dt.date(2025, 5, 6), ids["enu"], [ids["ranked"]], 30))
    page = _page(main_window, qtbot)
    page.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: page.event_model.rowCount() == 1)
    page.event_tab.select_id(event_id)
    report = tmp_path / "outcome.pdf"
    report.write_bytes(b"%PDF-1.4 workshop outcome " + bytes(range(256)))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(report), ""))

    def attach_in_the_dialog(dialog: DocumentsDialog) -> int:
        assert dialog.heading.text() == "Documents of the event “Water diplomacy workshop”"
        qtbot.mouseClick(dialog.documents.attach, Qt.MouseButton.LeftButton)
        assert dialog.documents.list.count() == 1 and dialog.documents.list.item(0).text().startswith("outcome.pdf")
        return 0

    monkeypatch.setattr(DocumentsDialog, "exec", attach_in_the_dialog)
    qtbot.mouseClick(page.event_documents, Qt.MouseButton.LeftButton)
    [attached] = documents.list_documents(db, events.DOCUMENTS, event_id)
    assert attached.sha256 == hashlib.sha256(report.read_bytes()).hexdigest()
    qtbot.waitUntil(lambda: page.event_model.row_at(0).documents == 1)

    page.event_tab.select_id(event_id)
    message_box_answers.append("Delete")
    qtbot.mouseClick(page.delete_event, Qt.MouseButton.LeftButton)
    assert "1 document" in message_box_answers.shown[-1]["text"]
    qtbot.waitUntil(lambda: page.event_model.rowCount() == 0)
    assert documents.list_documents(db, events.DOCUMENTS, event_id) == []

    main_window.act_undo.trigger()
    qtbot.waitUntil(lambda: page.event_model.rowCount() == 1)
    restored = page.event_model.row_at(0)
    assert restored.documents == 1
    [info] = documents.list_documents(db, events.DOCUMENTS, restored.id)
    assert documents.document_content(db, info.id) == ("outcome.pdf", report.read_bytes())

    main_window.act_undo.trigger()  # the attachment itself
    qtbot.waitUntil(lambda: page.event_model.row_at(0).documents == 0)
    assert documents.list_documents(db, events.DOCUMENTS, restored.id) == []


def test_an_events_partners_are_chosen_with_the_picker_and_the_edit_undone(main_window, qtbot, monkeypatch):
    db = main_window.context.db
    ids = network(db)
    event_id = events.create(db, EventDraft("symposium", "Symposium on water", dt.date(2025, 4, 1),
                                            dt.date(2025, 4, 2), ids["enu"], [ids["ranked"]], 60))
    page = _page(main_window, qtbot)
    page.tabs.setCurrentIndex(2)
    qtbot.waitUntil(lambda: page.event_model.rowCount() == 1)
    page.event_tab.select_id(event_id)

    def fill(editor: EventEditor):
        editor.partners.picker.select(ids["unranked"])
        qtbot.mouseClick(editor.partners.add, Qt.MouseButton.LeftButton)
        editor.partners.picker.select(ids["enu"])  # the host
        qtbot.mouseClick(editor.partners.add, Qt.MouseButton.LeftButton)
        _ok(qtbot, editor)
        assert editor.errors["partner_ids"].text() == "The host cannot also be listed among the partners."
        editor.partners.list.setCurrentRow(2)
        qtbot.mouseClick(editor.partners.remove, Qt.MouseButton.LeftButton)
        _ok(qtbot, editor)

    _drive(monkeypatch, EventEditor, fill)
    qtbot.mouseClick(page.edit_event_button, Qt.MouseButton.LeftButton)
    assert sorted(events.get(db, event_id).draft.partner_ids) == sorted([ids["ranked"], ids["unranked"]])
    qtbot.waitUntil(lambda: "Example Technical University" in page.event_model.data(
        page.event_model.index(0, E_PARTNERS)))
    main_window.act_undo.trigger()
    assert events.get(db, event_id).draft.partner_ids == [ids["ranked"]]


def test_filters_and_search_narrow_the_lists(main_window, qtbot):
    db = main_window.context.db
    ids = network(db)
    for number, (kind, fmt, start) in enumerate([("student", "semester", dt.date(2024, 9, 1)),
                                                 ("faculty", "guest_lecture", dt.date(2025, 3, 1)),
                                                 ("student", "internship", dt.date(2025, 6, 1))]):
        mobility.create(db, MobilityDraft(kind, fmt, ids["kaznu"], ids["ranked"] if number else ids["unranked"],
                                          start, start + dt.timedelta(days=30), person_name=f"Person {number}"))
    page = _page(main_window, qtbot)
    page.reload()
    model = page.mobility_model
    assert model.rowCount() == 3
    page.mobility_year.setCurrentIndex(page.mobility_year.findData(2025))
    assert model.rowCount() == 2
    page.person_kind.setCurrentIndex(page.person_kind.findData("faculty"))
    assert model.rowCount() == 1 and page.mobility_tab.count.text() == "1 mobility record"
    page.person_kind.setCurrentIndex(0)
    page.mobility_year.setCurrentIndex(0)
    qtbot.keyClicks(page.mobility_tab.search, "example technical")
    qtbot.waitUntil(lambda: model.rowCount() == 1, timeout=3000)
    assert model.row_at(0).receiving_university == "Example Technical University"


def test_an_event_draft_left_by_a_crash_is_offered_back(main_window, qtbot, monkeypatch, message_box_answers):
    db = main_window.context.db
    ids = network(db)
    event_id = events.create(db, EventDraft("workshop", "Water diplomacy workshop", dt.date(2025, 5, 5),
                                            dt.date(2025, 5, 6), ids["enu"], [], 30))
    editor = EventEditor(db, events.get(db, event_id).draft, lambda draft: None, record_id=event_id,
                         database=db.url)
    qtbot.addWidget(editor)
    editor.title.setText("Water diplomacy workshop, second day")
    editor._journal()  # what the journal timer does while the user types
    assert [(e.area, e.record_id) for e in drafts.pending(db.url)] == [("events", event_id)]
    editor.hide()  # the application dies: the editor never closes
    opened = _drive(monkeypatch, EventEditor, lambda dialog: None)
    message_box_answers.append("Open again")
    main_window.offer_recovered_drafts()
    [recovered] = opened
    assert recovered.title.text() == "Water diplomacy workshop, second day"
    assert recovered.record_id == event_id and recovered.has_unsaved_changes()
    assert main_window.current_area() == "mobility"
