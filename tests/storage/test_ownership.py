"""Every record carries the member state that owns it, without the areas' services knowing; deletions
leave tombstones that undo removes. On SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import insert, inspect, select

from desktop_app.services import exchange_identity, records
from desktop_app.storage import snapshots
from desktop_app.storage.models import DeletedRecord, EquivalenceRule, RoadmapAction, University
from desktop_app.storage.ownership import OWNER_COLUMN


def test_every_registered_kind_has_its_owner_column_in_the_database(db):
    """A kind registered later must add ``owner_state`` in its migration: this says so."""
    with db.engine.connect() as connection:
        inspector = inspect(connection)
        for kind, spec in snapshots.KINDS.items():
            columns = {column["name"] for column in inspector.get_columns(spec.table)}
            assert OWNER_COLUMN in columns, f"{kind}: its migration must add {OWNER_COLUMN} to {spec.table}"
            assert OWNER_COLUMN in snapshots._table(spec.table).c


def test_records_created_here_belong_to_this_database_state(db):
    from desktop_app.exchange.demo import load_demo_universities

    exchange_identity.ensure_identity(db, "KZ")
    load_demo_universities(db)  # through the universities service, which knows nothing of owners
    with db.transaction() as session:  # a bulk insert through Core gets the owner too
        session.execute(insert(EquivalenceRule), [{
            "from_country": "KZ", "qualification_title": "Bachelor", "to_country": "TR", "recognised_as": "Lisans",
            "legal_basis": "tokyo_convention"}])
    with db.reading() as session:
        assert set(session.execute(select(University.owner_state)).scalars()) == {"KZ"}
        assert session.execute(select(EquivalenceRule.owner_state)).scalar_one() == "KZ"
        assert set(session.execute(select(RoadmapAction.owner_state)).scalars()) == {None}  # the network's


def test_a_delete_leaves_a_tombstone_and_undo_removes_it(db):
    from desktop_app.exchange.demo import load_demo_universities

    exchange_identity.ensure_identity(db, "KZ")
    load_demo_universities(db)
    with db.reading() as session:
        university_id, uuid = session.execute(select(University.id, University.uuid).order_by(University.id)).first()
    snap = records.delete_record(db, "university", university_id, ())
    with db.reading() as session:
        tombstone = session.execute(select(DeletedRecord).where(DeletedRecord.uuid == uuid)).scalar_one()
        assert (tombstone.kind, tombstone.owner_state) == ("university", "KZ")
    records.restore_record(db, snap, ())
    with db.reading() as session:
        assert session.execute(select(DeletedRecord).where(DeletedRecord.uuid == uuid)).first() is None
