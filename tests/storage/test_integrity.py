import sqlite3

import pytest

from desktop_app.domain.errors import DatabaseProblem
from desktop_app.storage import backups, integrity
from desktop_app.storage.engine import sqlite_path


def test_fresh_database_is_sound(db_url):
    assert integrity.check_database(db_url).ok


def test_garbage_in_the_middle_is_detected(sqlite_url):
    path = sqlite_path(sqlite_url)
    # Fold the WAL into the main file so the damage lands in real pages.
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("PRAGMA journal_mode=DELETE")
    connection.close()
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 8192] = b"\xde\xad\xbe\xef" * 2048
    path.write_bytes(bytes(data))
    report = integrity.check_database(sqlite_url)
    assert not report.ok
    assert "damaged" in report.problems[0]


def test_backup_then_restore_round_trips(sqlite_url, tmp_path):
    path = sqlite_path(sqlite_url)
    backup = backups.backup_database(sqlite_url, tmp_path / "copy.sqlite3")
    connection = sqlite3.connect(path)
    connection.execute("DELETE FROM roadmap_actions WHERE number = 5")
    connection.commit()
    connection.close()
    aside = backups.restore_database(sqlite_url, backup)
    assert aside is not None and aside.exists()
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT count(*) FROM roadmap_actions").fetchone()[0] == 5
    connection.close()
    aside_connection = sqlite3.connect(aside)
    assert aside_connection.execute("SELECT count(*) FROM roadmap_actions").fetchone()[0] == 4
    aside_connection.close()


def test_restore_refuses_a_file_that_is_not_a_backup(sqlite_url, tmp_path):
    bogus = tmp_path / "bogus.sqlite3"
    bogus.write_bytes(b"nothing useful here" * 50)
    before = sqlite_path(sqlite_url).read_bytes()
    with pytest.raises(DatabaseProblem):
        backups.restore_database(sqlite_url, bogus)
    assert sqlite_path(sqlite_url).read_bytes() == before
