"""Small editable grids of the mobility editors (components, transcript lines, grades, budgets, awards):
a QTableWidget whose cells are typed in, numbers read in any of the interface's digits, and a refusal
shown at its cell with the message under the grid."""

from __future__ import annotations

import re
import unicodedata

from babel.numbers import NumberFormatError, parse_decimal
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QTableWidget, QTableWidgetItem

from desktop_app.i18n import formatting

_CELL = re.compile(r"^\[(\d+)\]\.?(\w*)")


def grid(name: str, columns: int, stretch: int | None = None) -> QTableWidget:
    table = QTableWidget(0, columns, objectName=name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


def set_text(table: QTableWidget, row: int, column: int, text: str, editable: bool = True) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if not editable:
        item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    table.setItem(row, column, item)
    return item


def text_at(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text().strip() if item is not None else ""


def number_text(value: float | None) -> str:
    """A number as the reader writes it (their digits), empty for none."""
    return "" if value is None else formatting.format_number(value)


def read_number(text: str) -> float | None:
    """A number as the reader writes it (their digits, group and decimal separators: "3,000.5", "3 000,5",
    "۳٬۰۰۰"), or as typed with a point; None when the cell is empty. Raises ValueError when it is not one."""
    cleaned = "".join(str(unicodedata.digit(ch)) if ch.isdigit() else ch for ch in text.strip())
    if not cleaned:
        return None
    try:
        return float(cleaned)
    except ValueError:
        pass
    try:
        return float(parse_decimal(cleaned, locale=formatting.locale_for()))
    except NumberFormatError as error:
        raise ValueError(text) from error


def combo(items: list[tuple[str, str]], current: str) -> QComboBox:
    box = QComboBox()
    for key, text in items:
        box.addItem(text, key)
    box.setCurrentIndex(max(0, box.findData(current)))
    return box


def relabel(box: QComboBox, labels: dict[str, str]) -> None:
    """The items' texts again (a language switch), keeping the choice."""
    for index in range(box.count()):
        key = box.itemData(index)
        if key in labels:
            box.setItemText(index, labels[key])


def mark_problems(table: QTableWidget, problems: dict[str, str], prefix: str, columns: dict[str, int]) -> list[str]:
    """Select the first cell of ``table`` a problem names (``prefix[3].field``) and give such cells the
    message as their tool tip; the messages concerning the table (the key is ``prefix`` or starts with it)."""
    found = []
    first = True
    for key, text in problems.items():
        if key != prefix and not key.startswith(prefix + "["):
            continue
        found.append(text)
        match = _CELL.match(key[len(prefix):])
        if match is None:
            continue
        row, column = int(match.group(1)), columns.get(match.group(2), 0)
        item = table.item(row, column)
        if item is not None:
            item.setToolTip(text)
        if first and row < table.rowCount():
            table.setCurrentCell(row, column)
            first = False
    return found
