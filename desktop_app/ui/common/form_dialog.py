"""The editor dialog every area uses: it knows when what is shown differs from what was loaded, and
never lets that be lost without asking.

- Escape, Cancel and the title-bar close button ask "Save / Discard / Cancel" when there are
  unsaved changes (``reject`` is where Qt routes all three).
- Ctrl+S saves (the same as OK).
- While the dialog is open its draft is kept in the drafts journal (``ui/core/drafts.py``) each time
  it changes, so after a crash the user is offered it back.

A subclass builds its widgets, then calls ``start_tracking()``; it implements ``draft()`` (the draft the
widgets show) and ``save_draft(draft)`` (store it; raise ``UserError`` to refuse, which is shown beside
the fields by ``show_problems``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from desktop_app.domain.drafts_json import to_jsonable
from desktop_app.domain.errors import UserError, ValidationError
from desktop_app.i18n import _
from desktop_app.ui.core import drafts

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def ask_unsaved(parent: QWidget | None, what: str) -> str:
    """Save, Discard or Cancel, asked about ``what`` (a sentence naming the unsaved work)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("Unsaved changes"))
    box.setText(what)
    box.setInformativeText(_("Save them, discard them, or go back to editing?"))
    save = box.addButton(_("Save"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(_("Discard"), QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton(_("Cancel"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return SAVE if clicked is save else DISCARD if clicked is discard else CANCEL


class FormDialog(QDialog):
    #: The area whose record this edits (for the drafts journal); empty: the draft is not journaled.
    area_key = ""

    def __init__(self, parent: QWidget | None = None, record_id: int | None = None, database: str = ""):
        super().__init__(parent)
        self.record_id = record_id
        self.database = database
        self._loaded: Any = None
        self._journaled: Any = None
        self._tracking = False
        QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, activated=self.try_accept)
        self._journal_timer = QTimer(self)
        self._journal_timer.setInterval(1500)
        self._journal_timer.timeout.connect(self._journal)

    # -- what subclasses provide -------------------------------------------------------------------
    def draft(self) -> Any:
        raise NotImplementedError

    def save_draft(self, draft: Any) -> None:
        raise NotImplementedError

    def show_problems(self, problems: dict[str, str]) -> None:
        """Show each message beside its field; by default all in one box."""
        QMessageBox.warning(self, _("Cannot save"), "\n".join(problems.values()))

    def journal_title(self) -> str:
        """What the user will recognise the draft by, if it has to be offered back after a crash."""
        return self.windowTitle()

    def unsaved_question(self) -> str:
        return _("{title} has unsaved changes.").format(title=self.windowTitle())

    # -- tracking ----------------------------------------------------------------------------------
    def start_tracking(self) -> None:
        """Remember what was loaded; from now on a difference is an unsaved change."""
        self._loaded = self._comparable()
        self._journaled = self._loaded
        self._tracking = True
        if self.area_key:
            self._journal_timer.start()

    def set_baseline(self, draft: Any) -> None:
        """What counts as saved, when the dialog opened on something else (a draft recovered after a
        crash, compared with the stored record; None: the record does not exist yet)."""
        self._loaded = to_jsonable(draft) if draft is not None else {"": "not stored"}

    def _comparable(self) -> Any:
        try:
            return to_jsonable(self.draft())
        except (ValueError, TypeError, AttributeError):
            return None

    def has_unsaved_changes(self) -> bool:
        return self._tracking and self._comparable() != self._loaded

    def _journal(self) -> None:
        current = self._comparable()
        if current is None or current == self._journaled:
            return
        self._journaled = current
        if current == self._loaded:
            drafts.discard(self.area_key, self.record_id)
        else:
            drafts.write(self.area_key, self.record_id, self.journal_title(), self.draft(), self.database)

    def _stop_tracking(self) -> None:
        self._tracking = False
        self._journal_timer.stop()
        if self.area_key:
            drafts.discard(self.area_key, self.record_id)

    # -- closing -----------------------------------------------------------------------------------
    def try_accept(self) -> bool:
        """Save the draft and close; a refusal is shown beside the fields and the dialog stays open."""
        try:
            self.save_draft(self.draft())
        except ValidationError as error:
            self.show_problems(error.errors)
            return False
        except UserError as error:
            self.show_problems({error.field or "": error.text})
            return False
        self._stop_tracking()
        self.accept()
        return True

    def reject(self) -> None:
        if self.has_unsaved_changes():
            answer = ask_unsaved(self, self.unsaved_question())
            if answer == CANCEL:
                return
            if answer == SAVE:
                self.try_accept()
                return
        self._stop_tracking()
        super().reject()
