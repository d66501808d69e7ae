"""The learning agreement, transcript, grading table and scholarship editors through the real page and widgets:
an agreement typed, signed, changed as a new version (the older one read-only) and undone; a transcript whose
shortfall without a reason is refused naming the component, its grades converted by the grading tables; a
scholarship programme created, awarded, paid and deleted; no student named in any of them."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from desktop_app.domain.scholarships import AwardDraft, BudgetDraft, ScholarshipDraft
from desktop_app.domain.transcripts import GradeDraft, GradeTableDraft
from desktop_app.services import learning_agreements, mobility, scholarships, transcripts
from desktop_app.ui.mobility.agreement_editor import C_CREDITS, C_NOTE, C_TABLE, C_TITLE, LearningAgreementEditor
from desktop_app.ui.mobility.grading_editor import G_ECTS, G_GRADE, G_SHARE, GradingTableEditor
from desktop_app.ui.mobility.scholarship_editor import A_COMMITTED, A_PAID, ScholarshipEditor
from desktop_app.ui.mobility.scholarships_tab import S_NAME, S_REMAINING
from desktop_app.ui.mobility.transcript_editor import E_CONVERTED, E_GRADE, R_REASON, R_RECOGNISED, TranscriptEditor
from tests.mobility_helpers import mobility_with_agreement, student_mobility, two_universities
from tests.ui.visible_text import visible_texts


def _page(main_window, qtbot, rows: int = 1):
    page = main_window.open_area("mobility")
    qtbot.waitUntil(lambda: page.mobility_model.db is not None, timeout=10000)
    page.reload()
    qtbot.waitUntil(lambda: page.mobility_model.rowCount() == rows, timeout=5000)
    return page


def _open(page, qtbot, monkeypatch, dialog_class, button, act):
    """Open the dialog from the page's button with the first row selected; ``act`` drives it while open."""
    seen = []

    def fake_exec(dialog):
        seen.append(dialog)
        act(dialog)
        return 0

    monkeypatch.setattr(dialog_class, "exec", fake_exec)
    page.mobility_table.selectRow(0)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert seen, "the dialog did not open"
    return seen[0]


def _type(table, row: int, column: int, text: str) -> None:
    table.item(row, column).setText(text)


def test_a_learning_agreement_is_typed_signed_saved_and_undone(main_window, qtbot, monkeypatch):
    db = main_window.context.db
    sending, receiving = two_universities(db)
    mobility_id = student_mobility(db, sending, receiving)
    page = _page(main_window, qtbot)

    def act(editor: LearningAgreementEditor):
        assert not any("Aigerim" in text for text in visible_texts(editor))
        qtbot.keyClicks(editor.year, "2026/2027")
        editor.cefr.setCurrentText("B2")
        qtbot.mouseClick(editor.add_component, Qt.MouseButton.LeftButton)
        _type(editor.components, 0, C_TITLE, "Machine Learning")
        _type(editor.components, 0, C_CREDITS, "6")
        qtbot.mouseClick(editor.add_component, Qt.MouseButton.LeftButton)
        editor.components.cellWidget(1, C_TABLE).setCurrentIndex(1)  # recognised at home
        _type(editor.components, 1, C_TITLE, "Artificial Intelligence")
        _type(editor.components, 1, C_CREDITS, "six")
        assert "Credits studied: 6" in editor.totals.text()
        assert not editor.try_accept()  # not a number: said under the table, nothing written
        assert "six" in editor.components_error.text()
        assert learning_agreements.get_for(db, mobility_id) is None
        _type(editor.components, 1, C_CREDITS, "6")
        _type(editor.components, 1, C_NOTE, "Passed with at least E")
        editor.signed_on["student"].set_value(dt.date(2026, 6, 10))
        editor.signer["sending"].setText("Dana Sultanova")
        editor.signed_on["sending"].set_value(dt.date(2026, 6, 11))
        editor.signed_on["receiving"].set_value(dt.date(2026, 6, 12))
        assert not editor.try_accept()  # the receiving coordinator signed without a name
        assert "Name the coordinator who signed." in editor.signature_error.text()
        editor.signer["receiving"].setText("Li Wei")
        assert editor.version_state.text() == "Signed"
        assert editor.try_accept()

    _open(page, qtbot, monkeypatch, LearningAgreementEditor, page.learning_agreement, act)
    stored = learning_agreements.get_for(db, mobility_id).draft
    assert stored.receiving_academic_year == "2026/2027" and stored.cefr_level == "B2"
    assert [(c.section, c.title, c.credits) for c in stored.latest.components] == [
        ("studied", "Machine Learning", 6.0), ("recognized", "Artificial Intelligence", 6.0)]
    assert stored.latest.components[1].recognition_conditions == "Passed with at least E"
    assert stored.latest.signed and stored.latest.receiving_signed_at.date() == dt.date(2026, 6, 12)
    page.undo_stack.undo()
    assert learning_agreements.get_for(db, mobility_id) is None
    page.undo_stack.redo()
    assert learning_agreements.get_for(db, mobility_id).draft.latest.signed


