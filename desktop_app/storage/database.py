"""One object per open database: engine, sessions, units of work and change notifications.

Every change happens inside ``with db.transaction(changes={...}) as session:``: committed whole or
rolled back whole. After a commit the subscribers hear which topics changed (for example
``{"universities"}``) so each view decides whether to refresh. Subscribers may be called from a
worker thread; the GUI adapter re-emits them as a queued Qt signal.

Units of work nest. A transaction opened while another is open on the same thread joins it as a
savepoint (a failure inside rolls back only that part, and the error goes on up), and ``reading()``
inside it reads through the same session, uncommitted changes included. So a larger piece of work
— the demonstration data, an import that calls several services — is one transaction simply by
being wrapped in one: killed at any moment, the database holds all of it or none of it.

A write transaction takes the write lock when it begins. If another program holds it, it waits
(the busy timeout) and tries again until the wait allowed is over, then says in one sentence that
another program is writing. Errors of the engine (full disk, read-only file, lock timeout…) leave
here as :class:`DatabaseProblem` sentences (storage/faults.py).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.domain.errors import UserError
from desktop_app.storage import faults
from desktop_app.storage.engine import (
    LIST_STATEMENT_TIMEOUT_MS,
    WRITING,
    display_url,
    engine_is_read_only,
    is_sqlite,
    list_lock_timeout_ms,
    lock_wait_seconds,
    make_engine,
    sqlite_path,
)

ChangeListener = Callable[[frozenset[str]], None]


@dataclass
class _Unit:
    """The transaction open on one thread, and the topics its parts announced."""

    session: Session
    topics: set[str] = field(default_factory=set)


class Database:
    def __init__(self, url: str, engine: Engine | None = None):
        self.url = url
        self.engine = engine or make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(self.engine.execution_options(**{WRITING: True}),
                                            expire_on_commit=False)
        self._listeners: list[ChangeListener] = []
        self._lock = threading.Lock()
        self._local = threading.local()

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.url)

    @property
    def file_path(self):
        return sqlite_path(self.url)

    @property
    def display_name(self) -> str:
        return display_url(self.url)

    @property
    def read_only(self) -> bool:
        """Opened read-only because the file or its folder may not be written."""
        return engine_is_read_only(self.engine)

    def _problem(self, error: BaseException) -> BaseException:
        if isinstance(error, UserError):
            return error
        return faults.database_problem(error, self.url) or error

    @contextmanager
    def transaction(self, changes: Iterable[str] = ()) -> Iterator[Session]:
        """A unit of work: commit on success, roll back on any exception, then notify listeners."""
        unit: _Unit | None = getattr(self._local, "unit", None)
        if unit is not None:  # inside a larger unit of work on this thread: a savepoint in it
            unit.topics.update(changes)
            with unit.session.begin_nested():
                yield unit.session
            return
        session = self._write_sessions()
        unit = _Unit(session, set(changes))
        self._local.unit = unit
        try:
            try:
                self._begin_writing(session)
                yield session
                session.commit()
            except BaseException as error:
                with suppress(Exception):  # the connection is gone: the first error is the one to tell
                    session.rollback()
                problem = self._problem(error)
                if problem is not error:
                    raise problem from error
                raise
        finally:
            self._local.unit = None
            session.close()
        if unit.topics:
            self.notify(frozenset(unit.topics))

    def _begin_writing(self, session: Session) -> None:
        """Take the write lock now, waiting for another writer, retrying until the allowed wait is over."""
        deadline = time.monotonic() + lock_wait_seconds()
        while True:
            try:
                session.connection()  # on SQLite: BEGIN IMMEDIATE (storage/engine.py)
                return
            except Exception as error:
                if faults.classify(error) != faults.LOCKED or time.monotonic() >= deadline:
                    raise
                session.rollback()
                time.sleep(0.05)

    @contextmanager
    def reading(self, *, one_moment: bool = False) -> Iterator[Session]:
        """A session for queries only; nothing is committed. Inside a unit of work, that unit's session.

        ``one_moment``: every query sees the same committed state (on PostgreSQL, repeatable read, and
        none of a list's timeouts, since a whole package is read in it); SQLite's read transaction
        already is one moment.
        """
        unit: _Unit | None = getattr(self._local, "unit", None)
        if unit is not None:
            yield unit.session
            return
        session = self._sessions()
        try:
            if one_moment and self.engine.dialect.name == "postgresql":
                session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
            elif self.engine.dialect.name == "postgresql":
                # A list never waits long behind another session's lock, nor for a runaway query.
                session.execute(text("SELECT set_config('lock_timeout', :lock, true), "
                                     "set_config('statement_timeout', :statement, true)"),
                                {"lock": str(list_lock_timeout_ms()), "statement": str(LIST_STATEMENT_TIMEOUT_MS)})
            yield session
        except Exception as error:
            problem = self._problem(error)
            if problem is not error:
                raise problem from error
            raise
        finally:
            session.rollback()
            session.close()

    @contextmanager
    def read_connection(self) -> Iterator[Connection]:
        """A connection for read-only Core queries (a list's page, its count): a page is a query of a few
        hundred rows on an index, for which setting up an ORM session costs as much as the query."""
        with self.engine.connect() as connection:
            yield connection

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def subscribe(self, listener: ChangeListener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def unsubscribe(self, listener: ChangeListener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def notify(self, topics: frozenset[str]) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(topics)

    def ping(self) -> None:
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception as error:
            problem = self._problem(error)
            if problem is not error:
                raise problem from error
            raise

    def close(self) -> None:
        self.engine.dispose()
