"""The Road map page's lists of expert meetings and of working-group members: search and filters, the
lazy table, and their changes (create, edit, delete after asking, documents), each a command of
``ui/core/commands.py`` on the page's undo stack."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.reference import MEMBER_STATES
from desktop_app.domain.roadmap import MeetingDraft, MemberDraft
from desktop_app.i18n import _, formatting, ngettext
from desktop_app.services import meetings, working_group
from desktop_app.ui.common import confirm
from desktop_app.ui.common.choosers import collation_key
from desktop_app.ui.common.documents import DocumentsDialog, DocumentTexts
from desktop_app.ui.common.empty_state import EmptyState
from desktop_app.ui.common.tables import select_row
from desktop_app.ui.core import commands
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.roadmap.models import W_ORGANISATION, X_MINUTES, X_TITLE, MeetingTableModel, MemberTableModel


def table_view(model, name: str) -> QTableView:
    view = QTableView(objectName=name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    return view


class _RecordList(Retranslatable, QWidget):
    """A search box (and filters), the actions, the lazy table and its count."""

    def __init__(self, context, undo_stack, model, table_name: str, search_name: str, parent=None):
        super().__init__(parent)
        self.context = context
        self.undo_stack = undo_stack
        self.model = model
        self.table = table_view(model, table_name)
        self.search = QLineEdit(objectName=search_name)
        self.search.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(250)
        self._timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.add, self.edit, self.delete = QPushButton(), QPushButton(), QPushButton()
        self.count = QLabel()
        self.filters = QHBoxLayout()
        self.filters.addWidget(self.search, 1)
        self.tools = QHBoxLayout()
        for button in (self.add, self.edit, self.delete):
            self.tools.addWidget(button)
        self.tools.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.filters)
        layout.addLayout(self.tools)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.add.clicked.connect(lambda: self.new())
        self.edit.clicked.connect(self.edit_selected)
        self.delete.clicked.connect(self.remove_selected)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self.update_buttons())
        self.model.modelReset.connect(self.update_buttons)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, activated=self.remove_selected)

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def select_id(self, record_id: int) -> None:
        select_row(self.table, self.model.row_of_id(record_id))

    def update_buttons(self) -> None:
        chosen = self.selected() is not None
        self.edit.setEnabled(chosen)
        self.delete.setEnabled(chosen)

    def open(self) -> None:
        self.model.set_database(self.context.db)
        self.update_count()

    def reload(self) -> None:
        chosen = self.selected()
        self.model.reload()
        if chosen is not None and self.model.row_of_id(chosen.id) >= 0:
            self.select_id(chosen.id)
        self.update_count()

    def db(self):
        if self.context.db is None:
            QMessageBox.information(self, _("Road map"), _("The database is still opening. Try again in a moment."))
        return self.context.db

    def retranslate(self) -> None:
        self.model.retranslate()
        self.update_count()

    # what each list says and does
    def update_count(self) -> None:
        raise NotImplementedError

    def apply_filter(self) -> None:
        raise NotImplementedError

    def new(self, changed_draft=None) -> None:
        raise NotImplementedError

    def edit_record(self, record_id: int, changed_draft=None) -> None:
        raise NotImplementedError

    def edit_selected(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self.edit_record(chosen.id)

    def remove_selected(self) -> None:
        raise NotImplementedError


class MeetingList(_RecordList):
    def __init__(self, context, undo_stack, parent=None):
        super().__init__(context, undo_stack, MeetingTableModel(), "meetingsTable", "meetingSearch", parent)
        self.model.setParent(self)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(X_TITLE, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(X_TITLE, 300)
        header.setSectionResizeMode(X_MINUTES, QHeaderView.ResizeMode.Stretch)
        self.documents = QPushButton(objectName="meetingDocuments")
        self.tools.addWidget(self.documents)
        self.documents.clicked.connect(self.show_documents)
        for button, name in ((self.add, "addMeeting"), (self.edit, "editMeeting"), (self.delete, "deleteMeeting")):
            button.setObjectName(name)
        self.empty_state = EmptyState(
            self.table, lambda: _("No expert meetings yet. Record a meeting of the working group's experts with "
                                  "its date, place and minutes."),
            [(lambda: _("Add meeting…"), self.new)], filtered=lambda: bool(self.search.text().strip()))
        self.retranslate()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(_("Search titles, places and minutes…"))
        self.add.setText(_("Add &meeting…"))
        self.edit.setText(_("Edit meeting…"))
        self.delete.setText(_("Delete meeting"))
        self.documents.setText(_("Documents…"))
        super().retranslate()

    def update_buttons(self) -> None:
        super().update_buttons()
        self.documents.setEnabled(self.selected() is not None)

    def update_count(self) -> None:
        self.count.setText(ngettext("{count} expert meeting", "{count} expert meetings", self.model.total).format(
            count=formatting.format_number(self.model.total)))

    def apply_filter(self) -> None:
        if self.context.db is not None:
            self.model.set_query(replace(self.model.query, search=self.search.text()))
            self.update_count()

    def _editor(self, draft, save, record_id=None, changed_draft=None) -> None:
        from desktop_app.ui.roadmap.dialogs import MeetingEditor

        db = self.context.db
        editor = MeetingEditor(db, changed_draft or draft, save, self, record_id, db.url)
        if changed_draft is not None:
            editor.set_baseline(draft)
        editor.exec()

    def new(self, changed_draft: MeetingDraft | None = None) -> None:
        db = self.db()
        if db is None:
            return

        def save(draft: MeetingDraft) -> None:
            new_id = commands.run(self.undo_stack, commands.CreateRecord(
                db, meetings, draft, _("Add expert meeting “{title}”").format(title=draft.title.strip())))
            self.reload()
            self.select_id(new_id)

        self._editor(None, save, changed_draft=changed_draft)

    def edit_record(self, meeting_id: int, changed_draft: MeetingDraft | None = None) -> None:
        db = self.db()
        if db is None:
            return
        record = meetings.get(db, meeting_id)

        def save(draft: MeetingDraft) -> None:
            commands.run(self.undo_stack, commands.UpdateRecord(
                db, meetings, meeting_id, draft, _("Edit expert meeting “{title}”").format(title=draft.title.strip())))

        self._editor(record.draft, save, meeting_id, changed_draft)

    def remove_selected(self) -> None:
        db, meeting = self.db(), self.selected()
        if db is None or meeting is None:
            return
        if not confirm.confirm_delete(self, _("Delete expert meeting"), _(
                "Delete the expert meeting “{title}” of {date} with its minutes and documents? You can undo this "
                "with Edit ▸ Undo.").format(title=meeting.title, date=formatting.format_date(meeting.held_on))):
            return
        commands.push(self.undo_stack, commands.DeleteRecord(
            db, meetings, meeting.id, _("Delete expert meeting “{title}”").format(title=meeting.title)), self)

    def show_documents(self) -> None:
        """The documents of the chosen meeting (signed minutes, presentations), each change undoable."""
        db, meeting = self.db(), self.selected()
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


class MemberList(_RecordList):
    def __init__(self, context, undo_stack, parent=None):
        super().__init__(context, undo_stack, MemberTableModel(), "membersTable", "memberSearch", parent)
        self.model.setParent(self)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(W_ORGANISATION, QHeaderView.ResizeMode.Stretch)
        self.state = QComboBox(objectName="memberState")
        self.state.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.state.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.reveal = QCheckBox(objectName="revealMembers")
        self.reveal.toggled.connect(lambda _on: self.apply_filter())
        self.filters.addWidget(self.state)
        self.tools.addWidget(self.reveal)
        for button, name in ((self.add, "addMember"), (self.edit, "editMember"), (self.delete, "deleteMember")):
            button.setObjectName(name)
        self.empty_state = EmptyState(
            self.table, lambda: _("No members of the working group yet. Add the people each member state has named "
                                  "to it."),
            [(lambda: _("Add member…"), self.new)],
            filtered=lambda: bool(self.search.text().strip()) or self.state.currentIndex() > 0)
        self.retranslate()

    def retranslate(self) -> None:
        self.search.setPlaceholderText(_("Search names, organisations, roles…"))
        self.add.setText(_("Add &member…"))
        self.edit.setText(_("Edit member…"))
        self.delete.setText(_("Remove member"))
        self.reveal.setText(_("Show personal data"))
        current = self.state.currentData()
        self.state.blockSignals(True)
        self.state.clear()
        self.state.addItem(_("All member states"), None)
        key = collation_key()
        for code in sorted((s.code for s in MEMBER_STATES), key=lambda c: key(formatting.country_name(c))):
            self.state.addItem(formatting.country_name(code), code)
        self.state.setCurrentIndex(max(0, self.state.findData(current)))
        self.state.blockSignals(False)
        super().retranslate()

    def update_count(self) -> None:
        self.count.setText(ngettext("{count} working-group member", "{count} working-group members",
                                    self.model.total).format(count=formatting.format_number(self.model.total)))

    def apply_filter(self) -> None:
        if self.context.db is not None:
            self.model.set_query(replace(self.model.query, search=self.search.text(), country=self.state.currentData(),
                                         reveal_personal=self.reveal.isChecked()))
            self.update_count()

    def _editor(self, draft, save, record_id=None, changed_draft=None) -> None:
        from desktop_app.ui.roadmap.dialogs import MemberEditor

        db = self.context.db
        editor = MemberEditor(changed_draft or draft, save, self, record_id, db.url,
                              default_state=self.context.state_code or "")
        if changed_draft is not None:
            editor.set_baseline(draft)
        editor.exec()

    def new(self, changed_draft: MemberDraft | None = None) -> None:
        db = self.db()
        if db is None:
            return

        def save(draft: MemberDraft) -> None:
            new_id = commands.run(self.undo_stack, commands.CreateRecord(
                db, working_group, draft, _("Add working-group member")))
            self.reload()
            self.select_id(new_id)

        self._editor(None, save, changed_draft=changed_draft)

    def edit_record(self, member_id: int, changed_draft: MemberDraft | None = None) -> None:
        db = self.db()
        if db is None:
            return
        record = working_group.get(db, member_id)

        def save(draft: MemberDraft) -> None:
            commands.run(self.undo_stack, commands.UpdateRecord(db, working_group, member_id, draft,
                                                                _("Edit working-group member")))

        self._editor(record.draft, save, member_id, changed_draft)

    def remove_selected(self) -> None:
        db, member = self.db(), self.selected()
        if db is None or member is None:
            return
        # The name as the list shows it (masked unless revealed): anyone may be looking at the screen.
        if not confirm.confirm_delete(self, _("Remove working-group member"), _(
                "Remove {name} ({state}) from the working group? You can undo this with Edit ▸ Undo.").format(
                name=member.name, state=formatting.country_name(member.country_code))):
            return
        commands.push(self.undo_stack, commands.DeleteRecord(db, working_group, member.id,
                                                             _("Remove working-group member")), self)
