"""A double-degree "1+1" master's between a Kazakh and a Chinese university, entered through the real
widgets of the Curricula page, checked live, saved; removing the national disciplines raises the rule."""

import datetime as dt

from PySide6.QtCore import QDate, Qt

from desktop_app.domain.calendars import Period, PeriodKind
from desktop_app.domain.universities import NameDraft, NameKind, UniversityDraft
from desktop_app.services import calendars, curricula, universities
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
        calendars.save_periods(
            db, university, year, [Period(PeriodKind.TEACHING, start, start + dt.timedelta(300))]
        )
    return kz, cn


def set_cell(table, row, column, text):
    item = table.item(row, column)
    item.setText(text)


def test_double_degree_entered_through_the_gui(main_window, qtbot):
    db = main_window.context.db
    kz, cn = partners_with_calendars(db)
    page = main_window.open_area("curricula")
    qtbot.waitUntil(lambda: page.editor.new_partner.count() == 2, timeout=5000)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    editor = page.editor
    assert [p.university_id for p in editor.draft.partners] == [kz]  # the coordinator's own state coordinates
    editor.title.selectAll()
    qtbot.keyClicks(editor.title, "Data Science")
    editor.code.setFocus()
    qtbot.keyClicks(editor.code, "KAZNU-THU-DS")
    assert editor.programme_type.currentData() == "double_degree" and editor.level.currentData() == "7"
    editor.new_partner.setCurrentIndex(editor.new_partner.findData(cn))
    qtbot.mouseClick(editor.add_partner_button, Qt.MouseButton.LeftButton)
    assert [(p.university_id, p.role) for p in editor.draft.partners] == [
        (kz, "coordinating"),
        (cn, "partner"),
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
    [saved] = curricula.list_programmes(db)
    assert (saved.title, saved.code, saved.credits) == ("Data Science", "KAZNU-THU-DS", 120)
    assert curricula.validate(db, curricula.get_programme(db, saved.id)) == []
    assert page.state_label.text() == "Saved" and page.model.rowCount() == 1

    # removing the national disciplines: the rule speaks at once, beside the plan
    plan.semester_table.selectRow(0)
    plan.course_table.selectRow(0)
    qtbot.mouseClick(plan.remove_course_button, Qt.MouseButton.LeftButton)
    texts = editor.rule_texts()
    assert (
        "A programme with a Kazakh partner must include the national discipline “Kazakh language”." in texts
    )
    plan.course_table.selectRow(0)  # History of Kazakhstan is now first
    qtbot.mouseClick(plan.remove_course_button, Qt.MouseButton.LeftButton)
    texts = editor.rule_texts()
    assert any("“History of Kazakhstan”" in t for t in texts)
    assert any("Semester 1 has 20 ECTS" in t for t in texts)
    assert [editor.rules.item(i).data(Qt.ItemDataRole.UserRole) for i in range(editor.rules.count())].count(
        "check_national_disciplines"
    ) == 2
    assert page.save_button.isEnabled()
    # Edit > Undo twice brings both courses and a clean plan back
    main_window.act_undo.trigger()
    main_window.act_undo.trigger()
    assert editor.rule_texts() == [] and [c.code for c in editor.draft.semesters[0].courses][:2] == [
        "KAZ 5101",
        "HK 5102",
    ]
    assert not page.is_dirty()


def test_undo_merges_typing_and_revert(main_window, qtbot):
    partners_with_calendars(main_window.context.db)
    page = main_window.open_area("curricula")
    qtbot.waitUntil(lambda: page.editor.new_partner.count() == 2, timeout=5000)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    page.editor.title.selectAll()
    qtbot.keyClicks(page.editor.title, "Summer school")
    assert page.undo_stack.count() == 1  # one step for the whole word
    page.editor.programme_type.setCurrentIndex(page.editor.programme_type.findData("summer_school"))
    assert page.undo_stack.count() == 2
    page.undo_stack.undo()
    assert page.editor.programme_type.currentData() == "double_degree"
    page.undo_stack.undo()
    assert page.editor.title.text() == "New joint programme"
    page.editor.title.selectAll()
    qtbot.keyClick(page.editor.title, Qt.Key.Key_Delete)
    assert page.editor.title_error.text() == "The programme needs a title."


def test_titles_by_language_and_accreditation_date(main_window, qtbot):
    partners_with_calendars(main_window.context.db)
    page = main_window.open_area("curricula")
    qtbot.waitUntil(lambda: page.editor.new_partner.count() == 2, timeout=5000)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    editor = page.editor
    russian = next(
        row
        for row in range(editor.title_table.rowCount())
        if editor.title_table.item(row, 0).data(Qt.ItemDataRole.UserRole) == "ru"
    )
    editor.title_table.item(russian, 1).setText("Наука о данных")
    editor.accredited_until.setDate(QDate(2031, 6, 30))
    assert editor.draft.titles == {"ru": "Наука о данных"}
    assert editor.draft.accredited_until == D(2031, 6, 30)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    [saved] = curricula.list_programmes(main_window.context.db, lang="ru")
    assert saved.title == "Наука о данных"
    assert curricula.get_programme(main_window.context.db, saved.id).accredited_until == D(2031, 6, 30)


def test_credit_conversion_factors_are_editable(main_window, qtbot):
    from desktop_app.ui.curricula.credit_conversions import FACTOR, STATE, CreditConversionDialog

    db = main_window.context.db
    dialog = CreditConversionDialog(db, main_window)
    qtbot.addWidget(dialog)
    row = next(
        r
        for r in range(dialog.table.rowCount())
        if dialog.table.item(r, STATE).data(Qt.ItemDataRole.UserRole) == "CN"
    )
    assert dialog.table.item(row, STATE).text() == "China"
    dialog.table.item(row, FACTOR).setText("0,6")  # a decimal comma is accepted
    dialog.accept()
    assert curricula.national_credits(db, "CN", 120) == 72


def test_persian_right_to_left_plan_keeps_its_chosen_semester(main_window, qtbot, qapp):
    from desktop_app.exchange.demo import load_demo
    from desktop_app.ui.common.tables import select_row
    from desktop_app.ui.core.language import apply_language

    load_demo(main_window.context.db)
    apply_language(qapp, "fa")
    page = main_window.open_area("curricula")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=5000)
    assert page.isRightToLeft()
    select_row(page.list_view, 0)
    assert page.editor.isEnabled() and page.programme_id is not None
    plan = page.editor.plan
    assert plan.current_semester() == 0 and plan.course_table.rowCount() == 4  # semester 1's courses shown
    assert page.editor.rules.item(0).text() == "✓ برنامه همهٔ قاعده‌ها را برآورده می‌کند."
