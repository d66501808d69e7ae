"""The Quality page through real widgets, over the demonstration data: an evaluation added, edited, deleted
after asking and brought back by undo, its overdue recommendation flagged; a survey defined and its results
imported from a file with its own column layout (mapped, remembered, respondents left out, undone); a bad
file names its line and column and writes nothing; indicators against their targets; staff-development
participants masked until deliberately shown; a refused draft writes nothing; empty lists say what to do."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

from desktop_app.domain.quality import EvaluationDraft, RecommendationDraft
from desktop_app.domain.surveys import QuestionDraft
from desktop_app.exchange.demo import load_demo
from desktop_app.services import curricula, evaluations, programme_indicators, staff_development, surveys
from desktop_app.ui.common.tables import select_row
from desktop_app.ui.quality.evaluations import EvaluationEditor
from desktop_app.ui.quality.indicators import IndicatorEditor
from desktop_app.ui.quality.models import EV_OVERDUE, INDICATOR_COLUMNS, OVERDUE
from desktop_app.ui.quality.survey_import import MappingDialog
from desktop_app.ui.quality.surveys import SurveyEditor

TODAY = dt.date(2026, 12, 3)


def _page(main_window, qtbot, demo: bool = True):
    if demo:
        load_demo(main_window.context.db, TODAY)
    page = main_window.open_area("quality")
    qtbot.waitUntil(lambda: page.evaluations.model.db is not None, timeout=10000)
    page.today = TODAY
    page.evaluations.model.query = page.evaluations.query()
    for tab in page.all_tabs():
        tab.reload()
    return page


def _drive(monkeypatch, editor_class, *steps):
    """Each time the editor opens, the next step fills it (and clicks OK)."""
    queue = list(steps)

    def fake_exec(editor):
        queue.pop(0)(editor)
        return editor.result()

    monkeypatch.setattr(editor_class, "exec", fake_exec)
    return queue


def _ok(qtbot, editor):
    qtbot.mouseClick(editor.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _programme(db) -> int:
    return curricula.choices(db)[0].id


def test_evaluation_added_edited_deleted_and_undone(main_window, qtbot, monkeypatch, message_box_answers):
    page = _page(main_window, qtbot)
    db = main_window.context.db
    tab = page.evaluations
    before = evaluations.total(db)

    def refused_then_added(editor: EvaluationEditor):
        editor.programme.setCurrentIndex(editor.programme.findData(None))  # no programme: refused
        editor.programme.setCurrentIndex(-1)
        assert not editor.try_accept()
        assert not editor.errors["programme_id"].isHidden()
        assert evaluations.total(db) == before  # nothing written
        editor.programme.setCurrentIndex(0)
        editor.title.setText("Second cycle")
        editor.agency.setCurrentIndex(editor.agency.findText("Independent Agency for Accreditation and Rating",
                                                             Qt.MatchFlag.MatchStartsWith))
        assert editor.agency.value() is not None  # the auditing agency is an organisation of the register
        editor.recommendations.add_row(["Hire a laboratory engineer", "Dean", dt.date(2026, 10, 1), "open", ""])
        _ok(qtbot, editor)

    def edited(editor: EvaluationEditor):
        assert editor.title.text() == "Second cycle"
        assert editor.agency.currentText().startswith("Independent Agency for Accreditation and Rating")
        editor.status.setCurrentIndex(editor.status.findData("completed"))
        _ok(qtbot, editor)

    _drive(monkeypatch, EvaluationEditor, refused_then_added, edited)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    assert evaluations.total(db) == before + 1
    new_id = tab.selected_id()
    assert new_id is not None
    row = tab.model.row_of_id(new_id)
    # the recommendation's deadline has passed: the cycle is red, and the pending list has it first
    assert tab.model.data(tab.model.index(row, EV_OVERDUE)) == "1"
    assert tab.model.data(tab.model.index(row, EV_OVERDUE), Qt.ItemDataRole.ForegroundRole).color() == OVERDUE
    assert "overdue" in tab.pending.item(0, 0).text()
    assert tab.pending.item(0, 1).text() == "Hire a laboratory engineer"

    qtbot.mouseClick(tab.edit_button, Qt.MouseButton.LeftButton)
    assert evaluations.get(db, new_id).draft.status == "completed"
    page.undo_stack.undo()
    assert evaluations.get(db, new_id).draft.status != "completed"
    page.undo_stack.redo()

    snapshot_uuid = evaluations.get(db, new_id).uuid
    message_box_answers.append("Cancel")
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert evaluations.total(db) == before + 1  # asked first; cancelled
    message_box_answers.append("Delete")
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert evaluations.total(db) == before
    assert "Delete" in message_box_answers.shown[-1]["buttons"]
    page.undo_stack.undo()
    assert evaluations.total(db) == before + 1
    restored = evaluations.page(db).rows
    assert snapshot_uuid in {r.uuid for r in restored}
    qtbot.waitUntil(lambda: tab.model.total == before + 1, timeout=5000)


def test_demo_overdue_recommendation_flagged(main_window, qtbot):
    page = _page(main_window, qtbot)
    tab = page.evaluations
    assert tab.model.total == 1
    assert tab.model.data(tab.model.index(0, 0), Qt.ItemDataRole.ForegroundRole).color() == OVERDUE
    assert "past their deadline" in tab.pending_label.text() or "past its deadline" in tab.pending_label.text()
    tab.programme.setCurrentIndex(1)
    qtbot.waitUntil(lambda: tab.model.total == 1, timeout=3000)
    tab.status.setCurrentIndex(tab.status.findData("planned"))
    qtbot.waitUntil(lambda: tab.model.total == 0, timeout=3000)
    assert tab.empty.isVisible() or not tab.isVisible()
    assert tab.empty.message.text() == "Nothing matches the search and filters."


def _new_survey(qtbot, monkeypatch, page, db) -> int:
    def fill(editor: SurveyEditor):
        editor.title.setText("Exit survey 2026")
        editor.programme.setCurrentIndex(editor.programme.findData(_programme(db)))
        editor.academic_year.setText("2026/2027")
        editor.invitations.setValue(10)
        for texts, kind in (({"en": "The courses were useful", "ru": "Курсы были полезны"}, "scale"),
                            ({"en": "Teaching quality"}, "scale"), ({"en": "What would you change?"}, "text")):
            editor.questions.add_question(QuestionDraft(texts, kind))
        _ok(qtbot, editor)

    _drive(monkeypatch, SurveyEditor, fill)
    page.tabs.setCurrentWidget(page.surveys)
    qtbot.mouseClick(page.surveys.new_button, Qt.MouseButton.LeftButton)
    survey_id = page.surveys.selected_id()
    assert survey_id is not None
    draft = surveys.get(db, survey_id).draft
    assert [q.texts for q in draft.questions][0] == {"en": "The courses were useful", "ru": "Курсы были полезны"}
    return survey_id


def _import(qtbot, monkeypatch, page, path, mapping_step) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(path), ""))
    seen = []

    def fake_exec(dialog):
        seen.append(dialog)
        return mapping_step(dialog)

    monkeypatch.setattr(MappingDialog, "exec", fake_exec)
    qtbot.mouseClick(page.surveys.import_button, Qt.MouseButton.LeftButton)
    return seen


def _settle(main_window, qtbot):
    for _round in range(3):
        main_window.context.runner.wait_for_all(10000)
        qtbot.wait(30)


def test_survey_results_imported_with_their_own_columns(main_window, qtbot, monkeypatch, tmp_path,
                                                        message_box_answers):
    page = _page(main_window, qtbot)
    db = main_window.context.db
    survey_id = _new_survey(qtbot, monkeypatch, page, db)
    path = tmp_path / "export.csv"
    path.write_text("Timestamp,Email Address,Rate 1,Rate 2,Your comments\n"
                    "2026-11-02,ann@example.org,5,Agree,More labs please (write to ann@example.org)\n"
                    "2026-11-03,bob@example.org,4,3,\n"
                    "2026-11-04,cy@example.org,2,Strongly disagree,Fine\n", encoding="utf-8")

    def mapped(dialog: MappingDialog):
        assert "Email Address" in dialog.left_out.text()  # respondents' column never offered
        combos = [combo for _key, _caption, combo in dialog.questions]
        assert all(combo.findData("Email Address") < 0 for combo in combos)
        for combo, header in zip(combos, ("Rate 1", "Rate 2", "Your comments"), strict=True):
            combo.setCurrentIndex(combo.findData(header))
        return 1

    seen = _import(qtbot, monkeypatch, page, path, mapped)
    _settle(main_window, qtbot)
    assert len(seen) == 1
    record = surveys.get(db, survey_id)
    assert record.facts["responses"] == 3
    assert sorted(record.facts["column_mapping"].values()) == ["Rate 1", "Rate 2", "Your comments"]
    assert "3 responses imported" in page.surveys.import_note.text()
    # the results: mean per question, response rate, free text without anyone's address
    results = page.surveys.results
    assert results.questions.item(0, 2).text() == "3.67"
    assert "30%" in results.summary.text()
    assert results.groups.rowCount() >= 1 and results.groups.item(0, 6).text() not in ("", "—")  # mean per group
    comments = [results.comments.item(i).text() for i in range(results.comments.count())]
    assert comments and not any("example.org" in text for text in comments)

    # a second file of the same layout: the columns come back remembered
    def remembered(dialog: MappingDialog):
        assert dialog.preview.mapping_remembered
        return 0  # cancelled: nothing changes

    seen = _import(qtbot, monkeypatch, page, path, remembered)
    _settle(main_window, qtbot)
    assert surveys.get(db, survey_id).facts["responses"] == 3

    page.undo_stack.undo()  # the import, undone
    assert surveys.get(db, survey_id).facts["responses"] == 0


def test_bad_survey_file_names_line_and_column_and_writes_nothing(main_window, qtbot, monkeypatch, tmp_path,
                                                                  message_box_answers):
    page = _page(main_window, qtbot)
    db = main_window.context.db
    survey_id = _new_survey(qtbot, monkeypatch, page, db)
    path = tmp_path / "bad.csv"
    path.write_text("Rate 1,Rate 2,Comments\n5,4,ok\n5,seven,no\n", encoding="utf-8")

    def mapped(dialog: MappingDialog):
        for (_key, _caption, combo), header in zip(dialog.questions, ("Rate 1", "Rate 2", "Comments"), strict=True):
            combo.setCurrentIndex(combo.findData(header))
        return 1

    message_box_answers.append("Cancel")
    _import(qtbot, monkeypatch, page, path, mapped)
    _settle(main_window, qtbot)
    shown = message_box_answers.shown[-1]
    assert "bad.csv" in shown["text"] and "1 row has errors" in shown["text"]
    assert surveys.get(db, survey_id).facts["responses"] == 0  # untouched

    # a file that is not there: one sentence naming it, nothing written
    missing = tmp_path / "gone.csv"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *args, **kwargs: (str(missing), ""))
    message_box_answers.append("OK")
    qtbot.mouseClick(page.surveys.import_button, Qt.MouseButton.LeftButton)
    _settle(main_window, qtbot)
    assert "gone.csv" in message_box_answers.shown[-1]["text"]
    assert surveys.get(db, survey_id).facts["responses"] == 0


def test_indicators_against_targets(main_window, qtbot, monkeypatch, message_box_answers):
    page = _page(main_window, qtbot)
    db = main_window.context.db
    tab = page.indicators
    before = programme_indicators.count(db)

    def fill(editor: IndicatorEditor):
        editor.programme.setCurrentIndex(editor.programme.findData(_programme(db)))
        editor.academic_year.setText("2027/2029")
        editor.boxes["applicants"][0].setValue(50)
        editor.boxes["applicants"][1].setValue(40)
        assert not editor.try_accept()  # not an academic year
        assert "academic year" in editor.errors["academic_year"].text()
        editor.academic_year.setText("2027/2028")
        _ok(qtbot, editor)

    _drive(monkeypatch, IndicatorEditor, fill)
    page.tabs.setCurrentWidget(tab)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    assert programme_indicators.count(db) == before + 1
    row = tab.model.row_of_id(tab.selected_id())
    column = next(c for c, indicator in INDICATOR_COLUMNS.items() if indicator == "applicants")
    index = tab.model.index(row, column)
    assert tab.model.data(index) == "40 of 50"
    assert tab.model.data(index, Qt.ItemDataRole.ToolTipRole) == "Target missed"
    message_box_answers.append("Delete")
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    assert programme_indicators.count(db) == before
    page.undo_stack.undo()
    assert programme_indicators.count(db) == before + 1


def test_participants_masked_until_deliberately_shown(main_window, qtbot, message_box_answers):
    page = _page(main_window, qtbot)
    db = main_window.context.db
    tab = page.staff
    page.tabs.setCurrentWidget(tab)
    select_row(tab.table, 0)
    record_id = tab.selected_id()
    real = staff_development.participants(db, record_id, reveal_personal=True)
    shown = [tab.participants.item(row, 0).text() for row in range(tab.participants.rowCount())]
    assert len(shown) == len(real) > 0
    assert all(person.name not in shown for person in real)  # masked
    message_box_answers.append("Cancel")
    tab.reveal.setChecked(True)
    assert not tab.reveal.isChecked()  # asked first; declined
    message_box_answers.append("Show")
    tab.reveal.setChecked(True)
    assert [tab.participants.item(row, 0).text() for row in range(tab.participants.rowCount())] == [
        person.name for person in real]
    select_row(tab.table, 1)  # another programme comes masked again
    assert not tab.reveal.isChecked()
    other = staff_development.participants(db, tab.selected_id(), reveal_personal=True)
    assert all(tab.participants.item(row, 0).text() != person.name for row, person in enumerate(other))
    assert tab.counts.rowCount() > 0


def test_empty_lists_say_what_to_do(main_window, qtbot):
    page = _page(main_window, qtbot, demo=False)
    for tab in page.all_tabs():
        page.tabs.setCurrentWidget(tab)
        qtbot.wait(10)
        assert tab.empty.isVisible()
        assert tab.empty.message.text().startswith("No ")
        assert tab.empty.buttons[0][0].text().replace("&", "").startswith("New ")


def test_recovered_evaluation_draft_opens_its_editor(main_window, qtbot, monkeypatch):
    page = _page(main_window, qtbot)
    db = main_window.context.db
    opened = []

    def look(editor: EvaluationEditor):
        opened.append((editor.title.text(), editor.has_unsaved_changes()))
        editor.done(0)

    _drive(monkeypatch, EvaluationEditor, look)
    from desktop_app.domain.drafts_json import to_jsonable

    draft = EvaluationDraft(_programme(db), 2027, "Recovered cycle",
                            recommendations=[RecommendationDraft("Keep going")])
    page.recover_draft(None, to_jsonable(draft), journal="quality")
    assert opened == [("Recovered cycle", True)]
