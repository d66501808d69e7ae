"""Non-Gregorian dates shown beside the Gregorian one: the Solar Hijri calendar (Iran, Afghanistan)
and the Buddhist era (Thailand).

The Solar Hijri conversion is the arithmetic of Kazimierz Borkowski's algorithm ("The Persian
calendar for 3000 years", Earth, Moon and Planets 74, 1996), with its table of break years; it agrees
with the astronomical calendar for Solar Hijri years -61 to 3177. Written here in plain Python so the
command line and reports can show the same dates as the GUI without Qt; tests compare it with
Qt's own Jalali calendar day by day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from desktop_app.i18n import N_, _

_BREAKS = (
    -61,
    9,
    38,
    199,
    426,
    686,
    756,
    818,
    1111,
    1181,
    1210,
    1635,
    2060,
    2097,
    2192,
    2262,
    2324,
    2394,
    2456,
    3178,
)

SOLAR_HIJRI_MONTHS = (
    N_("Farvardin"),
    N_("Ordibehesht"),
    N_("Khordad"),
    N_("Tir"),
    N_("Mordad"),
    N_("Shahrivar"),
    N_("Mehr"),
    N_("Aban"),
    N_("Azar"),
    N_("Dey"),
    N_("Bahman"),
    N_("Esfand"),
)

#: Member states' calendars (member_states.calendar)
GREGORIAN, PERSIAN, BUDDHIST = "gregorian", "persian", "buddhist"
BUDDHIST_ERA_OFFSET = 543


def _div(a: int, b: int) -> int:
    """Integer division truncating toward zero, as the published algorithm expects."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q


def _mod(a: int, b: int) -> int:
    return a - _div(a, b) * b


def _year_facts(jy: int) -> tuple[int, int]:
    """(leap, day of March on which Farvardin 1 of ``jy`` falls); leap 0 means a leap year."""
    if not _BREAKS[0] <= jy < _BREAKS[-1]:
        raise ValueError(f"Solar Hijri year {jy} is out of the supported range")
    gy = jy + 621
    leap_j = -14
    jp = _BREAKS[0]
    jump = 0
    for jm in _BREAKS[1:]:
        jump = jm - jp
        if jy < jm:
            break
        leap_j += _div(jump, 33) * 8 + _div(_mod(jump, 33), 4)
        jp = jm
    n = jy - jp
    leap_j += _div(n, 33) * 8 + _div(_mod(n, 33) + 3, 4)
    if _mod(jump, 33) == 4 and jump - n == 4:
        leap_j += 1
    leap_g = _div(gy, 4) - _div((_div(gy, 100) + 1) * 3, 4) - 150
    march = 20 + leap_j - leap_g
    if jump - n < 6:
        n = n - jump + _div(jump + 4, 33) * 33
    leap = _mod(_mod(n + 1, 33) - 1, 4)
    if leap == -1:
        leap = 4
    return leap, march


@dataclass(frozen=True)
class SolarHijriDate:
    year: int
    month: int  # 1..12
    day: int

    def month_name(self) -> str:
        return _(SOLAR_HIJRI_MONTHS[self.month - 1])


def to_solar_hijri(value: dt.date) -> SolarHijriDate:
    jy = value.year - 621
    leap, march = _year_facts(jy)
    k = value.toordinal() - dt.date(value.year, 3, march).toordinal()
    if k >= 0:
        if k <= 185:
            return SolarHijriDate(jy, 1 + k // 31, k % 31 + 1)
        k -= 186
    else:
        # Still in the previous year; a leap value of 1 for this year means the previous one was leap.
        jy -= 1
        k += 179
        if leap == 1:
            k += 1
    return SolarHijriDate(jy, 7 + k // 30, k % 30 + 1)


def from_solar_hijri(year: int, month: int, day: int) -> dt.date:
    _leap, march = _year_facts(year)
    start = dt.date(year + 621, 3, march)
    offset = (month - 1) * 31 + day - 1 if month <= 7 else 6 * 31 + (month - 7) * 30 + day - 1
    return start + dt.timedelta(days=offset)


def buddhist_year(value: dt.date) -> int:
    return value.year + BUDDHIST_ERA_OFFSET


def alternative_date_text(value: dt.date | None, calendar: str) -> str:
    """The date in the state's own calendar, for showing beside the Gregorian one ("" if Gregorian)."""
    if value is None:
        return ""
    if calendar == PERSIAN:
        hijri = to_solar_hijri(value)
        return _("{day} {month} {year} SH").format(day=hijri.day, month=hijri.month_name(), year=hijri.year)
    if calendar == BUDDHIST:
        return _("{year} BE").format(year=buddhist_year(value))
    return ""
