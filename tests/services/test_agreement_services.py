import datetime as dt
import hashlib

import pytest
from sqlalchemy import select

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.mobility import MobilityDraft
from desktop_app.services import agreements, documents, mobility, roadmap
from desktop_app.storage.models import RoadmapAction
from tests.agreements_helpers import bilateral_draft, network


def test_agreement_round_trips_through_the_database_and_lists_when_expiring(db):
    ids = network(db)
    draft = bilateral_draft(ids)
    agreement_id = agreements.create_agreement(db, draft)
    _uuid, stored = agreements.get_agreement(db, agreement_id)
    assert stored == draft
    today = dt.date(2030, 7, 1)
    assert [r.id for r in agreements.list_agreements(db, expiring_within=90, today=today)] == [agreement_id]
    assert agreements.list_agreements(db, expiring_within=30, today=today) == []
    assert [r.id for r in agreements.list_agreements(db, search="tsinghua")] == [agreement_id]
    with db.reading() as session:
        assert agreements.expiring_count(session, 90, today) == 1


def test_invalid_agreement_is_refused_with_field_errors(db):
    ids = network(db)
    draft = bilateral_draft(ids)
    draft.parties = draft.parties[:1]
    with pytest.raises(ValidationError) as caught:
        agreements.create_agreement(db, draft)
    assert "parties" in caught.value.errors


def test_strategic_warnings_read_the_foreign_partners_rankings(db):
    ids = network(db)
    draft = bilateral_draft(ids)
    draft.kind, draft.approach, draft.funding_sources = "strategic", "joint_venture", "Grants"
    draft.national_staff_percent, draft.foreign_staff_percent = 70, 30
    assert agreements.partnership_warnings(db, draft) == []
    draft.parties[1].university_id = ids["unranked"]
    warnings = agreements.partnership_warnings(db, draft)
    assert len(warnings) == 1 and "Example Technical University" in warnings[0]


def test_documents_keep_their_checksum(db):
    ids = network(db)
    agreement_id = agreements.create_agreement(db, bilateral_draft(ids))
    content = "Скан соглашения".encode()
    document_id = documents.attach_bytes(db, "agreement", agreement_id, "agreement.pdf", content)
    [info] = documents.list_documents(db, "agreement", agreement_id)
    assert info.sha256 == hashlib.sha256(content).hexdigest()
    assert documents.document_content(db, document_id) == ("agreement.pdf", content)
    agreements.delete_agreement(db, agreement_id)
    assert documents.list_documents(db, "agreement", agreement_id) == []


def test_flow_matrix_counts_by_year_and_state(db):
    ids = network(db)
    records = [("kaznu", "ranked", dt.date(2024, 9, 1)), ("enu", "ranked", dt.date(2024, 12, 31)),
               ("ranked", "kaznu", dt.date(2025, 1, 1)), ("kaznu", "unranked", dt.date(2025, 3, 1)),
               ("kaznu", "enu", dt.date(2025, 4, 1))]
    for sending, receiving, start in records:
        mobility.create_mobility(db, MobilityDraft("student", "semester", ids[sending], ids[receiving], start,
                                                   start + dt.timedelta(days=90), person_name="Test Person"))
    matrix = mobility.flow_matrix(db)
    assert matrix.count("KZ", "CN", 2024) == 2
    assert matrix.count("CN", "KZ", 2025) == 1
    assert matrix.count("KZ", "KZ", 2025) == 1
    assert matrix.count("KZ", "TR") == 1
    assert mobility.flow_matrix(db, 2024).cells == [{"year": 2024, "from": "KZ", "to": "CN", "count": 2}]
    rows = mobility.list_mobility(db)
    assert {r.person_name for r in rows} == {"T. P."}
    assert "person_name" not in rows[0].as_json()
    assert mobility.list_mobility(db, reveal_personal=True)[0].person_name == "Test Person"


def test_roadmap_status_overdue_and_meetings(db):
    with db.reading() as session:
        action_id = session.execute(select(RoadmapAction.id).where(RoadmapAction.number == 5)).scalar_one()
    [fifth] = [a for a in roadmap.list_actions(db, dt.date(2024, 10, 1)) if a.number == 5]
    assert fifth.overdue and fifth.deadline == "Q3 2024"
    roadmap.set_action_status(db, action_id, "done", "Launched in Astana")
    [fifth] = [a for a in roadmap.list_actions(db, dt.date(2024, 10, 1)) if a.number == 5]
    assert not fifth.overdue and fifth.notes == "Launched in Astana"
    roadmap.add_meeting(db, "Experts", dt.date(2023, 6, 27), "Astana", "Minutes text", action_id)
    documents.attach_bytes(db, "roadmap_action", action_id, "minutes.txt", b"evidence")
    [fifth] = [a for a in roadmap.list_actions(db) if a.number == 5]
    assert (fifth.meetings, fifth.evidence) == (1, 1)
    roadmap.add_member(db, "kz", "Asel Nurpeisova", "KazNU", email="a@example.org")
    assert [m.name for m in roadmap.list_members(db)] == ["A. N."]


def test_events_keep_their_partners_through_an_edit(db):
    from desktop_app.domain.mobility import EventDraft

    ids = network(db)
    draft = EventDraft("symposium", "Symposium on water", dt.date(2025, 4, 1), dt.date(2025, 4, 2), ids["enu"],
                       sorted([ids["ranked"], ids["kaznu"]]), 60, "water_management", "Joint declaration")
    event_id = mobility.create_event(db, draft)
    assert mobility.get_event(db, event_id)[1] == draft
    draft.partner_ids, draft.participants = [ids["unranked"]], 75
    mobility.update_event(db, event_id, draft)
    assert mobility.get_event(db, event_id)[1] == draft
    [row] = mobility.list_events(db)
    assert row.partners == ["Example Technical University"] and row.participants == 75
    with pytest.raises(ValidationError):
        draft.partner_ids = [ids["enu"]]
        mobility.update_event(db, event_id, draft)
