"""Brings the database's "what changed" notifications onto the GUI thread as a Qt signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, Slot


class ChangeBus(QObject):
    #: frozenset[str] of topics, e.g. {"universities"}; always delivered on the GUI thread, and always
    #: later than the change that caused it (never inside the caller's own code path).
    changed = Signal(object)
    _incoming = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        # An automatic connection is queued when emitted from a worker thread (this object lives on the
        # GUI thread); from the GUI thread itself the timer below defers delivery the same way.
        self._incoming.connect(self._deliver)

    def publish(self, topics: frozenset[str]) -> None:  # any thread
        self._incoming.emit(frozenset(topics))

    @Slot(object)
    def _deliver(self, topics) -> None:
        QTimer.singleShot(0, self, lambda: self.changed.emit(topics))  # dropped if the bus is gone
