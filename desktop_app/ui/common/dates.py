"""Dates as the user reads them: the locale's Gregorian format and, where the member state keeps
another calendar, the Solar Hijri date (through Qt's Jalali calendar, with the locale's month names
and digits) or the Buddhist-era year beside it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCalendar, QDate, QLocale

from desktop_app.domain.calendar_systems import BUDDHIST, PERSIAN, buddhist_year
from desktop_app.domain.reference import STATES_BY_CODE
from desktop_app.i18n import _, formatting


def calendar_system(state_code: str | None, lang: str | None = None) -> str:
    """The calendar shown beside the Gregorian date: the member state's, or — for a reader of Persian,
    who counts in the Solar Hijri calendar wherever they work — the Solar Hijri one."""
    from desktop_app.i18n import current_language

    state = STATES_BY_CODE.get((state_code or "").upper())
    if state is not None and state.calendar != "gregorian":
        return state.calendar
    if (lang or current_language()).split("_")[0] == "fa":
        return PERSIAN
    return "gregorian"


def default_system() -> str:
    """The calendar shown beside Gregorian dates in this session: the member state's (or the Persian
    reader's), unless the preferences ask for Gregorian dates alone."""
    from desktop_app.ui.core import context, settings

    app = context.current
    if app is None:
        return calendar_system(None)
    if not app.preferences.get(settings.SECONDARY_CALENDAR):
        return "gregorian"
    return calendar_system(app.state_code)


def solar_hijri_text(value: dt.date, locale: QLocale | None = None) -> str:
    locale = locale or QLocale()
    calendar = QCalendar(QCalendar.System.Jalali)
    parts = calendar.partsFromDate(QDate(value.year, value.month, value.day))
    month = calendar.standaloneMonthName(locale, parts.month, parts.year, QLocale.FormatType.LongFormat)
    return _("{day} {month} {year} SH").format(
        day=locale.toString(parts.day),
        month=month,
        year=locale.toString(parts.year).replace(locale.groupSeparator(), ""),
    )


def alternative_text(value: dt.date | None, system: str) -> str:
    if value is None:
        return ""
    if system == PERSIAN:
        return solar_hijri_text(value)
    if system == BUDDHIST:
        return _("{year} BE").format(year=buddhist_year(value))
    return ""


def date_text(value: dt.date | None, system: str = "gregorian", fmt: str = "medium") -> str:
    """The Gregorian date in the user's locale, and the state's own calendar in brackets when it has one."""
    if value is None:
        return ""
    gregorian = formatting.format_date(value, fmt)
    other = alternative_text(value, system)
    return _("{gregorian} ({other})").format(gregorian=gregorian, other=other) if other else gregorian


def span_text(start: dt.date, end: dt.date, system: str = "gregorian") -> str:
    return _("{start} – {end}").format(start=date_text(start, system), end=date_text(end, system))


def to_qdate(value: dt.date | None) -> QDate:
    return QDate(value.year, value.month, value.day) if value else QDate()


def from_qdate(value: QDate) -> dt.date | None:
    return dt.date(value.year(), value.month(), value.day()) if value.isValid() else None

