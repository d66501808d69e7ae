"""The same rules for stored text on SQLite as PostgreSQL enforces, checked before anything is written.

PostgreSQL refuses a ``VARCHAR(n)`` value longer than n characters and any text holding NUL; SQLite
stores both without a word, so the same file used to import on one engine and fail on the other.
Here both engines refuse it first, with a sentence naming the field: the limits are read from the
models' column types, so a new column is covered the day it is declared. The other C0 control
characters (all but tab, line feed and carriage return) and lone surrogates are refused too: no
export format can carry them (an XLSX export would fail on them), and no user types them.

Where it runs:

* every Core or ORM INSERT/UPDATE, through :func:`guard_statement` on each engine's
  ``before_execute`` event (storage/engine.py) — ORM flushes included;
* the one fast path below Core (``services.university_bulk``), which calls :func:`ensure_rows`;
* importers, row by row, before they plan anything: :func:`check_row` answers the problems of one
  row by column, so an importer can name the line too::

      problems = values.check_row("universities", {"city": city, "acronym": acronym})
      for column, message in problems.items():
          reject(line, column, message)

Domain validation stays where it is (it knows the fields' meaning); this is the floor under it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from desktop_app.domain.contract import Message
from desktop_app.domain.errors import ValidationError
from desktop_app.i18n import N_

#: Characters no stored text may hold: C0 controls except tab, LF, CR; and lone UTF-16 surrogates.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")

#: Free-text columns in the words of the forms (column name, or (table, column) where it differs).
_LABELS: dict[str | tuple[str, str], str] = {
    "acronym": N_("Acronym"), "agency": N_("Agency"), "city": N_("City"), "display_name": N_("Name"),
    "value": N_("Name"), "name": N_("Name"), "title": N_("Title"), "website": N_("Website"),
    "email": N_("E-mail"), "person_email": N_("E-mail"), "phone": N_("Phone"), "position": N_("Position"),
    "notes": N_("Notes"), "note": N_("Note"), "description": N_("Description"), "label": N_("Label"),
    "document_number": N_("Document number"), "file_name": N_("File name"), "funding": N_("Funding"),
    "funding_sources": N_("Funding sources"), "holder_name": N_("Holder"), "person_name": N_("Person"),
    "issuing_university_name": N_("Issuing university"), "recognising_institution": N_("Recognising institution"),
    "qualification_title": N_("Qualification"), "recognised_as": N_("Recognised as"),
    "substantial_differences": N_("Substantial differences"), "conditions": N_("Conditions"),
    "local_code": N_("Local code"), "signatory": N_("Signatory"), "organisation": N_("Organisation"),
    "place": N_("Place"), "minutes": N_("Minutes"), "outcome": N_("Outcome"), "reference": N_("Reference"),
    "renewal_terms": N_("Renewal terms"), "rank_text": N_("Rank"), "subject": N_("Subject"),
    "system_name": N_("Ranking"), "unit": N_("Unit"), "source_uid": N_("Source identifier"),
    "accreditation": N_("Accreditation"), "languages": N_("Languages"), "source": N_("Source"),
    ("working_group_members", "role"): N_("Role"),
    "label_detail": N_("Label"), "owner": N_("Owner"), "follow_up": N_("Follow-up"), "summary": N_("Summary"),
    "expert_panel": N_("Expert panel"), "job_title": N_("Position"), "topic_detail": N_("Topic"),
    ("evaluation_findings", "text"): N_("Finding"), ("evaluation_recommendations", "text"): N_("Recommendation"),
    ("survey_answers", "text"): N_("Answer"),
}
#: Derived from other columns, which are checked themselves: never the one to name.
_DERIVED = {"search_text"}
#: Columns that name a record in a message, in order of preference.
_RECORD_NAMES = ("display_name", "title", "name", "value", "holder_name", "qualification_title", "person_name",
                 "file_name")


@dataclass(frozen=True)
class _Column:
    key: str
    limit: int | None
    label: Message


@cache
def _columns(table_name: str) -> tuple[_Column, ...]:
    from sqlalchemy import String

    from desktop_app.storage.models import Base

    table = Base.metadata.tables.get(table_name)
    if table is None:
        return ()
    columns = []
    for column in table.columns:
        if not isinstance(column.type, String) or column.name in _DERIVED:
            continue
        label = _LABELS.get((table_name, column.name)) or _LABELS.get(column.name)
        technical = {"column": table_name + "." + column.name}
        message = Message(label) if label else Message("The field {column}", technical)
        columns.append(_Column(column.key, column.type.length, message))
    return tuple(columns)


def _table_name(table: Any) -> str:
    if isinstance(table, str):
        return table
    table = getattr(table, "__table__", table)
    return str(getattr(table, "name", ""))


def check_value(label: Message, value: str, limit: int | None) -> Message | None:
    """The problem with one text value for a column of ``limit`` characters (None: unlimited)."""
    found = _FORBIDDEN.search(value)
    if found:
        code = "U+" + format(ord(found.group()), "04X")
        where = {"field": label, "code": code, "position": found.start() + 1}
        return Message("{field}: it holds a character that cannot be stored ({code}, position {position}); "
                       "remove it.", where)
    if limit is not None and len(value) > limit:
        return Message("{field}: {length} characters, at most {limit} can be kept.",
                       {"field": label, "length": len(value), "limit": limit})
    return None


def check_row(table: Any, values: Mapping[str, Any]) -> dict[str, Message]:
    """The problems of one row about to be written to ``table`` (a name, Table or model), by column key.

    Only text values are looked at; columns the row does not carry are not. Empty when the row may be
    written on every engine."""
    problems: dict[str, Message] = {}
    for column in _columns(_table_name(table)):
        value = values.get(column.key)
        if value.__class__ is str or isinstance(value, str):
            problem = check_value(column.label, value, column.limit)
            if problem is not None:
                problems[column.key] = problem
    return problems


def _record_name(values: Mapping[str, Any], problems: Mapping[str, Message]) -> str | None:
    for key in _RECORD_NAMES:
        value = values.get(key)
        if isinstance(value, str) and value.strip() and key not in problems:
            text = _FORBIDDEN.sub("", " ".join(value.split()))
            return text if len(text) <= 60 else text[:59] + "…"
    return None


def refuse_row(table: Any, values: Mapping[str, Any]) -> None:
    """Raise a ValidationError naming the field (and the record, when the row names one) if the row
    may not be written."""
    problems = check_row(table, values)
    if not problems:
        return
    record = _record_name(values, problems)
    if record:
        raise ValidationError(problems, N_("“{record}”: {details}"), record=record, details=list(problems.values()))
    raise ValidationError(problems)


def ensure_rows(table: Any, rows: Iterable[Mapping[str, Any]]) -> None:
    """:func:`refuse_row` over many rows, fast when all is well (one search over all their text)."""
    columns = _columns(_table_name(table))
    if not columns:
        return
    rows = rows if isinstance(rows, list | tuple) else list(rows)
    texts: list[str] = []
    for row in rows:
        if not isinstance(row, Mapping):
            continue
        for column in columns:
            value = row.get(column.key)
            if value.__class__ is str:
                if column.limit is not None and len(value) > column.limit:
                    refuse_row(table, row)
                texts.append(value)
    if texts and _FORBIDDEN.search("\n".join(texts)):
        for row in rows:
            if isinstance(row, Mapping):
                refuse_row(table, row)


def guard_statement(_connection, statement, multiparams, params, _options) -> None:
    """``before_execute``: refuse an INSERT or UPDATE whose values either engine could not store."""
    if not getattr(statement, "is_dml", False) or getattr(statement, "is_delete", False):
        return
    table = getattr(statement, "table", None)
    name = getattr(table, "name", None)
    if not isinstance(name, str) or not _columns(name):
        return
    rows: list[Mapping[str, Any]] = list(multiparams) if multiparams else ([params] if params else [])
    literal = getattr(statement, "_values", None)
    if literal:
        rows.append({getattr(key, "key", key): getattr(value, "value", value) for key, value in literal.items()})
    if rows:
        ensure_rows(name, rows)
