"""The Organisations page: ministries, agencies, associations, enterprises and international bodies, with
one search box, filters by kind, country and standing, a lazily loaded sortable table and the actions
(add, edit, delete after asking), every change a command of ``ui/core/commands.py`` (Edit ▸ Undo)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
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

from desktop_app.domain.drafts_json import from_jsonable
from desktop_app.domain.errors import NotFoundError
from desktop_app.domain.organisations import KIND_LABELS, STANDING_LABELS, OrganisationDraft
from desktop_app.domain.reference import MEMBER_STATES
from desktop_app.i18n import _, formatting, ngettext
from desktop_app.services import organisations
from desktop_app.ui.common import confirm
from desktop_app.ui.common.choosers import collation_key
from desktop_app.ui.common.empty_state import EmptyState, filters_in_use
from desktop_app.ui.common.keyset_model import keep_sort_indicator_on_sortable_columns
from desktop_app.ui.common.tables import select_row
from desktop_app.ui.core import commands
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.organisations.editor import OrganisationEditor
from desktop_app.ui.organisations.model import COL_NAME, COL_STANDING, OrganisationTableModel

TOPICS = {organisations.TOPIC}


class OrganisationsPage(Retranslatable, QWidget):
    SEARCH_DELAY_MS = 250

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("page_organisations")
        self.undo_stack = QUndoStack(self)
        self.model = OrganisationTableModel(self)
        self.heading = QLabel(objectName="pageHeading")
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.search = QLineEdit(objectName="organisationSearch")
        self.search.setClearButtonEnabled(True)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(self.SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(lambda _text: self.search_timer.start())
        self.kind = QComboBox(objectName="organisationKindFilter")
        self.country = QComboBox(objectName="organisationCountryFilter")
        self.standing = QComboBox(objectName="organisationStandingFilter")
        for combo in (self.kind, self.country, self.standing):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
            combo.currentIndexChanged.connect(lambda _index: self.apply_filters())
        self.add_button = QPushButton(objectName="add_button")
        self.edit_button = QPushButton(objectName="edit_button")
        self.delete_button = QPushButton(objectName="delete_button")
        self.add_button.clicked.connect(lambda: self.add_organisation())
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        self.table = QTableView(objectName="organisationTable")
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(COL_NAME, Qt.SortOrder.AscendingOrder)
        keep_sort_indicator_on_sortable_columns(self.table, self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (COL_NAME, COL_STANDING):  # the long texts share the width left
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setResizeContentsPrecision(0)  # fitting reads the rows on screen, never the whole list
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self._update_buttons())
        self.model.modelReset.connect(self._update_buttons)
        QShortcut(QKeySequence.StandardKey.Delete, self.table, activated=self.delete_selected)
        self.empty_state = EmptyState(
            self.table, lambda: _("No organisations yet. Add the ministries, agencies, associations and enterprises "
                                  "your universities work with."),
            [(lambda: _("Add an organisation…"), self.add_organisation)],
            filtered=filters_in_use(self.search, self.kind, self.country, self.standing))
        self.count_label = QLabel()
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        for combo in (self.kind, self.country, self.standing):
            filters.addWidget(combo, 1)
        actions = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 12)
        layout.addWidget(self.heading)
        layout.addWidget(self.subtitle)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count_label)
        self._filling = False
        self.retranslate()
        context.bus.changed.connect(self._on_changed)
        context.database_opened.connect(lambda _db: self._open())
        if context.db is not None:
            self._open()

    # -- texts and filter choices ----------------------------------------------------------------
    def retranslate(self) -> None:
        self.heading.setText(_("Organisations"))
        self.subtitle.setText(_("Ministries, agencies, associations, enterprises and international bodies: they hold "
                                "offices in the network's bodies and answer for the follow-up of its decisions."))
        self.search.setPlaceholderText(_("Search names in any language, acronyms, cities, contacts…"))
        self.add_button.setText(_("&New organisation…"))
        self.edit_button.setText(_("&Edit…"))
        self.delete_button.setText(_("&Delete"))
        self._filling = True
        self._refill(self.kind, _("Any kind"), [(key, _(label)) for key, label in KIND_LABELS.items()])
        key = collation_key()
        codes = sorted((s.code for s in MEMBER_STATES), key=lambda code: key(formatting.country_name(code)))
        self._refill(self.country, _("All countries"), [(code, formatting.country_name(code)) for code in codes])
        self._refill(self.standing, _("Any standing"), [(k, _(label)) for k, label in STANDING_LABELS.items()])
        self._filling = False
        self.model.retranslate()
        self._update_count()

    @staticmethod
    def _refill(combo: QComboBox, everything: str, choices: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        combo.addItem(everything, None)
        for key, label in choices:
            combo.addItem(label, str(key))
        combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
        combo.blockSignals(False)

    # -- loading ---------------------------------------------------------------------------------
    def _open(self) -> None:
        self.model.set_database(self.context.db)
        self._update_count()

    def _on_changed(self, topics) -> None:
        if TOPICS & set(topics) and self.context.db is not None:
            self.reload()

    def reload(self) -> None:
        selected = self.selected_id()
        self.model.reload()
        self._update_count()
        if selected is not None:
            self.select_id(selected)

    def apply_filters(self) -> None:
        if self._filling or self.context.db is None:
            return
        self.search_timer.stop()
        self.model.set_query(replace(self.model.query, search=self.search.text(), kind=self.kind.currentData(),
                                     country=self.country.currentData(), standing=self.standing.currentData()))
        self._update_count()

    def _update_count(self) -> None:
        total = self.model.total
        self.count_label.setText(ngettext("{count} organisation", "{count} organisations", total).format(
            count=formatting.format_number(total)))
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected_id() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row_at(rows[0].row()) if rows else None
        return row.id if row is not None else None

    def select_id(self, organisation_id: int) -> None:
        select_row(self.table, self.model.row_of_id(organisation_id))

    # -- actions ---------------------------------------------------------------------------------
    def _db(self):
        if self.context.db is None:
            QMessageBox.information(self, _("Organisations"), _("The database is still opening. Try again in a "
                                                                  "moment."))
        return self.context.db

    def open_editor(self, draft, save, record_id: int | None = None, changed_draft=None) -> OrganisationEditor:
        editor = OrganisationEditor(changed_draft or draft, save, self, record_id,
                                    self.context.db.url if self.context.db else "",
                                    default_country=self.context.state_code or "")
        if changed_draft is not None:
            editor.set_baseline(draft)
        editor.exec()
        return editor

    def recover_draft(self, record_id: int | None, values: dict) -> None:
        """Open the editor with a draft left unsaved by a session that ended abruptly."""
        draft = from_jsonable(OrganisationDraft, values)
        if record_id is not None:
            try:
                organisations.get(self.context.db, record_id)
            except NotFoundError:
                record_id = None
        if record_id is None:
            self.add_organisation(changed_draft=draft)
        else:
            self.edit_organisation(record_id, changed_draft=draft)

    def add_organisation(self, changed_draft=None) -> None:
        db = self._db()
        if db is None:
            return

        def save(draft: OrganisationDraft) -> None:
            new_id = commands.run(self.undo_stack, commands.CreateRecord(
                db, organisations, draft, _("Add {name}").format(name=draft.display_name())))
            self.reload()
            self.select_id(new_id)

        self.open_editor(None, save, changed_draft=changed_draft)

    def edit_selected(self) -> None:
        organisation_id = self.selected_id()
        if organisation_id is not None:
            self.edit_organisation(organisation_id)

    def edit_organisation(self, organisation_id: int, changed_draft=None) -> None:
        db = self._db()
        if db is None:
            return
        record = organisations.get(db, organisation_id)

        def save(draft: OrganisationDraft) -> None:
            commands.run(self.undo_stack, commands.UpdateRecord(
                db, organisations, organisation_id, draft, _("Edit {name}").format(name=draft.display_name())))

        self.open_editor(record.draft, save, organisation_id, changed_draft)

    def delete_selected(self) -> None:
        db = self._db()
        organisation_id = self.selected_id()
        if db is None or organisation_id is None:
            return
        row = self.model.row_at(self.model.row_of_id(organisation_id))
        name = row.name_for() if row is not None else ""
        if not confirm.confirm_delete(self, _("Delete organisation"), _(
                "Delete {name} with its names, contacts and standing? You can undo this with Edit ▸ Undo.").format(
                name=name)):
            return
        commands.push(self.undo_stack, commands.DeleteRecord(
            db, organisations, organisation_id, _("Delete {name}").format(name=name)), self)
