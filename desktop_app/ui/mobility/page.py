"""Mobility & events: mobility records with personal data masked until revealed, the flow matrix
between member states by year, and joint events. Changes can be undone from the Edit menu."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.mobility import EVENT_LABELS, FORMAT_LABELS, PERSON_LABELS
from desktop_app.domain.reference import AREAS_BY_KEY
from desktop_app.i18n import N_, _, formatting
from desktop_app.ui.common.record_widgets import Column, RowsTableModel, push_command
from desktop_app.ui.core.language import Retranslatable

TOPICS = {"mobility", "events", "universities", "agreements", "documents"}

MOBILITY_COLUMNS = [
    Column(N_("Person"), lambda r: r.person_name),
    Column(N_("Category"), lambda r: r.person_kind, lambda r: _(PERSON_LABELS.get(r.person_kind, r.person_kind))),
    Column(N_("Format"), lambda r: r.format, lambda r: _(FORMAT_LABELS.get(r.format, r.format))),
    Column(N_("From"), lambda r: r.sending_university,
           lambda r: f"{r.sending_university} ({formatting.country_name(r.sending_country)})"),
    Column(N_("To"), lambda r: r.receiving_university,
           lambda r: f"{r.receiving_university} ({formatting.country_name(r.receiving_country)})"),
    Column(N_("Start"), lambda r: r.start_date),
    Column(N_("End"), lambda r: r.end_date),
    Column(N_("Funding"), lambda r: r.funding),
]
EVENT_COLUMNS = [
    Column(N_("Title"), lambda r: r.title),
    Column(N_("Kind"), lambda r: r.kind, lambda r: _(EVENT_LABELS.get(r.kind, r.kind))),
    Column(N_("Start"), lambda r: r.start_date),
    Column(N_("End"), lambda r: r.end_date),
    Column(N_("Host"), lambda r: r.host),
    Column(N_("Partners"), lambda r: len(r.partners), lambda r: ", ".join(r.partners)),
    Column(N_("Participants"), lambda r: r.participants, lambda r: formatting.format_number(r.participants)),
    Column(N_("Area of cooperation"), lambda r: r.area_key,
           lambda r: _(AREAS_BY_KEY[r.area_key].title) if r.area_key in AREAS_BY_KEY else ""),
    Column(N_("Outcome"), lambda r: r.outcome),
    Column(N_("Documents"), lambda r: r.documents, lambda r: formatting.format_number(r.documents)),
]


class FlowMatrixModel(QAbstractTableModel):
    """Sending states down, receiving states across; each cell a count from the database."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.states: list[str] = []
        self.counts: dict[tuple[str, str], int] = {}

    def set_matrix(self, matrix) -> None:
        self.beginResetModel()
        self.states = matrix.states
        self.counts = {}
        for cell in matrix.cells:
            key = (cell["from"], cell["to"])
            self.counts[key] = self.counts.get(key, 0) + cell["count"]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.states)

    def columnCount(self, parent: QModelIndex | None = None) -> int:
        return 0 if parent is not None and parent.isValid() else len(self.states)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        count = self.counts.get((self.states[index.row()], self.states[index.column()]), 0)
        if role == Qt.ItemDataRole.DisplayRole:
            return formatting.format_number(count) if count else "·"
        if role == Qt.ItemDataRole.UserRole:
            return count
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.states):
            return formatting.country_name(self.states[section])
        return None


