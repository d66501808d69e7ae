"""Bring a database to the schema this version of the application expects — safely.

Before anything is written: a database stamped with a revision this version does not know (written
by a newer version) is refused and left byte-identical; a file that is not a database, or not ours,
is refused. Before a migration of an existing SQLite file, a copy is made with the online backup API.
The whole upgrade runs in one transaction (SQLite and PostgreSQL both roll DDL back), so an
interrupted upgrade leaves the database as it was. On SQLite, foreign-key enforcement is off while
tables are rebuilt by batch migrations (dropping a parent table would otherwise cascade deletes) and
``PRAGMA foreign_key_check`` must come back clean before the upgrade commits.
"""

from __future__ import annotations

import ast
import datetime as dt
import os
import re
import sqlite3
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from desktop_app import paths
from desktop_app.domain.errors import DatabaseProblem, EmptyDatabaseFile
from desktop_app.storage import database_files, faults
from desktop_app.storage.engine import WRITING, display_url, is_sqlite, sqlite_path

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def _alembic_config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def _script():
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_alembic_config())


_REVISION_LINE = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+)$", re.MULTILINE)


@lru_cache(maxsize=1)
def _revision_graph() -> dict[str, tuple[str, ...]]:
    """revision -> its parents, read from the migration files without importing Alembic (start-up cost)."""
    graph: dict[str, tuple[str, ...]] = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        found = dict(_REVISION_LINE.findall(path.read_text(encoding="utf-8")))
        if "revision" not in found:
            continue
        revision = ast.literal_eval(found["revision"].strip())
        parents = ast.literal_eval(found.get("down_revision", "None").strip())
        if parents is None:
            parents = ()
        elif isinstance(parents, str):
            parents = (parents,)
        graph[revision] = tuple(parents)
    return graph


def known_revisions() -> set[str]:
    return set(_revision_graph())


def head_revisions() -> set[str]:
    graph = _revision_graph()
    parents = {parent for values in graph.values() for parent in values}
    return set(graph) - parents


def _sqlite_revisions_read_only(path: Path) -> set[str] | None:
    """Revisions stamped in a SQLite file, read without writing a byte; None for a new file (none yet).

    A file of 0 bytes is refused: it is what a crash or a full disk leaves of a database, never a new one."""
    if not path.exists():
        return None
    if database_files.is_empty_database_file(path):
        raise EmptyDatabaseFile(path)
    try:
        connection = database_files.connect_read_only(path)
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if "alembic_version" not in tables:
                if tables:
                    raise DatabaseProblem(
                        "The file {path} is a database of another program, not of CICA Network Coordinator. "
                        "Choose another file.", path=str(path))
                return None
            return {row[0] for row in connection.execute("SELECT version_num FROM alembic_version")}
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        if faults.classify(error) in (faults.CANNOT_OPEN, faults.READ_ONLY) and database_files.read_only_reason(path):
            raise faults.read_only_problem(path, database_files.read_only_reason(path) == "folder") from error
        raise DatabaseProblem(
            "The file {path} cannot be read as a database ({detail}). Restore it from a backup.",
            path=str(path), detail=str(error)) from error


def current_revisions(url: str, engine=None) -> set[str] | None:
    path = sqlite_path(url)
    if is_sqlite(url):
        return _sqlite_revisions_read_only(path) if path else None
    from sqlalchemy import inspect, text

    from desktop_app.storage.engine import make_engine

    own_engine = engine is None
    engine = engine or make_engine(url)
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                return None
            return {row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))}
    except DatabaseProblem:
        raise
    except Exception as error:  # connection refused, authentication, missing database…
        raise DatabaseProblem("Cannot connect to the database {url}: {detail}", url=display_url(url),
                              detail=str(error).splitlines()[0]) from error
    finally:
        if own_engine:
            engine.dispose()


def refuse_newer(url: str, revisions: set[str] | None) -> None:
    unknown = (revisions or set()) - known_revisions()
    if unknown:
        raise DatabaseProblem(
            "The database {url} was written by a newer version of CICA Network Coordinator (schema {revision}). "
            "It was not changed. Install the newer version to open it.",
            url=display_url(url), revision=", ".join(sorted(unknown)))


@dataclass
class UpgradeResult:
    from_revisions: set[str] | None
    to_revisions: set[str]
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.from_revisions != self.to_revisions


def backup_sqlite_file(source: Path, target: Path) -> Path:
    """Copy a live SQLite database consistently (online backup API), even while others use it: the copy
    appears at ``target`` whole (written beside it under a temporary name, then renamed) or not at all."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with database_files.atomic_output(target) as temporary:
        database_files.copy_database(source, temporary)
    return target


def _create_new_sqlite(url: str, path: Path) -> None:
    """A new database is built under a temporary name and renamed into place when complete, so a file
    at the database's path is always a whole database (an empty one there means damage, never "new")."""
    from desktop_app.storage.engine import make_engine

    path.parent.mkdir(parents=True, exist_ok=True)
    database_files.remove_stale_temporaries(path.parent)
    temporary = database_files.temporary_path(path)
    try:
        engine = make_engine(f"sqlite:///{temporary}")
        try:
            _migrate(url, engine)
        finally:
            engine.dispose()
        connection = sqlite3.connect(temporary, isolation_level=None)
        try:  # one self-contained file: no log left beside it
            connection.execute("PRAGMA journal_mode=DELETE")
        finally:
            connection.close()
        database_files.fsync_file(temporary)
        try:
            os.link(temporary, path)  # never over a file another process created meanwhile
        except FileExistsError:
            pass
        except OSError:
            os.replace(temporary, path)  # a file system without hard links
        database_files.fsync_folder(path.parent)
    finally:
        database_files.discard(temporary)


def _migrate(url: str, engine) -> None:
    from alembic import command

    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()
        connection = connection.execution_options(**{WRITING: True})
        with connection.begin():
            config = _alembic_config()
            config.attributes["connection"] = connection
            command.upgrade(config, "heads")
            if sqlite:
                violations = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if violations:
                    raise DatabaseProblem(
                        "The upgrade of {url} was undone: it would break {count} links between records.",
                        url=display_url(url), count=len(violations))
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=ON")


def upgrade(url: str, engine=None, make_backup: bool = True) -> UpgradeResult:
    """Refuse newer, foreign or emptied databases, back up, then apply every pending migration."""
    before = current_revisions(url, engine)
    refuse_newer(url, before)
    heads = head_revisions()
    if before == heads:
        return UpgradeResult(before, heads, None)
    path = sqlite_path(url)
    try:
        if path is not None and engine is None and not path.exists():
            if database_files.read_only_reason(path) == "folder":
                raise DatabaseProblem("The folder {folder} is read-only: no new database can be created there. "
                                      "Choose a writable folder.", folder=str(path.parent))
            _create_new_sqlite(url, path)
            return UpgradeResult(before, heads, None)
        if path is not None and database_files.read_only_reason(path):
            raise faults.read_only_problem(path, database_files.read_only_reason(path) == "folder")
        backup_path = None
        if make_backup and before and path is not None:
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            backup_path = backup_sqlite_file(
                path, paths.backups_dir() / f"{path.stem}-before-migration-{stamp}.sqlite3")
        from desktop_app.storage.engine import make_engine

        own_engine = engine is None
        engine = engine or make_engine(url)
        try:
            _migrate(url, engine)
        finally:
            if own_engine:
                engine.dispose()
    except DatabaseProblem:
        raise
    except Exception as error:
        problem = faults.database_problem(error, url)
        if problem is None:
            raise
        raise problem from error
    return UpgradeResult(before, heads, backup_path)
