"""Every file of tests/data/hostile through the command line, as a user would run it: each is refused
with one sentence naming the place (and the database is exactly as it was), or imported faithfully;
never a traceback, never an "unexpected failure"."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"
MANIFEST = json.loads((HOSTILE / "MANIFEST.json").read_text(encoding="utf-8"))
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory) -> Path:
    from desktop_app.exchange.demo import load_demo
    from desktop_app.services.database_admin import open_database

    path = tmp_path_factory.mktemp("hostile") / "demo.sqlite3"
    db = open_database(f"sqlite:///{path}")
    load_demo(db, today=dt.date(2025, 10, 1))
    db.close()
    return path


def fingerprint(path: Path) -> str:
    """Every row of every table, in order: equal when nothing was written."""
    with sqlite3.connect(path) as connection:
        return hashlib.sha256("\n".join(connection.iterdump()).encode("utf-8")).hexdigest()


def _query(path: Path, sql: str, *params) -> list[tuple]:
    with sqlite3.connect(path) as connection:
        return connection.execute(sql, params).fetchall()


def _check(path: Path, before_universities: int, expected: dict) -> None:
    for key, value in expected.items():
        if key == "universities":
            assert _query(path, "SELECT count(*) FROM universities")[0][0] == before_universities + value
        elif key == "university_name":
            assert _query(path, "SELECT 1 FROM university_names WHERE value = ?", value), value
        elif key == "university_city":
            assert _query(path, "SELECT 1 FROM universities WHERE city = ?", value), value
        elif key == "university_notes":
            assert _query(path, "SELECT 1 FROM universities WHERE notes = ?", value), value
        elif key == "case_title":
            assert _query(path, "SELECT qualification_title FROM recognition_cases WHERE reference = ?",
                          value[0]) == [(value[1],)]
        elif key == "period":
            assert _query(path, "SELECT 1 FROM calendar_periods WHERE title = ? AND location = ? AND url = ?",
                          value["title"], value.get("location", ""), value.get("url", "")), value
        else:
            raise AssertionError(f"unknown check {key}")


@pytest.mark.parametrize("entry", MANIFEST, ids=[entry["file"] for entry in MANIFEST])
def test_a_hostile_file_is_refused_in_one_sentence_or_imported_faithfully(entry, demo_database, tmp_path):
    live = tmp_path / "live.sqlite3"
    shutil.copyfile(demo_database, live)
    university = _query(live, "SELECT min(id) FROM universities")[0][0]
    universities = _query(live, "SELECT count(*) FROM universities")[0][0]
    before = fingerprint(live)
    command = [part.format(file=str(HOSTILE / entry["file"]), university=university) for part in entry["command"]]
    env = {**os.environ, "CICA_COORDINATOR_LANG": "en", "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "desktop_app", "--db", f"sqlite:///{live}", *command],
                          capture_output=True, text=True, timeout=120, env=env, cwd=REPO)
    said = done.stdout + done.stderr
    assert "Traceback" not in said and "unexpected failure" not in said, said
    if "refused" in entry:
        assert done.returncode == 1, said
        assert entry["refused"] in said, said
        assert fingerprint(live) == before, "the database changed after a refusal"
    else:
        assert done.returncode == 0, said
        _check(live, universities, entry["imported"])
