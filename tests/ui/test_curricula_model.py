"""The programme list and the planner's calendar list as models, without any view: keyset pages read as
the view would scroll, filters and sorting in SQL, native sort values, ticks kept by university, and
language changes."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt

from desktop_app.domain.calendars import CalendarDraft, Period, PeriodKind
from desktop_app.domain.curricula import CourseDraft, PartnerDraft, ProgrammeDraft, SemesterDraft
from desktop_app.domain.universities import NameDraft, UniversityDraft
from desktop_app.i18n import set_language
from desktop_app.services import calendars, curricula, universities
from desktop_app.ui.calendars.model import UNIVERSITY_ROLE, CalendarListModel
from desktop_app.ui.curricula.model import (
    COL_CODE,
    COL_CREDITS,
    COL_PARTNERS,
    COL_STATUS,
    COL_TITLE,
    COL_TYPE,
    COLUMN_COUNT,
    ID_ROLE,
    SORT_ROLE,
    ProgrammeTableModel,
)


@pytest.fixture
def partners(sqlite_db):
    return (universities.create(sqlite_db, UniversityDraft("KZ", [NameDraft("Satbayev University", "en")])),
            universities.create(sqlite_db, UniversityDraft("CN", [NameDraft("Tsinghua University", "en")])))


@pytest.fixture
def programmes(sqlite_db, partners):
    kz, cn = partners
    for number in range(25):
        curricula.create(sqlite_db, ProgrammeDraft(
            title=f"Programme {number:02d}", code=f"C{24 - number:02d}", titles={"ru": f"Программа {number:02d}"},
            programme_type="summer_school" if number % 5 == 0 else "double_degree",
            status="running" if number % 2 else "design",
            partners=[PartnerDraft(kz), PartnerDraft(cn)] if number < 3 else [PartnerDraft(kz)],
            semesters=[SemesterDraft(1, "2026/2027", kz, courses=[CourseDraft("X", {"en": "X"}, 7.5)])]))
    return sqlite_db


@pytest.fixture
def model(qapp, programmes):
    model = ProgrammeTableModel()
    model.PAGE_SIZE = 10
    model.set_database(programmes)
    return model


def test_first_page_then_the_next_as_the_view_scrolls(model):
    assert model.total == 25 and model.rowCount() == 10 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 25 and not model.canFetchMore(QModelIndex())
    titles = [model.index(row, COL_TITLE).data() for row in range(model.rowCount())]
    assert titles == [f"Programme {n:02d}" for n in range(25)]
    assert model.row_of_id(model.index(12, 0).data(ID_ROLE)) == 12


def test_cells_their_native_sort_values_and_a_programme_s_partners(model):
    assert model.columnCount() == COLUMN_COUNT
    assert model.index(0, COL_CREDITS).data() == "7.5" and model.index(0, COL_CREDITS).data(SORT_ROLE) == 7.5
    assert model.index(0, COL_TYPE).data() == "Summer school" and model.index(0, COL_STATUS).data() == "Design"
    assert model.index(0, COL_PARTNERS).data() == "Satbayev University, Tsinghua University"
    assert model.index(5, COL_PARTNERS).data() == "Satbayev University"
    assert model.headerData(COL_CODE, Qt.Orientation.Horizontal) == "Code"


def test_filters_and_sorting_run_in_sql(model, partners):
    model.sort(COL_CODE, Qt.SortOrder.AscendingOrder)
    assert [model.index(row, COL_CODE).data() for row in range(3)] == ["C00", "C01", "C02"]
    assert model.sort_column() == COL_CODE
    model.sort(COL_CREDITS)  # not sorted in SQL: the order stays
    assert model.query.sort == "code"
    model.set_query(model.query.__class__(programme_type="summer_school"))
    assert model.total == 5 and model.rowCount() == 5
    model.set_query(model.query.__class__(search="ПРОГРАММА 12"))  # titles in every language, folded
    assert [model.index(row, COL_TITLE).data() for row in range(model.rowCount())] == ["Programme 12"]
    model.set_query(model.query.__class__(university_id=partners[1]))
    assert [model.index(row, COL_TITLE).data() for row in range(model.rowCount())] == [
        "Programme 00", "Programme 01", "Programme 02"]


def test_a_language_change_is_announced_and_titles_follow_it(model, qtbot):
    with qtbot.waitSignals([model.headerDataChanged, model.dataChanged]):
        set_language("ru")
        model.retranslate()
    try:
        assert model.index(0, COL_TITLE).data() == "Программа 00"
        assert model.headerData(COL_TITLE, Qt.Orientation.Horizontal) != "Title"
        assert model.index(0, COL_TYPE).data() != "Summer school"
    finally:
        set_language("en")


def test_the_planner_list_pages_the_calendars_of_a_year_and_keeps_ticks(qapp, sqlite_db, partners, qtbot):
    kz, cn = partners
    teaching = [Period(PeriodKind.TEACHING, dt.date(2026, 9, 1), dt.date(2026, 12, 20))]
    for university in partners:
        calendars.create(sqlite_db, CalendarDraft(university, "2026/2027", teaching))
    calendars.create(sqlite_db, CalendarDraft(kz, "2027/2028", teaching))
    model = CalendarListModel()
    model.PAGE_SIZE = 1
    model.set_database(sqlite_db)
    assert model.rowCount() == 0  # no year chosen
    model.set_year("2026/2027")
    assert model.total == 2 and model.rowCount() == 1 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert [model.index(row).data() for row in range(2)] == ["Satbayev University (Kazakhstan)",
                                                             "Tsinghua University (China)"]
    with qtbot.waitSignal(model.ticked_changed):
        assert model.setData(model.index(1), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert model.ticked == [cn]
    model.set_search("satbayev")
    assert model.rowCount() == 1 and model.index(0).data(UNIVERSITY_ROLE) == kz
    assert model.index(0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    model.set_ticked([kz, cn])
    assert model.index(0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    set_language("ru")
    try:
        with qtbot.waitSignal(model.dataChanged):
            model.retranslate()
        assert model.index(0).data() == "Satbayev University (Казахстан)"
    finally:
        set_language("en")
