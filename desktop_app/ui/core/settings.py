"""User preferences, each declared once (key, type, default, translatable title), over QSettings.

Preferences live in ``preferences.ini`` and window geometry in ``window-state.ini`` (both in the
user's config folder), so resetting the layout never loses a preference and vice versa. Stored
preferences are upgraded in order when their format changes (see ``UPGRADES``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QSettings

from desktop_app import paths
from desktop_app.i18n import N_

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    type: type
    default: T
    title: str  # msgid
    description: str = ""  # msgid


MEMBER_STATE = Setting("coordinator/member_state", str, "", N_("Member state"),
                       N_("The state whose national share of the network you keep"))
LANGUAGE = Setting("coordinator/language", str, "", N_("Interface language"))
COORDINATOR = Setting("coordinator/coordinator", str, "", N_("Coordinator"),
                      N_("Your name and organisation, printed in report headers"))
FIRST_RUN_DONE = Setting("coordinator/first_run_done", bool, False, N_("First-run set-up completed"))
DATABASE_URL = Setting("database/url", str, "", N_("Database"),
                       N_("A SQLite file, or a server database URL such as postgresql+psycopg://user@host/db"))
BACKUPS_KEPT = Setting("database/backups_kept", int, 10, N_("Automatic backups kept"))
REPORT_LANGUAGE = Setting("reports/language", str, "", N_("Language of reports"),
                          N_("Reports may be written in another language than the interface"))
SECONDARY_CALENDAR = Setting("dates/secondary_calendar", bool, True,
                             N_("Show the state's calendar beside Gregorian dates"))
RECOGNITION_OVERDUE_DAYS = Setting("recognition/overdue_days", int, 120,
                                   N_("Recognition decision overdue after (days)"))
AGREEMENT_WARNING_DAYS = Setting("agreements/expiry_warning_days", int, 90,
                                 N_("Warn about expiring agreements (days ahead)"))

ALL_PREFERENCES: tuple[Setting, ...] = (
    MEMBER_STATE, LANGUAGE, COORDINATOR, FIRST_RUN_DONE, DATABASE_URL, BACKUPS_KEPT, REPORT_LANGUAGE,
    SECONDARY_CALENDAR, RECOGNITION_OVERDUE_DAYS, AGREEMENT_WARNING_DAYS,
)

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
        value = self._store.value(setting.key, setting.default)
        if value is None:
            return setting.default
        if setting.type is bool:
            return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes")
        try:
            return setting.type(value)
        except (TypeError, ValueError):
            return setting.default

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
