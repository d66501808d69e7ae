"""A small editable list inside an editor: a table of child rows (names, contacts, standings, follow-up
actions…) with Add / Remove buttons and an error line under it, and the helpers its cells use.

Shared by the editors of several areas (universities, organisations, governance), so it lives here rather
than in any one of them; each area subclasses ``EditableTable`` with its columns and its draft of a row.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import _
from desktop_app.ui.common.date_edit import DateEdit


def error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("fieldError")
    label.setStyleSheet("color: #b00020;")
    label.setWordWrap(True)
    label.hide()
    return label


def show_message(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def date_edit(value: dt.date | None, system: str | None = None) -> DateEdit:
    """A date editor that may be left empty (shown as a dash)."""
    return DateEdit(value, optional=True, system=system)


def date_of(edit: DateEdit) -> dt.date | None:
    return edit.value()


class EditableTable(QWidget):
    """Rows of one kind of child record. Subclasses say which columns and how a row becomes a draft."""

    edited = Signal()  # any cell or cell widget changed, or a row was added or removed

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table = QTableWidget(0, len(self.headers()))
        self.table.itemChanged.connect(lambda _item: self.edited.emit())
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultSectionSize(self.column_width())
        self.table.verticalHeader().hide()
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_selected)
        self.error = error_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self.retranslate()

    def headers(self) -> list[str]:
        raise NotImplementedError

    def column_width(self) -> int:
        return 130

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(self.headers())
        self.add_button.setText(_("&Add"))
        self.remove_button.setText(_("&Remove"))

    def add_row(self, values=None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.fill_row(row, values)
        for column in range(self.table.columnCount()):
            widget = self.table.cellWidget(row, column)
            for signal in ("changed", "currentIndexChanged", "valueChanged", "dateChanged"):
                if hasattr(widget, signal):
                    getattr(widget, signal).connect(lambda *_args: self.edited.emit())
                    break
        self.edited.emit()
        return row

    def remove_selected(self) -> None:
        for row in sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)
        self.edited.emit()

    def text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item else ""

    def set_text(self, row: int, column: int, value: str) -> None:
        self.table.setItem(row, column, QTableWidgetItem(value or ""))

    def combo(self, row: int, column: int, choices: dict, current: str) -> None:
        box = QComboBox()
        for key, label in choices.items():
            box.addItem(_(label), str(key))
        index = box.findData(current)
        box.setCurrentIndex(max(index, 0))
        self.table.setCellWidget(row, column, box)

    def fill_row(self, row: int, values) -> None:
        raise NotImplementedError

    def drafts(self) -> list:
        return [self.draft_of(row) for row in range(self.table.rowCount())]

    def draft_of(self, row: int):
        raise NotImplementedError
