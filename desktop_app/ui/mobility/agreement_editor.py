"""The learning agreement of a student's mobility: the components studied at the receiving university and
recognised at home (taken from the joint programme's study plan where there is one), language competence,
virtual and blended components, the numbered versions (a change after the three signatures is a new
version; older versions are shown read-only) and the signatures with their dates. The agreement travels
as an EWP Online Learning Agreement, written and read off the GUI thread.

The dialog never writes itself: ``save`` (given by the page) runs the undoable command over the mobility
record, which owns the agreement. The student is never named here.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from desktop_app.domain.contract import Message
from desktop_app.domain.errors import ValidationError
from desktop_app.domain.learning_agreements import (
    AGREEMENT_STATUS_LABELS,
    CEFR_LEVELS,
    SHORT_SECTION_LABELS,
    ComponentDraft,
    LearningAgreementDraft,
    Section,
    VersionDraft,
)
from desktop_app.i18n import _, current_language, formatting
from desktop_app.services import learning_agreements, mobility, records
from desktop_app.ui.common.date_edit import DateEdit
from desktop_app.ui.common.field_form import error_label
from desktop_app.ui.common.form_dialog import FormDialog
from desktop_app.ui.common.language_pickers import LanguageChoice
from desktop_app.ui.core import commands
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.mobility.grid import (
    combo,
    grid,
    mark_problems,
    number_text,
    read_number,
    relabel,
    set_text,
    text_at,
)

C_TABLE, C_CODE, C_TITLE, C_CREDITS, C_NOTE = range(5)
COLUMN_OF = {"section": C_TABLE, "code": C_CODE, "title": C_TITLE, "credits": C_CREDITS, "term_number": C_TITLE,
             "recognition_conditions": C_NOTE, "short_description": C_NOTE}
SIDES = ("student", "sending", "receiving")
LOADED = Qt.ItemDataRole.UserRole  # a title cell keeps the component as loaded: its term, ids, UUID


def _signed_at(day: dt.date | None, before: dt.datetime | None) -> dt.datetime | None:
    """The signature's time: as it was when its day is unchanged, else noon UTC of the day chosen."""
    if day is None:
        return None
    if before is not None and before.date() == day:
        return before
    return dt.datetime(day.year, day.month, day.day, 12, 0, tzinfo=dt.UTC)


