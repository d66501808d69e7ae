"""The road map of the working group: the concept paper's actions with their deadlines, status and
evidence (overdue ones flagged), the expert meetings with their minutes, and the members by state.

The status and notes of an action are edited in place (the page asks before they would be lost); every
change is a command of ``ui/core/commands.py`` (Edit ▸ Undo) and every delete asks first.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.drafts_json import from_jsonable
from desktop_app.domain.errors import NotFoundError
from desktop_app.domain.roadmap import ACTION_STATUS_LABELS, ActionDraft, MeetingDraft, MemberDraft, deadline_label
from desktop_app.i18n import _, formatting
from desktop_app.services import meetings, roadmap, working_group
from desktop_app.ui.common.documents import DocumentList, DocumentTexts
from desktop_app.ui.common.form_dialog import CANCEL, SAVE, ask_unsaved
from desktop_app.ui.common.tables import select_row
from desktop_app.ui.core import commands
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.roadmap.lists import MeetingList, MemberList, table_view
from desktop_app.ui.roadmap.models import (
    A_ACTION,
    ActionTableModel,
)

TOPICS = {"roadmap", "documents"}


def _wrapping_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class RoadmapPage(Retranslatable, QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("page_roadmap")
        self.undo_stack = QUndoStack(self)
        self.heading = QLabel(objectName="pageHeading")
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.tabs = QTabWidget(objectName="roadmapTabs")
        self._build_actions()
        self.meetings = MeetingList(context, self.undo_stack)
        self.members = MemberList(context, self.undo_stack)
        self.tabs.addTab(self.meetings, "")
        self.tabs.addTab(self.members, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self.heading)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.tabs, 1)
        self._shown_action: roadmap.ActionRow | None = None
        self.retranslate()
        context.bus.changed.connect(lambda topics: self.reload() if TOPICS & set(topics) else None)
        context.database_opened.connect(lambda _db: self._open())
        if context.db is not None:
            self._open()

    # --- building -----------------------------------------------------------------------------------
    def _build_actions(self) -> None:
        self.action_model = ActionTableModel(self)
        self.action_table = table_view(self.action_model, "actionsTable")
        self.action_table.setWordWrap(True)
        header = self.action_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # The action's text takes the width left; rows grow to show it wrapped, whatever the window size.
        header.setSectionResizeMode(A_ACTION, QHeaderView.ResizeMode.Stretch)
        self.action_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.form_of_completion, self.responsible = _wrapping_label(), _wrapping_label()
        self.form_label, self.responsible_label = QLabel(), QLabel()
        self.status = QComboBox(objectName="actionStatus")
        self.notes = QPlainTextEdit(objectName="actionNotes")
        self.notes.setMinimumHeight(48)
        self.save_status = QPushButton(objectName="saveStatus")
        self.evidence_panel = DocumentList(self.undo_stack, DocumentTexts(
            attach_button=lambda: _("Attach &evidence…"),
            attached=lambda file: _("Attach {file} to action {number}").format(file=file, number=self._number()),
            removed=lambda file: _("Remove {document} from action {number}").format(document=file,
                                                                                    number=self._number()),
            remove_question=lambda file: _("Remove {document} from the evidence of action {number}? You can undo "
                                           "this with Edit ▸ Undo.").format(document=file, number=self._number())),
            name="evidence")
        panel = self.evidence_panel
        self.evidence, self.attach_evidence, self.save_evidence, self.remove_evidence = (
            panel.list, panel.attach, panel.save, panel.remove)
        self.status_label, self.notes_label, self.evidence_label = QLabel(), QLabel(), QLabel()
        for label, buddy in ((self.status_label, self.status), (self.notes_label, self.notes),
                             (self.evidence_label, self.evidence)):
            label.setBuddy(buddy)

        details = QFormLayout()
        details.addRow(self.form_label, self.form_of_completion)
        details.addRow(self.responsible_label, self.responsible)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.save_status)
        details.addRow(self.status_label, status_row)
        details.addRow(self.notes_label, self.notes)
        evidence_box = QVBoxLayout()
        evidence_box.addWidget(self.evidence_label)
        evidence_box.addWidget(self.evidence_panel, 1)
        editor = QWidget()
        editor_layout = QHBoxLayout(editor)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addLayout(details, 3)
        editor_layout.addLayout(evidence_box, 2)
        self.new_action = QPushButton(objectName="new_button")
        self.edit_action = QPushButton(objectName="edit")
        self.new_action.clicked.connect(lambda: self.add_action())
        self.edit_action.clicked.connect(lambda: self.edit_selected_action())
        self.action_table.doubleClicked.connect(lambda _index: self.edit_selected_action())
        self.history = _wrapping_label()
        self.history_label = QLabel()
        details.insertRow(2, self.history_label, self.history)
        list_box = QWidget()
        list_layout = QVBoxLayout(list_box)
        list_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_action)
        buttons.addWidget(self.edit_action)
        buttons.addStretch(1)
        list_layout.addLayout(buttons)
        list_layout.addWidget(self.action_table, 1)
        self.actions_splitter = QSplitter(Qt.Orientation.Vertical)
        self.actions_splitter.addWidget(list_box)
        self.actions_splitter.addWidget(editor)
        self.actions_splitter.setStretchFactor(0, 3)
        self.actions_splitter.setStretchFactor(1, 2)
        self.tabs.addTab(self.actions_splitter, "")

        self.action_table.selectionModel().selectionChanged.connect(lambda *_a: self._action_selected())
        self.save_status.clicked.connect(self.change_status)

    # --- texts --------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(_("Road map"))
        self.subtitle.setText(_("The road map of the Partnership Network: the concept paper's actions and those the "
                                "working group adds. An action whose deadline quarter has passed and that is not "
                                "done is highlighted."))
        self.new_action.setText(_("&New action…"))
        self.edit_action.setText(_("Edit &action…"))
        self.history_label.setText(_("Deadline moved"))
        for index, text in enumerate((_("Actions"), _("Expert meetings"), _("Working group"))):
            self.tabs.setTabText(index, text)
        self.status.blockSignals(True)
        current = self.status.currentData()
        self.status.clear()
        for key, label in ACTION_STATUS_LABELS.items():
            self.status.addItem(_(label), key)
        self.status.setCurrentIndex(max(0, self.status.findData(current)))
        self.status.blockSignals(False)
        self.form_label.setText(_("Form of completion"))
        self.responsible_label.setText(_("Responsible"))
        self.status_label.setText(_("&Status"))
        self.notes_label.setText(_("&Notes"))
        self.evidence_label.setText(_("Evidence"))
        self.save_status.setText(_("&Save status"))
        self.action_model.retranslate()
        self._show_details(self._shown_action, keep_edits=True)

    # --- data ---------------------------------------------------------------------------------------
    def _open(self) -> None:
        self.action_model.set_database(self.context.db)
        self.meetings.open()
        self.members.open()
        if self._selected_action() is None and self.action_model.rowCount():
            select_row(self.action_table, 0)  # the editor below is never an empty form

    def reload(self) -> None:
        if self.context.db is None:
            return
        action = self._selected_action()
        self.action_table.selectionModel().blockSignals(True)
        self.action_model.reload()
        if action is not None and self.action_model.row_of_id(action.id) >= 0:
            select_row(self.action_table, self.action_model.row_of_id(action.id))
        self.action_table.selectionModel().blockSignals(False)
        fresh = self.action_model.row_at(self.action_model.row_of_id(action.id)) if action else None
        self._show_details(fresh, keep_edits=True)
        self.meetings.reload()
        self.members.reload()

    @staticmethod
    def _selected(view: QTableView, model):
        rows = view.selectionModel().selectedRows()
        return model.row_at(rows[0].row()) if rows else None

    def _selected_action(self) -> roadmap.ActionRow | None:
        return self._selected(self.action_table, self.action_model)

    def _db(self):
        if self.context.db is None:
            QMessageBox.information(self, _("Road map"), _("The database is still opening. Try again in a moment."))
        return self.context.db

    # --- the action's status, notes and evidence (edited in place) -----------------------------------
    def has_unsaved_changes(self) -> bool:
        action = self._shown_action
        return action is not None and (self.status.currentData(), self.notes.toPlainText()) != (
            action.status, action.notes)

    def unsaved_description(self) -> str:
        number = self._shown_action.number if self._shown_action else 0
        return _("The status or notes of road-map action {number} have unsaved changes.").format(number=number)

    def save_changes(self) -> bool:
        return self.change_status()

    def discard_changes(self) -> None:
        self._show_details(self._shown_action)

    def _action_selected(self) -> None:
        """Another action was chosen: what was typed for the previous one is saved, dropped or kept."""
        chosen = self._selected_action()
        previous = self._shown_action
        if previous is not None and (chosen is None or chosen.id != previous.id) and self.has_unsaved_changes():
            answer = ask_unsaved(self, self.unsaved_description())
            if answer == CANCEL or (answer == SAVE and not self.change_status()):
                row = self.action_model.row_of_id(previous.id)
                self.action_table.selectionModel().blockSignals(True)
                select_row(self.action_table, row)
                self.action_table.selectionModel().blockSignals(False)
                return
            chosen = self.action_model.row_at(self.action_model.row_of_id(chosen.id)) if chosen else None
        self._show_details(chosen)

    def _number(self) -> int:
        return self._shown_action.number if self._shown_action else 0

    def _show_details(self, action: roadmap.ActionRow | None, keep_edits: bool = False) -> None:
        """Show the action in the editor; with ``keep_edits`` what the user typed for it stays."""
        edits = (self.status.currentData(), self.notes.toPlainText()) if keep_edits and self.has_unsaved_changes() \
            and action is not None and self._shown_action is not None and action.id == self._shown_action.id else None
        self._shown_action = action
        for widget in (self.status, self.notes, self.save_status, self.edit_action):
            widget.setEnabled(action is not None)
        self._show_history(action)
        self.evidence_panel.show_record(self.context.db, roadmap, action.id if action is not None else None)
        if action is None:
            self.form_of_completion.clear()
            self.responsible.clear()
            self.notes.clear()
            return
        self.form_of_completion.setText(_(action.form_of_completion_en))
        self.responsible.setText("\n".join(part for part in [_(action.responsible_en) if action.responsible_en else "",
                                                          *self._organisation_names(action)] if part))
        status, notes = edits or (action.status, action.notes)
        self.status.setCurrentIndex(max(0, self.status.findData(status)))
        if self.notes.toPlainText() != notes:
            self.notes.setPlainText(notes)

    def _organisation_names(self, action: roadmap.ActionRow) -> list[str]:
        """The responsible organisations of the register, named in the interface language."""
        if not action.organisations:
            return []
        from desktop_app.services import organisations

        ids = [organisation_id for organisation_id, _name in action.organisations]
        names = {choice.id: choice.label for choice in organisations.choices(self.context.db, ids=ids)}
        return [names.get(i, name) for i, name in action.organisations]

    def _show_history(self, action: roadmap.ActionRow | None) -> None:
        """Each move of the action's deadline, in the reader's language ("Q1–Q2 2024 → Q3 2024 (date)")."""
        changes = roadmap.deadline_history(self.context.db, action.id) if action and self.context.db else []
        self.history.setText("\n".join(
            _("{before} → {after} ({date})").format(before=deadline_label(*c.before_parts, _),
                                                    after=deadline_label(*c.after_parts, _),
                                                    date=formatting.format_date(c.changed_on))
            for c in changes) or "—")

    # --- adding and editing actions -----------------------------------------------------------------
    def _action_editor(self, draft: ActionDraft, save, record_id=None, changed_draft=None) -> None:
        from desktop_app.ui.roadmap.action_editor import ActionEditor

        editor = ActionEditor(changed_draft or draft, save, self, record_id, self.context.db.url,
                              db=self.context.db)
        if changed_draft is not None:
            editor.set_baseline(draft)
        editor.exec()

    def add_action(self, changed_draft: ActionDraft | None = None) -> None:
        db = self._db()
        if db is None:
            return
        today = dt.date.today()
        draft = ActionDraft(roadmap.next_number(db), "", "", "", today.year, 4, 4)

        def save(new: ActionDraft) -> None:
            new_id = commands.run(self.undo_stack, commands.CreateRecord(
                db, roadmap, new, _("Add road-map action {number}").format(number=new.number)))
            self.reload()
            select_row(self.action_table, self.action_model.row_of_id(new_id))

        self._action_editor(draft, save, changed_draft=changed_draft)

    def edit_selected_action(self) -> None:
        action = self._selected_action()
        if action is not None:
            self.edit_action_record(action.id)

    def edit_action_record(self, action_id: int, changed_draft: ActionDraft | None = None) -> None:
        db = self._db()
        if db is None:
            return
        record = roadmap.get(db, action_id)

        def save(draft: ActionDraft) -> None:
            commands.run(self.undo_stack, commands.UpdateRecord(
                db, roadmap, action_id, draft, _("Edit road-map action {number}").format(number=draft.number)))

        self._action_editor(record.draft, save, action_id, changed_draft)

    def change_status(self) -> bool:
        action = self._shown_action
        db = self._db()
        if action is None or db is None:
            return False
        status, notes = self.status.currentData(), self.notes.toPlainText()
        label = ACTION_STATUS_LABELS.get(status)
        text = _("Status of action {number}: {status}").format(number=action.number,
                                                               status=_(label) if label else status)
        return commands.push(self.undo_stack, commands.ChangeRecord(
            db, roadmap, action.id, lambda: roadmap.set_status(db, action.id, status, notes), text), self)

    # --- after a crash ------------------------------------------------------------------------------
    def recover_draft(self, record_id: int | None, values: dict, journal: str | None = None) -> None:
        """Open the editor with a draft left unsaved by a session that ended abruptly."""
        if journal == "roadmap_actions":
            draft = from_jsonable(ActionDraft, values)
            self.tabs.setCurrentIndex(0)
            if record_id is not None:
                try:
                    roadmap.get(self.context.db, record_id)
                except NotFoundError:
                    record_id = None
            if record_id is None:
                self.add_action(changed_draft=draft)
            else:
                self.edit_action_record(record_id, changed_draft=draft)
            return
        service, draft_type, tab, records = ((working_group, MemberDraft, 2, self.members) if journal == "working_group"
                                             else (meetings, MeetingDraft, 1, self.meetings))
        self.tabs.setCurrentIndex(tab)
        draft = from_jsonable(draft_type, values)
        if record_id is not None:
            try:
                service.get(self.context.db, record_id)
            except NotFoundError:
                record_id = None
        if record_id is None:
            records.new(draft)
        else:
            records.edit_record(record_id, draft)
