"""The Recognition page through real widgets: a case walks the whole workflow, edits undo, a large
database opens and filters while the event loop keeps running."""

import datetime as dt

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from desktop_app.domain.recognition import MASK
from desktop_app.ui.recognition.editor import CaseEditor, select_data


def _click(qtbot, button):
    assert button.isVisible() and button.isEnabled(), button.objectName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_case_entered_in_the_gui_walks_the_workflow_with_full_history(main_window, qtbot, monkeypatch):
    page = main_window.open_area("recognition")
    from desktop_app.domain.recognition import RuleDraft
    from desktop_app.services.recognition_rules import create_rule

    create_rule(main_window.context.db, RuleDraft(from_country="KZ", qualification_title="Бакалавр", isced_level="6",
                                                   to_country="TR", recognised_as="Lisans",
                                                   legal_basis="bilateral_agreement"))
    today = dt.date.today()
    seen = {}

    def drive(editor: CaseEditor) -> int:
        editor.show()
        w = editor.widgets
        _click(qtbot, editor.save_button)  # an empty case is refused, field by field
        assert editor.case_id is None and editor.errors["holder_name"].isVisible()
        qtbot.keyClicks(w["reference"], "GUI-0001")
        w["holder_name"].insert("Демо Тестов")  # QTest cannot type Cyrillic keys
        w["holder_birth_date"].set_value(dt.date(1999, 9, 9))
        select_data(w["issuing_country"], "KZ")
        select_data(w["recognising_country"], "TR")
        select_data(w["isced_level"], "6")
        w["qualification_title"].insert("Бакалавр техники")
        assert "Lisans" in editor.suggestion.text()  # the matching equivalence rule is suggested
        _click(qtbot, editor.apply_rule)
        assert w["legal_basis"].currentData() == "bilateral_agreement"
        _click(qtbot, editor.save_button)
        assert editor.case_id is not None
        assert not editor.workflow_buttons["decided"].isVisible()
        _click(qtbot, editor.workflow_buttons["under_evaluation"])
        _click(qtbot, editor.workflow_buttons["decided"])  # refused: no outcome, no date
        assert editor.errors["outcome"].isVisible() and editor.status == "under_evaluation"
        select_data(w["outcome"], "partial")
        w["decided_on"].set_value(today)
        qtbot.keyClicks(w["substantial_differences"], "Fewer practice hours")
        _click(qtbot, editor.workflow_buttons["decided"])
        w["appeal_lodged_on"].set_value(today)
        _click(qtbot, editor.workflow_buttons["appealed"])
        select_data(w["appeal_result"], "rejected")
        _click(qtbot, editor.workflow_buttons["closed"])
        assert editor.status == "closed" and not any(b.isVisible() for b in editor.workflow_buttons.values())
        history = editor.history
        seen["rows"] = [[history.item(r, c).text() for c in range(4)] for r in range(history.rowCount())]
        seen["case_id"] = editor.case_id
        return 1

    monkeypatch.setattr(CaseEditor, "exec", lambda editor: 0)  # opened as the user would; driven below
    _click(qtbot, page.new_case)
    drive(page.editor)
    rows = seen["rows"]
    statuses = [(old, new) for _when, field, old, new in rows if field == "Status" and old]
    assert statuses == [("Received", "Under evaluation"), ("Under evaluation", "Decided"), ("Decided", "Appealed"),
                        ("Appealed", "Closed")]
    changed = {field for _when, field, _old, _new in rows}
    for field in ("Outcome", "Decided on", "Substantial differences and reasons", "Appeal lodged on",
                  "Appeal result", "Holder's name (personal)", "Qualification", "Legal basis"):
        assert field in changed
    assert [new for _w, field, _o, new in rows if field == "Outcome"] == ["Partial recognition"]
    assert all(new == MASK for _w, field, _o, new in rows if field.startswith("Holder's name"))
    assert not any("Демо" in " ".join(row) or "1999" in " ".join(row) for row in rows)
    qtbot.waitUntil(lambda: page.model.total == 1 and not page.model.loading and not page.model.counting, timeout=10000)
    assert page.model.rows[0]["holder_name"] == MASK


