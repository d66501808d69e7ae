"""The storage layer's promises, on both engines where they apply: units of work that nest, values checked
the same way before either engine sees them, restores and backups that replace files whole, locks
that are waited for and named."""

from __future__ import annotations

import shutil
import sqlite3
import threading

import pytest
from sqlalchemy import create_engine, func, select, text

from desktop_app.domain.errors import DatabaseProblem, EmptyDatabaseFile, UserError, ValidationError
from desktop_app.domain.universities import NameDraft, UniversityDraft
from desktop_app.services import universities
from desktop_app.storage import backups, database_files, schema, values
from desktop_app.storage.database import Database
from desktop_app.storage.models import University


def _count(db: Database) -> int:
    with db.reading() as session:
        return session.execute(select(func.count()).select_from(University)).scalar_one()


# -- units of work ----------------------------------------------------------------------------------

def test_nested_units_of_work_are_one_transaction(db):
    heard = []
    db.subscribe(heard.append)
    with db.transaction(changes={"outer"}):
        first = universities.create(db, UniversityDraft("KZ", [NameDraft("First University", "en")]))
        assert heard == []  # nothing announced before the outer commit
        assert _count(db) == 1  # reading inside the unit sees its uncommitted work
        with pytest.raises(UserError), db.transaction():
            universities.create(db, UniversityDraft("KZ", [NameDraft("Second University", "en")]))
            raise UserError("This part fails.")
        assert _count(db) == 1  # only the failed part was undone (a savepoint)
    assert heard == [frozenset({"outer", universities.TOPIC})]
    assert universities.get(db, first).draft.names[0].value == "First University"


def test_a_failure_anywhere_undoes_the_whole_unit(db):
    with pytest.raises(RuntimeError), db.transaction():
        universities.create(db, UniversityDraft("KZ", [NameDraft("Gone University", "en")]))
        raise RuntimeError("killed half-way")
    assert _count(db) == 0


def test_the_demo_is_all_or_nothing(db, monkeypatch):
    from desktop_app.exchange import demo

    def failing_last_step(_db, _today):
        raise UserError("The last step fails.")

    monkeypatch.setattr(demo, "DEMO_STEPS", [*demo.DEMO_STEPS, failing_last_step])
    with pytest.raises(UserError):
        demo.load_demo(db)
    assert _count(db) == 0
    monkeypatch.undo()
    totals = demo.load_demo(db)
    assert totals["universities"] == _count(db) == 19


# -- values: the same rules on both engines ------------------------------------------------------------

@pytest.mark.parametrize(("draft", "field", "words"), [
    (UniversityDraft("KZ", [NameDraft("Nul\x00name", "en")]), "display_name", "U+0000"),
    (UniversityDraft("KZ", [NameDraft("N" * 501, "en")]), "display_name", "501 characters, at most 500"),
    (UniversityDraft("KZ", [NameDraft("Long city", "en")], city="c" * 201), "city", "at most 200"),
    (UniversityDraft("KZ", [NameDraft("Bell", "en")], acronym="A\x07"), "acronym", "U+0007"),
])
def test_values_either_engine_would_refuse_are_refused_first(db, draft, field, words):
    with pytest.raises(ValidationError) as raised:
        universities.create(db, draft)
    assert field in raised.value.problems
    assert words in raised.value.text
    assert _count(db) == 0


def test_tab_newline_and_return_are_kept(db):
    uid = universities.create(db, UniversityDraft("KZ", [NameDraft("Notes University", "en")],
                                                  notes="line one\r\nline\ttwo"))
    assert universities.get(db, uid).draft.notes == "line one\r\nline\ttwo"


def test_check_row_names_each_column_in_the_words_of_the_forms():
    problems = values.check_row("universities", {"city": "x" * 300, "acronym": "ok", "notes": "bad\x1bescape",
                                                 "not_a_column": "\x00"})
    assert set(problems) == {"city", "notes"}
    assert str(problems["city"]) == "City: 300 characters, at most 200 can be kept."
    assert "Notes" in str(problems["notes"]) and "U+001B" in str(problems["notes"])
    assert values.check_row(University, {"city": "Almaty"}) == {}


