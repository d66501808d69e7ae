"""Small building blocks of editors: a table model over a short list of row objects (an agreement's
indicator progress), and the label that shows a field's problem."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel

from desktop_app.i18n import _, formatting

FETCH_BATCH = 200  # rows handed to the view at a time, so a long list opens at once


@dataclass(frozen=True)
class Column:
    title: str  # msgid
    value: Callable[[Any], Any]  # row -> native value (for sorting and display)
    display: Callable[[Any], str] | None = None  # row -> text, when not str(value)


class RowsTableModel(QAbstractTableModel):
    """Rows fetched by a service, shown in batches; ``highlight(row)`` returns a background colour or None."""

    def __init__(self, columns: list[Column], highlight: Callable[[Any], str | None] | None = None, parent=None):
        super().__init__(parent)
        self.columns = columns
        self.highlight = highlight
        self._all: list[Any] = []
        self._shown = 0

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self._all = list(rows)
        self._shown = min(len(self._all), FETCH_BATCH)
        self.endResetModel()

    def row_at(self, row: int) -> Any:
        return self._all[row] if 0 <= row < self._shown else None

    def rowCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else self._shown

    def columnCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.columns)

    def canFetchMore(self, parent: QModelIndex | None = None) -> bool:
        return (parent is None or not parent.isValid()) and self._shown < len(self._all)

    def fetchMore(self, parent: QModelIndex | None = None) -> None:
        more = min(FETCH_BATCH, len(self._all) - self._shown)
        self.beginInsertRows(QModelIndex(), self._shown, self._shown + more - 1)
        self._shown += more
        self.endInsertRows()

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(self.columns[section].title)
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._all[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column.display is not None:
                return column.display(row)
            value = column.value(row)
            if isinstance(value, dt.date):
                return formatting.format_date(value)
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.UserRole:
            return column.value(row)
        if role == Qt.ItemDataRole.BackgroundRole and self.highlight is not None:
            colour = self.highlight(row)
            return QBrush(QColor(colour)) if colour else None
        return None

    def retranslate(self) -> None:
        if self._all:
            self.dataChanged.emit(self.index(0, 0), self.index(self._shown - 1, len(self.columns) - 1))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)


def field_error_label() -> QLabel:
    label = QLabel()
    label.setProperty("role", "fieldError")
    label.setWordWrap(True)
    label.hide()
    return label
