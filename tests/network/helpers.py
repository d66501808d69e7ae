"""Member states' packages for the network tests, built the way ``demo --network`` builds them: each
state's own database filled through the services and exported by the package writer, signed with a
key of the state's own."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop_app.domain.preferences import Options
from desktop_app.exchange import network_demo_states as states
from desktop_app.exchange.network_demo import build_state_package
from desktop_app.storage.database import Database

TODAY = dt.date(2026, 6, 1)
SPECS = {spec.code: spec for spec in states.STATES}


def state_package(template: Path, folder: Path, code: str, days_ago: int = 5) -> Path:
    """The package of one demonstration state, made ``days_ago`` days before now."""
    made = dt.datetime.now(dt.UTC) - dt.timedelta(days=days_ago)
    return build_state_package(template, folder, SPECS[code], made, TODAY)


def state_database(folder: Path, code: str) -> Database:
    """The state's own database the package was exported from (the caller closes it)."""
    return Database(f"sqlite:///{folder / f'{code}.sqlite3'}")


def receive(db: Database, package: Path):
    from desktop_app.exchange.package_import import import_package

    return import_package(db, package, options=Options(), trust_key=True, backups_kept=0)
