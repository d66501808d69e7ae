"""Numbers and dates in the digits of CLDR's default numbering system for the locale, the same for every
caller (tables, charts, messages, reports)."""

from __future__ import annotations

import datetime as dt

from desktop_app.domain.contract import Message
from desktop_app.i18n import formatting, set_language


def test_persian_numbers_and_dates_are_written_in_persian_digits():
    assert formatting.format_number(1234.5, "fa") == "۱٬۲۳۴٫۵"
    assert formatting.format_date(dt.date(2026, 3, 2), "medium", "fa") == "۲ مارس ۲۰۲۶"
    assert formatting.format_integer(2026, "fa") == "۲۰۲۶"


def test_bengali_uses_its_own_digits_and_the_shipped_languages_european_ones():
    assert formatting.format_integer(2026, "bn") == "২০২৬"
    for lang in ("en", "ru", "kk", "zh"):
        assert formatting.format_integer(2026, lang) == "2026"
    assert formatting.format_number(1234, "ru") == "1\xa0234"


def test_counts_in_messages_follow_the_same_rule():
    message = Message("{count} universities", plural="{count} universities", count=19)
    try:
        set_language("fa")
        assert "۱۹" in message.text()
        assert "۹۰" in Message("Within {days} days", {"days": 90}).text()
    finally:
        set_language("en")
    assert message.text() == "19 universities"