class LearningAgreementEditor(Retranslatable, FormDialog):
    area_key = "learning_agreements"  # journaled under the mobility's id

    def __init__(self, db, mobility_id: int, stored: LearningAgreementDraft | None, save: Callable[[object], object],
                 runner=None, undo_stack=None, parent=None, recovered: LearningAgreementDraft | None = None):
        super().__init__(parent, mobility_id, db.url)
        self.setObjectName("learningAgreementEditor")
        self.db, self.mobility_id, self.save, self.runner, self.undo_stack = db, mobility_id, save, runner, undo_stack
        self._typing: dict[str, Message] = {}
        self.year = QLineEdit(objectName="laAcademicYear")
        self.language = LanguageChoice()  # the language of instruction, by name in the interface language
        self.language.setObjectName("laLanguage")
        self.cefr = QComboBox(objectName="laCefr")
        self.cefr.addItems(["", *CEFR_LEVELS])
        self.form = QFormLayout()
        self.labels = {key: QLabel() for key in ("year", "language", "cefr", "version", "reason")}
        self.form.addRow(self.labels["year"], self.year)
        self.form.addRow(self.labels["language"], self.language)
        self.form.addRow(self.labels["cefr"], self.cefr)

        self.version = QComboBox(objectName="laVersion")
        self.version_state = QLabel(objectName="laVersionState")
        self.new_version = QPushButton(objectName="laNewVersion")
        versions = QHBoxLayout()
        versions.addWidget(self.labels["version"])
        versions.addWidget(self.version)
        versions.addWidget(self.version_state, 1)
        versions.addWidget(self.new_version)
        self.reason = QLineEdit(objectName="laReason")
        self.reason_row = QHBoxLayout()
        self.reason_row.addWidget(self.labels["reason"])
        self.reason_row.addWidget(self.reason, 1)

        self.components = grid("laComponents", 5, stretch=C_TITLE)
        self.components_error = error_label()
        self.add_component = QPushButton(objectName="laAddComponent")
        self.remove_component = QPushButton(objectName="laRemoveComponent")
        self.from_plan = QPushButton(objectName="laFromStudyPlan")
        self.totals = QLabel(objectName="laTotals")
        actions = QHBoxLayout()
        for button in (self.add_component, self.remove_component, self.from_plan):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.totals)

        self.signatures = QGroupBox(objectName="laSignatures")
        self.signed_on = {side: DateEdit(optional=True) for side in SIDES}
        self.signer = {side: QLineEdit(objectName=f"la_{side}_signer") for side in SIDES[1:]}
        self.signature_labels = {side: QLabel() for side in SIDES}
        signatures = QFormLayout(self.signatures)
        for side in SIDES:
            self.signed_on[side].setObjectName(f"la_{side}_signed_on")
            row = QHBoxLayout()
            if side in self.signer:
                row.addWidget(self.signer[side], 1)
            row.addWidget(self.signed_on[side])
            signatures.addRow(self.signature_labels[side], row)
        self.signature_error = error_label()
        for side in SIDES:
            self.signed_on[side].changed.connect(self._update_state)

        self.include_personal = QCheckBox(objectName="laIncludePersonal")
        self.export_button = QPushButton(objectName="laExportEwp")
        self.import_button = QPushButton(objectName="laImportEwp")
        self.general_error = error_label()
        exchange = QHBoxLayout()
        exchange.addWidget(self.include_personal)
        exchange.addStretch(1)
        exchange.addWidget(self.import_button)
        exchange.addWidget(self.export_button)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addLayout(versions)
        layout.addLayout(self.reason_row)
        layout.addWidget(self.components, 1)
        layout.addLayout(actions)
        layout.addWidget(self.components_error)
        layout.addWidget(self.signatures)
        layout.addWidget(self.signature_error)
        layout.addLayout(exchange)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        self.version.currentIndexChanged.connect(self._show_version)
        self.new_version.clicked.connect(self.start_new_version)
        self.add_component.clicked.connect(lambda: self._add_row(ComponentDraft(Section.STUDIED, "")))
        self.remove_component.clicked.connect(self.remove_selected_component)
        self.from_plan.clicked.connect(self.take_from_study_plan)
        self.components.itemChanged.connect(lambda _item: self._show_totals())
        self.export_button.clicked.connect(self.export_ewp)
        self.import_button.clicked.connect(self.import_ewp)
        self.resize(900, 720)
        self._load(stored)
        if recovered is not None:  # typed before a session ended abruptly, compared with what is stored
            self.base, self.versions = copy.deepcopy(recovered), copy.deepcopy(recovered.versions)
            self.year.setText(recovered.receiving_academic_year)
            self.language.set_value(recovered.language)
            self.cefr.setCurrentText(recovered.cefr_level)
            self._shown = -1
            self._fill_versions(len(self.versions) - 1)
        self.retranslate()
        self.start_tracking()
        if recovered is not None:
            self.set_baseline(stored)

    # --- loading ------------------------------------------------------------------------------------
    def _load(self, stored: LearningAgreementDraft | None) -> None:
        self.base = copy.deepcopy(stored) if stored is not None else LearningAgreementDraft()
        self.stored_signed = {v.number for v in stored.versions if v.signed} if stored is not None else set()
        self.versions = copy.deepcopy(self.base.versions)
        self.year.setText(self.base.receiving_academic_year)
        self.language.set_value(self.base.language)
        self.cefr.setCurrentText(self.base.cefr_level)
        self.export_button.setEnabled(stored is not None)
        self._shown = -1
        self._fill_versions(len(self.versions) - 1)

    def _fill_versions(self, select: int) -> None:
        self.version.blockSignals(True)
        self.version.clear()
        for version in self.versions:
            self.version.addItem(formatting.format_number(version.number), version.number)
        self.version.setCurrentIndex(select)
        self.version.blockSignals(False)
        self._show_version(select)

    def _editable(self, index: int) -> bool:
        """Only the latest version is edited, and not once the three signatures were saved on it."""
        return index == len(self.versions) - 1 and self.versions[index].number not in self.stored_signed

    def _show_version(self, index: int) -> None:
        if 0 <= self._shown < len(self.versions):
            self._collect(self._shown)
        self._shown = index
        version = self.versions[index]
        editable = self._editable(index)
        self.components.blockSignals(True)
        self.components.setRowCount(0)
        for component in version.components:
            self._add_row(component, editable)
        self.components.blockSignals(False)
        self.reason.setText(version.reason)
        self.reason.setEnabled(editable)
        for widget in (self.labels["reason"], self.reason):
            widget.setVisible(index > 0)
        self.signed_on["student"].set_value(version.student_signed_at.date() if version.student_signed_at else None)
        for side in SIDES[1:]:
            when = getattr(version, f"{side}_signed_at")
            self.signed_on[side].set_value(when.date() if when else None)
            self.signer[side].setText(getattr(version, f"{side}_signer_name"))
        for widget in (*self.signed_on.values(), *self.signer.values(), self.add_component, self.remove_component,
                       self.from_plan):
            widget.setEnabled(editable)
        self._update_state()

    def _add_row(self, component: ComponentDraft, editable: bool = True) -> None:
        table = self.components
        row = table.rowCount()
        table.insertRow(row)
        section = combo([(key, _(text)) for key, text in SHORT_SECTION_LABELS.items()], component.section)
        section.setEnabled(editable)
        section.currentIndexChanged.connect(lambda _i: self._show_totals())
        table.setCellWidget(row, C_TABLE, section)
        note = (component.recognition_conditions if component.section == Section.RECOGNIZED
                else component.short_description)
        for column, text in ((C_CODE, component.code), (C_TITLE, component.title),
                             (C_CREDITS, number_text(component.credits)), (C_NOTE, note)):
            set_text(table, row, column, text, editable)
        table.item(row, C_TITLE).setData(LOADED, component)
        self._show_totals()

    # --- reading the widgets ------------------------------------------------------------------------
    def _collect(self, index: int) -> None:
        """What the widgets show, back into the version (only the editable one can differ)."""
        if not self._editable(index):
            return
        version = self.versions[index]
        components = []
        for row in range(self.components.rowCount()):
            loaded = self.components.item(row, C_TITLE).data(LOADED) or ComponentDraft(Section.STUDIED, "")
            section = self.components.cellWidget(row, C_TABLE).currentData()
            text = text_at(self.components, row, C_CREDITS)
            try:
                credits = read_number(text)
            except ValueError:
                credits = loaded.credits
                self._typing[f"versions[{index}].components[{row}].credits"] = Message(
                    "Not a number: {value}", {"value": text})
            note = text_at(self.components, row, C_NOTE)
            components.append(ComponentDraft(
                section, text_at(self.components, row, C_TITLE), credits, code=text_at(self.components, row, C_CODE),
                term_number=loaded.term_number, total_terms=loaded.total_terms,
                # The column shows one of the two texts; the other is kept as it came (an EWP import has both).
                recognition_conditions=note if section == Section.RECOGNIZED else (
                    loaded.recognition_conditions if section == loaded.section != Section.STUDIED else ""),
                short_description=loaded.short_description if section == Section.RECOGNIZED else note,
                los_id=loaded.los_id,
                loi_id=loaded.loi_id, course_uuid=loaded.course_uuid, uuid=loaded.uuid))
        version.components = components
        version.reason = self.reason.text()
        version.student_signed_at = _signed_at(self.signed_on["student"].value(), version.student_signed_at)
        for side in SIDES[1:]:
            setattr(version, f"{side}_signer_name", self.signer[side].text())
            setattr(version, f"{side}_signed_at", _signed_at(self.signed_on[side].value(),
                                                              getattr(version, f"{side}_signed_at")))

    def draft(self) -> LearningAgreementDraft:
        self._typing = {}
        self._collect(self._shown)
        result = copy.deepcopy(self.base)
        result.versions = copy.deepcopy(self.versions)
        result.receiving_academic_year = self.year.text()
        result.language = self.language.value()
        result.cefr_level = self.cefr.currentText()
        return result

    def save_draft(self, draft: LearningAgreementDraft) -> None:
        if self._typing:
            raise ValidationError(dict(self._typing))
        self.save(draft)

    def journal_title(self) -> str:
        return self.windowTitle()

    # --- what it shows ------------------------------------------------------------------------------
    def _show_totals(self) -> None:
        totals = {Section.STUDIED: 0.0, Section.RECOGNIZED: 0.0}
        for row in range(self.components.rowCount()):
            section = self.components.cellWidget(row, C_TABLE)
            try:
                credits = read_number(text_at(self.components, row, C_CREDITS)) or 0.0
            except ValueError:
                credits = 0.0
            if section is not None and section.currentData() in totals:
                totals[section.currentData()] += credits
        self.totals.setText(_("Credits studied: {studied}; to be recognised at home: {recognised}.").format(
            studied=formatting.format_number(round(totals[Section.STUDIED], 2)),
            recognised=formatting.format_number(round(totals[Section.RECOGNIZED], 2))))

    def _update_state(self) -> None:
        index = self.version.currentIndex()
        if index < 0:
            return
        version = self.versions[index]
        signatures = sum(1 for side in SIDES if self.signed_on[side].value() is not None) \
            if self._editable(index) else version.signatures
        status = "signed" if signatures == 3 else "awaiting_signatures" if signatures else "draft"
        state = _(AGREEMENT_STATUS_LABELS[status])
        self.version_state.setText(state if self._editable(index) else _("{status} (read only)").format(
            status=state))
        latest = index == len(self.versions) - 1
        self.new_version.setEnabled(latest and version.number in self.stored_signed)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Learning agreement"))
        for key, text in (("year", _("Academic year")), ("language", _("Language")), ("cefr", _("CEFR level")),
                          ("version", _("Version")), ("reason", _("Reason"))):
            self.labels[key].setText(text)
        self.year.setPlaceholderText("2026/2027")
        self.new_version.setText(_("&New version"))
        self.components.setHorizontalHeaderLabels([_("Table"), _("Code"), _("Title"), _("Credits"),
                                                   _("Conditions or description")])
        for row in range(self.components.rowCount()):
            relabel(self.components.cellWidget(row, C_TABLE), {k: _(v) for k, v in SHORT_SECTION_LABELS.items()})
        self.add_component.setText(_("&Add"))
        self.remove_component.setText(_("&Remove"))
        self.from_plan.setText(_("Take from the &study plan"))
        self.signatures.setTitle(_("Signatures"))
        for side, text in zip(SIDES, (_("Student"), _("Sending coordinator"), _("Receiving coordinator")),
                              strict=True):
            self.signature_labels[side].setText(text)
        for side in SIDES[1:]:
            self.signer[side].setPlaceholderText(_("Name"))
        self.include_personal.setText(_("Include the student's personal data in the export"))
        self.export_button.setText(_("&Export as EWP…"))
        self.import_button.setText(_("&Import EWP…"))
        self._show_totals()
        self._update_state()

    def show_problems(self, problems: dict[str, str]) -> None:
        index = self.version.currentIndex()
        in_table = mark_problems(self.components, problems, f"versions[{index}].components", COLUMN_OF)
        self.components_error.setText("\n".join(in_table))
        self.components_error.setVisible(bool(in_table))
        signatures = [text for key, text in problems.items() if key.endswith(("_signer_name", "_signer_email"))]
        self.signature_error.setText("\n".join(signatures))
        self.signature_error.setVisible(bool(signatures))
        rest = [text for text in problems.values() if text not in in_table and text not in signatures]
        self.general_error.setText("\n".join(rest))
        self.general_error.setVisible(bool(rest))

    # --- actions ------------------------------------------------------------------------------------
    def start_new_version(self) -> None:
        """A change during the mobility: the next version starts as a copy of the signed one."""
        self._collect(self._shown)
        latest = self.versions[-1]
        # Each version's components are rows of their own (a component's UUID names one row).
        components = [replace(component, uuid=None) for component in latest.components]
        self.versions.append(VersionDraft(latest.number + 1, components, prepared_on=dt.date.today()))
        self._shown = -1
        self._fill_versions(len(self.versions) - 1)
        self.reason.setFocus()

    def remove_selected_component(self) -> None:
        row = self.components.currentRow()
        if row >= 0:
            self.components.removeRow(row)
            self._show_totals()

    def take_from_study_plan(self) -> None:
        proposed = learning_agreements.from_study_plan(self.db, self.mobility_id, current_language())
        if not proposed:
            QMessageBox.information(self, _("Learning agreement"), _(
                "The mobility's joint programme has no semester at the receiving university during the stay."))
            return
        self.components.setRowCount(0)
        for component in proposed:
            self._add_row(component)

    def _saved_first(self) -> bool:
        if self.has_unsaved_changes():
            QMessageBox.information(self, _("Learning agreement"), _(
                "Save the learning agreement first: an export carries what is saved, and an import replaces it."))
            return False
        return True

    def export_ewp(self) -> None:
        if not self._saved_first():
            return
        path, _filter = QFileDialog.getSaveFileName(self, _("Export the learning agreement"),
                                                    f"learning-agreement-{self.mobility_id}.xml",
                                                    _("EWP learning agreements (*.xml)"))
        if not path:
            return
        from desktop_app.exchange import ewp_ola

        db, mobility_id, personal = self.db, self.mobility_id, self.include_personal.isChecked()

        def done(versions) -> None:
            QMessageBox.information(self, _("Export the learning agreement"), _(
                "Wrote {path}; it satisfies the EWP Online Learning Agreement v1 schema. Versions carried: "
                "{versions}.").format(path=path, versions=", ".join(formatting.format_number(v) for v in versions)))

        self.runner.run(lambda _p: ewp_ola.export_file(db, mobility_id, path, personal), title=_("Exporting"),
                        on_done=done, parent=self)

    def import_ewp(self) -> None:
        if not self._saved_first():
            return
        path, _filter = QFileDialog.getOpenFileName(self, _("Import a learning agreement"), "",
                                                    _("EWP learning agreements (*.xml)"))
        if not path:
            return
        from desktop_app.exchange import ewp_ola

        db, mobility_id = self.db, self.mobility_id
        uuid = mobility.get(db, mobility_id).uuid

        def work(_progress):
            before = records.snapshot_of(db, mobility.KIND, mobility_id)
            ewp_ola.import_file(db, path, only_mobility=uuid)
            return before, records.snapshot_of(db, mobility.KIND, mobility_id)

        def done(snapshots) -> None:
            commands.record_done(self.undo_stack, commands.ChangeRecord.done(
                db, mobility, mobility_id, *snapshots, _("Import learning agreement")))
            found = learning_agreements.get_for(db, mobility_id)
            self._load(found.draft if found else None)
            self.retranslate()
            self.start_tracking()

        self.runner.run(work, title=_("Importing"), on_done=done, parent=self)
