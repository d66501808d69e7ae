"""The frame of the Mobility & events page's lists: a search box and filters, the actions, the lazy table
and its count."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.ui.common.tables import select_row

SEARCH_DELAY_MS = 250


def table_view(model, name: str) -> QTableView:
    view = QTableView(objectName=name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.verticalHeader().setDefaultSectionSize(26)
    view.setWordWrap(False)
    return view


def filter_combo(name: str) -> QComboBox:
    combo = QComboBox(objectName=name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # its words whole, in any language
    return combo


def refill(combo: QComboBox, everything: str, items: list[tuple[object, str]]) -> None:
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(everything, None)
    for key, text in items:
        combo.addItem(text, key)
    combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
    combo.blockSignals(False)


class ListTab(QWidget):
    """A search box and filters, the actions, the lazy table and its count: the frame of both lists."""

    def __init__(self, model, table_name: str, search_name: str, parent=None):
        super().__init__(parent)
        self.model = model
        self.search = QLineEdit(objectName=search_name)
        self.search.setClearButtonEnabled(True)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SEARCH_DELAY_MS)
        self.search.textChanged.connect(lambda _text: self.timer.start())
        self.filters = QHBoxLayout()
        self.filters.addWidget(self.search, 1)
        self.actions = QHBoxLayout()
        self.table = table_view(model, table_name)
        self.table.setSortingEnabled(True)
        self.count = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(self.filters)
        layout.addLayout(self.actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)

    def add_filter(self, widget: QWidget, stretch: int = 0) -> None:
        self.filters.addWidget(widget, stretch)

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_id(self, record_id: int | None) -> None:
        if record_id is None:
            return
        row = self.model.row_of_id(record_id)
        if row >= 0:
            select_row(self.table, row)
            self.table.scrollTo(self.model.index(row, 0))