def test_the_bulk_import_path_is_checked_too(db, tmp_path):
    from desktop_app.exchange.university_import import preview_import

    source = tmp_path / "hostile.csv"
    source.write_text("name,country_code,city\nGood University,KZ,Almaty\nSecond University,KZ,"
                      + "Astana" * 40 + "\n", encoding="utf-8")
    preview = preview_import(db, source, "csv")
    # The import's preview names the line and the field (storage.values.check_row, row by row)...
    assert [(r.line, r.field) for r in preview.rejected] == [(3, "city")]
    assert preview.rejected[0].message == "City: 240 characters, at most 200 can be kept."
    # ...and the bulk path below Core refuses the same row should anything hand it over unchecked.
    from desktop_app.domain.universities import NameDraft, UniversityDraft
    from desktop_app.services import university_bulk

    hostile = university_bulk.PlannedUniversity(3, UniversityDraft("KZ", [NameDraft("Second University", "en")],
                                                                   city="Astana" * 40), "create")
    with pytest.raises(ValidationError) as raised:
        university_bulk.apply_universities(db, [preview.universities[0], hostile], preview.carried)
    assert "City" in raised.value.text and "Second University" in raised.value.text
    assert _count(db) == 0


# -- files replaced whole -------------------------------------------------------------------------------

def _wal_state_after_a_crash(tmp_path, demo_file):
    """A database file with committed changes still in its write-ahead log, as a crash leaves it."""
    live = tmp_path / "live" / "coordinator.sqlite3"
    live.parent.mkdir()
    writer = sqlite3.connect(demo_file, isolation_level=None)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")
    writer.execute("UPDATE universities SET city = 'Changed in the log'")
    for suffix in ("", "-wal"):
        shutil.copyfile(f"{demo_file}{suffix}", f"{live}{suffix}")
    writer.close()
    assert live.with_name(live.name + "-wal").stat().st_size > 0
    return live


def test_restore_keeps_the_log_of_the_old_file_out_of_the_new_one(tmp_path, demo_file, sqlite_template):
    live = _wal_state_after_a_crash(tmp_path, demo_file)
    aside = backups.restore_database(f"sqlite:///{live}", sqlite_template)
    assert not live.with_name(live.name + "-wal").exists()
    connection = sqlite3.connect(live)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert connection.execute("SELECT count(*) FROM universities").fetchone()[0] == 0
    connection.close()
    assert aside.parent.name == "backups" and "before-restore" in aside.name
    kept = sqlite3.connect(aside)
    assert kept.execute("SELECT DISTINCT city FROM universities").fetchall() == [("Changed in the log",)]
    kept.close()
    assert not [p for p in live.parent.iterdir() if database_files.is_temporary(p)]


def test_restore_refuses_empty_and_foreign_files_and_leaves_the_database_alone(tmp_path, demo_file):
    before = demo_file.read_bytes()
    url = f"sqlite:///{demo_file}"
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    foreign = tmp_path / "foreign.sqlite3"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE notes (text)")
    connection.commit()
    connection.close()
    picture = tmp_path / "picture.sqlite3"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 4096)
    for source, words in ((empty, "empty"), (foreign, "another program"), (picture, "cannot be")):
        with pytest.raises(DatabaseProblem) as raised:
            backups.restore_database(url, source)
        assert words in raised.value.text
    assert demo_file.read_bytes() == before
    with pytest.raises(DatabaseProblem):
        backups.restore_database(url, demo_file)  # the database itself


def test_restore_refuses_while_another_program_has_the_database_open(tmp_path, demo_file, sqlite_template):
    reader = sqlite3.connect(demo_file)
    reader.execute("PRAGMA journal_mode=WAL")
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM universities").fetchone()
    try:
        with pytest.raises(DatabaseProblem) as raised:
            backups.restore_database(f"sqlite:///{demo_file}", sqlite_template)
    finally:
        reader.close()
    assert "in use by another program" in raised.value.text
    assert sqlite3.connect(demo_file).execute("SELECT count(*) FROM universities").fetchone()[0] == 19


