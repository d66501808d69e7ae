"""Reading university files (ROR JSON/JSONL, CSV in any of the encodings people send, XLSX) and
writing the register to CSV/XLSX. Cells that a spreadsheet would run as a formula are neutralised."""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from desktop_app.domain.errors import UserError
from desktop_app.storage.database_files import atomic_output
from desktop_app.storage.faults import file_problem

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (line number in the file, cells)
    encoding: str = ""


def detect_encoding(data: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 (by its BOM, or by the zero bytes of ASCII text), else cp1251."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    sample = data[:4000]
    if sample and sample.count(b"\x00") > len(sample) // 4:
        return "utf-16-le" if sample[1:2] == b"\x00" else "utf-16-be"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp1251"


def read_csv(path: Path) -> Table:
    data = Path(path).read_bytes()
    encoding = detect_encoding(data)
    text = data.decode(encoding, errors="replace")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows: list[tuple[int, list[str]]] = []
    headers: list[str] | None = None
    for cells in reader:
        line = reader.line_num
        if headers is None:
            headers = [cell.strip() for cell in cells]
            continue
        if not any(cell.strip() for cell in cells):
            continue
        rows.append((line, cells))
    if not headers:
        raise UserError("The file {path} is empty.", path=str(path))
    return Table(headers, rows, encoding)


def read_xlsx(path: Path) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise UserError("The file {path} is not a readable XLSX workbook ({detail}).", path=str(path),
                        detail=type(error).__name__) from error
    try:
        sheet = workbook.worksheets[0]
        rows: list[tuple[int, list[str]]] = []
        headers: list[str] | None = None
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = ["" if value is None else str(value) for value in values]
            if headers is None:
                headers = [cell.strip() for cell in cells]
                continue
            if any(cell.strip() for cell in cells):
                rows.append((number, cells))
    finally:
        workbook.close()
    if not headers:
        raise UserError("The file {path} is empty.", path=str(path))
    while headers and not headers[-1]:
        headers.pop()
    return Table(headers, rows, "xlsx")


def read_ror(path: Path) -> Iterator[tuple[int, dict | None, str]]:
    """(line, record, problem) for each ROR record of a JSON array or JSON Lines file."""
    with Path(path).open(encoding="utf-8-sig") as handle:
        first = handle.read(1)
        while first and first.isspace():
            first = handle.read(1)
        handle.seek(0)
        if first == "[":
            try:
                records = json.load(handle)
            except json.JSONDecodeError as error:
                yield error.lineno, None, error.msg
                return
            for index, record in enumerate(records, start=1):
                yield _checked(index, record)
            return
        for line, text in enumerate(handle, start=1):
            if not text.strip():
                continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError as error:
                yield line, None, error.msg
                continue
            yield _checked(line, record)


def _checked(line: int, record: object) -> tuple[int, dict | None, str]:
    """A JSON value read as a record: a record must be an object."""
    return (line, record, "") if isinstance(record, dict) else (line, None, "not an object")


def neutralise(value) -> object:
    """A text cell that a spreadsheet would read as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


@contextmanager
def _output(path: Path, rows: Iterable[list]) -> Iterator[Path]:
    """The file appears whole or not at all; a full disk is told in one sentence, and the rows being read
    are closed then, not left to the garbage collector."""
    try:
        with atomic_output(Path(path)) as partial:
            yield partial
    except OSError as error:
        raise file_problem(error, path) or UserError("Cannot write {path}: {reason}", path=str(path),
                                                     reason=error.strerror or str(error)) from error
    finally:
        if hasattr(rows, "close"):
            rows.close()


def write_csv(path: Path, headers: list[str], rows: Iterable[list]) -> int:
    count = 0
    with _output(path, rows) as partial, partial.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([neutralise(h) for h in headers])
        for row in rows:
            writer.writerow(["" if v is None else neutralise(v) for v in row])
            count += 1
    return count


def write_xlsx(path: Path, headers: list[str], rows: Iterable[list], title: str) -> int:
    from openpyxl import Workbook

    from desktop_app.storage.spreadsheet_files import save_workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31] or "Sheet")
    sheet.append([neutralise(h) for h in headers])
    count = 0
    with _output(path, rows) as partial:
        for row in rows:
            sheet.append([neutralise(v) for v in row])
            count += 1
        save_workbook(workbook, partial)
    return count
