"""One running application per database: a lock file beside the database (or in the data folder for
server databases) naming the process that holds it. A lock left by a crashed process on this machine
is recognised by its dead process id and cleared."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from desktop_app import paths
from desktop_app.storage.urls import sqlite_file as sqlite_path


def lock_path_for(url: str) -> Path:
    path = sqlite_path(url)
    if path is not None:
        return path.with_name(path.name + ".lock")
    import hashlib

    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:16]
    folder = paths.user_data_dir() / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / f"{digest}.lock"


def _host_name() -> str:
    # os.uname() needs no import (start-up path); Windows has no uname.
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()


def _process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class LockHolder:
    pid: int
    host: str
    user: str


class InstanceLock:
    def __init__(self, url: str):
        self.path = lock_path_for(url)
        self.acquired = False

    def holder(self) -> LockHolder | None:
        """Who holds the lock now, or None (no lock, or a stale one)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            holder = LockHolder(int(data["pid"]), str(data["host"]), str(data.get("user", "")))
        except (OSError, ValueError, KeyError):
            return None
        if holder.host == _host_name() and not _process_alive(holder.pid):
            return None
        return holder

    def acquire(self) -> LockHolder | None:
        """Take the lock. Returns None on success, or the holder that keeps it."""
        payload = json.dumps(
            {"pid": os.getpid(), "host": _host_name(), "user": os.environ.get("USER", "")}
        )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = self.holder()
                if holder is not None:
                    return holder
                self.path.unlink(missing_ok=True)  # stale: the process that wrote it is gone
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(payload)
            self.acquired = True
            return None
        holder = self.holder()
        return holder or LockHolder(-1, "?", "")

    def release(self) -> None:
        if self.acquired:
            self.path.unlink(missing_ok=True)
            self.acquired = False
