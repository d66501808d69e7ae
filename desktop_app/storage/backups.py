"""Backups and restores of a SQLite database that no crash can turn into a half-written file.

``backup_database`` copies the live database with SQLite's online backup API into a temporary file
beside the target, syncs it and renames it into place: the target is the previous file or the whole
new copy, never a part of one, and a failure (a full disk included) leaves nothing behind.

``restore_database`` never writes into the live file. It copies the backup into a temporary file in
the live file's folder and verifies that copy (not empty, SQLite's integrity and foreign-key checks,
a schema this version knows); keeps the current database aside in the backups folder; brings the
current file to a self-contained state (its write-ahead log checkpointed and closed, so no log of
the old file can be replayed into the new one); then renames the copy over it. Killed at any
moment, the live database is the old one or the new one, and it is never empty.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from pathlib import Path

from desktop_app import paths
from desktop_app.domain.errors import DatabaseProblem, EmptyDatabaseFile, UserError
from desktop_app.storage import database_files, faults
from desktop_app.storage.integrity import CheckReport, sqlite_checks
from desktop_app.storage.schema import current_revisions, known_revisions


def _write_problem(error: BaseException, url: str, target: Path) -> BaseException:
    """Writing ``target`` failed: name the target for a full/read-only/failing disk, else the database."""
    if isinstance(error, UserError):
        return error
    if faults.classify(error) in (faults.FULL, faults.READ_ONLY, faults.IO_ERROR):
        return faults.file_problem(error, target) or error
    return faults.database_problem(error, url) or error


def backup_database(url: str, target: Path) -> Path:
    from desktop_app.storage.engine import sqlite_path

    path = sqlite_path(url)
    if path is None:
        raise DatabaseProblem("Backups of server databases are made on the server (for PostgreSQL: pg_dump).")
    if not path.exists():
        raise DatabaseProblem("The database file {path} does not exist.", path=str(path))
    if database_files.is_empty_database_file(path):
        raise EmptyDatabaseFile(path)
    target = Path(target)
    if target.is_dir():
        target = target / f"{path.stem}-{dt.datetime.now():%Y%m%d-%H%M%S}.sqlite3"
    if target.exists() and os.path.samefile(target, path):
        raise DatabaseProblem("{path} is the database itself: choose another file for the backup.", path=str(target))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with database_files.atomic_output(target) as temporary:
            database_files.copy_database(path, temporary)
    except BaseException as error:
        problem = _write_problem(error, url, target)
        if problem is not error:
            raise problem from error
        raise
    return target


def verify_backup(source: Path) -> None:
    """A backup is restorable when it is not empty, SQLite finds it sound and this version knows its schema."""
    if not source.is_file():
        raise DatabaseProblem("The backup file {path} does not exist.", path=str(source))
    if source.stat().st_size == 0:
        raise DatabaseProblem("The file {path} is empty (0 bytes): it is not a backup. Choose another file.",
                              path=str(source))
    report = CheckReport()
    sqlite_checks(source, report)
    if not report.ok:
        raise DatabaseProblem("The backup {path} cannot be restored: {detail}", path=str(source),
                              detail=report.problems[0])
    revisions = current_revisions(f"sqlite:///{source.resolve()}")
    if not revisions:
        raise DatabaseProblem("The file {path} is not a backup of CICA Network Coordinator.", path=str(source))
    if revisions - known_revisions():
        raise DatabaseProblem("The backup {path} was made by a newer version of the application.",
                              path=str(source))


def _keep_aside(path: Path) -> Path | None:
    """Copy the current database into the backups folder (whole or not at all). None when there is
    nothing to keep (no file, or an empty one)."""
    if not path.exists() or path.stat().st_size == 0:
        return None
    aside = paths.backups_dir() / f"{path.stem}-before-restore-{dt.datetime.now():%Y%m%d-%H%M%S}{path.suffix}"
    try:
        with database_files.atomic_output(aside) as temporary:
            database_files.copy_database(path, temporary)
    except sqlite3.DatabaseError as error:
        if faults.classify(error) not in (faults.CORRUPT, faults.IO_ERROR):
            raise
        # The current file is damaged (the usual reason to restore): keep its bytes, and its log, as they are.
        for suffix in ("-wal", ""):
            side = path.with_name(path.name + suffix)
            if side.exists():
                with database_files.atomic_output(aside.with_name(aside.name + suffix)) as temporary:
                    shutil.copyfile(side, temporary)
    return aside


def _close_log(path: Path) -> None:
    """Leave the live file self-contained: every committed change checkpointed into it and its
    write-ahead log gone, so the log of the old file can never be replayed into the new one."""
    if path.exists():
        try:
            connection = sqlite3.connect(str(path), isolation_level=None, timeout=5)
            try:
                busy = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                if busy and busy[0]:
                    raise DatabaseProblem("The database {path} is in use by another program: close it, then restore.",
                                          path=str(path))
                connection.execute("PRAGMA journal_mode=DELETE")
            finally:
                connection.close()
        except sqlite3.DatabaseError as error:
            if faults.classify(error) == faults.LOCKED:
                raise DatabaseProblem("The database {path} is in use by another program: close it, then restore.",
                                      path=str(path)) from error
            # Damaged beyond a checkpoint: its log was kept aside with it and goes with it.
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)


def restore_database(url: str, source: Path) -> Path | None:
    """Put a verified backup in place of the database. Returns where the previous database was kept."""
    from desktop_app.storage.engine import sqlite_path

    path = sqlite_path(url)
    if path is None:
        raise DatabaseProblem("Server databases are restored on the server (for PostgreSQL: pg_restore).")
    source = Path(source)
    verify_backup(source)
    if path.exists() and os.path.samefile(source, path):
        raise DatabaseProblem("{path} is the database itself, not a backup of it.", path=str(source))
    reason = database_files.read_only_reason(path)
    if reason:
        raise faults.read_only_problem(path, folder=reason == "folder")
    path.parent.mkdir(parents=True, exist_ok=True)
    database_files.remove_stale_temporaries(path.parent)
    temporary = database_files.temporary_path(path)
    try:
        database_files.copy_database(source, temporary)
        report = CheckReport()
        sqlite_checks(temporary, report)
        if not report.ok:
            raise DatabaseProblem("The backup {path} cannot be restored: {detail}", path=str(source),
                                  detail=report.problems[0])
        aside = _keep_aside(path)
        _close_log(path)
        database_files.put_in_place(temporary, path)
    except BaseException as error:
        database_files.discard(temporary)
        problem = _write_problem(error, url, path)
        if problem is not error:
            raise problem from error
        raise
    return aside
