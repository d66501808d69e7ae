"""What every page is given: the open database, preferences, the background runner, the change bus
and the undo group. The database opens after the first window is painted, so pages must cope with
``db`` being None at first and listen to ``database_opened``."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import QApplication

from desktop_app.ui.core import settings
from desktop_app.ui.core.change_bus import ChangeBus

#: The context of the running application (None in tests that build widgets without one): read by widgets
#: that follow a preference without being handed the context (a date editor's second calendar).
current: AppContext | None = None


class AppContext(QObject):
    database_opened = Signal(object)
    language_changed = Signal(str)

    def __init__(self, app: QApplication, preferences: settings.Preferences,
                 window_state: settings.WindowState, parent=None):
        super().__init__(parent)
        self.app = app
        self.preferences = preferences
        self.window_state = window_state
        self._runner = None
        self.bus = ChangeBus(self)
        self.undo_group = QUndoGroup(self)
        self.db = None  # desktop_app.storage.database.Database once opened
        global current
        current = self

    @property
    def runner(self):
        """The background runner, built on first use (after the first paint: it is not needed before)."""
        if self._runner is None:
            from desktop_app.ui.core.background import BackgroundRunner
            from desktop_app.ui.core.errors import show_error

            self._runner = BackgroundRunner(show_error, self)
        return self._runner

    @property
    def state_code(self) -> str:
        return self.preferences.get(settings.MEMBER_STATE)

    def set_database(self, db) -> None:
        if self.db is not None:
            self.db.unsubscribe(self.bus.publish)
        self.db = db
        db.subscribe(self.bus.publish)
        self.database_opened.emit(db)
