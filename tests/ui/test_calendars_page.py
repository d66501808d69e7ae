"""The Calendars page through real widgets: editing with undo, .ics import and export, the year planner
showing the conflicts of the demonstration programme, and Solar Hijri dates in Persian."""

import datetime as dt
from pathlib import Path

import icalendar
import pytest
from PySide6.QtCore import QDate, Qt

from desktop_app.domain.calendars import CalendarDraft, Period, PeriodKind
from desktop_app.exchange.demo import load_demo
from desktop_app.services import calendars, records
from desktop_app.storage import snapshots
from desktop_app.ui.calendars.periods import DATES, TITLE
from desktop_app.ui.core import settings

D = dt.date
FEED = "shared/data/academic_calendars/princeton_registrar_academic_calendar.ics"


def open_page(main_window, qtbot, university_text: str, year: str = "2026/2027"):
    page = main_window.open_area("calendars")
    qtbot.waitUntil(lambda: page.university.count() > 0, timeout=5000)
    page.university.setCurrentIndex(page.university.findText(university_text, Qt.MatchFlag.MatchContains))
    page.year.setCurrentText(year)
    page.year.lineEdit().editingFinished.emit()
    return page


@pytest.fixture
def demo_window(main_window):
    load_demo(main_window.context.db)
    return main_window


def test_year_planner_shows_the_programme_conflicts(demo_window, qtbot):
    page = open_page(demo_window, qtbot, "Al-Farabi")
    assert page.table.rowCount() == 10
    page.tabs.setCurrentIndex(1)
    page.programme.setCurrentIndex(page.programme.findText("Data Science (double degree)"))
    model = page.planner.model
    assert model.rows == ["Tsinghua University", "Al-Farabi Kazakh National University"] or sorted(
        model.rows
    ) == ["Al-Farabi Kazakh National University", "Tsinghua University"]
    conflicts = model.conflicts()
    assert len(conflicts) == 3
    first = conflicts[0]
    assert (first.start, first.end) == (D(2026, 12, 21), D(2027, 1, 3))
    assert "Winter examination session" in first.label and len(first.rows) == 2
    assert {band.kind for band in model.bands} >= {"common_teaching", "conflict"}
    assert ("conflict", "Conflict", "#c62828") in model.legend
    assert len(model.months) == 12 and model.months[0][1] == "Aug"
    assert len(model.weeks) == 52 and all(day.weekday() == 0 for day in model.weeks)
    assert page.conflicts.count() == 3 and "Winter examination session" in page.conflicts.item(0).text()
    page.planner.resize(1000, 300)
    image = page.planner.grab().toImage()  # paints without error, conflict red present
    x = int(page.planner._x(D(2026, 12, 25)))
    y = page.planner.HEADER + (len(model.rows) + 1) * page.planner.ROW_HEIGHT + page.planner.ROW_HEIGHT // 2
    assert image.pixelColor(x, y).name() == "#c62828"
    texts = page.planner.items_at(x, y)
    assert any("overlaps" in text for text in texts)


def test_edit_periods_with_undo_and_copy_forward(demo_window, qtbot):
    db = demo_window.context.db
    page = open_page(demo_window, qtbot, "Al-Farabi")
    university = page.current_university()
    page.table.item(1, TITLE).setText("Autumn semester 2026")
    assert calendars.periods_of(db, university, "2026/2027")[1].title == "Autumn semester 2026"
    start = page.table.cellWidget(1, 2)
    start.setDate(QDate(2026, 9, 2))  # typed, not confirmed yet: nothing stored, the page knows
    assert calendars.periods_of(db, university, "2026/2027")[1].start == D(2026, 9, 1)
    assert page.has_unsaved_changes()
    start.editingFinished.emit()  # the user leaves the field
    assert calendars.periods_of(db, university, "2026/2027")[1].start == D(2026, 9, 2)
    assert not page.has_unsaved_changes() and page.undo_stack.count() == 2
    demo_window.act_undo.trigger()
    demo_window.act_undo.trigger()
    qtbot.waitUntil(lambda: page.table.item(1, TITLE).text() == "Autumn semester")
    restored = calendars.periods_of(db, university, "2026/2027")[1]
    assert (restored.title, restored.start) == ("Autumn semester", D(2026, 9, 1))
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    assert page.table.rowCount() == 11
    page.table.selectRow(10)
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    assert page.table.rowCount() == 10
    page.year.setCurrentText("2027/2028")
    page.year.lineEdit().editingFinished.emit()
    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)  # 2028/2029 is empty: copied
    assert page.current_year() == "2028/2029" and page.table.rowCount() == 10
    demo_window.act_undo.trigger()  # the copy was a new calendar: undo removes it
    qtbot.waitUntil(lambda: page.table.rowCount() == 0)
    assert calendars.find(db, university, "2028/2029") is None


