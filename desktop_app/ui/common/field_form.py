"""An editor laid out as one form: a label, the field and, under it, the field's message when the draft is
refused. Built on ``FormDialog`` (unsaved-change guard, Ctrl+S, drafts journal): the dialog never writes
itself; ``save`` (given by the page) runs the undoable command, and a refusal is shown beside its field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop_app.domain.contract import Problems
from desktop_app.domain.errors import ValidationError
from desktop_app.ui.common.form_dialog import FormDialog
from desktop_app.ui.core.language import Retranslatable


def error_label() -> QLabel:
    label = QLabel()
    label.setProperty("role", "fieldError")
    label.setStyleSheet("color: #b00020;")
    label.setWordWrap(True)
    label.hide()
    return label


class FieldFormDialog(Retranslatable, FormDialog):
    def __init__(self, save: Callable[[Any], object], validate: Callable[[Any], Problems], parent=None,
                 record_id: int | None = None, database: str = ""):
        super().__init__(parent, record_id, database)
        self.save = save
        self.validate = validate
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.labels: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.general_error = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addStretch(1)  # a taller window leaves room below the form, not between a label and its field
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

    def add_row(self, key: str, widget: QWidget) -> None:
        if not widget.objectName():
            widget.setObjectName(key)
        holder = QWidget()
        inner = QVBoxLayout(holder)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.setSpacing(2)
        inner.addWidget(widget)
        self.errors[key] = error_label()
        inner.addWidget(self.errors[key])
        self.labels[key] = QLabel()
        self.labels[key].setBuddy(widget)
        self.fields[key] = widget
        self.form.addRow(self.labels[key], holder)

    def set_labels(self, texts: dict[str, str]) -> None:
        for key, text in texts.items():
            self.labels[key].setText(text)

    def show_problems(self, problems: dict[str, str]) -> None:
        """Each message under its field; one the form has no field for, above the buttons."""
        for key, label in self.errors.items():
            label.setText(problems.get(key, ""))
            label.setVisible(key in problems)
        general = [text for key, text in problems.items() if key not in self.errors]
        self.general_error.setText("\n".join(general))
        self.general_error.setVisible(bool(general))
        first = next((key for key in problems if key in self.fields), None)
        if first is not None:
            self.fields[first].setFocus()

    def save_draft(self, draft: Any) -> None:
        problems = self.validate(draft)
        if problems:
            raise ValidationError(problems)
        self.save(draft)
