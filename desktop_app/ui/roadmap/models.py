"""Table models of the Road map page: the actions (overdue ones flagged), the expert meetings and the
working group's members (names and e-mail addresses masked unless revealed), each paged from its service."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor

from desktop_app.domain.roadmap import ACTION_STATUS_LABELS, OVERDUE_FLAG, deadline_label
from desktop_app.i18n import _, formatting
from desktop_app.services import meetings, roadmap, working_group
from desktop_app.ui.common.keyset_model import KeysetTableModel

(A_NUMBER, A_ACTION, A_DEADLINE, A_STATUS, A_EVIDENCE, A_MEETINGS) = range(6)
(X_DATE, X_TITLE, X_PLACE, X_ACTION, X_DOCUMENTS, X_MINUTES) = range(6)
(W_STATE, W_NAME, W_EMAIL, W_ORGANISATION, W_ROLE) = range(5)

#: Overdue actions: a pale red row with dark text, readable in light and dark themes alike.
OVERDUE_BACKGROUND = "#f6d5d3"
OVERDUE_TEXT = "#5c1a14"


def status_text(row: roadmap.ActionRow) -> str:
    found = ACTION_STATUS_LABELS.get(row.status)
    status = _(found) if found else row.status
    return _(OVERDUE_FLAG).format(status=status) if row.overdue else status


class ActionTableModel(KeysetTableModel):
    COLUMN_COUNT = 6

    def __init__(self, parent=None, today: dt.date | None = None):
        super().__init__(roadmap, roadmap.ActionQuery(today=today), parent)

    def headers(self) -> list[str]:
        return [_("No."), _("Action"), _("Deadline"), _("Status"), _("Evidence"), _("Meetings")]

    def display(self, row: roadmap.ActionRow, column: int) -> str:
        if column == A_NUMBER:
            return formatting.format_number(row.number)
        if column == A_ACTION:
            return _(row.title_en)
        if column == A_DEADLINE:
            return deadline_label(row.deadline_year, row.deadline_quarter_from, row.deadline_quarter_to, _)
        if column == A_STATUS:
            return status_text(row)
        if column == A_EVIDENCE:
            return formatting.format_number(row.evidence)
        if column == A_MEETINGS:
            return formatting.format_number(row.meetings)
        return ""

    def sort_value(self, row: roadmap.ActionRow, column: int) -> Any:
        return {A_NUMBER: row.number, A_ACTION: row.title_en,
                A_DEADLINE: (row.deadline_year, row.deadline_quarter_to), A_STATUS: row.status,
                A_EVIDENCE: row.evidence, A_MEETINGS: row.meetings}[column]

    def extra(self, row: roadmap.ActionRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and row.overdue:
            return QBrush(QColor(OVERDUE_BACKGROUND))
        if role == Qt.ItemDataRole.ForegroundRole and row.overdue:
            return QBrush(QColor(OVERDUE_TEXT))
        if role == Qt.ItemDataRole.ToolTipRole and column == A_ACTION:
            return _(row.title_en)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (A_NUMBER, A_EVIDENCE, A_MEETINGS):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """The road map keeps its own order (by number)."""


class MeetingTableModel(KeysetTableModel):
    COLUMN_COUNT = 6

    def __init__(self, parent=None):
        super().__init__(meetings, meetings.MeetingQuery(), parent)

    def headers(self) -> list[str]:
        return [_("Date"), _("Meeting"), _("Place"), _("Road-map action"), _("Documents"), _("Minutes")]

    def display(self, row: meetings.MeetingRow, column: int) -> str:
        if column == X_DATE:
            return formatting.format_date(row.held_on)
        if column == X_TITLE:
            return row.title
        if column == X_PLACE:
            return row.place
        if column == X_ACTION:
            return formatting.format_number(row.action_number) if row.action_number else ""
        if column == X_DOCUMENTS:
            return formatting.format_number(row.documents) if row.documents else ""
        if column == X_MINUTES:
            return " ".join(row.minutes.split())
        return ""

    def sort_value(self, row: meetings.MeetingRow, column: int) -> Any:
        return {X_DATE: row.held_on, X_TITLE: row.title, X_PLACE: row.place, X_ACTION: row.action_number or 0,
                X_DOCUMENTS: row.documents, X_MINUTES: row.minutes}[column]

    def extra(self, row: meetings.MeetingRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column in (X_TITLE, X_MINUTES):
            return row.minutes if column == X_MINUTES else row.title
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (X_ACTION, X_DOCUMENTS):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Meetings stay in date order, the latest first."""


class MemberTableModel(KeysetTableModel):
    COLUMN_COUNT = 5

    def __init__(self, parent=None):
        super().__init__(working_group, working_group.MemberQuery(), parent)

    def headers(self) -> list[str]:
        return [_("State"), _("Full name"), _("E-mail"), _("Organisation"), _("Role")]

    def display(self, row: working_group.MemberRow, column: int) -> str:
        return [formatting.country_name(row.country_code), row.name, row.email, row.organisation, row.role][column]

    def sort_value(self, row: working_group.MemberRow, column: int) -> Any:
        return [row.country_code, row.name, row.email, row.organisation, row.role][column]

    def extra(self, row: working_group.MemberRow, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and column == W_STATE:
            return row.country_code
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        """Members stay grouped by state."""
