"""The kill -9 script in its short mode: a few kills of each command that writes, every time old-or-new."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_kill_9_leaves_old_or_new_never_partial():
    """Real ROR rows from ../shared/data when present, else the 19 shipped with the demonstration."""
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "killtest.py"), "--trials", "4", "--short", "--seed", "13"],
        cwd=REPO, capture_output=True, text=True, timeout=300)
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = {line.split()[0]: line.split() for line in result.stdout.splitlines() if line.split()}
    for name in ("import", "demo", "backup", "restore"):
        trials, killed, old, new, partial, corrupt, empty = map(int, lines[name][1:8])
        assert trials == 4 and old + new == trials and partial == corrupt == empty == 0
    assert "PASS" in result.stdout
