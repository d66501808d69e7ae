"""Curricula: the joint programmes of the network. The list on one side (paged, filtered and sorted in
SQL), the programme editor on the other, edited in place.

Nothing typed is lost: the page says when the open programme has unsaved changes, the main window asks
Save / Discard / Cancel before another page is shown or the window is closed, so does the page before
another programme is opened; Ctrl+S saves; while the programme differs from what is stored its draft
is kept in the drafts journal and offered back after a crash (``recover_draft``).

Every stored change is a command of ``ui/core/commands.py``: saving is ``CreateRecord`` or
``UpdateRecord``, deleting (asked first) is ``DeleteRecord``; Edit ▸ Undo brings a deleted programme back
whole. When undo changes the open programme under unsaved edits, the edits are kept and the page says so.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from desktop_app.domain.curricula import PartnerDraft, PartnerRole, ProgrammeDraft
from desktop_app.domain.drafts_json import from_jsonable, to_jsonable
from desktop_app.domain.errors import NotFoundError, UserError, ValidationError
from desktop_app.i18n import _
from desktop_app.services import credit_conversions, curricula
from desktop_app.ui.common import confirm
from desktop_app.ui.common.form_dialog import CANCEL, SAVE, ask_unsaved
from desktop_app.ui.core import commands, drafts
from desktop_app.ui.core.errors import show_error
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.curricula.programme_editor import ProgrammeEditor
from desktop_app.ui.curricula.programme_list import ProgrammeList

AREA_KEY = "curricula"
TOPICS = {"curricula", "calendars", "universities", "quality"}  # quality: the programmes' accreditations


class CurriculaPage(Retranslatable, QWidget):
    JOURNAL_INTERVAL_MS = 1500

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("page_curricula")
        self.undo_stack = QUndoStack(self)
        self.programme_id: int | None = None  # the stored programme open in the editor
        self.editing = False  # the editor holds a programme (stored or new)
        self._baseline: object = None  # what counts as saved, as JSON-able values
        self._notice = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        layout.addWidget(self.heading)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.programmes = ProgrammeList(lambda: self.programme_id)
        self.programmes.open_requested.connect(self.open_programme)
        self.programmes.new_requested.connect(self.new_programme)
        self.programmes.delete_requested.connect(self.delete_programme)
        # The list's parts, as the rest of the page (and its tests) reach them.
        self.model, self.table = self.programmes.model, self.programmes.table
        self.empty_state = self.programmes.empty_state
        self.new_button, self.delete_button = self.programmes.new_button, self.programmes.delete_button
        self.splitter.addWidget(self.programmes)
        self.splitter.addWidget(self._build_editor())
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 2)
        self._sized = False
        layout.addWidget(self.splitter, 1)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, activated=self.save_changes,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._journal_timer = QTimer(self)
        self._journal_timer.setInterval(self.JOURNAL_INTERVAL_MS)
        self._journal_timer.timeout.connect(self._journal)
        self._journal_timer.start()
        self.retranslate()
        self.editor.setEnabled(False)
        context.bus.changed.connect(self._on_changed)
        context.database_opened.connect(lambda _db: self._open())
        if context.db is not None:
            self._open()

    # -- building --------------------------------------------------------------------------------
    def _build_editor(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        self.editor = ProgrammeEditor()
        layout.addWidget(self.editor, 1)
        self.state_label = QLabel()
        self.state_label.setObjectName("programmeState")
        self.state_label.setWordWrap(True)
        layout.addWidget(self.state_label)
        row = QHBoxLayout()
        self.conversions_button, self.revert_button, self.save_button = QPushButton(), QPushButton(), QPushButton()
        self.save_button.setObjectName("saveProgramme")
        self.save_button.setDefault(True)
        row.addWidget(self.conversions_button)
        row.addStretch(1)
        row.addWidget(self.revert_button)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        self.save_button.clicked.connect(self.save_changes)
        self.revert_button.clicked.connect(self.discard_changes)
        self.conversions_button.clicked.connect(self.edit_conversions)
        self.editor.changed.connect(self._edited)
        self.editor.quality_requested.connect(self.edit_accreditations)
        return panel

    def showEvent(self, event) -> None:  # noqa: N802 - Qt naming
        super().showEvent(event)
        if not self._sized:  # a third for the list, the rest for the programme (the user may drag it)
            self._sized = True
            self.splitter.setSizes([self.splitter.width() // 3, self.splitter.width() - self.splitter.width() // 3])

    # -- language --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(_("Joint programmes"))
        self.programmes.retranslate()
        self.save_button.setText(_("&Save"))
        self.revert_button.setText(_("Revert"))
        self.conversions_button.setText(_("Credit conversion…"))
        self.editor.retranslate()
        self._show_accreditations()
        self.programmes.update_count()
        self._update_state()

    # -- loading ---------------------------------------------------------------------------------
    def _open(self) -> None:
        from desktop_app.ui.common.choosers import UniversityPicker

        db = self.context.db
        picker = UniversityPicker(db)
        picker.setSizeAdjustPolicy(UniversityPicker.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        picker.setMinimumContentsLength(16)
        self.editor.set_partner_picker(picker)
        self.editor.set_industry_partner_list(db)
        self.editor.set_choices(curricula.isced_field_choices(db), credit_conversions.factors(db))
        self.programmes.set_database(db)
        self._open_first_if_idle()

    def _open_first_if_idle(self) -> None:
        if not self.editing and self.model.rowCount():
            self.open_programme(self.model.rows[0].id, ask=False)

    def _on_changed(self, topics) -> None:
        if not topics & TOPICS or self.context.db is None:
            return
        db = self.context.db
        if "universities" in topics:
            self.editor.new_partner.refill()
        self.editor.conversions = credit_conversions.factors(db)
        self.reload_list()
        if self.programme_id is not None:
            self._stored_programme_changed()
        else:
            self._check_plan()
        self._show_accreditations()
        self._open_first_if_idle()

    def _stored_programme_changed(self) -> None:
        """The open programme may have changed in the database (an undo, a redo, another window)."""
        try:
            stored = curricula.get(self.context.db, self.programme_id).draft
        except NotFoundError:  # deleted (an undo of its creation): what the editor holds is not stored
            self.programme_id = None
            if self.has_unsaved_changes():
                self._baseline = None
                self._notice = _("The programme was removed from the database; your changes are kept. Save "
                                 "them to store it again.")
            else:
                self._close_editor()
            self._update_state()
            return
        if to_jsonable(stored) == self._baseline:
            return
        if self.has_unsaved_changes():
            self._baseline = to_jsonable(stored)
            self._notice = _("The stored programme changed while you were editing it; your changes are kept.")
            self._update_state()
        else:
            self._show(stored)

    def reload_list(self) -> None:
        self.programmes.reload()

    # -- the open programme ----------------------------------------------------------------------
    def open_programme(self, programme_id: int, ask: bool = True) -> bool:
        if ask and not self._may_replace():
            self.programmes.select_current()
            return False
        try:
            stored = curricula.get(self.context.db, programme_id).draft
        except UserError as error:
            show_error(error, self)
            self.reload_list()
            return False
        self._discard_journal()
        self.programme_id = programme_id
        self._show(stored)
        self.programmes.select_current()
        return True

    def new_programme(self, draft: ProgrammeDraft | None = None) -> bool:
        if not self._may_replace():
            return False
        self._discard_journal()
        self.programme_id = None
        start = ProgrammeDraft(title=_("New joint programme"))
        home = self._home_university()
        if home is not None:  # the coordinator's own university usually coordinates
            start.partners.append(PartnerDraft(home.id, PartnerRole.COORDINATING, home.country, home.label))
        self._show(start)
        if draft is not None:  # recovered after a crash: unsaved against the blank start
            self.editor.show_draft(draft, [])
            self._check_plan()
        self.programmes.select_current()
        self.editor.tabs.setCurrentIndex(0)
        self.editor.title.setFocus()
        self.editor.title.selectAll()
        return True

    def _home_university(self):
        from desktop_app.services import choices, universities
        from desktop_app.services.university_search import UniversityQuery

        state = self.context.state_code
        if not state or self.context.db is None:
            return None
        parent = universities.page(self.context.db, UniversityQuery(country=state, network_role="parent"), limit=1)
        ids = [parent.rows[0].id] if parent.rows else None
        found = choices.universities(self.context.db, ids=ids) if ids else choices.universities(
            self.context.db, country=state, limit=1)
        return found[0] if found else None

    def _show(self, draft: ProgrammeDraft) -> None:
        """Show a programme as saved (its baseline) and check its plan."""
        self.editing = True
        self._baseline = to_jsonable(draft)
        self._notice = ""
        self.editor.setEnabled(True)
        self.editor.show_draft(draft, [])
        self._check_plan()
        self._show_accreditations()

    def _close_editor(self) -> None:
        self._discard_journal()
        self.programme_id, self.editing, self._baseline, self._notice = None, False, None, ""
        self.editor.show_draft(ProgrammeDraft(), [])
        self.editor.setEnabled(False)
        self._show_accreditations()
        self.programmes.select_current()
        self._update_state()

    def _show_accreditations(self) -> None:
        """The open programme's accreditations (records of the quality area) beside its other fields."""
        from desktop_app.ui.quality.accreditations import summary

        self.editor.show_accreditations(summary(self.context.db, self.programme_id), self.programme_id is not None)

    def edit_accreditations(self) -> None:
        from desktop_app.ui.quality.accreditations import AccreditationsDialog

        if self.context.db is None or self.programme_id is None:
            return
        title = self.editor.draft.title or _("New joint programme")
        AccreditationsDialog(self.context.db, self.undo_stack, self.programme_id, title, self).exec()
        self._show_accreditations()

    def _edited(self) -> None:
        self._check_plan()

    def _check_plan(self) -> None:
        if self.editing and self.context.db is not None:
            self.editor.show_messages(curricula.check_plan(self.context.db, copy.deepcopy(self.editor.draft)))
        self._update_state()

    def _update_state(self) -> None:
        dirty = self.has_unsaved_changes()
        if not self.editing:
            text = _("Choose a programme or create a new one.")
        elif self.programme_id is None:
            text = _("New programme, not saved yet")
        else:
            text = _("Unsaved changes") if dirty else _("Saved")
        self.state_label.setText(f"{text} — {self._notice}" if self._notice and self.editing else text)
        self.save_button.setEnabled(self.editing and (dirty or self.programme_id is None))
        self.revert_button.setEnabled(self.editing and dirty)
        self.delete_button.setEnabled(self.programme_id is not None)

    # -- unsaved changes (the main window asks through these) ------------------------------------
    def has_unsaved_changes(self) -> bool:
        return self.editing and to_jsonable(self.editor.draft) != self._baseline

    def unsaved_description(self) -> str:
        return _("The programme “{title}” has unsaved changes.").format(
            title=self.editor.draft.title.strip() or _("New joint programme"))

    def save_changes(self) -> bool:
        """Store the open programme (one transaction, one undo step); False when it was refused."""
        if not self.editing or self.context.db is None:
            return False
        draft = copy.deepcopy(self.editor.draft)
        problems = curricula.validate(draft)
        if problems:
            if "title" in problems:
                self.editor.show_title_problem(problems["title"].text())
            show_error(ValidationError(problems), self)
            return False
        db, title = self.context.db, draft.title.strip()
        try:
            if self.programme_id is None:
                self.programme_id = commands.run(self.undo_stack, commands.CreateRecord(
                    db, curricula, draft, _("Add {title}").format(title=title)))
                drafts.discard(AREA_KEY, None)
            else:
                commands.run(self.undo_stack, commands.UpdateRecord(
                    db, curricula, self.programme_id, draft, _("Edit {title}").format(title=title)))
        except UserError as error:
            show_error(error, self)
            return False
        self._discard_journal()
        self._show(curricula.get(db, self.programme_id).draft)
        self.reload_list()
        return True

    def discard_changes(self) -> None:
        """Put back what is stored (a new programme never saved is closed)."""
        self._discard_journal()
        if self.programme_id is None:
            self._close_editor()
            self._open_first_if_idle()
            return
        try:
            self._show(curricula.get(self.context.db, self.programme_id).draft)
        except NotFoundError:
            self._close_editor()

    def _may_replace(self) -> bool:
        """Before another programme replaces the open one: save, discard or stay."""
        if not self.has_unsaved_changes():
            return True
        answer = ask_unsaved(self, self.unsaved_description())
        if answer == CANCEL:
            return False
        if answer == SAVE:
            return self.save_changes()
        self._discard_journal()
        return True

    # -- the drafts journal ------------------------------------------------------------------------
    def _journal(self) -> None:
        if not self.editing or self.context.db is None:
            return
        if self.has_unsaved_changes():
            drafts.write(AREA_KEY, self.programme_id, self.editor.draft.title or _("New joint programme"),
                         self.editor.draft, self.context.db.url)
        else:
            self._discard_journal()

    def _discard_journal(self) -> None:
        drafts.discard(AREA_KEY, self.programme_id)

    def recover_draft(self, record_id: int | None, values: dict) -> None:
        """Open a programme left unsaved when the last session ended abruptly, its changes still unsaved."""
        draft = from_jsonable(ProgrammeDraft, values)
        if record_id is not None:
            try:
                curricula.get(self.context.db, record_id)
            except NotFoundError:  # deleted since: what was typed becomes a new programme
                record_id = None
        if record_id is not None and self.open_programme(record_id, ask=True):
            self.editor.show_draft(draft, [])
            self._check_plan()
        else:
            self.new_programme(draft)

    # -- delete and credit conversions -----------------------------------------------------------
    def delete_programme(self) -> None:
        if self.programme_id is None or self.context.db is None:
            return
        title = self.editor.draft.title or self.model.row_at(max(self.model.row_of_id(self.programme_id), 0)).title
        if not confirm.confirm_delete(self, _("Delete programme"), _(
                "Delete “{title}” with its partners, study plan, equivalences and intakes? You can undo this "
                "with Edit ▸ Undo.").format(title=title)):
            return
        programme_id = self.programme_id
        if commands.push(self.undo_stack, commands.DeleteRecord(
                self.context.db, curricula, programme_id, _("Delete {title}").format(title=title)), self):
            self._close_editor()
            self.reload_list()

    def edit_conversions(self) -> None:
        from desktop_app.ui.curricula.credit_conversions import CreditConversionDialog

        if self.context.db is not None:
            CreditConversionDialog(self.context.db, self.undo_stack, self).exec()