def _table(model, name: str) -> QTableView:
    view = QTableView(objectName=name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    return view


class MobilityPage(Retranslatable, QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("page_mobility")
        self.undo_stack = QUndoStack(self)
        self.heading = QLabel(objectName="pageHeading")
        self.tabs = QTabWidget(objectName="mobilityTabs")

        # mobility
        self.reveal = QCheckBox(objectName="revealPersonal")
        self.new_mobility = QPushButton(objectName="newMobility")
        self.delete_mobility = QPushButton(objectName="deleteMobility")
        self.mobility_model = RowsTableModel(MOBILITY_COLUMNS, parent=self)
        self.mobility_table = _table(self.mobility_model, "mobilityTable")
        header = self.mobility_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        mobility = QWidget()
        tools = QHBoxLayout()
        tools.addWidget(self.reveal)
        tools.addStretch(1)
        tools.addWidget(self.new_mobility)
        tools.addWidget(self.delete_mobility)
        box = QVBoxLayout(mobility)
        box.addLayout(tools)
        box.addWidget(self.mobility_table)
        self.tabs.addTab(mobility, "")

        # flow matrix
        self.year = QComboBox(objectName="matrixYear")
        self.year_label = QLabel()
        self.matrix_note = QLabel()
        self.matrix_note.setWordWrap(True)
        self.matrix_model = FlowMatrixModel(self)
        self.matrix_table = QTableView(objectName="flowMatrix")
        self.matrix_table.setModel(self.matrix_model)
        self.matrix_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        matrix = QWidget()
        mtools = QHBoxLayout()
        mtools.addWidget(self.year_label)
        mtools.addWidget(self.year)
        mtools.addStretch(1)
        mbox = QVBoxLayout(matrix)
        mbox.addLayout(mtools)
        mbox.addWidget(self.matrix_note)
        mbox.addWidget(self.matrix_table)
        self.tabs.addTab(matrix, "")

        # events
        self.new_event = QPushButton(objectName="newEvent")
        self.delete_event = QPushButton(objectName="deleteEvent")
        self.attach_event = QPushButton(objectName="attachEventDocument")
        self.event_model = RowsTableModel(EVENT_COLUMNS, parent=self)
        self.event_table = _table(self.event_model, "eventsTable")
        header = self.event_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column, width in ((0, 300), (1, 170), (4, 190), (5, 150), (7, 150), (8, 150)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        events = QWidget()
        etools = QHBoxLayout()
        etools.addStretch(1)
        etools.addWidget(self.new_event)
        etools.addWidget(self.delete_event)
        etools.addWidget(self.attach_event)
        ebox = QVBoxLayout(events)
        ebox.addLayout(etools)
        ebox.addWidget(self.event_table)
        self.tabs.addTab(events, "")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)

        self.reveal.toggled.connect(lambda _on: self.refresh())
        self.year.currentIndexChanged.connect(lambda _i: self._load_matrix())
        self.new_mobility.clicked.connect(self.add_mobility)
        self.delete_mobility.clicked.connect(self.remove_mobility)
        self.new_event.clicked.connect(self.add_event)
        self.delete_event.clicked.connect(self.remove_event)
        self.attach_event.clicked.connect(self.attach_to_event)
        self.mobility_table.doubleClicked.connect(lambda _index: self.edit_mobility())
        self.event_table.doubleClicked.connect(lambda _index: self.edit_event())
        self.retranslate()
        context.bus.changed.connect(lambda topics: self.refresh() if TOPICS & set(topics) else None)
        context.database_opened.connect(lambda _db: self.refresh())
        if context.db is not None:
            self.refresh()

    def retranslate(self) -> None:
        self.heading.setText(_("Mobility & events"))
        for index, text in enumerate((_("Mobility"), _("Flow matrix"), _("Joint events"))):
            self.tabs.setTabText(index, text)
        self.reveal.setText(_("Show personal data"))
        self.new_mobility.setText(_("&New mobility…"))
        self.delete_mobility.setText(_("&Delete"))
        self.new_event.setText(_("New &event…"))
        self.delete_event.setText(_("Delete event"))
        self.attach_event.setText(_("Attach &document…"))
        self.year_label.setText(_("Year"))
        self.matrix_note.setText(_("Mobility records by the year they start: sending states down, receiving "
                                   "states across."))
        if self.year.count():
            self.year.setItemText(0, _("All years"))
        self.mobility_model.retranslate()
        self.event_model.retranslate()

    # --- data ------------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Load the lists and the matrix off the GUI thread: a national register may hold many records."""
        db = self.context.db
        if db is None:
            return
        from desktop_app.services import mobility

        reveal = self.reveal.isChecked()
        # Answers may come back out of order (a change, a reveal toggle and a refresh in quick
        # succession): only the answer to the latest request is shown.
        self._generation = getattr(self, "_generation", 0) + 1
        generation = self._generation

        def load(_progress):
            return (generation, mobility.list_mobility(db, reveal_personal=reveal), mobility.list_events(db),
                    sorted({c["year"] for c in mobility.flow_matrix(db).cells}, reverse=True))

        self.context.runner.run(load, title=_("Loading mobility records"), on_done=self._loaded,
                                show_progress=False)

    def _loaded(self, answer) -> None:
        from shiboken6 import isValid

        if not isValid(self.year):  # the page was closed meanwhile
            return
        generation, records, events, years = answer
        if generation != self._generation:
            return
        self.mobility_model.set_rows(records)
        self.event_model.set_rows(events)
        current = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem(_("All years"), None)
        for year in years:
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(max(0, self.year.findData(current)))
        self.year.blockSignals(False)
        self._load_matrix()

    def _load_matrix(self) -> None:
        if self.context.db is None:
            return
        from desktop_app.services.mobility import flow_matrix

        self.matrix_model.set_matrix(flow_matrix(self.context.db, self.year.currentData()))

    def _universities(self):
        from desktop_app.services import choices

        return [(choice.id, choice.label, choice.country) for choice in choices.universities(self.context.db)]

    def _agreements(self):
        from desktop_app.services import agreements

        return [(choice.id, choice.label) for choice in agreements.choices(self.context.db)]

    @staticmethod
    def _selected(view: QTableView, model: RowsTableModel):
        rows = view.selectionModel().selectedRows()
        return model.row_at(rows[0].row()) if rows else None

    # --- actions ---------------------------------------------------------------------------------
    def add_mobility(self) -> None:
        if self.context.db is None:
            return
        from desktop_app.ui.mobility.dialogs import MobilityDialog

        dialog = MobilityDialog(self._universities(), self._agreements(), parent=self)
        if dialog.exec() and dialog.result_draft is not None:
            self.create_mobility(dialog.result_draft)

    def create_mobility(self, draft) -> bool:
        from desktop_app.services import mobility

        db, state = self.context.db, {"id": None, "uuid": None}

        def do() -> None:
            state["id"] = mobility.create_mobility(db, draft, uuid=state["uuid"])
            state["uuid"] = mobility.get_mobility(db, state["id"])[0]

        return push_command(self.undo_stack, _("New mobility record"), do,
                            lambda: mobility.delete_mobility(db, state["id"]), self)

    def remove_mobility(self) -> None:
        row = self._selected(self.mobility_table, self.mobility_model)
        if row is None:
            return
        from desktop_app.services import mobility

        db = self.context.db
        uuid, draft = mobility.get_mobility(db, row.id)
        state = {"id": row.id}

        def undo() -> None:
            state["id"] = mobility.create_mobility(db, draft, uuid=uuid)

        push_command(self.undo_stack, _("Delete mobility record"),
                     lambda: mobility.delete_mobility(db, state["id"]), undo, self)

    def add_event(self) -> None:
        if self.context.db is None:
            return
        from desktop_app.ui.mobility.dialogs import EventDialog

        dialog = EventDialog(self._universities(), parent=self)
        if dialog.exec() and dialog.result_draft is not None:
            from desktop_app.services import mobility

            db, draft, state = self.context.db, dialog.result_draft, {"id": None, "uuid": None}

            def do() -> None:
                state["id"] = mobility.create_event(db, draft, uuid=state["uuid"])
                state["uuid"] = mobility.get_event(db, state["id"])[0]

            push_command(self.undo_stack, _("New event “{title}”").format(title=draft.title), do,
                         lambda: mobility.delete_event(db, state["id"]), self)

    def remove_event(self) -> None:
        row = self._selected(self.event_table, self.event_model)
        if row is None:
            return
        if QMessageBox.question(self, _("Delete event"), _("Delete “{title}”?").format(title=row.title)) \
                != QMessageBox.StandardButton.Yes:
            return
        from desktop_app.services import mobility

        db = self.context.db
        uuid, draft = mobility.get_event(db, row.id)
        state = {"id": row.id}

        def undo() -> None:
            state["id"] = mobility.create_event(db, draft, uuid=uuid)

        push_command(self.undo_stack, _("Delete event “{title}”").format(title=row.title),
                     lambda: mobility.delete_event(db, state["id"]), undo, self)

    def attach_to_event(self) -> None:
        row = self._selected(self.event_table, self.event_model)
        if row is None:
            return
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getOpenFileName(self, _("Attach a document"))
        if not path:
            return
        from desktop_app.services import documents

        db, state = self.context.db, {}

        def do() -> None:
            state["id"] = documents.attach_file(db, "event", row.id, path, topic="events")

        push_command(self.undo_stack, _("Attach document"), do,
                     lambda: documents.remove_document(db, state["id"], "events"), self)

    def edit_mobility(self) -> None:
        row = self._selected(self.mobility_table, self.mobility_model)
        if row is None:
            return
        from desktop_app.services import mobility
        from desktop_app.ui.mobility.dialogs import MobilityDialog

        db = self.context.db
        _uuid, before = mobility.get_mobility(db, row.id)
        dialog = MobilityDialog(self._universities(), self._agreements(), before, self)
        if dialog.exec() and dialog.result_draft is not None:
            after = dialog.result_draft
            push_command(self.undo_stack, _("Edit mobility record"),
                         lambda: mobility.update_mobility(db, row.id, after),
                         lambda: mobility.update_mobility(db, row.id, before), self)

    def edit_event(self) -> None:
        row = self._selected(self.event_table, self.event_model)
        if row is None:
            return
        from desktop_app.services import mobility
        from desktop_app.ui.mobility.dialogs import EventDialog

        db = self.context.db
        _uuid, before = mobility.get_event(db, row.id)
        dialog = EventDialog(self._universities(), before, self)
        if dialog.exec() and dialog.result_draft is not None:
            after = dialog.result_draft
            push_command(self.undo_stack, _("Edit event “{title}”").format(title=after.title),
                         lambda: mobility.update_event(db, row.id, after),
                         lambda: mobility.update_event(db, row.id, before), self)
