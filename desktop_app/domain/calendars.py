"""Academic calendars and the joint calendar of several universities: pure rules, no storage.

A period is a span of whole days (both ends inclusive). The joint calendar overlays the partners'
periods day by day — an academic year is at most a few hundred days and a handful of partners, so
sets of day ordinals are simpler and safer than interval algebra.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from desktop_app.domain.contract import Message, Problems
from desktop_app.domain.errors import ValidationError
from desktop_app.i18n import N_, _


class PeriodKind(StrEnum):
    TEACHING = "teaching_term"
    EXAMS = "exam_session"
    BREAK = "break"
    HOLIDAY = "public_holiday"
    REGISTRATION = "registration"
    THESIS_DEFENCE = "thesis_defence"
    ORIENTATION = "orientation"
    NOMINATION_DEADLINE = "nomination_deadline"  # the last day partners may nominate incoming students
    OTHER = "other"


PERIOD_KIND_TITLES = {
    PeriodKind.TEACHING: N_("Teaching term"),
    PeriodKind.EXAMS: N_("Exam session"),
    PeriodKind.BREAK: N_("Break"),
    PeriodKind.HOLIDAY: N_("Public holiday"),
    PeriodKind.REGISTRATION: N_("Registration"),
    PeriodKind.THESIS_DEFENCE: N_("Thesis defence"),
    PeriodKind.ORIENTATION: N_("Orientation"),
    PeriodKind.NOMINATION_DEADLINE: N_("Nomination deadline"),
    PeriodKind.OTHER: N_("Other"),
}

#: Whether students must be present, when the user has not said: teaching, orientation and defences yes.
DEFAULT_REQUIRED_ATTENDANCE = {
    PeriodKind.TEACHING: True,
    PeriodKind.ORIENTATION: True,
    PeriodKind.THESIS_DEFENCE: True,
}

# The academic year runs from 1 August to 31 July in the planner and for sorting imported events.
YEAR_START_MONTH = 8
_YEAR = re.compile(r"^\s*(\d{4})\s*[/\-–]\s*(\d{4})\s*$")


def kind_title(kind: str) -> str:
    return _(
        PERIOD_KIND_TITLES[
            PeriodKind(kind) if kind in PeriodKind._value2member_map_ else PeriodKind.OTHER
        ]
    )


def parse_academic_year(text: str) -> str:
    """'2026/2027' (also '2026-2027') normalised to '2026/2027'; the second year follows the first."""
    match = _YEAR.match(text or "")
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        errors = {
            "academic_year": _("An academic year is written as two consecutive years, for example 2026/2027.")
        }
        raise ValidationError(errors)
    return f"{match.group(1)}/{match.group(2)}"


def academic_year_bounds(year: str) -> tuple[dt.date, dt.date]:
    first = int(parse_academic_year(year)[:4])
    return dt.date(first, YEAR_START_MONTH, 1), dt.date(first + 1, YEAR_START_MONTH, 1) - dt.timedelta(days=1)


def academic_year_of(day: dt.date) -> str:
    first = day.year if day.month >= YEAR_START_MONTH else day.year - 1
    return f"{first}/{first + 1}"


def next_academic_year(year: str) -> str:
    first = int(parse_academic_year(year)[:4]) + 1
    return f"{first}/{first + 1}"


@dataclass
class Period:
    kind: str
    start: dt.date
    end: dt.date  # inclusive
    title: str = ""
    required_attendance: bool | None = None  # None: the kind's default
    uid: str = ""  # the iCalendar UID it was imported from
    uuid: str = ""  # the stored record's UUID (stable across exports)
    location: str = ""  # where it takes place (iCalendar LOCATION)
    url: str = ""  # the page describing it (iCalendar URL)

    @property
    def attendance_required(self) -> bool:
        if self.required_attendance is not None:
            return self.required_attendance
        return (
            DEFAULT_REQUIRED_ATTENDANCE.get(PeriodKind(self.kind), False)
            if self.kind in PeriodKind._value2member_map_
            else False
        )

    def days(self) -> range:
        return range(self.start.toordinal(), self.end.toordinal() + 1)

    def label(self) -> str:
        return self.title or kind_title(self.kind)


def check_period(period: Period) -> Problems:
    problems: Problems = {}
    if period.kind not in PeriodKind._value2member_map_:
        problems["kind"] = Message("Unknown kind of period: {kind}.", {"kind": period.kind})
    if period.end < period.start:
        problems["end"] = Message("The period ends before it starts.")
    return problems


@dataclass
class CalendarDraft:
    """One academic calendar: a university's academic year with its periods."""

    university_id: int | None = None
    academic_year: str = ""
    periods: list[Period] = field(default_factory=list)
    notes: str = ""


def calendar_problems(draft: CalendarDraft) -> Problems:
    """Every problem that stops the calendar from being saved, keyed by field (``periods[2].end``)."""
    problems: Problems = {}
    if draft.university_id is None:
        problems["university_id"] = Message("Choose the university whose calendar this is.")
    if not is_academic_year(draft.academic_year):
        problems["academic_year"] = Message(
            "An academic year is written as two consecutive years, for example 2026/2027.")
    problems.update(periods_problems(draft.periods))
    return problems


def periods_problems(periods: Sequence[Period]) -> Problems:
    """The problems of each period, keyed ``periods[index].field`` and saying which period they concern."""
    problems: Problems = {}
    for index, period in enumerate(periods):
        for name, message in check_period(period).items():
            problems[f"periods[{index}].{name}"] = Message(
                "Period {number}: {problem}", {"number": index + 1, "problem": message})
    return problems


def is_academic_year(text: str) -> bool:
    match = _YEAR.match(text or "")
    return match is not None and int(match.group(2)) == int(match.group(1)) + 1


