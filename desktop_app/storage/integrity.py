"""Integrity checks and backups: SQLite's own checks plus an engine-neutral check of every link."""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import and_, func, select

from desktop_app.domain.errors import DatabaseProblem
from desktop_app.i18n import _
from desktop_app.storage.schema import backup_sqlite_file, current_revisions, head_revisions, known_revisions


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _sqlite_checks(path: Path, report: CheckReport) -> None:
    if not path.exists():
        report.problems.append(_("The database file {path} does not exist.").format(path=path))
        return
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            rows = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            if rows != ["ok"]:
                detail = " ".join("; ".join(rows[:3]).split())
                report.problems.append(
                    _("The database file {path} is damaged: {detail}").format(path=path, detail=detail))
                return
            violations = connection.execute("PRAGMA foreign_key_check").fetchall()
            if violations:
                report.problems.append(
                    _("{count} records refer to records that no longer exist (table {table}).").format(
                        count=len(violations), table=violations[0][0]))
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        report.problems.append(
            _("The database file {path} is damaged: {detail}").format(path=path, detail=str(error)))


def _orphan_checks(engine, report: CheckReport) -> None:
    """Rows whose foreign key points nowhere — the PostgreSQL counterpart of foreign_key_check."""
    from desktop_app.storage.models import Base

    with engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for fk in table.foreign_keys:
                child = fk.parent
                parent = fk.column
                orphans = connection.execute(
                    select(func.count()).select_from(table.outerjoin(parent.table, child == parent)).where(
                        and_(child.is_not(None), parent.is_(None)))
                ).scalar_one()
                if orphans:
                    report.problems.append(
                        _("{count} records refer to records that no longer exist (table {table}).").format(
                            count=orphans, table=table.name))


def check_database(url: str) -> CheckReport:
    from desktop_app.storage.engine import is_sqlite, make_engine, sqlite_path

    report = CheckReport()
    if is_sqlite(url):
        path = sqlite_path(url)
        if path is not None:
            _sqlite_checks(path, report)
            if not report.ok:
                return report
    try:
        revisions = current_revisions(url)
    except DatabaseProblem as problem:
        report.problems.append(problem.text)
        return report
    if revisions is None:
        report.problems.append(_("The database has no schema yet: run “db upgrade”."))
        return report
    unknown = revisions - known_revisions()
    if unknown:
        report.problems.append(_("The database was written by a newer version of the application."))
        return report
    if revisions != head_revisions():
        report.problems.append(_("The database schema is older than this version: run “db upgrade”."))
    if not is_sqlite(url):
        engine = make_engine(url)
        try:
            _orphan_checks(engine, report)
        finally:
            engine.dispose()
    return report


def backup_database(url: str, target: Path) -> Path:
    from desktop_app.storage.engine import sqlite_path

    path = sqlite_path(url)
    if path is None:
        raise DatabaseProblem("Backups of server databases are made on the server (for PostgreSQL: pg_dump).")
    if not path.exists():
        raise DatabaseProblem("The database file {path} does not exist.", path=str(path))
    if target.exists() and target.is_dir():
        target = target / f"{path.stem}-{dt.datetime.now():%Y%m%d-%H%M%S}.sqlite3"
    tmp = target.with_name(target.name + ".partial")
    try:
        backup_sqlite_file(path, tmp)
        tmp.replace(target)
    except OSError as error:
        tmp.unlink(missing_ok=True)
        raise DatabaseProblem("The backup could not be written to {path}: {detail}", path=str(target),
                              detail=error.strerror or str(error)) from error
    return target


def verify_backup(source: Path) -> None:
    """A backup is restorable when SQLite finds it sound and this version knows its schema."""
    if not source.is_file():
        raise DatabaseProblem("The backup file {path} does not exist.", path=str(source))
    report = CheckReport()
    _sqlite_checks(source, report)
    if not report.ok:
        raise DatabaseProblem("The backup {path} cannot be restored: {detail}", path=str(source),
                              detail=report.problems[0])
    revisions = current_revisions(f"sqlite:///{source.resolve()}")
    if not revisions:
        raise DatabaseProblem("The file {path} is not a backup of CICA Network Coordinator.", path=str(source))
    if revisions - known_revisions():
        raise DatabaseProblem("The backup {path} was made by a newer version of the application.",
                              path=str(source))


def restore_database(url: str, source: Path) -> Path | None:
    """Verify the backup, keep the current file aside, then copy the backup in. Returns the aside copy."""
    from desktop_app.storage.engine import sqlite_path

    path = sqlite_path(url)
    if path is None:
        raise DatabaseProblem("Server databases are restored on the server (for PostgreSQL: pg_restore).")
    verify_backup(source)
    aside = None
    if path.exists() and path.stat().st_size > 0:
        aside = path.with_name(f"{path.stem}.before-restore-{dt.datetime.now():%Y%m%d-%H%M%S}{path.suffix}")
        try:
            backup_sqlite_file(path, aside)
        except sqlite3.DatabaseError:
            # The current file is damaged (the usual reason to restore): keep its bytes as they are.
            shutil.copy2(path, aside)
        for suffix in ("-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        path.unlink()
    src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(str(path))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    return aside
