"""Live counts for the dashboard. Each area registers what it counts as one plain SQL query.

Plain SQL (a ``SELECT count(*)`` with the named parameters ``:today`` and ``:horizon``) runs through
SQLAlchemy on every engine, and also straight through Python's sqlite3 module: at start-up the
dashboard shows live counts of a SQLite database while SQLAlchemy and the models are still being
imported (about 0.3 s), see :func:`quick_figures`. Keep these queries to portable SQL.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from desktop_app.domain.agreements import IN_FORCE
from desktop_app.i18n import N_
from desktop_app.storage.urls import sqlite_file

#: How far ahead the "expiring" figure looks (days); the dashboard's list follows the preference.
EXPIRY_HORIZON_DAYS = 90


@dataclass(frozen=True)
class Figure:
    key: str
    title: str  # msgid, translated where shown
    area: str  # navigation key of the area it belongs to
    sql: str  # SELECT count(*) ...; may use :today and :horizon


def _quoted(values) -> str:
    return ", ".join(f"'{value}'" for value in sorted(str(v) for v in values))


FIGURES: list[Figure] = [
    Figure("member_states", N_("Member states"), "dashboard",
           "SELECT count(*) FROM member_states WHERE is_member = true"),
    Figure("universities", N_("Universities"), "universities", "SELECT count(*) FROM universities"),
    Figure("parent_universities", N_("Parent universities"), "universities",
           "SELECT count(*) FROM universities WHERE network_role = 'parent'"),
    Figure("active_members", N_("Active members"), "universities",
           "SELECT count(*) FROM universities WHERE status = 'active'"),
    Figure("top500_universities", N_("Universities in a world TOP-500"), "universities",
           "SELECT count(*) FROM universities WHERE top500 = true"),
    Figure("joint_programmes", N_("Joint programmes"), "curricula", "SELECT count(*) FROM programmes"),
    Figure("academic_calendars", N_("Academic calendars"), "calendars", "SELECT count(*) FROM academic_calendars"),
    Figure("agreements_in_force", N_("Agreements in force"), "agreements",
           f"SELECT count(*) FROM agreements WHERE status IN ({_quoted(IN_FORCE)})"),
    Figure("expiring_agreements", N_("Agreements expiring within 90 days"), "agreements",
           f"SELECT count(*) FROM agreements WHERE status IN ({_quoted(IN_FORCE)}) "
           "AND valid_to IS NOT NULL AND valid_to <= :horizon"),
    Figure("recognition_pending", N_("Recognition cases awaiting a decision"), "recognition",
           "SELECT count(*) FROM recognition_cases WHERE status IN ('received', 'under_evaluation')"),
]


@dataclass(frozen=True)
class FigureValue:
    key: str
    title: str  # msgid
    area: str
    value: int


def _parameters(today: dt.date | None = None) -> dict[str, dt.date]:
    today = today or dt.date.today()
    return {"today": today, "horizon": today + dt.timedelta(days=EXPIRY_HORIZON_DAYS)}


def live_figures(db) -> list[FigureValue]:
    """Every registered figure with its current value, in dashboard order (any engine)."""
    from sqlalchemy import text

    params = _parameters()
    with db.reading() as session:
        return [FigureValue(f.key, f.title, f.area,
                            session.execute(text(f.sql), {k: v for k, v in params.items() if f":{k}" in f.sql})
                            .scalar_one())
                for f in FIGURES]


def live_counts(db) -> dict[str, int]:
    return {figure.key: figure.value for figure in live_figures(db)}


def sqlite_file_of(url: str | None) -> Path | None:
    """The SQLite file :func:`quick_figures` can count before the database layer is loaded, if any."""
    return sqlite_file(url) if url else None


def quick_figures(path: Path) -> list[FigureValue]:
    """The same figures read from a SQLite file with the sqlite3 module alone, read-only.

    Raises ``sqlite3.Error`` when the file cannot answer (missing, older schema, damaged); the caller
    then simply waits for the regular path, which reports such problems properly.
    """
    params = {key: value.isoformat() for key, value in _parameters().items()}
    connection = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=2)
    try:
        return [FigureValue(f.key, f.title, f.area,
                            connection.execute(f.sql, {k: v for k, v in params.items() if f":{k}" in f.sql})
                            .fetchone()[0])
                for f in FIGURES]
    finally:
        connection.close()
