"""Fault injection through the real command line: each fault gives one clear sentence, a non-zero exit,
and the data intact."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from fault_helpers import fill, fingerprint, one_sentence, run

REPO = Path(__file__).resolve().parents[2]
DEMO_ROR = REPO / "resources" / "demo" / "ror_demo.jsonl"


@pytest.fixture
def universities_csv(tmp_path, capsys, demo_file):
    """The demonstration register exported as CSV by the application: real rows to import elsewhere."""
    target = tmp_path / "register.csv"
    code, _out, err = run(capsys, "--db", str(demo_file), "universities", "export", "--format", "csv",
                          "--out", str(target))
    assert code == 0, err
    return target


@pytest.fixture
def fresh(tmp_path, sqlite_template):
    path = tmp_path / "fresh" / "coordinator.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(sqlite_template, path)
    return path


# -- a full disk --------------------------------------------------------------------------------

def test_demo_on_a_full_disk(capsys, small_disk, sqlite_template):
    database = small_disk / "coordinator.sqlite3"
    shutil.copyfile(sqlite_template, database)
    before = fingerprint(database)
    fill(small_disk)
    code, _out, err = run(capsys, "--db", str(database), "demo")
    assert code == 1
    assert "is full" in one_sentence(err) and str(database) in err
    (small_disk / "filler").unlink()
    assert fingerprint(database) == before  # not one demonstration record


def test_import_on_a_full_disk(capsys, small_disk, sqlite_template, universities_csv):
    database = small_disk / "coordinator.sqlite3"
    shutil.copyfile(sqlite_template, database)
    before = fingerprint(database)
    fill(small_disk, leave_kib=32)
    code, _out, err = run(capsys, "--db", str(database), "universities", "import", str(universities_csv))
    assert code == 1
    assert "is full" in one_sentence(err)
    (small_disk / "filler").unlink()
    assert fingerprint(database) == before


def test_backup_to_a_full_disk_leaves_nothing(capsys, small_disk, demo_file):
    fill(small_disk)
    target = small_disk / "backup.sqlite3"
    code, _out, err = run(capsys, "--db", str(demo_file), "db", "backup", str(target))
    assert code == 1
    assert "not enough space" in one_sentence(err) and str(target) in err
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]  # no backup, no temporary file


def test_exports_to_a_full_disk_say_so_without_noise(small_disk, demo_file, user_home):
    """Run as a program: the noise came from objects finalised at exit."""
    fill(small_disk, leave_kib=0)
    previous = small_disk / "register.xlsx"
    for args in (["universities", "export", "--format", "xlsx", "--out", str(previous)],
                 ["recognition", "cases", "export", str(small_disk / "cases.xlsx")],
                 ["report", "university-register", "--format", "pdf", "--out", str(small_disk / "r.pdf")]):
        result = subprocess.run([sys.executable, "-m", "desktop_app", "--db", str(demo_file), *args], cwd=REPO,
                                capture_output=True, text=True, env={**__import__("os").environ,
                                                                     "CICA_COORDINATOR_HOME": str(user_home)})
        assert result.returncode == 1, result.stderr
        assert "not enough space" in one_sentence(result.stderr)
        assert "Exception ignored" not in result.stderr
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]


# -- read-only file and folder --------------------------------------------------------------------

def test_read_only_file(capsys, demo_file):
    before = demo_file.read_bytes()
    demo_file.chmod(0o444)
    try:
        code, _out, err = run(capsys, "--db", str(demo_file), "recognition", "pseudonymise", "--older-than-years", "1")
        assert code == 1
        assert "is read-only" in one_sentence(err)
        code, out, err = run(capsys, "--db", str(demo_file), "db", "check")
        assert code == 0 and "sound" in out and "read-only" in out and "damaged" not in out + err
        code, out, _err = run(capsys, "--db", str(demo_file), "universities", "list", "--json")
        assert code == 0 and "Nazarbayev" in out  # read commands still read
    finally:
        demo_file.chmod(0o644)
    assert demo_file.read_bytes() == before


def test_read_only_folder(capsys, demo_file, make_read_only, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    database = folder / "coordinator.sqlite3"
    shutil.copyfile(demo_file, database)
    make_read_only(folder)
    code, out, err = run(capsys, "--db", str(database), "db", "check")
    assert code == 0, err
    assert "sound" in out and "read-only folder" in out and "damaged" not in out + err
    code, out, _err = run(capsys, "--db", str(database), "universities", "list")
    assert code == 0 and "Nazarbayev" in out
    code, _out, err = run(capsys, "--db", str(database), "demo")
    assert code == 1 and "read-only folder" in one_sentence(err)
    code, _out, err = run(capsys, "--db", str(folder / "new.sqlite3"), "db", "upgrade")
    assert code == 1 and "read-only" in one_sentence(err)
    assert sorted(p.name for p in folder.iterdir()) == ["coordinator.sqlite3"]
    assert database.read_bytes() == demo_file.read_bytes()


def test_restore_refuses_a_read_only_database_file(capsys, demo_file, fresh):
    fresh.chmod(0o444)
    before = fresh.read_bytes()
    try:
        code, _out, err = run(capsys, "--db", str(fresh), "db", "restore", str(demo_file))
    finally:
        fresh.chmod(0o644)
    assert code == 1 and "is read-only" in one_sentence(err)
    assert fresh.read_bytes() == before


# -- another writer, another instance --------------------------------------------------------------

def _hold_write_lock(path: Path, seconds: float) -> threading.Thread:
    ready = threading.Event()

    def hold() -> None:
        connection = sqlite3.connect(path, isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        ready.set()
        time.sleep(seconds)
        connection.execute("ROLLBACK")
        connection.close()

    thread = threading.Thread(target=hold)
    thread.start()
    ready.wait(5)
    return thread


def test_a_database_locked_by_another_writer(capsys, fresh, universities_csv, monkeypatch):
    before = fingerprint(fresh)
    monkeypatch.setenv("CICA_COORDINATOR_LOCK_WAIT", "0.5")
    holder = _hold_write_lock(fresh, 3)
    try:
        code, _out, err = run(capsys, "--db", str(fresh), "universities", "import", str(universities_csv))
    finally:
        holder.join()
    assert code == 1
    assert "Another program is writing" in one_sentence(err) and "database is locked" not in err
    assert fingerprint(fresh) == before


def test_a_writer_waits_for_another_writer_to_finish(capsys, fresh, universities_csv, monkeypatch):
    monkeypatch.setenv("CICA_COORDINATOR_LOCK_WAIT", "20")
    holder = _hold_write_lock(fresh, 1.0)
    try:
        code, out, err = run(capsys, "--db", str(fresh), "universities", "import", str(universities_csv))
    finally:
        holder.join()
    assert code == 0, err
    assert "created: 19" in out


def test_a_command_beside_the_open_application_refuses(capsys, fresh):
    from desktop_app.storage import program
    from desktop_app.storage.instance_lock import InstanceLock

    before = fingerprint(fresh)
    program.set_current(program.GUI)
    lock = InstanceLock(f"sqlite:///{fresh}")
    assert lock.acquire() is None
    try:
        code, _out, err = run(capsys, "--db", str(fresh), "demo")
    finally:
        lock.release()
    assert code == 1
    assert "is open in CICA Network Coordinator" in one_sentence(err)
    assert fingerprint(fresh) == before
    assert run(capsys, "--db", str(fresh), "universities", "list")[0] == 0  # reading needs no lock


def test_a_second_command_waits_for_the_first_or_refuses(capsys, fresh, universities_csv, monkeypatch):
    from desktop_app.storage import program
    from desktop_app.storage.instance_lock import InstanceLock

    program.set_current(program.COMMAND, "universities import")  # as if another import were running
    first = InstanceLock(f"sqlite:///{fresh}")
    assert first.acquire() is None
    monkeypatch.setenv("CICA_COORDINATOR_LOCK_WAIT", "0.3")
    code, _out, err = run(capsys, "--db", str(fresh), "universities", "import", str(universities_csv))
    assert code == 1 and "Another command" in one_sentence(err)
    monkeypatch.setenv("CICA_COORDINATOR_LOCK_WAIT", "20")
    releaser = threading.Timer(0.5, first.release)
    releaser.start()
    code, out, err = run(capsys, "--db", str(fresh), "universities", "import", str(universities_csv))
    releaser.join()
    assert code == 0, err
    assert "created: 19" in out


def test_two_imports_at_once_as_programs(fresh, universities_csv, user_home):
    """Two real processes: both finish, one after the other, and the second finds the first's records."""
    import os

    env = {**os.environ, "CICA_COORDINATOR_HOME": str(user_home), "CICA_COORDINATOR_LOCK_WAIT": "60"}
    command = [sys.executable, "-m", "desktop_app", "--db", str(fresh), "universities", "import", str(universities_csv)]
    processes = [subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for _ in range(2)]
    results = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in processes]
    assert [code for code, _out, _err in results] == [0, 0], results
    assert sorted("created: 19" in out for _code, out, _err in results) == [False, True]
    assert fingerprint(fresh)["universities"] == 19


