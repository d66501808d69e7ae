"""The agreement register's table model over a real database, without any view: pages are fetched as
asked, sorting and filters go to SQL, cells say what the page shows, and a language switch is announced."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from desktop_app.i18n import set_language
from desktop_app.services import agreements
from desktop_app.services.agreement_search import AgreementQuery
from desktop_app.ui.agreements.model import (
    COL_ENDS,
    COL_KIND,
    COL_PARTIES,
    COL_STATUS,
    COL_TITLE,
    ID_ROLE,
    SORT_ROLE,
    AgreementTableModel,
)
from tests.agreements_helpers import bilateral_draft, network

TODAY = dt.date(2030, 7, 1)


@pytest.fixture
def register(db):
    ids = network(db)
    drafts = []
    for number in range(12):
        draft = bilateral_draft(ids)
        draft.title = f"Exchange {number:02d}"
        draft.valid_to = None if number == 11 else dt.date(2030, 7, 11) + dt.timedelta(days=30 * number)
        drafts.append((None, draft))
    strategic = bilateral_draft(ids)
    strategic.title, strategic.kind, strategic.approach = "Joint school", "strategic", "joint_programmes"
    strategic.parties[1].university_id = ids["unranked"]
    strategic.valid_to = dt.date(2030, 6, 1)  # already past its end, still in force
    drafts.append((None, strategic))
    agreements.import_agreements(db, drafts)
    return db


def _model(db, **query) -> AgreementTableModel:
    model = AgreementTableModel()
    model.PAGE_SIZE = 5
    model.query = AgreementQuery(today=TODAY, horizon_days=90, **query)
    model.set_database(db)
    return model


def _column(model, column, role=Qt.ItemDataRole.DisplayRole):
    return [model.data(model.index(row, column), role) for row in range(model.rowCount())]


def test_pages_are_fetched_when_the_view_asks_for_more(register):
    model = _model(register)
    assert (model.total, model.rowCount(), model.canFetchMore()) == (13, 5, True)
    model.fetchMore()
    assert model.rowCount() == 10
    model.fetchMore()
    assert (model.rowCount(), model.canFetchMore()) == (13, False)
    titles = _column(model, COL_TITLE)
    assert titles[0] == "Joint school" and titles[-1] == "Exchange 11"  # soonest end first, open-ended last
    assert len(set(_column(model, COL_TITLE, ID_ROLE))) == 13


def test_sorting_and_filters_run_in_sql(register):
    model = _model(register)
    model.sort(COL_TITLE, Qt.SortOrder.DescendingOrder)
    assert model.query.sort == "title" and model.query.descending
    model.fetch_all()
    assert _column(model, COL_TITLE) == sorted(_column(model, COL_TITLE), reverse=True)
    model.set_query(AgreementQuery(today=TODAY, horizon_days=90, search="joint school"))
    assert model.total == 1 and _column(model, COL_TITLE) == ["Joint school"]
    model.set_query(AgreementQuery(today=TODAY, horizon_days=90, expiring=True))
    assert model.total == 4  # ended, in 10, 40 and 70 days
    model.set_query(AgreementQuery(today=TODAY, horizon_days=90, kind="strategic"))
    assert _column(model, COL_KIND) == ["Strategic partnership"]


def test_cells_say_what_the_page_shows(register):
    model = _model(register)
    first, second = 0, 1
    assert model.data(model.index(first, COL_KIND)) == "Strategic partnership"
    assert model.data(model.index(first, COL_KIND), Qt.ItemDataRole.ToolTipRole) == (
        "Strategic partnership: Joint educational programmes or joint school")
    assert model.data(model.index(first, COL_STATUS)) == "Active"
    assert model.data(model.index(first, COL_ENDS)) == "Jun 1, 2030 (ended 30 days ago)"
    assert model.data(model.index(second, COL_ENDS)) == "Jul 11, 2030 (in 10 days)"
    assert model.data(model.index(first, COL_ENDS), SORT_ROLE) == dt.date(2030, 6, 1)
    assert model.data(model.index(first, COL_PARTIES)) == (
        "Al-Farabi Kazakh National University and Example Technical University")
    assert model.data(model.index(first, COL_PARTIES), SORT_ROLE) == 2
    assert model.data(model.index(first, COL_PARTIES), Qt.ItemDataRole.ToolTipRole) == (
        "Al-Farabi Kazakh National University (Kazakhstan) — National partner\n"
        "Example Technical University (Türkiye) — Foreign partner")
    assert "Number: KAZNU-THU-1" in model.data(model.index(first, COL_TITLE), Qt.ItemDataRole.ToolTipRole)
    ended, soon = (model.data(model.index(row, COL_TITLE), Qt.ItemDataRole.BackgroundRole) for row in (0, 1))
    assert ended.color().name() != soon.color().name()
    model.fetch_all()
    assert model.data(model.index(model.rowCount() - 1, COL_TITLE), Qt.ItemDataRole.BackgroundRole) is None
    assert model.data(model.index(model.rowCount() - 1, COL_ENDS)) == "—"


def test_a_language_switch_is_announced_and_shown(register):
    model = _model(register)
    headers, resets = [], []
    model.headerDataChanged.connect(lambda *args: headers.append(args))
    model.modelReset.connect(lambda: resets.append(True))
    try:
        set_language("ru")
        model.retranslate()
        assert headers and resets
        assert model.headerData(COL_ENDS, Qt.Orientation.Horizontal) == "Действует до"
        assert model.data(model.index(0, COL_KIND)) == "Стратегическое партнёрство"
        assert model.data(model.index(0, COL_PARTIES), Qt.ItemDataRole.ToolTipRole).endswith(
            "(Турция) — Зарубежный партнёр")
        assert "1 июн. 2030" in model.data(model.index(0, COL_ENDS))
        assert model.rowCount() == 5  # the first page again, in the new language
    finally:
        set_language("en")


def test_organisations_among_the_parties_follow_the_universities_in_their_cell(register):
    """A ministry of a state and an international body (no state) among the parties: named after the
    universities, with their state where they have one, in the interface language."""
    from desktop_app.domain.agreements import OrganisationPartyDraft, PartyRole
    from desktop_app.domain.organisations import OrganisationDraft
    from desktop_app.domain.universities import NameDraft
    from desktop_app.services import organisations

    db = register
    ministry = organisations.create(db, OrganisationDraft(
        "ministry", [NameDraft("Ministry of Education", "en"), NameDraft("Министерство образования", "ru")], "KZ"))
    secretariat = organisations.create(db, OrganisationDraft("international_body",
                                                                     [NameDraft("CICA Secretariat", "en")]))
    [row] = agreements.iterate(db, AgreementQuery(search="joint school"))
    draft = agreements.get(db, row.id).draft
    draft.organisation_parties = [OrganisationPartyDraft(ministry, PartyRole.NATIONAL),
                                  OrganisationPartyDraft(secretariat)]
    agreements.update(db, row.id, draft)
    try:
        set_language("ru")
        model = _model(db, search="joint school", lang="ru")
        [cell] = _column(model, COL_PARTIES)
        assert cell.endswith("Министерство образования и CICA Secretariat")
        [tooltip] = _column(model, COL_PARTIES, Qt.ItemDataRole.ToolTipRole)
        assert tooltip.splitlines()[2:] == ["Министерство образования (Казахстан) — Национальный партнёр",
                                            "CICA Secretariat — Сторона"]
    finally:
        set_language("en")
