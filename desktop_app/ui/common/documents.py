"""The files attached to one record (an event's outcome, a road-map action's evidence, a meeting's signed
minutes): listed with their size, attached, saved elsewhere, removed after asking. Each change is one
``ChangeRecord`` on the record, so Edit ▸ Undo takes it back like any other change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import UserError
from desktop_app.i18n import _, formatting, ngettext
from desktop_app.services import documents
from desktop_app.ui.common import confirm
from desktop_app.ui.core import commands
from desktop_app.ui.core.errors import show_error
from desktop_app.ui.core.language import Retranslatable


@dataclass(frozen=True)
class DocumentTexts:
    """How the record's documents are spoken of (each callable gets the file's name)."""

    attach_button: Callable[[], str]  # the button, in the language of the moment
    attached: Callable[[str], str]  # the undo step of an attachment
    removed: Callable[[str], str]  # the undo step of a removal
    remove_question: Callable[[str], str]  # asked before removing


def file_size(size: int) -> str:
    if size < 1024:
        return ngettext("{count} byte", "{count} bytes", size).format(count=formatting.format_number(size))
    if size < 1024 * 1024:
        return _("{size} KB").format(size=formatting.format_number(round(size / 1024, 1)))
    return _("{size} MB").format(size=formatting.format_number(round(size / (1024 * 1024), 1)))


class DocumentList(Retranslatable, QWidget):
    def __init__(self, undo_stack, texts: DocumentTexts, parent=None, name: str = "documents"):
        super().__init__(parent)
        self.undo_stack = undo_stack
        self.texts = texts
        self.db = None
        self.service: ModuleType | None = None
        self.record_id: int | None = None
        self.list = QListWidget(objectName=name)
        self.list.setMinimumHeight(48)
        self.attach = QPushButton(objectName="attachDocument")
        self.save = QPushButton(objectName="saveDocument")
        self.remove = QPushButton(objectName="removeDocument")
        buttons = QHBoxLayout()
        for button in (self.attach, self.save, self.remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.attach.clicked.connect(self.attach_file)
        self.save.clicked.connect(self.save_copy)
        self.remove.clicked.connect(self.remove_selected)
        self.list.itemSelectionChanged.connect(self._update_buttons)
        self.list.itemDoubleClicked.connect(lambda _item: self.save_copy())
        self.retranslate()

    def retranslate(self) -> None:
        self.attach.setText(self.texts.attach_button())
        self.save.setText(_("Save a copy…"))
        self.remove.setText(_("Remove"))
        self.refresh()

    def show_record(self, db, service: ModuleType | None, record_id: int | None) -> None:
        """The documents of ``record_id`` of the area ``service`` (None: no record, nothing to show)."""
        self.db, self.service, self.record_id = db, service, record_id
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        if self.db is not None and self.service is not None and self.record_id is not None:
            for doc in documents.list_documents(self.db, self.service.DOCUMENTS, self.record_id):
                item = QListWidgetItem(_("{name} ({size})").format(name=doc.file_name, size=file_size(doc.size)))
                item.setData(Qt.ItemDataRole.UserRole, doc.id)
                item.setData(Qt.ItemDataRole.UserRole + 1, doc.file_name)
                item.setToolTip(_("SHA-256: {sha256}").format(sha256=doc.sha256))
                self.list.addItem(item)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_record = self.record_id is not None and self.db is not None
        chosen = has_record and bool(self.list.selectedItems())
        self.attach.setEnabled(has_record)
        self.save.setEnabled(chosen)
        self.remove.setEnabled(chosen)

    def _chosen(self) -> tuple[int, str] | None:
        items = self.list.selectedItems()
        if not items:
            return None
        return items[0].data(Qt.ItemDataRole.UserRole), items[0].data(Qt.ItemDataRole.UserRole + 1)

    def attach_file(self) -> None:
        db, service, record_id = self.db, self.service, self.record_id
        if db is None or service is None or record_id is None:
            return
        path, _filter = QFileDialog.getOpenFileName(self, _("Attach a document"))
        if not path:
            return
        commands.push(self.undo_stack, commands.ChangeRecord(
            db, service, record_id,
            lambda: documents.attach_file(db, service.DOCUMENTS, record_id, path, topic=service.TOPIC),
            self.texts.attached(Path(path).name)), self)
        self.refresh()

    def save_copy(self) -> None:
        chosen = self._chosen()
        if chosen is None or self.db is None:
            return
        try:
            name, content = documents.document_content(self.db, chosen[0])
        except UserError as error:
            show_error(error, self)
            return
        path, _filter = QFileDialog.getSaveFileName(self, _("Save a copy"), name)
        if not path:
            return
        try:
            Path(path).write_bytes(content)
        except OSError as error:
            show_error(UserError("Cannot write {path}: {reason}", path=path, reason=error.strerror or str(error)),
                       self)

    def remove_selected(self) -> None:
        chosen, db, service, record_id = self._chosen(), self.db, self.service, self.record_id
        if chosen is None or db is None or service is None or record_id is None:
            return
        document_id, name = chosen
        if not confirm.confirm_delete(self, _("Remove document"), self.texts.remove_question(name)):
            return
        commands.push(self.undo_stack, commands.ChangeRecord(
            db, service, record_id, lambda: documents.remove_document(db, document_id, service.TOPIC),
            self.texts.removed(name)), self)
        self.refresh()


class DocumentsDialog(Retranslatable, QDialog):
    """The documents of one record in a window of their own (changes are made at once, each undoable)."""

    def __init__(self, db, service: ModuleType, record_id: int, title: Callable[[], str], undo_stack,
                 texts: DocumentTexts, parent=None):
        super().__init__(parent)
        self.setObjectName("documentsDialog")
        self.title = title
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.documents = DocumentList(undo_stack, texts, self)
        self.documents.show_record(db, service, record_id)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.documents, 1)
        layout.addWidget(buttons)
        self.retranslate()
        self.resize(560, 360)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Documents"))
        self.heading.setText(self.title())
