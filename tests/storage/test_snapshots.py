"""Snapshots: every kind of record, deleted and restored, comes back the same, byte for byte; an edit
undone by its snapshot is undone exactly; what points at a record is re-linked; what would be left
dangling blocks the delete. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from desktop_app.services import documents, records
from desktop_app.storage import snapshot_schema, snapshots
from desktop_app.storage.models import RecognitionCase

TODAY = dt.date(2026, 12, 3)


@pytest.fixture
def demo_db(db):
    from desktop_app.exchange.demo import load_demo

    load_demo(db)
    return db


def _ids(db, table: str) -> list[int]:
    with db.reading() as session:
        return list(session.execute(text(f"SELECT id FROM {table} ORDER BY id")).scalars())


def test_every_kind_is_registered_and_its_foreign_keys_travel_under_distinct_names():
    from desktop_app.storage.base import Base

    assert {"university", "agreement", "programme", "calendar", "recognition_case", "mobility", "event"} <= set(
        snapshots.KINDS)
    for table in Base.metadata.tables.values():
        names = [snapshot_schema.ref_key(c.name) if snapshot_schema._uuid_reference(c) is not None else c.name
                 for c in table.columns]
        assert len(names) == len(set(names)), table.name


def test_delete_then_restore_gives_back_every_record_of_every_kind(demo_db):
    db = demo_db
    restored = 0
    for kind, spec in snapshots.KINDS.items():
        for record_id in _ids(db, spec.table)[:25]:
            with db.reading() as session:
                if snapshots.blockers(session, kind, record_id):
                    continue
            before = records.snapshot_of(db, kind, record_id, dependents=True)
            deleted = records.delete_record(db, kind, record_id, ())
            assert snapshots.canonical_json(deleted) == snapshots.canonical_json(before)
            assert records.restore_record(db, deleted, ()) == record_id
            after = records.snapshot_of(db, kind, record_id, dependents=True)
            assert snapshots.canonical_json(after) == snapshots.canonical_json(before), (kind, record_id)
            restored += 1
    assert restored > 75
    from desktop_app.storage.integrity import check_database

    assert check_database(db.url).ok


def test_documents_come_back_with_their_bytes(demo_db):
    db = demo_db
    event_id = _ids(db, "joint_events")[0]
    content = bytes(range(256)) * 10
    documents.attach_bytes(db, "event", event_id, "programme.pdf", content, "Printed programme")
    snap = records.delete_record(db, "event", event_id, ())
    assert documents.list_documents(db, "event", event_id) == []
    records.restore_record(db, snap, ())
    [document] = documents.list_documents(db, "event", event_id)
    assert documents.document_content(db, document.id) == ("programme.pdf", content)


def test_records_that_pointed_at_a_deleted_record_point_at_it_again_after_restore(demo_db):
    db = demo_db
    case_id, rule_id = _ids(db, "recognition_cases")[3], _ids(db, "recognition_rules")[2]
    with db.transaction() as session:
        session.get(RecognitionCase, case_id).rule_id = rule_id
    snap = records.delete_record(db, "equivalence_rule", rule_id, ())
    with db.reading() as session:
        assert session.get(RecognitionCase, case_id).rule_id is None
    records.restore_record(db, snap, ())
    with db.reading() as session:
        assert session.get(RecognitionCase, case_id).rule_id == rule_id


def test_a_university_named_by_agreements_cannot_be_deleted_and_the_message_says_why(demo_db):
    from desktop_app.domain.errors import ConflictError

    db = demo_db
    blocked = None
    for university_id in _ids(db, "universities"):
        with db.reading() as session:
            if snapshots.blockers(session, "university", university_id).get("agreement"):
                blocked = university_id
                break
    assert blocked is not None
    before = records.snapshot_of(db, "university", blocked)
    with pytest.raises(ConflictError) as refused:
        records.delete_record(db, "university", blocked, (), "Test University")
    assert "Test University cannot be deleted while" in refused.value.text and "agreement" in refused.value.text
    assert snapshots.canonical_json(records.snapshot_of(db, "university", blocked)) == snapshots.canonical_json(before)


def test_replace_puts_back_an_edited_record_exactly(demo_db):
    from desktop_app.services import universities

    db = demo_db
    university_id = _ids(db, "universities")[0]
    before = records.snapshot_of(db, "university", university_id)
    record = universities.get(db, university_id)
    draft = record.draft
    draft.city = "Changed city"
    draft.names = draft.names[:1]
    draft.areas = []
    universities.update(db, university_id, draft)
    after = records.snapshot_of(db, "university", university_id)
    assert snapshots.canonical_json(after) != snapshots.canonical_json(before)
    records.replace_record(db, before, ())
    assert snapshots.canonical_json(records.snapshot_of(db, "university", university_id)) == \
        snapshots.canonical_json(before)
    records.replace_record(db, after, ())
    assert snapshots.canonical_json(records.snapshot_of(db, "university", university_id)) == \
        snapshots.canonical_json(after)


def test_restoring_a_record_that_is_already_there_is_refused(demo_db):
    from desktop_app.domain.errors import ConflictError

    db = demo_db
    mobility_id = _ids(db, "mobility_records")[0]
    snap = records.snapshot_of(db, "mobility", mobility_id)
    with pytest.raises(ConflictError):
        records.restore_record(db, snap, ())
