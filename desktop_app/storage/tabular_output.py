"""The one way the application writes CSV and XLSX: every export and every report goes through here.

Below both the report builders and the exporters (``reports`` and ``exchange`` do not import each
other). What it guarantees:

* **No live formula, ever.** In XLSX every text cell is written as text (cell type string): a
  qualification titled ``=1+1`` shows ``=1+1`` — no apostrophe stored in the value, nothing computed.
  CSV has no types, so formula-like text (beginning with ``=``, ``+``, ``-``, ``@``, a tab, a
  carriage return, or their full-width forms ``＝ ＋ － ＠``) gets one leading apostrophe, the
  defence OWASP recommends; text that already begins with apostrophes before such a character gets
  one more, so :func:`unguard_csv` (which every CSV import applies) gives back exactly what was
  exported: ``=1+1`` stays ``=1+1`` after export and import.
* **Dates are dates**: a ``datetime.date`` is a date cell in XLSX (shown as yyyy-mm-dd) and ISO 8601
  in CSV; a time-zone-aware moment is written in UTC.
* **Files whole or absent**: written under a temporary name and renamed into place; a full disk is
  one sentence and leaves nothing behind (``storage/spreadsheet_files.py`` closes what openpyxl
  left open).

Characters XML cannot hold never reach here: stored text cannot contain them (storage/values.py
refuses them on every write, and every importer refuses them with the line and field); should one
come from elsewhere, it is shown as U+FFFD rather than making the export fail.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

#: First characters that make a spreadsheet read a cell as a formula (with full-width forms, which
#: some spreadsheet programs accept as the same).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


def formula_like(text: str) -> bool:
    """Whether a spreadsheet opening this text from a CSV could take it for a formula (counting
    apostrophes a previous guard put in front of it)."""
    return text.lstrip("'").startswith(FORMULA_START)


def guard_csv(text: str) -> str:
    """Text as a CSV cell: formula-like text behind one leading apostrophe."""
    return "'" + text if formula_like(text) else text


def unguard_csv(text: str) -> str:
    """The exact text :func:`guard_csv` was given (what a CSV import reads from a cell)."""
    return text[1:] if text.startswith("'") and formula_like(text[1:]) else text


def _utc_naive(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value


def csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return _utc_naive(value).isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return guard_csv(value)
    return str(value)


#: Excel's limit for one cell; longer text is cut there (Excel would refuse the file), CSV keeps it whole.
EXCEL_CELL_CHARS = 32_767


def xml_safe(text: str) -> str:
    return _XML_ILLEGAL.sub("\ufffd", text)


def xlsx_cell(sheet, value: Any, *, font=None, fill=None):
    """A write-only cell holding ``value`` exactly: text as text (never a formula), dates as dates."""
    from openpyxl.cell import WriteOnlyCell

    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=None)
        cell._value = xml_safe(value)[:EXCEL_CELL_CHARS]  # type: ignore[attr-defined]  # set past openpyxl's guessing, which takes "=…" for a formula
        cell.data_type = "s"
    elif isinstance(value, dt.datetime):
        cell = WriteOnlyCell(sheet, value=_utc_naive(value))
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, dt.date):
        cell = WriteOnlyCell(sheet, value=value)  # type: ignore[arg-type]  # openpyxl writes dates as dates
        cell.number_format = DATE_FORMAT
    elif value is None or isinstance(value, bool | int | float):
        cell = WriteOnlyCell(sheet, value=value)
    else:
        return xlsx_cell(sheet, str(value), font=font, fill=fill)
    if font is not None:
        cell.font = font
    if fill is not None:
        cell.fill = fill
    return cell


@contextmanager
def output_file(path: Path, rows: object = None) -> Iterator[Path]:
    """The file appears whole or not at all; a full or read-only disk is one sentence; the rows being
    read (a generator over the database) are closed then, not left to the garbage collector."""
    from desktop_app.domain.errors import UserError
    from desktop_app.storage.database_files import atomic_output
    from desktop_app.storage.faults import file_problem

    try:
        with atomic_output(Path(path)) as partial:
            yield partial
    except OSError as error:
        raise file_problem(error, path) or UserError("Cannot write {path}: {reason}", path=str(path),
                                                     reason=error.strerror or str(error)) from error
    finally:
        close = getattr(rows, "close", None)
        if close is not None:
            close()


@dataclass
class Sheet:
    """One worksheet (or one CSV): a title, the header's cells and the rows (any iterable, streamed)."""

    title: str
    headers: list[str]
    rows: Iterable[list]
    rtl: bool = False
    widths: Sequence[float] = ()


def write_csv_rows(handle, headers: list[str], rows: Iterable[list]) -> int:
    """Rows into an open text file, every cell through :func:`csv_value`; how many rows."""
    writer = csv.writer(handle)
    writer.writerow([csv_value(header) for header in headers])
    count = 0
    for row in rows:
        writer.writerow([csv_value(value) for value in row])
        count += 1
    return count


def write_csv(path: Path, headers: list[str], rows: Iterable[list]) -> int:
    """A CSV file (UTF-8 with BOM, so spreadsheet programs know the encoding); how many rows."""
    with output_file(path, rows) as partial, partial.open("w", encoding="utf-8-sig", newline="") as handle:
        return write_csv_rows(handle, headers, rows)


def sheet_title(title: str, used: set[str] | None = None) -> str:
    """A worksheet name Excel accepts (31 characters, none of []:*?/\\), unique among ``used``."""
    base = re.sub(r"[\[\]:*?/\\]", " ", xml_safe(title)).strip().strip("'")[:31] or "Sheet"
    used = used if used is not None else set()
    name, number = base, 2
    while name.lower() in used:
        suffix = f" ({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    used.add(name.lower())
    return name


def write_xlsx(path: Path, sheets: list[Sheet], title: str = "", language: str = "") -> int:
    """A workbook of the given sheets, streamed (write-only); how many rows in all."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    from desktop_app.storage.spreadsheet_files import save_workbook

    workbook = Workbook(write_only=True)
    workbook.properties.title = xml_safe(title) or None
    workbook.properties.language = language or None
    bold = Font(bold=True)
    used: set[str] = set()
    count = 0
    with output_file(path, _chain_closers(sheets)) as partial:
        for spec in sheets:
            sheet = workbook.create_sheet(sheet_title(spec.title, used))
            sheet.sheet_view.rightToLeft = spec.rtl
            sheet.freeze_panes = "A2"
            for index, width in enumerate(spec.widths):
                sheet.column_dimensions[get_column_letter(index + 1)].width = width
            sheet.append([xlsx_cell(sheet, header, font=bold) for header in spec.headers])
            for row in spec.rows:
                sheet.append([xlsx_cell(sheet, value) for value in row])
                count += 1
        if not sheets:
            workbook.create_sheet("Sheet")
        save_workbook(workbook, partial)
    return count


class _chain_closers:
    """Closes every sheet's rows when the file is done (or failed)."""

    def __init__(self, sheets: list[Sheet]):
        self.sheets = sheets

    def close(self) -> None:
        for spec in self.sheets:
            close = getattr(spec.rows, "close", None)
            if close is not None:
                close()
