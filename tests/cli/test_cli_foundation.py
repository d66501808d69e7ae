"""The command line, run in-process through its real entry point."""

import hashlib
import json
import sqlite3
import subprocess
import sys

import pytest

from desktop_app import __version__
from desktop_app.cli import main


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def url(tmp_path):
    return f"sqlite:///{tmp_path / 'cli.sqlite3'}"


def test_version(capsys):
    with pytest.raises(SystemExit) as raised:
        main(["--version"])
    assert raised.value.code == 0
    assert __version__ in capsys.readouterr().out


def test_upgrade_then_states_in_kazakh(capsys, url):
    code, out, _ = run(capsys, "--db", url, "db", "upgrade")
    assert code == 0
    code, out, _ = run(capsys, "--db", url, "--lang", "kk", "states", "list", "--json")
    assert code == 0
    data = json.loads(out)
    members = [s for s in data if s["member"]]
    assert len(members) == 28
    assert {"code", "name", "member"} <= set(data[0])
    assert next(s for s in data if s["code"] == "KZ")["name"] == "Қазақстан"


def test_database_from_environment_variable(capsys, url, monkeypatch, tmp_path):
    monkeypatch.setenv("CICA_COORDINATOR_DB", url)
    assert run(capsys, "db", "upgrade")[0] == 0
    assert (tmp_path / "cli.sqlite3").exists()


def test_check_is_zero_on_fresh_and_nonzero_with_one_line_on_damage(capsys, url, tmp_path):
    run(capsys, "--db", url, "db", "upgrade")
    assert run(capsys, "--db", url, "db", "check")[0] == 0
    path = tmp_path / "cli.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.execute("PRAGMA journal_mode=DELETE")
    connection.close()
    data = bytearray(path.read_bytes())
    data[len(data) // 2: len(data) // 2 + 4096] = b"\x00garbage" * 512
    path.write_bytes(bytes(data))
    code, out, err = run(capsys, "--db", url, "db", "check")
    assert code != 0
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_backup_and_restore_round_trip(capsys, url, tmp_path):
    run(capsys, "--db", url, "db", "upgrade")
    assert run(capsys, "--db", url, "demo")[0] == 0
    backup = tmp_path / "backup.sqlite3"
    assert run(capsys, "--db", url, "db", "backup", str(backup))[0] == 0
    connection = sqlite3.connect(tmp_path / "cli.sqlite3")
    connection.execute("DELETE FROM university_names")
    connection.execute("DELETE FROM universities")
    connection.commit()
    connection.close()
    code, out, _ = run(capsys, "--db", url, "db", "restore", str(backup))
    assert code == 0
    connection = sqlite3.connect(tmp_path / "cli.sqlite3")
    assert connection.execute("SELECT count(*) FROM universities").fetchone()[0] == 19
    connection.close()


def test_newer_database_refused_untouched_with_one_line(capsys, url, tmp_path):
    run(capsys, "--db", url, "db", "upgrade")
    path = tmp_path / "cli.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("UPDATE alembic_version SET version_num = '9999_newer'")
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    for command in (["db", "upgrade"], ["states", "list"], ["demo"]):
        code, out, err = run(capsys, "--db", url, *command)
        assert code != 0
        assert "newer version" in err and len(err.strip().splitlines()) == 1
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_demo_loads_real_institutions_once(capsys, url):
    code, out, _ = run(capsys, "--db", url, "demo")
    assert code == 0 and "universities: 19" in out
    code, _out, err = run(capsys, "--db", url, "demo")
    assert code != 0 and "already" in err


def test_messages_follow_the_language(capsys, url):
    code, out, _ = run(capsys, "--db", url, "--lang", "ru", "db", "upgrade")
    assert code == 0
    assert "схем" in out or "Database" not in out


def test_unreachable_server_gives_one_clear_line(capsys):
    code, _out, err = run(capsys, "--db", "postgresql+psycopg://nobody:x@127.0.0.1:1/none", "db", "upgrade")
    assert code != 0
    assert "Cannot connect" in err and "Traceback" not in err


def test_console_script_runs_as_a_module(tmp_path):
    result = subprocess.run([sys.executable, "-m", "desktop_app", "--version"], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0 and __version__ in result.stdout


def test_an_unknown_language_is_refused_naming_the_languages_shipped(capsys, url):
    code, out, err = run(capsys, "--db", url, "--lang", "xx", "states", "list")
    assert code != 0 and out == ""
    assert "“xx”" in err and "Russian (ru)" in err and "Kazakh (kk)" in err
    assert len(err.strip().splitlines()) == 1


def test_an_untranslated_language_says_what_stays_english(capsys, url):
    code, out, err = run(capsys, "--db", url, "--lang", "ckb", "states", "list")
    assert code == 0
    assert "ئەفغانستان" in out  # country names follow the language (Central Kurdish, Iraq's second language)
    assert "Central Kurdish (ckb) is not translated yet" in err and "English" in err


def test_a_shipped_language_needs_no_note(capsys, url):
    code, _out, err = run(capsys, "--db", url, "--lang", "kk", "states", "list")
    assert code == 0 and err == ""
