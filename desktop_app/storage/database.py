"""One object per open database: engine, sessions, units of work and change notifications.

Every change happens inside ``with db.transaction(changes={...}) as session:``: committed whole or
rolled back whole. After a commit the subscribers hear which topics changed (for example
``{"universities"}``) so each view decides whether to refresh. Subscribers may be called from a
worker thread; the GUI adapter re-emits them as a queued Qt signal.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from sqlalchemy import text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session, sessionmaker

from desktop_app.storage.engine import display_url, is_sqlite, make_engine, sqlite_path

ChangeListener = Callable[[frozenset[str]], None]


class Database:
    def __init__(self, url: str, engine: Engine | None = None):
        self.url = url
        self.engine = engine or make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._listeners: list[ChangeListener] = []
        self._lock = threading.Lock()

    @property
    def is_sqlite(self) -> bool:
        return is_sqlite(self.url)

    @property
    def file_path(self):
        return sqlite_path(self.url)

    @property
    def display_name(self) -> str:
        return display_url(self.url)

    @contextmanager
    def transaction(self, changes: Iterable[str] = ()) -> Iterator[Session]:
        """A unit of work: commit on success, roll back on any exception, then notify listeners."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
        topics = frozenset(changes)
        if topics:
            self.notify(topics)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries only; nothing is committed."""
        session = self._sessions()
        try:
            yield session
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
        with self.engine.connect() as connection:
            connection.execute(text("SELECT 1"))

    def close(self) -> None:
        self.engine.dispose()
