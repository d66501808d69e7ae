"""Academic calendars through the area contract: one record per university and year; periods keep their
UUIDs across edits; delete and restore whole; pages in SQL; copy forward; imports merged by UID in one
transaction; the joint calendar of two universities."""

import datetime as dt

import pytest

from desktop_app.domain.calendars import CalendarDraft, Period, PeriodKind
from desktop_app.domain.errors import ConflictError, NotFoundError, ValidationError
from desktop_app.domain.universities import NameDraft, NameKind, UniversityDraft
from desktop_app.services import calendars, records, universities
from desktop_app.services.calendars import CalendarQuery
from desktop_app.storage import snapshots

D = dt.date


def university(db, country="KZ", name="Al-Farabi Kazakh National University"):
    return universities.create(db, UniversityDraft(country, [NameDraft(name, "en", NameKind.DISPLAY)]))


def autumn_and_session() -> list[Period]:
    return [Period(PeriodKind.TEACHING, D(2026, 9, 1), D(2026, 12, 19), "Autumn"),
            Period(PeriodKind.EXAMS, D(2026, 12, 21), D(2027, 1, 16), "Winter session")]


def test_create_get_update_keep_uuids_delete_restore(db):
    kz = university(db)
    calendar_id = calendars.create(db, CalendarDraft(kz, "2026-2027", autumn_and_session()))
    assert calendars.find(db, kz, "2026/2027") == calendar_id
    record = calendars.get(db, calendar_id)
    assert record.draft.academic_year == "2026/2027" and record.facts["university"].startswith("Al-Farabi")
    periods = record.draft.periods
    assert [(p.kind, p.title) for p in periods] == [("teaching_term", "Autumn"), ("exam_session", "Winter session")]
    assert all(p.uuid for p in periods)
    periods[0].title = "Autumn semester"
    calendars.update(db, calendar_id, record.draft)
    again = calendars.periods_of(db, kz, "2026/2027")
    assert [p.uuid for p in again] == [p.uuid for p in periods] and again[0].title == "Autumn semester"
    assert calendars.years_of(db, kz) == ["2026/2027"]
    with pytest.raises(ValidationError) as raised:
        calendars.update(db, calendar_id, CalendarDraft(kz, "2026/2027", [
            Period(PeriodKind.BREAK, D(2027, 2, 1), D(2027, 1, 1))]))
    assert raised.value.errors == {"periods[0].end": "Period 1: The period ends before it starts."}
    with pytest.raises(ConflictError):
        calendars.create(db, CalendarDraft(kz, "2026/2027"))
    before = records.snapshot_of(db, calendars.KIND, calendar_id, dependents=True)
    snapshot = calendars.delete(db, calendar_id)
    assert calendars.find(db, kz, "2026/2027") is None
    assert calendars.restore(db, snapshot) == calendar_id
    assert snapshots.canonical_json(records.snapshot_of(db, calendars.KIND, calendar_id, dependents=True)) == \
        snapshots.canonical_json(before)


def test_validate_names_each_problem(db):
    problems = calendars.validate(CalendarDraft(None, "2026", [Period("lecture", D(2026, 9, 2), D(2026, 9, 1))]))
    assert set(problems) == {"university_id", "academic_year", "periods[0].kind", "periods[0].end"}
    assert problems["periods[0].kind"].text() == "Period 1: Unknown kind of period: lecture."


def test_copy_forward_is_a_new_calendar(db):
    kz = university(db)
    calendar_id = calendars.create(db, CalendarDraft(kz, "2026/2027", autumn_and_session()[:1]))
    copied = calendars.next_year_draft(db, calendar_id)
    assert copied.academic_year == "2027/2028" and not copied.periods[0].uuid
    calendars.create(db, copied)
    [period] = calendars.periods_of(db, kz, "2027/2028")
    assert period.title == "Autumn" and period.start.weekday() == D(2026, 9, 1).weekday()
    with pytest.raises(ConflictError):
        calendars.create(db, calendars.next_year_draft(db, calendar_id))
    empty = calendars.create(db, CalendarDraft(kz, "2030/2031"))
    with pytest.raises(NotFoundError):
        calendars.next_year_draft(db, empty)


