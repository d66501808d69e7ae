"""Academic calendars in iCalendar (RFC 5545): import a partner's published feed, export ours.

Import: the file passes the input gate (its real type, its size, its encoding), then every VEVENT
becomes a period of whole days (DTEND of an all-day event is exclusive, so the period ends the day
before; timed events cover the days they touch; DURATION stands in for a missing DTEND). Its kind is
guessed from the summary in English, Russian or Kazakh ("exam", "recess", "holiday", ...), "other"
when nothing matches; the user corrects it in the calendar editor. A period keeps the event's UID
(with its RECURRENCE-ID, for a changed occurrence), summary exactly as written, LOCATION and URL, so
importing an updated feed updates instead of duplicating, and exporting gives them back. A recurring
event is kept as its first occurrence: its rule is never expanded, so no rule can make an import run
for ever. An event that cannot be a period — a date that does not exist (30 February), an end before
its start, a date outside 1900–2199, two starts — refuses the file with a sentence naming the event
(its summary or UID) and the line it begins on; nothing is written.

Export: all-day events with exclusive DTEND, text escaped and long lines folded by the icalendar
library, a UID made from the record's UUID (stable across exports, so clients update rather than
duplicate), the kind in CATEGORIES and X-CICA-KIND, required attendance in X-CICA-REQUIRED-ATTENDANCE,
LOCATION and URL: exporting and importing again gives back the same periods.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from desktop_app import APP_ID, __version__
from desktop_app.domain.calendars import Period, PeriodKind, parse_academic_year
from desktop_app.domain.contract import Message
from desktop_app.domain.errors import UserError
from desktop_app.domain.progress import NO_PROGRESS, Progress
from desktop_app.exchange.input_gate import (
    LIMITS,
    FileRefused,
    Limits,
    decode_text,
    read_bytes,
    refuse_wrong_type,
    sniff,
)
from desktop_app.services import calendars as calendar_service
from desktop_app.storage.database_files import atomic_output
from desktop_app.storage.faults import file_problem

UID_DOMAIN = "cica-coordinator"

# Order matters: the first pattern that matches the folded summary decides.
_KIND_PATTERNS: tuple[tuple[PeriodKind, str], ...] = (
    (PeriodKind.NOMINATION_DEADLINE, r"nomination|номинац|выдвижени|ұсыну"),
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


_EARLIEST, _LATEST = dt.date(1900, 1, 1), dt.date(2199, 12, 31)
_BEGIN_EVENT = re.compile(r"^BEGIN:VEVENT\s*$", re.IGNORECASE | re.MULTILINE)
_COMPONENT = re.compile(r"^(BEGIN|END):", re.IGNORECASE | re.MULTILINE)


class _EventProblem(Exception):
    pass


def _nesting_too_deep(text: str, limit: int = 8) -> bool:
    depth = 0
    for match in _COMPONENT.finditer(text):
        depth += 1 if match.group(1).upper() == "BEGIN" else -1
        if depth > limit:
            return True
    return False


def _value(event, name: str):
    """The decoded value of a property (None when absent); _EventProblem when it cannot be decoded."""
    from icalendar.error import BrokenCalendarProperty

    prop = event.get(name)
    if prop is None:
        return None
    if isinstance(prop, list):
        raise _EventProblem(Message("{property} appears more than once", {"property": name}))
    try:
        return prop.dt
    except (BrokenCalendarProperty, AttributeError):
        raise _EventProblem(Message("{property} “{value}” is not a valid date", {"property": name,
                                                                                  "value": str(prop)[:40]})) from None


def _moment(event, name: str) -> dt.date | None:
    """A DTSTART or DTEND: a date, or a date and time, between 1900 and 2199."""
    value = _value(event, name)
    if value is None:
        return None
    if not isinstance(value, dt.date):
        raise _EventProblem(Message("{property} is not a date", {"property": name}))
    day = _as_date(value)
    if not _EARLIEST <= day <= _LATEST:
        raise _EventProblem(Message("{property} {date} lies outside the years 1900 to 2199",
                                    {"property": name, "date": day.isoformat()}))
    return value


def _duration(event) -> dt.timedelta | None:
    value = _value(event, "DURATION")
    if value is not None and (not isinstance(value, dt.timedelta) or value < dt.timedelta(0)):
        raise _EventProblem(Message("DURATION is not a length of time"))
    return value


def _period_of(event) -> Period:
    start_value = _moment(event, "DTSTART")
    if start_value is None:
        raise _EventProblem(Message("it has no start date (DTSTART)"))
    start = _as_date(start_value)
    end_value = _moment(event, "DTEND")
    duration = _duration(event) if end_value is None else None
    if end_value is None and duration is not None:
        try:
            end_value = start_value + duration
        except OverflowError:
            raise _EventProblem(Message("DURATION is not a length of time")) from None
    if end_value is None:
        end = start
    elif isinstance(end_value, dt.datetime):
        end = _as_date(end_value)
    else:  # all-day: DTEND is exclusive
        end = end_value - dt.timedelta(days=1) if end_value > start else end_value
    if end < start:
        raise _EventProblem(Message("it ends ({end}) before it starts ({start})",
                                    {"end": end.isoformat(), "start": start.isoformat()}))
    summary = str(event.get("SUMMARY", ""))
    explicit = str(event.get("X-CICA-KIND", ""))
    kind = explicit or guess_kind(summary)
    if kind == PeriodKind.TEACHING and end == start and not explicit:
        kind = PeriodKind.OTHER.value  # "Classes begin": a marker, not the term itself
    if kind not in PeriodKind._value2member_map_:
        kind = PeriodKind.OTHER.value
    attendance = event.get("X-CICA-REQUIRED-ATTENDANCE")
    required = None if attendance is None else str(attendance).upper() == "TRUE"
    uid = str(event.get("UID", ""))
    record_uuid = uid.removesuffix(f"@{UID_DOMAIN}") if uid.endswith(f"@{UID_DOMAIN}") else ""
    recurrence = event.get("RECURRENCE-ID")
    if recurrence is not None and uid:  # a changed occurrence of a recurring event: an event of its own
        uid += "#" + (recurrence.to_ical().decode() if hasattr(recurrence, "to_ical") else str(recurrence))
    return Period(kind, start, end, summary, required, uid, record_uuid,
                  str(event.get("LOCATION", "")), str(event.get("URL", "")))


def _event_lines(text: str, limit: int) -> list[int] | None:
    """The line each event begins on (None when there are more than ``limit`` events)."""
    lines: list[int] = []
    line, position = 1, 0
    for match in _BEGIN_EVENT.finditer(text):
        if len(lines) >= limit:
            return None
        line += text.count("\n", position, match.start())
        position = match.start()
        lines.append(line)
    return lines


def _event_name(event, number: int) -> str:
    summary = " ".join(str(event.get("SUMMARY", "")).split())
    name = summary or str(event.get("UID", "")).strip()
    if not name:
        return f"#{number}"
    return name if len(name) <= 60 else name[:59] + "…"


def parse_ics(data: bytes, progress: Progress = NO_PROGRESS, name: str = "calendar.ics",
              limits: Limits = LIMITS) -> list[Period]:
    """The periods of an iCalendar file's events; FileRefused (nothing is kept) when the file or one of
    its events cannot be read, naming the event and the line it begins on."""
    import icalendar

    refuse_wrong_type(name, sniff(data), "ics")
    text, _encoding = decode_text(data, name)
    text = text.removeprefix("\ufeff")
    if _nesting_too_deep(text):
        raise FileRefused("{name} nests calendar components too deeply to be a calendar.", name=name)
    starts = _event_lines(text, limits.events)
    if starts is None:
        raise FileRefused("{name} holds more than {limit} events; an import reads at most that many.", name=name,
                          limit=limits.events)
    try:
        calendar = icalendar.Calendar.from_ical(text)
        events = list(calendar.walk("VEVENT"))
    except Exception as error:  # noqa: BLE001 - the icalendar parser raises many kinds for a damaged file
        raise FileRefused("{name} is not a readable iCalendar file ({detail}).", name=name,
                          detail=str(error).splitlines()[0][:200] if str(error) else type(error).__name__) from error
    periods: list[Period] = []
    for index, event in enumerate(events):
        progress.check_cancelled()
        progress.report(index, len(events))
        try:
            periods.append(_period_of(event))
        except _EventProblem as problem:
            line = starts[index] if index < len(starts) else None
            if line is None:
                raise FileRefused("{name}: the event “{event}” cannot be imported: {problem}.", name=name,
                                  event=_event_name(event, index + 1), problem=problem.args[0]) from problem
            raise FileRefused("{name}, line {line}: the event “{event}” cannot be imported: {problem}.", name=name,
                              line=line, event=_event_name(event, index + 1), problem=problem.args[0]) from problem
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
        if period.location:
            event.add("location", period.location)
        if period.url:
            event.add("url", period.url)
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
    path = Path(path)
    periods = parse_ics(read_bytes(path, "ics"), progress, path.name)
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
                    period.location,
                    period.url,
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
