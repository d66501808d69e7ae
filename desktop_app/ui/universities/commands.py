"""Undoable changes to the register. Each command is executed once before it is pushed (so a refused
change never enters the stack), then undo/redo replay it through the same services."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from desktop_app.domain.universities import UniversityDraft
from desktop_app.i18n import _
from desktop_app.services import universities
from desktop_app.ui.core.errors import show_error


class _UniversityCommand(QUndoCommand):
    def __init__(self, db, text: str):
        super().__init__(text)
        self.db = db
        self._first = True

    def redo(self) -> None:
        if self._first:  # already done by execute(); Qt calls redo() once on push
            self._first = False
            return
        self._guarded(self._redo)

    def undo(self) -> None:
        self._guarded(self._undo)

    def _guarded(self, action) -> None:
        try:
            action()
        except Exception as error:  # noqa: BLE001 - shown to the user; the register is reloaded
            show_error(error)

    def _redo(self) -> None:
        raise NotImplementedError

    def _undo(self) -> None:
        raise NotImplementedError


class CreateUniversity(_UniversityCommand):
    def __init__(self, db, draft: UniversityDraft):
        super().__init__(db, _("Add {name}").format(name=draft.display_name()))
        self.draft = draft
        self.university_id: int | None = None
        self.snapshot: universities.UniversitySnapshot | None = None

    def execute(self) -> int:
        self.university_id = universities.create_university(self.db, self.draft)
        return self.university_id

    def _redo(self) -> None:
        if self.snapshot is not None:
            universities.restore_university(self.db, self.snapshot)

    def _undo(self) -> None:
        self.snapshot = universities.delete_university(self.db, self.university_id)


class EditUniversity(_UniversityCommand):
    def __init__(self, db, university_id: int, draft: UniversityDraft):
        super().__init__(db, _("Edit {name}").format(name=draft.display_name()))
        self.university_id = university_id
        self.after = draft
        self.before: UniversityDraft | None = None

    def execute(self) -> None:
        self.before = universities.update_university(self.db, self.university_id, self.after).draft
        # What was stored (status history completed by the service) is what redo must bring back.
        self.after = universities.get_university(self.db, self.university_id).draft

    def _redo(self) -> None:
        universities.update_university(self.db, self.university_id, self.after)

    def _undo(self) -> None:
        universities.update_university(self.db, self.university_id, self.before)


class DeleteUniversity(_UniversityCommand):
    def __init__(self, db, university_id: int, name: str):
        super().__init__(db, _("Delete {name}").format(name=name))
        self.university_id = university_id
        self.snapshot: universities.UniversitySnapshot | None = None

    def execute(self) -> None:
        self.snapshot = universities.delete_university(self.db, self.university_id)

    def _redo(self) -> None:
        self.snapshot = universities.delete_university(self.db, self.university_id)

    def _undo(self) -> None:
        universities.restore_university(self.db, self.snapshot)
