"""Database URLs and engines: SQLite embedded by default, PostgreSQL (or any SQLAlchemy URL) by URL.

Waiting for other writers is bounded everywhere: SQLite waits for a busy database (busy timeout)
and write transactions take the write lock when they begin (``BEGIN IMMEDIATE``), so two writers
queue instead of failing half-way; every PostgreSQL session has a ``lock_timeout`` and names itself
(``application_name``) so that whoever waits can be told who holds the lock. Values are checked
against the columns' limits before any INSERT or UPDATE reaches either engine (storage/values.py).
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url

from desktop_app.domain.text import fold_for_search
from desktop_app.storage import program

#: How long a command or the GUI waits for another writer before saying so (seconds); the
#: environment variable lets automation wait longer, and tests shorter.
ENV_LOCK_WAIT = "CICA_COORDINATOR_LOCK_WAIT"
DEFAULT_LOCK_WAIT = 30.0
#: SQLite's busy handler waits this long per attempt; a write transaction retries until the wait is over.
SQLITE_BUSY_MS = 5000
#: A list on a PostgreSQL server gives up after this long (a lock held elsewhere, or a slow query).
LIST_STATEMENT_TIMEOUT_MS = 60000
LIST_LOCK_TIMEOUT_MS = 5000
#: The execution option that marks a write transaction (see Database.transaction).
WRITING = "cica_writing"


def lock_wait_seconds() -> float:
    try:
        return max(0.0, float(os.environ.get(ENV_LOCK_WAIT, DEFAULT_LOCK_WAIT)))
    except ValueError:
        return DEFAULT_LOCK_WAIT


def list_lock_timeout_ms() -> int:
    return int(min(LIST_LOCK_TIMEOUT_MS, lock_wait_seconds() * 1000))


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL; None for other engines and in-memory databases."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def display_url(url: str) -> str:
    """The URL without its password, for messages and the status bar."""
    path = sqlite_path(url)
    if path is not None:
        return str(path)
    return make_url(url).render_as_string(hide_password=True)


def _busy_ms() -> int:
    return int(min(SQLITE_BUSY_MS, lock_wait_seconds() * 1000))


def _configure_sqlite(dbapi_connection, _record, read_only: bool = False) -> None:
    # Let SQLAlchemy, not the driver, decide where transactions begin: pysqlite's own handling
    # starts them only before DML, which would leave DDL in migrations outside the transaction.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={_busy_ms()}")
    if not read_only:
        mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        if mode != "wal" and mode != "memory":
            _switch_to_wal(cursor)
        cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
    # Unicode-aware folding for queries that must fold on the SQL side (LIKE and lower() are ASCII-only).
    dbapi_connection.create_function("cica_fold", 1, fold_for_search, deterministic=True)


def _switch_to_wal(cursor) -> None:
    """A file in rollback-journal mode (a restored backup, a copy) goes to WAL on first use. SQLite does not
    wait for a writer there (no busy handler), so wait here, up to the same bound."""
    import sqlite3
    import time

    deadline = time.monotonic() + lock_wait_seconds()
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() >= deadline:
                raise
            time.sleep(0.05)


def _begin_sqlite(connection) -> None:
    # A write transaction takes the write lock at once (waiting for it through the busy handler):
    # a deferred one that read first could later meet SQLITE_BUSY with no wait at all.
    writing = connection.get_execution_options().get(WRITING)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def make_engine(url: str) -> Engine:
    from desktop_app.storage import values

    if is_sqlite(url):
        engine = _sqlite_engine(url)
    else:
        lock_timeout_ms = int(lock_wait_seconds() * 1000)
        connect_args = {"application_name": program.current().application_name}
        if make_url(url).get_backend_name() == "postgresql":
            connect_args["options"] = f"-c lock_timeout={lock_timeout_ms}"
        engine = create_engine(url, pool_pre_ping=True, connect_args=connect_args)
    event.listen(engine, "before_execute", values.guard_statement)
    return engine


def _sqlite_engine(url: str) -> Engine:
    import sqlite3

    from desktop_app.storage.database_files import read_only_reason, read_only_uri

    path = sqlite_path(url)
    read_only = False
    if path is not None:
        if path.parent.exists():
            read_only = path.exists() and read_only_reason(path) is not None
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
    timeout = _busy_ms() / 1000
    if read_only and path is not None:
        # Opened so that reading writes nothing beside the file; any write is refused by SQLite
        # and reported as "read-only" (storage/faults.py).
        uri = read_only_uri(path)
        engine = create_engine(url, creator=lambda: sqlite3.connect(
            uri, uri=True, check_same_thread=False, timeout=timeout))
    else:
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": timeout})
    event.listen(engine, "connect", lambda connection, record: _configure_sqlite(connection, record, read_only))
    event.listen(engine, "begin", _begin_sqlite)
    engine.info_read_only = read_only  # type: ignore[attr-defined]
    return engine


def engine_is_read_only(engine: Engine) -> bool:
    return bool(getattr(engine, "info_read_only", False))
