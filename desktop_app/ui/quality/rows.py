"""A small editable table of a draft's rows (an evaluation's findings and recommendations, a survey's
questions, a programme's participants): text cells, choice cells and date cells, rows added and removed
with two buttons. The editor reads the rows back into its draft."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.common.date_edit import DateEdit

TEXT, CHOICE, DATE, WIDGET = "text", "choice", "date", "widget"


class RowsTable(QWidget):
    """``columns``: (kind, items) per column; for a choice, ``items`` gives (key, label) pairs in the
    language of the moment; for a widget, a function building the cell's widget."""

    def __init__(self, name: str, columns: list[tuple[str, Callable]], parent=None):
        super().__init__(parent)
        self.columns = columns
        self.table = QTableWidget(0, len(columns), objectName=name)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.add_button = QPushButton(objectName=f"{name}Add")
        self.remove_button = QPushButton(objectName=f"{name}Remove")
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_current)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def stretch(self, *columns: int) -> None:
        for column in columns:
            self.table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def set_texts(self, headers: list[str], add: str, remove: str) -> None:
        self.table.setHorizontalHeaderLabels(headers)
        self.add_button.setText(add)
        self.remove_button.setText(remove)
        for row in range(self.table.rowCount()):
            for column, (kind, items) in enumerate(self.columns):
                if kind == CHOICE:
                    combo = self.table.cellWidget(row, column)
                    current = combo.currentData()
                    combo.blockSignals(True)
                    combo.clear()
                    for key, text in items():
                        combo.addItem(text, key)
                    combo.setCurrentIndex(max(0, combo.findData(current)))
                    combo.blockSignals(False)

    def add_row(self, values: list | None = None, key: str = "") -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, (kind, items) in enumerate(self.columns):
            value = values[column] if values is not None and column < len(values) else None
            if kind == TEXT:
                item = QTableWidgetItem(value or "")
                if column == 0:
                    item.setData(Qt.ItemDataRole.UserRole, key)
                self.table.setItem(row, column, item)
            elif kind == CHOICE:
                combo = QComboBox()
                for choice, text in items():
                    combo.addItem(text, choice)
                combo.setCurrentIndex(max(0, combo.findData(value)))
                self.table.setCellWidget(row, column, combo)
            elif kind == DATE:
                self.table.setCellWidget(row, column, DateEdit(value, optional=True))
            else:
                widget = items()
                if value is not None:
                    widget.select(value)
                self.table.setCellWidget(row, column, widget)
        if self.columns[0][0] != TEXT:  # the row's key rides on a hidden item of the first column
            item = QTableWidgetItem("")
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.table.setItem(row, 0, item)
        return row

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def key(self, row: int) -> str:
        item = self.table.item(row, 0)
        return item.data(Qt.ItemDataRole.UserRole) or "" if item is not None else ""

    def value(self, row: int, column: int):
        kind = self.columns[column][0]
        if kind == TEXT:
            item = self.table.item(row, column)
            return item.text().strip() if item is not None else ""
        widget = self.table.cellWidget(row, column)
        if kind == CHOICE:
            return widget.currentData()
        return widget.value()

    def rows(self) -> list[tuple[str, list]]:
        """(key, values) of every row."""
        return [(self.key(row), [self.value(row, column) for column in range(len(self.columns))])
                for row in range(self.table.rowCount())]


def date_or_none(value) -> dt.date | None:
    return value if isinstance(value, dt.date) else None