def shift_to_next_year(day: dt.date, keep_weekday: bool) -> dt.date:
    """The same date a year later; with ``keep_weekday`` the nearest day with the same weekday, because
    terms start on a given weekday while public holidays keep their date."""
    try:
        moved = day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        moved = day.replace(year=day.year + 1, day=28)
    if keep_weekday:
        delta = (day.weekday() - moved.weekday()) % 7
        moved += dt.timedelta(days=delta if delta <= 3 else delta - 7)
    return moved


def copy_periods_forward(periods: Iterable[Period]) -> list[Period]:
    copied = []
    for period in periods:
        keep = period.kind != PeriodKind.HOLIDAY
        start = shift_to_next_year(period.start, keep)
        length = period.end - period.start
        copied.append(Period(period.kind, start, start + length, period.title, period.required_attendance))
    return copied


# -- the joint calendar ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DateSpan:
    start: dt.date
    end: dt.date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Window:
    """A span of days good for something: all partners teaching, all on break, or a mobility window."""

    kind: str  # "common_teaching" | "common_break" | "mobility"
    span: DateSpan
    host: str = ""  # for mobility: the partner whose teaching the others can join


@dataclass(frozen=True)
class Conflict:
    """Partner ``examining`` holds an exam session while partner ``attending`` requires attendance."""

    span: DateSpan
    examining: str
    exam_period: str
    attending: str
    attendance_period: str

    def text(self) -> str:
        return _("{examining}: {exam} overlaps {attending}: {attendance}").format(
            examining=self.examining,
            exam=self.exam_period,
            attending=self.attending,
            attendance=self.attendance_period,
        )


def spans_of(days: Iterable[int]) -> list[DateSpan]:
    """Compress day ordinals into maximal consecutive spans."""
    spans: list[DateSpan] = []
    run: tuple[int, int] | None = None  # first and last day of the span being read
    for day in sorted(set(days)):
        if run is not None and day == run[1] + 1:
            run = (run[0], day)
            continue
        if run is not None:
            spans.append(DateSpan(dt.date.fromordinal(run[0]), dt.date.fromordinal(run[1])))
        run = (day, day)
    if run is not None:
        spans.append(DateSpan(dt.date.fromordinal(run[0]), dt.date.fromordinal(run[1])))
    return spans


def _days_of(periods: Sequence[Period], predicate) -> set[int]:
    return {day for period in periods if predicate(period) for day in period.days()}


def common_teaching_windows(calendars: Mapping[str, Sequence[Period]]) -> list[DateSpan]:
    """Days on which every partner is teaching (two or more partners)."""
    if len(calendars) < 2:
        return []
    sets = [_days_of(periods, lambda p: p.kind == PeriodKind.TEACHING) for periods in calendars.values()]
    return spans_of(set.intersection(*sets))


def _resting(period: Period) -> bool:
    return period.kind in (PeriodKind.BREAK, PeriodKind.HOLIDAY)


def common_breaks(calendars: Mapping[str, Sequence[Period]]) -> list[DateSpan]:
    """Days on which every partner is on a break or holiday: short-term training and summer schools fit here."""
    if len(calendars) < 2:
        return []
    sets = [_days_of(periods, _resting) for periods in calendars.values()]
    return spans_of(set.intersection(*sets))


def mobility_windows(calendars: Mapping[str, Sequence[Period]], minimum_days: int = 7) -> list[Window]:
    """Where students can go: common breaks, and spans where one partner teaches while no other partner
    examines or requires attendance (its students are free to join the host's classes)."""
    windows = [Window("common_break", span) for span in common_breaks(calendars) if span.days >= minimum_days]
    for host, periods in calendars.items():
        teaching = _days_of(periods, lambda p: p.kind == PeriodKind.TEACHING)
        for other, other_periods in calendars.items():
            if other != host:
                teaching -= _days_of(
                    other_periods, lambda p: p.kind == PeriodKind.EXAMS or p.attendance_required
                )
        windows += [
            Window("mobility", span, host) for span in spans_of(teaching) if span.days >= minimum_days
        ]
    return sorted(windows, key=lambda w: (w.span.start, w.host))


def find_conflicts(calendars: Mapping[str, Sequence[Period]]) -> list[Conflict]:
    """Each exam session at one partner that overlaps a period of required attendance (or teaching) at
    another: a joint-programme student cannot be in both places."""
    conflicts: list[Conflict] = []
    for examining, periods in calendars.items():
        for exam in (p for p in periods if p.kind == PeriodKind.EXAMS):
            for attending, other_periods in calendars.items():
                if attending == examining:
                    continue
                for other in other_periods:
                    if other.kind == PeriodKind.EXAMS or not (
                        other.attendance_required or other.kind == PeriodKind.TEACHING
                    ):
                        continue
                    start, end = max(exam.start, other.start), min(exam.end, other.end)
                    if start <= end:
                        conflicts.append(
                            Conflict(DateSpan(start, end), examining, exam.label(), attending, other.label())
                        )
    return sorted(conflicts, key=lambda c: (c.span.start, c.examining, c.attending))


@dataclass
class JointCalendar:
    """Everything the year planner draws and the command line lists, computed once."""

    year: str
    calendars: dict[str, list[Period]]
    common_teaching: list[DateSpan] = field(default_factory=list)
    windows: list[Window] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)


def joint_calendar(year: str, calendars: Mapping[str, Sequence[Period]]) -> JointCalendar:
    data = {name: list(periods) for name, periods in calendars.items()}
    return JointCalendar(
        parse_academic_year(year),
        data,
        common_teaching_windows(data),
        mobility_windows(data),
        find_conflicts(data),
    )
