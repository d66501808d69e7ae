"""The register's use cases on SQLite and PostgreSQL: the whole record, one parent per state, search in
every script, filters, sorting, paging, delete and restore."""

import datetime as dt

import pytest
from sqlalchemy import select

from desktop_app.domain.errors import ConflictError, ValidationError
from desktop_app.domain.universities import ContactDraft, NameDraft, RankingDraft, UniversityDraft
from desktop_app.services import universities, university_search
from desktop_app.services.university_search import UniversityQuery
from desktop_app.storage.models import UniversityStatusChange


def _draft(country, *names, **fields) -> UniversityDraft:
    return UniversityDraft(country, [NameDraft(value, lang) for value, lang in names], **fields)


def test_full_record_round_trips_and_status_history_grows(db):
    draft = _draft("KZ", ("Сәтбаев университеті", "kk"), ("Satbayev University", "en"), city="Almaty",
                   contacts=[ContactDraft("Aida Bekova", "International office", "aida@example.org")],
                   rankings=[RankingDraft("qs", 2024, "=450")], areas=["water_management"],
                   status="invited", status_since=dt.date(2024, 3, 1))
    university_id = universities.create(db, draft)
    stored = universities.get(db, university_id).draft
    assert [(n.value, n.lang) for n in stored.names] == [("Сәтбаев университеті", "kk"), ("Satbayev University", "en")]
    assert stored.contacts[0].email == "aida@example.org"
    assert stored.rankings[0].rank_text == "=450"
    assert stored.areas == ["water_management"]
    assert [(h.status, h.changed_on) for h in stored.status_history] == [("invited", dt.date(2024, 3, 1))]
    row = university_search.page(db, UniversityQuery(), 0, 10)[0]
    assert row.top500 and row.status_since == dt.date(2024, 3, 1)

    stored.status, stored.status_since = "memorandum_signed", dt.date(2024, 9, 1)
    universities.update(db, university_id, stored)
    with db.reading() as session:
        history = session.execute(select(UniversityStatusChange.status).order_by(UniversityStatusChange.changed_on)
                                  ).scalars().all()
    assert history == ["invited", "memorandum_signed"]


def test_contacts_are_searchable(db):
    universities.create(db, _draft("KZ", ("Satbayev University", "en"),
                                              contacts=[ContactDraft("Aida Bekova", email="aida@example.org")]))
    assert university_search.count(db, UniversityQuery(search="BEKOVA")) == 1


def test_second_parent_for_a_state_is_refused_naming_the_first(db):
    universities.create(db, _draft("KZ", ("Al-Farabi Kazakh National University", "en"),
                                              network_role="parent"))
    other = universities.create(db, _draft("KZ", ("Satbayev University", "en")))
    with pytest.raises(ConflictError) as raised:
        universities.create(db, _draft("KZ", ("Nazarbayev University", "en"), network_role="parent"))
    assert "Al-Farabi Kazakh National University" in raised.value.text and raised.value.field == "network_role"
    stored = universities.get(db, other).draft
    stored.network_role = "parent"
    with pytest.raises(ConflictError):
        universities.update(db, other, stored)
    # Another state may have its own parent.
    universities.create(db, _draft("UZ", ("National University of Uzbekistan", "en"), network_role="parent"))


def test_invalid_draft_is_refused_with_field_messages(db):
    with pytest.raises(ValidationError) as raised:
        universities.create(db, _draft("KZ", ("X", "en"), ror_id="03q0vrn43"))
    assert "ror_id" in raised.value.errors
    assert universities.count(db) == 0


def test_search_folds_every_script(db):
    universities.create(db, _draft("KZ", ("Әл-Фараби атындағы Қазақ ұлттық университеті", "kk")))
    universities.create(db, _draft("TR", ("İstanbul Teknik Üniversitesi", "tr")))
    universities.create(db, _draft("IR", ("دانشگاه شهید بهشتی", "fa")))
    universities.create(db, _draft("CN", ("北京大学", "zh")))
    assert university_search.count(db, UniversityQuery(search="ҰЛТТЫҚ УНИВЕРСИТЕТІ")) == 1
    assert university_search.count(db, UniversityQuery(search="istanbul teknik")) == 1
    assert university_search.count(db, UniversityQuery(search="ISTANBUL")) == 1
    assert university_search.count(db, UniversityQuery(search="بهشتي")) == 1  # Arabic yeh finds Persian yeh
    assert university_search.count(db, UniversityQuery(search="北京")) == 1
    assert university_search.count(db, UniversityQuery(search="100%")) == 0


def test_filters_sorting_and_paging(db):
    for index in range(25):
        universities.create(db, _draft("KZ" if index % 2 else "UZ", (f"University {index:02d}", "en"),
                                                  status="active" if index < 5 else "candidate",
                                                  areas=["economy"] if index % 5 == 0 else []))
    assert university_search.count(db, UniversityQuery(country="KZ")) == 12
    assert university_search.count(db, UniversityQuery(status="active")) == 5
    assert university_search.count(db, UniversityQuery(area="economy")) == 5
    names = [r.display_name for r in university_search.page(db, UniversityQuery(descending=True), 0, 3)]
    assert names == ["University 24", "University 23", "University 22"]
    second = university_search.page(db, UniversityQuery(), 10, 10)
    assert [r.display_name for r in second][0] == "University 10"
    first = university_search.page(db, UniversityQuery(), 0, 10)
    keyset = university_search.page_after(db, UniversityQuery(), (first[-1].display_name, first[-1].id), 10)
    assert keyset == second
    every = [item.row.display_name for batch in university_search.iterate(db, UniversityQuery(), batch=7)
             for item in batch]
    assert every == sorted(every) and len(every) == 25


def test_delete_then_restore_brings_back_the_same_record(db):
    university_id = universities.create(db, _draft(
        "KZ", ("Satbayev University", "en"), contacts=[ContactDraft("Aida Bekova")], areas=["economy"]))
    snapshot = universities.delete(db, university_id)
    assert universities.count(db) == 0
    assert universities.restore(db, snapshot) == university_id
    restored = universities.get(db, university_id)
    assert restored.uuid == snapshot["uuid"] and restored.draft.contacts[0].name == "Aida Bekova"
    assert university_search.count(db, UniversityQuery(search="satbayev")) == 1
