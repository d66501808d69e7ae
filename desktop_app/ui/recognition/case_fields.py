"""The fields of a recognition case as a form: each field with its title and, under it, the message that
says what is wrong with it.

Kept apart from the case editor (``editor.py``), which owns the case's life — saving, the workflow,
history, scans and the matching rule — because the form only shows a draft and gives it back; the field
titles are also what the import dialog offers columns under.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.recognition import (
    PERSONAL_FIELDS,
    AppealResult,
    CaseDraft,
    DocumentKind,
    LegalBasis,
    Outcome,
    Purpose,
)
from desktop_app.i18n import N_, _
from desktop_app.ui.common.choosers import UniversityPicker
from desktop_app.ui.common.date_edit import DateEdit
from desktop_app.ui.recognition.widgets import CountryCombo, LevelCombo, VocabularyCombo, select_data

ERROR_STYLE = "color: #b00020"
COMBOS = ("holder_citizenship", "document_kind", "issuing_country", "isced_level", "recognising_country", "purpose",
          "outcome", "legal_basis", "appeal_result")
DATES = ("holder_birth_date", "document_issued_on", "received_on", "decided_on", "appeal_lodged_on")
LINES = ("reference", "holder_name", "document_number", "issuing_university_name", "qualification_title",
         "isced_field", "recognising_institution")
TEXTS = ("substantial_differences", "notes")


#: What each field of a case (and of its history) is called.
FIELD_TITLES: dict[str, str] = {
    "reference": N_("Reference number"), "holder_name": N_("Holder's name"),
    "holder_birth_date": N_("Date of birth"), "holder_citizenship": N_("Citizenship"),
    "document_kind": N_("Document"), "document_number": N_("Document number"),
    "document_issued_on": N_("Issued on"), "issuing_university_id": N_("Issuing university"),
    "issuing_university_name": N_("University as named on the document"),
    "issuing_country": N_("Issuing country"), "qualification_title": N_("Qualification"),
    "isced_level": N_("ISCED 2011 level"), "isced_field": N_("ISCED-F field"), "credits": N_("Credits"),
    "recognising_country": N_("Recognising country"),
    "recognising_institution": N_("Recognising institution"), "purpose": N_("Purpose"),
    "received_on": N_("Received on"), "outcome": N_("Outcome"), "decided_on": N_("Decided on"),
    "substantial_differences": N_("Substantial differences and reasons"), "legal_basis": N_("Legal basis"),
    "appeal_lodged_on": N_("Appeal lodged on"), "appeal_result": N_("Appeal result"), "notes": N_("Notes"),
    "rule_id": N_("Equivalence rule"), "status": N_("Status"), "closed_on": N_("Closed on"),
    "attachment": N_("Scans"), "file": N_("Imported from"),
}


def field_titles() -> dict[str, str]:
    return {name: _(title) for name, title in FIELD_TITLES.items()}


class CaseFields(QWidget):
    """Every field of a case; ``widgets`` and ``errors`` by field name."""

    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self.widgets: dict[str, Any] = {}  # field -> its editor (line edit, combo, date…)
        self.errors: dict[str, QLabel] = {}
        self.row_labels: dict[str, QLabel] = {}
        self.form = QFormLayout(self)
        self._build()

    def _build(self) -> None:
        w = self.widgets
        for name in LINES:
            w[name] = QLineEdit()
        w["isced_field"].setMaxLength(4)
        for name in DATES:
            w[name] = DateEdit(optional=True)
        w["received_on"].set_value(dt.date.today())
        for name in ("holder_citizenship", "issuing_country", "recognising_country"):
            w[name] = CountryCombo()
        w["document_kind"] = VocabularyCombo([k.value for k in DocumentKind])
        w["purpose"] = VocabularyCombo([p.value for p in Purpose])
        w["outcome"] = VocabularyCombo([o.value for o in Outcome])
        w["legal_basis"] = VocabularyCombo([b.value for b in LegalBasis])
        w["appeal_result"] = VocabularyCombo([r.value for r in AppealResult])
        w["isced_level"] = LevelCombo()
        w["issuing_university_id"] = UniversityPicker(self.db, allow_none=True)
        credits = QDoubleSpinBox()
        credits.setRange(0, 1000)
        credits.setDecimals(1)
        credits.setSpecialValueText("—")
        w["credits"] = credits
        for name in TEXTS:
            w[name] = QPlainTextEdit()
            w[name].setMaximumHeight(70)
        order = ("reference", "holder_name", "holder_birth_date", "holder_citizenship", "document_kind",
                 "document_number", "document_issued_on", "issuing_university_id", "issuing_university_name",
                 "issuing_country", "qualification_title", "isced_level", "isced_field", "credits",
                 "recognising_country", "recognising_institution", "purpose", "received_on", "outcome", "decided_on",
                 "substantial_differences", "legal_basis", "appeal_lodged_on", "appeal_result", "notes")
        for name in order:
            widget = w[name]
            widget.setObjectName(f"field_{name}")
            if isinstance(widget, QComboBox):  # long names must not widen the form past the dialog
                widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
                widget.setMinimumContentsLength(16)
            error = QLabel()
            error.setObjectName(f"error_{name}")
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            self.errors[name] = error
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(widget)
            column.addWidget(error)
            row_label = QLabel()
            self.row_labels[name] = row_label
            self.form.addRow(row_label, holder)

    def retranslate(self) -> None:
        titles = field_titles()
        for name, row_label in self.row_labels.items():
            text = titles[name]
            row_label.setText(_("{field} (personal)").format(field=text) if name in PERSONAL_FIELDS else text)
        for widget in self.widgets.values():
            if hasattr(widget, "retranslate"):
                widget.retranslate()

    def set_values(self, draft: CaseDraft) -> None:
        w = self.widgets
        for name in LINES:
            w[name].setText(getattr(draft, name) or "")
        for name in DATES:
            w[name].set_value(getattr(draft, name))
        for name in COMBOS:
            select_data(w[name], getattr(draft, name) or "")
        w["credits"].setValue(draft.credits or 0)
        for name in TEXTS:
            w[name].setPlainText(getattr(draft, name) or "")
        w["issuing_university_id"].blockSignals(True)
        w["issuing_university_id"].select(draft.issuing_university_id)
        w["issuing_university_id"].blockSignals(False)

    def values(self) -> dict[str, Any]:
        """The draft's fields as shown (all but the rule, which the editor keeps)."""
        w = self.widgets
        values = {name: w[name].text() for name in LINES}
        values |= {name: w[name].value() for name in DATES}
        values |= {name: w[name].currentData() or "" for name in COMBOS}
        values |= {name: w[name].toPlainText() for name in TEXTS}
        return values | {"credits": w["credits"].value() or None,
                         "issuing_university_id": w["issuing_university_id"].value()}

    def clear_errors(self) -> None:
        for error in self.errors.values():
            error.hide()
