"""The university register: one search box, filters, a lazily loaded sortable table, and the actions
(add, edit, delete with confirmation, import with preview, export), every change undoable."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.drafts_json import from_jsonable
from desktop_app.domain.errors import NotFoundError
from desktop_app.domain.reference import COOPERATION_AREAS, MEMBER_STATES
from desktop_app.domain.universities import INSTITUTION_TYPE_LABELS, MEMBERSHIP_STATUS_LABELS, UniversityDraft
from desktop_app.i18n import _, formatting, ngettext
from desktop_app.services import universities
from desktop_app.services.university_search import UniversityQuery
from desktop_app.ui.common import confirm
from desktop_app.ui.common.choosers import collation_key
from desktop_app.ui.common.empty_state import EmptyState, filters_in_use
from desktop_app.ui.core import commands
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.universities.editor import UniversityEditor
from desktop_app.ui.universities.model import COL_NAME, ID_ROLE, UniversityTableModel

TOPIC = universities.TOPIC


class UniversitiesPage(Retranslatable, QWidget):
    SEARCH_DELAY_MS = 250

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("page_universities")
        self.undo_stack = QUndoStack(self)
        self.model = UniversityTableModel(self)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.search = QLineEdit()
        self.search.setObjectName("universitySearch")
        self.search.setClearButtonEnabled(True)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(self.SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _text: self.search_timer.start())
        self.country = QComboBox()
        self.status = QComboBox()
        self.area = QComboBox()
        self.kind = QComboBox()
        self.top500 = QComboBox()
        for combo in (self.country, self.status, self.area, self.kind, self.top500):
            combo.currentIndexChanged.connect(lambda _index: self.apply_filters())
        self.add_button = QPushButton()
        self.add_button.setObjectName("addUniversity")
        self.edit_button = QPushButton()
        self.delete_button = QPushButton()
        self.import_button = QPushButton()
        self.export_button = QPushButton()
        self.add_button.clicked.connect(self.add_university)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button.clicked.connect(self.import_file)
        self.export_button.clicked.connect(self.export_file)
        self.table = QTableView()
        self.table.setObjectName("universityTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(COL_NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.resizeSection(COL_NAME, 340)
        # Fitting reads the rows on screen only, never the whole (lazy) register.
        header.setResizeContentsPrecision(0)
        self._user_sized_columns = False
        self._fitting = False
        header.sectionResized.connect(self._column_resized)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        QShortcut(QKeySequence.StandardKey.Delete, self.table, activated=self.delete_selected)
        self.empty_state = EmptyState(
            self.table, lambda: _("No universities yet. Import them from the ROR registry or from a CSV or XLSX "
                                  "file, or add one by hand."),
            [(lambda: _("Import…"), self.import_file), (lambda: _("Add a university…"), self.add_university)],
            filtered=filters_in_use(self.search, self.country, self.status, self.area, self.kind, self.top500))
        self.count_label = QLabel()

        filters = QHBoxLayout()
        for combo in (self.country, self.status, self.area, self.kind, self.top500):
            # Long area titles must not push the other filters off the row.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
            filters.addWidget(combo, 1)
        actions = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.import_button)
        actions.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 12)
        layout.addWidget(self.heading)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self._filling = False
        self._register_countries: list[str] = []
        self.retranslate()
        context.bus.changed.connect(self._on_changed)
        context.database_opened.connect(lambda _db: self._open())
        if context.db is not None:
            self._open()

    # -- texts and filter choices ----------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(_("Universities"))
        self.search.setPlaceholderText(_("Search names in any language, acronyms, cities, contacts…"))
        self.add_button.setText(_("&New university…"))
        self.edit_button.setText(_("&Edit…"))
        self.delete_button.setText(_("&Delete"))
        self.import_button.setText(_("&Import…"))
        self.export_button.setText(_("E&xport…"))
        self._filling = True
        self._refill_countries()
        self._refill(self.status, _("Any status"), [(k, _(v)) for k, v in MEMBERSHIP_STATUS_LABELS.items()])
        self._refill(self.area, _("Any area"), [(a.key, _(a.title)) for a in COOPERATION_AREAS])
        self._refill(self.kind, _("Any type"), [(k, _(v)) for k, v in INSTITUTION_TYPE_LABELS.items()])
        self._refill(self.top500, _("TOP-500: any"), [("yes", _("In a TOP-500")), ("no", _("Not in a TOP-500"))])
        self._filling = False
        self.model.retranslate()
        self._update_count()
        self.fit_columns()

    def _refill_countries(self) -> None:
        """Member states first, then any other country the register holds (partners abroad)."""
        key = collation_key()
        members = sorted(MEMBER_STATES, key=lambda s: key(formatting.country_name(s.code)))
        codes = [s.code for s in members]
        others = sorted((c for c in self._register_countries if c not in codes),
                        key=lambda c: key(formatting.country_name(c)))
        self._refill(self.country, _("All countries"), [(c, formatting.country_name(c)) for c in codes + others])

    @staticmethod
    def _refill(combo: QComboBox, everything: str, choices: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for key, label in choices:
            combo.addItem(label, str(key))
        index = combo.findData(current) if current else 0
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    # -- loading ---------------------------------------------------------------------------------
    def _open(self) -> None:
        self.model.set_database(self.context.db)
        self._update_countries()
        self._update_count()
        self.fit_columns()

    def _update_countries(self) -> None:
        from desktop_app.services.university_search import countries_in_register

        found = countries_in_register(self.context.db)
        if found != self._register_countries:
            self._register_countries = found
            self._filling = True
            self._refill_countries()
            self._filling = False

    def _on_changed(self, topics) -> None:
        if TOPIC in topics and self.context.db is not None:
            self.reload()

    def reload(self) -> None:
        selected = self.selected_id()
        self._update_countries()
        self.model.reload()
        self._update_count()
        self.fit_columns()
        if selected is not None:
            self.select_id(selected)

    def current_query(self) -> UniversityQuery:
        top = self.top500.currentData()
        return replace(self.model.query, search=self.search.text(), country=self.country.currentData(),
                       status=self.status.currentData(), area=self.area.currentData(),
                       institution_type=self.kind.currentData(), top500=None if top is None else top == "yes")

    def apply_filters(self) -> None:
        if self._filling or self.context.db is None:
            return
        self.search_timer.stop()
        self.model.set_query(self.current_query())
        self._update_count()

    def _column_resized(self, *_args) -> None:
        from PySide6.QtWidgets import QApplication

        if not self._fitting and QApplication.mouseButtons() != Qt.MouseButton.NoButton:
            self._user_sized_columns = True  # dragged by the user: from now on their widths stay

    def fit_columns(self) -> None:
        """Short columns as wide as their header and the rows on screen, the name in the space left (texts
        change length with the language: Kazakh headers are longer, Persian ones shorter)."""
        if self._user_sized_columns:
            return
        self._fitting = True
        try:
            others = 0
            for column in range(self.model.columnCount()):
                if column != COL_NAME:
                    self.table.resizeColumnToContents(column)
                    width = min(self.table.columnWidth(column), 220)
                    self.table.setColumnWidth(column, width)
                    others += width
            free = self.table.viewport().width() - others
            self.table.setColumnWidth(COL_NAME, max(280, free))
        finally:
            self._fitting = False

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def _update_count(self) -> None:
        total = self.model.total
        self.count_label.setText(ngettext("{count} university", "{count} universities", total).format(
            count=formatting.format_number(total)))
        has_selection = self.selected_id() is not None
        self.edit_button.setEnabled(has_selection)
        self.delete_button.setEnabled(has_selection)
        if self.table.selectionModel() is not None and not getattr(self, "_selection_hooked", False):
            self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update_count())
            self._selection_hooked = True

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return rows[0].data(ID_ROLE) if rows else None

    def select_id(self, university_id: int) -> None:
        row = self.model.row_of_id(university_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    # -- actions ---------------------------------------------------------------------------------
    def _db(self):
        if self.context.db is None:
            QMessageBox.information(self, _("Universities"), _("The database is still opening. Try again in a moment."))
        return self.context.db

    def open_editor(self, draft, save, record_id: int | None = None, changed_draft=None) -> UniversityEditor:
        """The editor over ``draft`` (None: a new university); ``changed_draft``, when given, is put in its
        fields as unsaved changes (a draft recovered after a crash)."""
        editor = UniversityEditor(changed_draft or draft, save, default_country=self.context.state_code or "",
                                  parent=self, record_id=record_id, is_new=record_id is None,
                                  database=self.context.db.url if self.context.db else "")
        if changed_draft is not None:
            editor.set_baseline(draft)
        editor.exec()
        return editor

    def recover_draft(self, record_id: int | None, values: dict) -> None:
        """Open the editor with a draft left unsaved by a session that ended abruptly."""
        draft = from_jsonable(UniversityDraft, values)
        if record_id is not None:
            try:
                universities.get(self.context.db, record_id)
            except NotFoundError:
                record_id = None
        if record_id is None:
            self.add_university(changed_draft=draft)
        else:
            self.edit_university(record_id, changed_draft=draft)

    def add_university(self, changed_draft=None) -> None:
        db = self._db()
        if db is None:
            return

        def save(draft):
            new_id = commands.run(self.undo_stack, commands.CreateRecord(
                db, universities, draft, _("Add {name}").format(name=draft.display_name())))
            self.reload()
            self.select_id(new_id)

        self.open_editor(None, save, changed_draft=changed_draft)

    def edit_selected(self) -> None:
        university_id = self.selected_id()
        if university_id is not None:
            self.edit_university(university_id)

    def edit_university(self, university_id: int, changed_draft=None) -> None:
        db = self._db()
        if db is None:
            return
        record = universities.get(db, university_id)

        def save(draft):
            commands.run(self.undo_stack, commands.UpdateRecord(
                db, universities, university_id, draft, _("Edit {name}").format(name=draft.display_name())))

        self.open_editor(record.draft, save, university_id, changed_draft)

    def delete_selected(self) -> None:
        db = self._db()
        university_id = self.selected_id()
        if db is None or university_id is None:
            return
        name = self.model.row_at(self.table.selectionModel().selectedRows()[0].row()).display_name
        if not confirm.confirm_delete(self, _("Delete university"), _(
                "Delete {name} with its names, contacts, rankings, accreditations and academic calendars? You can "
                "undo this with Edit ▸ Undo.").format(name=name)):
            return
        commands.push(self.undo_stack, commands.DeleteRecord(
            db, universities, university_id, _("Delete {name}").format(name=name)), self)

    def import_file(self) -> None:
        if self._db() is None:
            return
        from desktop_app.ui.universities.import_dialog import ImportDialog

        path, _filter = QFileDialog.getOpenFileName(
            self, _("Import universities"), "",
            _("University files (*.jsonl *.json *.csv *.xlsx);;All files (*)"))
        if path:
            ImportDialog(self.context, path, parent=self).open_preview()

    def export_file(self) -> None:
        db = self._db()
        if db is None:
            return
        path, _chosen = QFileDialog.getSaveFileName(self, _("Export universities"), "universities.xlsx",
                                                   _("Excel workbook (*.xlsx);;CSV (*.csv)"))
        if not path:
            return
        fmt = "csv" if path.lower().endswith(".csv") else "xlsx"
        query = self.model.query
        from desktop_app.exchange.university_export import export_register

        self.context.runner.run(
            lambda progress: export_register(db, path, fmt, query, progress), title=_("Exporting universities"),
            on_done=lambda count: self.count_label.setText(
                ngettext("Exported {count} university to {path}", "Exported {count} universities to {path}",
                         count).format(count=count, path=path)), parent=self)
