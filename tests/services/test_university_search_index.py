"""The register's search index (migration 0006) on SQLite and PostgreSQL: kept in step with every write in
the same transaction, and the three ways of finding a page (trigram index, ordered walk, filter and
sort) answering exactly the same rows in every script."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from desktop_app.domain.text import fold_for_search
from desktop_app.domain.universities import NameDraft, UniversityDraft
from desktop_app.services import universities, university_search
from desktop_app.services.university_search import UniversityQuery

NAMES = [
    ("KZ", "Әл-Фараби атындағы Қазақ ұлттық университеті", "kk"),
    ("KZ", "Казахский национальный университет имени аль-Фараби", "ru"),
    ("KZ", "Satbayev University", "en"),
    ("TR", "İstanbul Teknik Üniversitesi", "tr"),
    ("TR", "Kırıkkale Üniversitesi", "tr"),
    ("IR", "دانشگاه شهید بهشتی", "fa"),
    ("IR", "دانشگاه صنعتی شریف", "fa"),
    ("CN", "北京师范大学", "zh"),
    ("CN", "北京大学", "zh"),
    ("CN", "吉林大学", "zh"),
]
SEARCHES = ["университет", "ҰЛТТЫҚ", "UNIVERSITY", "istanbul", "KIRIKKALE", "ıstanbul", "بهشتي", "دانشگاه",
            "北京", "大学", "北京师范", "吉林 大学", "sat univ", "nothing here", "%", "ab"]


def _draft(country: str, name: str, lang: str) -> UniversityDraft:
    return UniversityDraft(country, [NameDraft(name, lang)])


def _fts_ids(db, word: str) -> set[int]:
    with db.reading() as session:
        return set(session.execute(text("SELECT rowid FROM universities_fts WHERE universities_fts MATCH :m"),
                                   {"m": f'"{fold_for_search(word)}"'}).scalars())


@pytest.fixture
def register(db):
    for country, name, lang in NAMES:
        universities.create(db, _draft(country, name, lang))
    return db


def _ids(rows) -> list[int]:
    return [row.id for row in rows]


def test_every_way_of_finding_a_page_answers_the_same_rows(register, monkeypatch):
    chosen = {}
    for how in ("walk", "index", "filter"):
        monkeypatch.setattr(university_search, "strategy", lambda *_args, _how=how, **_kw: _how)
        for search in SEARCHES:
            query = UniversityQuery(search=search)
            words = university_search._words(query)
            if how == "index" and not university_search._indexed_words(words):
                continue  # no word with a trigram: the index is never asked
            if how == "index" and not register.is_sqlite:
                continue  # PostgreSQL has no FTS5 table; its GIN index serves the walk's LIKE
            rows = _ids(university_search.page_after(register, query, None, 50))
            chosen.setdefault(search, rows)
            assert rows == chosen[search], (how, search)
    monkeypatch.undo()
    for search, rows in chosen.items():  # the count under the table agrees, with and without a filter
        assert university_search.count(register, UniversityQuery(search=search)) == len(rows), search
        in_kz = university_search.page_after(register, UniversityQuery(search=search, country="KZ"), None, 50)
        assert university_search.count(register, UniversityQuery(search=search, country="KZ")) == len(in_kz)
    assert len(chosen["университет"]) == 2 and len(chosen["北京"]) == 2 and len(chosen["大学"]) == 3
    assert len(chosen["istanbul"]) == 1 and chosen["ıstanbul"] == chosen["istanbul"]
    assert len(chosen["بهشتي"]) == 1 and len(chosen["吉林 大学"]) == 1 and chosen["%"] == []


def test_strategy_follows_how_common_the_words_are(register, monkeypatch):
    if not register.is_sqlite:
        pytest.skip("PostgreSQL's planner chooses for itself")
    monkeypatch.setattr(university_search, "common_threshold", lambda rows, limit: 3)
    monkeypatch.setattr(university_search, "WALK_ROW_COST", 1)
    monkeypatch.setattr(university_search, "SCAN_ROW_COST", 1)
    with register.reading() as session:
        assert university_search.strategy(session, UniversityQuery(search="университет")) == "index"  # 2 < 3
        assert university_search.strategy(session, UniversityQuery(search="univ")) == "walk"  # 4 matches
        # Short words: the page of 2 fills within 2 / share rows of the walk; walk when that is under 10.
        assert university_search.strategy(session, UniversityQuery(search="北京"), limit=2) == "filter"  # 2/10
        assert university_search.strategy(session, UniversityQuery(search="学"), limit=2) == "walk"  # 3/10
        assert university_search.strategy(session, UniversityQuery()) == "walk"


def test_keyset_pages_of_an_indexed_search_follow_each_other(register):
    query = UniversityQuery(search="univ", sort="country")
    first = universities.page(register, query, limit=2)
    second = universities.page(register, query, after=first.after, limit=2)
    every = _ids(university_search.page_after(register, query, None, 50))
    assert _ids(first.rows) + _ids(second.rows) == every[:4]


def test_index_follows_create_update_delete_and_restore(register):
    if not register.is_sqlite:
        pytest.skip("the FTS5 table is SQLite's")
    new_id = universities.create(register, _draft("UZ", "Samarkand State University", "en"))
    assert new_id in _fts_ids(register, "samarkand")
    record = universities.get(register, new_id)
    record.draft.names = [NameDraft("Bukhara State University", "en")]
    universities.update(register, new_id, record.draft)
    assert new_id not in _fts_ids(register, "samarkand") and new_id in _fts_ids(register, "bukhara")
    snapshot = universities.delete(register, new_id)
    assert not _fts_ids(register, "bukhara")
    universities.restore(register, snapshot)
    assert _fts_ids(register, "bukhara") == {new_id}
    with register.transaction() as session:  # FTS5's own consistency check against the table
        session.execute(text("INSERT INTO universities_fts(universities_fts, rank) VALUES ('integrity-check', 1)"))


def test_a_rejected_write_leaves_the_index_as_it_was(register):
    from desktop_app.domain.errors import ConflictError

    universities.create(register, UniversityDraft("UZ", [NameDraft("Samarkand State University", "en")],
                                                  network_role="parent"))
    with pytest.raises(ConflictError):
        universities.create(register, UniversityDraft("UZ", [NameDraft("Tashkent Parent University", "en")],
                                                      network_role="parent"))
    assert university_search.count(register, UniversityQuery(search="tashkent")) == 0
    if register.is_sqlite:
        assert not _fts_ids(register, "tashkent")


def test_bulk_import_keeps_the_index_in_step(register, tmp_path):
    from desktop_app.exchange.university_import import apply_import, preview_import

    source = tmp_path / "universities.csv"
    source.write_text("name,country,city\nTermez State University,UZ,Termez\nОшский государственный "
                      "университет,KG,Ош\n", encoding="utf-8")
    apply_import(register, preview_import(register, source, "csv"))
    assert university_search.count(register, UniversityQuery(search="termez")) == 1
    assert university_search.count(register, UniversityQuery(search="ОШСКИЙ")) == 1
    if register.is_sqlite:
        assert len(_fts_ids(register, "ошский")) == 1


def test_migration_created_the_search_index(db):
    with db.reading() as session:
        if db.is_sqlite:
            names = set(session.execute(text("SELECT name FROM sqlite_master WHERE name LIKE 'universities_fts%'"))
                        .scalars())
            assert {"universities_fts", "universities_fts_insert", "universities_fts_update",
                    "universities_fts_delete"} <= names
        else:
            available = session.execute(text("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'")
                                         ).scalar_one()
            index = session.execute(text("SELECT count(*) FROM pg_indexes WHERE indexname = "
                                         "'ix_universities_search_trgm'")).scalar_one()
            assert index == available  # the index exactly when the server let the migration create pg_trgm
