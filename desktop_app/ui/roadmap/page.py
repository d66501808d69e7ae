"""The road map of the working group: the concept paper's actions with their deadlines, status and
evidence (overdue ones highlighted), expert meetings with minutes, and members by state."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.roadmap import ACTION_STATUS_LABELS
from desktop_app.i18n import N_, _, formatting
from desktop_app.ui.common.choosers import StateCombo
from desktop_app.ui.common.record_widgets import Column, RowsTableModel, push_command
from desktop_app.ui.core.language import Retranslatable

OVERDUE_COLOUR = "#f6d5d3"

ACTION_COLUMNS = [
    Column(N_("No."), lambda a: a.number),
    Column(N_("Action"), lambda a: a.title_en, lambda a: _(a.title_en)),
    Column(N_("Form of completion"), lambda a: a.form_of_completion_en, lambda a: _(a.form_of_completion_en)),
    Column(N_("Deadline"), lambda a: (a.deadline_year, a.deadline_quarter_to), lambda a: a.deadline),
    Column(N_("Responsible"), lambda a: a.responsible_en, lambda a: _(a.responsible_en)),
    Column(N_("Status"), lambda a: a.status,
           lambda a: (_("{status} — overdue") if a.overdue else "{status}").format(
               status=_(ACTION_STATUS_LABELS.get(a.status, a.status)))),
    Column(N_("Evidence"), lambda a: a.evidence, lambda a: formatting.format_number(a.evidence)),
]
MEETING_COLUMNS = [
    Column(N_("Date"), lambda m: m.held_on),
    Column(N_("Meeting"), lambda m: m.title),
    Column(N_("Place"), lambda m: m.place),
    Column(N_("Minutes"), lambda m: m.minutes),
]
MEMBER_COLUMNS = [
    Column(N_("State"), lambda m: m.country_code, lambda m: formatting.country_name(m.country_code)),
    Column(N_("Name"), lambda m: m.name),
    Column(N_("E-mail"), lambda m: m.email),
    Column(N_("Organisation"), lambda m: m.organisation),
    Column(N_("Role"), lambda m: m.role),
]


def _view(model, name: str, stretch: int) -> QTableView:
    view = QTableView(objectName=name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.setWordWrap(True)
    view.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view


class MeetingDialog(QDialog):
    def __init__(self, actions, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Expert meeting"))
        self.title = QLineEdit(objectName="meetingTitle")
        self.held_on = QDateEdit(QDate.currentDate(), objectName="meetingDate")
        self.held_on.setCalendarPopup(True)
        self.place = QLineEdit()
        self.action = QComboBox()
        self.action.addItem("—", None)
        for action in actions:
            self.action.addItem(f"{action.number}. {_(action.title_en)[:60]}…", action.id)
        self.minutes = QPlainTextEdit(objectName="meetingMinutes")
        self.error = QLabel()
        self.error.setProperty("role", "fieldError")
        form = QFormLayout()
        form.addRow(_("Title"), self.title)
        form.addRow("", self.error)
        form.addRow(_("Date"), self.held_on)
        form.addRow(_("Place"), self.place)
        form.addRow(_("Road-map action"), self.action)
        form.addRow(_("Minutes"), self.minutes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if not self.title.text().strip():
            self.error.setText(_("Give the meeting a title."))
            return
        super().accept()


class MemberDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(_("Working-group member"))
        self.state = StateCombo()
        self.name = QLineEdit(objectName="memberName")
        self.email = QLineEdit()
        self.organisation = QLineEdit()
        self.role = QLineEdit()
        self.error = QLabel()
        self.error.setProperty("role", "fieldError")
        form = QFormLayout()
        form.addRow(_("State"), self.state)
        form.addRow(_("Name (personal data)"), self.name)
        form.addRow("", self.error)
        form.addRow(_("E-mail (personal data)"), self.email)
        form.addRow(_("Organisation"), self.organisation)
        form.addRow(_("Role"), self.role)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if not self.name.text().strip():
            self.error.setText(_("Enter the member's name."))
            return
        super().accept()


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

        # actions
        self.action_model = RowsTableModel(ACTION_COLUMNS, lambda a: OVERDUE_COLOUR if a.overdue else None, self)
        self.action_table = _view(self.action_model, "actionsTable", 1)
        header = self.action_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        # Five rows of long texts: rows follow their wrapped content whatever the column widths.
        self.action_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column, width in ((2, 170), (4, 250), (5, 170), (6, 90)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.status = QComboBox(objectName="actionStatus")
        self.notes = QPlainTextEdit(objectName="actionNotes")
        self.notes.setMaximumHeight(70)
        self.save_status = QPushButton(objectName="saveStatus")
        self.evidence = QListWidget(objectName="evidence")
        self.attach_evidence = QPushButton(objectName="attachEvidence")
        self.status_label, self.notes_label, self.evidence_label = QLabel(), QLabel(), QLabel()
        editor = QWidget()
        form = QFormLayout(editor)
        status_row = QHBoxLayout()
        status_row.addWidget(self.status, 1)
        status_row.addWidget(self.save_status)
        form.addRow(self.status_label, status_row)
        form.addRow(self.notes_label, self.notes)
        evidence_row = QVBoxLayout()
        evidence_row.addWidget(self.evidence)
        evidence_row.addWidget(self.attach_evidence, 0, Qt.AlignmentFlag.AlignLeft)
        form.addRow(self.evidence_label, evidence_row)
        actions = QSplitter(Qt.Orientation.Vertical)
        actions.addWidget(self.action_table)
        actions.addWidget(editor)
        actions.setSizes([360, 220])
        self.tabs.addTab(actions, "")

        # meetings
        self.meeting_model = RowsTableModel(MEETING_COLUMNS, parent=self)
        self.meeting_table = _view(self.meeting_model, "meetingsTable", 3)
        self.add_meeting = QPushButton(objectName="addMeeting")
        self.attach_minutes = QPushButton(objectName="attachMinutes")
        meetings = QWidget()
        mbox = QVBoxLayout(meetings)
        mtools = QHBoxLayout()
        mtools.addStretch(1)
        mtools.addWidget(self.add_meeting)
        mtools.addWidget(self.attach_minutes)
        mbox.addLayout(mtools)
        mbox.addWidget(self.meeting_table)
        self.tabs.addTab(meetings, "")

        # members
        self.member_model = RowsTableModel(MEMBER_COLUMNS, parent=self)
        self.member_table = _view(self.member_model, "membersTable", 3)
        self.reveal = QCheckBox(objectName="revealMembers")
        self.add_member = QPushButton(objectName="addMember")
        members = QWidget()
        wbox = QVBoxLayout(members)
        wtools = QHBoxLayout()
        wtools.addWidget(self.reveal)
        wtools.addStretch(1)
        wtools.addWidget(self.add_member)
        wbox.addLayout(wtools)
        wbox.addWidget(self.member_table)
        self.tabs.addTab(members, "")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self.heading)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.tabs, 1)

        self.action_table.selectionModel().selectionChanged.connect(lambda *_a: self.show_action())
        self.save_status.clicked.connect(self.change_status)
        self.attach_evidence.clicked.connect(self.attach_to_action)
        self.add_meeting.clicked.connect(self.new_meeting)
        self.attach_minutes.clicked.connect(self.attach_to_meeting)
        self.add_member.clicked.connect(self.new_member)
        self.reveal.toggled.connect(lambda _on: self.refresh())
        self.retranslate()
        context.bus.changed.connect(lambda topics: self.refresh() if {"roadmap", "documents"} & set(topics) else None)
        context.database_opened.connect(lambda _db: self.refresh())
        if context.db is not None:
            self.refresh()

    def retranslate(self) -> None:
        self.heading.setText(_("Road map"))
        self.subtitle.setText(_("The actions of the concept paper of the Partnership Network. An action whose "
                                "deadline quarter has passed and that is not done is highlighted."))
        for index, text in enumerate((_("Actions"), _("Expert meetings"), _("Working group"))):
            self.tabs.setTabText(index, text)
        current = self.status.currentData()
        self.status.clear()
        for key, label in ACTION_STATUS_LABELS.items():
            self.status.addItem(_(label), key)
        self.status.setCurrentIndex(max(0, self.status.findData(current)))
        self.status_label.setText(_("Status"))
        self.notes_label.setText(_("Notes"))
        self.evidence_label.setText(_("Evidence"))
        self.save_status.setText(_("&Save status"))
        self.attach_evidence.setText(_("Attach &evidence…"))
        self.add_meeting.setText(_("Add &meeting…"))
        self.attach_minutes.setText(_("Attach minutes…"))
        self.add_member.setText(_("Add &member…"))
        self.reveal.setText(_("Show personal data"))
        for model in (self.action_model, self.meeting_model, self.member_model):
            model.retranslate()

    def refresh(self) -> None:
        db = self.context.db
        if db is None:
            return
        from desktop_app.services import roadmap

        selected = self._selected_action()
        self.action_model.set_rows(roadmap.list_actions(db))
        self.meeting_model.set_rows(roadmap.list_meetings(db))
        self.member_model.set_rows(roadmap.list_members(db, reveal_personal=self.reveal.isChecked()))
        for r in range(self.action_model.rowCount()):
            if selected is not None and self.action_model.row_at(r).id == selected.id:
                self.action_table.selectRow(r)
        self.show_action()

    def _selected_action(self):
        rows = self.action_table.selectionModel().selectedRows()
        return self.action_model.row_at(rows[0].row()) if rows else None

    def show_action(self) -> None:
        action = self._selected_action()
        self.evidence.clear()
        for widget in (self.status, self.notes, self.save_status, self.attach_evidence):
            widget.setEnabled(action is not None)
        if action is None:
            return
        self.status.setCurrentIndex(max(0, self.status.findData(action.status)))
        self.notes.setPlainText(action.notes)
        from desktop_app.services import documents

        for doc in documents.list_documents(self.context.db, "roadmap_action", action.id):
            self.evidence.addItem(f"{doc.file_name} — SHA-256 {doc.sha256[:16]}…")

    def change_status(self) -> None:
        action = self._selected_action()
        if action is None:
            return
        from desktop_app.services import roadmap

        db = self.context.db
        before = (action.status, action.notes)
        after = (self.status.currentData(), self.notes.toPlainText())
        push_command(self.undo_stack, _("Change status of action {number}").format(number=action.number),
                     lambda: roadmap.set_action_status(db, action.id, *after),
                     lambda: roadmap.set_action_status(db, action.id, *before), self)

    def _attach(self, owner_type: str, owner_id: int) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, _("Attach a document"))
        if not path:
            return
        from desktop_app.services import documents

        db, state = self.context.db, {}

        def do() -> None:
            state["id"] = documents.attach_file(db, owner_type, owner_id, path, topic="roadmap")

        push_command(self.undo_stack, _("Attach document"), do,
                     lambda: documents.remove_document(db, state["id"], "roadmap"), self)

    def attach_to_action(self) -> None:
        action = self._selected_action()
        if action is not None:
            self._attach("roadmap_action", action.id)

    def attach_to_meeting(self) -> None:
        rows = self.meeting_table.selectionModel().selectedRows()
        meeting = self.meeting_model.row_at(rows[0].row()) if rows else None
        if meeting is not None:
            self._attach("expert_meeting", meeting.id)

    def new_meeting(self) -> None:
        if self.context.db is None:
            return
        from desktop_app.services import roadmap

        db = self.context.db
        dialog = MeetingDialog(roadmap.list_actions(db), self)
        if not dialog.exec():
            return
        values = {"title": dialog.title.text(), "held_on": dialog.held_on.date().toPython(),
                  "place": dialog.place.text(), "minutes": dialog.minutes.toPlainText(),
                  "action_id": dialog.action.currentData()}
        state = {}

        def do() -> None:
            state["id"] = roadmap.add_meeting(db, **values)

        push_command(self.undo_stack, _("Add expert meeting"), do, lambda: roadmap.delete_meeting(db, state["id"]),
                     self)

    def new_member(self) -> None:
        if self.context.db is None:
            return
        from desktop_app.services import roadmap

        db = self.context.db
        dialog = MemberDialog(self)
        dialog.state.select(self.context.state_code or "KZ")
        if not dialog.exec():
            return
        values = {"country_code": dialog.state.currentData(), "name": dialog.name.text(),
                  "organisation": dialog.organisation.text(), "role": dialog.role.text(),
                  "email": dialog.email.text()}
        state = {}

        def do() -> None:
            state["id"] = roadmap.add_member(db, **values)

        push_command(self.undo_stack, _("Add working-group member"), do,
                     lambda: roadmap.delete_member(db, state["id"]), self)


