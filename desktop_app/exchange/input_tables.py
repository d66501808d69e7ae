"""Tables an import reads — CSV and XLSX — through the input gate (exchange/input_gate.py).

**CSV** is read as RFC 4180: fields quoted with ``"``, a quote inside a quoted field doubled. Only the
delimiter is guessed, from the header line (the candidate that splits it into most cells: comma,
semicolon or tab), so a valid file whose first doubled quote comes late is never misread, as a
sniffer reading a sample could. A malformed record is refused with the line where it *starts*
(an unterminated quote on line 3 is reported on line 3, not where the file ends). A cell our CSV
exports guarded against formula injection (``'=1+1``) reads back as it was stored (``=1+1``).

**XLSX**: the archive's directory is checked first (members, unpacked size, compression ratio), then
the first worksheet is read by openpyxl in read-only mode with its stored dimensions ignored, each
row no wider than the header plus one cell (so a cell placed at column XFD cannot make a million
rows a million cells wide). A damaged workbook is one sentence, whatever openpyxl raises.

Both give a :class:`Table`: the header's cells and, for every non-empty row, its line (CSV) or row
number (XLSX) with its cells as text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from desktop_app.exchange.input_gate import LIMITS, FileRefused, Limits, _size_text, decode_text, read_bytes
from desktop_app.storage.tabular_output import unguard_csv

DELIMITERS = (",", ";", "\t")


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (line or row number in the file, cells)
    encoding: str = ""


def _check_headers(headers: list[str], name: str) -> None:
    seen: set[str] = set()
    for header in headers:
        folded = header.casefold()
        if folded and folded in seen:
            raise FileRefused("{name}: the column “{column}” appears twice in the header.", name=name, column=header)
        seen.add(folded)


# -- CSV ------------------------------------------------------------------------------------------

def delimiter_of(text: str) -> str:
    """The delimiter that splits the header record into most cells (comma when none splits it)."""
    best, most = ",", 1
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        try:
            cells = len(next(reader, []))
        except csv.Error:
            continue
        if cells > most:
            best, most = delimiter, cells
    return best


def _csv_refusal(error: csv.Error, name: str, line: int) -> FileRefused:
    detail = str(error)
    if "end of data" in detail:
        return FileRefused("{name}, line {line}: a quoted cell opens on this line and is never closed.", name=name,
                           line=line)
    if "field limit" in detail:
        return FileRefused("{name}, line {line}: a cell is longer than {limit} characters.", name=name, line=line,
                           limit=csv.field_size_limit())
    if "expected after" in detail:
        return FileRefused("{name}, line {line}: a quoted cell goes on after its closing quote (a quote inside a "
                           "quoted cell is written as two quotes).", name=name, line=line)
    return FileRefused("{name}, line {line} is not valid CSV ({problem}).", name=name, line=line, problem=detail)


def parse_csv(text: str, name: str, limits: Limits = LIMITS, encoding: str = "") -> Table:
    text = text.removeprefix("\ufeff")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter_of(text), quotechar='"',
                        doublequote=True, strict=True)
    headers: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise _csv_refusal(error, name, start) from error
        line, start = start, reader.line_num + 1
        cells = [unguard_csv(cell) if cell[:1] == "'" else cell for cell in cells]
        if headers is None:
            if cells:
                headers = [cell.strip() for cell in cells]
            continue
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) >= limits.rows:
            raise FileRefused("{name} holds more than {limit} rows; an import reads at most that many.", name=name,
                              limit=limits.rows)
        rows.append((line, cells))
    if not headers or not any(headers):
        raise FileRefused("{name} is empty.", name=name)
    if len(headers) > limits.columns:
        raise FileRefused("{name} has {count} columns; an import reads at most {limit}.", name=name,
                          count=len(headers), limit=limits.columns)
    _check_headers(headers, name)
    return Table(headers, rows, encoding)


def read_csv(path: str | Path, limits: Limits = LIMITS) -> Table:
    path = Path(path)
    data = read_bytes(path, "csv", limits)
    text, encoding = decode_text(data, path.name)
    return parse_csv(text, path.name, limits, encoding)


# -- XLSX -----------------------------------------------------------------------------------------

def check_archive(data: bytes, name: str, limits: Limits = LIMITS) -> None:
    """Refuse a workbook whose archive is damaged or would unpack to too much, before anything unpacks it.
    (Python's zipfile never unpacks a member past the size its directory declares.)"""
    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError) as error:
        raise FileRefused("{name} is not a readable XLSX workbook (the archive is damaged).", name=name) from error
    if len(infos) > limits.archive_members:
        raise FileRefused("{name} holds {count} files inside; a workbook an import reads holds at most {limit}.",
                          name=name, count=len(infos), limit=limits.archive_members)
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise FileRefused("{name} is encrypted; save it without a password and import it again.", name=name)
        total += info.file_size
        if info.file_size > limits.ratio_floor and info.file_size > limits.ratio * max(info.compress_size, 1):
            raise FileRefused("{name} unpacks to {size} from {packed}: far more than a workbook's contents "
                              "compress; it is not imported.", name=name, size=_size_text(info.file_size),
                              packed=_size_text(info.compress_size))
    if total > limits.unpacked_bytes:
        raise FileRefused("{name} unpacks to {size}; an import reads workbooks of at most {limit} unpacked.",
                          name=name, size=_size_text(total), limit=_size_text(limits.unpacked_bytes))


