"""Mobility records and joint events through their services, on SQLite and PostgreSQL: the area contract,
keyset pages with filters and search in SQL, personal data masked unless revealed, and delete/undo giving
back exactly what was there (an event's documents included)."""

import datetime as dt
import hashlib

import pytest

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.mobility import EventDraft, MobilityDraft
from desktop_app.services import documents, events, mobility, records
from desktop_app.services.events import EventQuery
from desktop_app.services.mobility import MobilityQuery
from desktop_app.storage import snapshots
from tests.agreements_helpers import add_university, network


def _mobility(ids, sending="kaznu", receiving="ranked", start=dt.date(2025, 9, 1), **values) -> MobilityDraft:
    values.setdefault("person_name", "Test Person")
    return MobilityDraft(values.pop("person_kind", "student"), values.pop("format", "semester"), ids[sending],
                         ids[receiving], start, start + dt.timedelta(days=90), **values)


def _all(service, db, query, limit):
    """Every row, page after page, as a list view scrolling to the end would fetch them."""
    rows, after = [], None
    while True:
        page = service.page(db, query, after, limit)
        rows += page.rows
        if page.is_last:
            return rows
        after = page.after


def test_flow_matrix_counts_by_year_and_state(db):
    ids = network(db)
    flows = [("kaznu", "ranked", dt.date(2024, 9, 1)), ("enu", "ranked", dt.date(2024, 12, 31)),
             ("ranked", "kaznu", dt.date(2025, 1, 1)), ("kaznu", "unranked", dt.date(2025, 3, 1)),
             ("kaznu", "enu", dt.date(2025, 4, 1))]
    for sending, receiving, start in flows:
        mobility.create(db, _mobility(ids, sending, receiving, start))
    matrix = mobility.flow_matrix(db)
    assert matrix.count("KZ", "CN", 2024) == 2
    assert matrix.count("CN", "KZ", 2025) == 1
    assert matrix.count("KZ", "KZ", 2025) == 1
    assert matrix.count("KZ", "TR") == 1
    assert mobility.flow_matrix(db, 2024).cells == [{"year": 2024, "from": "KZ", "to": "CN", "count": 2}]
    assert mobility.years(db) == [2025, 2024]


def test_pages_follow_each_other_without_gaps_in_every_order(db):
    ids = network(db)
    starts = [dt.date(2024, 1, 1) + dt.timedelta(days=17 * (i % 9)) for i in range(23)]  # many equal dates
    created = {mobility.create(db, _mobility(ids, "kaznu" if i % 2 else "enu", "ranked" if i % 3 else "unranked",
                                             start, format="internship" if i % 4 == 0 else "semester"))
               for i, start in enumerate(starts)}
    newest_first = _all(mobility, db, MobilityQuery(), 5)
    assert {row.id for row in newest_first} == created and len(newest_first) == 23
    assert [(r.start_date, r.id) for r in newest_first] == sorted(((r.start_date, r.id) for r in newest_first),
                                                                  reverse=True)
    by_sending = _all(mobility, db, MobilityQuery(sort="sending", descending=False), 4)
    assert [(r.sending_university, r.id) for r in by_sending] == sorted((r.sending_university, r.id)
                                                                        for r in newest_first)
    assert mobility.count(db) == 23
    internships = MobilityQuery(format="internship")
    assert {r.format for r in _all(mobility, db, internships, 2)} == {"internship"}
    assert len(_all(mobility, db, internships, 2)) == mobility.count(db, internships) == 6


def test_filters_and_search_in_every_script_and_personal_data_masked(db):
    ids = network(db)
    ids["almaty"] = add_university(db, "KZ", "Қазақ ұлттық қыздар педагогикалық университеті")
    mobility.create(db, _mobility(ids, person_name="Aigerim Sadykova", person_email="a.sadykova@example.org",
                                  birth_date=dt.date(2001, 5, 4), funding="Bolashak"))
    mobility.create(db, _mobility(ids, "almaty", "ranked", dt.date(2024, 2, 1), person_name="Ерлан Жақсыбеков",
                                  person_kind="faculty", format="guest_lecture"))
    [masked] = mobility.page(db, MobilityQuery(search="aigerim")).rows
    assert (masked.person_name, masked.person_email, masked.birth_date) == ("A. S.", "•••", None)
    assert "person_name" not in masked.as_json()
    [revealed] = mobility.page(db, MobilityQuery(search="SADYKOVA", reveal_personal=True)).rows
    assert (revealed.person_name, revealed.birth_date) == ("Aigerim Sadykova", dt.date(2001, 5, 4))
    assert revealed.as_json(include_personal=True)["person_email"] == "a.sadykova@example.org"
    [cyrillic] = mobility.page(db, MobilityQuery(search="ерлан")).rows  # lower-case Cyrillic finds "Ерлан"
    assert cyrillic.person_name == "Е. Ж."
    [by_university] = mobility.page(db, MobilityQuery(search="ҚЫЗДАР")).rows
    assert by_university.id == cyrillic.id
    assert mobility.page(db, MobilityQuery(search="bolashak tsinghua")).rows[0].funding == "Bolashak"
    assert mobility.page(db, MobilityQuery(search="bolashak nothing-like-this")).rows == []
    assert [r.id for r in mobility.page(db, MobilityQuery(year=2024)).rows] == [cyrillic.id]
    assert [r.id for r in mobility.page(db, MobilityQuery(person_kind="faculty")).rows] == [cyrillic.id]
    assert mobility.count(db, MobilityQuery(search="aigerim")) == 1


