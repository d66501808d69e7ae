"""The Governance page: the register of decisions (searchable, by body, only those with overdue actions), the
follow-up of what they ask — open actions, overdue ones first — and the network's bodies with their
chairmanship. Every change is a command of ``ui/core/commands.py`` (Edit ▸ Undo); every delete asks first."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtCore import QTimer
from PySide6.QtGui import QBrush, QUndoStack
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
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.drafts_json import from_jsonable
from desktop_app.domain.errors import NotFoundError
from desktop_app.domain.governance import FOLLOW_UP_STATUS_LABELS, BodyDraft, DecisionDraft
from desktop_app.i18n import _, current_language, formatting, ngettext
from desktop_app.services import bodies, decisions, organisations, university_names
from desktop_app.ui.common import confirm
from desktop_app.ui.common.tables import select_row
from desktop_app.ui.core import commands
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.governance.editors import BodyEditor, DecisionEditor
from desktop_app.ui.governance.models import (
    BODY_NAME,
    BODY_PERMANENT,
    COL_BODY,
    COL_TITLE,
    OVERDUE,
    BodyTableModel,
    DecisionTableModel,
)

TOPICS = {decisions.TOPIC, organisations.TOPIC}


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setResizeContentsPrecision(0)  # fitting reads the rows on screen, never the whole list
    return view


def _selected(view: QTableView, model) -> int | None:
    rows = view.selectionModel().selectedRows()
    row = model.row_at(rows[0].row()) if rows else None
    return row.id if row is not None else None


class GovernancePage(Retranslatable, QWidget):
    SEARCH_DELAY_MS = 250
    (FOLLOW_DEADLINE, FOLLOW_ACTION, FOLLOW_RESPONSIBLE, FOLLOW_STATUS, FOLLOW_DECISION) = range(5)

    def __init__(self, context, parent=None, today: dt.date | None = None):
        super().__init__(parent)
        self.context = context
        self.today = today
        self.setObjectName("page_governance")
        self.undo_stack = QUndoStack(self)
        self.heading = QLabel(objectName="pageHeading")
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.tabs = QTabWidget(objectName="governanceTabs")
        # -- decisions
        self.model = DecisionTableModel(self, today)
        self.search = QLineEdit(objectName="decisionSearch")
        self.search.setClearButtonEnabled(True)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(self.SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _text: self.search_timer.start())
        self.body_filter = QComboBox(objectName="decisionBodyFilter")
        self.body_filter.currentIndexChanged.connect(lambda _index: self.apply_filters())
        self.overdue_only = QCheckBox(objectName="overdueOnly")
        self.overdue_only.toggled.connect(lambda _on: self.apply_filters())
        self.add_button = QPushButton(objectName="add_button")
        self.edit_button = QPushButton(objectName="edit_button")
        self.delete_button = QPushButton(objectName="delete_button")
        self.add_button.clicked.connect(lambda: self.add_decision())
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table = _table(self.model)
        for column in (COL_TITLE, COL_BODY):
            self.table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        self.count_label = QLabel()
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.body_filter, 1)
        filters.addWidget(self.overdue_only)
        self.tabs.addTab(self._tab(filters, (self.add_button, self.edit_button, self.delete_button), self.table,
                                   self.count_label), "")
        # -- follow-up: the open actions, overdue first (a handful per decision, shown whole)
        self.follow_up = QTableWidget(0, 5, objectName="followUpTable")
        self.follow_up.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.follow_up.verticalHeader().hide()
        self.follow_up.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (self.FOLLOW_ACTION, self.FOLLOW_RESPONSIBLE, self.FOLLOW_DECISION):
            self.follow_up.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.follow_up.setWordWrap(True)
        self.follow_up_label = QLabel()
        self.follow_up_label.setWordWrap(True)
        self.tabs.addTab(self._tab(None, (), self.follow_up, self.follow_up_label), "")
        # -- bodies
        self.body_model = BodyTableModel(self, today)
        self.add_body_button = QPushButton(objectName="new_button")
        self.edit_body_button = QPushButton(objectName="edit")
        self.delete_body_button = QPushButton(objectName="delete")
        self.add_body_button.clicked.connect(lambda: self.add_body())
        self.edit_body_button.clicked.connect(self.edit_selected_body)
        self.delete_body_button.clicked.connect(self.delete_selected_body)
        self.body_table = _table(self.body_model)
        for column in (BODY_NAME, BODY_PERMANENT):
            self.body_table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.body_table.doubleClicked.connect(lambda _index: self.edit_selected_body())
        self.body_table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        self.tabs.addTab(self._tab(None, (self.add_body_button, self.edit_body_button, self.delete_body_button),
                                   self.body_table, None), "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 12)
        layout.addWidget(self.heading)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.tabs, 1)
        self._filling = False
        self.retranslate()
        context.bus.changed.connect(self._on_changed)
        context.database_opened.connect(lambda _db: self._open())
        if context.db is not None:
            self._open()

    @staticmethod
    def _tab(filters, buttons, table, footer) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        if filters is not None:
            layout.addLayout(filters)
        if buttons:
            row = QHBoxLayout()
            for button in buttons:
                row.addWidget(button)
            row.addStretch(1)
            layout.addLayout(row)
        layout.addWidget(table, 1)
        if footer is not None:
            layout.addWidget(footer)
        return page

    def day(self) -> dt.date:
        return self.today or dt.date.today()

    # -- texts -----------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(_("Governance"))
        self.subtitle.setText(_("The network's bodies and their chairmanship, the decisions, resolutions and "
                                "recommendations they adopt, and the follow-up of what those ask to be done."))
        for index, title in enumerate((_("Decisions"), _("Follow-up"), _("Bodies"))):
            self.tabs.setTabText(index, title)
        self.search.setPlaceholderText(_("Search titles, references and actions…"))
        self.overdue_only.setText(_("Only with overdue actions"))
        self.add_button.setText(_("&New decision…"))
        self.add_body_button.setText(_("New &body…"))
        for button in (self.edit_button, self.edit_body_button):
            button.setText(_("&Edit…"))
        for button in (self.delete_button, self.delete_body_button):
            button.setText(_("&Delete"))
        self.follow_up.setHorizontalHeaderLabels([_("Deadline"), _("Action"), _("Responsible"), _("Status"),
                                                  _("Decision")])
        self._refill_bodies()
        self.model.retranslate()
        self.body_model.retranslate()
        self._fill_follow_up()
        self._update_count()

    def _refill_bodies(self) -> None:
        current = self.body_filter.currentData()
        self._filling = True
        self.body_filter.clear()
        self.body_filter.addItem(_("Every body"), None)
        if self.context.db is not None:
            for choice in bodies.choices(self.context.db):
                self.body_filter.addItem(choice.label, choice.id)
        self.body_filter.setCurrentIndex(max(self.body_filter.findData(current), 0) if current else 0)
        self._filling = False

    # -- loading ---------------------------------------------------------------------------------
    def _open(self) -> None:
        self._refill_bodies()
        self.model.set_database(self.context.db)
        self.body_model.set_database(self.context.db)
        self._fill_follow_up()
        self._update_count()

    def _on_changed(self, topics) -> None:
        if TOPICS & set(topics) and self.context.db is not None:
            self.reload()

    def reload(self) -> None:
        self._refill_bodies()
        self.model.reload()
        self.body_model.reload()
        self._fill_follow_up()
        self._update_count()

    def apply_filters(self) -> None:
        if self._filling or self.context.db is None:
            return
        self.search_timer.stop()
        self.model.set_query(replace(self.model.query, search=self.search.text(),
                                     body_id=self.body_filter.currentData(), overdue=self.overdue_only.isChecked(),
                                     today=self.day()))
        self._update_count()

    def _responsible(self, row, lang: str) -> str:
        db = self.context.db
        if row.organisation_id is not None:
            return organisations.names_for_reader(db, [row.organisation_id], lang).get(row.organisation_id, "")
        if row.university_id is not None:
            return university_names.names_for_reader(db, [row.university_id], lang).get(row.university_id, "")
        return row.responsible

    def _fill_follow_up(self) -> None:
        rows = decisions.follow_ups(self.context.db, self.day()) if self.context.db is not None else []
        lang = current_language()
        self.follow_up.setRowCount(len(rows))
        for index, row in enumerate(rows):
            overdue = row.overdue(self.day())
            deadline = formatting.format_date(row.deadline) if row.deadline else ""
            texts = [_("{date} — overdue").format(date=deadline) if overdue else deadline, row.description,
                     self._responsible(row, lang), _(FOLLOW_UP_STATUS_LABELS.get(row.status, row.status)),
                     row.decision_title]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if overdue:
                    item.setForeground(QBrush(OVERDUE))
                self.follow_up.setItem(index, column, item)
        overdue_count = sum(1 for row in rows if row.overdue(self.day()))
        self.follow_up_label.setText(ngettext(
            "{count} action still to be done, {overdue} of them past its deadline.",
            "{count} actions still to be done, {overdue} of them past their deadline.", len(rows)).format(
            count=formatting.format_number(len(rows)), overdue=formatting.format_number(overdue_count)))

    def _update_count(self) -> None:
        total = self.model.total
        self.count_label.setText(ngettext("{count} decision", "{count} decisions", total).format(
            count=formatting.format_number(total)))
        self._update_buttons()

    def _update_buttons(self) -> None:
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(self.selected_id() is not None)
        for button in (self.edit_body_button, self.delete_body_button):
            button.setEnabled(self.selected_body_id() is not None)

    def selected_id(self) -> int | None:
        return _selected(self.table, self.model)

    def selected_body_id(self) -> int | None:
        return _selected(self.body_table, self.body_model)

    # -- decisions -------------------------------------------------------------------------------
    def _db(self):
        if self.context.db is None:
            QMessageBox.information(self, _("Governance"), _("The database is still opening. Try again in a moment."))
        return self.context.db

    def open_decision_editor(self, draft, save, record_id=None, changed_draft=None) -> DecisionEditor:
        db = self.context.db
        editor = DecisionEditor(db, changed_draft or draft, save, bodies.choices(db), self, record_id, db.url)
        if changed_draft is not None:
            editor.set_baseline(draft)
        editor.exec()
        return editor

    def add_decision(self, changed_draft=None) -> None:
        db = self._db()
        if db is None:
            return

        def save(draft: DecisionDraft) -> None:
            new_id = commands.run(self.undo_stack, commands.CreateRecord(
                db, decisions, draft, _("Add {title}").format(title=draft.title())))
            self.reload()
            select_row(self.table, self.model.row_of_id(new_id))

        self.open_decision_editor(None, save, changed_draft=changed_draft)

    def edit_selected(self) -> None:
        decision_id = self.selected_id()
        if decision_id is not None:
            self.edit_decision(decision_id)

    def edit_decision(self, decision_id: int, changed_draft=None) -> None:
        db = self._db()
        if db is None:
            return
        record = decisions.get(db, decision_id)

        def save(draft: DecisionDraft) -> None:
            commands.run(self.undo_stack, commands.UpdateRecord(
                db, decisions, decision_id, draft, _("Edit {title}").format(title=draft.title())))

        self.open_decision_editor(record.draft, save, decision_id, changed_draft)

    def delete_selected(self) -> None:
        db = self._db()
        decision_id = self.selected_id()
        if db is None or decision_id is None:
            return
        title = self.model.row_at(self.model.row_of_id(decision_id)).title
        if not confirm.confirm_delete(self, _("Delete decision"), _(
                "Delete “{title}” with its texts and follow-up actions? You can undo this with Edit ▸ Undo.").format(
                title=title)):
            return
        commands.push(self.undo_stack, commands.DeleteRecord(
            db, decisions, decision_id, _("Delete {title}").format(title=title)), self)

    # -- bodies ----------------------------------------------------------------------------------
    def open_body_editor(self, draft, save, record_id=None, changed_draft=None) -> BodyEditor:
        db = self.context.db
        editor = BodyEditor(db, changed_draft or draft, save, self, record_id, db.url)
        if changed_draft is not None:
            editor.set_baseline(draft)
        editor.exec()
        return editor

    def add_body(self, changed_draft=None) -> None:
        db = self._db()
        if db is None:
            return

        def save(draft: BodyDraft) -> None:
            new_id = commands.run(self.undo_stack, commands.CreateRecord(
                db, bodies, draft, _("Add {name}").format(name=draft.display_name())))
            self.reload()
            select_row(self.body_table, self.body_model.row_of_id(new_id))

        self.open_body_editor(None, save, changed_draft=changed_draft)

    def edit_selected_body(self) -> None:
        body_id = self.selected_body_id()
        if body_id is not None:
            self.edit_body(body_id)

    def edit_body(self, body_id: int, changed_draft=None) -> None:
        db = self._db()
        if db is None:
            return
        record = bodies.get(db, body_id)

        def save(draft: BodyDraft) -> None:
            commands.run(self.undo_stack, commands.UpdateRecord(
                db, bodies, body_id, draft, _("Edit {name}").format(name=draft.display_name())))

        self.open_body_editor(record.draft, save, body_id, changed_draft)

    def delete_selected_body(self) -> None:
        db = self._db()
        body_id = self.selected_body_id()
        if db is None or body_id is None:
            return
        name = self.body_model.row_at(self.body_model.row_of_id(body_id)).name_for()
        if not confirm.confirm_delete(self, _("Delete body"), _(
                "Delete {name} with its names and chairmanship? You can undo this with Edit ▸ Undo.").format(
                name=name)):
            return
        commands.push(self.undo_stack, commands.DeleteRecord(
            db, bodies, body_id, _("Delete {name}").format(name=name)), self)

    # -- crash recovery --------------------------------------------------------------------------
    def recover_draft(self, record_id: int | None, values: dict) -> None:
        """Open the editor with a draft left unsaved by a session that ended abruptly: a decision's has a
        body, a body's has names."""
        is_decision = "body_id" in values
        service = decisions if is_decision else bodies
        draft = from_jsonable(DecisionDraft if is_decision else BodyDraft, values)
        if record_id is not None:
            try:
                service.get(self.context.db, record_id)
            except NotFoundError:
                record_id = None
        if is_decision:
            self.add_decision(changed_draft=draft) if record_id is None else self.edit_decision(record_id, draft)
        else:
            self.add_body(changed_draft=draft) if record_id is None else self.edit_body(record_id, draft)
