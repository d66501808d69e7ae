"""Dates, numbers, country and language names from CLDR (Babel), in a given or the current language.

Digits: every number and date is written in the digits of CLDR's default numbering system for the
locale (``Locale.default_numbering_system``): Persian and Pashto in Extended Arabic-Indic digits
(۱۴۰۵), Bengali, Nepali and Burmese in their own, everything else in European digits. Qt's QLocale
follows the same CLDR default in editors, so tables, charts, editors and reports agree. Identifiers
(case numbers, codes) are text, not numbers, and keep the digits they were typed with.
"""

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


#: The zero of each decimal numbering system CLDR names as some locale's default (its digits follow it).
_ZEROS = {"arab": "\u0660", "arabext": "\u06f0", "beng": "\u09e6", "deva": "\u0966", "gujr": "\u0ae6",
          "guru": "\u0a66", "khmr": "\u17e0", "knda": "\u0ce6", "laoo": "\u0ed0", "mlym": "\u0d66",
          "mymr": "\u1040", "orya": "\u0b66", "tamldec": "\u0be6", "telu": "\u0c66", "thai": "\u0e50",
          "tibt": "\u0f20"}


@lru_cache(maxsize=64)
def _digit_table(code: str) -> dict[int, str] | None:
    zero = _ZEROS.get(_locale(code).default_numbering_system or "latn")
    return None if zero is None else {ord("0") + i: chr(ord(zero) + i) for i in range(10)}


def localise_digits(text: str, lang: str | None = None) -> str:
    """``text`` with European digits written in the locale's default digits (see the module note)."""
    table = _digit_table(lang or current_language())
    return text.translate(table) if table else text


def format_integer(value: int | None, lang: str | None = None) -> str:
    """A count or a year as a plain figure, without grouping (2026, ۲۰۲۶)."""
    return "" if value is None else localise_digits(str(value), lang)


def format_date(value: dt.date | None, fmt: str = "medium", lang: str | None = None) -> str:
    if value is None:
        return ""
    return localise_digits(babel_dates.format_date(value, format=fmt, locale=locale_for(lang)), lang)


def format_datetime(value: dt.datetime | None, fmt: str = "medium", lang: str | None = None) -> str:
    if value is None:
        return ""
    return localise_digits(babel_dates.format_datetime(value, format=fmt, locale=locale_for(lang)), lang)


def format_number(value: float | int | None, lang: str | None = None) -> str:
    if value is None:
        return ""
    text = babel_numbers.format_decimal(value, locale=locale_for(lang), numbering_system="default")
    return localise_digits(text, lang)


def format_amount(value: float | None, currency: str, lang: str | None = None) -> str:
    """An amount of money in its own currency, as the locale writes it ("KZT 150,000.00", "150 000,00 KZT");
    never converted into another currency."""
    if value is None:
        return ""
    try:
        text = babel_numbers.format_currency(value, currency, locale=locale_for(lang), numbering_system="default")
    except (babel_numbers.UnknownCurrencyError, ValueError):
        text = f"{format_number(value, lang)} {currency}"
    return localise_digits(text, lang)


def is_currency(code: str) -> bool:
    """Whether ``code`` is an ISO 4217 currency CLDR knows."""
    return bool(code) and babel_numbers.is_currency(code)


def format_percent(value: float | None, lang: str | None = None) -> str:
    if value is None:
        return ""
    text = babel_numbers.format_percent(value, locale=locale_for(lang), numbering_system="default")
    return localise_digits(text, lang)


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
