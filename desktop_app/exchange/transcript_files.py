"""A transcript of records read from a CSV or XLSX table (through the input gate) into a mobility: the
columns ``code``, ``title``, ``credits``, ``grade`` and optionally ``passed``, by their headers in any order.
The lines are recorded by services/transcripts.py in one transaction."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from desktop_app.domain.transcripts import TranscriptEntryDraft
from desktop_app.exchange.input_gate import FileRefused
from desktop_app.exchange.input_tables import read_table
from desktop_app.services import transcripts
from desktop_app.storage.database import Database

COLUMNS = ("code", "title", "credits", "grade", "passed")
#: What a ``passed`` cell says for a failed component (English, Russian, Kazakh).
FAILED = frozenset({"no", "false", "0", "n", "нет", "жоқ"})


def _number(text: str, name: str, line: int, column: str) -> float:
    try:
        return float(text.replace(",", ".")) if text.strip() else 0.0
    except ValueError:
        raise FileRefused("{name}, line {line}: “{value}” in the column {column} is not a number.", name=name,
                          line=line, value=text, column=column) from None


def read_entries(source: str | Path) -> list[TranscriptEntryDraft]:
    """The lines of the table; a file without a title column, or a credit that is no number, is refused whole."""
    path = Path(source)
    table = read_table(path)
    headers = [h.strip().casefold() for h in table.headers]
    if "title" not in headers:
        raise FileRefused("{name} has no column named “title”: the columns are code, title, credits, grade and "
                          "passed.", name=path.name)
    index = {column: headers.index(column) for column in COLUMNS if column in headers}

    def cell(cells: list[str], column: str) -> str:
        return cells[index[column]].strip() if column in index and index[column] < len(cells) else ""

    entries = []
    for line, cells in table.rows:
        if not any(c.strip() for c in cells):
            continue
        entries.append(TranscriptEntryDraft(
            cell(cells, "title"), _number(cell(cells, "credits"), path.name, line, "credits"), cell(cells, "grade"),
            cell(cells, "code"), cell(cells, "passed").casefold() not in FAILED))
    return entries


def import_csv(db: Database, mobility_id: int, source: str | Path, received_on: dt.date | None = None) -> int:
    """Read the table and record its lines as the mobility's transcript (one transaction); the number of lines."""
    return transcripts.import_entries(db, mobility_id, read_entries(source), received_on)
