"""The life of one mobility: its dated steps from nomination to completion, what needs attention, its
learning agreement (exchanged as an EWP Online Learning Agreement) and its transcript of records with the
credits recognised at home.

Every change is a command of ``ui/core/commands.py`` over the mobility record (a step, an imported learning
agreement or transcript is undone with Edit ▸ Undo as a change to the record, which owns them). The student
is never named here: anyone may be looking at the screen.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop_app.domain.learning_agreements import AGREEMENT_STATUS_LABELS, Section
from desktop_app.domain.mobility import FORMAT_LABELS, PERSON_LABELS, PersonKind
from desktop_app.domain.mobility_lifecycle import ACTION_LABELS, next_statuses, status_label
from desktop_app.i18n import _, formatting, ngettext
from desktop_app.services import learning_agreements, mobility, mobility_lifecycle, transcripts
from desktop_app.ui.common.date_edit import DateEdit
from desktop_app.ui.core import commands
from desktop_app.ui.core.errors import show_error
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.mobility.models import label


class LifeCycleDialog(Retranslatable, QDialog):
    def __init__(self, db, undo_stack, mobility_id: int, options, parent=None):
        super().__init__(parent)
        self.setObjectName("mobilityLifeCycle")
        self.db, self.undo_stack, self.mobility_id, self.options = db, undo_stack, mobility_id, options
        self.summary = QLabel(objectName="lifeCycleSummary")
        self.summary.setWordWrap(True)
        self.status = QLabel(objectName="lifeCycleStatus")
        self.warnings = QLabel(objectName="lifeCycleWarnings")
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet("color: #b3261e;")
        self.history = QTableWidget(0, 3, objectName="lifeCycleHistory")
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.verticalHeader().hide()
        self.history.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.next_step = QComboBox(objectName="nextStep")
        self.step_date = DateEdit(dt.date.today())
        self.step_date.setObjectName("stepDate")
        self.note = QLineEdit(objectName="stepNote")
        self.record_step = QPushButton(objectName="recordStep")
        self.record_step.clicked.connect(self.move)
        steps = QHBoxLayout()
        for widget in (self.next_step, self.step_date, self.note, self.record_step):
            steps.addWidget(widget, 1 if widget is self.note else 0)

        self.agreement_box = QGroupBox(objectName="learningAgreementBox")
        self.agreement = QLabel(objectName="learningAgreementSummary")
        self.agreement.setWordWrap(True)
        self.include_personal = QCheckBox(objectName="includePersonal")
        self.export_button = QPushButton(objectName="exportEwp")
        self.import_button = QPushButton(objectName="importEwp")
        self.export_button.clicked.connect(self.export_ewp)
        self.import_button.clicked.connect(self.import_ewp)
        agreement_actions = QHBoxLayout()
        agreement_actions.addWidget(self.include_personal)
        agreement_actions.addStretch(1)
        agreement_actions.addWidget(self.import_button)
        agreement_actions.addWidget(self.export_button)
        box = QVBoxLayout(self.agreement_box)
        box.addWidget(self.agreement)
        box.addLayout(agreement_actions)

        self.transcript_box = QGroupBox(objectName="transcriptBox")
        self.transcript = QLabel(objectName="transcriptSummary")
        self.transcript.setWordWrap(True)
        self.transcript_button = QPushButton(objectName="importTranscript")
        self.transcript_button.clicked.connect(self.import_transcript)
        tbox = QHBoxLayout(self.transcript_box)
        tbox.addWidget(self.transcript, 1)
        tbox.addWidget(self.transcript_button)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.summary, self.status, self.warnings, self.history):
            layout.addWidget(widget)
        layout.addLayout(steps)
        layout.addWidget(self.agreement_box)
        layout.addWidget(self.transcript_box)
        layout.addWidget(self.buttons)
        self.resize(760, 620)
        self.refresh()

    # --- texts and state ----------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(_("Life cycle of the mobility"))
        self.history.setHorizontalHeaderLabels([_("Date"), _("Step"), _("Note")])
        self.note.setPlaceholderText(_("Note (optional)"))
        self.record_step.setText(_("&Record step"))
        self.agreement_box.setTitle(_("Learning agreement"))
        self.include_personal.setText(_("Include the student's personal data in the export"))
        self.export_button.setText(_("&Export as EWP…"))
        self.import_button.setText(_("&Import EWP…"))
        self.transcript_box.setTitle(_("Transcript of records and recognition"))
        self.transcript_button.setText(_("Import &transcript…"))
        self.refresh()

    def refresh(self) -> None:
        record = mobility.get(self.db, self.mobility_id)
        draft, self.uuid = record.draft, record.uuid
        self.summary.setText(_("{category}, {format}: from {start} to {end}").format(
            category=label(PERSON_LABELS, draft.person_kind), format=label(FORMAT_LABELS, draft.format),
            start=formatting.format_date(draft.start_date), end=formatting.format_date(draft.end_date)))
        steps = mobility_lifecycle.history(self.db, self.mobility_id)
        current = mobility_lifecycle.facts(self.db, self.mobility_id).status
        self.status.setText(_("Status: {status}").format(status=_(status_label(current))))
        found = mobility_lifecycle.warnings_of(self.db, self.mobility_id, self.options)
        self.warnings.setText("\n".join(warning.message.text() for warning in found))
        self.warnings.setVisible(bool(found))
        self.history.setRowCount(len(steps))
        for row, step in enumerate(steps):
            for column, text in enumerate((formatting.format_date(step.changed_on), _(status_label(step.status)),
                                           step.note)):
                self.history.setItem(row, column, QTableWidgetItem(text))
        self.history.resizeColumnsToContents()
        self.next_step.clear()
        for status in next_statuses(current, draft.person_kind):
            self.next_step.addItem(_(ACTION_LABELS[status]), str(status))
        for widget in (self.next_step, self.step_date, self.note, self.record_step):
            widget.setEnabled(self.next_step.count() > 0)
        student = draft.person_kind == PersonKind.STUDENT
        self.agreement_box.setVisible(student)
        self.transcript_box.setVisible(student)
        if student:
            self._refresh_agreement()
            self._refresh_transcript()

    def _refresh_agreement(self) -> None:
        found = learning_agreements.get_for(self.db, self.mobility_id)
        self.export_button.setEnabled(found is not None)
        if found is None:
            self.agreement.setText(_("No learning agreement yet: import one received through Erasmus Without "
                                     "Paper, or record it with the command line."))
            return
        draft = found.draft
        latest = draft.latest
        self.agreement.setText(_("Version {number}: {status}. Credits studied: {studied}; to be recognised at "
                                 "home: {recognised}.").format(
            number=formatting.format_number(latest.number), status=_(AGREEMENT_STATUS_LABELS[draft.status()]),
            studied=formatting.format_number(latest.credits(Section.STUDIED)),
            recognised=formatting.format_number(latest.credits(Section.RECOGNIZED))))

    def _refresh_transcript(self) -> None:
        draft = transcripts.get(self.db, self.mobility_id)
        if not draft.entries:
            self.transcript.setText(_("No transcript of records received yet."))
            return
        agreed = sum(r.credits_agreed for r in draft.recognitions)
        recognised = sum(r.credits_recognised for r in draft.recognitions)
        lines = ngettext("Received on {date}: {count} line.", "Received on {date}: {count} lines.",
                         len(draft.entries)).format(count=formatting.format_number(len(draft.entries)),
                                                    date=formatting.format_date(draft.received_on))
        credits = _("Credits recognised at home: {recognised} of {agreed}.").format(
            recognised=formatting.format_number(recognised), agreed=formatting.format_number(agreed))
        self.transcript.setText(f"{lines}\n{credits}")

    # --- actions ------------------------------------------------------------------------------------
    def _change(self, action, text: str) -> bool:
        done = commands.push(self.undo_stack, commands.ChangeRecord(self.db, mobility, self.mobility_id, action,
                                                                    text), self)
        self.refresh()
        return done

    def move(self) -> None:
        status = self.next_step.currentData()
        if not status:
            return
        on, note = self.step_date.value() or dt.date.today(), self.note.text()
        if self._change(lambda: mobility_lifecycle.move(self.db, self.mobility_id, status, on, note),
                        _("Mobility: {step}").format(step=_(ACTION_LABELS[status]))):
            self.note.clear()

    def export_ewp(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, _("Export the learning agreement"),
                                                    f"learning-agreement-{self.mobility_id}.xml",
                                                    _("EWP learning agreements (*.xml)"))
        if not path:
            return
        from desktop_app.exchange import ewp_ola

        try:
            versions = ewp_ola.export_file(self.db, self.mobility_id, path, self.include_personal.isChecked())
        except Exception as error:  # noqa: BLE001 - shown to the user
            show_error(error, self)
            return
        QMessageBox.information(self, _("Export the learning agreement"), _(
            "Wrote {path}; it satisfies the EWP Online Learning Agreement v1 schema. Versions carried: "
            "{versions}.").format(path=path, versions=", ".join(formatting.format_number(v) for v in versions)))

    def import_ewp(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Import a learning agreement"), "",
                                                    _("EWP learning agreements (*.xml)"))
        if path:
            from desktop_app.exchange import ewp_ola

            self._change(lambda: ewp_ola.import_file(self.db, path, only_mobility=self.uuid),
                         _("Import learning agreement"))

    def import_transcript(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Import a transcript of records"), "",
                                                    _("Tables (*.csv *.xlsx)"))
        if path:
            from desktop_app.exchange.transcript_files import import_csv

            self._change(lambda: import_csv(self.db, self.mobility_id, path),
                         _("Import transcript of records"))
