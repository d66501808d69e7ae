"""The Governance page through real widgets: a council added with a rotating chair; a recommendation with
a follow-up action past its deadline appears red, first in the follow-up and under "only overdue"; marking
it done is one undoable edit; deletes ask first and undo; a refused draft writes nothing; the table models
without a view."""

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop_app.domain.governance import (
    BodyDraft,
    BodyNameDraft,
    ChairDraft,
    DecisionDraft,
    DecisionTextDraft,
    FollowUpDraft,
)
from desktop_app.services import bodies, decisions
from desktop_app.ui.governance.editors import BodyEditor, DecisionEditor
from desktop_app.ui.governance.models import (
    BODY_CHAIR,
    BODY_PERMANENT,
    COL_OVERDUE,
    COL_TITLE,
    OVERDUE,
    BodyTableModel,
    DecisionTableModel,
)

TODAY = dt.date(2026, 12, 3)


def _page(main_window, qtbot):
    page = main_window.open_area("governance")
    qtbot.waitUntil(lambda: page.model.db is not None, timeout=10000)
    page.today = page.model.today = page.body_model.today = TODAY
    return page


def _run(monkeypatch, editor_class, fill):
    seen = []

    def fake_exec(editor):
        seen.append(editor)
        fill(editor)
        return editor.result()

    monkeypatch.setattr(editor_class, "exec", fake_exec)
    return seen


def _ok(qtbot, editor):
    qtbot.mouseClick(editor.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_council_with_rotating_chair(main_window, qtbot, monkeypatch, message_box_answers):
    page = _page(main_window, qtbot)
    db = main_window.context.db
    assert page.body_model.total == 2  # the working group and the expert meetings, in every database

    def fill(editor):
        editor.kind.setCurrentIndex(editor.kind.findData("council"))
        editor.names.table.item(0, 0).setText("International Council")
        for year, state in ((2025, "KZ"), (2026, "UZ")):
            row = editor.chairs.add_row(ChairDraft("chair", year, state))
            assert editor.chairs.table.cellWidget(row, editor.chairs.STATE).currentData() == state
        editor.chairs.add_row(ChairDraft("permanent_co_chair", None, "CN"))
        _ok(qtbot, editor)

    _run(monkeypatch, BodyEditor, fill)
    page.tabs.setCurrentIndex(2)
    qtbot.mouseClick(page.add_body_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.body_model.total == 3, timeout=5000)
    body_id = page.selected_body_id()
    row = page.body_model.row_of_id(body_id)
    assert page.body_model.data(page.body_model.index(row, BODY_CHAIR)) == "Uzbekistan"
    assert page.body_model.data(page.body_model.index(row, BODY_PERMANENT)) == "China"
    assert [c.year for c in bodies.get(db, body_id).draft.chairs] == [2025, 2026, None]

    message_box_answers.append("Delete")
    qtbot.mouseClick(page.delete_body_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.body_model.total == 2, timeout=5000)
    assert "International Council" in message_box_answers.shown[-1]["text"]
    main_window.act_undo.trigger()
    qtbot.waitUntil(lambda: page.body_model.total == 3, timeout=5000)


def test_overdue_recommendation_followed_up(main_window, qtbot, monkeypatch, message_box_answers):
    page = _page(main_window, qtbot)
    db = main_window.context.db

    def fill(editor):
        editor.kind.setCurrentIndex(editor.kind.findData("recommendation"))
        editor.adopted.set_value(dt.date(2026, 1, 20))
        editor.texts.table.item(0, 1).setText("Audit every joint programme")
        editor.follow_ups.add_row(FollowUpDraft("Agree the audit procedure", dt.date(2026, 6, 30), "in_progress",
                                                responsible="Working group"))
        editor.follow_ups.add_row(FollowUpDraft("First audits", dt.date(2027, 6, 30), responsible="Agencies"))
        _ok(qtbot, editor)

    _run(monkeypatch, DecisionEditor, fill)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.total == 1, timeout=5000)
    decision_id = page.selected_id()
    assert page.model.data(page.model.index(0, COL_OVERDUE)) == "1"
    assert page.model.data(page.model.index(0, COL_TITLE), Qt.ItemDataRole.ForegroundRole).color() == OVERDUE
    assert page.follow_up.rowCount() == 2 and "overdue" in page.follow_up.item(0, 0).text()
    assert page.follow_up.item(0, 1).text() == "Agree the audit procedure"
    page.overdue_only.setChecked(True)
    assert page.model.total == 1
    page.overdue_only.setChecked(False)

    def mark_done(editor):
        table = editor.follow_ups.table
        table.cellWidget(0, editor.follow_ups.STATUS).setCurrentIndex(
            table.cellWidget(0, editor.follow_ups.STATUS).findData("done"))
        table.cellWidget(0, editor.follow_ups.COMPLETED).set_value(dt.date(2026, 11, 30))
        table.item(0, editor.follow_ups.EVIDENCE).setText("Minutes of 30 November")
        _ok(qtbot, editor)

    _run(monkeypatch, DecisionEditor, mark_done)
    page.table.selectRow(0)
    qtbot.mouseClick(page.edit_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.follow_up.rowCount() == 1, timeout=5000)
    assert decisions.get(db, decision_id).draft.follow_ups[0].evidence == "Minutes of 30 November"
    assert page.model.data(page.model.index(0, COL_OVERDUE)) == ""
    main_window.act_undo.trigger()
    qtbot.waitUntil(lambda: page.follow_up.rowCount() == 2, timeout=5000)
    assert decisions.get(db, decision_id).draft.follow_ups[0].status == "in_progress"

    page.table.selectRow(0)
    message_box_answers.append("Delete")
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.model.total == 0, timeout=5000)
    assert page.follow_up.rowCount() == 0
    main_window.act_undo.trigger()
    qtbot.waitUntil(lambda: page.model.total == 1, timeout=5000)


