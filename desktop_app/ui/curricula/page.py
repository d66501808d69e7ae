"""Curricula: the joint programmes of the network. A list on one side, the editor on the other; every
edit is an undoable command on the programme being edited and the plan rules are re-checked at once;
Save writes the programme whole in one transaction."""

from __future__ import annotations

import copy

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.curricula import (
    PROGRAMME_STATUS_TITLES,
    PROGRAMME_TYPE_TITLES,
    PartnerRole,
    ProgrammeDraft,
    title_of,
)
from desktop_app.domain.errors import UserError, ValidationError
from desktop_app.i18n import _, formatting
from desktop_app.ui.common.tables import select_row
from desktop_app.ui.core.errors import show_error
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.curricula.programme_editor import ProgrammeEditor

TOPICS = {"curricula", "calendars", "universities"}
_ROOT = QModelIndex()


class ProgrammeListModel(QAbstractTableModel):
    CODE, TITLE, TYPE, STATUS, CREDITS, PARTNERS = range(6)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list = []  # ProgrammeSummary

    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=_ROOT) -> int:
        return 0 if parent.isValid() else 6

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return [_("Code"), _("Title"), _("Type"), _("Status"), _("ECTS"), _("Partners")][section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        return {
            self.CODE: row.code,
            self.TITLE: row.title,
            self.TYPE: title_of(PROGRAMME_TYPE_TITLES, row.programme_type),
            self.STATUS: title_of(PROGRAMME_STATUS_TITLES, row.status),
            self.CREDITS: formatting.format_number(row.credits),
            self.PARTNERS: row.partners,
        }[index.column()]


class EditProgrammeCommand(QUndoCommand):
    """One edit of the programme being edited; consecutive typing in one field merges into one step."""

    ID = 4001

    def __init__(self, page, before: ProgrammeDraft, after: ProgrammeDraft, what):
        super().__init__(_("Edit programme"))
        self.page, self.before, self.after, self.what = (
            page,
            copy.deepcopy(before),
            copy.deepcopy(after),
            what,
        )

    def id(self) -> int:
        return self.ID

    def mergeWith(self, other) -> bool:
        if self.what is None or other.what != self.what:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        self.page.apply_draft(self.after)

    def undo(self) -> None:
        self.page.apply_draft(self.before)


class CurriculaPage(Retranslatable, QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("page_curricula")
        self.undo_stack = QUndoStack(self)
        self.programme_id: int | None = None
        self.saved_draft: ProgrammeDraft | None = None
        self._calendar_cache: dict = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        layout.addWidget(self.heading)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setObjectName("programmeSearch")
        self.search.setClearButtonEnabled(True)
        left_layout.addWidget(self.search)
        self.model = ProgrammeListModel(self)
        self.list_view = QTableView()
        self.list_view.setObjectName("programmeList")
        self.list_view.setModel(self.model)
        self.list_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.verticalHeader().setVisible(False)
        self.list_view.horizontalHeader().setSectionResizeMode(
            ProgrammeListModel.TITLE, QHeaderView.ResizeMode.Stretch
        )
        for column in (ProgrammeListModel.CODE, ProgrammeListModel.STATUS, ProgrammeListModel.CREDITS):
            self.list_view.horizontalHeader().setSectionResizeMode(
                column, QHeaderView.ResizeMode.ResizeToContents
            )
        for column in (ProgrammeListModel.TYPE, ProgrammeListModel.PARTNERS):
            self.list_view.setColumnHidden(column, True)
        left_layout.addWidget(self.list_view, 1)
        buttons = QHBoxLayout()
        self.new_button, self.delete_button = QPushButton(), QPushButton()
        self.new_button.setObjectName("newProgramme")
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        left_layout.addLayout(buttons)
        left.setMinimumWidth(260)
        splitter.addWidget(left)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        self.editor = ProgrammeEditor()
        right_layout.addWidget(self.editor, 1)
        row = QHBoxLayout()
        self.state_label = QLabel()
        self.save_button, self.revert_button, self.conversions_button = (
            QPushButton(),
            QPushButton(),
            QPushButton(),
        )
        self.save_button.setObjectName("saveProgramme")
        row.addWidget(self.state_label, 1)
        row.addWidget(self.conversions_button)
        row.addWidget(self.revert_button)
        row.addWidget(self.save_button)
        right_layout.addLayout(row)
        splitter.addWidget(right)
        splitter.setSizes([420, 860])
        layout.addWidget(splitter, 1)

        self.search.textChanged.connect(lambda _t: self.refresh_list())
        self.list_view.selectionModel().selectionChanged.connect(lambda *_a: self._selection_changed())
        self.new_button.clicked.connect(self.new_programme)
        self.delete_button.clicked.connect(self.delete_programme)
        self.save_button.clicked.connect(self.save)
        self.revert_button.clicked.connect(self.revert)
        self.conversions_button.clicked.connect(self.edit_conversions)
        self.editor.edited.connect(self._edited)
        self.undo_stack.cleanChanged.connect(lambda _clean: self._update_state())
        self.retranslate()
        self.editor.setEnabled(False)
        context.bus.changed.connect(self._on_changed)
        context.database_opened.connect(lambda _db: self.refresh())
        if context.db is not None:
            self.refresh()

    def retranslate(self) -> None:
        self.heading.setText(_("Joint programmes"))
        self.search.setPlaceholderText(_("Search programmes…"))
        self.new_button.setText(_("&New programme"))
        self.delete_button.setText(_("Delete"))
        self.save_button.setText(_("&Save"))
        self.revert_button.setText(_("Revert"))
        self.conversions_button.setText(_("Credit conversion…"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 5)
        self.refresh_list()
        self._update_state()

    # -- data ----------------------------------------------------------------------------------
    def _on_changed(self, topics) -> None:
        if topics & TOPICS:
            self._calendar_cache.clear()
            self.refresh()

    def refresh(self) -> None:
        if self.context.db is None:
            return
        from desktop_app.services import curricula

        conversions = {c.state_code: c.national_per_ects for c in curricula.list_conversions(self.context.db)}
        self.editor.set_choices(
            curricula.university_choices(self.context.db),
            curricula.isced_field_choices(self.context.db),
            conversions,
        )
        self.refresh_list()
        self.apply_draft(self.editor.draft, reload=False)

    def refresh_list(self) -> None:
        if self.context.db is None:
            return
        from desktop_app.services.curricula import list_programmes

        self.model.set_rows(list_programmes(self.context.db, self.search.text()))
        if self.programme_id is None and not self.editor.isEnabled() and self.model.rows:
            # Nothing open yet: show the first programme rather than an empty, disabled form.
            self.open_programme(self.model.rows[0].id)
        if self.programme_id is not None:
            for row, summary in enumerate(self.model.rows):
                if summary.id == self.programme_id:
                    self.list_view.selectionModel().blockSignals(True)
                    select_row(self.list_view, row)
                    self.list_view.selectionModel().blockSignals(False)

    def _selection_changed(self) -> None:
        rows = self.list_view.selectionModel().selectedRows()
        if not rows:
            return
        programme_id = self.model.rows[rows[0].row()].id
        if programme_id != self.programme_id:
            self.open_programme(programme_id)

    def open_programme(self, programme_id: int) -> None:
        from desktop_app.services.curricula import get_programme

        if not self._may_discard():
            return self.refresh_list()
        self.programme_id = programme_id
        draft = get_programme(self.context.db, programme_id)
        self.saved_draft = copy.deepcopy(draft)
        self.undo_stack.clear()
        self.editor.setEnabled(True)
        self.apply_draft(draft)

    def new_programme(self) -> None:
        if not self._may_discard():
            return
        self.programme_id = None
        self.list_view.clearSelection()
        draft = ProgrammeDraft(title=_("New joint programme"))
        state = self.context.state_code
        home = next((u for u in self.editor.universities if u.country_code == state), None)
        if home is not None:  # the coordinator's own country usually coordinates
            from desktop_app.domain.curricula import PartnerDraft

            draft.partners.append(
                PartnerDraft(home.id, PartnerRole.COORDINATING, home.country_code, home.name)
            )
        self.saved_draft = None
        self.undo_stack.clear()
        self.editor.setEnabled(True)
        self.apply_draft(draft)
        self.editor.tabs.setCurrentIndex(0)
        self.editor.title.setFocus()
        self.editor.title.selectAll()

    def _may_discard(self) -> bool:
        if not self.is_dirty():
            return True
        answer = QMessageBox.question(
            self, _("Unsaved changes"), _("The programme has unsaved changes. Discard them?")
        )
        return answer == QMessageBox.StandardButton.Yes

    def is_dirty(self) -> bool:
        return self.editor.isEnabled() and self.editor.draft != self.saved_draft

    # -- editing -------------------------------------------------------------------------------
    def _edited(self, draft: ProgrammeDraft, what) -> None:
        self.undo_stack.push(EditProgrammeCommand(self, self.editor.draft, draft, what))

    def validate(self, draft: ProgrammeDraft) -> list:
        from desktop_app.services.curricula import validate

        if self.context.db is None:
            return []
        return validate(self.context.db, copy.deepcopy(draft))

    def apply_draft(self, draft: ProgrammeDraft, reload: bool = True) -> None:
        """Show a version of the programme and re-check its plan (called by undo commands too)."""
        messages = self.validate(draft) if self.editor.isEnabled() else []
        if reload:
            self.editor.show_draft(draft, messages)
        else:
            self.editor.show_messages(messages)
        self._update_state()

    def _update_state(self) -> None:
        if not self.editor.isEnabled():
            self.state_label.setText(_("Choose a programme or create a new one."))
        elif self.is_dirty():
            self.state_label.setText(_("Unsaved changes"))
        else:
            self.state_label.setText(_("Saved"))
        self.save_button.setEnabled(self.editor.isEnabled() and self.is_dirty())
        self.revert_button.setEnabled(self.editor.isEnabled() and self.is_dirty())
        self.delete_button.setEnabled(self.programme_id is not None)

    def save(self) -> bool:
        from desktop_app.services.curricula import save_programme

        draft = copy.deepcopy(self.editor.draft)
        try:
            self.programme_id = save_programme(self.context.db, draft, self.programme_id)
        except ValidationError as error:
            if "title" in error.errors:
                self.editor.title_error.setText(error.errors["title"])
            show_error(error, self)
            return False
        except UserError as error:
            show_error(error, self)
            return False
        self.saved_draft = copy.deepcopy(self.editor.draft)
        self.undo_stack.setClean()
        self.refresh_list()
        self._update_state()
        return True

    def revert(self) -> None:
        if self.programme_id is not None:
            saved, self.saved_draft = self.saved_draft, None
            self.saved_draft = saved
            self.undo_stack.clear()
            self.apply_draft(self.saved_draft)
        else:
            self.new_programme()

    def delete_programme(self) -> None:
        from desktop_app.services.curricula import delete_programme

        if self.programme_id is None:
            return
        answer = QMessageBox.question(
            self,
            _("Delete programme"),
            _("Delete “{title}” with its study plan? This cannot be undone.").format(
                title=self.editor.draft.title
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        delete_programme(self.context.db, self.programme_id)
        self.programme_id, self.saved_draft = None, None
        self.undo_stack.clear()
        self.editor.setEnabled(False)
        self.editor.show_draft(ProgrammeDraft(), [])
        self._update_state()

    def edit_conversions(self) -> None:
        from desktop_app.ui.curricula.credit_conversions import CreditConversionDialog

        if self.context.db is not None:
            CreditConversionDialog(self.context.db, self).exec()
