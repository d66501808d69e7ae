"""What an EWP file would do, shown before anything is written: each IIA with what it creates or
changes, field by field (before → after); the user imports it all or nothing."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from desktop_app.i18n import _, ngettext
from desktop_app.services import agreements, records
from desktop_app.ui.core import commands
from desktop_app.ui.core.language import Retranslatable


def _apply(db, preview):
    """Import the preview, with each changed agreement's snapshot before and after (for undo)."""
    from desktop_app.exchange.ewp_import import apply_preview

    changed = [item.agreement_id for item in preview.items if item.action == "update" and item.agreement_id]
    before = {i: records.snapshot_of(db, agreements.KIND, i) for i in changed}
    outcome = apply_preview(db, preview)
    after = {i: records.snapshot_of(db, agreements.KIND, i) for i in changed}
    return outcome, before, after


class EwpImportDialog(Retranslatable, QDialog):
    #: (outcome, snapshots before, snapshots after) once the import is written
    imported = Signal(object, object, object)

    def __init__(self, context, preview, parent=None):
        super().__init__(parent)
        self.setObjectName("ewpImport")
        self.context, self.preview = context, preview
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setWordWrap(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        for column in (1, 2):  # before and after share what the field names leave
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.tree.setColumnWidth(0, 260)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.import_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.clicked.connect(self.run_import)
        self.import_button.setEnabled(preview.count("create") + preview.count("update") > 0)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.buttons)
        self.resize(820, 520)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Import from Erasmus Without Paper"))
        self.summary.setText(self.preview.summary() + "\n" + _(
            "An agreement on record keeps its title, kind, approach, indicators, staffing shares and validity "
            "dates: an IIA does not carry them. Nothing is written until you press Import."))
        self.tree.setHeaderLabels([_("Agreement or field"), _("Now"), _("After the import")])
        self.import_button.setText(_("&Import"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self._fill()

    def _fill(self) -> None:
        self.tree.clear()
        actions = {"create": _("new agreement"), "update": _("changes the agreement on record"),
                   "unchanged": _("already recorded, unchanged")}
        for item in self.preview.items:
            top = QTreeWidgetItem([_("IIA {number} ({code}): {what} — {title}").format(
                number=item.number, code=item.code or "—", what=actions[item.action], title=item.draft.title)])
            for change in item.changes:
                row = QTreeWidgetItem([str(change.label), change.before or "—", change.after or "—"])
                for column in (1, 2):
                    row.setToolTip(column, row.text(column))
                top.addChild(row)
            warning = None
            if not item.hash_matches:
                warning = QTreeWidgetItem([_("Its iia-hash is not the one its cooperation conditions give (EWP v7): "
                                             "the partner's system may compute it differently, or the file was "
                                             "edited.")])
                top.addChild(warning)
            self.tree.addTopLevelItem(top)
            top.setFirstColumnSpanned(True)
            if warning is not None:
                warning.setFirstColumnSpanned(True)
            top.setExpanded(True)

    def run_import(self) -> None:
        db, preview = self.context.db, self.preview
        self.import_button.setEnabled(False)
        self.context.runner.run(lambda _progress: _apply(db, preview), title=_("Importing"),
                                on_done=self._done, parent=self)

    def _done(self, result) -> None:
        self.imported.emit(*result)
        self.accept()


def record_import(stack, db, result, before: dict, after: dict) -> str:
    """Keep an import that was written as one undo step (undoing it removes the agreements it created and
    puts back those it changed); answers the sentence that tells the user what it did."""
    count = len(result.created) + len(result.updated)
    if count:
        stack.beginMacro(ngettext("Import {count} agreement from EWP", "Import {count} agreements from EWP",
                                  count).format(count=count))
        for agreement_id in result.created:
            commands.record_done(stack, commands.CreateRecord.done(db, agreements, agreement_id,
                                                                   _("Import from Erasmus Without Paper")))
        for agreement_id in result.updated:
            commands.record_done(stack, commands.ChangeRecord.done(db, agreements, agreement_id, before[agreement_id],
                                                                   after[agreement_id],
                                                                   _("Import from Erasmus Without Paper")))
        stack.endMacro()
    text = ngettext("Imported {count} agreement.", "Imported {count} agreements.", len(result.created)).format(
        count=len(result.created))
    if result.updated:
        text += "\n" + ngettext("{count} agreement on record was changed.",
                                "{count} agreements on record were changed.", len(result.updated)).format(
            count=len(result.updated))
    if result.skipped:
        text += "\n" + ngettext("{count} agreement was already recorded and left unchanged.",
                                "{count} agreements were already recorded and left unchanged.",
                                len(result.skipped)).format(count=len(result.skipped))
    return text