def test_a_change_is_a_new_version_and_older_versions_are_read_only(main_window, qtbot, monkeypatch):
    db = main_window.context.db
    mobility_id = mobility_with_agreement(db)
    page = _page(main_window, qtbot)

    def act(editor: LearningAgreementEditor):
        assert editor.version.count() == 2 and editor.version.currentIndex() == 1
        assert not editor.has_unsaved_changes()  # what is shown is what is stored
        editor.version.setCurrentIndex(0)  # the first version, as it was signed
        assert "read only" in editor.version_state.text()
        assert not editor.components.item(0, C_TITLE).flags() & Qt.ItemFlag.ItemIsEditable
        assert editor.components.item(1, C_TITLE).text() == "Distributed Systems"
        editor.version.setCurrentIndex(1)
        assert editor.new_version.isEnabled()  # the latest is signed: a change is a new version
        qtbot.mouseClick(editor.new_version, Qt.MouseButton.LeftButton)
        assert editor.version.count() == 3 and editor.components.item(0, C_TITLE).flags() & Qt.ItemFlag.ItemIsEditable
        _type(editor.components, 0, C_CREDITS, "4")
        assert not editor.try_accept()
        assert "Say why the components changed in version 3." in editor.general_error.text()
        qtbot.keyClicks(editor.reason, "Course cancelled by the receiving university")
        assert editor.try_accept()

    _open(page, qtbot, monkeypatch, LearningAgreementEditor, page.learning_agreement, act)
    stored = learning_agreements.get_for(db, mobility_id).draft
    assert [v.number for v in stored.versions] == [1, 2, 3]
    assert stored.versions[2].components[0].credits == 4.0 and stored.status() == "draft"
    assert stored.versions[1].components[0].credits == 6.0  # the signed version is kept as signed
    page.undo_stack.undo()
    assert len(learning_agreements.get_for(db, mobility_id).draft.versions) == 2


def _grading_tables(db, sending: int, receiving: int) -> None:
    transcripts.save_grade_table(db, receiving, GradeTableDraft([
        GradeDraft("A", "A", 10.0), GradeDraft("B", "B", 25.0), GradeDraft("C", "C", 30.0), GradeDraft("D", "D", 25.0),
        GradeDraft("E", "E", 10.0), GradeDraft("F", "F", None, passing=False)]))
    transcripts.save_grade_table(db, sending, GradeTableDraft([
        GradeDraft("5", "A", 20.0), GradeDraft("4", "B", 40.0), GradeDraft("3", "C", 40.0),
        GradeDraft("2", "F", None, passing=False)]))


def test_a_shortfall_without_a_reason_is_refused_naming_the_component(main_window, qtbot, monkeypatch):
    db = main_window.context.db
    mobility_id = mobility_with_agreement(db)
    record = mobility.get(db, mobility_id).draft
    _grading_tables(db, record.sending_university_id, record.receiving_university_id)
    page = _page(main_window, qtbot)

    def act(editor: TranscriptEditor):
        qtbot.mouseClick(editor.add_entry, Qt.MouseButton.LeftButton)
        _type(editor.entries, 0, 1, "Machine Learning")
        _type(editor.entries, 0, 2, "6")
        _type(editor.entries, 0, E_GRADE, "A")
        assert editor.entries.item(0, E_CONVERTED).text() == "5"  # the top 10% fall in the home scale's top 20%
        qtbot.mouseClick(editor.propose, Qt.MouseButton.LeftButton)
        assert editor.recognitions.rowCount() == 2  # table B
        _type(editor.recognitions, 0, R_RECOGNISED, "3")
        assert not editor.try_accept()
        assert "Artificial Intelligence" in editor.recognitions_error.text()
        assert editor.recognitions.currentColumn() == R_REASON and editor.recognitions.currentRow() == 0
        assert transcripts.get(db, mobility_id).entries == []  # nothing written
        _type(editor.recognitions, 0, R_REASON, "Only the lectures were attended")
        assert editor.try_accept()

    _open(page, qtbot, monkeypatch, TranscriptEditor, page.transcript, act)
    stored = transcripts.get(db, mobility_id)
    assert stored.entries[0].grade == "A" and stored.recognitions[0].credits_recognised == 3.0
    page.undo_stack.undo()
    assert transcripts.get(db, mobility_id).entries == []


