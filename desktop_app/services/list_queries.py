"""What the lists' page queries share.

A page of a list is one indexed query of a few hundred rows: building and keying a SQLAlchemy statement
of that size, and converting every date through SQLAlchemy's per-value processor, costs more than
running it. So each area keeps one statement per query shape (with bind parameters for the values) and
reads dates as they are stored, parsing them with ``date.fromisoformat``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String, type_coerce


def date_text(column, name: str):
    """A date column read as stored: ISO text on SQLite, a date from PostgreSQL's driver."""
    return type_coerce(column, String).label(name)


def as_date(value) -> dt.date:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


def as_optional_date(value) -> dt.date | None:
    return None if value is None else as_date(value)
