"""Migrations: create, refuse newer or foreign files untouched, back up before migrating."""

import hashlib
import sqlite3

import pytest

from desktop_app.domain.errors import DatabaseProblem
from desktop_app.storage import schema


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_upgrade_creates_schema_and_reference_data(db):
    from sqlalchemy import func, select

    from desktop_app.storage.models import CooperationAreaRow, IscedField, IscedLevel, MemberState, RoadmapAction

    with db.reading() as session:
        def count(model, *where) -> int:
            return session.execute(select(func.count()).select_from(model).where(*where)).scalar_one()

        assert count(MemberState, MemberState.is_member.is_(True)) == 28
        assert count(MemberState, MemberState.is_member.is_(False)) >= 1
        assert count(CooperationAreaRow) == 8
        assert count(IscedLevel) == 10
        assert count(IscedField) == 220
        assert count(RoadmapAction) == 5
    assert schema.current_revisions(db.url) == schema.head_revisions()


def test_every_record_has_a_stable_uuid_and_timestamps(db):
    from sqlalchemy import select

    from desktop_app.domain.reference import reference_uuid
    from desktop_app.storage.models import MemberState

    with db.reading() as session:
        kz = session.execute(select(MemberState).where(MemberState.code == "KZ")).scalar_one()
        assert kz.uuid == reference_uuid("state", "KZ")
        assert kz.created_at is not None and kz.updated_at is not None


def test_upgrade_is_idempotent(tmp_path):
    url = f"sqlite:///{tmp_path / 'a.sqlite3'}"
    first = schema.upgrade(url)
    second = schema.upgrade(url)
    assert first.changed and not second.changed


def test_newer_database_is_refused_and_left_byte_identical(sqlite_url):
    path = schema.sqlite_path(sqlite_url)
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    connection.commit()
    connection.close()
    before = _digest(path)
    with pytest.raises(DatabaseProblem) as raised:
        schema.upgrade(sqlite_url)
    assert "newer version" in raised.value.text
    assert _digest(path) == before


def test_file_of_another_program_is_refused(tmp_path):
    path = tmp_path / "other.db"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE notes (x)")
    connection.commit()
    connection.close()
    before = _digest(path)
    with pytest.raises(DatabaseProblem):
        schema.upgrade(f"sqlite:///{path}")
    assert _digest(path) == before


def test_garbage_file_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "garbage.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DatabaseProblem) as raised:
        schema.upgrade(f"sqlite:///{path}")
    assert str(path) in raised.value.text


def test_older_database_is_backed_up_before_migrating(tmp_path, user_home):
    from alembic import command

    revisions = [rev.revision for rev in schema._script().walk_revisions()]
    if len(revisions) < 2:
        pytest.skip("only one schema revision exists so far")
    oldest = revisions[-1]
    path = tmp_path / "old.sqlite3"
    url = f"sqlite:///{path}"
    from desktop_app.storage.engine import make_engine

    engine = make_engine(url)
    with engine.begin() as connection:
        config = schema._alembic_config()
        config.attributes["connection"] = connection
        command.upgrade(config, oldest)
    engine.dispose()
    result = schema.upgrade(url)
    assert result.backup is not None and result.backup.exists()
    assert schema.current_revisions(f"sqlite:///{result.backup}") == {oldest}


def test_sqlite_runs_with_foreign_keys_and_wal(sqlite_db):
    with sqlite_db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_revision_graph_read_without_alembic_agrees_with_alembic():
    script = schema._script()
    assert schema.known_revisions() == {rev.revision for rev in script.walk_revisions()}
    assert schema.head_revisions() == set(script.get_heads())