def test_a_grading_table_is_edited_and_undone(main_window, qtbot, monkeypatch):
    db = main_window.context.db
    sending, receiving = two_universities(db)
    student_mobility(db, sending, receiving)
    page = _page(main_window, qtbot)

    def act(editor: GradingTableEditor):
        assert editor.university.value() == receiving
        for grade, ects, share in (("A", "A", "40"), ("B", "B", "60")):
            qtbot.mouseClick(editor.add_grade, Qt.MouseButton.LeftButton)
            row = editor.grades.rowCount() - 1
            _type(editor.grades, row, G_GRADE, grade)
            editor.grades.cellWidget(row, G_ECTS).setCurrentText(ects)
            _type(editor.grades, row, G_SHARE, share)
        _type(editor.grades, 1, G_SHARE, "70")
        assert not editor.try_accept()
        assert "more than 100%" in editor.error.text()
        _type(editor.grades, 1, G_SHARE, "60")
        assert editor.try_accept() and not editor.has_unsaved_changes()

    _open(page, qtbot, monkeypatch, GradingTableEditor, page.grading_tables, act)
    assert [(g.grade, g.ects_grade, g.share) for g in transcripts.grade_table(db, receiving).grades] == [
        ("A", "A", 40.0), ("B", "B", 60.0)]
    page.undo_stack.undo()
    assert transcripts.grade_table(db, receiving).grades == []


def test_a_scholarship_is_created_awarded_paid_and_deleted(main_window, qtbot, monkeypatch, message_box_answers):
    db = main_window.context.db
    sending, receiving = two_universities(db)
    mobility_id = student_mobility(db, sending, receiving, days=90)
    page = _page(main_window, qtbot)
    page.tabs.setCurrentIndex(3)
    tab = page.scholarships_tab

    def act(editor: ScholarshipEditor):
        qtbot.keyClicks(editor.name, "CICA Mobility Grant")
        editor.currency.setText("EUR")
        editor.amount.setValue(1000)
        editor.budgets.item(0, 0).setText("2026")
        editor.budgets.item(0, 1).setText("10000")
        qtbot.mouseClick(editor.add_award, Qt.MouseButton.LeftButton)
        picker = editor.awards.cellWidget(0, 0)
        assert picker.value() == mobility_id and "Aigerim" not in picker.currentText()
        assert editor.awards.item(0, A_COMMITTED).text() == "3,000"  # three started months of 1,000
        editor.awards.setCurrentCell(0, A_PAID)
        qtbot.mouseClick(editor.mark_paid, Qt.MouseButton.LeftButton)
        assert editor.awards.item(0, A_PAID).text() == "3,000"
        assert "remaining €7,000.00" in editor.summary.text()
        assert editor.try_accept()

    monkeypatch.setattr(ScholarshipEditor, "exec", lambda editor: act(editor) or 0)
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=5000)
    model = tab.model
    assert model.data(model.index(0, S_NAME)) == "CICA Mobility Grant"
    assert model.data(model.index(0, S_REMAINING)) == "€7,000.00"
    tab.table.selectRow(0)
    assert tab.years.rowCount() == 1 and tab.years.item(0, 4).text() == "€7,000.00"
    programme_id = model.row_at(0).id
    stored = scholarships.get(db, programme_id).draft
    assert stored.awards == [AwardDraft(mobility_id, 2026, 3000.0, 3000.0, dt.date.today(), "")]
    message_box_answers.append("Delete")
    qtbot.mouseClick(tab.delete_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0, timeout=5000)
    page.undo_stack.undo()
    assert scholarships.get(db, programme_id).draft.awards[0].paid == 3000.0


def test_an_award_beyond_the_budget_is_refused_at_its_row(main_window, qtbot):
    db = main_window.context.db
    sending, receiving = two_universities(db)
    mobility_id = student_mobility(db, sending, receiving)
    draft = ScholarshipDraft("Grant", "KZT", 100.0, "lump_sum", budgets=[BudgetDraft(2026, 100.0)],
                             awards=[AwardDraft(mobility_id, 2026, 100.0)])
    saved = []
    editor = ScholarshipEditor(db, draft, saved.append)
    qtbot.addWidget(editor)
    editor.awards.item(0, A_PAID).setText("150")
    assert not editor.try_accept() and saved == []
    assert "More is paid than was committed." in editor.grid_error.text()
    assert editor.awards.currentRow() == 0 and editor.awards.currentColumn() == A_PAID


