"""The table models of Mobility & events and the Road map over a real database, without any view: pages
fetched as a view would scroll, native sort values, sorting in SQL, masking, and a language switch that
repaints headers and cells."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from desktop_app.domain.mobility import EventDraft, MobilityDraft
from desktop_app.domain.roadmap import MeetingDraft, MemberDraft
from desktop_app.i18n import set_language
from desktop_app.services import documents, events, meetings, mobility, roadmap, working_group
from desktop_app.ui.common.keyset_model import ID_ROLE, SORT_ROLE
from desktop_app.ui.mobility.models import (
    E_DOCUMENTS,
    E_HOST,
    E_KIND,
    E_PARTNERS,
    M_FROM,
    M_KIND,
    M_PERSON,
    M_START,
    EventTableModel,
    FlowMatrixModel,
    MobilityTableModel,
)
from desktop_app.ui.roadmap.models import (
    A_DEADLINE,
    A_NUMBER,
    A_STATUS,
    W_EMAIL,
    W_NAME,
    W_STATE,
    X_ACTION,
    X_DOCUMENTS,
    ActionTableModel,
    MeetingTableModel,
    MemberTableModel,
)
from tests.agreements_helpers import network


@pytest.fixture
def signals(qapp):
    """Which change signals a model emits."""

    def watch(model):
        seen = []
        model.headerDataChanged.connect(lambda *args: seen.append("headers"))
        model.dataChanged.connect(lambda *args: seen.append("data"))
        return seen

    return watch


def _fill(db, ids, count):
    start = dt.date(2020, 1, 1)
    for number in range(count):
        mobility.create(db, MobilityDraft("student" if number % 3 else "researcher", "semester",
                                          ids["kaznu"] if number % 2 else ids["enu"], ids["ranked"],
                                          start + dt.timedelta(days=number), start + dt.timedelta(days=number + 30),
                                          person_name=f"Person Number{number}"))


def test_mobility_model_fetches_page_after_page_and_sorts_in_sql(sqlite_db, qapp):
    ids = network(sqlite_db)
    _fill(sqlite_db, ids, 450)
    model = MobilityTableModel()
    model.set_database(sqlite_db)
    assert (model.total, model.rowCount()) == (450, 200) and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 450 and not model.canFetchMore()
    assert len({model.data(model.index(r, 0), ID_ROLE) for r in range(450)}) == 450
    starts = [model.data(model.index(r, M_START), SORT_ROLE) for r in range(450)]
    assert isinstance(starts[0], dt.date) and starts == sorted(starts, reverse=True)
    assert model.data(model.index(0, M_START)) == "Mar 25, 2021"
    assert model.data(model.index(0, M_PERSON)) == "P. N."  # masked
    assert model.data(model.index(0, M_FROM)) == "Al-Farabi Kazakh National University (Kazakhstan)"

    model.sort(M_KIND, Qt.SortOrder.AscendingOrder)  # "researcher" before "student", in SQL
    assert model.rowCount() == 200 and model.query.sort == "person_kind"
    assert model.data(model.index(0, M_KIND), SORT_ROLE) == "researcher"
    assert model.data(model.index(149, M_KIND), SORT_ROLE) == "researcher"
    assert model.data(model.index(150, M_KIND), SORT_ROLE) == "student"
    model.sort(M_PERSON, Qt.SortOrder.AscendingOrder)  # not sortable: the order stays
    assert model.query.sort == "person_kind"


def test_mobility_model_repaints_in_the_new_language(sqlite_db, signals):
    ids = network(sqlite_db)
    _fill(sqlite_db, ids, 3)
    model = MobilityTableModel()
    model.set_database(sqlite_db)
    seen = signals(model)
    try:
        set_language("ru")
        model.retranslate()
        assert {"headers", "data"} <= set(seen)
        assert model.headerData(M_KIND, Qt.Orientation.Horizontal) == "Категория"
        assert model.data(model.index(0, M_KIND)) == "Студент"
        assert "Казахстан" in model.data(model.index(0, M_FROM))
    finally:
        set_language("en")


def test_event_model_shows_partners_and_documents(sqlite_db, qapp):
    ids = network(sqlite_db)
    event_id = events.create(sqlite_db, EventDraft("conference", "Forum of Rectors", dt.date(2025, 10, 16),
                                                   dt.date(2025, 10, 17), ids["kaznu"], [ids["ranked"], ids["enu"]],
                                                   180))
    documents.attach_bytes(sqlite_db, events.DOCUMENTS, event_id, "resolution.pdf", b"%PDF")
    model = EventTableModel()
    model.set_database(sqlite_db)
    assert model.rowCount() == 1 and not model.canFetchMore()
    assert model.data(model.index(0, E_KIND)) == "Conference"
    assert model.data(model.index(0, E_HOST)) == "Al-Farabi Kazakh National University (Kazakhstan)"
    assert model.data(model.index(0, E_PARTNERS)) == "L. N. Gumilyov Eurasian National University and Tsinghua " \
                                                     "University"
    assert model.data(model.index(0, E_PARTNERS), SORT_ROLE) == 2
    assert model.data(model.index(0, E_DOCUMENTS)) == "1"


def test_flow_matrix_model_counts_and_names_states_in_the_language(sqlite_db, signals):
    ids = network(sqlite_db)
    _fill(sqlite_db, ids, 4)
    model = FlowMatrixModel()
    model.set_matrix(mobility.flow_matrix(sqlite_db))
    assert model.states == ["CN", "KZ"]
    assert model.data(model.index(1, 0), Qt.ItemDataRole.UserRole) == 4
    assert model.data(model.index(0, 1)) == "·"
    seen = signals(model)
    try:
        set_language("kk")
        model.retranslate()
        assert {"headers", "data"} <= set(seen)
        assert model.headerData(1, Qt.Orientation.Horizontal) == "Қазақстан"
    finally:
        set_language("en")


def test_action_model_flags_overdue_actions_in_the_language_of_the_moment(sqlite_db, signals):
    roadmap.set_status(sqlite_db, roadmap.page(sqlite_db).rows[0].id, "done")
    model = ActionTableModel(today=dt.date(2024, 10, 1))
    model.set_database(sqlite_db)
    assert model.rowCount() == 5
    assert model.data(model.index(0, A_NUMBER), Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(model.index(4, A_NUMBER), Qt.ItemDataRole.BackgroundRole) is not None
    assert model.data(model.index(4, A_STATUS)) == "Planned — overdue"
    assert model.data(model.index(1, A_DEADLINE)) == "Q2–Q3 2023"
    assert model.data(model.index(4, A_DEADLINE), SORT_ROLE) == (2024, 3)
    seen = signals(model)
    try:
        set_language("kk")
        model.retranslate()
        assert {"headers", "data"} <= set(seen)
        assert model.data(model.index(4, A_STATUS)) != "Planned — overdue"
        assert "Planned" not in model.data(model.index(4, A_STATUS))
    finally:
        set_language("en")


def test_meeting_and_member_models(sqlite_db, qapp):
    action_id = roadmap.page(sqlite_db).rows[1].id
    meeting_id = meetings.create(sqlite_db, MeetingDraft("Experts", dt.date(2023, 6, 27), "Astana", "Agreed.",
                                                         action_id))
    documents.attach_bytes(sqlite_db, meetings.DOCUMENTS, meeting_id, "minutes.pdf", b"%PDF")
    model = MeetingTableModel()
    model.set_database(sqlite_db)
    assert (model.data(model.index(0, X_ACTION)), model.data(model.index(0, X_DOCUMENTS))) == ("2", "1")
    for number in range(230):
        working_group.create(sqlite_db, MemberDraft("KZ" if number % 2 else "CN", f"Member Person{number:03}",
                                                    f"m{number}@example.org"))
    members = MemberTableModel()
    members.set_database(sqlite_db)
    assert members.rowCount() == 200 and members.canFetchMore()
    members.fetchMore()
    assert members.rowCount() == 230 and not members.canFetchMore()
    assert members.data(members.index(0, W_STATE)) == "China"
    assert (members.data(members.index(0, W_NAME)), members.data(members.index(0, W_EMAIL))) == ("M. P.", "•••")
