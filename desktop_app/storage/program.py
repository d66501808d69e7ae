"""Which program is talking to the database: the desktop application or a command (and which one).

Written into the instance lock file and sent to PostgreSQL as ``application_name``, so that a user
told "another program holds the database" can be told which one. Kept free of heavy imports: the
GUI reads it before its first paint.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

GUI = "gui"
COMMAND = "cli"


@dataclass(frozen=True)
class Program:
    kind: str = GUI
    command: str = ""

    @property
    def application_name(self) -> str:
        """ASCII and short: PostgreSQL keeps 63 bytes of it and shows it in pg_stat_activity."""
        name = "cica-coordinator" if self.kind == GUI else f"cica-coordinator {self.command}".strip()
        return f"{name} pid {os.getpid()}".encode("ascii", "replace").decode("ascii")[:63]


_current = Program()


def set_current(kind: str, command: str = "") -> None:
    global _current
    _current = Program(kind, command)


def current() -> Program:
    return _current


def user_name() -> str:
    return os.environ.get("USER") or os.environ.get("USERNAME") or ""


def host_name() -> str:
    # os.uname() needs no import (start-up path); Windows has no uname.
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket

    return socket.gethostname()


def process_alive(pid: int) -> bool:
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
