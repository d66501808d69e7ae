"""iCalendar import of a real published feed, and export that the icalendar library reads back whole."""

import datetime as dt
from pathlib import Path

import icalendar
import pytest

from desktop_app.domain.calendars import CalendarDraft, Period, PeriodKind
from desktop_app.domain.errors import UserError
from desktop_app.domain.universities import NameDraft, NameKind, UniversityDraft
from desktop_app.exchange.icalendar_files import build_ics, export_ics, guess_kind, import_ics_file, parse_ics
from desktop_app.services import calendars, universities

D = dt.date
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def feed() -> Path:
    """The real published feed in shared/data, beside the repository (CI) or beside the work trees."""
    for base in (REPO.parent, REPO.parent.parent):
        path = base / "shared" / "data" / "academic_calendars" / "princeton_registrar_academic_calendar.ics"
        if path.is_file():
            return path
    pytest.skip("shared/data/academic_calendars is not present")


def university(db, name="Princeton University", country="US"):
    return universities.create(db, UniversityDraft(country, [NameDraft(name, "en", NameKind.DISPLAY)]))


def test_princeton_feed_parses_into_periods(feed):
    data = feed.read_bytes()
    periods = parse_ics(data)
    assert len(periods) == 150
    assert all(p.start <= p.end for p in periods)
    first = periods[0]  # DTSTART 20220422, exclusive DTEND 20220423: one day
    assert (first.start, first.end, first.uid) == (D(2022, 4, 22), D(2022, 4, 22), "ps_events:2941:delta:0")
    titles = {p.title for p in periods}
    assert "Opening Exercises, University Chapel" in titles  # escaped comma unescaped
    assert any(
        p.title.startswith("Graduate Students Deadline for Spring Term Course Changes") for p in periods
    )
    kinds = {p.kind for p in periods}
    assert {"exam_session", "break", "registration", "other"} <= kinds


def test_kind_heuristics():
    assert guess_kind("Spring Term Final Examinations") == PeriodKind.EXAMS
    assert guess_kind("Thanksgiving Recess Begins") == PeriodKind.BREAK
    assert guess_kind("Labor Day Holiday") == PeriodKind.HOLIDAY
    assert guess_kind("Зимняя экзаменационная сессия") == PeriodKind.EXAMS
    assert guess_kind("Қысқы демалыс") == PeriodKind.BREAK
    assert guess_kind("Faculty Deadline for Submission of Grades") == PeriodKind.OTHER
    assert guess_kind("Commencement Day") == PeriodKind.OTHER


def test_import_file_into_years_and_again_without_duplicates(sqlite_db, feed):
    path = feed
    princeton = university(sqlite_db)
    first = import_ics_file(sqlite_db, princeton, path)
    assert first["periods"] == 150 and first["created"] + first["updated"] == 150
    assert calendars.years_of(sqlite_db, princeton) == ["2021/2022", "2022/2023", "2023/2024"]
    second = import_ics_file(sqlite_db, princeton, path)
    assert second["created"] == 0
    stored = sum(
        len(calendars.periods_of(sqlite_db, princeton, y))
        for y in calendars.years_of(sqlite_db, princeton)
    )
    assert stored == first["created"]


def test_export_is_rfc5545_and_round_trips(db, tmp_path):
    kz = university(db, "Al-Farabi Kazakh National University", "KZ")
    original = [
        Period(PeriodKind.TEACHING, D(2026, 9, 1), D(2026, 12, 19), "Autumn semester; lectures, seminars"),
        Period(
            PeriodKind.EXAMS,
            D(2026, 12, 21),
            D(2027, 1, 16),
            ("Қысқы емтихан сессиясы — зимняя сессия " * 3).strip(),
        ),
        Period(PeriodKind.HOLIDAY, D(2027, 3, 21), D(2027, 3, 23), "Nauryz", required_attendance=False),
        Period(PeriodKind.OTHER, D(2027, 5, 9), D(2027, 5, 9), "Field trip", required_attendance=True),
    ]
    calendars.create(db, CalendarDraft(kz, "2026/2027", original))
    stored = calendars.periods_of(db, kz, "2026/2027")
    out = tmp_path / "kaznu.ics"
    assert export_ics(db, [kz], "2026/2027", out) == 4
    raw = out.read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded at 75 octets
    assert b"\\;" in raw and b"\\," in raw  # text escaped
    parsed = icalendar.Calendar.from_ical(raw)
    events = list(parsed.walk("VEVENT"))
    assert len(events) == 4
    autumn = events[0]
    assert autumn.decoded("DTSTART") == D(2026, 9, 1) and autumn.decoded("DTEND") == D(2026, 12, 20)
    assert str(autumn["UID"]) == f"{stored[0].uuid}@cica-coordinator"
    assert str(autumn["SUMMARY"]) == "Autumn semester; lectures, seminars"
    # import into another university: every field comes back
    other = university(db, "Tsinghua University", "CN")
    import_ics_file(db, other, out)
    back = calendars.periods_of(db, other, "2026/2027")

    def fields(p):
        return p.kind, p.start, p.end, p.title, p.required_attendance

    assert [fields(p) for p in back] == [fields(p) for p in stored]
    # the same export twice gives the same UIDs (clients update instead of duplicating)
    again = build_ics("x", stored)
    assert [str(e["UID"]) for e in icalendar.Calendar.from_ical(again).walk("VEVENT")] == [
        str(e["UID"]) for e in events
    ]