def test_pages_filters_and_keysets(db):
    kz, cn = university(db), university(db, "CN", "Tsinghua University")
    for first in range(2024, 2028):
        for uid in (kz, cn):
            calendars.create(db, CalendarDraft(uid, f"{first}/{first + 1}", autumn_and_session()
                                               if first == 2026 else []))
    first = calendars.page(db, CalendarQuery(), limit=3)
    rest = calendars.page(db, CalendarQuery(), first.after, limit=10)
    names_years = [(r.university_name[:3], r.academic_year) for r in first.rows + rest.rows]
    assert names_years[:5] == [("Al-", "2024/2025"), ("Al-", "2025/2026"), ("Al-", "2026/2027"),
                               ("Al-", "2027/2028"), ("Tsi", "2024/2025")] and rest.is_last
    newest = calendars.page(db, CalendarQuery(sort="year", descending=True), limit=3)
    assert [(r.academic_year, r.university_name[:3]) for r in newest.rows] == [
        ("2027/2028", "Tsi"), ("2027/2028", "Al-"), ("2026/2027", "Tsi")]
    [row] = calendars.page(db, CalendarQuery(search="tsinghua", academic_year="2026/2027")).rows
    assert (row.periods, row.first_day, row.last_day) == (2, D(2026, 9, 1), D(2027, 1, 16))
    assert calendars.count(db, CalendarQuery(country="kz")) == 4
    assert [c.label for c in calendars.choices(db, academic_year="2026/2027")] == [
        "Al-Farabi Kazakh National University, 2026/2027", "Tsinghua University, 2026/2027"]


def test_imported_periods_are_merged_by_uid_in_one_transaction(db):
    kz = university(db)
    events = [
        Period(PeriodKind.EXAMS, D(2026, 12, 21), D(2027, 1, 16), "Session", uid="a@x"),
        Period(PeriodKind.BREAK, D(2027, 7, 1), D(2027, 7, 20), "Summer", uid="b@x"),
        Period(PeriodKind.TEACHING, D(2027, 9, 1), D(2027, 12, 20), "Autumn", uid="c@x"),
    ]
    assert calendars.import_periods(db, kz, events) == {"created": 3, "updated": 0, "years": 2}
    events[0].title = "Winter session"
    assert calendars.import_periods(db, kz, events)["updated"] == 3
    assert [p.title for p in calendars.periods_of(db, kz, "2026/2027")] == ["Winter session", "Summer"]
    bad = [*events, Period(PeriodKind.BREAK, D(2028, 2, 1), D(2028, 1, 1), "Backwards", uid="d@x")]
    with pytest.raises(ValidationError):
        calendars.import_periods(db, kz, bad)
    assert calendars.years_of(db, kz) == ["2026/2027", "2027/2028"]  # nothing of the refused file stored


def test_joint_calendar_of_two_universities(db):
    kz, cn = university(db), university(db, "CN", "Tsinghua University")
    calendars.create(db, CalendarDraft(kz, "2026/2027", [
        Period(PeriodKind.EXAMS, D(2026, 12, 21), D(2027, 1, 16), "Session")]))
    calendars.create(db, CalendarDraft(cn, "2026/2027", [
        Period(PeriodKind.TEACHING, D(2026, 9, 14), D(2027, 1, 3), "Autumn")]))
    joint = calendars.joint_calendar_for(db, [kz, cn], "2026/2027")
    [conflict] = joint.conflicts
    assert (conflict.examining, conflict.attending) == ("Al-Farabi Kazakh National University",
                                                        "Tsinghua University")
    assert (conflict.span.start, conflict.span.end) == (D(2026, 12, 21), D(2027, 1, 3))
    assert calendars.university_info(db, kz).calendar_system == "gregorian"
    assert calendars.default_university(db, "CN") == cn
