"""One program writing to a database at a time: a lock file beside the database (or in the data folder
for server databases) naming the process that holds it, and whether it is the desktop application or
a command. The GUI holds it while it runs; a command that writes holds it while it works, and a second
command waits for the first to finish. A lock left by a crashed process on this machine is recognised
by its dead process id and cleared."""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass
from pathlib import Path

from desktop_app import paths
from desktop_app.storage import program
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


@dataclass
class LockHolder:
    pid: int
    host: str
    user: str
    kind: str = program.GUI
    command: str = ""

    @property
    def is_command(self) -> bool:
        return self.kind == program.COMMAND


class InstanceLock:
    def __init__(self, url: str):
        self.path = lock_path_for(url)
        self.acquired = False

    def holder(self) -> LockHolder | None:
        """Who holds the lock now, or None (no lock, or a stale one)."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            holder = LockHolder(int(data["pid"]), str(data["host"]), str(data.get("user", "")),
                                str(data.get("kind", program.GUI)), str(data.get("command", "")))
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if holder.host == program.host_name() and not program.process_alive(holder.pid):
            return None
        return holder

    def acquire(self) -> LockHolder | None:
        """Take the lock. Returns None on success, or the holder that keeps it. OSError when the lock
        file cannot be written (a read-only folder)."""
        me = program.current()
        payload = json.dumps({"pid": os.getpid(), "host": program.host_name(), "user": program.user_name(),
                              "kind": me.kind, "command": me.command})
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
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(payload)
            except OSError:  # a full disk: leave no empty lock file behind
                self.path.unlink(missing_ok=True)
                raise
            self.acquired = True
            return None
        holder = self.holder()
        return holder or LockHolder(-1, "?", "")

    def acquire_waiting(self, seconds: float) -> LockHolder | None:
        """Take the lock, waiting up to ``seconds`` while another command holds it (commands are short).
        The desktop application holds it for hours: it is answered at once."""
        deadline = time.monotonic() + seconds
        while True:
            holder = self.acquire()
            if holder is None or not holder.is_command or time.monotonic() >= deadline:
                return holder
            time.sleep(0.1)

    def release(self) -> None:
        if self.acquired:
            self.path.unlink(missing_ok=True)
            self.acquired = False
