"""The Recognition page through real widgets: a case walks the whole workflow and every step undoes exactly
(history included), a deleted case comes back with its scans, a draft left by a crash is offered back, the
overdue horizon is the user's, and a large database opens and filters while the event loop keeps running."""

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from desktop_app.domain.recognition import MASK, CaseDraft, RuleDraft
from desktop_app.services import recognition_cases as cases
from desktop_app.services import recognition_rules as rules
from desktop_app.services import records
from desktop_app.ui.recognition.editor import CaseEditor
from desktop_app.ui.recognition.widgets import select_data


def _click(qtbot, button):
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _case(db, reference="U-1", **changes) -> int:
    values = dict(holder_name="Sample Holder", reference=reference, issuing_country="KZ", recognising_country="RU",
                  qualification_title="Магистр", received_on=dt.date(2025, 2, 1))
    values.update(changes)
    return cases.create(db, CaseDraft(**values))


def _editors(monkeypatch) -> list[CaseEditor]:
    """Editors opened as the user would; their event loop is skipped so the test drives them."""
    opened: list[CaseEditor] = []

    def fake_exec(editor):
        editor.show()
        opened.append(editor)
        return 0

    monkeypatch.setattr(CaseEditor, "exec", fake_exec)
    return opened


def _wait_listed(qtbot, page, total):
    qtbot.waitUntil(lambda: page.model.total == total and not page.model.loading and not page.model.counting,
                    timeout=10000)


def test_a_case_entered_in_the_gui_walks_the_workflow_and_each_step_undoes(main_window, qtbot, monkeypatch):
    db = main_window.context.db
    page = main_window.open_area("recognition")
    rule_id = rules.create(db, RuleDraft(from_country="KZ", qualification_title="Бакалавр", isced_level="6",
                                         to_country="TR", recognised_as="Lisans", legal_basis="bilateral_agreement"))
    today = dt.date.today()
    opened = _editors(monkeypatch)
    _click(qtbot, page.new_case)
    editor = opened[-1]
    w = editor.widgets
    _click(qtbot, editor.save_button)  # an empty case is refused, field by field
    assert editor.record_id is None and editor.errors["holder_name"].isVisible()
    qtbot.keyClicks(w["reference"], "GUI-0001")
    w["holder_name"].insert("Демо Тестов")  # QTest cannot type Cyrillic keys
    w["holder_birth_date"].set_value(dt.date(1999, 9, 9))
    select_data(w["issuing_country"], "KZ")
    select_data(w["recognising_country"], "TR")
    select_data(w["isced_level"], "6")
    w["qualification_title"].insert("Бакалавр техники")
    assert "Lisans" in editor.suggestion.text()  # the matching equivalence rule is suggested
    _click(qtbot, editor.apply_rule)
    assert w["legal_basis"].currentData() == "bilateral_agreement" and editor.rule_id == rule_id
    _click(qtbot, editor.save_button)
    case_id = editor.record_id
    assert case_id is not None and cases.get(db, case_id).draft.rule_id == rule_id
    assert not editor.workflow_buttons["decided"].isVisible()
    snapshots = [records.snapshot_of(db, cases.KIND, case_id)]
    _click(qtbot, editor.workflow_buttons["under_evaluation"])
    snapshots.append(records.snapshot_of(db, cases.KIND, case_id))
    _click(qtbot, editor.workflow_buttons["decided"])  # refused: no outcome, no date
    assert editor.errors["outcome"].isVisible() and editor.status == "under_evaluation"
    select_data(w["outcome"], "partial")
    w["decided_on"].set_value(today)
    qtbot.keyClicks(w["substantial_differences"], "Fewer practice hours")
    _click(qtbot, editor.workflow_buttons["decided"])
    snapshots.append(records.snapshot_of(db, cases.KIND, case_id))
    w["appeal_lodged_on"].set_value(today)
    _click(qtbot, editor.workflow_buttons["appealed"])
    snapshots.append(records.snapshot_of(db, cases.KIND, case_id))
    select_data(w["appeal_result"], "rejected")
    _click(qtbot, editor.workflow_buttons["closed"])
    assert editor.status == "closed" and not any(b.isVisible() for b in editor.workflow_buttons.values())
    assert "Status: Closed on" in editor.status_label.text()
    history = editor.history
    rows = [[history.item(r, c).text() for c in range(4)] for r in range(history.rowCount())]
    statuses = [(old, new) for _when, field, old, new in rows if field == "Status" and old]
    assert statuses == [("Received", "Under evaluation"), ("Under evaluation", "Decided"), ("Decided", "Appealed"),
                        ("Appealed", "Closed")]
    changed = {field for _when, field, _old, _new in rows}
    for field in ("Outcome", "Decided on", "Substantial differences and reasons", "Appeal lodged on",
                  "Appeal result", "Holder's name (personal)", "Qualification", "Legal basis", "Closed on"):
        assert field in changed
    assert [new for _w, field, _o, new in rows if field == "Outcome"] == ["Partial recognition"]
    assert all(new == MASK for _w, field, _o, new in rows if field.startswith("Holder's name"))
    assert not any("Демо" in " ".join(row) or "1999" in " ".join(row) for row in rows)
    editor.close()  # nothing unsaved: no question
    assert not editor.isVisible()
    _wait_listed(qtbot, page, 1)
    assert page.model.rows[0]["holder_name"] == MASK

    # Each move is one undo step putting the case back exactly as it was, its history included.
    main_window.context.undo_group.setActiveStack(page.undo_stack)
    assert page.undo_stack.count() == 5  # created, then four moves
    for expected in reversed(snapshots):
        main_window.act_undo.trigger()
        assert records.snapshot_of(db, cases.KIND, case_id) == expected
    main_window.act_undo.trigger()  # the creation itself
    _wait_listed(qtbot, page, 0)
    for _step in range(5):
        main_window.act_redo.trigger()
    assert cases.get(db, case_id).facts["status"] == "closed"


