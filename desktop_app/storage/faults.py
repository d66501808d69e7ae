"""What went wrong below us, in one sentence: the one place that reads SQLite, PostgreSQL and
operating-system errors and turns them into messages a coordinator can act on.

A full disk, a read-only file or folder, another program writing, a lock held by another server
session, a disk that fails to read, a damaged file: each is recognised by its error code (SQLite's
extended result codes, PostgreSQL's SQLSTATE, errno), never by a traceback. The storage layer calls
:func:`database_problem` where it writes; the command line and the GUI call :func:`user_problem` on
anything that reached them unexplained. Nothing here imports SQLAlchemy or a driver at import time.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from desktop_app.domain.contract import Message
from desktop_app.domain.errors import DatabaseProblem, UserError

FULL, READ_ONLY, LOCKED, IO_ERROR = "full", "read_only", "locked", "io"
CORRUPT, CANNOT_OPEN, CONNECTION = "corrupt", "cannot_open", "connection"
LOCK_TIMEOUT, STATEMENT_TIMEOUT, SERVER_READ_ONLY = "lock_timeout", "timeout", "server_read_only"

# SQLite extended result codes that mean a full disk in disguise: the shared-memory file could not grow.
_SQLITE_EXTENDED = {4874: FULL}  # SQLITE_IOERR_SHMSIZE
# SQLite primary result codes (the low byte of the extended code).
_SQLITE_KINDS = {13: FULL, 8: READ_ONLY, 5: LOCKED, 6: LOCKED, 10: IO_ERROR, 11: CORRUPT, 26: CORRUPT,
                 14: CANNOT_OPEN, 3: READ_ONLY, 23: READ_ONLY}
_SQLITE_TEXTS = (("disk is full", FULL), ("readonly database", READ_ONLY), ("database is locked", LOCKED),
                 ("disk i/o error", IO_ERROR), ("malformed", CORRUPT), ("not a database", CORRUPT),
                 ("unable to open database file", CANNOT_OPEN))
# PostgreSQL SQLSTATE codes and classes.
_PG_KINDS = {"53100": FULL, "55P03": LOCK_TIMEOUT, "57014": STATEMENT_TIMEOUT, "25006": SERVER_READ_ONLY,
             "58030": IO_ERROR, "XX001": CORRUPT, "XX002": CORRUPT, "57P01": CONNECTION, "57P02": CONNECTION,
             "57P03": CONNECTION}
_OS_KINDS = {errno.ENOSPC: FULL, errno.EDQUOT: FULL, errno.EROFS: READ_ONLY, errno.EACCES: READ_ONLY,
             errno.EPERM: READ_ONLY, errno.EIO: IO_ERROR}


def _chain(error: BaseException) -> Iterator[BaseException]:
    """The error, what SQLAlchemy wrapped (``orig``) and what caused it, each once."""
    seen: set[int] = set()
    pending: list[BaseException | None] = [error]
    while pending:
        current = pending.pop(0)
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        pending += [getattr(current, "orig", None), current.__cause__, current.__context__]


def classify(error: BaseException, files: bool = True) -> str | None:
    """The kind of fault behind an error, or None when it is not one we can name. ``files=False`` looks at
    database errors only (a file written during a transaction is not the database)."""
    for current in _chain(error):
        if isinstance(current, UserError):
            return None
        if isinstance(current, sqlite3.Error):
            code = getattr(current, "sqlite_errorcode", None)
            if code in _SQLITE_EXTENDED:
                return _SQLITE_EXTENDED[code]
            if code is not None and (code & 0xFF) in _SQLITE_KINDS:
                return _SQLITE_KINDS[code & 0xFF]
            text = str(current).lower()
            for fragment, kind in _SQLITE_TEXTS:
                if fragment in text:
                    return kind
            continue
        sqlstate = getattr(current, "sqlstate", None)
        if isinstance(sqlstate, str) and sqlstate:
            if sqlstate in _PG_KINDS:
                return _PG_KINDS[sqlstate]
            if sqlstate.startswith("08"):
                return CONNECTION
            continue
        if type(current).__module__.startswith("psycopg") and type(current).__name__ == "OperationalError":
            return CONNECTION  # psycopg raises it without SQLSTATE when the server goes away
        if files and isinstance(current, OSError) and current.errno in _OS_KINDS:
            return _OS_KINDS[current.errno]
    return None


def _detail(error: BaseException) -> str:
    for current in _chain(error):
        if isinstance(current, (sqlite3.Error, OSError)) or getattr(current, "sqlstate", None):
            text = (current.strerror if isinstance(current, OSError) and current.strerror else str(current))
            return " ".join(text.split())[:200]
    return " ".join(str(error).split())[:200]


def _display(url: str) -> str:
    from desktop_app.storage.urls import sqlite_file

    path = sqlite_file(url)
    if path is not None:
        return str(path)
    try:
        from sqlalchemy.engine import make_url

        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a URL we cannot parse is shown without its password part
        return url.split("@")[-1]


def _disk_nearly_full(path: Path) -> bool:
    import shutil

    try:
        return shutil.disk_usage(path.parent).free < 1 << 20
    except OSError:
        return False


def read_only_problem(path: Path, folder: bool) -> DatabaseProblem:
    if folder:
        return DatabaseProblem(
            "The database {path} is in a read-only folder: it can be read but nothing can be changed. Copy it to a "
            "writable folder, or make the folder writable, then try again.", path=str(path))
    return DatabaseProblem(
        "The database file {path} is read-only: it can be read but nothing can be changed. Make it writable, "
        "then try again.", path=str(path))


def database_problem(error: BaseException, url: str) -> DatabaseProblem | None:
    """The sentence for an error met while using the database at ``url``; None if it is not a known fault."""
    kind = classify(error, files=False)
    if kind is None:
        return None
    where = _display(url)
    from desktop_app.storage.urls import sqlite_file

    path = sqlite_file(url)
    if kind == IO_ERROR and path is not None and _disk_nearly_full(path):
        kind = FULL  # SQLite says "I/O error" when the log or shared-memory file cannot grow
    if kind == FULL:
        if path is None:
            return DatabaseProblem("The database server's disk is full: nothing was written. Ask its administrator "
                                   "to free some space, then try again.")
        return DatabaseProblem("The disk holding the database {path} is full: nothing was written. Free some space, "
                               "then try again.", path=where)
    if kind == READ_ONLY and path is not None:
        from desktop_app.storage.database_files import read_only_reason

        return read_only_problem(path, folder=read_only_reason(path) == "folder")
    if kind in (READ_ONLY, SERVER_READ_ONLY):
        return DatabaseProblem("The database {url} accepts no changes (it is read-only): nothing was written.",
                               url=where)
    if kind == LOCKED:
        return DatabaseProblem("Another program is writing to the database {path}: nothing was changed. Try again "
                               "when it has finished.", path=where)
    if kind == LOCK_TIMEOUT:
        holders = lock_holders(url)
        if holders:
            return DatabaseProblem("Another session holds a lock on the data this needs ({holders}): nothing was "
                                   "changed. Try again when it has finished.", holders=holders)
        return DatabaseProblem("Another session holds a lock on the data this needs: nothing was changed. Try again "
                               "when it has finished.")
    if kind == STATEMENT_TIMEOUT:
        return DatabaseProblem("The database server {url} took too long to answer: nothing was changed. Try again, "
                               "or narrow the search.", url=where)
    if kind == IO_ERROR:
        return DatabaseProblem("The disk failed to read or write the database {path} ({detail}): nothing was "
                               "changed. Check the disk, then try again.", path=where, detail=_detail(error))
    if kind == CORRUPT:
        return DatabaseProblem("The database file {path} is damaged ({detail}). Restore it from a backup "
                               "(“db restore FILE”).", path=where, detail=_detail(error))
    if kind == CANNOT_OPEN:
        return DatabaseProblem("The database file {path} cannot be opened ({detail}).", path=where,
                               detail=_detail(error))
    return DatabaseProblem("The connection to the database server {url} was lost ({detail}): nothing was changed. "
                           "Try again.", url=where, detail=_detail(error))


def file_problem(error: BaseException, path: Path | str | None) -> UserError | None:
    """The sentence for an error met while writing the file ``path`` (a backup, an export)."""
    kind = classify(error)
    if path is None or str(path) == "":
        if kind == FULL:
            return UserError("The disk is full: nothing was written. Free some space, then try again.")
        if kind == READ_ONLY:
            return UserError("A file could not be written: the folder is read-only or you may not write there.")
        if kind == IO_ERROR:
            return UserError("The disk failed while writing ({detail}): nothing was written.", detail=_detail(error))
        return None
    if kind == FULL:
        return UserError("There is not enough space on the disk to write {path}: nothing was written. Free some "
                         "space, then try again.", path=str(path))
    if kind == READ_ONLY:
        return UserError("{path} cannot be written: the folder is read-only or you may not write there.",
                         path=str(path))
    if kind == IO_ERROR:
        return UserError("The disk failed while writing {path} ({detail}): nothing was written.", path=str(path),
                         detail=_detail(error))
    return None


def user_problem(error: BaseException, url: str | None = None) -> UserError | None:
    """Last resort for the command line and the GUI: a known fault that reached them unexplained."""
    if isinstance(error, UserError):
        return error
    for current in _chain(error):
        if isinstance(current, OSError) and getattr(current, "filename", None):
            problem = file_problem(current, current.filename)
            if problem is not None:
                return problem
    if url is not None:
        problem = database_problem(error, url)
        if problem is not None:
            return problem
    return file_problem(error, None)


def lock_holders(url: str, limit: int = 3) -> list[Message]:
    """Who holds locks in this PostgreSQL database now: "application (user)" of each other session in a
    transaction that has written. Empty when the server does not tell us (or on any failure)."""
    try:
        from sqlalchemy import create_engine, text
        from sqlalchemy.pool import NullPool

        engine = create_engine(url, poolclass=NullPool, connect_args={"connect_timeout": 5})
        try:
            with engine.connect() as connection:
                rows = connection.execute(text(
                    "SELECT DISTINCT a.application_name, a.usename FROM pg_stat_activity a "
                    "WHERE a.datname = current_database() AND a.pid <> pg_backend_pid() AND a.xact_start IS NOT NULL "
                    "AND EXISTS (SELECT 1 FROM pg_locks l WHERE l.pid = a.pid AND l.granted "
                    "AND l.locktype IN ('relation', 'tuple', 'transactionid') AND l.mode <> 'AccessShareLock') "
                    "ORDER BY 1, 2 LIMIT :limit"), {"limit": limit}).all()
        finally:
            engine.dispose()
    except Exception:  # noqa: BLE001 - naming the holder is a courtesy; the sentence stands without it
        return []
    return [Message("{application} (user {user})", {"application": app or "?", "user": user or "?"})
            for app, user in rows]