def _feed(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{event}END:VEVENT\r\n" for event in events)
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n{body}END:VCALENDAR\r\n".encode()


@pytest.mark.parametrize(("event", "found"), [
    ("UID:feb30\r\nSUMMARY:Spring break\r\nDTSTART;VALUE=DATE:20250230\r\n",
     "line 9: the event “Spring break” cannot be imported: DTSTART “20250230” is not a valid date"),
    ("UID:back\r\nSUMMARY:Exams\r\nDTSTART;VALUE=DATE:20250310\r\nDTEND;VALUE=DATE:20250301\r\n",
     "the event “Exams” cannot be imported: it ends (2025-03-01) before it starts (2025-03-10)"),
    ("UID:two\r\nDTSTART;VALUE=DATE:20250310\r\nDTSTART;VALUE=DATE:20250311\r\n",
     "the event “two” cannot be imported: DTSTART appears more than once"),
    ("UID:far\r\nDTSTART;VALUE=DATE:00010101\r\n", "DTSTART 0001-01-01 lies outside the years 1900 to 2199"),
    ("UID:long\r\nDTSTART;VALUE=DATE:20250310\r\nDURATION:P99999999D\r\n", "DURATION is not a length of time"),
])
def test_an_event_that_cannot_be_a_period_refuses_the_file_naming_it(sqlite_db, tmp_path, event, found):
    kz = university(sqlite_db, "Al-Farabi Kazakh National University", "KZ")
    path = tmp_path / "feed.ics"
    path.write_bytes(_feed("UID:ok\r\nSUMMARY:Fine\r\nDTSTART;VALUE=DATE:20250901\r\n", event))
    with pytest.raises(UserError) as refused:
        import_ics_file(sqlite_db, kz, path)
    assert found in refused.value.text
    assert calendars.years_of(sqlite_db, kz) == []


def test_recurrence_rules_are_never_expanded_and_deep_nesting_is_refused(sqlite_db, tmp_path):
    kz = university(sqlite_db, "Al-Farabi Kazakh National University", "KZ")
    path = tmp_path / "feed.ics"
    path.write_bytes(_feed("UID:r\r\nSUMMARY:Seminar\r\nDTSTART:20250901T100000Z\r\n"
                           "RRULE:FREQ=SECONDLY;COUNT=100000000\r\n"))
    assert import_ics_file(sqlite_db, kz, path)["periods"] == 1
    path.write_bytes(b"BEGIN:VCALENDAR\r\n" + b"BEGIN:VEVENT\r\n" * 5000 + b"END:VEVENT\r\n" * 5000
                     + b"END:VCALENDAR\r\n")
    with pytest.raises(UserError, match="nests calendar components"):
        import_ics_file(sqlite_db, kz, path)


def test_uid_location_url_and_trailing_spaces_survive_import_export_import(sqlite_db, tmp_path):
    kz = university(sqlite_db, "Al-Farabi Kazakh National University", "KZ")
    source = tmp_path / "feed.ics"
    source.write_bytes(_feed("UID:ev-1@partner.example\r\nSUMMARY:Dean's Date \r\nLOCATION:Room 1\\, Main Hall\r\n"
                             "URL:https://partner.example/events/1\r\nDTSTART;VALUE=DATE:20250915\r\n"))
    assert import_ics_file(sqlite_db, kz, source)["created"] == 1
    [period] = calendars.periods_of(sqlite_db, kz, "2025/2026")
    assert (period.title, period.uid, period.location, period.url) == (
        "Dean's Date ", "ev-1@partner.example", "Room 1, Main Hall", "https://partner.example/events/1")
    out = tmp_path / "out.ics"
    export_ics(sqlite_db, [kz], "2025/2026", out)
    other = university(sqlite_db, "Satbayev University", "KZ")
    import_ics_file(sqlite_db, other, out)
    [again] = calendars.periods_of(sqlite_db, other, "2025/2026")
    assert (again.title, again.location, again.url) == (period.title, period.location, period.url)
    # The partner's updated feed moves the event to the next academic year: it moves, never duplicates.
    source.write_bytes(_feed("UID:ev-1@partner.example\r\nSUMMARY:Dean's Date \r\nDTSTART;VALUE=DATE:20260920\r\n"))
    assert import_ics_file(sqlite_db, kz, source)["updated"] == 1
    assert calendars.periods_of(sqlite_db, kz, "2025/2026") == []
    assert [p.start for p in calendars.periods_of(sqlite_db, kz, "2026/2027")] == [D(2026, 9, 20)]


def test_a_renamed_image_is_refused_in_one_sentence(sqlite_db, tmp_path):
    kz = university(sqlite_db, "Al-Farabi Kazakh National University", "KZ")
    path = tmp_path / "photo.ics"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    with pytest.raises(UserError, match="photo.ics is a PNG image, not an iCalendar file"):
        import_ics_file(sqlite_db, kz, path)
