"""How long work reports progress and learns it was cancelled, without knowing about Qt.

Services accept a :class:`Progress`; the GUI passes one wired to a progress dialog, the command line
one that prints, tests one that records. ``check_cancelled`` raises :class:`Cancelled` so the
surrounding transaction rolls back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from desktop_app.domain.errors import Cancelled


class Progress:
    def __init__(self, callback: Callable[[int, int, str], None] | None = None):
        self._callback = callback
        self._cancelled = threading.Event()

    def report(self, done: int, total: int, message: str = "") -> None:
        if self._callback:
            self._callback(done, total, message)

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def check_cancelled(self) -> None:
        if self._cancelled.is_set():
            raise Cancelled()


NO_PROGRESS = Progress()
