"""The design checks run with the tests: import contracts (import-linter), lint (ruff) and types (mypy).

Each tool runs as configured in pyproject.toml, from the virtual environment running the tests; a tool
that is not installed there is skipped (``./scripts/dev.sh test`` installs all three with the test extra).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
RUFF_PATHS = ["desktop_app", "tests", "benchmarks", "packaging"]

CHECKS = {
    "import contracts": ["lint-imports"],
    "ruff": ["ruff", "check", "--no-cache", *RUFF_PATHS],
    "mypy": ["mypy"],  # the files are listed under [tool.mypy]
}


def _executable(name: str) -> Path | None:
    for candidate in (BIN / name, BIN / f"{name}.exe"):
        if candidate.is_file():
            return candidate
    return None


@pytest.mark.parametrize("check", sorted(CHECKS))
def test_design_check_passes(check):
    name, *arguments = CHECKS[check]
    executable = _executable(name)
    if executable is None:
        pytest.skip(f"{name} is not installed next to {sys.executable}")
    # The checkout under test comes first on the path (import-linter imports the package to find it).
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    result = subprocess.run([str(executable), *arguments], cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                            capture_output=True, text=True)
    assert result.returncode == 0, f"{name} failed:\n{result.stdout}\n{result.stderr}"
