"""The agreements page: the register (lazily paged, filtered and sorted in SQL, with agreements about to
end shaded), the editor, target-indicator progress, documents, and EWP export and import.

Every change is a command of ``ui/core/commands.py`` on the Edit menu's undo stack: a new agreement,
an edit, a delete (asked first; undo brings the agreement back with its parties, indicators, conditions
and documents), a document attached or removed, an EWP import (one step undoing every agreement it
created)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.agreements import KIND_LABELS, STATUS_LABELS, AgreementDraft, AgreementKind
from desktop_app.domain.drafts_json import from_jsonable
from desktop_app.domain.errors import NotFoundError
from desktop_app.i18n import N_, _, formatting, ngettext
from desktop_app.services import agreements
from desktop_app.services.agreement_search import AgreementQuery
from desktop_app.ui.agreements.model import (
    COL_ENDS,
    COL_KIND,
    COL_PARTIES,
    COL_STATUS,
    COL_TITLE,
    ID_ROLE,
    AgreementTableModel,
)
from desktop_app.ui.agreements.staffing import staffing_text
from desktop_app.ui.common import confirm
from desktop_app.ui.common.empty_state import EmptyState, filters_in_use
from desktop_app.ui.common.record_widgets import Column, RowsTableModel
from desktop_app.ui.core import commands
from desktop_app.ui.core.language import Retranslatable

#: Changes that may alter what the page shows (party names come from the university register).
TOPICS = agreements.TOPICS | {"universities", "staff_development"}
DOCUMENT_ID, DOCUMENT_NAME = Qt.ItemDataRole.UserRole + 1, Qt.ItemDataRole.UserRole + 2


class AgreementsPage(Retranslatable, QWidget):
    SEARCH_DELAY_MS = 250

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("page_agreements")
        self.undo_stack = QUndoStack(self)
        self.heading = QLabel(objectName="pageHeading")
        self.search = QLineEdit(objectName="search")
        self.search.setClearButtonEnabled(True)
        self.search_timer = QTimer(self, singleShot=True, interval=self.SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _text: self.search_timer.start())
        self.kind_filter = QComboBox(objectName="kindFilter")
        self.status_filter = QComboBox(objectName="statusFilter")
        self.expiring_filter = QCheckBox(objectName="expiringFilter")
        for combo in (self.kind_filter, self.status_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(16)
            combo.currentIndexChanged.connect(lambda _index: self.apply_filters())
        self.expiring_filter.toggled.connect(lambda _on: self.apply_filters())
        self.new_button = QPushButton(objectName="newAgreement")
        self.edit_button = QPushButton(objectName="editAgreement")
        self.delete_button = QPushButton(objectName="deleteAgreement")
        self.export_button = QPushButton(objectName="exportEwp")
        self.import_button = QPushButton(objectName="importEwp")
        filters = QHBoxLayout()
        filters.addWidget(self.kind_filter, 2)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.expiring_filter)
        filters.addStretch(1)
        tools = QHBoxLayout()
        for button in (self.new_button, self.edit_button, self.delete_button):
            tools.addWidget(button)
        tools.addStretch(1)
        tools.addWidget(self.import_button)
        tools.addWidget(self.export_button)

        self.model = AgreementTableModel(self)
        self.table = QTableView(objectName="agreementsTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(COL_ENDS, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(60)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        QShortcut(QKeySequence.StandardKey.Delete, self.table, activated=self.delete_selected)
        self.empty_state = EmptyState(
            self.table, lambda: _("No agreements yet. Add the network memorandum, a bilateral or double-degree "
                                  "agreement or a strategic partnership, or import one from an EWP file."),
            [(lambda: _("Import from EWP…"), self.import_file), (lambda: _("New agreement…"), self.new_agreement)],
            filtered=filters_in_use(self.search, self.kind_filter, self.status_filter, self.expiring_filter))
        self.count_label = QLabel(objectName="agreementCount")

        self.details = QTabWidget(objectName="agreementDetails")
        self.progress_model = RowsTableModel([
            Column(N_("Indicator"), lambda p: p.name),
            Column(N_("Year"), lambda p: p.year, lambda p: str(p.year)),
            Column(N_("Target"), lambda p: p.target, lambda p: formatting.format_number(p.target)),
            Column(N_("Actual"), lambda p: p.actual,
                   lambda p: "—" if p.actual is None else formatting.format_number(p.actual)),
            Column(N_("Progress"), lambda p: p.progress, _progress_text),
        ], lambda p: None if p.progress is None else ("#d8efd9" if p.progress >= 1 else None), self)
        self.progress_view = QTableView(objectName="indicatorProgress")
        self.progress_view.setModel(self.progress_model)
        self.progress_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.progress_view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.progress_view.verticalHeader().hide()
        self.documents = QListWidget(objectName="agreementDocuments")
        self.attach_button = QPushButton(objectName="attachDocument")
        self.save_document_button = QPushButton(objectName="saveDocument")
        self.remove_document_button = QPushButton(objectName="removeDocument")
        documents_page = QWidget()
        documents_layout = QVBoxLayout(documents_page)
        documents_layout.addWidget(self.documents, 1)
        document_buttons = QHBoxLayout()
        for button in (self.attach_button, self.save_document_button, self.remove_document_button):
            document_buttons.addWidget(button)
        document_buttons.addStretch(1)
        documents_layout.addLayout(document_buttons)
        self.warning_list = QListWidget(objectName="agreementWarnings")
        self.warning_list.setWordWrap(True)
        # The 70/30 staffing of a strategic partnership, with the parties' staff trained in staff development.
        self.staffing_label = QLabel(objectName="agreementStaffing")
        self.staffing_label.setWordWrap(True)
        self.staffing_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        warnings_page = QWidget()
        warnings_layout = QVBoxLayout(warnings_page)
        warnings_layout.setContentsMargins(0, 0, 0, 0)
        warnings_layout.addWidget(self.staffing_label)
        warnings_layout.addWidget(self.warning_list, 1)
        self.details.addTab(self.progress_view, "")
        self.details.addTab(documents_page, "")
        self.details.addTab(warnings_page, "")
        self.nothing_selected = QLabel(objectName="nothingSelected")
        self.nothing_selected.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.nothing_selected.setWordWrap(True)
        details_box = QWidget()
        details_layout = QVBoxLayout(details_box)
        details_layout.setContentsMargins(0, 0, 0, 0)
        details_layout.addWidget(self.details, 1)
        details_layout.addWidget(self.nothing_selected, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(details_box)
        splitter.setSizes([420, 200])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 12)
        layout.addWidget(self.heading)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addLayout(tools)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.count_label)

        self.new_button.clicked.connect(lambda: self.new_agreement())
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.attach_button.clicked.connect(self.attach_document)
        self.save_document_button.clicked.connect(self.save_document)
        self.remove_document_button.clicked.connect(self.remove_document)
        self.documents.itemSelectionChanged.connect(self._update_buttons)
        self.documents.itemDoubleClicked.connect(lambda _item: self.save_document())
        self.export_button.clicked.connect(self.export_selected)
        self.import_button.clicked.connect(self.import_file)
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self.show_details())
        self._filling = False
        self.retranslate()
        context.bus.changed.connect(self._changed)
        context.database_opened.connect(lambda _db: self._open())
        if context.db is not None:
            self._open()

    # --- texts -----------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(_("Agreements"))
        self.search.setPlaceholderText(_("Search titles, numbers, parties and signatories"))
        self._filling = True
        self._refill(self.kind_filter, _("All kinds"), [(key, _(text)) for key, text in KIND_LABELS.items()])
        self._refill(self.status_filter, _("Any status"), [(key, _(text)) for key, text in STATUS_LABELS.items()])
        self._filling = False
        self.new_button.setText(_("&New…"))
        self.edit_button.setText(_("&Edit…"))
        self.delete_button.setText(_("&Delete"))
        self.attach_button.setText(_("Attach &document…"))
        self.save_document_button.setText(_("&Save a copy…"))
        self.remove_document_button.setText(_("&Remove document"))
        self.export_button.setText(_("Export to &EWP…"))
        self.import_button.setText(_("&Import from EWP…"))
        self.nothing_selected.setText(_("Select an agreement to see its target indicators, documents and "
                                        "warnings."))
        self._update_tab_titles()
        self._update_horizon()
        self.progress_model.retranslate()
        if self.context.db is not None:  # party names, kinds, dates and warnings in the new language
            self.reload()
        else:
            self._update_count()

    @staticmethod
    def _refill(combo: QComboBox, everything: str, choices: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for key, text in choices:
            combo.addItem(text, key)
        combo.setCurrentIndex(max(0, combo.findData(current)) if current else 0)
        combo.blockSignals(False)

    def _update_tab_titles(self, counts: tuple[int, int, int] | None = None) -> None:
        """The tabs say how many indicators, documents and warnings the selected agreement has."""
        self._tab_counts = counts if counts is not None else getattr(self, "_tab_counts", None)
        titles = (_("Target indicators"), _("Documents"), _("Warnings"))
        for index, title in enumerate(titles):
            count = self._tab_counts[index] if self._tab_counts else 0
            self.details.setTabText(index, _("{title} ({count})").format(
                title=title, count=formatting.format_number(count)) if count else title)

    def _update_horizon(self) -> None:
        days = self.context.preferences.options().expiry_horizon_days
        self.expiring_filter.setText(ngettext("Ending within {count} day", "Ending within {count} days", days)
                                     .format(count=formatting.format_number(days)))
        self.expiring_filter.setToolTip(_("Only agreements in force that end within the warning period of the "
                                          "preferences, or have passed their end date"))

    # --- loading ---------------------------------------------------------------------------------
    def _open(self) -> None:
        self.model.query = self.current_query()
        self.model.set_database(self.context.db)
        self._after_reload(None)

    def _changed(self, topics) -> None:
        if TOPICS & set(topics) and self.context.db is not None:
            self.reload()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt naming
        # The warning period may have changed in Preferences while the page was hidden.
        if self.context.db is not None and self.model.query.horizon_days != self._horizon():
            self._update_horizon()
            self.apply_filters()
        super().showEvent(event)

    def _horizon(self) -> int:
        return self.context.preferences.options().expiry_horizon_days

    def current_query(self) -> AgreementQuery:
        return replace(self.model.query, search=self.search.text(), kind=self.kind_filter.currentData(),
                       status=self.status_filter.currentData(), expiring=self.expiring_filter.isChecked(),
                       horizon_days=self._horizon(), today=None)

    def apply_filters(self) -> None:
        if self._filling or self.context.db is None:
            return
        self.search_timer.stop()
        selected = self.selected_id()
        self.model.set_query(self.current_query())
        self._after_reload(selected)

    def reload(self) -> None:
        """Fetch the register again, keeping the selected agreement selected."""
        selected = self.selected_id()
        self.model.query = self.current_query()
        self.model.reload()
        self._after_reload(selected)

    #: Widest a column grows to fit its content (pixels), so the title keeps its room; a cut text is
    #: whole in the cell's tooltip, and the user may widen the column.
    COLUMN_CAPS = {COL_KIND: 140, COL_STATUS: 110, COL_PARTIES: 160, COL_ENDS: 170}  # the title keeps ~300 px

    def fit_columns(self) -> None:
        """Short columns fit their content (up to their cap); the title takes the room left."""
        header = self.table.horizontalHeader()
        for column, cap in self.COLUMN_CAPS.items():
            wanted = max(self.table.sizeHintForColumn(column), header.sectionSizeHint(column))
            header.resizeSection(column, min(wanted, cap))

    def _after_reload(self, selected: int | None) -> None:
        self.fit_columns()
        if selected is not None:
            self.select_id(selected)
        self._update_count()
        self.show_details()

    def _update_count(self) -> None:
        total = self.model.total
        self.count_label.setText(ngettext("{count} agreement", "{count} agreements", total).format(
            count=formatting.format_number(total)))
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        for button in (self.edit_button, self.delete_button, self.export_button, self.attach_button):
            button.setEnabled(chosen)
        has_document = chosen and bool(self.documents.selectedItems())
        self.save_document_button.setEnabled(has_document)
        self.remove_document_button.setEnabled(has_document)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return rows[0].data(ID_ROLE) if rows else None

    def select_id(self, agreement_id: int) -> None:
        row = self.model.row_of_id(agreement_id)
        while row < 0 and self.model.canFetchMore():  # a record just created may lie on a later page
            self.model.fetchMore()
            row = self.model.row_of_id(agreement_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, COL_TITLE))

    def show_details(self) -> None:
        agreement_id = self.selected_id()
        self.documents.clear()
        self.warning_list.clear()
        self.details.setVisible(agreement_id is not None)
        self.nothing_selected.setVisible(agreement_id is None)
        if agreement_id is None or self.context.db is None:
            self.staffing_label.hide()
            self.progress_model.set_rows([])
            self._update_tab_titles((0, 0, 0))
            self._update_buttons()
            return
        db = self.context.db
        try:
            record = agreements.get(db, agreement_id)
        except NotFoundError:  # deleted meanwhile (another window, an undo): the reload follows
            self.progress_model.set_rows([])
            return
        indicators = agreements.indicator_progress(db, agreement_id)
        self.progress_model.set_rows(indicators)
        listed = agreements.list_documents(db, agreement_id)
        for document in listed:
            item = QListWidgetItem(_("{name} — {size}, SHA-256 {digest}").format(
                name=document.file_name, size=_size_text(document.size), digest=document.sha256[:16] + "…"))
            item.setData(DOCUMENT_ID, document.id)
            item.setData(DOCUMENT_NAME, document.file_name)
            item.setToolTip(document.description or document.file_name)
            self.documents.addItem(item)
        if not self.documents.count():
            self.documents.addItem(_("No document is attached to this agreement."))
            self.documents.item(0).setFlags(Qt.ItemFlag.NoItemFlags)
        self._show_staffing(db, record.draft)
        warnings = agreements.partnership_warnings(db, record.draft)
        for warning in warnings:
            self.warning_list.addItem(f"⚠ {warning}")
        if not warnings:
            self.warning_list.addItem(_("Nothing departs from the recommendations for strategic partnerships.")
                                      if record.draft.kind == AgreementKind.STRATEGIC else
                                      _("The recommendations' warnings concern strategic partnerships only."))
        self._update_tab_titles((len(indicators), len(listed), len(warnings)))
        self._update_buttons()

    def _show_staffing(self, db, draft: AgreementDraft) -> None:
        self.staffing_label.setVisible(draft.kind == AgreementKind.STRATEGIC)
        if draft.kind == AgreementKind.STRATEGIC:
            self.staffing_label.setText(staffing_text(db, draft))

    # --- the editor ------------------------------------------------------------------------------
    def _db(self):
        if self.context.db is None:
            QMessageBox.information(self, _("Agreements"), _("The database is still opening. Try again in a moment."))
        return self.context.db

    def open_editor(self, draft, save, record_id: int | None = None, changed_draft=None):
        """The editor over ``draft`` (None: a new agreement); ``changed_draft``, when given, is put in its
        fields as unsaved changes (a draft recovered after a crash)."""
        from desktop_app.ui.agreements.dialog import AgreementEditor

        editor = AgreementEditor(self.context.db, save, changed_draft or draft, self.context.state_code or "",
                                 self, record_id, is_new=record_id is None)
        if changed_draft is not None:
            editor.set_baseline(draft)
        editor.exec()
        return editor

    def recover_draft(self, record_id: int | None, values: dict) -> None:
        """Open the editor with a draft left unsaved by a session that ended abruptly."""
        draft = from_jsonable(AgreementDraft, values)
        if record_id is not None:
            try:
                agreements.get(self.context.db, record_id)
            except NotFoundError:
                record_id = None
        if record_id is None:
            self.new_agreement(changed_draft=draft)
        else:
            self.edit_agreement(record_id, changed_draft=draft)

    def new_agreement(self, changed_draft=None) -> None:
        db = self._db()
        if db is None:
            return

        def save(draft):
            new_id = commands.run(self.undo_stack, commands.CreateRecord(
                db, agreements, draft, _("New agreement “{title}”").format(title=draft.title.strip())))
            self.reload()
            self.select_id(new_id)

        self.open_editor(None, save, changed_draft=changed_draft)

    def edit_selected(self) -> None:
        agreement_id = self.selected_id()
        if agreement_id is not None:
            self.edit_agreement(agreement_id)

    def edit_agreement(self, agreement_id: int, changed_draft=None) -> None:
        db = self._db()
        if db is None:
            return
        record = agreements.get(db, agreement_id)

        def save(draft):
            commands.run(self.undo_stack, commands.UpdateRecord(
                db, agreements, agreement_id, draft, _("Edit agreement “{title}”").format(title=draft.title.strip())))

        self.open_editor(record.draft, save, agreement_id, changed_draft)

    def delete_selected(self) -> None:
        db = self._db()
        agreement_id = self.selected_id()
        if db is None or agreement_id is None:
            return
        title = self.model.row_at(self.model.row_of_id(agreement_id)).title
        if not confirm.confirm_delete(self, _("Delete agreement"), _(
                "Delete “{title}” with its parties, target indicators, cooperation conditions and documents? "
                "You can undo this with Edit ▸ Undo.").format(title=title)):
            return
        commands.push(self.undo_stack, commands.DeleteRecord(
            db, agreements, agreement_id, _("Delete agreement “{title}”").format(title=title)), self)

    # --- documents -------------------------------------------------------------------------------
    def _selected_document(self) -> int | None:
        items = self.documents.selectedItems()
        return items[0].data(DOCUMENT_ID) if items else None

    def attach_document(self) -> None:
        db, agreement_id = self._db(), self.selected_id()
        if db is None or agreement_id is None:
            return
        path, _filter = QFileDialog.getOpenFileName(self, _("Attach a document to the agreement"))
        if not path:
            return
        from pathlib import Path

        commands.push(self.undo_stack, commands.ChangeRecord(
            db, agreements, agreement_id, lambda: agreements.attach_file(db, agreement_id, path),
            _("Attach {name}").format(name=Path(path).name)), self)

    def remove_document(self) -> None:
        db, agreement_id, document_id = self._db(), self.selected_id(), self._selected_document()
        if db is None or agreement_id is None or document_id is None:
            return
        name = self.documents.selectedItems()[0].data(DOCUMENT_NAME)
        if not confirm.confirm_delete(self, _("Remove document"), _(
                "Remove {name} from the agreement? You can undo this with Edit ▸ Undo.").format(name=name)):
            return
        commands.push(self.undo_stack, commands.ChangeRecord(
            db, agreements, agreement_id, lambda: agreements.remove_document(db, agreement_id, document_id),
            _("Remove {name}").format(name=name)), self)

    def save_document(self) -> None:
        db, document_id = self._db(), self._selected_document()
        if db is None or document_id is None:
            return
        from desktop_app.services import documents
        from desktop_app.ui.core.errors import show_error

        try:
            name, content = documents.document_content(db, document_id)
        except Exception as error:  # noqa: BLE001 - a damaged document is explained, not raised
            show_error(error, self)
            return
        path, _filter = QFileDialog.getSaveFileName(self, _("Save a copy of the document"), name)
        if not path:
            return
        try:
            with open(path, "wb") as handle:
                handle.write(content)
        except OSError as error:
            from desktop_app.domain.errors import UserError

            show_error(UserError("Cannot write {path}: {reason}", path=path, reason=error.strerror or str(error)),
                       self)

    # --- Erasmus Without Paper ------------------------------------------------------------------
    def export_selected(self) -> None:
        db, agreement_id = self._db(), self.selected_id()
        if db is None or agreement_id is None:
            return
        path, _filter = QFileDialog.getSaveFileName(self, _("Export to Erasmus Without Paper"),
                                                    f"iia-{agreement_id}.xml", _("EWP IIA files (*.xml)"))
        if not path:
            return
        from desktop_app.exchange.ewp_iia import export_agreement, left_out_note

        def export(_progress):
            return export_agreement(db, agreement_id, path), left_out_note(db, agreement_id)

        def done(outcome) -> None:
            written, note = outcome
            text = _("Wrote {path}; it satisfies the EWP IIA v7 schema.").format(path=written)
            # The organisations the file cannot carry are named, so nobody thinks they were sent.
            QMessageBox.information(self, _("Export to Erasmus Without Paper"),
                                    text if note is None else f"{text}\n\n{note.text()}")

        self.context.runner.run(export, title=_("Exporting"), on_done=done, parent=self)

    def import_file(self) -> None:
        db = self._db()
        if db is None:
            return
        path, _filter = QFileDialog.getOpenFileName(self, _("Import from Erasmus Without Paper"), "",
                                                    _("EWP IIA files (*.xml)"))
        if not path:
            return
        from desktop_app.exchange.ewp_import import preview_file

        self.context.runner.run(lambda _p: preview_file(db, path),
                                title=_("Checking {name}").format(name=path.rsplit("/", 1)[-1]),
                                on_done=self._show_import_preview, parent=self)

    def _show_import_preview(self, preview) -> None:
        """What the file would create and change, before anything is written."""
        from desktop_app.ui.agreements.ewp_import_dialog import EwpImportDialog

        self.ewp_dialog = EwpImportDialog(self.context, preview, self)
        self.ewp_dialog.imported.connect(self._imported)
        self.ewp_dialog.open()

    def _imported(self, result, before: dict, after: dict) -> None:
        """The import ran as one transaction; its new and changed agreements become one undo step."""
        from desktop_app.ui.agreements.ewp_import_dialog import record_import

        text = record_import(self.undo_stack, self.context.db, result, before, after)
        if result.created or result.updated:
            self.reload()
            self.select_id((result.created or result.updated)[0])
        QMessageBox.information(self, _("Import from Erasmus Without Paper"), text)


def _size_text(size: int) -> str:
    if size < 1024:
        return ngettext("{count} byte", "{count} bytes", size).format(count=formatting.format_number(size))
    if size < 1024 * 1024:
        return _("{size} KB").format(size=formatting.format_number(round(size / 1024, 1)))
    return _("{size} MB").format(size=formatting.format_number(round(size / (1024 * 1024), 1)))


def _progress_text(p) -> str:
    if p.progress is None:
        return _("not reported")
    return _("{percent} of the target").format(percent=formatting.format_percent(p.progress))
