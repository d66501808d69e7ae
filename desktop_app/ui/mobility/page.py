"""Mobility & events: mobility records (personal data masked until revealed), the flow matrix between
member states by year, and joint events with their documents.

Both lists are paged from the services as the view scrolls and filtered in SQL, so they open at once
however many records the register holds. Every change is a command of ``ui/core/commands.py`` (Edit ▸
Undo), and every delete asks first.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.drafts_json import from_jsonable
from desktop_app.domain.errors import NotFoundError
from desktop_app.domain.mobility import (
    EVENT_LABELS,
    FORMAT_LABELS,
    PERSON_LABELS,
    EventDraft,
    MobilityDraft,
    PersonKind,
)
from desktop_app.domain.mobility_lifecycle import STATUS_LABELS
from desktop_app.i18n import _, formatting, ngettext
from desktop_app.services import events, mobility, scholarships
from desktop_app.ui.common import confirm
from desktop_app.ui.common.empty_state import EmptyState
from desktop_app.ui.common.keyset_model import keep_sort_indicator_on_sortable_columns
from desktop_app.ui.core import commands
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.mobility.list_tab import ListTab, filter_combo, refill
from desktop_app.ui.mobility.models import (
    E_AREA,
    E_HOST,
    E_OUTCOME,
    E_PARTNERS,
    E_START,
    E_TITLE,
    M_FORMAT,
    M_FROM,
    M_FUNDING,
    M_START,
    M_TO,
    EventTableModel,
    FlowMatrixModel,
    MobilityTableModel,
    label,
)
from desktop_app.ui.mobility.record_actions import StudentRecordActions

#: Changes after which the page reads its lists again (universities: their names; documents: the counts).
TOPICS = {"mobility", "events", "universities", "agreements", "documents", "scholarships"}


class MobilityPage(StudentRecordActions, Retranslatable, QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("page_mobility")
        self.undo_stack = QUndoStack(self)
        self.heading = QLabel(objectName="pageHeading")
        self.tabs = QTabWidget(objectName="mobilityTabs")

        # mobility records
        self.mobility_model = MobilityTableModel(self)
        self.mobility_tab = ListTab(self.mobility_model, "mobilityTable", "mobilitySearch")
        self.mobility_table = self.mobility_tab.table
        self.mobility_year = filter_combo("mobilityYear")
        self.mobility_format = filter_combo("mobilityFormat")
        self.person_kind = filter_combo("mobilityPersonKind")
        self.mobility_status = filter_combo("mobilityStatus")
        self.reveal = QCheckBox(objectName="revealPersonal")
        self.awaiting_signature = QCheckBox(objectName="awaitingSignature")
        for widget in (self.mobility_year, self.mobility_format, self.person_kind, self.mobility_status):
            self.mobility_tab.add_filter(widget)
        self.new_mobility = QPushButton(objectName="newMobility")
        self.edit_mobility_button = QPushButton(objectName="editMobility")
        self.delete_mobility = QPushButton(objectName="deleteMobility")
        self.life_cycle = QPushButton(objectName="mobilityLifeCycleButton")
        self.learning_agreement = QPushButton(objectName="learningAgreementButton")
        self.transcript = QPushButton(objectName="transcriptButton")
        self.grading_tables = QPushButton(objectName="gradingTablesButton")
        for button in (self.new_mobility, self.edit_mobility_button, self.delete_mobility):
            self.mobility_tab.actions.addWidget(button)
        self.mobility_tab.actions.addStretch(1)
        self.mobility_tab.actions.addWidget(self.reveal)
        # The steps of a student's mobility on a line of their own: one line would not fit a laptop screen in
        # the languages with long words.
        student_actions = QHBoxLayout()
        for button in (self.life_cycle, self.learning_agreement, self.transcript, self.grading_tables):
            student_actions.addWidget(button)
        student_actions.addStretch(1)
        student_actions.addWidget(self.awaiting_signature)
        self.mobility_tab.layout().insertLayout(2, student_actions)
        header = self.mobility_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (M_FROM, M_TO):  # the universities take the width left (their full name in a tool tip)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        # The format and the funding are read at a glance; the universities need the room more.
        for column, width in ((M_FORMAT, 130), (M_FUNDING, 110)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSortIndicator(M_START, Qt.SortOrder.DescendingOrder)
        keep_sort_indicator_on_sortable_columns(self.mobility_table, self.mobility_model)
        self.tabs.addTab(self.mobility_tab, "")

        # flow matrix
        self.year = filter_combo("matrixYear")
        self.year_label = QLabel()
        self.year_label.setBuddy(self.year)
        self.matrix_note = QLabel()
        self.matrix_note.setWordWrap(True)
        self.matrix_model = FlowMatrixModel(self)
        self.matrix_table = QTableView(objectName="flowMatrix")
        self.matrix_table.setModel(self.matrix_model)
        self.matrix_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.matrix_table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self.matrix_table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)
        matrix = QWidget()
        mtools = QHBoxLayout()
        mtools.addWidget(self.year_label)
        mtools.addWidget(self.year)
        mtools.addStretch(1)
        mbox = QVBoxLayout(matrix)
        mbox.addLayout(mtools)
        mbox.addWidget(self.matrix_note)
        mbox.addWidget(self.matrix_table)
        self.tabs.addTab(matrix, "")
        self._matrix_stale = True

        # joint events
        self.event_model = EventTableModel(self)
        self.event_tab = ListTab(self.event_model, "eventsTable", "eventSearch")
        self.event_table = self.event_tab.table
        self.event_year = filter_combo("eventYear")
        self.event_kind = filter_combo("eventKind")
        for widget in (self.event_year, self.event_kind):
            self.event_tab.add_filter(widget)
        self.new_event = QPushButton(objectName="newEvent")
        self.edit_event_button = QPushButton(objectName="editEvent")
        self.delete_event = QPushButton(objectName="deleteEvent")
        self.event_documents = QPushButton(objectName="eventDocuments")
        for button in (self.new_event, self.edit_event_button, self.delete_event):
            self.event_tab.actions.addWidget(button)
        self.event_tab.actions.addStretch(1)
        self.event_tab.actions.addWidget(self.event_documents)
        header = self.event_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column, width in ((E_TITLE, 260), (E_HOST, 220), (E_PARTNERS, 200), (E_AREA, 160)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        header.setSectionResizeMode(E_OUTCOME, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicator(E_START, Qt.SortOrder.DescendingOrder)
        keep_sort_indicator_on_sortable_columns(self.event_table, self.event_model)
        self.tabs.addTab(self.event_tab, "")

        # scholarship programmes
        from desktop_app.ui.mobility.scholarships_tab import ScholarshipsTab

        self.scholarships_tab = ScholarshipsTab(context, self.undo_stack)
        self.tabs.addTab(self.scholarships_tab, "")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)

        self._filling = False
        self.mobility_tab.timer.timeout.connect(self.apply_mobility_filters)
        self.event_tab.timer.timeout.connect(self.apply_event_filters)
        for combo in (self.mobility_year, self.mobility_format, self.person_kind, self.mobility_status):
            combo.currentIndexChanged.connect(lambda _i: self.apply_mobility_filters())
        for combo in (self.event_year, self.event_kind):
            combo.currentIndexChanged.connect(lambda _i: self.apply_event_filters())
        self.reveal.toggled.connect(self._reveal_toggled)
        self.awaiting_signature.toggled.connect(lambda _on: self.apply_mobility_filters())
        self.mobility_empty = EmptyState(
            self.mobility_table, lambda: _("No mobility records yet. Record a student's, teacher's or researcher's "
                                           "stay at a partner university."),
            [(lambda: _("New mobility…"), self.add_mobility)],
            filtered=lambda: bool(self.mobility_tab.search.text().strip()) or any(
                combo.currentIndex() > 0 for combo in (self.mobility_year, self.mobility_format, self.person_kind,
                                                       self.mobility_status)) or self.awaiting_signature.isChecked())
        self.event_empty = EmptyState(
            self.event_table, lambda: _("No joint events yet. Record a conference, symposium, workshop or joint "
                                        "research project."),
            [(lambda: _("New event…"), self.add_event)],
            filtered=lambda: bool(self.event_tab.search.text().strip()) or any(
                combo.currentIndex() > 0 for combo in (self.event_year, self.event_kind)))
        self.year.currentIndexChanged.connect(lambda _i: self._load_matrix())
        self.tabs.currentChanged.connect(lambda _i: self._load_matrix() if self._matrix_stale else None)
        self.new_mobility.clicked.connect(lambda: self.add_mobility())
        self.edit_mobility_button.clicked.connect(self.edit_selected_mobility)
        self.delete_mobility.clicked.connect(self.remove_mobility)
        self.life_cycle.clicked.connect(self.open_life_cycle)
        self.learning_agreement.clicked.connect(self.open_learning_agreement)
        self.transcript.clicked.connect(self.open_transcript)
        self.grading_tables.clicked.connect(self.open_grading_tables)
        self.new_event.clicked.connect(lambda: self.add_event())
        self.edit_event_button.clicked.connect(self.edit_selected_event)
        self.delete_event.clicked.connect(self.remove_event)
        self.event_documents.clicked.connect(self.show_event_documents)
        self.mobility_table.doubleClicked.connect(lambda _index: self.edit_selected_mobility())
        self.event_table.doubleClicked.connect(lambda _index: self.edit_selected_event())
        QShortcut(QKeySequence.StandardKey.Delete, self.mobility_table, activated=self.remove_mobility)
        QShortcut(QKeySequence.StandardKey.Delete, self.event_table, activated=self.remove_event)
        for view in (self.mobility_table, self.event_table):
            view.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
            view.model().modelReset.connect(self._update_buttons)
        self.retranslate()
        context.bus.changed.connect(self._on_changed)
        context.database_opened.connect(lambda _db: self._open())
        if context.db is not None:
            self._open()

    # --- texts --------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(_("Mobility & events"))
        for index, text in enumerate((_("Mobility"), _("Flow matrix"), _("Joint events"),
                                      _("Scholarship programmes"))):
            self.tabs.setTabText(index, text)
        self.mobility_tab.search.setPlaceholderText(_("Search people, universities, funding, notes…"))
        self.event_tab.search.setPlaceholderText(_("Search titles, universities, outcomes…"))
        self.reveal.setText(_("Show personal data"))
        self.new_mobility.setText(_("&New mobility…"))
        self.edit_mobility_button.setText(_("&Edit…"))
        self.delete_mobility.setText(_("&Delete"))
        self.life_cycle.setText(_("&Life cycle…"))
        self.learning_agreement.setText(_("Learning &agreement…"))
        self.transcript.setText(_("&Transcript…"))
        self.grading_tables.setText(_("&Grading tables…"))
        self.awaiting_signature.setText(_("Waiting for a signature"))
        self.new_event.setText(_("New &event…"))
        self.edit_event_button.setText(_("Edit event…"))
        self.delete_event.setText(_("Delete event"))
        self.event_documents.setText(_("&Documents…"))
        self.year_label.setText(_("Year"))
        self.matrix_note.setText(_("Mobility records by the year they start: sending states down, receiving "
                                   "states across."))
        self._refill_years()
        self._filling = True
        refill(self.mobility_format, _("Any format"), [(k, _(v)) for k, v in FORMAT_LABELS.items()])
        refill(self.person_kind, _("Any category"), [(k, _(v)) for k, v in PERSON_LABELS.items()])
        refill(self.mobility_status, _("Any step"), [(k, _(v)) for k, v in STATUS_LABELS.items()])
        refill(self.event_kind, _("Any kind"), [(k, _(v)) for k, v in EVENT_LABELS.items()])
        self._filling = False
        for model in (self.mobility_model, self.event_model, self.matrix_model):
            model.retranslate()
        self.scholarships_tab.retranslate()
        self._update_counts()

    def _years(self) -> dict[str, list[tuple[int, str]]]:
        """The years records start in, as the filters offer them (numbers in the reader's digits)."""
        db = self.context.db
        found = {"mobility": mobility.years(db) if db else [], "events": events.years(db) if db else []}
        return {key: [(year, str(year)) for year in values] for key, values in found.items()}

    def _update_counts(self) -> None:
        self.mobility_tab.count.setText(ngettext(
            "{count} mobility record", "{count} mobility records", self.mobility_model.total).format(
            count=formatting.format_number(self.mobility_model.total)))
        self.event_tab.count.setText(ngettext("{count} event", "{count} events", self.event_model.total).format(
            count=formatting.format_number(self.event_model.total)))

    def _update_buttons(self) -> None:
        has_record = self.mobility_tab.selected() is not None
        self.edit_mobility_button.setEnabled(has_record)
        self.delete_mobility.setEnabled(has_record)
        self.life_cycle.setEnabled(has_record)
        student = has_record and self.mobility_tab.selected().person_kind == PersonKind.STUDENT
        self.learning_agreement.setEnabled(student)
        self.transcript.setEnabled(student)
        has_event = self.event_tab.selected() is not None
        for button in (self.edit_event_button, self.delete_event, self.event_documents):
            button.setEnabled(has_event)

    # --- data ---------------------------------------------------------------------------------------
    def _open(self) -> None:
        db = self.context.db
        self._refill_years()
        self.mobility_model.set_database(db)
        self.event_model.set_database(db)
        self.scholarships_tab.set_database(db)
        self._matrix_stale = True
        self._load_matrix()
        self._update_counts()

    def _refill_years(self) -> None:
        self._filling = True
        years = self._years()
        refill(self.mobility_year, _("All years"), years["mobility"])
        refill(self.event_year, _("All years"), years["events"])
        refill(self.year, _("All years"), years["mobility"])
        self._filling = False

    def _on_changed(self, topics) -> None:
        if self.context.db is None or not TOPICS & set(topics):
            return
        self.reload()

    def reload(self) -> None:
        """Read the lists again, keeping the selection and as many rows as were shown."""
        selected = (self.mobility_tab.selected(), self.event_tab.selected())
        self._refill_years()
        self.mobility_model.reload()
        self.event_model.reload()
        self.scholarships_tab.reload()
        self.mobility_tab.select_id(selected[0].id if selected[0] else None)
        self.event_tab.select_id(selected[1].id if selected[1] else None)
        self._matrix_stale = True
        self._load_matrix()
        self._update_counts()

    def _reveal_toggled(self, on: bool) -> None:
        if on:  # shown on purpose: the act is kept in the log of acts on personal data
            from desktop_app.services import data_access

            data_access.record_reveal(self.context.db, "mobility list")
        self.apply_mobility_filters()

    def apply_mobility_filters(self) -> None:
        if self._filling or self.context.db is None:
            return
        self.mobility_tab.timer.stop()
        self.mobility_model.set_query(replace(
            self.mobility_model.query, search=self.mobility_tab.search.text(), year=self.mobility_year.currentData(),
            format=self.mobility_format.currentData(), person_kind=self.person_kind.currentData(),
            status=self.mobility_status.currentData(), awaiting_signature=self.awaiting_signature.isChecked(),
            reveal_personal=self.reveal.isChecked()))
        self._update_counts()

    def apply_event_filters(self) -> None:
        if self._filling or self.context.db is None:
            return
        self.event_tab.timer.stop()
        self.event_model.set_query(replace(self.event_model.query, search=self.event_tab.search.text(),
                                           year=self.event_year.currentData(), kind=self.event_kind.currentData()))
        self._update_counts()

    def _load_matrix(self) -> None:
        """The matrix is counted when it is looked at: over a large register that takes a moment."""
        if self.context.db is None or self._filling:
            return
        if self.tabs.currentIndex() != 1:
            self._matrix_stale = True
            return
        self.matrix_model.set_matrix(mobility.flow_matrix(self.context.db, self.year.currentData()))
        self._matrix_stale = False

    def _db(self):
        if self.context.db is None:
            QMessageBox.information(self, _("Mobility & events"), _("The database is still opening. Try again in a "
                                                                     "moment."))
        return self.context.db

    # --- mobility records ---------------------------------------------------------------------------
    def recover_draft(self, record_id: int | None, values: dict, journal: str | None = None) -> None:
        """Open the editor with a draft left unsaved by a session that ended abruptly."""
        if journal in ("learning_agreements", "transcripts"):
            self.recover_student_record(journal, record_id, values)
            return
        if journal == "scholarships":
            self.tabs.setCurrentIndex(3)
            if record_id is not None and not self._exists(scholarships, record_id):
                record_id = None
            self.scholarships_tab.recover(record_id, values)
            return
        if journal == "events":
            self.tabs.setCurrentIndex(2)
            event = from_jsonable(EventDraft, values)
            if record_id is not None and not self._exists(events, record_id):
                record_id = None
            if record_id is None:
                self.add_event(changed_draft=event)
            else:
                self.edit_event(record_id, changed_draft=event)
            return
        self.tabs.setCurrentIndex(0)
        draft = from_jsonable(MobilityDraft, values)
        if record_id is not None and not self._exists(mobility, record_id):
            record_id = None
        if record_id is None:
            self.add_mobility(changed_draft=draft)
        else:
            self.edit_mobility(record_id, changed_draft=draft)

    def _exists(self, service, record_id: int) -> bool:
        try:
            service.get(self.context.db, record_id)
        except NotFoundError:
            return False
        return True

    def _open_mobility_editor(self, draft, save, record_id=None, changed_draft=None):
        from desktop_app.ui.mobility.dialogs import MobilityEditor

        db = self.context.db
        editor = MobilityEditor(db, changed_draft or draft, save, self, record_id, db.url)
        if changed_draft is not None:
            editor.set_baseline(draft)
        editor.exec()
        return editor

    def add_mobility(self, changed_draft: MobilityDraft | None = None) -> None:
        db = self._db()
        if db is None:
            return

        def save(draft: MobilityDraft) -> None:
            new_id = commands.run(self.undo_stack, commands.CreateRecord(db, mobility, draft,
                                                                         _("New mobility record")))
            self.reload()
            self.mobility_tab.select_id(new_id)

        self._open_mobility_editor(None, save, changed_draft=changed_draft)

    def edit_selected_mobility(self) -> None:
        row = self.mobility_tab.selected()
        if row is not None:
            self.edit_mobility(row.id)

    def edit_mobility(self, record_id: int, changed_draft: MobilityDraft | None = None) -> None:
        db = self._db()
        if db is None:
            return
        record = mobility.get(db, record_id)

        def save(draft: MobilityDraft) -> None:
            commands.run(self.undo_stack, commands.UpdateRecord(db, mobility, record_id, draft,
                                                                _("Edit mobility record")))

        self._open_mobility_editor(record.draft, save, record_id, changed_draft)

    def open_life_cycle(self) -> None:
        db, row = self._db(), self.mobility_tab.selected()
        if db is None or row is None:
            return
        from desktop_app.ui.mobility.lifecycle_dialog import LifeCycleDialog

        LifeCycleDialog(db, self.undo_stack, row.id, self.context.preferences.options(), self).exec()

    def remove_mobility(self) -> None:
        db = self._db()
        row = self.mobility_tab.selected()
        if db is None or row is None:
            return
        model = self.mobility_model
        # No personal data in the question: anyone may be looking at the screen.
        question = _("Delete this mobility record ({category}, {format}: {sending} → {receiving}, from {start})? "
                     "You can undo this with Edit ▸ Undo.").format(
            category=label(PERSON_LABELS, row.person_kind), format=label(FORMAT_LABELS, row.format),
            sending=model.universities.name(row.sending_university_id, row.sending_university),
            receiving=model.universities.name(row.receiving_university_id, row.receiving_university),
            start=formatting.format_date(row.start_date))
        if not confirm.confirm_delete(self, _("Delete mobility record"), question):
            return
        commands.push(self.undo_stack, commands.DeleteRecord(db, mobility, row.id, _("Delete mobility record")), self)

    # --- joint events -------------------------------------------------------------------------------
    def _open_event_editor(self, draft, save, record_id=None, changed_draft=None):
        from desktop_app.ui.mobility.dialogs import EventEditor

        db = self.context.db
        editor = EventEditor(db, changed_draft or draft, save, self, record_id, db.url)
        if changed_draft is not None:
            editor.set_baseline(draft)
        editor.exec()
        return editor

    def add_event(self, changed_draft: EventDraft | None = None) -> None:
        db = self._db()
        if db is None:
            return

        def save(draft: EventDraft) -> None:
            new_id = commands.run(self.undo_stack, commands.CreateRecord(
                db, events, draft, _("New event “{title}”").format(title=draft.title.strip())))
            self.reload()
            self.event_tab.select_id(new_id)

        self._open_event_editor(None, save, changed_draft=changed_draft)

    def edit_selected_event(self) -> None:
        row = self.event_tab.selected()
        if row is not None:
            self.edit_event(row.id)

    def edit_event(self, event_id: int, changed_draft: EventDraft | None = None) -> None:
        db = self._db()
        if db is None:
            return
        record = events.get(db, event_id)

        def save(draft: EventDraft) -> None:
            commands.run(self.undo_stack, commands.UpdateRecord(
                db, events, event_id, draft, _("Edit event “{title}”").format(title=draft.title.strip())))

        self._open_event_editor(record.draft, save, event_id, changed_draft)

    def remove_event(self) -> None:
        db = self._db()
        row = self.event_tab.selected()
        if db is None or row is None:
            return
        question = ngettext(
            "Delete the event “{title}” with its partner list and its {count} document? You can undo this with "
            "Edit ▸ Undo.",
            "Delete the event “{title}” with its partner list and its {count} documents? You can undo this with "
            "Edit ▸ Undo.", row.documents).format(title=row.title, count=formatting.format_number(row.documents)) \
            if row.documents else _("Delete the event “{title}” with its partner list? You can undo this with "
                                    "Edit ▸ Undo.").format(title=row.title)
        if not confirm.confirm_delete(self, _("Delete event"), question):
            return
        commands.push(self.undo_stack, commands.DeleteRecord(
            db, events, row.id, _("Delete event “{title}”").format(title=row.title)), self)

    def show_event_documents(self) -> None:
        """The documents of the chosen event (programme, outcome, photographs), each change undoable."""
        db = self._db()
        row = self.event_tab.selected()
        if db is None or row is None:
            return
        from desktop_app.ui.common.documents import DocumentsDialog, DocumentTexts

        title = row.title
        DocumentsDialog(db, events, row.id, lambda: _("Documents of the event “{title}”").format(title=title),
                        self.undo_stack, DocumentTexts(
                            attach_button=lambda: _("Attach &document…"),
                            attached=lambda file: _("Attach {file} to “{title}”").format(file=file, title=title),
                            removed=lambda file: _("Remove {document} from “{title}”").format(document=file,
                                                                                              title=title),
                            remove_question=lambda file: _(
                                "Remove {document} from the event “{title}”? You can undo this with Edit ▸ Undo."
                            ).format(document=file, title=title)), self).exec()
