"""The list of joint programmes on the Curricula page: search, type and status filters, the lazy table
(paged, filtered and sorted in SQL), the count and the New / Delete buttons.

Kept apart from the page (``page.py``), which owns the open programme — its editor, unsaved changes,
drafts journal and commands — because the list only finds programmes: it asks the page to open, create or
delete one, and shows as selected whichever programme the page has open.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.curricula import PROGRAMME_STATUS_TITLES, PROGRAMME_TYPE_TITLES
from desktop_app.i18n import _, formatting, ngettext
from desktop_app.ui.common.choosers import compact_combo
from desktop_app.ui.common.empty_state import EmptyState, filters_in_use
from desktop_app.ui.common.tables import select_row
from desktop_app.ui.curricula.model import (
    COL_CODE,
    COL_CREDITS,
    COL_LEVEL,
    COL_PARTNERS,
    COL_STATUS,
    COL_TITLE,
    COL_TYPE,
    ID_ROLE,
    SORT_KEYS,
    ProgrammeTableModel,
)


class ProgrammeList(QWidget):
    """The programmes to choose from; ``current`` answers the programme the page has open."""

    SEARCH_DELAY_MS = 250
    open_requested = Signal(int)  # a programme chosen in the list
    new_requested = Signal()
    delete_requested = Signal()

    def __init__(self, current: Callable[[], int | None], parent=None):
        super().__init__(parent)
        self.current = current
        self._filling = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setObjectName("programmeSearch")
        self.search.setClearButtonEnabled(True)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(self.SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _text: self.search_timer.start())
        layout.addWidget(self.search)
        filters = QHBoxLayout()
        self.type_filter, self.status_filter = compact_combo(10), compact_combo(8)
        self.type_filter.setObjectName("programmeTypeFilter")
        self.status_filter.setObjectName("programmeStatusFilter")
        for combo in (self.type_filter, self.status_filter):
            combo.currentIndexChanged.connect(lambda _index: self.apply_filters())
            filters.addWidget(combo, 1)
        layout.addLayout(filters)
        self.model = ProgrammeTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("programmeList")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSortIndicator(COL_TITLE, Qt.SortOrder.AscendingOrder)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        for column in (COL_STATUS, COL_CREDITS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        for column in (COL_CODE, COL_TYPE, COL_LEVEL, COL_PARTNERS):  # shown in the programme itself: the
            self.table.setColumnHidden(column, True)  # list stays narrow and the title gets the room
        header.sortIndicatorChanged.connect(self._sort_indicator_changed)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._selection_changed())
        QShortcut(QKeySequence.StandardKey.Delete, self.table, activated=self.delete_requested.emit)
        layout.addWidget(self.table, 1)
        self.empty_state = EmptyState(
            self.table, lambda: _("No joint programmes yet. Add a double-degree programme, a joint degree or a "
                                  "short-term training."),
            [(lambda: _("New programme"), self.new_requested.emit)],
            filtered=filters_in_use(self.search, self.type_filter, self.status_filter))
        self.count_label = QLabel()
        self.count_label.setObjectName("programmeCount")
        layout.addWidget(self.count_label)
        buttons = QHBoxLayout()
        self.new_button, self.delete_button = QPushButton(), QPushButton()
        self.new_button.setObjectName("newProgramme")
        self.delete_button.setObjectName("deleteProgramme")
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.new_button.clicked.connect(lambda: self.new_requested.emit())
        self.delete_button.clicked.connect(self.delete_requested.emit)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(_("Search programmes…"))
        self.new_button.setText(_("&New programme"))
        self.delete_button.setText(_("Delete"))
        self._filling = True
        _refill(self.type_filter, _("Any type"), [(k.value, _(t)) for k, t in PROGRAMME_TYPE_TITLES.items()])
        _refill(self.status_filter, _("Any status"), [(k.value, _(t)) for k, t in PROGRAMME_STATUS_TITLES.items()])
        self._filling = False
        self.model.retranslate()

    def set_database(self, db) -> None:
        self.model.set_database(db)
        self.update_count()

    def reload(self) -> None:
        self.model.reload()
        self.update_count()
        self.select_current()

    def apply_filters(self) -> None:
        if self._filling or self.model.db is None:
            return
        self.search_timer.stop()
        self.model.set_query(replace(self.model.query, search=self.search.text(),
                                     programme_type=self.type_filter.currentData(),
                                     status=self.status_filter.currentData()))
        self.update_count()
        self.select_current()

    def _sort_indicator_changed(self, column: int, order) -> None:
        if column not in SORT_KEYS:  # partners and credits are not sorted in SQL: keep the real order shown
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.setSortIndicator(self.model.sort_column(), Qt.SortOrder.DescendingOrder
                                    if self.model.query.descending else Qt.SortOrder.AscendingOrder)
            header.blockSignals(False)
        self.select_current()

    def update_count(self) -> None:
        total = self.model.total
        self.count_label.setText(ngettext("{count} joint programme", "{count} joint programmes", total).format(
            count=formatting.format_number(total)))

    def select_current(self) -> None:
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        row = self.model.row_of_id(current) if (current := self.current()) is not None else -1
        if row >= 0:
            select_row(self.table, row)
        else:
            self.table.clearSelection()
        selection.blockSignals(False)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def _selection_changed(self) -> None:
        programme_id = self.selected_id()
        if programme_id is not None and programme_id != self.current():
            self.open_requested.emit(programme_id)


def _refill(combo, everything: str, choices: list[tuple[str, str]]) -> None:
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(everything, None)
    for key, label in choices:
        combo.addItem(label, key)
    combo.setCurrentIndex(max(combo.findData(current) if current else 0, 0))
    combo.blockSignals(False)
