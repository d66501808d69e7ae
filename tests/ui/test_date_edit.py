"""The one date editor: the locale's medium date with the whole year, typed in the numeric short form,
an empty value for optional dates, and the state's calendar beside it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from desktop_app.ui.common.date_edit import DateEdit, qt_format_from_cldr

DAY = dt.date(2026, 3, 12)


@pytest.fixture
def in_language(qapp):
    from desktop_app.ui.core.language import apply_language

    yield lambda lang: apply_language(qapp, lang)
    apply_language(qapp, "en")


@pytest.mark.parametrize(("lang", "shown"), [
    ("en", "Mar 12, 2026"),
    ("ru", "12 мар. 2026\u202fг."),
    ("kk", "2026\u202fж. 12 нау."),
    ("fa", "۲۰۲۶ مارس ۱۲"),  # Qt keeps a right-to-left locale's sections in visual order: it reads «۱۲ مارس ۲۰۲۶»
    ("zh", "2026年3月12日"),
])
def test_the_date_reads_in_the_locales_medium_format_with_the_whole_year(qtbot, in_language, lang, shown):
    in_language(lang)
    edit = DateEdit(DAY, system="gregorian")
    qtbot.addWidget(edit)
    assert edit.text() == shown


def test_a_language_switch_rewrites_the_date(qtbot, in_language):
    edit = DateEdit(DAY, system="gregorian")
    qtbot.addWidget(edit)
    assert edit.text() == "Mar 12, 2026"
    in_language("ru")
    assert edit.text() == "12 мар. 2026\u202fг."


def test_cldr_patterns_become_editable_qt_formats():
    assert qt_format_from_cldr("MMM d, y") == "MMM d, yyyy"
    assert qt_format_from_cldr("d MMM y 'г'.") == "d MMM yyyy 'г'."
    assert qt_format_from_cldr("EEEE, d MMMM y G") == "d MMMM yyyy"
    assert qt_format_from_cldr("dd/MM/yy") == "dd/MM/yyyy"


def test_typing_a_us_date_gives_that_date_and_four_digit_years(qtbot, in_language):
    in_language("en")
    window = QWidget()
    layout = QVBoxLayout(window)
    edit = DateEdit(DAY, system="gregorian")
    other = QLineEdit()
    layout.addWidget(edit)
    layout.addWidget(other)
    qtbot.addWidget(window)
    window.show()
    edit.setFocus()
    qtbot.waitUntil(lambda: edit.edit.hasFocus())
    assert edit.text() == "3/12/2026"  # while typing: numeric, the year whole
    edit.edit.setSelectedSection(edit.edit.sectionAt(0))
    qtbot.keyClicks(edit.edit, "1/1/2020")
    other.setFocus()
    qtbot.waitUntil(lambda: not edit.edit.hasFocus())
    assert edit.value() == dt.date(2020, 1, 1)
    assert edit.text() == "Jan 1, 2020"


def test_an_optional_date_may_be_empty_and_cleared(qtbot):
    edit = DateEdit(None, optional=True, system="gregorian")
    qtbot.addWidget(edit)
    assert edit.value() is None and edit.text() == "—"
    assert not edit.clear_button.isEnabled()
    with qtbot.waitSignal(edit.changed):
        edit.set_value(DAY)
    assert edit.value() == DAY and edit.clear_button.isEnabled()
    qtbot.mouseClick(edit.clear_button, Qt.MouseButton.LeftButton)
    assert edit.value() is None
    edit.edit.stepBy(1)  # the arrows start from today, not from the empty value's year 1900
    assert edit.date() == QDate.currentDate()


def test_the_states_calendar_is_shown_beside_the_date(qtbot, in_language):
    in_language("fa")
    edit = DateEdit(dt.date(2026, 9, 1), system="persian")
    qtbot.addWidget(edit)
    edit.show()
    assert edit.other.isVisible()
    assert "شهریور" in edit.other.text() and "۱۴۰۵" in edit.other.text()
    buddhist = DateEdit(dt.date(2026, 9, 1), system="buddhist")
    qtbot.addWidget(buddhist)
    assert "2569" in buddhist.other.text()
    plain = DateEdit(dt.date(2026, 9, 1), system="gregorian")
    qtbot.addWidget(plain)
    plain.show()
    assert not plain.other.isVisible()


def test_a_right_to_left_date_reads_as_its_reader_writes_it(qtbot, in_language):
    from desktop_app.ui.common.date_edit import for_qt_direction

    assert for_qt_direction("d.M.yyyy", False) == "d.M.yyyy"
    assert for_qt_direction("d.M.yyyy", True) == "yyyy.M.d"  # Qt reverses it back: figures read as typed
    assert for_qt_direction("d בMMM yyyy", True) == "d MMM yyyy"  # "in" would land on the day
    in_language("he")
    edit = DateEdit(dt.date(2026, 9, 3), system="gregorian")
    qtbot.addWidget(edit)
    edit.edit.setDisplayFormat(edit.edit.typed_format)
    assert edit.text() == "3.9.2026"  # a Hebrew reader types and reads the day first, left to right
    edit.edit.setDisplayFormat(edit.edit.shown_format)
    assert edit.text().endswith(" 3") and "ב3" not in edit.text()
