"""The register's table model without any view: counts, keyset pages read one after another, a jump read
by position, bounded memory, native sort values, filters and sorting in SQL, and language changes."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from desktop_app.domain.universities import NameDraft, UniversityDraft
from desktop_app.i18n import set_language
from desktop_app.services import universities
from desktop_app.services.university_search import UniversityQuery
from desktop_app.ui.universities.model import (
    COL_ACRONYM,
    COL_COUNTRY,
    COL_NAME,
    COL_SINCE,
    COL_STATUS,
    COL_TOP500,
    COLUMN_COUNT,
    ID_ROLE,
    SORT_ROLE,
    UniversityTableModel,
)


@pytest.fixture
def model(qapp, sqlite_db):
    model = UniversityTableModel()
    model.PAGE_SIZE = 10
    model.MAX_PAGES = 3
    model.set_database(sqlite_db)
    return model


def _fill(db, count: int) -> None:
    from desktop_app.services.university_bulk import PlannedUniversity, apply_universities

    planned = [PlannedUniversity(i + 2, UniversityDraft(
        "KZ" if i % 2 else "UZ", [NameDraft(f"University {i:03d}", "en"), NameDraft(f"Университет {i:03d}", "ru")],
        acronym=f"U{999 - i:03d}", status="active" if i % 3 == 0 else "candidate"), "create")
        for i in range(count)]
    apply_universities(db, planned, {"names", "country_code", "acronym", "status"})


def _names(model, rows) -> list[str]:
    return [model.data(model.index(row, COL_NAME)) for row in rows]


def test_rows_come_page_by_page_by_key_and_memory_stays_bounded(model, sqlite_db):
    _fill(sqlite_db, 95)
    model.reload()
    assert model.rowCount() == 95 and model.columnCount() == COLUMN_COUNT
    assert _names(model, range(95)) == [f"University {i:03d}" for i in range(95)]
    assert model.reads == {"key": 10, "offset": 0}  # scrolled down: every page after the one before it
    assert model.cached_rows <= model.PAGE_SIZE * model.MAX_PAGES
    assert _names(model, [0]) == ["University 000"]  # page 0 evicted, read again from the start
    assert model.reads["offset"] == 0


def test_a_jump_reads_by_position_then_continues_by_key(model, sqlite_db):
    _fill(sqlite_db, 95)
    model.reload()
    assert _names(model, [57]) == ["University 057"]
    assert model.reads == {"key": 0, "offset": 1}
    assert _names(model, [60, 75]) == ["University 060", "University 075"]
    assert model.reads == {"key": 2, "offset": 1}


def test_native_values_ids_and_display(model, sqlite_db):
    university_id = universities.create(sqlite_db, UniversityDraft(
        "KZ", [NameDraft("Satbayev University", "en")], status="invited", status_since=dt.date(2024, 3, 1)))
    model.reload()
    index = model.index(0, COL_SINCE)
    assert model.data(index, SORT_ROLE) == dt.date(2024, 3, 1)
    assert model.data(model.index(0, COL_TOP500), SORT_ROLE) is False
    assert model.data(model.index(0, COL_COUNTRY), SORT_ROLE) == "KZ"
    assert model.data(model.index(0, COL_COUNTRY)) == "Kazakhstan"
    assert model.data(model.index(0, COL_STATUS)) == "Invited"
    assert model.data(model.index(0, COL_NAME), ID_ROLE) == university_id
    assert model.data(model.index(5, COL_NAME)) is None  # past the end: nothing, no error


def test_filters_search_and_sorting_run_in_sql(model, sqlite_db):
    _fill(sqlite_db, 30)
    model.set_query(UniversityQuery(country="KZ", status="active"))
    assert model.rowCount() == 5  # odd numbers divisible by 3 below 30: 3, 9, 15, 21, 27
    model.set_query(UniversityQuery(search="УНИВЕРСИТЕТ 02"))  # every word, anywhere: 002 and 020..029
    assert _names(model, range(model.rowCount())) == ["University 002"] + [f"University 02{i}" for i in range(10)]
    model.set_query(UniversityQuery())
    model.sort(COL_ACRONYM, Qt.SortOrder.AscendingOrder)
    assert [model.data(model.index(row, COL_ACRONYM)) for row in range(3)] == ["U970", "U971", "U972"]
    model.sort(COL_NAME, Qt.SortOrder.DescendingOrder)
    assert _names(model, range(12)) == [f"University {i:03d}" for i in range(29, 17, -1)]
    model.sort(COL_SINCE, Qt.SortOrder.AscendingOrder)  # a column that may be empty: read by position
    assert model.rowCount() == 30 and model.data(model.index(29, COL_NAME)) is not None
    assert model.reads["offset"] >= 1


def test_language_change_rebuilds_headers_and_names(model, sqlite_db, qtbot):
    _fill(sqlite_db, 3)
    model.reload()
    assert model.headerData(COL_COUNTRY, Qt.Orientation.Horizontal) == "Country"
    assert _names(model, [0]) == ["University 000"]
    try:
        set_language("ru")
        with qtbot.waitSignal(model.headerDataChanged), qtbot.waitSignal(model.dataChanged):
            model.retranslate()
        assert model.headerData(COL_COUNTRY, Qt.Orientation.Horizontal) == "Страна"
        assert _names(model, [0]) == ["Университет 000"]  # the register's Russian name
        tip = model.data(model.index(0, COL_NAME), Qt.ItemDataRole.ToolTipRole)
        assert tip == "Университет 000\nUniversity 000"  # and the name it is sorted by
        assert model.data(model.index(0, COL_COUNTRY)) == "Узбекистан"
    finally:
        set_language("en")
