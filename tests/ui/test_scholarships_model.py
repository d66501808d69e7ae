"""The scholarship programmes' table model over a real database, without any view: pages fetched as a view
would scroll, amounts in each programme's own currency, native sort values, sorting and search in SQL, and
a language switch that repaints headers and cells."""

from dataclasses import replace

from PySide6.QtCore import Qt

from desktop_app.domain.scholarships import AwardDraft, BudgetDraft, ScholarshipDraft
from desktop_app.i18n import set_language
from desktop_app.services import scholarships
from desktop_app.ui.common.keyset_model import ID_ROLE, SORT_ROLE
from desktop_app.ui.mobility.scholarships_tab import (
    S_AMOUNT,
    S_CURRENCY,
    S_FUNDER,
    S_NAME,
    S_REMAINING,
    ScholarshipTableModel,
)
from tests.mobility_helpers import student_mobility, two_universities


def _programmes(db, count: int) -> None:
    for number in range(count):
        scholarships.create(db, ScholarshipDraft(f"Programme {number:03d}", ("EUR", "KZT")[number % 2], 500.0,
                                                 "lump_sum", funder=f"Funder {count - number:03d}",
                                                 budgets=[BudgetDraft(2026, 1000.0)]))


def test_the_model_fetches_page_after_page_and_sorts_in_sql(sqlite_db, qapp):
    _programmes(sqlite_db, 450)
    model = ScholarshipTableModel()
    model.set_database(sqlite_db)
    assert (model.total, model.rowCount()) == (450, 200) and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 450 and not model.canFetchMore()
    assert len({model.data(model.index(r, 0), ID_ROLE) for r in range(450)}) == 450
    names = [model.data(model.index(r, S_NAME), SORT_ROLE) for r in range(450)]
    assert names == sorted(names)
    model.sort(S_FUNDER)
    assert model.data(model.index(0, S_FUNDER)) == "Funder 001" and model.rowCount() == 200
    model.set_query(replace(model.query, search="042"))  # a name and a funder
    assert model.total == 2 and {row.name for row in model.rows} == {"Programme 042", "Programme 408"}
    assert model.is_sortable(S_CURRENCY) and not model.is_sortable(S_REMAINING)


def test_amounts_stay_in_the_programme_currency(sqlite_db, qapp):
    sending, receiving = two_universities(sqlite_db)
    mobility_id = student_mobility(sqlite_db, sending, receiving)
    scholarships.create(sqlite_db, ScholarshipDraft("CICA Mobility Grant", "EUR", 1000.0, funder="CICA",
                                                    budgets=[BudgetDraft(2026, 10000.0)],
                                                    awards=[AwardDraft(mobility_id, 2026, 5000.0, 1000.0)]))
    model = ScholarshipTableModel()
    model.set_database(sqlite_db)
    assert model.data(model.index(0, S_AMOUNT)) == "€1,000.00 per month"
    assert model.data(model.index(0, S_REMAINING)) == "€5,000.00"
    assert model.data(model.index(0, S_REMAINING), SORT_ROLE) == 5000.0
    assert model.data(model.index(0, S_AMOUNT), Qt.ItemDataRole.TextAlignmentRole)


def test_the_model_repaints_in_the_new_language(sqlite_db, qapp):
    _programmes(sqlite_db, 2)
    model = ScholarshipTableModel()
    model.set_database(sqlite_db)
    seen = []
    model.headerDataChanged.connect(lambda *args: seen.append("headers"))
    model.dataChanged.connect(lambda *args: seen.append("data"))
    try:
        set_language("ru")
        model.retranslate()
        assert {"headers", "data"} <= set(seen)
        assert model.headerData(S_REMAINING, Qt.Orientation.Horizontal) == "Остаток"
        assert "единовременно" in model.data(model.index(0, S_AMOUNT))
    finally:
        set_language("en")
