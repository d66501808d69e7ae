"""A double-degree "1+1" master's between a Kazakh and a Chinese university, entered through the real
widgets of the Curricula page, checked live, saved; removing the national disciplines raises the rule."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from desktop_app.domain.calendars import CalendarDraft, Period, PeriodKind
from desktop_app.domain.curricula import ProgrammeDraft
from desktop_app.domain.universities import NameDraft, NameKind, UniversityDraft
from desktop_app.services import calendars, credit_conversions, curricula, records, universities
from desktop_app.storage import snapshots
from desktop_app.ui.core import drafts
from desktop_app.ui.curricula.study_plan import C_CODE, C_CREDITS, C_EN, C_RU, S_PARTNER, S_YEAR

D = dt.date

PLAN = {  # semester -> courses (code, English title, Russian title, ECTS)
    1: [
        ("KAZ 5101", "Kazakh language (professional)", "Казахский язык", "5"),
        ("HK 5102", "History of Kazakhstan", "История Казахстана", "5"),
        ("DS 5201", "Machine learning", "Машинное обучение", "20"),
    ],
    2: [("DS 5203", "Big data systems", "", "15"), ("DS 5205", "Deep learning", "", "15")],
    3: [("80240653", "Advanced machine learning", "", "15"), ("70240183", "Data mining", "", "15")],
    4: [("69990011", "Master's thesis", "", "30")],
}


def partners_with_calendars(db) -> tuple[int, int]:
    kz = universities.create(
        db, UniversityDraft("KZ", [NameDraft("Al-Farabi Kazakh National University", "en", NameKind.DISPLAY)])
    )
    cn = universities.create(
        db, UniversityDraft("CN", [NameDraft("Tsinghua University", "en", NameKind.DISPLAY)])
    )
    for university, year, start in ((kz, "2026/2027", D(2026, 9, 1)), (cn, "2027/2028", D(2027, 9, 13))):
        calendars.create(db, CalendarDraft(university, year, [
            Period(PeriodKind.TEACHING, start, start + dt.timedelta(300))]))
    return kz, cn


def set_cell(table, row, column, text):
    item = table.item(row, column)
    item.setText(text)


def open_curricula(main_window, qtbot):
    page = main_window.open_area("curricula")
    qtbot.waitUntil(lambda: page.editor.new_partner.count() == 2, timeout=5000)
    return page


def test_double_degree_entered_through_the_gui(main_window, qtbot, message_box_answers):
    db = main_window.context.db
    kz, cn = partners_with_calendars(db)
    page = open_curricula(main_window, qtbot)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    editor = page.editor
    assert [p.university_id for p in editor.draft.partners] == [kz]  # the coordinator's own state coordinates
    assert not page.has_unsaved_changes() and page.save_button.isEnabled()
    editor.title.selectAll()
    qtbot.keyClicks(editor.title, "Data Science")
    editor.code.setFocus()
    qtbot.keyClicks(editor.code, "KAZNU-THU-DS")
    assert page.has_unsaved_changes() and page.state_label.text() == "New programme, not saved yet"
    assert editor.programme_type.currentData() == "double_degree" and editor.level.currentData() == "7"
    editor.new_partner.setCurrentIndex(editor.new_partner.findData(cn))
    qtbot.mouseClick(editor.add_partner_button, Qt.MouseButton.LeftButton)
    assert [(p.university_id, p.role, p.country_code) for p in editor.draft.partners] == [
        (kz, "coordinating", "KZ"),
        (cn, "partner", "CN"),
    ]
    # a Kazakh partner and no courses yet: the rule already says what is missing
    assert sum("national discipline" in text for text in editor.rule_texts()) == 2
    plan = editor.plan
    for number in (1, 2, 3, 4):
        qtbot.mouseClick(plan.add_semester_button, Qt.MouseButton.LeftButton)
        row = number - 1
        set_cell(plan.semester_table, row, S_YEAR, "2026/2027" if number <= 2 else "2027/2028")
        combo = plan.semester_table.cellWidget(row, S_PARTNER)
        combo.setCurrentIndex(combo.findData(kz if number <= 2 else cn))
        plan.semester_table.selectRow(row)
        for code, english, russian, credits in PLAN[number]:
            qtbot.mouseClick(plan.add_course_button, Qt.MouseButton.LeftButton)
            course_row = plan.course_table.rowCount() - 1
            set_cell(plan.course_table, course_row, C_CODE, code)
            set_cell(plan.course_table, course_row, C_EN, english)
            if russian:
                set_cell(plan.course_table, course_row, C_RU, russian)
            set_cell(plan.course_table, course_row, C_CREDITS, credits)
    assert [s.credits for s in editor.draft.semesters] == [30, 30, 30, 30]
    assert [s.university_id for s in editor.draft.semesters] == [kz, kz, cn, cn]
    assert editor.rule_texts() == []
    assert editor.rules.item(0).text().endswith("The plan satisfies every rule.")
    assert "120 ECTS in 4 semesters" in editor.totals.text()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    [saved] = curricula.page(db).rows
    assert (saved.title, saved.code, saved.credits) == ("Data Science", "KAZNU-THU-DS", 120)
    assert curricula.check_plan(db, curricula.get(db, saved.id).draft) == []
    assert page.state_label.text() == "Saved" and page.model.rowCount() == 1 and page.programme_id == saved.id
    assert not page.has_unsaved_changes()

    # removing the national disciplines: the rule speaks at once, beside the plan
    plan.semester_table.selectRow(0)
    plan.course_table.selectRow(0)
    qtbot.mouseClick(plan.remove_course_button, Qt.MouseButton.LeftButton)
    texts = editor.rule_texts()
    assert "A programme with a Kazakh partner must include the national discipline “Kazakh language”." in texts
    plan.course_table.selectRow(0)  # History of Kazakhstan is now first
    qtbot.mouseClick(plan.remove_course_button, Qt.MouseButton.LeftButton)
    texts = editor.rule_texts()
    assert any("“History of Kazakhstan”" in t for t in texts)
    assert any("Semester 1 has 20 ECTS" in t for t in texts)
    assert [editor.rules.item(i).data(Qt.ItemDataRole.UserRole) for i in range(editor.rules.count())].count(
        "check_national_disciplines") == 2
    assert page.save_button.isEnabled() and page.has_unsaved_changes()
    # Ctrl+S stores the programme; Edit > Undo brings the stored plan back with both courses
    page.editor.title.setFocus()
    qtbot.keyClick(page.editor.title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert not page.has_unsaved_changes()
    assert len(curricula.get(db, saved.id).draft.semesters[0].courses) == 1
    main_window.act_undo.trigger()
    qtbot.waitUntil(lambda: len(editor.draft.semesters[0].courses) == 3)
    assert editor.rule_texts() == [] and [c.code for c in editor.draft.semesters[0].courses][:2] == [
        "KAZ 5101", "HK 5102"]
    assert not page.has_unsaved_changes()


def test_leaving_or_quitting_with_unsaved_changes_asks(main_window, qtbot, message_box_answers):
    partners_with_calendars(main_window.context.db)
    page = open_curricula(main_window, qtbot)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    page.editor.title.selectAll()
    qtbot.keyClicks(page.editor.title, "Summer school")
    message_box_answers.append("Cancel")
    main_window.act_quit.trigger()  # closing the window asks first
    assert main_window.isVisible() and "Summer school" in message_box_answers.shown[-1]["text"]
    message_box_answers.append("Cancel")
    assert main_window.open_area("calendars") is None and main_window.current_area() == "curricula"
    message_box_answers.append("Discard")
    main_window.open_area("calendars")
    assert main_window.current_area() == "calendars" and curricula.count(main_window.context.db) == 0
    page = main_window.open_area("curricula")
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    page.editor.title.selectAll()
    qtbot.keyClicks(page.editor.title, "Winter school")
    message_box_answers.append("Save")
    main_window.open_area("calendars")
    assert [row.title for row in curricula.page(main_window.context.db).rows] == ["Winter school"]


def test_the_draft_is_journaled_and_offered_back_after_a_crash(main_window, qtbot, message_box_answers):
    db = main_window.context.db
    partners_with_calendars(db)
    page = open_curricula(main_window, qtbot)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    page.editor.title.selectAll()
    qtbot.keyClicks(page.editor.title, "Energy transition")
    page._journal()  # what the journal timer does while the user types
    [entry] = drafts.pending(db.url)
    assert (entry.area, entry.record_id, entry.title) == ("curricula", None, "Energy transition")
    page.discard_changes = lambda: None  # the application dies: nothing is saved or discarded
    page.editing = False
    page.editor.show_draft(ProgrammeDraft(), [])
    message_box_answers.append("Open again")
    main_window.offer_recovered_drafts()
    assert page.editor.draft.title == "Energy transition" and page.has_unsaved_changes()
    assert drafts.pending(db.url) == []
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert [row.title for row in curricula.page(db).rows] == ["Energy transition"]


def test_delete_asks_first_and_undo_brings_the_programme_back_whole(main_window, qtbot, message_box_answers):
    from desktop_app.exchange.demo import load_demo

    db = main_window.context.db
    load_demo(db)
    page = main_window.open_area("curricula")
    qtbot.waitUntil(lambda: page.programme_id is not None, timeout=5000)
    programme_id = page.programme_id
    before = records.snapshot_of(db, curricula.KIND, programme_id)
    message_box_answers.append("Cancel")
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert curricula.count(db) == 1 and "Data Science" in message_box_answers.shown[-1]["text"]
    message_box_answers.append("Delete")
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert curricula.count(db) == 0 and page.model.rowCount() == 0 and not page.editor.isEnabled()
    main_window.act_undo.trigger()
    qtbot.waitUntil(lambda: page.programme_id == programme_id, timeout=5000)
    after = records.snapshot_of(db, curricula.KIND, programme_id)
    assert snapshots.canonical_json(after) == snapshots.canonical_json(before)
    assert {"programme_partners", "programme_semesters", "programme_courses", "course_equivalences",
            "programme_intakes"} <= set(after["rows"])
    assert len(page.editor.draft.semesters) == 4 and page.editor.draft.equivalences


def test_titles_by_language_and_accreditations_once_saved(main_window, qtbot):
    partners_with_calendars(main_window.context.db)
    page = open_curricula(main_window, qtbot)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    editor = page.editor
    russian = next(
        row
        for row in range(editor.title_table.rowCount())
        if editor.title_table.item(row, 0).data(Qt.ItemDataRole.UserRole) == "ru"
    )
    editor.title_table.item(russian, 1).setText("Наука о данных")
    assert not editor.quality_button.isEnabled()  # accreditations are records of their own, once saved
    assert editor.draft.titles == {"ru": "Наука о данных"}
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    [saved] = curricula.page(main_window.context.db).rows
    assert saved.title_in("ru") == "Наука о данных"
    assert editor.quality_button.isEnabled() and editor.accreditation_summary.text() == "No accreditation is recorded."


def test_credit_conversion_factors_are_edited_as_one_undo_step(main_window, qtbot):
    from desktop_app.ui.curricula.credit_conversions import FACTOR, STATE, CreditConversionDialog

    db = main_window.context.db
    page = main_window.open_area("curricula")
    dialog = CreditConversionDialog(db, page.undo_stack, main_window)
    qtbot.addWidget(dialog)
    row = next(r for r in range(dialog.table.rowCount())
               if dialog.table.item(r, STATE).data(Qt.ItemDataRole.UserRole) == "CN")
    assert dialog.table.item(row, STATE).text() == "China"
    dialog.table.item(row, FACTOR).setText("0,6")  # a decimal comma is accepted
    dialog.table.selectRow(0)
    removed = dialog.table.item(0, STATE).data(Qt.ItemDataRole.UserRole)
    dialog.remove_selected()
    assert dialog.has_unsaved_changes()
    assert dialog.try_accept()
    assert credit_conversions.national_credits(db, "CN", 120) == 72
    assert credit_conversions.national_credits(db, removed, 10) is None
    assert page.undo_stack.count() == 1
    page.undo_stack.undo()
    assert credit_conversions.national_credits(db, "CN", 120) == 60
    assert credit_conversions.national_credits(db, removed, 10) is not None


def test_persian_right_to_left_plan_keeps_its_chosen_semester(main_window, qtbot, qapp):
    from desktop_app.exchange.demo import load_demo
    from desktop_app.ui.common.tables import select_row
    from desktop_app.ui.core.language import apply_language

    load_demo(main_window.context.db)
    apply_language(qapp, "fa")
    page = main_window.open_area("curricula")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    assert page.isRightToLeft()
    select_row(page.table, 0)
    assert page.editor.isEnabled() and page.programme_id is not None
    plan = page.editor.plan
    assert plan.current_semester() == 0 and plan.course_table.rowCount() == 4  # semester 1's courses shown
    assert page.editor.rules.item(0).text() == "✓ برنامه همهٔ قاعده‌ها را برآورده می‌کند."


def test_undo_under_unsaved_edits_keeps_them_and_says_so(main_window, qtbot):
    from desktop_app.exchange.demo import load_demo

    db = main_window.context.db
    load_demo(db)
    page = main_window.open_area("curricula")
    qtbot.waitUntil(lambda: page.programme_id is not None, timeout=5000)
    page.editor.code.setFocus()
    page.editor.code.selectAll()
    qtbot.keyClicks(page.editor.code, "DS-2026")
    assert page.save_changes() and curricula.get(db, page.programme_id).draft.code == "DS-2026"
    page.editor.title.selectAll()
    qtbot.keyClicks(page.editor.title, "Data Science, second edition")  # not saved
    main_window.act_undo.trigger()  # takes back the stored code
    qtbot.waitUntil(lambda: "changed while you were editing" in page.state_label.text(), timeout=5000)
    assert page.editor.draft.title == "Data Science, second edition" and page.has_unsaved_changes()
    assert curricula.get(db, page.programme_id).draft.code == "KAZNU-THU-DS"
    page.discard_changes()
    assert page.editor.code.text() == "KAZNU-THU-DS" and not page.has_unsaved_changes()


def test_an_enterprise_is_an_industry_partner_of_a_programme(main_window, qtbot):
    """An organisation of the register takes part in a joint programme: shown, added and removed on the
    Partners tab, saved with the programme, and not deletable while the programme names it."""
    from desktop_app.domain.errors import ConflictError
    from desktop_app.domain.organisations import OrganisationDraft
    from desktop_app.exchange.demo import load_demo
    from desktop_app.services import organisations

    db = main_window.context.db
    load_demo(db)
    page = main_window.open_area("curricula")
    qtbot.waitUntil(lambda: page.programme_id is not None, timeout=5000)
    industry = page.editor.industry_partners
    demo_partners = list(page.editor.draft.industry_partner_ids)
    firm = organisations.create(db, OrganisationDraft("enterprise", [NameDraft("Steppe Robotics", "en")], "KZ"))
    industry.picker.refill()
    industry.picker.select(firm)
    qtbot.mouseClick(industry.add_button, Qt.MouseButton.LeftButton)
    assert page.has_unsaved_changes() and page.editor.draft.industry_partner_ids == [*demo_partners, firm]
    assert industry.list.item(industry.list.count() - 1).text().startswith("Steppe Robotics")
    assert page.save_changes()
    assert curricula.get(db, page.programme_id).draft.industry_partner_ids == [*demo_partners, firm]
    with pytest.raises(ConflictError):
        organisations.delete(db, firm)
    industry.list.setCurrentRow(industry.list.count() - 1)
    qtbot.mouseClick(industry.remove_button, Qt.MouseButton.LeftButton)
    assert page.save_changes() and curricula.get(db, page.programme_id).draft.industry_partner_ids == demo_partners