def test_the_learning_agreements_waiting_for_a_signature_are_a_filter(main_window, qtbot):
    db = main_window.context.db
    signed = mobility_with_agreement(db)
    sending, receiving = two_universities(db)
    waiting = student_mobility(db, sending, receiving)
    draft = learning_agreements.get_for(db, signed).draft
    draft.versions = draft.versions[:1]
    draft.versions[0].receiving_signed_at = None
    for component in draft.versions[0].components:
        component.uuid = None  # the rows of another agreement
    learning_agreements.save(db, waiting, draft)
    page = _page(main_window, qtbot, rows=2)
    page.awaiting_signature.setChecked(True)
    qtbot.waitUntil(lambda: page.mobility_model.rowCount() == 1, timeout=5000)
    assert page.mobility_model.row_at(0).id == waiting


@pytest.mark.parametrize("which", ["agreement", "transcript", "grading", "scholarship"])
def test_the_editors_follow_the_language(main_window, qtbot, qapp, which):
    from desktop_app.ui.core.language import apply_language
    from tests.ui.visible_text import giveaways, leftovers

    db = main_window.context.db
    mobility_id = mobility_with_agreement(db)
    record = mobility.get(db, mobility_id).draft
    _grading_tables(db, record.sending_university_id, record.receiving_university_id)
    build = {
        "agreement": lambda: LearningAgreementEditor(db, mobility_id, learning_agreements.get_for(
            db, mobility_id).draft, lambda _d: None, main_window.context.runner, None),
        "transcript": lambda: TranscriptEditor(db, mobility_id, lambda _d: None),
        "grading": lambda: GradingTableEditor(db, None, record.receiving_university_id),
        "scholarship": lambda: ScholarshipEditor(db, ScholarshipDraft(
            "Grant", "KZT", 100.0, budgets=[BudgetDraft(2026, 100.0)], awards=[AwardDraft(mobility_id, 2026, 10.0)]),
            lambda _d: None),
    }
    editor = build[which]()
    qtbot.addWidget(editor)
    editor.show()
    problems = []
    try:
        for previous, current in (("en", "ru"), ("ru", "fa"), ("fa", "en")):
            apply_language(qapp, current)
            qtbot.wait(20)
            problems += [f"{previous}->{current}: {text!r}"
                         for text, _pattern in leftovers(visible_texts(editor), giveaways(previous, current))]
    finally:
        apply_language(qapp, "en")
    assert not problems
    assert not any("Aigerim" in text for text in visible_texts(editor))


def test_a_learning_agreement_typed_when_the_application_died_is_offered_back(main_window, qtbot, monkeypatch,
                                                                             message_box_answers):
    from desktop_app.ui.core import drafts

    db = main_window.context.db
    mobility_id = mobility_with_agreement(db)
    page = _page(main_window, qtbot)
    editor = LearningAgreementEditor(db, mobility_id, learning_agreements.get_for(db, mobility_id).draft,
                                     lambda _d: None, main_window.context.runner, page.undo_stack)
    qtbot.addWidget(editor)
    qtbot.mouseClick(editor.new_version, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(editor.reason, "Course cancelled")
    editor._journal()  # what the journal timer does while the user types
    assert [entry.record_id for entry in drafts.pending(db.url)] == [mobility_id]
    editor.hide()  # the application dies: the dialog never closes, the journal stays
    opened = []
    monkeypatch.setattr(LearningAgreementEditor, "exec", lambda dialog: opened.append(dialog) or 0)
    message_box_answers.append("Open again")
    main_window.offer_recovered_drafts()
    [recovered] = opened
    assert recovered.version.count() == 3 and recovered.reason.text() == "Course cancelled"
    assert recovered.has_unsaved_changes()


def test_the_scholarship_tab_follows_the_language(main_window, qtbot, qapp):
    """The tab's list, count and year-by-year table are rebuilt in the new language."""
    from desktop_app.ui.core.language import apply_language
    from tests.ui.visible_text import giveaways, leftovers

    db = main_window.context.db
    mobility_id = mobility_with_agreement(db)
    scholarships.create(db, ScholarshipDraft("Grant", "KZT", 100.0, budgets=[BudgetDraft(2026, 100.0)],
                                             awards=[AwardDraft(mobility_id, 2026, 10.0)]))
    page = _page(main_window, qtbot)
    page.tabs.setCurrentWidget(page.scholarships_tab)
    tab = page.scholarships_tab
    tab.reload()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=5000)
    problems = []
    try:
        for previous, current in (("en", "ru"), ("ru", "fa"), ("fa", "en")):
            apply_language(qapp, current)
            qtbot.wait(20)
            problems += [f"{previous}->{current}: {text!r}"
                         for text, _pattern in leftovers(visible_texts(tab), giveaways(previous, current))]
    finally:
        apply_language(qapp, "en")
    assert not problems
    assert tab.count.text() == "1 scholarship programme"