def test_edits_undo_and_redo_with_their_history(main_window, qtbot, monkeypatch):
    db = main_window.context.db
    case_id = _case(db)
    page = main_window.open_area("recognition")
    opened = _editors(monkeypatch)
    before = records.snapshot_of(db, cases.KIND, case_id)
    page.open_case(case_id)
    editor = opened[-1]
    editor.widgets["qualification_title"].clear()
    editor.widgets["qualification_title"].insert("Магистр наук")
    _click(qtbot, editor.buttons.button(editor.buttons.StandardButton.Ok))
    assert not editor.isVisible() and cases.get(db, case_id).draft.qualification_title == "Магистр наук"
    after = records.snapshot_of(db, cases.KIND, case_id)
    assert page.undo_stack.count() == 1 and page.undo_stack.undoText() == "Edit recognition case U-1"
    main_window.context.undo_group.setActiveStack(page.undo_stack)
    main_window.act_undo.trigger()
    assert records.snapshot_of(db, cases.KIND, case_id) == before
    assert [e.new_value for e in cases.case_history(db, case_id) if e.field == "qualification_title"] == ["Магистр"]
    main_window.act_redo.trigger()
    assert records.snapshot_of(db, cases.KIND, case_id) == after
    titles = [e.new_value for e in cases.case_history(db, case_id) if e.field == "qualification_title"]
    assert titles == ["Магистр", "Магистр наук"]
    page.open_case(case_id)  # opened and closed unchanged: no undo step, no question
    opened[-1].reject()
    assert page.undo_stack.count() == 1


def test_escape_with_unsaved_changes_asks_first(main_window, qtbot, monkeypatch, message_box_answers):
    db = main_window.context.db
    case_id = _case(db)
    page = main_window.open_area("recognition")
    opened = _editors(monkeypatch)
    page.open_case(case_id)
    editor = opened[-1]
    qtbot.keyClicks(editor.widgets["recognising_institution"], "Ministry")
    message_box_answers.append("Cancel")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.isVisible()
    message_box_answers.append("Save")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible() and cases.get(db, case_id).draft.recognising_institution == "Ministry"


def test_a_deleted_case_comes_back_with_its_scans_and_history(main_window, qtbot, monkeypatch, message_box_answers,
                                                              tmp_path):
    db = main_window.context.db
    case_id = _case(db)
    page = main_window.open_area("recognition")
    _wait_listed(qtbot, page, 1)
    opened = _editors(monkeypatch)
    scan = tmp_path / "diploma.pdf"
    scan.write_bytes(b"%PDF-1.4 a scanned diploma")
    page.open_case(case_id)
    editor = opened[-1]
    assert editor.attach(str(scan))
    assert editor.attachments.count() == 1 and "diploma.pdf" in editor.attachments.item(0).text()
    editor.close()
    assert page.undo_stack.undoText() == "Attach diploma.pdf to recognition case U-1"
    before = records.snapshot_of(db, cases.KIND, case_id)
    assert len(before["rows"]["recognition_attachments"]) == 1

    page.view.selectRow(0)
    message_box_answers.append("Cancel")
    _click(qtbot, page.delete_case)
    assert cases.get(db, case_id)  # asked first; cancelled
    assert "with its history and scans" in message_box_answers.shown[-1]["text"]
    message_box_answers.append("Delete")
    _click(qtbot, page.delete_case)
    _wait_listed(qtbot, page, 0)
    main_window.context.undo_group.setActiveStack(page.undo_stack)
    main_window.act_undo.trigger()
    _wait_listed(qtbot, page, 1)
    assert records.snapshot_of(db, cases.KIND, case_id) == before
    assert cases.attachment_content(db, cases.attachments(db, case_id)[0][0]) == ("diploma.pdf",
                                                                                   b"%PDF-1.4 a scanned diploma")
    main_window.act_undo.trigger()  # and the scan itself is undone
    assert cases.attachments(db, case_id) == []


