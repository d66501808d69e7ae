"""``package`` and ``keys`` from the command line, through the real entry point: the same services as
the Exchange page, exit 0 when applied cleanly, 3 when conflicts remain, 1 when refused."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from desktop_app.cli import main
from desktop_app.services import exchange_identity, universities
from desktop_app.storage.database import Database
from desktop_app.storage.models import University


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def coordinators(tmp_path, user_home, capsys):
    """A (Kazakhstan) with the demo data; B, whose preferences say Iran, empty."""
    config = user_home / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "preferences.ini").write_text("[coordinator]\nmember_state=IR\n", encoding="utf-8")
    a, b = f"sqlite:///{tmp_path / 'a.sqlite3'}", f"sqlite:///{tmp_path / 'b.sqlite3'}"
    for url in (a, b):
        assert run(capsys, "--db", url, "db", "upgrade")[0] == 0
    database = Database(a)
    exchange_identity.ensure_identity(database, "KZ")
    database.close()
    assert run(capsys, "--db", a, "demo")[0] == 0
    return a, b


def _edit(url: str, uuid: str, **values) -> None:
    db = Database(url)
    with db.reading() as session:
        university_id = session.execute(select(University.id).where(University.uuid == uuid)).scalar_one()
    record = universities.get(db, university_id)
    for name, value in values.items():
        setattr(record.draft, name, value)
    universities.update(db, university_id, record.draft)
    db.close()


def test_export_inspect_import_and_conflicts(coordinators, capsys, tmp_path):
    a, b = coordinators
    code, out, _ = run(capsys, "--db", a, "package", "export", "--out", tmp_path / "kz1.cicapkg")
    assert code == 0 and "kz1.cicapkg" in out and "412 records" in out and "left out" in out

    code, out, _ = run(capsys, "--db", b, "package", "inspect", tmp_path / "kz1.cicapkg", "--json")
    inspection = json.loads(out)
    assert code == 0 and inspection["signature"] == "unknown-key"
    assert inspection["counts"]["university"] == 19 and inspection["manifest"]["sender"]["state"] == "KZ"

    code, _, err = run(capsys, "--db", b, "package", "import", tmp_path / "kz1.cicapkg")
    assert code == 1 and inspection["manifest"]["signer"]["fingerprint"] in err and "--trust-key" in err

    code, out, _ = run(capsys, "--db", b, "package", "import", tmp_path / "kz1.cicapkg", "--trust-key", "--dry-run",
                       "--json")
    preview = json.loads(out)
    assert code == 0 and preview["new"] == 387 and preview["kinds"]["university"]["new"] == 19
    assert {"new", "changed", "unchanged", "deleted", "conflicts", "kinds"} <= set(preview)
    code, out, _ = run(capsys, "--db", b, "package", "import", tmp_path / "kz1.cicapkg", "--trust-key", "--json")
    assert code == 0 and json.loads(out)["new"] == 387
    code, out, _ = run(capsys, "--db", b, "package", "inspect", tmp_path / "kz1.cicapkg", "--json")
    assert json.loads(out)["signature"] == "valid"

    db = Database(a)
    with db.reading() as session:
        uuid = session.execute(select(University.uuid).order_by(University.uuid)).scalars().first()
    db.close()
    _edit(a, uuid, city="Changed by A", notes="A's note")
    _edit(b, uuid, city="Changed by B")
    run(capsys, "--db", a, "package", "export", "--out", tmp_path / "kz2.cicapkg")
    code, out, _ = run(capsys, "--db", b, "package", "import", tmp_path / "kz2.cicapkg")
    assert code == 3 and "package conflicts list" in out

    code, out, _ = run(capsys, "--db", b, "package", "conflicts", "list", "--json")
    [conflict] = json.loads(out)
    assert conflict["reason"] == "changed" and {f["field"] for f in conflict["fields"]} == {"city", "notes"}
    code, _, err = run(capsys, "--db", b, "package", "conflicts", "resolve", conflict["id"], "--field", "city=theirs")
    assert code == 1 and "notes" in err
    code, out, _ = run(capsys, "--db", b, "package", "conflicts", "resolve", conflict["id"], "--take", "ours",
                       "--field", "city=theirs")
    assert code == 0
    code, out, _ = run(capsys, "--db", b, "package", "conflicts", "list")
    assert code == 0 and "No conflicts" in out
    db = Database(b)
    with db.reading() as session:
        city, notes = session.execute(select(University.city, University.notes).where(University.uuid == uuid)).one()
    db.close()
    assert (city, notes) == ("Changed by A", "")


def test_refused_package_exits_one_with_one_line(coordinators, capsys, tmp_path):
    a, b = coordinators
    run(capsys, "--db", a, "package", "export", "--out", tmp_path / "kz.cicapkg")
    data = (tmp_path / "kz.cicapkg").read_bytes()
    (tmp_path / "cut.cicapkg").write_bytes(data[: len(data) // 2])
    code, out, err = run(capsys, "--db", b, "package", "import", tmp_path / "cut.cicapkg", "--trust-key")
    assert code == 1 and out == "" and len(err.strip().splitlines()) == 1 and "not a complete package" in err


def test_keys_show_prints_the_fingerprint_in_groups(capsys, tmp_path, user_home):
    code, out, _ = run(capsys, "--db", f"sqlite:///{tmp_path / 'k.sqlite3'}", "keys", "show")
    fingerprint = out.splitlines()[0].split(": ", 1)[1]
    assert code == 0 and len(fingerprint.split(" ")) == 16 and all(len(g) == 4 for g in fingerprint.split(" "))
    key = user_home / "data" / "package-signing-key.pem"
    assert key.exists() and (key.stat().st_mode & 0o777) == 0o600
    again = run(capsys, "--db", f"sqlite:///{tmp_path / 'k.sqlite3'}", "keys", "show")[1]
    assert again.splitlines()[0] == out.splitlines()[0]  # the same key, made once
