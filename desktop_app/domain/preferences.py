"""Every user preference, declared once (key, type, default, translatable title), with no Qt.

The declarations live below the services so that services, reports and the command line read the
same preferences the GUI edits; each is handed in explicitly as ``Options``, never looked up from a
global. Where the values are kept is the caller's business: the GUI stores them with QSettings
(``ui/core/settings.py``), the command line reads the same file (``storage/preferences_file.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, Protocol, TypeVar

from desktop_app.i18n import N_

T = TypeVar("T")


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    type: type
    default: T
    title: str  # msgid
    description: str = ""  # msgid


#: Days ahead in which an agreement's end counts as "expiring" (dashboard, lists, reports) unless the user
#: chose otherwise. Defined here only.
DEFAULT_EXPIRY_HORIZON_DAYS = 90
#: Days after receipt when an undecided recognition case counts as overdue, unless the user chose otherwise.
DEFAULT_RECOGNITION_OVERDUE_DAYS = 120
#: Days after which a member state's last data package counts as late, unless the user chose otherwise.
DEFAULT_SUBMISSION_LATE_DAYS = 120
#: Days before a student's mobility starts within which an unsigned learning agreement is on the dashboard.
DEFAULT_SIGNATURE_WARNING_DAYS = 30
#: Days after a mobility ends when a transcript of records not yet received counts as overdue: the
#: Erasmus+ rule gives the receiving institution five weeks to issue it.
DEFAULT_TRANSCRIPT_OVERDUE_DAYS = 35

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
RECOGNITION_OVERDUE_DAYS = Setting("recognition/overdue_days", int, DEFAULT_RECOGNITION_OVERDUE_DAYS,
                                   N_("Recognition decision overdue after (days)"))
AGREEMENT_WARNING_DAYS = Setting("agreements/expiry_warning_days", int, DEFAULT_EXPIRY_HORIZON_DAYS,
                                 N_("Warn about expiring agreements (days ahead)"))
SUBMISSION_LATE_DAYS = Setting("network/submission_late_days", int, DEFAULT_SUBMISSION_LATE_DAYS,
                               N_("A member state's package is late after (days)"))
SIGNATURE_WARNING_DAYS = Setting("mobility/signature_warning_days", int, DEFAULT_SIGNATURE_WARNING_DAYS,
                                 N_("Warn about unsigned learning agreements (days before the start)"))
TRANSCRIPT_OVERDUE_DAYS = Setting("mobility/transcript_overdue_days", int, DEFAULT_TRANSCRIPT_OVERDUE_DAYS,
                                  N_("Transcript of records overdue after the end (days)"))

ALL_PREFERENCES: tuple[Setting, ...] = (
    MEMBER_STATE, LANGUAGE, COORDINATOR, FIRST_RUN_DONE, DATABASE_URL, BACKUPS_KEPT, REPORT_LANGUAGE,
    SECONDARY_CALENDAR, RECOGNITION_OVERDUE_DAYS, AGREEMENT_WARNING_DAYS, SUBMISSION_LATE_DAYS,
    SIGNATURE_WARNING_DAYS, TRANSCRIPT_OVERDUE_DAYS,
)


class PreferenceReader(Protocol):
    def get(self, setting: Setting[T]) -> T: ...


def convert(setting: Setting[T], value: Any) -> T:
    """A stored value as the setting's type; the default when it cannot be read as one."""
    if value is None or value == "":
        return setting.default
    if setting.type is bool:
        if isinstance(value, bool):
            return value  # type: ignore[return-value]
        return str(value).strip().lower() in ("1", "true", "yes")  # type: ignore[return-value]
    try:
        return setting.type(value)
    except (TypeError, ValueError):
        return setting.default


@dataclass(frozen=True)
class Options:
    """The preferences that services and reports act on, passed to them explicitly."""

    member_state: str = ""
    coordinator: str = ""
    expiry_horizon_days: int = DEFAULT_EXPIRY_HORIZON_DAYS
    recognition_overdue_days: int = DEFAULT_RECOGNITION_OVERDUE_DAYS
    submission_late_days: int = DEFAULT_SUBMISSION_LATE_DAYS
    report_language: str = ""
    secondary_calendar: bool = True
    signature_warning_days: int = DEFAULT_SIGNATURE_WARNING_DAYS
    transcript_overdue_days: int = DEFAULT_TRANSCRIPT_OVERDUE_DAYS

    @classmethod
    def read(cls, preferences: PreferenceReader) -> Options:
        return cls(
            member_state=preferences.get(MEMBER_STATE),
            coordinator=preferences.get(COORDINATOR),
            expiry_horizon_days=max(0, preferences.get(AGREEMENT_WARNING_DAYS)),
            recognition_overdue_days=max(1, preferences.get(RECOGNITION_OVERDUE_DAYS)),
            submission_late_days=max(1, preferences.get(SUBMISSION_LATE_DAYS)),
            report_language=preferences.get(REPORT_LANGUAGE),
            secondary_calendar=preferences.get(SECONDARY_CALENDAR),
            signature_warning_days=max(0, preferences.get(SIGNATURE_WARNING_DAYS)),
            transcript_overdue_days=max(0, preferences.get(TRANSCRIPT_OVERDUE_DAYS)),
        )
