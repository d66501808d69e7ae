"""Database URLs and engines: SQLite embedded by default, PostgreSQL (or any SQLAlchemy URL) by URL."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url

from desktop_app.domain.text import fold_for_search


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


def _configure_sqlite(dbapi_connection, _record) -> None:
    # Let SQLAlchemy, not the driver, decide where transactions begin: pysqlite's own handling
    # starts them only before DML, which would leave DDL in migrations outside the transaction.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
    if mode != "wal" and mode != "memory":
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
    # Unicode-aware folding for queries that must fold on the SQL side (LIKE and lower() are ASCII-only).
    dbapi_connection.create_function("cica_fold", 1, fold_for_search, deterministic=True)


def make_engine(url: str) -> Engine:
    if is_sqlite(url):
        path = sqlite_path(url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        event.listen(engine, "connect", _configure_sqlite)
        event.listen(engine, "begin", lambda connection: connection.exec_driver_sql("BEGIN"))
        return engine
    return create_engine(url, pool_pre_ping=True)
