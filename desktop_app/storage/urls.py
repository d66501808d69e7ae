"""Which database to open, worked out without importing SQLAlchemy (kept off the start-up path)."""

from __future__ import annotations

import os
from pathlib import Path

from desktop_app import paths

ENV_DATABASE_URL = "CICA_COORDINATOR_DB"


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{Path(path).expanduser().resolve()}"


def resolve_url(explicit: str | None = None, configured: str | None = None) -> str:
    """Order: ``--db`` on the command line, the environment variable, the preference, the default file.

    A bare file path is accepted and turned into a SQLite URL.
    """
    for candidate in (explicit, os.environ.get(ENV_DATABASE_URL), configured):
        if candidate:
            return candidate if "://" in candidate else sqlite_url(Path(candidate))
    return sqlite_url(paths.default_database_path())


def sqlite_file(url: str) -> Path | None:
    """The file of a ``sqlite:///…`` URL (None for servers and in-memory databases)."""
    if not url.startswith("sqlite:///"):
        return None
    rest = url[len("sqlite:///"):].split("?", 1)[0]
    if not rest or rest == ":memory:":
        return None
    return Path(rest)
