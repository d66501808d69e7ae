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
from desktop_app.domain.contract import Message
from desktop_app.domain.governance import OPEN_STATUSES
from desktop_app.domain.preferences import Options
from desktop_app.i18n import N_, Nn_
from desktop_app.storage.urls import sqlite_file


@dataclass(frozen=True)
class Figure:
    key: str
    title: str  # msgid, translated where shown
    area: str  # navigation key of the area it belongs to
    sql: str  # SELECT count(*) ...; may use :today and :horizon
    #: The plural msgid of a title that names the horizon ("… within {count} days"), chosen by its days.
    plural: str | None = None


def _quoted(values) -> str:
    return ", ".join(f"'{value}'" for value in sorted(str(v) for v in values))


#: The expiring agreements' title: singular and plural, chosen by the horizon of the preferences.
_EXPIRING = Nn_("Agreements expiring within {count} day", "Agreements expiring within {count} days")
#: Granted accreditations ending by the horizon and not followed by a later one of the programme under the same
#: label (a renewal already recorded); the same rule as services/programme_accreditations.py.
EXPIRING_ACCREDITATIONS_SQL = (
    "SELECT count(*) FROM programme_accreditations a WHERE a.decision IN ('accredited', 'conditional') "
    "AND a.valid_to IS NOT NULL AND a.valid_to <= :horizon AND NOT EXISTS (SELECT 1 FROM programme_accreditations b "
    "WHERE b.programme_id = a.programme_id AND b.label = a.label AND b.decision IN ('accredited', 'conditional') "
    "AND b.valid_to > a.valid_to)")
_EXPIRING_ACCREDITATIONS = Nn_("Programme accreditations expiring within {count} day",
                               "Programme accreditations expiring within {count} days")

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
    Figure("expiring_agreements", _EXPIRING[0], "agreements",
           f"SELECT count(*) FROM agreements WHERE status IN ({_quoted(IN_FORCE)}) "
           "AND valid_to IS NOT NULL AND valid_to <= :horizon", plural=_EXPIRING[1]),
    # Beside the agreements: granted programme accreditations ending within the same horizon, not yet renewed.
    Figure("expiring_accreditations", _EXPIRING_ACCREDITATIONS[0], "curricula", EXPIRING_ACCREDITATIONS_SQL,
           plural=_EXPIRING_ACCREDITATIONS[1]),
    Figure("recognition_pending", N_("Recognition cases awaiting a decision"), "recognition",
           "SELECT count(*) FROM recognition_cases WHERE status IN ('received', 'under_evaluation')"),
    Figure("overdue_follow_ups", N_("Follow-up actions past their deadline"), "governance",
           f"SELECT count(*) FROM follow_up_actions WHERE status IN ({_quoted(OPEN_STATUSES)}) "
           "AND deadline IS NOT NULL AND deadline < :today"),
    # Students about to leave (within the preferences' days) with no version of their learning agreement
    # signed by all three. Those already gone are warned about on the mobility itself: records made before
    # the life cycle existed are all "nominated" and would otherwise crowd this figure.
    Figure("unsigned_learning_agreements", N_("Mobilities starting without a signed learning agreement"), "mobility",
           "SELECT count(*) FROM mobility_records m WHERE m.person_kind = 'student' "
           "AND m.status IN ('nominated', 'accepted') AND m.start_date >= :today "
           "AND m.start_date <= :signature_horizon "
           "AND NOT EXISTS (SELECT 1 FROM learning_agreements la JOIN learning_agreement_versions v "
           "ON v.agreement_id = la.id WHERE la.mobility_id = m.id AND v.student_signed_at IS NOT NULL "
           "AND v.sending_signed_at IS NOT NULL AND v.receiving_signed_at IS NOT NULL)"),
    Figure("overdue_transcripts", N_("Transcripts of records overdue"), "mobility",
           "SELECT count(*) FROM mobility_records WHERE person_kind = 'student' "
           "AND status IN ('started', 'completed') AND transcript_received_on IS NULL AND end_date < :transcript_due"),
]


@dataclass(frozen=True)
class FigureValue:
    key: str
    title: str  # msgid
    area: str
    value: int
    plural: str | None = None
    horizon_days: int = 0  # the days the title names, when it names them

    def caption(self) -> Message:
        """The card's caption, translated when shown (a horizon is said with the right plural)."""
        if self.plural is None:
            return Message(self.title)
        return Message(self.title, plural=self.plural, count=self.horizon_days)


def _parameters(options: Options, today: dt.date | None = None) -> dict[str, dt.date]:
    today = today or dt.date.today()
    return {"today": today, "horizon": today + dt.timedelta(days=options.expiry_horizon_days),
            "signature_horizon": today + dt.timedelta(days=options.signature_warning_days),
            "transcript_due": today - dt.timedelta(days=options.transcript_overdue_days)}


def _value(figure: Figure, value: int, options: Options) -> FigureValue:
    return FigureValue(figure.key, figure.title, figure.area, value, figure.plural, options.expiry_horizon_days)


def live_figures(db, options: Options) -> list[FigureValue]:
    """Every registered figure with its current value, in dashboard order (any engine); the expiring
    agreements are counted over the horizon of the user's preferences."""
    from sqlalchemy import text

    params = _parameters(options)
    with db.reading() as session:
        return [_value(f, session.execute(text(f.sql), {k: v for k, v in params.items() if f":{k}" in f.sql})
                       .scalar_one(), options)
                for f in FIGURES]


def live_counts(db, options: Options) -> dict[str, int]:
    return {figure.key: figure.value for figure in live_figures(db, options)}


def sqlite_file_of(url: str | None) -> Path | None:
    """The SQLite file :func:`quick_figures` can count before the database layer is loaded, if any."""
    return sqlite_file(url) if url else None


def quick_figures(path: Path, options: Options) -> list[FigureValue]:
    """The same figures read from a SQLite file with the sqlite3 module alone, read-only.

    Raises ``sqlite3.Error`` when the file cannot answer (missing, older schema, damaged); the caller
    then simply waits for the regular path, which reports such problems properly.
    """
    params = {key: value.isoformat() for key, value in _parameters(options).items()}
    connection = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=2)
    try:
        return [_value(f, connection.execute(f.sql, {k: v for k, v in params.items() if f":{k}" in f.sql})
                       .fetchone()[0], options)
                for f in FIGURES]
    finally:
        connection.close()
