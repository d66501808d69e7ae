"""Faults made real: a small full disk (tmpfs), read-only files and folders (a read-only bind mount when
running as root, whom permissions do not stop), a second writer, another instance. Every test here is
marked ``reliability``: run by default, skipped with ``-m "not reliability"``."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from fault_helpers import IS_ROOT


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.reliability)


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True)


@pytest.fixture
def small_disk(tmp_path):
    """A folder on its own 4 MB file system, to be filled up (root only)."""
    if not IS_ROOT or shutil.which("mount") is None:
        pytest.skip("a small file system can be mounted by root only")
    folder = tmp_path / "small-disk"
    folder.mkdir()
    try:
        _mount("-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder))
    except subprocess.CalledProcessError:
        pytest.skip("tmpfs cannot be mounted here")
    yield folder
    subprocess.run(["umount", "-l", str(folder)], check=False, capture_output=True)


@pytest.fixture
def make_read_only(tmp_path):
    """Call with a folder to make it read-only for the rest of the test: a read-only bind mount as root,
    permissions otherwise."""
    undo = []

    def apply(folder: Path) -> None:
        if IS_ROOT:
            try:
                _mount("--bind", str(folder), str(folder))
                _mount("-o", "remount,ro,bind", str(folder))
            except subprocess.CalledProcessError:
                pytest.skip("a read-only bind mount cannot be made here")
            undo.append(lambda: subprocess.run(["umount", "-l", str(folder)], check=False, capture_output=True))
        else:
            folder.chmod(0o555)
            undo.append(lambda: folder.chmod(0o755))

    yield apply
    for step in reversed(undo):
        step()


@pytest.fixture
def demo_file(sqlite_url, tmp_path):
    """A database with the demonstration data, closed (its log folded in)."""
    from desktop_app.exchange.demo import load_demo
    from desktop_app.storage.database import Database

    db = Database(sqlite_url)
    load_demo(db)
    db.close()
    return Path(sqlite_url.removeprefix("sqlite:///"))
