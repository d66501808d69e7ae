"""Files that are whole or absent: how backups, restores and new databases reach their place.

A file that matters is never written where it will live. It is written under a temporary name in the
same folder, synced to the disk, then renamed over its place (``os.replace``, atomic on every file
system we support), and the folder itself is synced. Killed at any moment, the place holds the old
file or the new one, never a part of one. A temporary file left by a killed process names that
process; the next backup, restore or start in that folder removes it once the process is gone.

Also here: whether a database file or its folder is read-only, and whether a file that should be a
database is empty.
"""

from __future__ import annotations

import os
import re
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from desktop_app.storage.program import process_alive

_SUFFIX = ".cica-tmp"
_TEMPORARY = re.compile(r"^\..+\.(\d+)-[0-9a-f]{6}\.cica-tmp(?:-journal|-wal|-shm)?$")
SIDE_FILES = ("-journal", "-wal", "-shm")


def temporary_path(target: Path) -> Path:
    """A hidden name beside ``target`` that says which process writes it."""
    return target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(3)}{_SUFFIX}")


def is_temporary(path: Path) -> bool:
    return _TEMPORARY.match(path.name) is not None


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove temporary files whose writer is gone (killed, or the machine stopped). Returns them."""
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        if match is None or process_alive(int(match.group(1))):
            continue
        try:
            entry.unlink()
            removed.append(entry)
        except OSError:
            pass  # a read-only folder: nothing we can do, and nothing is harmed
    return removed


def discard(path: Path) -> None:
    """Remove a temporary database file and SQLite's side files, quietly."""
    for suffix in ("", *SIDE_FILES):
        with suppress(OSError):
            path.with_name(path.name + suffix).unlink(missing_ok=True)


def fsync_file(path: Path) -> None:
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def fsync_folder(folder: Path) -> None:
    """Make a rename durable. Windows cannot open folders, and its renames are journaled."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def put_in_place(temporary: Path, target: Path) -> None:
    """Sync ``temporary`` and rename it over ``target`` in one step; sync the folder."""
    fsync_file(temporary)
    os.replace(temporary, target)
    fsync_folder(target.parent)


@contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """Write ``target`` whole or not at all: yields the temporary path to write to.

    On success the temporary file replaces ``target``; on any failure (a full disk, a cancel, an
    error in the caller) it is removed and ``target`` is left as it was."""
    target = Path(target)
    remove_stale_temporaries(target.parent)
    temporary = temporary_path(target)
    try:
        yield temporary
        put_in_place(temporary, target)
    except BaseException:
        discard(temporary)
        raise


def read_only_reason(path: Path) -> str | None:
    """"folder" when nothing can be created beside the database (SQLite needs its journal there),
    "file" when the file itself may not be written (no write permission bit, or the system says so),
    None when both can be written."""
    folder = path.parent
    if folder.exists() and not os.access(folder, os.W_OK):
        return "folder"
    if path.exists() and (not path.stat().st_mode & 0o222 or not os.access(path, os.W_OK)):
        return "file"
    return None


def is_empty_database_file(path: Path) -> bool:
    """A file that exists with 0 bytes and no write-ahead log holding its content: truncated, not new."""
    try:
        if path.stat().st_size != 0:
            return False
    except FileNotFoundError:
        return False
    wal = path.with_name(path.name + "-wal")
    return not wal.exists() or wal.stat().st_size == 0


def read_only_uri(path: Path) -> str:
    """A URI opening the database without writing anything beside it. In a read-only folder SQLite cannot
    create the shared-memory file a WAL database needs; with no unfinished log there, the file is then
    opened as immutable (nothing else can write it either)."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    wal = path.with_name(path.name + "-wal")
    unfinished_log = wal.exists() and wal.stat().st_size > 0
    if read_only_reason(path) == "folder" and not unfinished_log:
        uri += "&immutable=1"
    return uri


def connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(read_only_uri(path), uri=True)


def copy_database(source: Path, target: Path) -> None:
    """Copy a live SQLite database consistently (online backup API) into a new self-contained file:
    rollback-journal mode, so the copy is one file with no log beside it, and synced to the disk."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src = connect_read_only(source)
    try:
        dst = sqlite3.connect(str(target), isolation_level=None)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    fsync_file(target)
