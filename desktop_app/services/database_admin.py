"""Open, upgrade, check, back up and restore the database: the same calls for the GUI and the CLI."""

from __future__ import annotations

from pathlib import Path

from desktop_app.domain.errors import DatabaseProblem
from desktop_app.storage import integrity, schema
from desktop_app.storage.database import Database
from desktop_app.storage.engine import display_url
from desktop_app.storage.instance_lock import InstanceLock

CheckReport = integrity.CheckReport


def open_database(url: str, migrate: bool = True) -> Database:
    """Refuse a newer or foreign database untouched; otherwise bring it to the current schema."""
    if migrate:
        schema.upgrade(url)
    else:
        schema.refuse_newer(url, schema.current_revisions(url))
    db = Database(url)
    try:
        db.ping()
    except Exception as error:
        db.close()
        raise DatabaseProblem("Cannot open the database {url}: {detail}", url=display_url(url),
                              detail=str(error).splitlines()[0]) from error
    return db


def upgrade_database(url: str) -> schema.UpgradeResult:
    return schema.upgrade(url)


def check_database(url: str) -> integrity.CheckReport:
    return integrity.check_database(url)


def backup_database(url: str, target: Path) -> Path:
    return integrity.backup_database(url, target)


def restore_database(url: str, source: Path) -> Path | None:
    lock = InstanceLock(url)
    holder = lock.holder()
    if holder is not None:
        raise DatabaseProblem(
            "The database is open in CICA Network Coordinator (process {pid} on {host}). Close it, then restore.",
            pid=holder.pid, host=holder.host)
    return integrity.restore_database(url, source)


def automatic_backup(db: Database, keep: int, min_interval_hours: float = 20.0) -> Path | None:
    """A daily copy of a SQLite database into the backups folder; the oldest beyond ``keep`` removed."""
    import datetime as dt

    from desktop_app import paths

    path = db.file_path
    if path is None or keep <= 0:
        return None
    folder = paths.backups_dir()
    existing = sorted(folder.glob(f"{path.stem}-auto-*.sqlite3"))
    if existing:
        age = dt.datetime.now().timestamp() - existing[-1].stat().st_mtime
        if age < min_interval_hours * 3600:
            return None
    target = integrity.backup_database(db.url, folder / f"{path.stem}-auto-{dt.datetime.now():%Y%m%d-%H%M%S}.sqlite3")
    for old in sorted(folder.glob(f"{path.stem}-auto-*.sqlite3"))[:-keep]:
        old.unlink(missing_ok=True)
    return target
