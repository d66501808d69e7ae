"""The shapes every area of the application answers in (see docs/architecture.md, "The area contract").

Each area's service module (universities, agreements, curricula, calendars, recognition cases and
rules, mobility, events, road map, and every area still to come) offers the same functions:

    create(db, draft, uuid=None) -> int               a new record; its integer id
    get(db, id) -> Record                             the record: id, uuid, draft and read-only facts
    update(db, id, draft) -> None                     store the draft over the record
    delete(db, id) -> Snapshot                        remove the record and all it owns; what restore needs
    restore(db, snapshot) -> int                      put a deleted record back exactly as it was
    page(db, query, after=None) -> Page               one page of the list, filtered and sorted in SQL
    choices(db, ...) -> list[Choice]                  entries for pickers
    validate(draft) -> dict[str, Message]             every problem, keyed by field, translated when shown

This module holds the value types of that contract. It imports nothing but the translation layer,
so rules, services, reports and the GUI share them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from desktop_app.i18n import _, ngettext

D = TypeVar("D")
R = TypeVar("R")

#: A record and everything it owns, as plain JSON-able data keyed by UUIDs (see storage/snapshots.py):
#: the shape the national data package carries, and what undo puts back after a delete.
Snapshot = dict[str, Any]


@dataclass(frozen=True)
class Message:
    """A message id and its named parameters, kept apart until shown so it reads in the language of
    the moment (a message raised before a language switch reads correctly after it).

    A message with a ``plural`` form is chosen by ``count`` (``ngettext``), which is also passed to it
    as ``{count}``. A parameter may itself be a Message, or a list of them (shown as a list in the
    reader's language: "2 agreements and 3 mobility records")."""

    msgid: str
    params: Mapping[str, Any] = field(default_factory=dict)
    plural: str | None = None
    count: int | None = None

    def text(self) -> str:
        if self.plural is not None:
            template = ngettext(self.msgid, self.plural, int(self.count or 0))
            return template.format(**shown({"count": self.count, **self.params}))
        template = _(self.msgid)
        return template.format(**shown(self.params)) if self.params else template

    def __str__(self) -> str:
        return self.text()


def shown(params: Mapping[str, Any]) -> dict[str, Any]:
    """Parameters as they are shown: messages translated, lists of messages joined as a list, numbers in
    the locale's digits and separators, dates as the locale writes them (see i18n/formatting.py)."""
    import datetime as dt

    result: dict[str, Any] = {}
    for key, value in params.items():
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            from desktop_app.i18n.formatting import format_date

            result[key] = format_date(value)
        elif isinstance(value, int) and not isinstance(value, bool):
            from desktop_app.i18n.formatting import format_integer

            result[key] = format_integer(value)
        elif isinstance(value, float):
            from desktop_app.i18n.formatting import format_number

            result[key] = format_number(round(value, 2))
        elif isinstance(value, Message):
            result[key] = value.text()
        elif isinstance(value, list | tuple) and value and all(isinstance(item, Message) for item in value):
            from desktop_app.i18n.formatting import format_list

            result[key] = format_list([item.text() for item in value])
        else:
            result[key] = value
    return result


#: What ``validate(draft)`` answers: a message per field (``names``, ``contacts[0].email``…); empty when valid.
Problems = dict[str, Message]


def translated(problems: Mapping[str, Message | str]) -> dict[str, str]:
    """The problems as text in the current language (plain strings pass through unchanged)."""
    return {key: value.text() if isinstance(value, Message) else str(value) for key, value in problems.items()}


@dataclass(frozen=True)
class Record(Generic[D]):
    """What ``get`` answers: the stored record as its editable draft, with the facts a draft does not
    hold (its identity, who owns it, when it last changed; an area may add more in ``facts``)."""

    id: int
    uuid: str
    draft: D
    facts: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Page(Generic[R]):
    """One page of a list. ``after`` is the key to ask for the next page with (None on the last page).

    Pages are keyset pages: the next one starts after the last row's sort key, so the thousandth page
    costs what the first does."""

    rows: list[R]
    after: Any = None

    @property
    def is_last(self) -> bool:
        return self.after is None


@dataclass(frozen=True)
class Choice:
    """One entry of a picker: the record's id and uuid, the label shown, and the country it belongs to
    ("" where a country means nothing). Labels are in the reader's language where the register has it."""

    id: int
    uuid: str
    label: str
    country: str = ""
    detail: str = ""


#: Rows asked for per page when a caller does not say.
PAGE_SIZE = 200
