"""Dates, numbers, country and language names from CLDR (Babel), in a given or the current language."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import numbers as babel_numbers

from desktop_app.i18n import current_language


def locale_for(lang: str | None = None) -> Locale:
    """The CLDR locale of ``lang``, or of the current language (looked up at each call, so that a
    language switch takes effect everywhere at once)."""
    return _locale(lang or current_language())


@lru_cache(maxsize=64)
def _locale(code: str) -> Locale:
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def format_date(value: dt.date | None, fmt: str = "medium", lang: str | None = None) -> str:
    if value is None:
        return ""
    return babel_dates.format_date(value, format=fmt, locale=locale_for(lang))


def format_datetime(value: dt.datetime | None, fmt: str = "medium", lang: str | None = None) -> str:
    if value is None:
        return ""
    return babel_dates.format_datetime(value, format=fmt, locale=locale_for(lang))


def format_number(value: float | int | None, lang: str | None = None) -> str:
    if value is None:
        return ""
    return babel_numbers.format_decimal(value, locale=locale_for(lang))


def format_percent(value: float | None, lang: str | None = None) -> str:
    if value is None:
        return ""
    return babel_numbers.format_percent(value, locale=locale_for(lang))


def country_name(code: str | None, lang: str | None = None) -> str:
    """The short name of an ISO 3166 territory in ``lang``: the network's own where its usage differs
    from CLDR (see :mod:`desktop_app.i18n.country_names`), else CLDR's; the code itself when neither has one."""
    if not code:
        return ""
    code = code.upper()
    from desktop_app.i18n.country_names import network_name

    return network_name(code, lang or current_language()) or locale_for(lang).territories.get(code, code)


def language_name(code: str, in_lang: str | None = None) -> str:
    """The name of a language; with ``in_lang=code`` its own (native) name, capitalised."""
    try:
        target = Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return code
    name = target.get_display_name(locale_for(in_lang)) or code
    return name[:1].upper() + name[1:]


def native_language_name(code: str) -> str:
    return language_name(code, in_lang=code)


def is_valid_territory(code: str) -> bool:
    return bool(code) and code.upper() in locale_for("en").territories and len(code) == 2


def format_list(items: list[str], lang: str | None = None) -> str:
    """Items joined the way the language lists them ("a, b and c"; «a, b и c»)."""
    from babel.lists import format_list as babel_format_list

    return babel_format_list(list(items), locale=locale_for(lang))