def test_a_backup_is_one_self_contained_file(tmp_path, demo_file):
    (tmp_path / "out").mkdir()
    target = backups.backup_database(f"sqlite:///{demo_file}", tmp_path / "out")  # a folder: a dated name in it
    assert target.parent == tmp_path / "out" and target.name.startswith("coordinator-")
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]
    connection = sqlite3.connect(f"{target.as_uri()}?mode=ro", uri=True)
    assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert connection.execute("SELECT count(*) FROM universities").fetchone()[0] == 19
    connection.close()


def test_temporaries_of_a_killed_process_are_cleared_by_the_next_run(tmp_path, demo_file):
    import subprocess
    import sys

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    pid = int(dead.stdout)
    left = tmp_path / f".backup.sqlite3.{pid}-abcdef.cica-tmp"
    left.write_bytes(b"half a backup")
    (tmp_path / f"{left.name}-journal").write_bytes(b"")
    mine = database_files.temporary_path(tmp_path / "other.sqlite3")
    mine.write_bytes(b"being written now")
    backups.backup_database(f"sqlite:///{demo_file}", tmp_path / "backup.sqlite3")
    assert not left.exists() and not (tmp_path / f"{left.name}-journal").exists()
    assert mine.exists()  # its writer (this process) is alive


def test_an_emptied_file_is_refused_and_a_new_one_is_created_whole(tmp_path):
    path = tmp_path / "coordinator.sqlite3"
    path.write_bytes(b"")
    with pytest.raises(EmptyDatabaseFile):
        schema.upgrade(f"sqlite:///{path}")
    assert path.stat().st_size == 0
    path.unlink()
    schema.upgrade(f"sqlite:///{path}")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["coordinator.sqlite3"]


def test_the_gui_restores_the_latest_backup_into_an_emptied_file(tmp_path, demo_file, user_home):
    from desktop_app import paths
    from desktop_app.services import database_admin

    copy = paths.backups_dir() / "coordinator-auto-20260101-000000.sqlite3"
    shutil.copyfile(demo_file, copy)
    path = tmp_path / "emptied" / "coordinator.sqlite3"
    path.parent.mkdir()
    path.write_bytes(b"")
    url = f"sqlite:///{path}"
    assert database_admin.latest_backup(url) == copy
    database_admin.restore_database(url, copy)
    assert sqlite3.connect(path).execute("SELECT count(*) FROM universities").fetchone()[0] == 19


# -- waiting for other writers ------------------------------------------------------------------------

def test_sqlite_write_transactions_wait_for_the_write_lock(sqlite_db, monkeypatch):
    monkeypatch.setenv("CICA_COORDINATOR_LOCK_WAIT", "20")
    holder = sqlite3.connect(sqlite_db.file_path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    threading.Timer(0.5, lambda: holder.execute("COMMIT")).start()
    universities.create(sqlite_db, UniversityDraft("KZ", [NameDraft("Patient University", "en")]))
    holder.close()
    assert _count(sqlite_db) == 1


@pytest.mark.postgres
def test_postgres_sessions_give_up_and_name_who_holds_the_lock(postgres_url, monkeypatch):
    monkeypatch.setenv("CICA_COORDINATOR_LOCK_WAIT", "0.5")
    db = Database(postgres_url)
    holder = create_engine(postgres_url, connect_args={"application_name": "holder-test"})
    connection = holder.connect()
    try:
        with db.reading() as session:
            assert session.execute(text("SHOW lock_timeout")).scalar_one() == "500ms"
            assert session.execute(text("SHOW statement_timeout")).scalar_one() == "1min"
            assert session.execute(text("SELECT current_setting('application_name')")).scalar_one().startswith(
                "cica-coordinator")
        connection.execute(text("LOCK TABLE universities IN ACCESS EXCLUSIVE MODE"))
        with pytest.raises(DatabaseProblem) as listing:
            universities.page(db)
        with pytest.raises(DatabaseProblem) as writing:
            universities.create(db, UniversityDraft("KZ", [NameDraft("Blocked University", "en")]))
    finally:
        connection.rollback()
        connection.close()
        holder.dispose()
    for raised in (listing, writing):
        assert "Another session holds a lock" in raised.value.text
        assert "holder-test" in raised.value.text
    assert _count(db) == 0
    db.close()