def cell_text(value: object) -> str:
    """A workbook cell as the text a CSV would hold: dates in ISO 8601, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, str) and "_x" in value:
        from openpyxl.utils.escape import unescape

        return unescape(value)  # OOXML's _xHHHH_ escapes (Excel writes a carriage return as _x000D_)
    return str(value)


def read_xlsx(path: str | Path, limits: Limits = LIMITS) -> Table:
    """The first worksheet of a workbook as a table (row numbers as Excel shows them)."""
    path = Path(path)
    data = read_bytes(path, "xlsx", limits)
    check_archive(data, path.name, limits)
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return _read_sheet(book, path.name, limits)
        finally:
            book.close()
    except FileRefused:
        raise
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise FileRefused("{name} is not a readable XLSX workbook ({detail}).", name=path.name,
                          detail=type(error).__name__) from error


def _read_sheet(book, name: str, limits: Limits) -> Table:
    sheet = next((ws for ws in book.worksheets if hasattr(ws, "reset_dimensions")), None)
    if sheet is None:
        raise FileRefused("{name} is empty.", name=name)
    sheet.reset_dimensions()  # a stored dimension may claim a million rows by sixteen thousand columns
    first = next(sheet.iter_rows(max_row=1, max_col=limits.columns + 1, values_only=True), ())
    headers = [cell_text(value).strip() for value in first]
    while headers and not headers[-1]:
        headers.pop()
    if not headers:
        raise FileRefused("{name} is empty.", name=name)
    if len(headers) > limits.columns:
        raise FileRefused("{name} has {count} columns; an import reads at most {limit}.", name=name,
                          count=len(headers), limit=limits.columns)
    _check_headers(headers, name)
    rows: list[tuple[int, list[str]]] = []
    width = len(headers) + 1  # one cell more than the header: a row that runs past it is seen, not cut
    for number, values in enumerate(sheet.iter_rows(min_row=2, max_col=width, values_only=True), start=2):
        cells = [cell_text(value) for value in values]
        while cells and not cells[-1]:
            cells.pop()
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) >= limits.rows:
            raise FileRefused("{name} holds more than {limit} rows; an import reads at most that many.", name=name,
                              limit=limits.rows)
        cells += [""] * (len(headers) - len(cells))  # a workbook row simply ends at its last filled cell
        for cell in cells:
            if len(cell) > limits.cell_chars:
                raise FileRefused("{name}, row {line}: a cell is longer than {limit} characters.", name=name,
                                  line=number, limit=limits.cell_chars)
        rows.append((number, cells))
    return Table(headers, rows, "xlsx")


def read_table(path: str | Path, limits: Limits = LIMITS) -> Table:
    """A CSV or XLSX table, told apart by its content (a workbook named .csv is read as a workbook only
    when its name says .xlsx: otherwise the gate says what it is)."""
    path = Path(path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return read_xlsx(path, limits)
    return read_csv(path, limits)