# -- versions and damage ---------------------------------------------------------------------------

def test_a_database_from_a_newer_version(capsys, fresh):
    connection = sqlite3.connect(fresh)
    connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.commit()
    connection.close()
    before = fresh.read_bytes()
    for args in (["demo"], ["universities", "list"], ["db", "upgrade"]):
        code, _out, err = run(capsys, "--db", str(fresh), *args)
        assert code == 1 and "newer version" in one_sentence(err)
    assert fresh.read_bytes() == before


def test_a_truncated_database_is_not_taken_for_a_new_one(capsys, fresh, demo_file):
    fresh.write_bytes(b"")
    for args in (["universities", "list"], ["demo"], ["db", "upgrade"], ["db", "check"]):
        code, _out, err = run(capsys, "--db", str(fresh), *args)
        assert code == 1
        sentence = one_sentence(err)
        assert str(fresh) in sentence and "empty" in sentence and "db restore" in sentence
    assert fresh.stat().st_size == 0  # untouched: never migrated into an empty new database
    code, out, err = run(capsys, "--db", str(fresh), "db", "restore", str(demo_file))
    assert code == 0, err
    assert fingerprint(fresh)["universities"] == 19


def test_a_brand_new_path_still_creates_a_database(capsys, tmp_path):
    path = tmp_path / "new" / "coordinator.sqlite3"
    code, _out, err = run(capsys, "--db", str(path), "universities", "list")
    assert code == 0, err
    assert fingerprint(path)["member_states"] > 0
    from desktop_app.storage.database_files import is_temporary

    assert not [p for p in path.parent.iterdir() if is_temporary(p)]
