"""What the Mobility list offers for the selected student's record beyond editing it: the learning agreement,
the transcript with the credits recognised at home, and the universities' grading tables. Each save is a
command of ``ui/core/commands.py`` over the record that owns what changed (Edit ▸ Undo)."""

from __future__ import annotations

from desktop_app.i18n import _
from desktop_app.services import learning_agreements, mobility, transcripts
from desktop_app.ui.core import commands


class StudentRecordActions:
    """Mixed into the Mobility page (which has ``context``, ``undo_stack``, ``mobility_tab`` and ``_db``)."""

    def open_learning_agreement(self) -> None:
        row = self.mobility_tab.selected()
        if row is not None:
            self.edit_learning_agreement(row.id)

    def edit_learning_agreement(self, mobility_id: int, recovered=None) -> None:
        """A student's learning agreement (``recovered``: a draft left by a session that ended abruptly); a
        save is undone as a change to the mobility record."""
        from desktop_app.ui.mobility.agreement_editor import LearningAgreementEditor

        db = self._db()
        if db is None:
            return
        found = learning_agreements.get_for(db, mobility_id)

        def save(draft) -> None:
            commands.run(self.undo_stack, commands.ChangeRecord(
                db, mobility, mobility_id, lambda: learning_agreements.save(db, mobility_id, draft),
                _("Edit learning agreement")))

        LearningAgreementEditor(db, mobility_id, found.draft if found else None, save, self.context.runner,
                                self.undo_stack, self, recovered).exec()

    def open_transcript(self) -> None:
        row = self.mobility_tab.selected()
        if row is not None:
            self.edit_transcript(row.id)

    def edit_transcript(self, mobility_id: int, recovered=None) -> None:
        """A student's transcript of records and the credits recognised at home."""
        from desktop_app.ui.mobility.transcript_editor import TranscriptEditor

        db = self._db()
        if db is None:
            return

        def save(draft) -> None:
            commands.run(self.undo_stack, commands.ChangeRecord(
                db, mobility, mobility_id, lambda: transcripts.save(db, mobility_id, draft),
                _("Edit transcript of records")))

        TranscriptEditor(db, mobility_id, save, self.context.runner, self.undo_stack, self, recovered).exec()

    def recover_student_record(self, journal: str, mobility_id: int | None, values: dict) -> None:
        """A learning agreement or transcript typed and not saved when a session ended abruptly."""
        from desktop_app.domain.drafts_json import from_jsonable
        from desktop_app.domain.learning_agreements import LearningAgreementDraft
        from desktop_app.domain.transcripts import TranscriptDraft

        if mobility_id is None or not self._exists(mobility, mobility_id):
            return  # the mobility is gone: there is nothing the draft could be saved to
        self.tabs.setCurrentIndex(0)
        if journal == "learning_agreements":
            self.edit_learning_agreement(mobility_id, from_jsonable(LearningAgreementDraft, values))
        else:
            self.edit_transcript(mobility_id, from_jsonable(TranscriptDraft, values))

    def open_grading_tables(self) -> None:
        """The universities' grading tables, starting with the selected mobility's receiving university."""
        from desktop_app.ui.mobility.grading_editor import GradingTableEditor

        db, row = self._db(), self.mobility_tab.selected()
        if db is None:
            return
        GradingTableEditor(db, self.undo_stack, row.receiving_university_id if row else None, self).exec()

