"""Import of recognition cases: the file is checked in the background, the preview lists valid rows
and every error (line and field), and nothing is written until the user confirms."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
)

from desktop_app.domain.recognition import label
from desktop_app.i18n import _, formatting, ngettext

PREVIEW_ROWS = 500  # the preview shows the first rows; every row is checked and imported


class ImportDialog(QDialog):
    def __init__(self, context, path: str, parent=None):
        super().__init__(parent)
        self.context, self.path = context, path
        self.preview = None
        self.imported: int | None = None
        self.setObjectName("recognition_import")
        self.setWindowTitle(_("Import recognition cases"))
        self.resize(900, 560)
        self.summary = QLabel(_("Checking {file}…").format(file=path))
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget()
        self.valid = QTableWidget(0, 6)
        self.errors = QTableWidget(0, 3)
        for table in (self.valid, self.errors):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.horizontalHeader().setStretchLastSection(True)
            table.verticalHeader().hide()
        self.valid.setHorizontalHeaderLabels([_("Line"), _("Reference"), _("Countries"), _("Qualification"),
                                              _("Received"), _("Outcome")])
        self.errors.setHorizontalHeaderLabels([_("Line"), _("Field"), _("Problem")])
        self.tabs.addTab(self.valid, _("Valid rows"))
        self.tabs.addTab(self.errors, _("Errors"))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("confirm_import")
        self.import_button.setEnabled(False)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.check()

    def check(self) -> None:
        from desktop_app.exchange.recognition_files import preview_import

        db, path = self.context.db, self.path
        self.context.runner.run(lambda progress: preview_import(db, path, progress),
                                title=_("Checking the file"), on_done=self.show_preview, parent=self,
                                on_error=self._failed)

    def _failed(self, error) -> None:
        from desktop_app.ui.core.errors import show_error

        self.summary.setText(_("The file cannot be imported."))
        show_error(error, self)

    def show_preview(self, preview) -> None:
        self.preview = preview
        valid, bad = len(preview.drafts), len(preview.error_lines)
        text = ngettext("{count} row can be imported.", "{count} rows can be imported.", valid).format(
            count=formatting.format_number(valid))
        if bad:
            text += " " + ngettext("{count} row has errors and will be skipped.",
                                   "{count} rows have errors and will be skipped.", bad).format(
                count=formatting.format_number(bad))
        self.summary.setText(text + " " + _("Nothing is written until you press Import."))
        shown = preview.drafts[:PREVIEW_ROWS]
        self.valid.setRowCount(len(shown))
        for r, (line, draft) in enumerate(shown):
            for c, value in enumerate([str(line), draft.reference,
                                       f"{draft.issuing_country} → {draft.recognising_country}",
                                       draft.qualification_title, formatting.format_date(draft.received_on),
                                       label(draft.outcome)]):
                self.valid.setItem(r, c, QTableWidgetItem(value))
        self.errors.setRowCount(len(preview.errors))
        for r, error in enumerate(preview.errors):
            for c, value in enumerate([str(error.line), error.field, error.message]):
                self.errors.setItem(r, c, QTableWidgetItem(value))
        self.tabs.setTabText(1, _("Errors ({count})").format(count=len(preview.errors)))
        if bad:
            self.tabs.setCurrentIndex(1)
        self.import_button.setEnabled(valid > 0)

    def confirm(self) -> None:
        from desktop_app.exchange.recognition_files import commit_import

        if self.preview is None:
            return
        self.import_button.setEnabled(False)
        db, preview = self.context.db, self.preview
        self.context.runner.run(lambda progress: commit_import(db, preview, progress),
                                title=_("Importing recognition cases"), on_done=self._done, parent=self,
                                on_cancelled=lambda: self.import_button.setEnabled(True))

    def _done(self, count: int) -> None:
        self.imported = count
        QMessageBox.information(self, _("Import finished"),
                                ngettext("Imported {count} case.", "Imported {count} cases.", count).format(
                                    count=count))
        self.accept()
