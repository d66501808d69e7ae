"""Submissions: which member states sent their national data package, and when.

For each of the 28 member states (and any other state that sent a package) the last package received
from it — when it was made, the period it covers, the schema it was written at, the key that signed it
and how many records of each kind it held — and where the state stands:

- **missing**: no package received from it;
- **late**: its last package was made more than ``Options.submission_late_days`` days ago (the user's
  preference, ``SUBMISSION_LATE_DAYS``);
- **current**: otherwise.

The state this database keeps has no package of its own here: its records are this database's, always
current (``own``). Lateness is counted from when a package was *made*, not received: a package carried
for weeks on a memory stick is as old as its records.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from desktop_app.domain.preferences import Options
from desktop_app.domain.reference import MEMBER_STATES
from desktop_app.i18n import N_
from desktop_app.services import exchange_identity, package_ledger
from desktop_app.services.package_ledger import PackageInfo
from desktop_app.storage.database import Database

MISSING, LATE, CURRENT = "missing", "late", "current"
STATUSES = (MISSING, LATE, CURRENT)
STATUS_TITLES = {MISSING: N_("Missing"), LATE: N_("Late"), CURRENT: N_("Current")}


@dataclass(frozen=True)
class Submission:
    state: str
    status: str  # missing | late | current
    own: bool = False  # this database's own state: its records are here, not in a package
    last: PackageInfo | None = None
    packages: int = 0  # packages received from the state
    age_days: int | None = None  # days since the last package was made
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def made(self) -> dt.datetime | None:
        return self.last.created_at if self.last else None

    @property
    def received(self) -> dt.datetime | None:
        return self.last.received_at if self.last else None

    @property
    def records(self) -> int:
        return sum(self.counts.values())

    def as_json(self) -> dict[str, Any]:
        last = self.last
        return {
            "state": self.state, "status": self.status, "own": self.own,
            "received": last.received_at.isoformat() if last else None,
            "made": last.created_at.isoformat() if last else None,
            "period": {"from": last.period_from, "to": last.period_to} if last else None,
            "schema_revision": last.schema_revision if last else None,
            "signer_fingerprint": last.signer_fingerprint if last else None,
            "coordinator": last.coordinator if last else None,
            "counts": dict(self.counts), "records": self.records, "age_days": self.age_days,
            "packages": self.packages,
        }


def status_of(made: dt.datetime, today: dt.date, late_days: int) -> tuple[str, int]:
    """(late or current, days since the package was made)."""
    age = (today - made.astimezone(dt.UTC).date()).days
    return (LATE if age > late_days else CURRENT), max(0, age)


def submissions(db: Database, options: Options, today: dt.date | None = None) -> list[Submission]:
    """Every member state, in the order of the reference list, then any other state that sent a package."""
    today = today or dt.date.today()
    own = exchange_identity.identity(db).state_code
    received = package_ledger.received_packages(db)  # the latest of each state first
    latest: dict[str, PackageInfo] = {}
    numbers: dict[str, int] = {}
    for package in received:
        if package.state_code is None:
            continue  # a working-group package relays others' records; it is no state's submission
        latest.setdefault(package.state_code, package)
        numbers[package.state_code] = numbers.get(package.state_code, 0) + 1
    codes = [state.code for state in MEMBER_STATES]
    codes += sorted(code for code in latest if code not in codes)
    result = []
    for code in codes:
        if code == own:
            result.append(Submission(code, CURRENT, own=True, packages=numbers.get(code, 0)))
            continue
        last = latest.get(code)
        if last is None:
            result.append(Submission(code, MISSING))
            continue
        status, age = status_of(last.created_at, today, options.submission_late_days)
        result.append(Submission(code, status, last=last, packages=numbers[code], age_days=age,
                                 counts=dict(last.counts)))
    return result


def summary(rows: list[Submission]) -> dict[str, int]:
    """How many states are missing, late and current."""
    counts = dict.fromkeys(STATUSES, 0)
    for row in rows:
        counts[row.status] += 1
    return counts
