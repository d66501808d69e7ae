"""The agreements page: the register with expiry highlighting, the editor, target-indicator progress,
documents, and EWP export/import. Every change can be undone from the Edit menu."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.agreements import KIND_LABELS, STATUS_LABELS
from desktop_app.i18n import N_, _, formatting
from desktop_app.ui.common.record_widgets import Column, RowsTableModel, push_command
from desktop_app.ui.core.language import Retranslatable

TOPICS = {"agreements", "universities", "documents"}
EXPIRED_COLOUR, EXPIRING_COLOUR = "#f6d5d3", "#fbeccb"


def _parties(row) -> str:
    names = [p["name"] for p in row.parties]
    return ", ".join(names[:3]) + (_(" and {count} more").format(count=len(names) - 3) if len(names) > 3 else "")


def _ends(row) -> str:
    if row.valid_to is None:
        return "—"
    text = formatting.format_date(row.valid_to)
    if row.expiring and row.days_left is not None:
        return (_("{date} (ended)") if row.days_left < 0 else _("{date} (in {days} days)")).format(
            date=text, days=row.days_left)
    return text


COLUMNS = [
    Column(N_("Title"), lambda r: r.title),
    Column(N_("Kind"), lambda r: r.kind, lambda r: _(KIND_LABELS.get(r.kind, r.kind))),
    Column(N_("Status"), lambda r: r.status, lambda r: _(STATUS_LABELS.get(r.status, r.status))),
    Column(N_("Parties"), lambda r: len(r.parties), _parties),
    Column(N_("Signed"), lambda r: r.signing_date),
    Column(N_("Valid to"), lambda r: r.valid_to, _ends),
]


class AgreementsPage(Retranslatable, QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("page_agreements")
        self.undo_stack = QUndoStack(self)
        self.heading = QLabel(objectName="pageHeading")
        self.search = QLineEdit(objectName="search")
        self.search.setClearButtonEnabled(True)
        self.kind_filter = QComboBox(objectName="kindFilter")
        self.new_button = QPushButton(objectName="newAgreement")
        self.edit_button = QPushButton(objectName="editAgreement")
        self.delete_button = QPushButton(objectName="deleteAgreement")
        self.attach_button = QPushButton(objectName="attachDocument")
        self.export_button = QPushButton(objectName="exportEwp")
        self.import_button = QPushButton(objectName="importEwp")
        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.kind_filter, 2)
        tools = QHBoxLayout()
        tools.addStretch(1)
        for button in (self.new_button, self.edit_button, self.delete_button, self.attach_button,
                       self.export_button, self.import_button):
            tools.addWidget(button)

        self.model = RowsTableModel(COLUMNS, self._highlight, self)
        self.table = QTableView(objectName="agreementsTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, width in ((1, 200), (2, 100), (3, 240), (4, 110), (5, 180)):
            header.resizeSection(column, width)
        self.table.verticalHeader().hide()
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())

        self.details = QTabWidget(objectName="agreementDetails")
        self.progress_model = RowsTableModel([
            Column(N_("Indicator"), lambda p: p.name),
            Column(N_("Year"), lambda p: p.year),
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
        self.warning_list = QListWidget(objectName="agreementWarnings")
        self.details.addTab(self.progress_view, "")
        self.details.addTab(self.documents, "")
        self.details.addTab(self.warning_list, "")

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setSizes([420, 200])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self.heading)
        layout.addLayout(filters)
        layout.addLayout(tools)
        layout.addWidget(splitter, 1)

        self.new_button.clicked.connect(self.new_agreement)
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.attach_button.clicked.connect(self.attach_document)
        self.export_button.clicked.connect(self.export_selected)
        self.import_button.clicked.connect(self.import_file)
        self.search.textChanged.connect(lambda _t: self.refresh())
        self.kind_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self.show_details())
        self.retranslate()
        context.bus.changed.connect(self._changed)
        context.database_opened.connect(lambda _db: self.refresh())
        if context.db is not None:
            self.refresh()

    def retranslate(self) -> None:
        self.heading.setText(_("Agreements"))
        self.search.setPlaceholderText(_("Search titles, references, parties and signatories"))
        current = self.kind_filter.currentData()
        self.kind_filter.blockSignals(True)
        self.kind_filter.clear()
        self.kind_filter.addItem(_("All kinds"), "")
        for key, label in KIND_LABELS.items():
            self.kind_filter.addItem(_(label), key)
        self.kind_filter.setCurrentIndex(max(0, self.kind_filter.findData(current)))
        self.kind_filter.blockSignals(False)
        self.new_button.setText(_("&New…"))
        self.edit_button.setText(_("&Edit…"))
        self.delete_button.setText(_("&Delete"))
        self.attach_button.setText(_("Attach &document…"))
        self.export_button.setText(_("Export to &EWP…"))
        self.import_button.setText(_("&Import from EWP…"))
        for index, text in enumerate((_("Target indicators"), _("Documents"), _("Warnings"))):
            self.details.setTabText(index, text)
        self.model.retranslate()
        self.progress_model.retranslate()

    # --- data ------------------------------------------------------------------------------------
    def _warning_days(self) -> int:
        from desktop_app.ui.core import settings

        return self.context.preferences.get(settings.AGREEMENT_WARNING_DAYS)

    @staticmethod
    def _highlight(row) -> str | None:
        if not row.expiring:
            return None
        return EXPIRED_COLOUR if (row.days_left or 0) < 0 else EXPIRING_COLOUR

    def _changed(self, topics) -> None:
        if TOPICS & set(topics):
            self.refresh()

    def refresh(self) -> None:
        if self.context.db is None:
            return
        from desktop_app.services.agreements import list_agreements

        selected = self.selected_id()
        rows = list_agreements(self.context.db, search=self.search.text(), kind=self.kind_filter.currentData() or None,
                               warning_days=self._warning_days())
        self.model.set_rows(rows)
        for r in range(self.model.rowCount()):
            if self.model.row_at(r).id == selected:
                self.table.selectRow(r)
        self.show_details()

    def selected_id(self) -> int | None:
        indexes = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        row = self.model.row_at(indexes[0].row()) if indexes else None
        return row.id if row else None

    def select_id(self, agreement_id: int) -> None:
        for r in range(self.model.rowCount()):
            if self.model.row_at(r).id == agreement_id:
                self.table.selectRow(r)

    def show_details(self) -> None:
        agreement_id = self.selected_id()
        self.documents.clear()
        self.warning_list.clear()
        if agreement_id is None or self.context.db is None:
            self.progress_model.set_rows([])
            return
        from desktop_app.services import agreements, documents

        db = self.context.db
        self.progress_model.set_rows(agreements.indicator_progress(db, agreement_id))
        for doc in documents.list_documents(db, "agreement", agreement_id):
            self.documents.addItem(_("{name} — {size} bytes, SHA-256 {digest}").format(
                name=doc.file_name, size=formatting.format_number(doc.size), digest=doc.sha256[:16] + "…"))
        _uuid, draft = agreements.get_agreement(db, agreement_id)
        for warning in agreements.partnership_warnings(db, draft):
            self.warning_list.addItem(f"⚠ {warning}")

    # --- actions ---------------------------------------------------------------------------------
    def _dialog(self, draft=None):
        from desktop_app.ui.agreements.dialog import AgreementDialog

        return AgreementDialog(self.context.db, self.context.state_code or "", draft, self)

    def new_agreement(self) -> None:
        if self.context.db is None:
            return
        dialog = self._dialog()
        if not dialog.exec() or dialog.result_draft is None:
            return
        self.create_from_draft(dialog.result_draft)

    def create_from_draft(self, draft) -> bool:
        from desktop_app.services import agreements

        db = self.context.db
        state = {"id": None, "uuid": None}

        def do() -> None:
            state["id"] = agreements.create_agreement(db, draft, uuid=state["uuid"])
            state["uuid"] = agreements.get_agreement(db, state["id"])[0]

        def undo() -> None:
            agreements.delete_agreement(db, state["id"])

        done = push_command(self.undo_stack, _("New agreement “{title}”").format(title=draft.title), do, undo, self)
        if done:
            self.refresh()
            self.select_id(state["id"])
        return done

    def edit_selected(self) -> None:
        agreement_id = self.selected_id()
        if agreement_id is None:
            return
        from desktop_app.services import agreements

        db = self.context.db
        _uuid, before = agreements.get_agreement(db, agreement_id)
        dialog = self._dialog(before)
        if not dialog.exec() or dialog.result_draft is None:
            return
        after = dialog.result_draft
        push_command(self.undo_stack, _("Edit agreement “{title}”").format(title=after.title),
                     lambda: agreements.update_agreement(db, agreement_id, after),
                     lambda: agreements.update_agreement(db, agreement_id, before), self)

    def delete_selected(self) -> None:
        agreement_id = self.selected_id()
        if agreement_id is None:
            return
        from desktop_app.services import agreements, documents

        db = self.context.db
        uuid, draft = agreements.get_agreement(db, agreement_id)
        question = _("Delete “{title}” with its indicators and documents?").format(title=draft.title)
        answer = QMessageBox.question(self, _("Delete agreement"), question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        kept = [(d.file_name, documents.document_content(db, d.id)[1], d.description)
                for d in documents.list_documents(db, "agreement", agreement_id)]
        state = {"id": agreement_id}

        def undo() -> None:
            state["id"] = agreements.create_agreement(db, draft, uuid=uuid)
            for name, content, description in kept:
                documents.attach_bytes(db, "agreement", state["id"], name, content, description, "agreements")

        push_command(self.undo_stack, _("Delete agreement “{title}”").format(title=draft.title),
                     lambda: agreements.delete_agreement(db, state["id"]), undo, self)

    def attach_document(self) -> None:
        agreement_id = self.selected_id()
        if agreement_id is None:
            return
        path, _filter = QFileDialog.getOpenFileName(self, _("Attach a document to the agreement"))
        if not path:
            return
        from desktop_app.services import documents

        db = self.context.db
        state = {}

        def do() -> None:
            state["id"] = documents.attach_file(db, "agreement", agreement_id, path, topic="agreements")

        push_command(self.undo_stack, _("Attach document"), do,
                     lambda: documents.remove_document(db, state["id"], "agreements"), self)

    def export_selected(self) -> None:
        agreement_id = self.selected_id()
        if agreement_id is None:
            return
        path, _filter = QFileDialog.getSaveFileName(self, _("Export to Erasmus Without Paper"),
                                                    f"iia-{agreement_id}.xml", _("EWP IIA files (*.xml)"))
        if not path:
            return
        from desktop_app.exchange.ewp_iia import export_agreement

        db = self.context.db
        self.context.runner.run(lambda _p: export_agreement(db, agreement_id, path), title=_("Exporting"),
                                on_done=lambda written: QMessageBox.information(
                                    self, _("Export to Erasmus Without Paper"),
                                    _("Wrote {path}; it satisfies the EWP IIA v7 schema.").format(path=written)),
                                parent=self)

    def import_file(self) -> None:
        if self.context.db is None:
            return
        path, _filter = QFileDialog.getOpenFileName(self, _("Import from Erasmus Without Paper"), "",
                                                    _("EWP IIA files (*.xml)"))
        if not path:
            return
        from desktop_app.exchange.ewp_iia import import_file

        db = self.context.db
        self.context.runner.run(lambda _p: import_file(db, path), title=_("Importing"),
                                on_done=self._imported, parent=self)

    def _imported(self, result) -> None:
        from desktop_app.i18n import ngettext

        text = ngettext("Imported {count} agreement.", "Imported {count} agreements.", len(result.created)).format(
            count=len(result.created))
        if result.skipped:
            text += "\n" + ngettext("{count} agreement was already recorded and left unchanged.",
                                    "{count} agreements were already recorded and left unchanged.",
                                    len(result.skipped)).format(count=len(result.skipped))
        QMessageBox.information(self, _("Import from Erasmus Without Paper"), text)


def _progress_text(p) -> str:
    if p.progress is None:
        return _("not reported")
    return _("{percent} of the target").format(percent=formatting.format_percent(p.progress))
