"""Academic calendars in iCalendar (RFC 5545): import a partner's published feed, export ours.

Import: every VEVENT becomes a period of whole days (DTEND of an all-day event is exclusive, so the
period ends the day before; timed events cover the days they touch). Its kind is guessed from the
summary in English, Russian or Kazakh ("exam", "recess", "holiday", ...), "other" when nothing
matches; the user corrects it in the calendar editor. A period keeps the event's UID, so importing an
updated feed updates instead of duplicating.

Export: all-day events with exclusive DTEND, text escaped and long lines folded by the icalendar
library, a UID made from the record's UUID (stable across exports, so clients update rather than
duplicate), the kind in CATEGORIES and X-CICA-KIND, required attendance in X-CICA-REQUIRED-ATTENDANCE:
exporting and importing again gives back the same periods.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from desktop_app import APP_ID, __version__
from desktop_app.domain.calendars import Period, PeriodKind, parse_academic_year
from desktop_app.domain.errors import UserError
from desktop_app.domain.progress import NO_PROGRESS, Progress
from desktop_app.services import calendars as calendar_service
from desktop_app.storage.database_files import atomic_output
from desktop_app.storage.faults import file_problem

UID_DOMAIN = "cica-coordinator"

# Order matters: the first pattern that matches the folded summary decides.
_KIND_PATTERNS: tuple[tuple[PeriodKind, str], ...] = (
    (PeriodKind.OTHER, r"deadline|due at|due to|grades|срок сдачи"),
    (PeriodKind.THESIS_DEFENCE, r"defen[cs]e|защит|қорға"),
    (PeriodKind.EXAMS, r"exam|examination|сесси|экзамен|емтихан|аттестац"),
    (PeriodKind.HOLIDAY, r"holiday|праздник|мереке|day off|выходн"),
    (PeriodKind.BREAK, r"recess|break|vacation|каникул|демалыс|reading period"),
    (PeriodKind.REGISTRATION, r"registration|add/drop|course selection|sign-in|enrol|регистрац|запис|тіркеу"),
    (PeriodKind.ORIENTATION, r"orientation|opening|welcome|ориентац|бағдар"),
    (PeriodKind.TEACHING, r"classes|teaching|term begins|lectures|semester|занят|учебн|оқу"),
)


def guess_kind(summary: str) -> str:
    text = (summary or "").casefold()
    for kind, pattern in _KIND_PATTERNS:
        if re.search(pattern, text):
            return kind.value
    return PeriodKind.OTHER.value


def _as_date(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def parse_ics(data: bytes, progress: Progress = NO_PROGRESS) -> list[Period]:
    import icalendar

    try:
        calendar = icalendar.Calendar.from_ical(data)
    except ValueError as error:
        raise UserError("This file is not a readable iCalendar file: {detail}", detail=str(error)) from error
    events = list(calendar.walk("VEVENT"))
    periods: list[Period] = []
    for index, event in enumerate(events):
        progress.check_cancelled()
        progress.report(index, len(events))
        if event.get("DTSTART") is None:
            continue
        start_value = event.decoded("DTSTART")
        start = _as_date(start_value)
        end_value = event.decoded("DTEND") if event.get("DTEND") is not None else None
        if end_value is None:
            end = start
        elif isinstance(end_value, dt.datetime):
            end = max(start, _as_date(end_value))
        else:  # all-day: DTEND is exclusive
            end = max(start, end_value - dt.timedelta(days=1))
        summary = str(event.get("SUMMARY", "")).strip()
        kind = str(event.get("X-CICA-KIND", "")) or guess_kind(summary)
        if kind == PeriodKind.TEACHING and end == start and not event.get("X-CICA-KIND"):
            kind = PeriodKind.OTHER.value  # "Classes begin": a marker, not the term itself
        if kind not in PeriodKind._value2member_map_:
            kind = PeriodKind.OTHER.value
        attendance = event.get("X-CICA-REQUIRED-ATTENDANCE")
        required = None if attendance is None else str(attendance).upper() == "TRUE"
        uid = str(event.get("UID", ""))
        record_uuid = uid.removesuffix(f"@{UID_DOMAIN}") if uid.endswith(f"@{UID_DOMAIN}") else ""
        periods.append(Period(kind, start, end, summary, required, uid, record_uuid))
    progress.report(len(events), len(events))
    return periods


def build_ics(name: str, periods: list[Period], stamp: dt.datetime | None = None) -> bytes:
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//CICA Partnership Network//{APP_ID} {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    stamp = stamp or dt.datetime.now(dt.UTC).replace(microsecond=0)
    for period in periods:
        event = icalendar.Event()
        event.add("uid", f"{period.uuid}@{UID_DOMAIN}" if period.uuid else period.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", period.start)
        event.add("dtend", period.end + dt.timedelta(days=1))
        event.add("summary", period.label())
        event.add("categories", [period.kind])
        event.add("transp", "TRANSPARENT")
        event.add("x-cica-kind", period.kind)
        if period.required_attendance is not None:
            event.add("x-cica-required-attendance", "TRUE" if period.required_attendance else "FALSE")
        calendar.add_component(event)
    return calendar.to_ical()


def import_ics_file(
    db, university_id: int, path: str | Path, progress: Progress = NO_PROGRESS
) -> dict[str, int]:
    """Read a published calendar and merge its events into the university's academic years."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise UserError(
            "Cannot read {path}: {reason}", path=str(path), reason=error.strerror or str(error)
        ) from error
    periods = parse_ics(data, progress)
    if not periods:
        raise UserError("{path} holds no events.", path=str(path))
    result = calendar_service.import_periods(db, university_id, periods, progress)
    return {"periods": len(periods), **result}


def export_ics(db, university_ids: list[int], year: str, out: str | Path) -> int:
    """Write the chosen universities' periods for a year to one .ics file; returns the number of events."""
    year = parse_academic_year(year)
    entries = calendar_service.calendar_entries(db, university_ids, year)
    periods: list[Period] = []
    for info, own in entries:
        for period in own:
            label = period.label()
            if len(entries) > 1:  # several partners in one file: say whose period it is
                label = f"{info.name}: {label}"
            periods.append(
                Period(
                    period.kind,
                    period.start,
                    period.end,
                    label,
                    period.required_attendance,
                    period.uid,
                    period.uuid,
                )
            )
    name = entries[0][0].name if len(entries) == 1 else ", ".join(info.name for info, _ in entries)
    try:
        with atomic_output(Path(out)) as partial:
            partial.write_bytes(build_ics(f"{name} {year}", periods))
    except OSError as error:
        raise file_problem(error, out) or UserError(
            "Cannot write {path}: {reason}", path=str(out), reason=error.strerror or str(error)
        ) from error
    return len(periods)
