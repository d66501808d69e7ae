"""Where the GUI keeps preferences: QSettings over the declarations of ``domain/preferences.py``.

Preferences live in ``preferences.ini`` and window geometry in ``window-state.ini`` (both in the
user's config folder), so resetting the layout never loses a preference and vice versa. Stored
preferences are upgraded in order when their format changes (see ``UPGRADES``).
"""

from __future__ import annotations

from typing import Any, TypeVar

from PySide6.QtCore import QSettings

from desktop_app import paths
from desktop_app.domain.preferences import (  # noqa: F401 - the declarations, re-exported for the GUI
    AGREEMENT_WARNING_DAYS,
    ALL_PREFERENCES,
    BACKUPS_KEPT,
    COORDINATOR,
    DATABASE_URL,
    FIRST_RUN_DONE,
    LANGUAGE,
    MEMBER_STATE,
    RECOGNITION_OVERDUE_DAYS,
    REPORT_LANGUAGE,
    SECONDARY_CALENDAR,
    SIGNATURE_WARNING_DAYS,
    SUBMISSION_LATE_DAYS,
    TRANSCRIPT_OVERDUE_DAYS,
    Options,
    Setting,
    convert,
)

T = TypeVar("T")


SETTINGS_VERSION = 1
#: version -> function(QSettings) that upgrades stored preferences written by the version before.
UPGRADES: dict[int, Any] = {}


class Preferences:
    def __init__(self, path=None):
        target = path or (paths.user_config_dir() / "preferences.ini")
        self._store = QSettings(str(target), QSettings.Format.IniFormat)
        self._upgrade()

    def _upgrade(self) -> None:
        stored = int(self._store.value("meta/version", 0) or 0)
        for version in range(stored + 1, SETTINGS_VERSION + 1):
            upgrade = UPGRADES.get(version)
            if upgrade:
                upgrade(self._store)
        if stored != SETTINGS_VERSION:
            self._store.setValue("meta/version", SETTINGS_VERSION)

    def get(self, setting: Setting[T]) -> T:
        return convert(setting, self._store.value(setting.key, setting.default))

    def options(self) -> Options:
        """The preferences services and reports act on."""
        return Options.read(self)

    def set(self, setting: Setting[T], value: T) -> None:
        self._store.setValue(setting.key, value)
        self._store.sync()

    def file_name(self) -> str:
        return self._store.fileName()


class WindowState:
    """Geometry and splitter/header states; never mixed with preferences."""

    def __init__(self, path=None):
        target = path or (paths.user_config_dir() / "window-state.ini")
        self._store = QSettings(str(target), QSettings.Format.IniFormat)

    def save(self, key: str, value) -> None:
        self._store.setValue(key, value)

    def load(self, key: str):
        return self._store.value(key)

    def sync(self) -> None:
        self._store.sync()
