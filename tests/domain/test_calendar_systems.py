"""Solar Hijri and Buddhist-era dates, checked against known dates and Qt's Jalali calendar."""

import datetime as dt

import pytest

from desktop_app.domain.calendar_systems import (
    BUDDHIST,
    GREGORIAN,
    PERSIAN,
    SolarHijriDate,
    alternative_date_text,
    buddhist_year,
    from_solar_hijri,
    to_solar_hijri,
)


@pytest.mark.parametrize(
    "gregorian, hijri",
    [
        (dt.date(2026, 9, 1), (1405, 6, 10)),  # Shahrivar 10, 1405
        (dt.date(2024, 3, 20), (1403, 1, 1)),  # Nowruz 1403
        (dt.date(2025, 3, 20), (1403, 12, 30)),  # 1403 is a leap year: Esfand has 30 days
        (dt.date(2025, 3, 21), (1404, 1, 1)),
        (dt.date(1979, 2, 11), (1357, 11, 22)),
        (dt.date(2000, 1, 1), (1378, 10, 11)),
    ],
)
def test_known_dates(gregorian, hijri):
    assert to_solar_hijri(gregorian) == SolarHijriDate(*hijri)
    assert from_solar_hijri(*hijri) == gregorian


def test_agrees_with_qt_jalali_calendar_day_by_day():
    from PySide6.QtCore import QCalendar, QDate

    calendar = QCalendar(QCalendar.System.Jalali)
    day, differences = dt.date(1950, 1, 1), []
    while day < dt.date(2050, 1, 1):
        parts = calendar.partsFromDate(QDate(day.year, day.month, day.day))
        ours = to_solar_hijri(day)
        if (parts.year, parts.month, parts.day) != (ours.year, ours.month, ours.day):
            differences.append(day)
        assert from_solar_hijri(ours.year, ours.month, ours.day) == day
        day += dt.timedelta(days=1)
    assert differences == []


def test_buddhist_era_and_texts():
    assert buddhist_year(dt.date(2026, 9, 1)) == 2569
    assert alternative_date_text(dt.date(2026, 9, 1), BUDDHIST) == "2569 BE"
    assert alternative_date_text(dt.date(2026, 9, 1), PERSIAN) == "10 Shahrivar 1405 SH"
    assert alternative_date_text(dt.date(2026, 9, 1), GREGORIAN) == ""
