"""The working group's road map: statuses and when an action is overdue."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from desktop_app.i18n import N_


class ActionStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"


ACTION_STATUS_LABELS = {
    ActionStatus.PLANNED: N_("Planned"),
    ActionStatus.IN_PROGRESS: N_("In progress"),
    ActionStatus.DONE: N_("Done"),
}


def quarter_end(year: int, quarter: int) -> dt.date:
    """Last day of a calendar quarter: Q1 -> 31 March, Q4 -> 31 December."""
    if quarter == 4:
        return dt.date(year, 12, 31)
    return dt.date(year, 3 * quarter + 1, 1) - dt.timedelta(days=1)


def is_overdue(status: str, deadline_year: int, deadline_quarter_to: int, today: dt.date) -> bool:
    """The last quarter of the deadline has ended and the action is not done."""
    return status != ActionStatus.DONE and today > quarter_end(deadline_year, deadline_quarter_to)


def deadline_label(year: int, quarter_from: int, quarter_to: int) -> str:
    """"Q2–Q3 2024" / "Q1 2023" (quarter numbers and years are not translated words)."""
    quarters = f"Q{quarter_from}" if quarter_from == quarter_to else f"Q{quarter_from}–Q{quarter_to}"
    return f"{quarters} {year}"