def test_refused_drafts_leave_the_database_untouched(db):
    ids = network(db)
    with pytest.raises(ValidationError) as refused:
        mobility.create(db, _mobility(ids, "kaznu", "kaznu", person_email="not an address"))
    assert set(refused.value.problems) == {"receiving_university_id", "person_email"}
    with pytest.raises(ValidationError) as gone:
        mobility.create(db, MobilityDraft("student", "semester", ids["kaznu"], 999_999, dt.date(2025, 1, 1),
                                          dt.date(2025, 2, 1)))
    assert set(gone.value.problems) == {"receiving_university_id"}
    assert mobility.count(db) == 0
    assert set(mobility.validate(MobilityDraft("pilot", "cruise", None, None, dt.date(2025, 2, 1),
                                               dt.date(2025, 1, 1)))) == {
        "person_kind", "format", "sending_university_id", "receiving_university_id", "end_date"}


def test_mobility_delete_and_restore_give_back_the_same_record(db):
    ids = network(db)
    record_id = mobility.create(db, _mobility(ids, person_name="Aigerim Sadykova", notes="Credits recognised"))
    draft = mobility.get(db, record_id).draft
    draft.funding = "Erasmus+"
    mobility.update(db, record_id, draft)
    before = records.snapshot_of(db, mobility.KIND, record_id)
    snapshot = mobility.delete(db, record_id)
    assert mobility.count(db) == 0
    assert mobility.restore(db, snapshot) == record_id
    after = records.snapshot_of(db, mobility.KIND, record_id)
    assert snapshots.canonical_json(after) == snapshots.canonical_json(before)
    assert mobility.get(db, record_id).draft.funding == "Erasmus+"


def test_events_keep_their_partners_through_an_edit(db):
    ids = network(db)
    draft = EventDraft("symposium", "Symposium on water", dt.date(2025, 4, 1), dt.date(2025, 4, 2), ids["enu"],
                       sorted([ids["ranked"], ids["kaznu"]]), 60, "water_management", "Joint declaration")
    event_id = events.create(db, draft)
    assert events.get(db, event_id).draft == draft
    draft.partner_ids, draft.participants = [ids["unranked"]], 75
    events.update(db, event_id, draft)
    assert events.get(db, event_id).draft == draft
    [row] = events.page(db).rows
    assert row.partners == ["Example Technical University"] and row.participants == 75
    with pytest.raises(ValidationError):
        draft.partner_ids = [ids["enu"]]
        events.update(db, event_id, draft)


def test_deleting_an_event_keeps_its_documents_for_undo(db):
    ids = network(db)
    event_id = events.create(db, EventDraft("workshop", "Water diplomacy workshop", dt.date(2025, 5, 5),
                                            dt.date(2025, 5, 6), ids["enu"], [ids["ranked"]], 30))
    content = "Итоги семинара — outcome".encode() + bytes(range(256))
    documents.attach_bytes(db, events.DOCUMENTS, event_id, "outcome.pdf", content)
    assert events.page(db).rows[0].documents == 1
    snapshot = events.delete(db, event_id)
    assert events.count(db) == 0 and documents.list_documents(db, events.DOCUMENTS, event_id) == []
    restored = events.restore(db, snapshot)
    [info] = documents.list_documents(db, events.DOCUMENTS, restored)
    assert documents.document_content(db, info.id) == ("outcome.pdf", content)
    assert info.sha256 == hashlib.sha256(content).hexdigest()
    assert events.get(db, restored).draft.partner_ids == [ids["ranked"]]


def test_event_pages_filters_and_search_across_partners(db):
    ids = network(db)
    for number in range(7):
        events.create(db, EventDraft("conference" if number % 2 else "workshop", f"Event {number}",
                                     dt.date(2024 + number % 2, 3, 1 + number), dt.date(2025, 12, 31), ids["enu"],
                                     [ids["ranked"]] if number == 3 else [], 10 * number))
    everything = _all(events, db, EventQuery(), 3)
    assert len(everything) == events.count(db) == 7
    assert [r.start_date for r in everything] == sorted((r.start_date for r in everything), reverse=True)
    assert [r.title for r in events.page(db, EventQuery(search="tsinghua")).rows] == ["Event 3"]
    assert events.count(db, EventQuery(search="eurasian")) == 7  # the host
    assert {r.kind for r in events.page(db, EventQuery(kind="workshop")).rows} == {"workshop"}
    assert {r.start_date.year for r in events.page(db, EventQuery(year=2024)).rows} == {2024}
    by_participants = _all(events, db, EventQuery(sort="participants", descending=False), 2)
    assert [r.participants for r in by_participants] == [0, 10, 20, 30, 40, 50, 60]
    assert events.years(db) == [2025, 2024]
    assert [c.label for c in events.choices(db, search="event 5")] == ["Event 5"]
