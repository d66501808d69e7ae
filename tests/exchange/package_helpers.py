"""Shared by the data-package tests: more databases on the same engine, a demo with files attached,
a full dump of a database, packages rewritten as a hostile sender would."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import zipfile
from pathlib import Path

from sqlalchemy import select, text

from desktop_app.domain.preferences import Options
from desktop_app.storage.database import Database

KZ = Options(member_state="KZ", coordinator="Coordinator of Kazakhstan")
IR = Options(member_state="IR", coordinator="Coordinator of Iran")
_names = itertools.count()


def another_database(request, db: Database) -> Database:
    """A second fresh migrated database on the engine of ``db`` (closed and dropped after the test)."""
    if db.is_sqlite:
        template = request.getfixturevalue("sqlite_template")
        path = Path(db.file_path).parent / f"other-{next(_names)}.sqlite3"
        shutil.copyfile(template, path)
        other = Database(f"sqlite:///{path}")
        request.addfinalizer(other.close)
        return other
    admin, base, template = request.getfixturevalue("postgres_template")
    name = f"cica_t_{os.getpid()}_other_{next(_names)}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    other = Database(base.set(database=name).render_as_string(hide_password=False))

    def drop() -> None:
        from tests.conftest import drop_test_database

        other.close()
        drop_test_database(admin, name)

    request.addfinalizer(drop)
    return other


def load_demo_with_files(db: Database, state: str = "KZ") -> None:
    """The demo data set owned by ``state``, with a document on an event and a scan on a case."""
    from desktop_app.exchange.demo import load_demo
    from desktop_app.services import documents, exchange_identity, recognition_cases
    from desktop_app.storage.models import JointEvent, RecognitionCase

    exchange_identity.ensure_identity(db, state)
    load_demo(db)
    with db.reading() as session:
        event_id = session.execute(select(JointEvent.id).order_by(JointEvent.id)).scalars().first()
        case_id = session.execute(select(RecognitionCase.id).order_by(RecognitionCase.id)).scalars().first()
    documents.attach_bytes(db, "event", event_id, "programme.pdf", bytes(range(256)) * 40, "Printed programme")
    recognition_cases.add_attachment(db, case_id, "diploma.png", b"\x89PNG scan" * 500, "image/png")


def dump(db: Database) -> str:
    """Every row of every table, in key order: equal dumps, equal databases."""
    from desktop_app.storage.base import Base

    lines = []
    with db.reading() as session:
        for table in Base.metadata.sorted_tables:
            order = list(table.primary_key.columns)
            for row in session.execute(select(table).order_by(*order)):
                lines.append(f"{table.name} {json.dumps([repr(v) for v in row], ensure_ascii=False)}")
    return "\n".join(lines)


def snapshot_state(db: Database) -> tuple[str, bytes | None]:
    """A full dump, and on SQLite the file's bytes (read with every connection closed)."""
    db.engine.dispose()
    content = Path(db.file_path).read_bytes() if db.is_sqlite else None
    return dump(db), content


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_members(path: Path, content: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in content.items():
            archive.writestr(name, data)
    return path


def resigned(content: dict[str, bytes], change=None) -> dict[str, bytes]:
    """Members with the manifest recomputed (checksums of the members as they are now), changed by
    ``change(manifest)`` and signed again with this coordinator's key."""
    import hashlib

    from desktop_app.exchange import package_keys

    manifest = json.loads(content["manifest.json"])
    manifest["members"] = {name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                           for name, data in content.items() if name not in ("manifest.json", "manifest.sig")}
    if change is not None:
        change(manifest)
    data = json.dumps(manifest, sort_keys=True, indent=2).encode("utf-8")
    return {**content, "manifest.json": data, "manifest.sig": package_keys.sign(data)}
