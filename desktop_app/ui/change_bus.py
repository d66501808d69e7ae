"""Brings the database's "what changed" notifications onto the GUI thread as a Qt signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal, Slot


class ChangeBus(QObject):
    #: frozenset[str] of topics, e.g. {"universities"}; always delivered on the GUI thread.
    changed = Signal(object)
    _incoming = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._incoming.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def publish(self, topics: frozenset[str]) -> None:  # any thread
        self._incoming.emit(frozenset(topics))

    @Slot(object)
    def _deliver(self, topics) -> None:
        self.changed.emit(topics)
