"""``demo --network``: the working group's view at once. Twelve member states each keep their records in a
database of their own, send a national data package signed with a key of their own, and this database
receives them all — as the working group's database would:

1. a migrated scratch database per state (copies of one template), records created through the
   services as that state's coordinator would (``network_demo_states``), their times of creation spread
   over the two years before the package, so "what changed since the last meeting" has something to say;
2. the state's package exported by the package writer, signed with a key generated for the state, made
   a few days ago — Mongolia's long enough ago to be late under the user's preference — with personal
   data in some packages (China, Kazakhstan, Uzbekistan), as a state may send them;
3. each package imported here by the package import, one transaction each, its key trusted (the
   demonstration compares no fingerprints), universities with a ROR id already here linked at once.

Two states recorded a partner by name only: those matches wait on the Network page for the user.
Tajikistan, like every other member state not listed, never sent a package.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import update

from desktop_app.domain.errors import UserError
from desktop_app.domain.preferences import Options
from desktop_app.domain.progress import NO_PROGRESS, Progress
from desktop_app.exchange import network_demo_states as states
from desktop_app.i18n import _
from desktop_app.services import exchange_identity, universities
from desktop_app.storage import package_rows
from desktop_app.storage.database import Database
from desktop_app.storage.ownership import OWNER_COLUMN


@dataclass
class NetworkDemo:
    """What the demonstration sent and received."""

    packages: list[tuple[str, dt.datetime, int]] = field(default_factory=list)  # (state, made, records)
    linked: int = 0  # universities linked to one already here by their ROR id
    to_confirm: int = 0  # matches by name waiting for the user
    conflicts: int = 0
    refused: int = 0

    def as_json(self) -> dict:
        return {"packages": [{"state": s, "made": m.isoformat(), "records": n} for s, m, n in self.packages],
                "linked": self.linked, "to_confirm": self.to_confirm, "conflicts": self.conflicts,
                "refused": self.refused}


def _backdate(db: Database, state: str, made: dt.datetime) -> None:
    """Spread the times the state's records were created over the two years before its package
    (deterministically), as a register built over time would show them."""
    with db.transaction() as session:
        for kind in package_rows.kind_order():
            root = package_rows.layout(kind).root
            if "created_at" not in root.c:
                continue
            ids = list(session.execute(root.select().with_only_columns(root.c.id)
                                       .where(root.c[OWNER_COLUMN] == state)).scalars())
            for record_id in ids:
                when = (made - dt.timedelta(days=1 + (record_id * 37 + len(kind)) % 700)).replace(tzinfo=None)
                session.execute(update(root).where(root.c.id == record_id).values(created_at=when, updated_at=when))


def build_state_package(template: Path, folder: Path, spec: states.StateSpec, made: dt.datetime,
                 today: dt.date) -> Path:
    """The state's own database, filled and exported as its package (signed with a key of its own)."""
    from desktop_app.exchange.package_writer import export_package

    path = folder / f"{spec.code}.sqlite3"
    shutil.copyfile(template, path)
    db = Database(f"sqlite:///{path}")
    try:
        exchange_identity.ensure_identity(db, spec.code)
        with db.transaction():
            if spec.code == "KZ":
                from desktop_app.exchange.demo import load_demo

                load_demo(db, today)
                register = states.load_register(db, spec)
                states.load_kazakhstan_additions(db, register, today)
            else:
                register = states.load_register(db, spec)
                states.load_state_records(db, spec, register, today)
        _backdate(db, spec.code, made)
        options = Options(member_state=spec.code, coordinator=spec.coordinator)
        out = folder / f"{spec.code.lower()}.cicapkg"
        export_package(db, out, options=options, personal=spec.personal, key=Ed25519PrivateKey.generate(),
                       made_at=made)
        return out
    finally:
        db.close()


def load_network_demo(db: Database, options: Options, today: dt.date | None = None,
                      progress: Progress = NO_PROGRESS) -> NetworkDemo:
    """Build the member states' packages and import them here (an empty database)."""
    from desktop_app.exchange.package_import import import_package
    from desktop_app.storage.schema import upgrade

    today = today or dt.date.today()
    if universities.count(db):
        raise UserError("The database already holds universities; the demonstration data is loaded only "
                        "into an empty database.")
    now = dt.datetime.now(dt.UTC)
    result = NetworkDemo()
    total = len(states.STATES)
    with tempfile.TemporaryDirectory(prefix="cica-network-demo-") as scratch:
        folder = Path(scratch)
        template = folder / "template.sqlite3"
        upgrade(f"sqlite:///{template}", make_backup=False)
        for done, spec in enumerate(states.STATES):
            progress.check_cancelled()
            progress.report(done, total, _("Building the package of {state}…").format(
                state=_state_name(spec.code)))
            days = options.submission_late_days + 45 if spec.code == states.LATE_STATE else spec.days_ago
            made = now - dt.timedelta(days=days, hours=done)
            package = build_state_package(template, folder, spec, made, today)
            merged = import_package(db, package, options=Options(), trust_key=True, backups_kept=0,
                                    link_certain=True, apply_deletions=False)
            totals = merged.totals()
            result.packages.append((spec.code, made, sum(merged.kinds[k].new for k in merged.kinds)))
            result.linked += sum(counts.linked for counts in merged.kinds.values())
            result.refused += totals["refused"]
        progress.report(total, total, "")
    from desktop_app.services import network_matching, package_conflicts

    result.to_confirm = network_matching.open_count(db)
    result.conflicts = len(package_conflicts.list_conflicts(db))
    return result


def _state_name(code: str) -> str:
    from desktop_app.i18n.formatting import country_name

    return country_name(code)