def test_a_draft_left_by_a_crash_is_offered_back(main_window, qtbot, monkeypatch, message_box_answers):
    from desktop_app.ui.core import drafts

    db = main_window.context.db
    case_id = _case(db)
    draft = cases.get(db, case_id).draft
    draft.notes = "typed before the power cut"
    drafts.write("recognition", case_id, "Recognition case U-1", draft, db.url)
    opened = _editors(monkeypatch)
    message_box_answers.append("Open again")
    main_window.offer_recovered_drafts()
    editor = opened[-1]
    assert editor.record_id == case_id and editor.widgets["notes"].toPlainText() == "typed before the power cut"
    assert editor.has_unsaved_changes()
    _click(qtbot, editor.buttons.button(editor.buttons.StandardButton.Ok))
    assert cases.get(db, case_id).draft.notes == "typed before the power cut"


def test_the_overdue_horizon_is_the_users_preference(main_window, qtbot, monkeypatch):
    from desktop_app.ui.core import settings

    db = main_window.context.db
    received = dt.date.today() - dt.timedelta(days=60)
    case_id = _case(db, received_on=received)
    page = main_window.open_area("recognition")
    _wait_listed(qtbot, page, 1)
    assert not page.model.row_overdue(page.model.rows[0])  # 60 days: within the default horizon
    main_window.context.preferences.set(settings.RECOGNITION_OVERDUE_DAYS, 30)
    page.overdue_only.setChecked(True)
    qtbot.waitUntil(lambda: page.overdue_count == 1 and not page.model.loading and page.model.total == 1,
                    timeout=10000)
    assert page.model.row_overdue(page.model.rows[0])
    assert "1 case awaits a decision for more than 30 days." in page.summary.text()
    opened = _editors(monkeypatch)
    page.open_case(case_id)
    assert "overdue: no decision within 30 days" in opened[-1].status_label.text()


def test_reveal_is_deliberate_and_recorded(main_window, qtbot, monkeypatch):
    db = main_window.context.db
    _case(db, "P-1")
    page = main_window.open_area("recognition")
    _wait_listed(qtbot, page, 1)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    _click(qtbot, page.reveal)
    assert not page.reveal.isChecked() and page.model.rows[0]["holder_name"] == MASK
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    _click(qtbot, page.reveal)
    qtbot.waitUntil(lambda: not page.model.loading and page.model.rows[0]["holder_name"] == "Sample Holder",
                    timeout=10000)
    assert [e.action for e in cases.recent_events(db)] == ["reveal"]


def test_a_large_database_opens_lazily_and_filters_without_blocking(main_window, qtbot):
    from desktop_app.exchange.recognition_demo import generate_cases
    from desktop_app.services.recognition_queries import CaseFilter, count_cases

    db = main_window.context.db
    total = 50_000
    generate_cases(db, total)
    page = main_window.open_area("recognition")
    model = page.model
    qtbot.waitUntil(lambda: model.total == total and not model.loading and not model.counting, timeout=20000)
    assert model.rowCount() == model.page_size < total  # only the first page was fetched
    page.view.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() == 2 * model.page_size, timeout=10000)
    assert model.rowCount() < total

    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(0)
    expected = count_cases(db, CaseFilter(search="gen-0049"))
    qtbot.keyClicks(page.search, "gen-0049")
    page._debounce.timeout.emit()  # as if the typing pause had passed
    assert model.loading  # the query runs off the GUI thread: the call returned before the answer
    qtbot.waitUntil(lambda: not model.loading and not model.counting, timeout=20000)
    timer.stop()
    assert ticks  # the event loop kept turning while the database searched
    assert model.total == expected == 1000
    assert model.rowCount() == model.page_size
    assert all(row["reference"].startswith("GEN-0049") for row in model.rows)
    select_data(page.status_filter, "pending")
    qtbot.waitUntil(lambda: not model.loading and not model.counting and model.total == count_cases(
        db, CaseFilter(search="gen-0049", status="pending")), timeout=20000)
    page.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: not model.loading, timeout=20000)
    references = [row["reference"] for row in model.rows]
    assert references == sorted(references)


