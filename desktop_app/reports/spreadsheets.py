"""XLSX (openpyxl, write-only so big registers stream) and CSV writers for tabular reports, through the
application's one safe-output layer (storage/tabular_output.py).

Text that a spreadsheet would read as a formula (starting with = + - @, a tab, a carriage return or
their full-width forms) cannot become one: in XLSX every text cell is written as text, so the name
shows exactly as stored; in CSV it gets a leading apostrophe (the usual defence, since CSV has no
types). Dates are date cells. A university named ``=HYPERLINK(...)`` stays a name.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from desktop_app.domain.progress import NO_PROGRESS, Progress
from desktop_app.reports.model import Document, Table
from desktop_app.storage.tabular_output import csv_value, sheet_title, xlsx_cell

#: The directional isolates the report builder wraps names in for the PDF's layout: a spreadsheet
#: cell holds one value and needs none. (Marks and overrides typed in the data are kept.)
_ISOLATES = re.compile("[\u2066-\u2069]")


def _plain(value: object) -> object:
    return _ISOLATES.sub("", value) if isinstance(value, str) else value


def neutralise(value: object) -> object:
    """A value as a CSV cell holds it: text safe from formula injection; numbers and dates pass unchanged."""
    return csv_value(_plain(value)) if isinstance(value, str) else value


def _csv_value(value: object) -> str:
    return csv_value(_plain(value))


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
    return sheet_title(table.sheet or table.title, used)


def write_xlsx(document: Document, path: Path, progress: Progress = NO_PROGRESS) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    workbook = Workbook(write_only=True)
    workbook.properties.title = _plain(document.title)
    workbook.properties.language = document.options.lang
    workbook.properties.creator = document.options.coordinator or None
    workbook.properties.description = "\n".join(document.cover_lines)
    used: set[str] = set()
    bold = Font(bold=True)
    attention = PatternFill("solid", fgColor="FDE8C8")  # as in the PDF: rows that need attention
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
        sheet.append([xlsx_cell(sheet, _plain(column.title), font=bold) for column in table.columns])
        for count, row in enumerate(table.value_rows()):
            if count % 1000 == 0:
                progress.check_cancelled()
            fill = attention if count in table.highlight else None
            sheet.append([xlsx_cell(sheet, _plain(value), fill=fill) for value in row])
    if not tables:
        workbook.create_sheet("Report")
    from desktop_app.storage.spreadsheet_files import save_workbook

    save_workbook(workbook, path)


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)
