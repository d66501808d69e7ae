"""The road map of the working group: the concept paper's actions with their deadlines, status and
evidence (overdue ones flagged), the expert meetings with their minutes, and the members by state.

The status and notes of an action are edited in place (the page asks before they would be lost); every
change is a command of ``ui/core/commands.py`` (Edit ▸ Undo) and every delete asks first.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
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
from desktop_app.domain.reference import MEMBER_STATES
from desktop_app.domain.roadmap import ACTION_STATUS_LABELS, MeetingDraft, MemberDraft
from desktop_app.domain.text import fold_for_search
from desktop_app.i18n import _, formatting, ngettext
from desktop_app.services import meetings, roadmap, working_group
from desktop_app.ui.common import confirm
from desktop_app.ui.common.documents import DocumentList, DocumentsDialog, DocumentTexts
from desktop_app.ui.common.form_dialog import CANCEL, SAVE, ask_unsaved
from desktop_app.ui.common.tables import select_row
from desktop_app.ui.core import commands
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.roadmap.models import (
    A_ACTION,
    W_ORGANISATION,
    X_MINUTES,
    X_TITLE,
    ActionTableModel,
    MeetingTableModel,
    MemberTableModel,
)

TOPICS = {"roadmap", "documents"}


def _view(model, name: str) -> QTableView:
    view = QTableView(objectName=name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    return view


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
        self._build_meetings()
        self._build_members()
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
        self.action_table = _view(self.action_model, "actionsTable")
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
        self.actions_splitter = QSplitter(Qt.Orientation.Vertical)
        self.actions_splitter.addWidget(self.action_table)
        self.actions_splitter.addWidget(editor)
        self.actions_splitter.setStretchFactor(0, 3)
        self.actions_splitter.setStretchFactor(1, 2)
        self.tabs.addTab(self.actions_splitter, "")

        self.action_table.selectionModel().selectionChanged.connect(lambda *_a: self._action_selected())
        self.save_status.clicked.connect(self.change_status)

    def _build_meetings(self) -> None:
        self.meeting_model = MeetingTableModel(self)
        self.meeting_table = _view(self.meeting_model, "meetingsTable")
        header = self.meeting_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(X_TITLE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(X_TITLE, 300)
        header.setSectionResizeMode(X_MINUTES, QHeaderView.ResizeMode.Stretch)
        self.meeting_search = self._search_box("meetingSearch", self.apply_meeting_filter)
        self.add_meeting = QPushButton(objectName="addMeeting")
        self.edit_meeting_button = QPushButton(objectName="editMeeting")
        self.delete_meeting = QPushButton(objectName="deleteMeeting")
        self.meeting_documents = QPushButton(objectName="meetingDocuments")
        self.meeting_count = QLabel()
        meetings_tab = QWidget()
        box = QVBoxLayout(meetings_tab)
        box.addWidget(self.meeting_search)
        tools = QHBoxLayout()
        for button in (self.add_meeting, self.edit_meeting_button, self.delete_meeting):
            tools.addWidget(button)
        tools.addStretch(1)
        tools.addWidget(self.meeting_documents)
        box.addLayout(tools)
        box.addWidget(self.meeting_table, 1)
        box.addWidget(self.meeting_count)
        self.tabs.addTab(meetings_tab, "")
        self.add_meeting.clicked.connect(lambda: self.new_meeting())
        self.edit_meeting_button.clicked.connect(self.edit_selected_meeting)
        self.delete_meeting.clicked.connect(self.remove_meeting)
        self.meeting_documents.clicked.connect(self.show_meeting_documents)
        self.meeting_table.doubleClicked.connect(lambda _index: self.edit_selected_meeting())
        self.meeting_table.selectionModel().selectionChanged.connect(lambda *_a: self._update_list_buttons())
        QShortcut(QKeySequence.StandardKey.Delete, self.meeting_table, activated=self.remove_meeting)

    def _build_members(self) -> None:
        self.member_model = MemberTableModel(self)
        self.member_table = _view(self.member_model, "membersTable")
        header = self.member_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(W_ORGANISATION, QHeaderView.ResizeMode.Stretch)
        self.member_search = self._search_box("memberSearch", self.apply_member_filter)
        self.member_state = QComboBox(objectName="memberState")
        self.member_state.currentIndexChanged.connect(lambda _i: self.apply_member_filter())
        self.reveal = QCheckBox(objectName="revealMembers")
        self.reveal.toggled.connect(lambda _on: self.apply_member_filter())
        self.add_member = QPushButton(objectName="addMember")
        self.edit_member_button = QPushButton(objectName="editMember")
        self.delete_member = QPushButton(objectName="deleteMember")
        self.member_count = QLabel()
        members_tab = QWidget()
        box = QVBoxLayout(members_tab)
        filters = QHBoxLayout()
        filters.addWidget(self.member_search, 3)
        filters.addWidget(self.member_state, 1)
        filters.addWidget(self.reveal)
        box.addLayout(filters)
        tools = QHBoxLayout()
        for button in (self.add_member, self.edit_member_button, self.delete_member):
            tools.addWidget(button)
        tools.addStretch(1)
        box.addLayout(tools)
        box.addWidget(self.member_table, 1)
        box.addWidget(self.member_count)
        self.tabs.addTab(members_tab, "")
        self.add_member.clicked.connect(lambda: self.new_member())
        self.edit_member_button.clicked.connect(self.edit_selected_member)
        self.delete_member.clicked.connect(self.remove_member)
        self.member_table.doubleClicked.connect(lambda _index: self.edit_selected_member())
        self.member_table.selectionModel().selectionChanged.connect(lambda *_a: self._update_list_buttons())
        QShortcut(QKeySequence.StandardKey.Delete, self.member_table, activated=self.remove_member)

    def _search_box(self, name: str, apply) -> QLineEdit:
        box = QLineEdit(objectName=name)
        box.setClearButtonEnabled(True)
        timer = QTimer(box)
        timer.setSingleShot(True)
        timer.setInterval(250)
        timer.timeout.connect(apply)
        box.textChanged.connect(lambda _text: timer.start())
        return box

    # --- texts --------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(_("Road map"))
        self.subtitle.setText(_("The actions of the concept paper of the Partnership Network. An action whose "
                                "deadline quarter has passed and that is not done is highlighted."))
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
        self.meeting_search.setPlaceholderText(_("Search titles, places and minutes…"))
        self.add_meeting.setText(_("Add &meeting…"))
        self.edit_meeting_button.setText(_("Edit meeting…"))
        self.delete_meeting.setText(_("Delete meeting"))
        self.meeting_documents.setText(_("Documents…"))
        self.member_search.setPlaceholderText(_("Search names, organisations, roles…"))
        self.add_member.setText(_("Add &member…"))
        self.edit_member_button.setText(_("Edit member…"))
        self.delete_member.setText(_("Remove member"))
        self.reveal.setText(_("Show personal data"))
        self._refill_states()
        for model in (self.action_model, self.meeting_model, self.member_model):
            model.retranslate()
        self._show_details(self._shown_action, keep_edits=True)
        self._update_counts()

    def _refill_states(self) -> None:
        current = self.member_state.currentData()
        self.member_state.blockSignals(True)
        self.member_state.clear()
        self.member_state.addItem(_("All member states"), None)
        for code in sorted((s.code for s in MEMBER_STATES), key=lambda c: fold_for_search(formatting.country_name(c))):
            self.member_state.addItem(formatting.country_name(code), code)
        self.member_state.setCurrentIndex(max(0, self.member_state.findData(current)))
        self.member_state.blockSignals(False)

    def _update_counts(self) -> None:
        self.meeting_count.setText(ngettext("{count} expert meeting", "{count} expert meetings",
                                            self.meeting_model.total).format(
            count=formatting.format_number(self.meeting_model.total)))
        self.member_count.setText(ngettext("{count} working-group member", "{count} working-group members",
                                           self.member_model.total).format(
            count=formatting.format_number(self.member_model.total)))
        self._update_list_buttons()

    def _update_list_buttons(self) -> None:
        has_meeting = self._selected(self.meeting_table, self.meeting_model) is not None
        for button in (self.edit_meeting_button, self.delete_meeting, self.meeting_documents):
            button.setEnabled(has_meeting)
        has_member = self._selected(self.member_table, self.member_model) is not None
        self.edit_member_button.setEnabled(has_member)
        self.delete_member.setEnabled(has_member)

    # --- data ---------------------------------------------------------------------------------------
    def _open(self) -> None:
        for model in (self.action_model, self.meeting_model, self.member_model):
            model.set_database(self.context.db)
        self._update_counts()
        if self._selected_action() is None and self.action_model.rowCount():
            select_row(self.action_table, 0)  # the editor below is never an empty form

    def reload(self) -> None:
        if self.context.db is None:
            return
        action = self._selected_action()
        meeting = self._selected(self.meeting_table, self.meeting_model)
        member = self._selected(self.member_table, self.member_model)
        self.action_table.selectionModel().blockSignals(True)
        for model in (self.action_model, self.meeting_model, self.member_model):
            model.reload()
        for view, model, row in ((self.action_table, self.action_model, action),
                                 (self.meeting_table, self.meeting_model, meeting),
                                 (self.member_table, self.member_model, member)):
            if row is not None and model.row_of_id(row.id) >= 0:
                select_row(view, model.row_of_id(row.id))
        self.action_table.selectionModel().blockSignals(False)
        fresh = self.action_model.row_at(self.action_model.row_of_id(action.id)) if action else None
        self._show_details(fresh, keep_edits=True)
        self._update_counts()

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
        for widget in (self.status, self.notes, self.save_status):
            widget.setEnabled(action is not None)
        self.evidence_panel.show_record(self.context.db, roadmap, action.id if action is not None else None)
        if action is None:
            self.form_of_completion.clear()
            self.responsible.clear()
            self.notes.clear()
            return
        self.form_of_completion.setText(_(action.form_of_completion_en))
        self.responsible.setText(_(action.responsible_en))
        status, notes = edits or (action.status, action.notes)
        self.status.setCurrentIndex(max(0, self.status.findData(status)))
        if self.notes.toPlainText() != notes:
            self.notes.setPlainText(notes)

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

    # --- expert meetings ----------------------------------------------------------------------------
    def apply_meeting_filter(self) -> None:
        if self.context.db is not None:
            self.meeting_model.set_query(replace(self.meeting_model.query, search=self.meeting_search.text()))
            self._update_counts()

    def _open_meeting_editor(self, draft, save, record_id=None, changed_draft=None) -> None:
        from desktop_app.ui.roadmap.dialogs import MeetingEditor

        db = self.context.db
        editor = MeetingEditor(db, changed_draft or draft, save, self, record_id, db.url)
        if changed_draft is not None:
            editor.set_baseline(draft)
        editor.exec()

    def new_meeting(self, changed_draft: MeetingDraft | None = None) -> None:
        db = self._db()
        if db is None:
            return

        def save(draft: MeetingDraft) -> None:
            new_id = commands.run(self.undo_stack, commands.CreateRecord(
                db, meetings, draft, _("Add expert meeting “{title}”").format(title=draft.title.strip())))
            self.reload()
            select_row(self.meeting_table, self.meeting_model.row_of_id(new_id))

        self._open_meeting_editor(None, save, changed_draft=changed_draft)

    def edit_selected_meeting(self) -> None:
        meeting = self._selected(self.meeting_table, self.meeting_model)
        if meeting is not None:
            self.edit_meeting(meeting.id)

    def edit_meeting(self, meeting_id: int, changed_draft: MeetingDraft | None = None) -> None:
        db = self._db()
        if db is None:
            return
        record = meetings.get(db, meeting_id)

        def save(draft: MeetingDraft) -> None:
            commands.run(self.undo_stack, commands.UpdateRecord(
                db, meetings, meeting_id, draft, _("Edit expert meeting “{title}”").format(title=draft.title.strip())))

        self._open_meeting_editor(record.draft, save, meeting_id, changed_draft)

    def remove_meeting(self) -> None:
        db, meeting = self._db(), self._selected(self.meeting_table, self.meeting_model)
        if db is None or meeting is None:
            return
        if not confirm.confirm_delete(self, _("Delete expert meeting"), _(
                "Delete the expert meeting “{title}” of {date} with its minutes and documents? You can undo this "
                "with Edit ▸ Undo.").format(title=meeting.title, date=formatting.format_date(meeting.held_on))):
            return
        commands.push(self.undo_stack, commands.DeleteRecord(
            db, meetings, meeting.id, _("Delete expert meeting “{title}”").format(title=meeting.title)), self)

    def show_meeting_documents(self) -> None:
        """The documents of the chosen meeting (signed minutes, presentations), each change undoable."""
        db, meeting = self._db(), self._selected(self.meeting_table, self.meeting_model)
        if db is None or meeting is None:
            return
        title = meeting.title
        DocumentsDialog(db, meetings, meeting.id, lambda: _("Documents of the expert meeting “{title}”").format(
            title=title), self.undo_stack, DocumentTexts(
            attach_button=lambda: _("Attach &document…"),
            attached=lambda file: _("Attach {file} to the meeting “{title}”").format(file=file, title=title),
            removed=lambda file: _("Remove {document} from the meeting “{title}”").format(document=file, title=title),
            remove_question=lambda file: _("Remove {document} from the meeting “{title}”? You can undo this with "
                                           "Edit ▸ Undo.").format(document=file, title=title)), self).exec()

    # --- working-group members ----------------------------------------------------------------------
    def apply_member_filter(self) -> None:
        if self.context.db is not None:
            self.member_model.set_query(replace(
                self.member_model.query, search=self.member_search.text(), country=self.member_state.currentData(),
                reveal_personal=self.reveal.isChecked()))
            self._update_counts()

    def _open_member_editor(self, draft, save, record_id=None, changed_draft=None) -> None:
        from desktop_app.ui.roadmap.dialogs import MemberEditor

        db = self.context.db
        editor = MemberEditor(changed_draft or draft, save, self, record_id, db.url,
                              default_state=self.context.state_code or "")
        if changed_draft is not None:
            editor.set_baseline(draft)
        editor.exec()

    def new_member(self, changed_draft: MemberDraft | None = None) -> None:
        db = self._db()
        if db is None:
            return

        def save(draft: MemberDraft) -> None:
            new_id = commands.run(self.undo_stack, commands.CreateRecord(
                db, working_group, draft, _("Add working-group member")))
            self.reload()
            select_row(self.member_table, self.member_model.row_of_id(new_id))

        self._open_member_editor(None, save, changed_draft=changed_draft)

    def edit_selected_member(self) -> None:
        member = self._selected(self.member_table, self.member_model)
        if member is not None:
            self.edit_member(member.id)

    def edit_member(self, member_id: int, changed_draft: MemberDraft | None = None) -> None:
        db = self._db()
        if db is None:
            return
        record = working_group.get(db, member_id)

        def save(draft: MemberDraft) -> None:
            commands.run(self.undo_stack, commands.UpdateRecord(db, working_group, member_id, draft,
                                                                _("Edit working-group member")))

        self._open_member_editor(record.draft, save, member_id, changed_draft)

    def remove_member(self) -> None:
        db, member = self._db(), self._selected(self.member_table, self.member_model)
        if db is None or member is None:
            return
        # The name as the list shows it (masked unless revealed): anyone may be looking at the screen.
        if not confirm.confirm_delete(self, _("Remove working-group member"), _(
                "Remove {name} ({state}) from the working group? You can undo this with Edit ▸ Undo.").format(
                name=member.name, state=formatting.country_name(member.country_code))):
            return
        commands.push(self.undo_stack, commands.DeleteRecord(db, working_group, member.id,
                                                             _("Remove working-group member")), self)

    # --- after a crash ------------------------------------------------------------------------------
    def recover_draft(self, record_id: int | None, values: dict, journal: str | None = None) -> None:
        """Open the editor with a draft left unsaved by a session that ended abruptly."""
        service, draft_type, tab = ((working_group, MemberDraft, 2) if journal == "working_group"
                                    else (meetings, MeetingDraft, 1))
        self.tabs.setCurrentIndex(tab)
        draft = from_jsonable(draft_type, values)
        if record_id is not None:
            try:
                service.get(self.context.db, record_id)
            except NotFoundError:
                record_id = None
        if service is working_group and record_id is None:
            self.new_member(draft)
        elif service is working_group:
            self.edit_member(record_id, draft)
        elif record_id is None:
            self.new_meeting(draft)
        else:
            self.edit_meeting(record_id, draft)