def test_a_refused_decision_shows_its_messages_and_writes_nothing(main_window, qtbot, monkeypatch):
    page = _page(main_window, qtbot)

    def fill(editor):
        editor.follow_ups.add_row(FollowUpDraft("", None))
        _ok(qtbot, editor)

    seen = _run(monkeypatch, DecisionEditor, fill)
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    editor = seen[0]
    assert "adopted" in editor.errors["adopted_on"].text()
    assert "Action 1" in editor.errors["follow_ups"].text()
    assert decisions.count(main_window.context.db) == 0 and page.undo_stack.count() == 0


def test_the_models_without_a_view(sqlite_db):
    body_id = bodies.create(sqlite_db, BodyDraft("forum", [BodyNameDraft("Rectors' forum", "en")],
                                                 chairs=[ChairDraft("host", 2026, "KZ"),
                                                         ChairDraft("initiator", None, "CN")]))
    decisions.create(sqlite_db, DecisionDraft("consensus", body_id, dt.date(2026, 5, 22),
                                              [DecisionTextDraft("en", "Almaty Consensus")],
                                              follow_ups=[FollowUpDraft("Open programmes", dt.date(2026, 9, 1),
                                                                        responsible="Rectors")]))
    model = DecisionTableModel(today=TODAY)
    model.set_database(sqlite_db)
    assert model.rowCount() == 1 and model.data(model.index(0, COL_TITLE)) == "Almaty Consensus"
    assert model.data(model.index(0, COL_OVERDUE)) == "1"
    bodies_model = BodyTableModel(today=TODAY)
    bodies_model.set_database(sqlite_db)
    row = bodies_model.row_of_id(body_id)
    assert bodies_model.data(bodies_model.index(row, BODY_CHAIR)) == "Kazakhstan"
    assert bodies_model.data(bodies_model.index(row, BODY_PERMANENT)) == "China"
