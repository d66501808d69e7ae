"""Sending a package: this database's records (or, for the working group, everyone's), whole or what
changed since a date, with or without personal data; written in the background with progress."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import _, ngettext
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.exchange.common import state_text


class SendTab(Retranslatable, QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.summary = None
        self.identity_label = QLabel(wordWrap=True, objectName="exchange_identity")
        self.since_box = QCheckBox(objectName="exchange_since_enabled")
        self.since_date = QDateEdit(objectName="exchange_since")
        self.since_date.setCalendarPopup(True)
        self.since_date.setDate(QDate.currentDate().addMonths(-3))
        self.since_date.setEnabled(False)
        self.since_box.toggled.connect(self.since_date.setEnabled)
        self.personal_box = QCheckBox(objectName="exchange_personal")
        self.all_box = QCheckBox(objectName="exchange_all")
        self.export_button = QPushButton(objectName="exchange_export")
        self.export_button.clicked.connect(lambda: self.export())
        self.status = QLabel(wordWrap=True, objectName="exchange_export_status")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        since_row = QHBoxLayout()
        since_row.addWidget(self.since_box)
        since_row.addWidget(self.since_date)
        since_row.addStretch(1)
        self.since_label = QLabel()
        form.addRow(self.since_label, since_row)
        form.addRow("", self.personal_box)
        form.addRow("", self.all_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.identity_label)
        layout.addLayout(form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.since_label.setText(_("Records:"))
        self.since_box.setText(_("Only what changed or was deleted since"))
        self.personal_box.setText(_("Include personal data (holders, participants, contact persons' e-mails and "
                                    "phones)"))
        self.all_box.setText(_("The records of every state (a working-group database sending the whole network)"))
        self.export_button.setText(_("&Export a package…"))
        self.refresh()
        self._show_summary()

    def refresh(self) -> None:
        if self.context.db is None:
            self.identity_label.setText("")
            return
        from desktop_app.services import exchange_identity

        options = self.context.preferences.options()
        state = exchange_identity.identity(self.context.db).state_code or options.member_state
        if state:
            self.identity_label.setText(_("This database keeps the records of {state}. A package holds the records "
                                          "it owns and the network's reference records, signed with your key.")
                                        .format(state=state_text(state)))
        else:
            self.identity_label.setText(_("This database is the working group's: a package holds the network's "
                                          "records, signed with your key."))

    def export(self, path: str | None = None) -> None:
        if self.context.db is None:
            return
        if path is None:
            suggested = str(Path.home() / f"{(self.context.preferences.options().member_state or 'network').lower()}-"
                            f"{dt.date.today():%Y-%m-%d}.cicapkg")
            path, _filter = QFileDialog.getSaveFileName(self, _("Export a package"), suggested,
                                                        _("Data packages (*.cicapkg)"))
            if not path:
                return
        from desktop_app.exchange.package_writer import export_package

        since = None
        if self.since_box.isChecked():
            day = self.since_date.date()
            since = dt.datetime(day.year(), day.month(), day.day(), tzinfo=dt.UTC)
        db, options = self.context.db, self.context.preferences.options()
        personal, everything = self.personal_box.isChecked(), self.all_box.isChecked()
        self.export_button.setEnabled(False)
        self.status.setText(_("Writing the package…"))

        def finished(summary) -> None:
            self.summary = summary
            self.export_button.setEnabled(True)
            self._show_summary()
            self.refresh()

        def stopped() -> None:
            self.export_button.setEnabled(True)
            self.status.setText(_("The package was not written."))

        def failed(error: BaseException) -> None:
            stopped()
            self.context.runner.error_handler(error, self)

        self.context.runner.run(
            lambda progress: export_package(db, Path(path), options=options, since=since, personal=personal,
                                            everything=everything, progress=progress),
            title=_("Exporting a package"), parent=self, on_done=finished, on_cancelled=stopped, on_error=failed)

    def _show_summary(self) -> None:
        if self.summary is None:
            return
        summary = self.summary
        records = ngettext("{count} record", "{count} records", summary.records).format(count=summary.records)
        deleted = ngettext("{count} deletion", "{count} deletions", summary.deleted).format(count=summary.deleted)
        self.status.setText(_("Package written: {path} — {records}, {deleted}; personal data {included}.").format(
            path=summary.path, records=records, deleted=deleted,
            included=_("included") if summary.personal_data else _("left out")))
