"""Academic years, copying forward, and the joint calendar: common windows, mobility, conflicts."""

import datetime as dt

import pytest

from desktop_app.domain.calendars import (
    DateSpan,
    Period,
    PeriodKind,
    academic_year_of,
    common_breaks,
    common_teaching_windows,
    copy_periods_forward,
    find_conflicts,
    joint_calendar,
    mobility_windows,
    parse_academic_year,
    spans_of,
)
from desktop_app.domain.errors import ValidationError

D = dt.date
A = [
    Period(PeriodKind.TEACHING, D(2026, 9, 1), D(2026, 12, 19), "Autumn A"),
    Period(PeriodKind.EXAMS, D(2026, 12, 21), D(2027, 1, 16), "Exams A"),
    Period(PeriodKind.BREAK, D(2027, 1, 18), D(2027, 2, 6), "Winter A"),
]
B = [
    Period(PeriodKind.TEACHING, D(2026, 9, 14), D(2027, 1, 3), "Autumn B"),
    Period(PeriodKind.EXAMS, D(2027, 1, 4), D(2027, 1, 17), "Exams B"),
    Period(PeriodKind.BREAK, D(2027, 1, 18), D(2027, 2, 21), "Winter B"),
]


def test_academic_year_text():
    assert parse_academic_year("2026-2027") == "2026/2027"
    assert academic_year_of(D(2026, 8, 1)) == "2026/2027" and academic_year_of(D(2027, 7, 31)) == "2026/2027"
    with pytest.raises(ValidationError):
        parse_academic_year("2026/2028")


def test_spans_compress_days():
    days = [D(2026, 9, 1).toordinal() + i for i in (0, 1, 2, 5)]
    assert spans_of(days) == [DateSpan(D(2026, 9, 1), D(2026, 9, 3)), DateSpan(D(2026, 9, 6), D(2026, 9, 6))]


def test_common_teaching_and_breaks():
    calendars = {"A": A, "B": B}
    assert common_teaching_windows(calendars) == [DateSpan(D(2026, 9, 14), D(2026, 12, 19))]
    assert common_breaks(calendars) == [DateSpan(D(2027, 1, 18), D(2027, 2, 6))]
    assert common_teaching_windows({"A": A}) == []


def test_conflicts_exam_at_one_during_attendance_at_the_other():
    conflicts = find_conflicts({"A": A, "B": B})
    assert [(c.examining, c.exam_period, c.attending, c.attendance_period, c.span) for c in conflicts] == [
        ("A", "Exams A", "B", "Autumn B", DateSpan(D(2026, 12, 21), D(2027, 1, 3)))
    ]
    # exam sessions overlapping each other are not a conflict, and a break never is
    assert find_conflicts({"A": [A[1]], "B": [B[1], B[2]]}) == []
    # a period the user marks as required attendance counts even if it is not teaching
    event = Period(PeriodKind.OTHER, D(2027, 1, 10), D(2027, 1, 10), "Field trip", required_attendance=True)
    assert [c.attendance_period for c in find_conflicts({"A": A, "C": [event]})] == ["Field trip"]


def test_mobility_windows():
    windows = mobility_windows({"A": A, "B": B})
    kinds = {(w.kind, w.host, w.span) for w in windows}
    assert ("common_break", "", DateSpan(D(2027, 1, 18), D(2027, 2, 6))) in kinds
    # A teaches from 1 September while B's term has not begun: B's students can join A for those 13 days
    assert ("mobility", "A", DateSpan(D(2026, 9, 1), D(2026, 9, 13))) in kinds
    assert len(windows) == 2  # B never teaches while A is free of teaching and exams
    summer_school = {
        "A": [Period(PeriodKind.BREAK, D(2027, 7, 1), D(2027, 7, 31))],
        "B": [Period(PeriodKind.TEACHING, D(2027, 7, 5), D(2027, 7, 25), "Summer term")],
    }
    [window] = mobility_windows(summer_school)
    assert (
        window.kind == "mobility"
        and window.host == "B"
        and window.span == DateSpan(D(2027, 7, 5), D(2027, 7, 25))
    )


def test_joint_calendar_bundles_everything():
    joint = joint_calendar("2026/2027", {"A": A, "B": B})
    assert joint.year == "2026/2027" and len(joint.conflicts) == 1 and joint.common_teaching


def test_copy_forward_keeps_weekdays_for_terms_and_dates_for_holidays():
    periods = [
        Period(PeriodKind.TEACHING, D(2026, 9, 1), D(2026, 12, 19), "Autumn"),
        Period(PeriodKind.HOLIDAY, D(2026, 12, 16), D(2026, 12, 17), "Independence Day"),
    ]
    term, holiday = copy_periods_forward(periods)
    assert term.start.weekday() == D(2026, 9, 1).weekday() and abs((term.start - D(2027, 9, 1)).days) <= 3
    assert (term.end - term.start) == (periods[0].end - periods[0].start)
    assert (holiday.start, holiday.end) == (D(2027, 12, 16), D(2027, 12, 17))
