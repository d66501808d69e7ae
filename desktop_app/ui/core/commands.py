"""Undo and redo, through the area contract only.

Every change a page makes is one of four commands, each given the area's service module (which offers
``KIND``, ``TOPICS`` and the contract's ``create / get / update / delete / restore``):

- ``CreateRecord``: undo deletes what was created (keeping its snapshot), redo restores it;
- ``UpdateRecord``: the record's snapshot is taken before and after; undo and redo put either back
  exactly (owned rows, history and documents included);
- ``DeleteRecord``: undo restores the snapshot the delete answered, documents and history included;
- ``ChangeRecord``: any other action on one record (a status move, a document attached) with the same
  before/after snapshots as an edit.

A command is run once before it enters the stack (``push``): a refused change shows its message and
never becomes an undo step. When undo or redo itself is refused (another record now points at the
one being removed), the message is shown and the step is dropped from the stack. No page writes
its own inverse.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from desktop_app.services import records
from desktop_app.ui.core.errors import show_error


class ServiceCommand(QUndoCommand):
    def __init__(self, db, service: ModuleType, text: str):
        super().__init__(text)
        self.db = db
        self.service = service
        self._pushed = False

    @property
    def topics(self) -> frozenset[str]:
        return frozenset(getattr(self.service, "TOPICS", ()))

    def execute(self) -> Any:
        """The change itself, done once before the command is pushed."""
        raise NotImplementedError

    def redo(self) -> None:
        if not self._pushed:  # QUndoStack.push calls redo() at once: the change was already made
            self._pushed = True
            return
        self._guarded(self._redo)

    def undo(self) -> None:
        self._guarded(self._undo)

    def _guarded(self, action: Callable[[], None]) -> None:
        try:
            action()
        except Exception as error:  # noqa: BLE001 - shown to the user; the step cannot be replayed
            self.setObsolete(True)
            show_error(error)

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class CreateRecord(ServiceCommand):
    def __init__(self, db, service: ModuleType, draft: Any, text: str):
        super().__init__(db, service, text)
        self.draft = draft
        self.record_id: int | None = None
        self.snapshot: dict | None = None

    @classmethod
    def done(cls, db, service: ModuleType, record_id: int, text: str) -> CreateRecord:
        """The command for a record already created elsewhere (by an import that ran as one transaction),
        to be kept with :func:`record_done`."""
        command = cls(db, service, None, text)
        command.record_id = record_id
        return command

    def execute(self) -> int:
        self.record_id = self.service.create(self.db, self.draft)
        return self.record_id

    def _undo(self) -> None:
        self.snapshot = self.service.delete(self.db, self.record_id)

    def _redo(self) -> None:
        self.record_id = self.service.restore(self.db, self.snapshot)


class _BeforeAfter(ServiceCommand):
    """A change to one record, undone and redone by putting back its whole snapshot."""

    def __init__(self, db, service: ModuleType, record_id: int, text: str):
        super().__init__(db, service, text)
        self.record_id = record_id
        self.before: dict | None = None
        self.after: dict | None = None

    def _change(self) -> Any:
        raise NotImplementedError

    def execute(self) -> Any:
        self.before = records.snapshot_of(self.db, self.service.KIND, self.record_id)
        result = self._change()
        self.after = records.snapshot_of(self.db, self.service.KIND, self.record_id)
        return result

    def _undo(self) -> None:
        records.replace_record(self.db, self.before, self.topics)

    def _redo(self) -> None:
        records.replace_record(self.db, self.after, self.topics)


class UpdateRecord(_BeforeAfter):
    def __init__(self, db, service: ModuleType, record_id: int, draft: Any, text: str):
        super().__init__(db, service, record_id, text)
        self.draft = draft

    def _change(self) -> None:
        self.service.update(self.db, self.record_id, self.draft)


class ChangeRecord(_BeforeAfter):
    """Any other change to one record, made by ``action`` (a service call)."""

    def __init__(self, db, service: ModuleType, record_id: int, action: Callable[[], Any], text: str):
        super().__init__(db, service, record_id, text)
        self.action = action

    def _change(self) -> Any:
        return self.action()

    @classmethod
    def done(cls, db, service: ModuleType, record_id: int, before: dict, after: dict, text: str) -> ChangeRecord:
        """The command for a change already made elsewhere (an import that ran as one transaction), from the
        record's snapshots before and after it, to be kept with :func:`record_done`."""
        command = cls(db, service, record_id, lambda: None, text)
        command.before, command.after = before, after
        return command


class DeleteRecord(ServiceCommand):
    def __init__(self, db, service: ModuleType, record_id: int, text: str):
        super().__init__(db, service, text)
        self.record_id = record_id
        self.snapshot: dict | None = None

    def execute(self) -> None:
        self.snapshot = self.service.delete(self.db, self.record_id)

    def _undo(self) -> None:
        self.record_id = self.service.restore(self.db, self.snapshot)

    def _redo(self) -> None:
        self.snapshot = self.service.delete(self.db, self.record_id)


def push(stack: QUndoStack, command: ServiceCommand, parent: QWidget | None = None) -> bool:
    """Run the command; when it succeeds, keep it for undo. A refusal is shown and nothing is kept."""
    try:
        command.execute()
    except Exception as error:  # noqa: BLE001 - routed to the error dialog
        show_error(error, parent)
        return False
    stack.push(command)
    return True


def record_done(stack: QUndoStack, command: ServiceCommand) -> None:
    """Keep for undo a command whose change was already made (and committed) without ``execute``."""
    stack.push(command)


def run(stack: QUndoStack, command: ServiceCommand) -> Any:
    """Run the command and keep it for undo, letting a refusal propagate to the caller (an editor
    shows it beside the field concerned and stays open)."""
    result = command.execute()
    stack.push(command)
    return result
