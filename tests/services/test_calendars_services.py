"""Calendars per university and year: save keeps record UUIDs, copy forward, merge of imported events."""

import datetime as dt

import pytest

from desktop_app.domain.calendars import Period, PeriodKind
from desktop_app.domain.errors import ConflictError, NotFoundError, ValidationError
from desktop_app.domain.universities import NameDraft, NameKind, UniversityDraft
from desktop_app.services import calendars, universities

D = dt.date


def university(db, country="KZ", name="Al-Farabi Kazakh National University"):
    return universities.create(db, UniversityDraft(country, [NameDraft(name, "en", NameKind.DISPLAY)]))


def test_save_get_and_keep_uuids(db):
    kz = university(db)
    calendars.save_periods(
        db,
        kz,
        "2026/2027",
        [
            Period(PeriodKind.TEACHING, D(2026, 9, 1), D(2026, 12, 19), "Autumn"),
            Period(PeriodKind.EXAMS, D(2026, 12, 21), D(2027, 1, 16), "Winter session"),
        ],
    )
    periods = calendars.get_periods(db, kz, "2026-2027")
    assert [(p.kind, p.title) for p in periods] == [
        ("teaching_term", "Autumn"),
        ("exam_session", "Winter session"),
    ]
    assert all(p.uuid for p in periods)
    periods[0].title = "Autumn semester"
    calendars.save_periods(db, kz, "2026/2027", periods)
    again = calendars.get_periods(db, kz, "2026/2027")
    assert [p.uuid for p in again] == [p.uuid for p in periods] and again[0].title == "Autumn semester"
    assert calendars.calendar_years(db, kz) == ["2026/2027"]
    with pytest.raises(ValidationError):
        calendars.save_periods(db, kz, "2026/2027", [Period(PeriodKind.BREAK, D(2027, 2, 1), D(2027, 1, 1))])


def test_copy_year_forward(db):
    kz = university(db)
    with pytest.raises(NotFoundError):
        calendars.copy_year_forward(db, kz, "2026/2027")
    calendars.save_periods(
        db, kz, "2026/2027", [Period(PeriodKind.TEACHING, D(2026, 9, 1), D(2026, 12, 19), "Autumn")]
    )
    assert calendars.copy_year_forward(db, kz, "2026/2027") == "2027/2028"
    [copied] = calendars.get_periods(db, kz, "2027/2028")
    assert copied.title == "Autumn" and copied.start.weekday() == D(2026, 9, 1).weekday()
    with pytest.raises(ConflictError):
        calendars.copy_year_forward(db, kz, "2026/2027")


def test_merge_imported_updates_by_uid(db):
    kz = university(db)
    events = [
        Period(PeriodKind.EXAMS, D(2026, 12, 21), D(2027, 1, 16), "Session", uid="a@x"),
        Period(PeriodKind.BREAK, D(2027, 7, 1), D(2027, 8, 20), "Summer", uid="b@x"),
    ]
    assert calendars.merge_imported(db, kz, events) == {"created": 2, "updated": 0, "years": 1}
    events[0].title = "Winter session"
    assert calendars.merge_imported(db, kz, events)["updated"] == 2
    assert [p.title for p in calendars.get_periods(db, kz, "2026/2027")] == ["Winter session", "Summer"]


def test_joint_calendar_of_two_universities(db):
    kz, cn = university(db), university(db, "CN", "Tsinghua University")
    calendars.save_periods(
        db, kz, "2026/2027", [Period(PeriodKind.EXAMS, D(2026, 12, 21), D(2027, 1, 16), "Session")]
    )
    calendars.save_periods(
        db, cn, "2026/2027", [Period(PeriodKind.TEACHING, D(2026, 9, 14), D(2027, 1, 3), "Autumn")]
    )
    joint = calendars.joint_calendar_for(db, [kz, cn], "2026/2027")
    [conflict] = joint.conflicts
    assert (conflict.examining, conflict.attending) == (
        "Al-Farabi Kazakh National University",
        "Tsinghua University",
    )
    assert (conflict.span.start, conflict.span.end) == (D(2026, 12, 21), D(2027, 1, 3))
    assert calendars.university_info(db, kz).calendar_system == "gregorian"
