"""The editor of a road-map action: its number, wording, form of completion, responsible actors and deadline
(one quarter or a range of quarters of a year). Status, notes and evidence are edited beside the list; a
moved deadline is kept in the action's history by the service."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from desktop_app.domain.roadmap import ActionDraft, validate_action
from desktop_app.i18n import _
from desktop_app.ui.common.field_form import FieldFormDialog
from desktop_app.ui.common.organisation_list import OrganisationList


class ActionEditor(FieldFormDialog):
    area_key = "roadmap_actions"

    def __init__(self, draft: ActionDraft, save: Callable[[ActionDraft], object], parent=None,
                 record_id: int | None = None, database: str = "", db=None):
        super().__init__(save, validate_action, parent, record_id, database)
        self.setObjectName("actionEditor")
        self.is_new = record_id is None
        self._initial = draft
        self.number = QSpinBox(objectName="actionNumber")
        self.number.setRange(1, 999)
        self.number.setValue(draft.number)
        self.title = QPlainTextEdit(draft.title_en, objectName="actionTitle")
        self.title.setMaximumHeight(80)
        self.form_of_completion = QLineEdit(draft.form_of_completion_en, objectName="actionForm")
        self.responsible = QLineEdit(draft.responsible_en, objectName="actionResponsible")
        self.actors = OrganisationList(db, draft.organisation_ids, "actionActors") if db is not None else None
        self.year = QSpinBox(objectName="deadlineYear")
        self.year.setRange(2000, 2100)
        self.year.setValue(draft.deadline_year)
        self.quarter_from, self.quarter_to = QSpinBox(objectName="quarterFrom"), QSpinBox(objectName="quarterTo")
        for box, value in ((self.quarter_from, draft.deadline_quarter_from),
                           (self.quarter_to, draft.deadline_quarter_to)):
            box.setRange(1, 4)
            box.setValue(value)
        self.quarters_label = QLabel()
        deadline = QWidget()
        row = QHBoxLayout(deadline)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.year)
        row.addWidget(self.quarters_label)
        row.addWidget(self.quarter_from)
        row.addWidget(QLabel("–"))
        row.addWidget(self.quarter_to)
        row.addStretch(1)
        for key, widget in (("number", self.number), ("title_en", self.title),
                            ("form_of_completion_en", self.form_of_completion), ("responsible_en", self.responsible),
                            ("organisation_ids", self.actors), ("deadline_quarter_to", deadline)):
            if widget is not None:
                self.add_row(key, widget)
        self.retranslate()
        self.resize(620, 420)
        self.start_tracking()

    def retranslate(self) -> None:
        self.setWindowTitle(_("New road-map action") if self.is_new else _("Edit road-map action"))
        self.quarters_label.setText(_("quarters"))
        self.set_labels({"number": _("Number"), "title_en": _("&Action"),
                         "form_of_completion_en": _("Form of completion"), "responsible_en": _("Responsible"),
                         "organisation_ids": _("Responsible organisations"), "deadline_quarter_to": _("Deadline")})
        if self.actors is not None:
            self.actors.retranslate()

    def draft(self) -> ActionDraft:
        return ActionDraft(self.number.value(), self.title.toPlainText().strip(), self.form_of_completion.text(),
                           self.responsible.text(), self.year.value(), self.quarter_from.value(),
                           self.quarter_to.value(), self._initial.status, self._initial.notes,
                           self.actors.organisation_ids() if self.actors is not None
                           else list(self._initial.organisation_ids))

    def journal_title(self) -> str:
        return self.title.toPlainText().strip()[:80] or self.windowTitle()