def test_the_editors_follow_a_language_switch(main_window, qtbot, qapp, monkeypatch, tmp_path):
    """The case editor, the rule editor and the import dialog, open during a switch, show nothing of the
    language before: country names ("Kazakhstan (KZ)"), statuses, outcomes, legal bases, purposes, dates."""
    from desktop_app.exchange.demo import load_demo
    from desktop_app.ui.core.language import apply_language
    from desktop_app.ui.recognition.import_dialog import ImportDialog
    from desktop_app.ui.recognition.rules import RuleDialog
    from tests.ui.visible_text import giveaways, leftovers, visible_texts

    db = main_window.context.db
    load_demo(db)
    page = main_window.open_area("recognition")
    decided = next(c.id for c in cases.choices(db, limit=300) if cases.get(db, c.id).draft.outcome)
    opened = _editors(monkeypatch)
    page.open_case(decided)
    editor = opened[-1]
    rule = RuleDialog(db, page.undo_stack, rules.list_rules(db)[0]["id"], page)
    qtbot.addWidget(rule)
    rule.show()
    source = tmp_path / "cases.csv"
    source.write_text("Reference number,Holder's name\nX-1,Demo Person\n", encoding="utf-8")
    monkeypatch.setattr(ImportDialog, "check", lambda dialog: None)
    importing = ImportDialog(main_window.context, str(source), page)
    qtbot.addWidget(importing)
    importing.show()
    assert "Kazakhstan (KZ)" in [editor.widgets["recognising_country"].itemText(i) for i in range(40)]
    problems = []
    for previous, current in (("en", "ru"), ("ru", "fa"), ("fa", "en")):
        apply_language(qapp, current)
        qtbot.wait(20)
        patterns = giveaways(previous, current)
        for dialog in (editor, rule, importing):
            for tab in range(dialog.tabs.count()) if hasattr(dialog, "tabs") else [None]:
                if tab is not None:
                    dialog.tabs.setCurrentIndex(tab)
                shown = [text for text in visible_texts(dialog) if text not in importing.headers]  # the file's own
                problems += [f"{previous}->{current} {dialog.objectName()}: {text!r}"
                             for text, _pattern in leftovers(shown, patterns)]
        if current == "ru":
            countries = [editor.widgets["recognising_country"].itemText(i) for i in range(40)]
            assert "Казахстан (KZ)" in countries and "Kazakhstan (KZ)" not in countries
            assert editor.widgets["legal_basis"].currentText() != label_in_english(editor)
    assert not problems, "\n".join(problems[:40])


def label_in_english(editor) -> str:
    from desktop_app.domain.recognition import LABELS

    return LABELS[editor.widgets["legal_basis"].currentData()]


def test_pseudonymising_forgets_the_undo_steps_that_hold_the_names(main_window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    db = main_window.context.db
    case_id = _case(db, received_on=dt.date(2015, 1, 5))
    page = main_window.open_area("recognition")
    opened = _editors(monkeypatch)
    page.open_case(case_id)
    editor = opened[-1]
    select_data(editor.widgets["outcome"], "full")
    editor.widgets["decided_on"].set_value(dt.date(2015, 3, 1))
    for target in ("under_evaluation", "decided"):
        _click(qtbot, editor.workflow_buttons[target])
    editor.close()
    draft = cases.get(db, case_id).draft
    cases.change_status(db, case_id, "closed", draft, today=dt.date(2015, 4, 1))
    assert page.undo_stack.count() == 2
    monkeypatch.setattr(QInputDialog, "getInt", lambda *a, **k: (5, True))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    _click(qtbot, page.pseudonymise_button)
    qtbot.waitUntil(lambda: page.undo_stack.count() == 0, timeout=10000)
    assert cases.get(db, case_id).draft.holder_name.startswith("PSN-")


def test_closing_the_list_while_a_query_runs_drops_the_answer_quietly(qtbot, monkeypatch):
    """The model may go (the window closes) while a worker still counts: the answer is dropped, no error."""
    import threading

    import shiboken6

    from desktop_app.ui.recognition import model as model_module

    started, release = threading.Event(), threading.Event()

    def slow_count(db, flt):
        started.set()
        release.wait(5)
        return 0

    from desktop_app.domain.contract import Page

    monkeypatch.setattr(model_module.cases, "page", lambda *args: Page([]))
    monkeypatch.setattr(model_module, "count_cases", slow_count)
    model = model_module.CaseTableModel()
    model.db = object()  # never reached: the queries are replaced above
    model.reload()
    assert started.wait(5)
    threading.Timer(0.2, release.set).start()  # the count ends while the model is being destroyed
    shiboken6.delete(model)  # as when the window closes; waits for the running query
    qtbot.wait(50)