def test_delete_asks_first_and_undo_brings_the_calendar_back_whole(demo_window, qtbot, message_box_answers):
    db = demo_window.context.db
    page = open_page(demo_window, qtbot, "Al-Farabi")
    calendar_id = page.calendar_id
    before = records.snapshot_of(db, calendars.KIND, calendar_id)
    message_box_answers.append("Cancel")
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert calendars.find(db, page.current_university(), "2026/2027") == calendar_id
    assert "2026/2027" in message_box_answers.shown[-1]["text"]
    message_box_answers.append("Delete")
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.table.rowCount() == 0 and calendars.find(db, page.current_university(), "2026/2027") is None
    demo_window.act_undo.trigger()
    qtbot.waitUntil(lambda: page.table.rowCount() == 10)
    after = records.snapshot_of(db, calendars.KIND, calendar_id)
    assert snapshots.canonical_json(after) == snapshots.canonical_json(before)


def test_a_date_not_confirmed_is_asked_about_before_leaving(demo_window, qtbot, message_box_answers):
    db = demo_window.context.db
    page = open_page(demo_window, qtbot, "Al-Farabi")
    page.table.cellWidget(0, 3).setDate(QDate(2026, 9, 5))
    message_box_answers.append("Cancel")
    assert demo_window.open_area("universities") is None and demo_window.current_area() == "calendars"
    message_box_answers.append("Save")
    demo_window.open_area("universities")
    assert calendars.periods_of(db, page.current_university(), "2026/2027")[0].end == D(2026, 9, 5)


def test_import_in_background_and_export(main_window, qtbot, tmp_path):
    from desktop_app.domain.universities import NameDraft, NameKind, UniversityDraft
    from desktop_app.services import universities

    feed = next(
        (
            base / FEED
            for base in (Path(__file__).resolve().parents[3], Path(__file__).resolve().parents[4])
            if (base / FEED).is_file()
        ),
        None,
    )
    if feed is None:
        pytest.skip("shared/data is not present")
    universities.create(
        main_window.context.db,
        UniversityDraft("US", [NameDraft("Princeton University", "en", NameKind.DISPLAY)]),
    )
    page = open_page(main_window, qtbot, "Princeton", "2022/2023")
    page.import_ics(str(feed))
    qtbot.waitUntil(lambda: "Periods added" in page.last_message, timeout=10000)
    assert page.table.rowCount() > 50
    out = tmp_path / "princeton.ics"
    page.export_ics(str(out))
    events = list(icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    assert len(events) == page.table.rowCount()


def test_persian_shows_solar_hijri_dates_right_to_left(main_window, qtbot, qapp):
    from desktop_app.domain.universities import NameDraft, NameKind, UniversityDraft
    from desktop_app.services import universities
    from desktop_app.ui.core.language import apply_language

    db = main_window.context.db
    tehran = universities.create(
        db, UniversityDraft("IR", [NameDraft("University of Tehran", "en", NameKind.DISPLAY)])
    )
    calendars.create(db, CalendarDraft(
        tehran, "2026/2027", [Period(PeriodKind.TEACHING, D(2026, 9, 1), D(2027, 1, 10), "نیمسال اول")]))
    main_window.context.preferences.set(settings.MEMBER_STATE, "IR")
    apply_language(qapp, "fa")
    page = open_page(main_window, qtbot, "Tehran")
    text = page.table.item(0, DATES).text()
    assert "شهریور" in text and "۱۴۰۵" in text  # 1 September 2026 = 10 Shahrivar 1405
    assert "۲۰۲۶" in text  # the Gregorian date stays beside it, in the same (Persian) digits
    assert page.isRightToLeft()
    page.tabs.setCurrentIndex(1)
    model = page.calendar_model
    [row] = [r for r in range(model.rowCount()) if "Tehran" in model.index(r).data()]
    assert "ایران" in model.index(row).data()  # the country in Persian
    model.setData(model.index(row), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert page.planner.model.rows == ["University of Tehran"]
    # mirrored: the start of the year is on the right
    assert page.planner._x(D(2026, 8, 1)) > page.planner._x(D(2027, 7, 1))
