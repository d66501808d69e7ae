"""XLSX (openpyxl, write-only so big registers stream) and CSV writers for tabular reports.

Text that a spreadsheet would read as a formula (starting with = + - @, a tab or a carriage
return) cannot become one: in CSV it gets a leading apostrophe (the usual defence, since CSV has no
types); in XLSX the cell is written as an explicit text cell, so the name shows exactly as stored.
A university named ``=HYPERLINK(...)`` stays a name.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path

from desktop_app.domain.progress import NO_PROGRESS, Progress
from desktop_app.reports.model import Document, Table
from desktop_app.reports.unicode_text import strip_controls

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
#: Characters XML 1.0 cannot hold; openpyxl refuses them.
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralise(value: object) -> object:
    """A cell value safe from formula injection; numbers and dates pass unchanged."""
    if isinstance(value, str):
        # Bidi isolates steer the PDF's layout; a spreadsheet cell holds one value and needs none.
        value = _ILLEGAL_XML.sub("", strip_controls(value))
        if value.startswith(_FORMULA_START):
            return "'" + value
    return value


def _csv_value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(neutralise(value))


def write_csv(document: Document, path: Path, progress: Progress = NO_PROGRESS) -> None:
    """UTF-8 with BOM (so spreadsheet programs detect the encoding). Several tables are written one
    after another, each after its title and separated by an empty line."""
    tables = document.sheet_tables()
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        for index, table in enumerate(tables):
            progress.check_cancelled()
            if len(tables) > 1:
                if index:
                    writer.writerow([])
                writer.writerow([_csv_value(table.title)])
            writer.writerow([_csv_value(column.title) for column in table.columns])
            for count, row in enumerate(table.value_rows()):
                if count % 1000 == 0:
                    progress.check_cancelled()
                writer.writerow([_csv_value(value) for value in row])


def _sheet_title(table: Table, used: set[str]) -> str:
    base = _SHEET_FORBIDDEN.sub(" ", table.sheet or table.title).strip().strip("'")[:31] or "Sheet"
    title, number = base, 2
    while title.lower() in used:
        suffix = f" ({number})"
        title, number = base[: 31 - len(suffix)] + suffix, number + 1
    used.add(title.lower())
    return title


def write_xlsx(document: Document, path: Path, progress: Progress = NO_PROGRESS) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font, PatternFill

    workbook = Workbook(write_only=True)
    workbook.properties.title = document.title
    workbook.properties.language = document.options.lang
    workbook.properties.creator = document.options.coordinator or None
    workbook.properties.description = "\n".join(document.cover_lines)
    used: set[str] = set()
    bold = Font(bold=True)
    attention = PatternFill("solid", fgColor="FDE8C8")  # as in the PDF: rows that need attention
    date_format = "yyyy-mm-dd"
    tables = document.sheet_tables()
    for number, table in enumerate(tables, start=1):
        progress.check_cancelled()
        progress.report(number - 1, len(tables), table.title)
        sheet = workbook.create_sheet(_sheet_title(table, used))
        sheet.sheet_view.rightToLeft = document.rtl
        sheet.freeze_panes = "A2"
        for index, column in enumerate(table.columns):
            letter = _column_letter(index)
            sheet.column_dimensions[letter].width = 10 if column.numeric else min(60, 8 + 6 * column.weight)
        header = []
        for column in table.columns:
            cell = WriteOnlyCell(sheet, value=column.title)
            cell.data_type = "s"
            cell.font = bold
            header.append(cell)
        sheet.append(header)
        for count, row in enumerate(table.value_rows()):
            if count % 1000 == 0:
                progress.check_cancelled()
            values = []
            for value in row:
                if count in table.highlight:
                    cell = WriteOnlyCell(sheet, value=_ILLEGAL_XML.sub("", value) if isinstance(value, str) else value)
                    if isinstance(value, str):
                        cell.data_type = "s"  # text, never a formula
                    elif isinstance(value, dt.date):
                        cell.number_format = date_format
                    cell.fill = attention
                    values.append(cell)
                elif isinstance(value, str) and value.startswith(_FORMULA_START):
                    cell = WriteOnlyCell(sheet, value=_ILLEGAL_XML.sub("", value))
                    cell.data_type = "s"  # text, never a formula
                    values.append(cell)
                elif isinstance(value, dt.date):
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.number_format = date_format
                    values.append(cell)
                else:
                    values.append(_ILLEGAL_XML.sub("", value) if isinstance(value, str) else value)
            sheet.append(values)
    if not tables:
        workbook.create_sheet("Report")
    from desktop_app.storage.spreadsheet_files import save_workbook

    save_workbook(workbook, path)


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
