"""What every command shares: the database named by ``--db``, JSON output."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # SQLAlchemy is imported by the commands that use it, not before the GUI's first paint
    from desktop_app.storage.database import Database


def database_url(args) -> str:
    from desktop_app.storage.urls import resolve_url

    return resolve_url(getattr(args, "db", None))


def open_db(args, migrate: bool = True) -> Database:
    from desktop_app.services.database_admin import open_database

    return open_database(database_url(args), migrate=migrate)


@contextmanager
def reading_db(args) -> Iterator[Database]:
    """The database for a command that only reads (no instance lock needed)."""
    db = open_db(args)
    try:
        yield db
    finally:
        db.close()


@contextmanager
def writing_db(args) -> Iterator[Database]:
    """The database for a command that changes records: under the same instance lock as the GUI (a second
    command waits for the first; beside the open application the command refuses in one sentence)."""
    from desktop_app.services.database_admin import writing

    with writing(database_url(args)) as db:
        yield db


def print_json(data) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


def add_json_flag(parser) -> None:
    from desktop_app.i18n import _

    parser.add_argument("--json", action="store_true", help=_("print JSON instead of a table"))


def print_table(rows: list[list[str]], headers: list[str]) -> None:
    columns = zip(headers, *rows, strict=True)
    widths = [max(len(str(c)) for c in column) for column in columns] if rows else [len(h) for h in headers]
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
    for row in rows:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)))


def checked_language(code: str) -> str:
    """The language ``--lang`` names, as the application writes it. A code no locale data knows is
    refused; a language whose messages are not (or not all) translated is accepted with a note on
    standard error saying what stays in English."""
    from babel import Locale, UnknownLocaleError

    from desktop_app.domain.errors import UserError
    from desktop_app.i18n import N_, _, available_languages, formatting, normalise_language, translation_coverage

    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        shipped = formatting.format_list([f"{formatting.language_name(lang)} ({lang})"
                                          for lang in available_languages()])
        raise UserError(N_("Unknown language “{code}”. The application is translated into {languages}."),
                        field="lang", code=code, languages=shipped) from None
    lang = normalise_language(code)
    share = translation_coverage(lang)
    name = formatting.language_name(lang, None if share else "en")  # the note itself is in English then
    if share == 0.0:
        print(_("note: {language} ({code}) is not translated yet: messages are in English; dates, numbers and "
                "country names follow the language.").format(language=name, code=lang), file=sys.stderr)
    elif share < 1.0:
        shown = formatting.format_percent(min(0.99, int(share * 100) / 100))  # never "100%" for a partial one
        print(_("note: {language} ({code}) is partly translated ({share}): the other messages are in English.").format(
            language=name, code=lang, share=shown), file=sys.stderr)
    return lang
