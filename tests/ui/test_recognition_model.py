"""The cases table model without any view: keyset pages from the service, the sort role's native values,
overdue marks from the user's horizon, and a language switch announced to whoever shows it."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from desktop_app.domain.preferences import Options
from desktop_app.domain.recognition import MASK, CaseDraft
from desktop_app.services import recognition_cases as cases
from desktop_app.services.recognition_queries import CaseFilter
from desktop_app.ui.recognition import model as case_model
from desktop_app.ui.recognition.model import CaseTableModel

TODAY = dt.date.today()


@pytest.fixture
def filled(sqlite_db):
    for number in range(25):
        cases.create(sqlite_db, CaseDraft(
            holder_name=f"Holder {number}", holder_birth_date=dt.date(1990, 1, 1 + number), reference=f"M-{number:03d}",
            issuing_country="KZ" if number % 2 else "CN", recognising_country="TR",
            qualification_title="Магистр" if number % 5 == 0 else "Бакалавр",
            received_on=TODAY - dt.timedelta(days=10 * number)))
    return sqlite_db


def _loaded(qtbot, model: CaseTableModel) -> None:
    qtbot.waitUntil(lambda: not model.loading and not model.counting and not model.fetching, timeout=10000)


def test_pages_arrive_a_keyset_page_at_a_time(qtbot, filled):
    model = CaseTableModel(page_size=10)
    model.set_database(filled)
    _loaded(qtbot, model)
    assert model.total == 25 and model.rowCount() == 10 and model.canFetchMore()
    assert model.columnCount() == case_model.COLUMN_COUNT
    model.fetchMore()
    _loaded(qtbot, model)
    model.fetchMore()
    _loaded(qtbot, model)
    assert model.rowCount() == 25 and not model.canFetchMore()
    references = [model.index(r, case_model.COL_REFERENCE).data() for r in range(25)]
    assert references == [f"M-{n:03d}" for n in range(25)]  # newest received first
    assert len(set(references)) == 25


def test_sorting_filtering_and_the_sort_role(qtbot, filled):
    model = CaseTableModel(page_size=10)
    model.set_database(filled)
    _loaded(qtbot, model)
    model.sort(case_model.COL_FROM, Qt.SortOrder.AscendingOrder)
    _loaded(qtbot, model)
    assert model.index(0, case_model.COL_FROM).data() == "China"
    assert model.index(0, case_model.COL_FROM).data(case_model.SORT_ROLE) == "CN"
    received = model.index(0, case_model.COL_RECEIVED)
    assert isinstance(received.data(case_model.SORT_ROLE), dt.date)
    model.set_filter(CaseFilter(search="магистр"))
    _loaded(qtbot, model)
    assert model.total == 5 and model.query.sort == "issuing_country"  # the order stays with a new filter
    model.sort(case_model.COL_BIRTH, Qt.SortOrder.AscendingOrder)  # not sortable in SQL: ignored
    assert model.query.sort == "issuing_country"


def test_personal_data_is_masked_until_revealed(qtbot, filled):
    model = CaseTableModel()
    model.set_database(filled)
    _loaded(qtbot, model)
    assert model.index(0, case_model.COL_HOLDER).data() == MASK
    assert model.index(0, case_model.COL_BIRTH).data() == MASK
    model.set_reveal(True)
    _loaded(qtbot, model)
    assert model.index(0, case_model.COL_HOLDER).data() == "Holder 0"


def test_overdue_marks_follow_the_users_horizon(qtbot, filled):
    model = CaseTableModel(options=Options(recognition_overdue_days=100))
    model.set_database(filled)
    _loaded(qtbot, model)
    overdue = [model.index(r, 0).data(case_model.OVERDUE_ROLE) for r in range(model.rowCount())]
    assert overdue == [10 * n > 100 for n in range(model.rowCount())]
    assert model.index(15, 0).data(Qt.ItemDataRole.ToolTipRole) == "Overdue: awaiting a decision for 150 days"
    changed = []
    model.dataChanged.connect(lambda *args: changed.append(args))
    model.set_options(Options(recognition_overdue_days=30))
    assert changed and model.index(4, 0).data(case_model.OVERDUE_ROLE)


def test_a_language_switch_is_announced_and_shown(qtbot, qapp, filled):
    from desktop_app.i18n import set_language

    model = CaseTableModel()
    model.set_database(filled)
    _loaded(qtbot, model)
    headers, cells = [], []
    model.headerDataChanged.connect(lambda *args: headers.append(args))
    model.dataChanged.connect(lambda *args: cells.append(args))
    try:
        set_language("ru")
        model.retranslate()
        assert headers and cells
        assert model.headerData(case_model.COL_STATUS, Qt.Orientation.Horizontal) == "Статус"
        assert model.index(0, case_model.COL_TO).data() == "Турция"
        assert model.index(0, case_model.COL_STATUS).data() == "Получено"
    finally:
        set_language("en")