def test_edits_undo_and_redo(main_window, qtbot, monkeypatch):
    from desktop_app.domain.recognition import CaseDraft
    from desktop_app.services import recognition_cases as service

    db = main_window.context.db
    case_id = service.create_case(db, CaseDraft(holder_name="Sample Holder", reference="U-1", issuing_country="KZ",
                                                recognising_country="RU", qualification_title="Магистр",
                                                received_on=dt.date(2025, 2, 1)))
    page = main_window.open_area("recognition")

    def drive(editor):
        editor.show()
        editor.widgets["qualification_title"].clear()
        editor.widgets["qualification_title"].insert("Магистр наук")
        _click(qtbot, editor.save_button)
        return 1

    monkeypatch.setattr(CaseEditor, "exec", lambda editor: 0)
    drive(page.open_case(case_id))
    assert service.get_case(db, case_id)[0].qualification_title == "Магистр наук"
    assert page.undo_stack.count() == 1
    main_window.context.undo_group.setActiveStack(page.undo_stack)
    main_window.act_undo.trigger()
    assert service.get_case(db, case_id)[0].qualification_title == "Магистр"
    page.undo_stack.redo()
    assert service.get_case(db, case_id)[0].qualification_title == "Магистр наук"
    titles = [e for e in service.case_history(db, case_id) if e.field == "qualification_title"]
    assert [e.new_value for e in titles] == ["Магистр", "Магистр наук", "Магистр", "Магистр наук"]


def test_reveal_is_deliberate_and_recorded(main_window, qtbot, monkeypatch):
    from desktop_app.domain.recognition import CaseDraft
    from desktop_app.services import recognition_cases as service

    db = main_window.context.db
    service.create_case(db, CaseDraft(holder_name="Sample Holder", reference="P-1", issuing_country="KZ",
                                      recognising_country="RU", qualification_title="Магистр",
                                      received_on=dt.date(2025, 2, 1)))
    page = main_window.open_area("recognition")
    qtbot.waitUntil(lambda: page.model.total == 1 and not page.model.loading and not page.model.counting, timeout=10000)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    _click(qtbot, page.reveal)
    assert not page.reveal.isChecked() and page.model.rows[0]["holder_name"] == MASK
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    _click(qtbot, page.reveal)
    qtbot.waitUntil(lambda: not page.model.loading and page.model.rows[0]["holder_name"] == "Sample Holder",
                    timeout=10000)
    assert [e.action for e in service.recent_events(db)] == ["reveal"]


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


def test_import_previews_errors_and_writes_only_when_confirmed(main_window, qtbot, monkeypatch, tmp_path):
    from desktop_app.services.recognition_queries import CaseFilter, count_cases
    from desktop_app.ui.recognition.import_dialog import ImportDialog

    source = tmp_path / "cases.csv"
    source.write_text("reference,holder_name,issuing_country,recognising_country,qualification_title,received_on\n"
                      "IMP-1,Demo Person,KZ,TR,Lisans,2025-02-01\n"
                      "IMP-2,Sample Holder,KZ,TR,Lisans,not a date\n", encoding="utf-8")
    page = main_window.open_area("recognition")
    db = main_window.context.db
    monkeypatch.setattr(ImportDialog, "exec", lambda dialog: 0)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(source), ""))
    created = []
    original = ImportDialog.__init__

    def remember(dialog, *args, **kwargs):
        original(dialog, *args, **kwargs)
        created.append(dialog)

    monkeypatch.setattr(ImportDialog, "__init__", remember)
    _click(qtbot, page.import_button)
    dialog = created[0]
    dialog.show()
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    assert dialog.errors.rowCount() == 1
    assert [dialog.errors.item(0, c).text() for c in range(2)] == ["3", "received_on"]
    assert dialog.valid.rowCount() == 1 and count_cases(db, CaseFilter()) == 0  # nothing written yet
    _click(qtbot, dialog.import_button)
    qtbot.waitUntil(lambda: dialog.imported == 1, timeout=10000)
    assert count_cases(db, CaseFilter()) == 1
    qtbot.waitUntil(lambda: page.model.total == 1 and not page.model.counting, timeout=10000)


def test_statistics_view_and_its_data_protection_log(main_window, qtbot, tmp_path):
    from desktop_app.exchange.recognition_demo import load_demo_recognition
    from desktop_app.exchange.recognition_files import export_cases

    db = main_window.context.db
    load_demo_recognition(db)
    export_cases(db, tmp_path / "cases.csv")
    page = main_window.open_area("recognition")
    page.tabs.setCurrentIndex(2)
    stats_tab = page.stats_tab
    qtbot.waitUntil(lambda: stats_tab.stats is not None, timeout=10000)
    assert "300" in stats_tab.summary.text()
    assert stats_tab.pairs.rowCount() == len(stats_tab.stats["by_country_pair_and_year"])
    log = [[stats_tab.log.item(r, c).text() for c in range(3)] for r in range(stats_tab.log.rowCount())]
    assert [row[1] for row in log] == ["Statistics", "Export"]
    assert log[1][2].startswith("personal data left out; 300 cases")


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

    monkeypatch.setattr(model_module, "fetch_page", lambda *args: [])
    monkeypatch.setattr(model_module, "count_cases", slow_count)
    model = model_module.CaseTableModel()
    model.db = object()  # never reached: the queries are replaced above
    model.reload()
    assert started.wait(5)
    threading.Timer(0.2, release.set).start()  # the count ends while the model is being destroyed
    shiboken6.delete(model)  # as when the window closes; waits for the running query
    qtbot.wait(50)
