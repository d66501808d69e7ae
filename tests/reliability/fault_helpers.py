"""Helpers of the fault-injection tests (fixtures are in conftest.py)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from desktop_app.cli import main

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_sentence(err: str) -> str:
    """The whole of standard error: one line starting with "error:", never a traceback."""
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ") and "Traceback" not in err and "unexpected failure" not in err, err
    return lines[0]


def fingerprint(path: Path) -> dict[str, int]:
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = [row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        return {table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}
    finally:
        connection.close()


def fill(folder: Path, leave_kib: int = 64) -> None:
    """Fill the file system of ``folder`` up to ``leave_kib`` free."""
    stats = os.statvfs(folder)
    free = stats.f_bavail * stats.f_frsize
    with open(folder / "filler", "wb") as handle:
        remaining = max(0, free - leave_kib * 1024)
        block = b"\0" * (1 << 16)
        while remaining > 0:
            handle.write(block[: min(len(block), remaining)])
            remaining -= len(block)
