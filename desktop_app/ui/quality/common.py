"""The frame every tab of the Quality page shares: a search box and filters, New / Edit / Delete, the lazy
list with its empty state and count. Each change is a command of ``ui/core/commands.py`` on the page's
undo stack (Edit ▸ Undo); a delete asks first. A tab says which service it lists, which editor opens a
record and what its sentences are."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from PySide6.QtWidgets import QHeaderView, QMessageBox, QPushButton, QTableWidget, QTableWidgetItem, QWidget

from desktop_app.domain.drafts_json import from_jsonable
from desktop_app.domain.errors import NotFoundError
from desktop_app.i18n import _, is_rtl
from desktop_app.ui.common import confirm
from desktop_app.ui.common.empty_state import EmptyState
from desktop_app.ui.core import commands
from desktop_app.ui.mobility.list_tab import ListTab, filter_combo, refill

__all__ = ["RecordTab", "cell", "filter_combo", "isolated", "refill", "small_table"]


def isolated(text: str) -> str:
    """In a right-to-left window a text of Latin letters ("The courses were useful.") would have its
    trailing punctuation moved to the wrong end: each shown text takes the direction of its first letter
    (as the lazy lists do)."""
    return f"\u2068{text}\u2069" if text and is_rtl() else text


def cell(text: str) -> QTableWidgetItem:
    """A read-only cell of a small table, its text isolated in a right-to-left window."""
    return QTableWidgetItem(isolated(text))


def small_table(name: str, columns: int, stretch: int, height: int) -> QTableWidget:
    """A read-only table of a few rows shown whole beside a list (participants, counts, recommendations)."""
    table = QTableWidget(0, columns, objectName=name)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setWordWrap(True)
    table.setMaximumHeight(height)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table


class RecordTab(ListTab):
    """A list of one kind of record of the quality area, with its editor and undoable changes."""

    service: ModuleType
    draft_class: type
    stretch_columns: tuple[int, ...] = ()

    def __init__(self, page, model, name: str, parent=None):
        super().__init__(model, f"{name}Table", f"{name}Search", parent)
        self.page = page
        self.setObjectName(f"{name}Tab")
        self.table.setSortingEnabled(False)  # the services order the lists; sorting happens in SQL
        self.new_button = QPushButton(objectName=f"{name}New")
        self.edit_button = QPushButton(objectName=f"{name}Edit")
        self.delete_button = QPushButton(objectName=f"{name}Delete")
        self.new_button.clicked.connect(lambda: self.add())
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        for button in (self.new_button, self.edit_button, self.delete_button):
            self.actions.addWidget(button)
        self.actions.addStretch(1)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setResizeContentsPrecision(0)  # fitting reads the rows on screen, never the whole list
        for column in self.stretch_columns:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_args: self.selection_changed())
        self.timer.timeout.connect(self.apply_filters)
        self.filter_widgets: list[QWidget] = [self.search]
        self.empty = EmptyState(self.table, self.empty_text, [(self.new_text, lambda: self.add())],
                                filtered=self.filters_used)

    # -- what a tab says -----------------------------------------------------------------------------
    def empty_text(self) -> str:
        raise NotImplementedError

    def new_text(self) -> str:
        raise NotImplementedError

    def count_text(self, total: int) -> str:
        raise NotImplementedError

    def query(self) -> Any:
        """The model's query with the search and filters of the moment."""
        raise NotImplementedError

    def make_editor(self, db, draft, save: Callable[[Any], object], record_id: int | None):
        """The tab's editor over ``draft`` (each tab names its own)."""
        raise NotImplementedError

    def open_editor(self, draft, save: Callable[[Any], object], record_id: int | None, changed_draft=None):
        """Open the editor; a draft recovered after a crash is compared with the stored record."""
        editor = self.make_editor(self.page.context.db, changed_draft or draft, save, record_id)
        if changed_draft is not None:
            editor.set_baseline(draft)
        editor.exec()
        return editor

    def name_of(self, row) -> str:
        return row.title

    def delete_question(self, name: str) -> tuple[str, str]:
        raise NotImplementedError

    def refill_filters(self) -> None:
        """The filters' entries again (in the language of the moment, with the records of the moment)."""

    # -- texts ---------------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.search.setPlaceholderText(_("Search…"))
        self.new_button.setText(self.new_text())
        self.edit_button.setText(_("&Edit…"))
        self.delete_button.setText(_("&Delete"))
        self.refill_filters()
        self.model.retranslate()
        self.empty.refresh()
        self.update_count()

    def filters_used(self) -> bool:
        return bool(self.search.text().strip()) or any(
            widget.currentIndex() > 0 for widget in self.filter_widgets if hasattr(widget, "currentIndex"))

    def add_filter_combo(self, name: str) -> Any:
        combo = filter_combo(name)
        combo.currentIndexChanged.connect(lambda _index: self.apply_filters())
        self.add_filter(combo)
        self.filter_widgets.append(combo)
        return combo

    # -- loading -------------------------------------------------------------------------------------
    def open_database(self, db) -> None:
        self.refill_filters()
        self.model.set_database(db)
        self.update_count()

    def reload(self) -> None:
        chosen = self.selected_id()
        self.refill_filters()
        self.model.reload()
        self.select_id(chosen)  # a change announced while a record is chosen keeps it chosen
        self.update_count()

    def apply_filters(self) -> None:
        if self.model.db is None:
            return
        self.timer.stop()
        self.model.set_query(self.query())
        self.update_count()

    def update_count(self) -> None:
        self.count.setText(self.count_text(self.model.total))
        self.selection_changed()

    def selection_changed(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def selected_id(self) -> int | None:
        row = self.selected()
        return row.id if row is not None else None

    # -- changes -------------------------------------------------------------------------------------
    def _db(self):
        db = self.page.context.db
        if db is None:
            QMessageBox.information(self, _("Quality"), _("The database is still opening. Try again in a moment."))
        return db

    def add(self, changed_draft=None) -> None:
        db = self._db()
        if db is None:
            return

        def save(draft) -> None:
            new_id = commands.run(self.page.undo_stack, commands.CreateRecord(
                db, self.service, draft, _("Add {title}").format(title=self.draft_title(draft))))
            self.reload()
            self.select_id(new_id)

        self.open_editor(None, save, None, changed_draft)

    def draft_title(self, draft) -> str:
        return draft.title

    def edit_selected(self) -> None:
        record_id = self.selected_id()
        if record_id is not None:
            self.edit(record_id)

    def edit(self, record_id: int, changed_draft=None) -> None:
        db = self._db()
        if db is None:
            return
        record = self.service.get(db, record_id)

        def save(draft) -> None:
            commands.run(self.page.undo_stack, commands.UpdateRecord(
                db, self.service, record_id, draft, _("Edit {title}").format(title=self.draft_title(draft))))
            self.reload()
            self.select_id(record_id)

        self.open_editor(record.draft, save, record_id, changed_draft)

    def delete_selected(self) -> None:
        db = self._db()
        row = self.selected()
        if db is None or row is None:
            return
        name = self.name_of(row)
        title, question = self.delete_question(name)
        if not confirm.confirm_delete(self, title, question):
            return
        commands.push(self.page.undo_stack, commands.DeleteRecord(
            db, self.service, row.id, _("Delete {title}").format(title=name)), self)

    def recover(self, record_id: int | None, values: dict) -> None:
        """Open the editor again with a draft left unsaved by a session that ended abruptly."""
        draft = from_jsonable(self.draft_class, values)
        if record_id is not None:
            try:
                self.service.get(self.page.context.db, record_id)
            except NotFoundError:
                record_id = None
        if record_id is None:
            self.add(changed_draft=draft)
        else:
            self.edit(record_id, changed_draft=draft)
