"""Integrity checks: SQLite's own checks plus an engine-neutral check of every link.

A database that may only be read (a read-only file or folder) is checked as it is, without writing a
byte beside it, and said to be read-only, not damaged. Backups and restores: storage/backups.py."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import and_, func, select

from desktop_app.domain.errors import DatabaseProblem, EmptyDatabaseFile
from desktop_app.i18n import _
from desktop_app.storage import database_files, faults
from desktop_app.storage.schema import current_revisions, head_revisions, known_revisions


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    #: Facts worth telling that are not problems (a read-only database).
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def sqlite_checks(path: Path, report: CheckReport) -> None:
    if not path.exists():
        report.problems.append(_("The database file {path} does not exist.").format(path=path))
        return
    if database_files.is_empty_database_file(path):
        report.problems.append(EmptyDatabaseFile(path).text)
        return
    reason = database_files.read_only_reason(path)
    try:
        connection = database_files.connect_read_only(path)
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
        if reason and faults.classify(error) in (faults.CANNOT_OPEN, faults.READ_ONLY):
            report.problems.append(faults.read_only_problem(path, folder=reason == "folder").text)
            return
        report.problems.append(
            _("The database file {path} is damaged: {detail}").format(path=path, detail=str(error)))
        return
    if reason == "folder":
        report.notes.append(_("It is in a read-only folder: it can be read, but nothing can be changed."))
    elif reason == "file":
        report.notes.append(_("The file is read-only: it can be read, but nothing can be changed."))


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
            sqlite_checks(path, report)
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
