"""Open, upgrade, check, back up and restore the database: the same calls for the GUI and the CLI.

A program that writes holds the instance lock (storage/instance_lock.py) while it writes: the GUI for
its whole session, a command for its own run (:func:`writing`). A second writer is told who holds the
database in one sentence, or waits for a command that is about to finish.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop_app.domain.errors import DatabaseProblem
from desktop_app.storage import backups, database_files, faults, integrity, schema
from desktop_app.storage.database import Database
from desktop_app.storage.engine import display_url, lock_wait_seconds, sqlite_path
from desktop_app.storage.instance_lock import InstanceLock, LockHolder

CheckReport = integrity.CheckReport


def open_database(url: str, migrate: bool = True) -> Database:
    """Refuse a newer, foreign or emptied database untouched; otherwise bring it to the current schema."""
    path = sqlite_path(url)
    if path is not None and path.parent.exists():
        database_files.remove_stale_temporaries(path.parent)
    if migrate:
        schema.upgrade(url)
    else:
        schema.refuse_newer(url, schema.current_revisions(url))
    db = Database(url)
    try:
        db.ping()
    except DatabaseProblem:
        db.close()
        raise
    except Exception as error:
        db.close()
        raise DatabaseProblem("Cannot open the database {url}: {detail}", url=display_url(url),
                              detail=str(error).splitlines()[0]) from error
    return db


def refuse_if_read_only(url: str) -> None:
    """Before a change: a read-only database file or folder is said so, not found out half-way."""
    path = sqlite_path(url)
    if path is None:
        return
    reason = database_files.read_only_reason(path)
    if reason:
        raise faults.read_only_problem(path, folder=reason == "folder")


def held_by_another(holder: LockHolder, url: str) -> DatabaseProblem:
    if holder.is_command:
        return DatabaseProblem(
            "Another command (process {pid} on {host}) is still writing to the database {url}: nothing was "
            "changed. Try again when it has finished.", pid=holder.pid, host=holder.host, url=display_url(url))
    return DatabaseProblem(
        "The database {url} is open in CICA Network Coordinator (process {pid} on {host}): nothing was changed. "
        "Make the change there, or close the application, then try again.",
        pid=holder.pid, host=holder.host, url=display_url(url))


def take_lock(url: str) -> InstanceLock:
    """The instance lock for a command that writes: waits for another command, refuses beside the GUI."""
    refuse_if_read_only(url)
    lock = InstanceLock(url)
    try:
        holder = lock.acquire_waiting(lock_wait_seconds())
    except OSError as error:  # the lock file cannot be written beside the database
        path = sqlite_path(url)
        kind = faults.classify(error)
        if path is not None and kind == faults.READ_ONLY:
            raise faults.read_only_problem(path, folder=True) from error
        if path is not None and kind == faults.FULL:
            raise DatabaseProblem("The disk holding the database {path} is full: nothing was written. Free some "
                                  "space, then try again.", path=str(path)) from error
        raise
    if holder is not None:
        raise held_by_another(holder, url)
    return lock


@contextmanager
def writing(url: str) -> Iterator[Database]:
    """The database opened for a command that writes, under the instance lock for as long as it runs."""
    lock = take_lock(url)
    try:
        db = open_database(url)
        try:
            yield db
        finally:
            db.close()
    finally:
        lock.release()


def upgrade_database(url: str) -> schema.UpgradeResult:
    lock = take_lock(url)
    try:
        return schema.upgrade(url)
    finally:
        lock.release()


def check_database(url: str) -> integrity.CheckReport:
    return integrity.check_database(url)


def backup_database(url: str, target: Path) -> Path:
    return backups.backup_database(url, target)


def restore_database(url: str, source: Path, lock: InstanceLock | None = None) -> Path | None:
    """Replace the database with a verified backup. ``lock``: the instance lock the caller already holds
    (the GUI, with its database closed); otherwise it is taken here for the time of the restore."""
    own = take_lock(url) if lock is None else None
    try:
        return backups.restore_database(url, source)
    finally:
        if own is not None:
            own.release()


def latest_backup(url: str) -> Path | None:
    """The newest automatic or manual copy of this database in the backups folder (for an emptied file)."""
    from desktop_app import paths

    path = sqlite_path(url)
    if path is None:
        return None
    candidates = [p for p in paths.backups_dir().glob(f"{path.stem}-*.sqlite3") if p.is_file() and p.stat().st_size]
    return max(candidates, key=lambda p: p.stat().st_mtime, default=None)


def remove_empty_database(url: str) -> None:
    """The user chose to start anew over an emptied database file: remove it (only while it is still
    empty), so that the next open creates a new database in its place."""
    path = sqlite_path(url)
    if path is not None and database_files.is_empty_database_file(path):
        path.unlink()
        for suffix in database_files.SIDE_FILES:
            path.with_name(path.name + suffix).unlink(missing_ok=True)


def automatic_backup(db: Database, keep: int, min_interval_hours: float = 20.0) -> Path | None:
    """A daily copy of a SQLite database into the backups folder; the oldest beyond ``keep`` removed."""
    import datetime as dt

    from desktop_app import paths

    path = db.file_path
    if path is None or keep <= 0:
        return None
    folder = paths.backups_dir()
    database_files.remove_stale_temporaries(folder)
    existing = sorted(folder.glob(f"{path.stem}-auto-*.sqlite3"))
    if existing:
        age = dt.datetime.now().timestamp() - existing[-1].stat().st_mtime
        if age < min_interval_hours * 3600:
            return None
    target = backups.backup_database(db.url, folder / f"{path.stem}-auto-{dt.datetime.now():%Y%m%d-%H%M%S}.sqlite3")
    for old in sorted(folder.glob(f"{path.stem}-auto-*.sqlite3"))[:-keep]:
        old.unlink(missing_ok=True)
    return target
