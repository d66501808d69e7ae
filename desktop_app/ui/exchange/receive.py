"""Receiving a package: open it (every check runs before anything else), see who signed it — and
trust a new key only after comparing its fingerprint —, preview what it would do per kind of record
(new, changed, unchanged, deleted, conflicting, refused, with the changed fields of each record),
then import it as one step. Preview and import run in the background with progress and cancel."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import _, ngettext
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.exchange.common import fill, make_table, state_text

STATUS_ORDER = ("new", "changed", "unchanged", "deleted", "conflicts", "refused")


def _status_titles() -> dict[str, str]:
    return {"new": _("New"), "changed": _("Changed"), "unchanged": _("Unchanged"), "deleted": _("Deleted"),
            "conflicts": _("Conflicting"), "refused": _("Refused")}


class ReceiveTab(Retranslatable, QWidget):
    def __init__(self, context, on_imported=None, parent=None):
        super().__init__(parent)
        self.context = context
        self.on_imported = on_imported
        self.path: Path | None = None
        self.inspection = None
        self.result = None
        self.outcome: str = ""
        self.open_button = QPushButton(objectName="exchange_open")
        self.open_button.clicked.connect(lambda: self.open_package())
        self.header = QLabel(wordWrap=True, objectName="exchange_package_header")
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.trust_box = QCheckBox(objectName="exchange_trust_key")
        self.trust_box.setVisible(False)
        self.trust_box.toggled.connect(lambda checked: self.preview_button.setEnabled(checked))
        self.preview_button = QPushButton(objectName="exchange_preview")
        self.preview_button.setEnabled(False)
        self.preview_button.clicked.connect(lambda: self.preview())
        self.kinds_table = make_table("exchange_preview_kinds", 7)
        self.kinds_table.horizontalHeader().setStretchLastSection(False)
        self.records_table = make_table("exchange_preview_records", 4)
        self.records_table.horizontalHeader().setMaximumSectionSize(420)
        self.deletions_box = QCheckBox(objectName="exchange_apply_deletions")
        self.deletions_box.setChecked(True)
        self.deletions_box.setVisible(False)
        self.note = QLabel(wordWrap=True, objectName="exchange_import_note")
        self.import_button = QPushButton(objectName="exchange_import")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(lambda: self.apply())
        self.status = QLabel(wordWrap=True, objectName="exchange_import_status")

        top = QHBoxLayout()
        top.addWidget(self.open_button)
        top.addWidget(self.preview_button)
        top.addStretch(1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.kinds_table)
        split.addWidget(self.records_table)
        bottom = QHBoxLayout()
        bottom.addWidget(self.deletions_box)
        bottom.addStretch(1)
        bottom.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.header)
        layout.addWidget(self.trust_box)
        layout.addWidget(split, 1)
        layout.addWidget(self.note)
        layout.addLayout(bottom)
        layout.addWidget(self.status)
        self.retranslate()

    # --- texts ---------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.open_button.setText(_("&Open a package…"))
        self.preview_button.setText(_("&Preview"))
        self.import_button.setText(_("&Import"))
        self.trust_box.setText(_("I compared this fingerprint with the sender's coordinator: trust the key"))
        self.note.setText(_("An import is one step: it cannot be undone record by record. A copy of the database "
                            "is made before it is applied; conflicts wait for your decision and nothing is "
                            "overwritten silently."))
        self._show_header()
        self._show_result()
        self.status.setText(self._outcome_text())

    def _show_header(self) -> None:
        inspection = self.inspection
        if inspection is None:
            self.header.setText(_("Open a package (.cicapkg) received from another coordinator or the working "
                                  "group."))
            return
        from desktop_app.exchange.package_format import parse_time
        from desktop_app.i18n.formatting import format_datetime

        manifest = inspection.manifest
        texts = {"valid": _("signed with the key trusted for {state}"),
                 "unknown-key": _("signed with a key not trusted yet"),
                 "invalid": _("its signature does not match"), "missing": _("not signed")}
        lines = [_("From {state} ({coordinator}), made on {made}: {signature}.").format(
            state=state_text(inspection.sender), coordinator=manifest["sender"].get("coordinator") or "—",
            made=format_datetime(parse_time(manifest["created_at"])),
            signature=texts[inspection.signature].format(state=state_text(inspection.sender)))]
        lines.append(_("Key fingerprint: {fingerprint}").format(fingerprint=inspection.fingerprint))
        if inspection.key_changed:
            lines.append(_("Warning: {state} signed its earlier packages with another key ({previous}). Accept the "
                           "new key only if its coordinator confirms it.").format(
                state=state_text(inspection.sender), previous=inspection.trusted_fingerprint))
        lines.append(_("Personal data: {included}").format(
            included=_("included") if manifest["personal_data"] else _("left out")))
        self.header.setText("\n".join(lines))

    def _show_result(self) -> None:
        from desktop_app.services.package_fields import kind_title

        titles = _status_titles()
        result = self.result
        kinds = list(result.kinds.items()) if result else []
        fill(self.kinds_table, [_("Records")] + [titles[s] for s in STATUS_ORDER],
             [[kind_title(kind)] + [getattr(counts, s) for s in STATUS_ORDER] for kind, counts in kinds])
        notes = [note for _kind, counts in kinds for note in counts.notes]
        rows, tips = [], []
        for note in notes:
            detail = note.message.text() if note.message is not None else ""
            fields = ", ".join(note.fields)
            rows.append([kind_title(note.kind), note.label, titles[note.status], fields or detail])
            tips.append(["", note.uuid, "", detail])
        fill(self.records_table, [_("Kind"), _("Record"), _("What happens"), _("Fields or reason")], rows, tips)
        deleted = result.totals()["deleted"] if result else 0
        self.deletions_box.setVisible(bool(deleted) and not (result and result.applied))
        if deleted:
            self.deletions_box.setText(ngettext(
                "Also delete the {count} record that {state} deleted", "Also delete the {count} records that "
                "{state} deleted", deleted).format(count=deleted, state=state_text(result.sender)))

    def _outcome_text(self) -> str:
        if not self.outcome:
            return ""
        if self.outcome == "cancelled":
            return _("Cancelled; nothing was changed.")
        totals = self.result.totals() if self.result else {}
        if self.outcome == "applied":
            return _("Imported. New: {new}; changed: {changed}; deleted: {deleted}; conflicts waiting for your "
                     "decision: {conflicts}.").format(**totals)
        return _("Preview: nothing was written yet.")

    # --- actions --------------------------------------------------------------------------------------
    def open_package(self, path: str | None = None) -> None:
        if self.context.db is None:
            return
        if path is None:
            path, _filter = QFileDialog.getOpenFileName(self, _("Open a package"), str(Path.home()),
                                                        _("Data packages (*.cicapkg)"))
            if not path:
                return
        from desktop_app.exchange.package_import import inspect_package

        self.path, self.inspection, self.result, self.outcome = Path(path), None, None, ""
        self.trust_box.setChecked(False)
        self._refresh_controls()
        db = self.context.db
        self.context.runner.run(lambda _progress: inspect_package(db, Path(path)), title=_("Checking the package"),
                                parent=self, on_done=self._inspected)

    def _inspected(self, inspection) -> None:
        self.inspection = inspection
        self.retranslate()
        if inspection.signature == "valid":
            self.preview()
        else:
            self.trust_box.setVisible(inspection.signature == "unknown-key")
            self.preview_button.setEnabled(False)
            if inspection.signature in ("invalid", "missing"):
                self.status.setText(_("This package cannot be imported: it is not signed, or its signature does not "
                                      "match its contents."))

    def _run(self, dry_run: bool) -> None:
        from desktop_app.exchange.package_import import import_package
        from desktop_app.ui.core import settings

        db, path = self.context.db, self.path
        assert path is not None  # only offered once a package is open
        options = self.context.preferences.options()
        trust = self.trust_box.isChecked()
        deletions = self.deletions_box.isChecked()
        kept = self.context.preferences.get(settings.BACKUPS_KEPT)
        self.import_button.setEnabled(False)
        self.preview_button.setEnabled(False)

        def done(result) -> None:
            self.result, self.outcome = result, "applied" if result.applied else "preview"
            self._show_result()
            self.status.setText(self._outcome_text())
            self._refresh_controls()
            if result.applied and self.on_imported is not None:
                self.on_imported(result)

        def cancelled() -> None:
            self.outcome = "cancelled"
            self.status.setText(self._outcome_text())
            self._refresh_controls()

        def failed(error) -> None:
            self._refresh_controls()
            self.context.runner.error_handler(error, self)

        self.context.runner.run(
            lambda progress: import_package(db, path, options=options, dry_run=dry_run, trust_key=trust,
                                            apply_deletions=deletions, backups_kept=kept, progress=progress),
            title=_("Previewing the package") if dry_run else _("Importing the package"), parent=self,
            on_done=done, on_cancelled=cancelled, on_error=failed)

    def preview(self) -> None:
        if self.path is not None:
            self._run(dry_run=True)

    def apply(self) -> None:
        if self.result is not None and not self.result.applied:
            self._run(dry_run=False)

    def _refresh_controls(self) -> None:
        previewed = self.result is not None and not self.result.applied
        self.import_button.setEnabled(previewed)
        trusted = self.inspection is not None and (self.inspection.signature == "valid" or self.trust_box.isChecked())
        self.preview_button.setEnabled(self.path is not None and trusted)
        if self.inspection is None or self.inspection.signature == "valid":
            self.trust_box.setVisible(False)
