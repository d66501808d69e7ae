"""The editors of the Governance page: a decision with its texts per language and its follow-up actions,
and a body with its names and chairmanship. Each problem is shown beside its part of the form; the dialogs
never write themselves (``save`` runs the page's undoable command)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.governance import (
    BODY_KIND_LABELS,
    CHAIR_ROLE_LABELS,
    DECISION_KIND_LABELS,
    FOLLOW_UP_STATUS_LABELS,
    BodyDraft,
    BodyNameDraft,
    ChairDraft,
    DecisionDraft,
    DecisionTextDraft,
    FollowUpDraft,
    validate_body,
    validate_decision,
)
from desktop_app.domain.reference import MEMBER_CODES
from desktop_app.i18n import _, formatting
from desktop_app.ui.common.choosers import OrganisationPicker, UniversityPicker, collation_key
from desktop_app.ui.common.date_edit import DateEdit
from desktop_app.ui.common.editable_table import EditableTable, date_edit, date_of, error_label, show_message
from desktop_app.ui.common.form_dialog import FormDialog
from desktop_app.ui.common.language_pickers import LanguageChoice
from desktop_app.ui.common.names_table import NamesTable
from desktop_app.ui.core.language import Retranslatable


def _fill(combo: QComboBox, choices: dict, current) -> None:
    combo.blockSignals(True)
    combo.clear()
    for key, label in choices.items():
        combo.addItem(label, key)
    combo.setCurrentIndex(max(combo.findData(current), 0))
    combo.blockSignals(False)


def _states() -> dict[str, str]:
    """No state, then the CICA member states in the reader's alphabetical order."""
    key = collation_key()
    codes = sorted(MEMBER_CODES, key=lambda code: key(formatting.country_name(code)))
    return {"": "—", **{code: formatting.country_name(code) for code in codes}}


def _retranslate_combos(table: EditableTable, column: int, labels: dict) -> None:
    for row in range(table.table.rowCount()):
        box = table.table.cellWidget(row, column)
        for index in range(box.count()):
            box.setItemText(index, _(labels[box.itemData(index)]))


class TextsTable(EditableTable):
    """The decision's title and text in each language it was adopted or translated in."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table.setColumnWidth(0, 150)
        self.table.setColumnWidth(1, 320)

    def headers(self) -> list[str]:
        return [_("Language"), _("Title"), _("Text")]

    def fill_row(self, row: int, values: DecisionTextDraft | None) -> None:
        values = values or DecisionTextDraft("", "")
        self.table.setCellWidget(row, 0, LanguageChoice(values.lang))
        self.set_text(row, 1, values.title)
        self.set_text(row, 2, values.body)

    def draft_of(self, row: int) -> DecisionTextDraft:
        return DecisionTextDraft(self.table.cellWidget(row, 0).value(), self.text(row, 1), self.text(row, 2))


class FollowUpsTable(EditableTable):
    """What the decision asks to be done: the responsible organisation or university (or who, in words),
    the deadline, the status, the completion date and the evidence."""

    (DESCRIPTION, ORGANISATION, UNIVERSITY, IN_WORDS, DEADLINE, STATUS, COMPLETED, EVIDENCE) = range(8)

    def __init__(self, db, parent=None):
        self.db = db
        super().__init__(parent)
        self.table.setColumnWidth(self.DESCRIPTION, 260)
        self.table.setColumnWidth(self.ORGANISATION, 220)
        self.table.setColumnWidth(self.UNIVERSITY, 220)

    def headers(self) -> list[str]:
        return [_("Action"), _("Responsible organisation"), _("Responsible university"), _("Responsible (in words)"),
                _("Deadline"), _("Status"), _("Completed on"), _("Evidence")]

    def fill_row(self, row: int, values: FollowUpDraft | None) -> None:
        values = values or FollowUpDraft("")
        self.set_text(row, self.DESCRIPTION, values.description)
        organisation = OrganisationPicker(self.db, allow_none=True)
        organisation.select(values.organisation_id)
        self.table.setCellWidget(row, self.ORGANISATION, organisation)
        university = UniversityPicker(self.db, allow_none=True)
        university.select(values.university_id)
        self.table.setCellWidget(row, self.UNIVERSITY, university)
        self.set_text(row, self.IN_WORDS, values.responsible)
        self.table.setCellWidget(row, self.DEADLINE, date_edit(values.deadline))
        self.combo(row, self.STATUS, FOLLOW_UP_STATUS_LABELS, values.status)
        self.table.setCellWidget(row, self.COMPLETED, date_edit(values.completed_on))
        self.set_text(row, self.EVIDENCE, values.evidence)

    def draft_of(self, row: int) -> FollowUpDraft:
        cell = self.table.cellWidget
        return FollowUpDraft(self.text(row, self.DESCRIPTION), date_of(cell(row, self.DEADLINE)),
                             cell(row, self.STATUS).currentData(), cell(row, self.ORGANISATION).value(),
                             cell(row, self.UNIVERSITY).value(), self.text(row, self.IN_WORDS),
                             date_of(cell(row, self.COMPLETED)), self.text(row, self.EVIDENCE))

    def retranslate(self) -> None:
        super().retranslate()
        _retranslate_combos(self, self.STATUS, FOLLOW_UP_STATUS_LABELS)
        for row in range(self.table.rowCount()):
            for column in (self.ORGANISATION, self.UNIVERSITY):
                self.table.cellWidget(row, column).refill()


class ChairsTable(EditableTable):
    """The chairmanship: a role, the year for a chair, co-chair or host (none for a permanent office), the
    state, and the organisation or university that holds it where the registers have it."""

    (ROLE, YEAR, STATE, ORGANISATION, UNIVERSITY, NOTES) = range(6)

    def __init__(self, db, parent=None):
        self.db = db
        super().__init__(parent)
        self.table.setColumnWidth(self.ROLE, 190)
        self.table.setColumnWidth(self.YEAR, 70)
        self.table.setColumnWidth(self.STATE, 160)
        self.table.setColumnWidth(self.ORGANISATION, 220)
        self.table.setColumnWidth(self.UNIVERSITY, 220)

    def headers(self) -> list[str]:
        return [_("Role"), _("Year"), _("State"), _("Organisation"), _("University"), _("Notes")]

    def fill_row(self, row: int, values: ChairDraft | None) -> None:
        values = values or ChairDraft("chair")
        self.combo(row, self.ROLE, CHAIR_ROLE_LABELS, values.role)
        self.set_text(row, self.YEAR, str(values.year) if values.year is not None else "")
        state = QComboBox()
        _fill(state, _states(), values.country_code)
        self.table.setCellWidget(row, self.STATE, state)
        organisation = OrganisationPicker(self.db, allow_none=True)
        organisation.select(values.organisation_id)
        self.table.setCellWidget(row, self.ORGANISATION, organisation)
        university = UniversityPicker(self.db, allow_none=True)
        university.select(values.university_id)
        self.table.setCellWidget(row, self.UNIVERSITY, university)
        self.set_text(row, self.NOTES, values.notes)

    def year_of(self, row: int) -> int | None:
        """The year typed, or None when empty; a year that is not a number is kept out-of-range (0) so the
        validation names the line instead of dropping what was typed."""
        text = self.text(row, self.YEAR)
        if not text:
            return None
        return int(text) if text.isdigit() else 0

    def draft_of(self, row: int) -> ChairDraft:
        cell = self.table.cellWidget
        return ChairDraft(cell(row, self.ROLE).currentData(), self.year_of(row), cell(row, self.STATE).currentData(),
                          cell(row, self.UNIVERSITY).value(), cell(row, self.ORGANISATION).value(),
                          self.text(row, self.NOTES))

    def retranslate(self) -> None:
        super().retranslate()
        _retranslate_combos(self, self.ROLE, CHAIR_ROLE_LABELS)
        for row in range(self.table.rowCount()):
            state = self.table.cellWidget(row, self.STATE)
            _fill(state, _states(), state.currentData())
            for column in (self.ORGANISATION, self.UNIVERSITY):
                self.table.cellWidget(row, column).refill()


class _Editor(Retranslatable, FormDialog):
    """What both editors share: a form of labelled fields with their error lines, tabs, OK/Cancel."""

    TABS: dict[str, int] = {}

    def _setup(self, fields: list[tuple[str, QWidget]], tabs: list[QWidget]) -> None:
        self.errors: dict[str, QLabel] = {}
        self.form_labels: dict[str, QLabel] = {}
        general = QWidget()
        form = QFormLayout(general)
        for key, widget in fields:
            label = QLabel()
            self.form_labels[key] = label
            holder = QWidget()
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            box.addWidget(widget)
            self.errors[key] = widget.error if isinstance(widget, EditableTable) else error_label()
            if not isinstance(widget, EditableTable):
                box.addWidget(self.errors[key])
            form.addRow(label, holder)
        self.tabs = QTabWidget()
        self.tabs.addTab(general, "")
        for widget in tabs:
            self.tabs.addTab(widget, "")
        self.general_error = error_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.general_error)
        layout.addWidget(self.buttons)

    def show_problems(self, problems: dict[str, str]) -> None:
        grouped: dict[str, list[str]] = {}
        for key, message in problems.items():
            field = key.split("[")[0].split(".")[0]
            grouped.setdefault(field if field in self.errors else "", []).append(message)
        for field, label in self.errors.items():
            show_message(label, "\n".join(grouped.get(field, [])))
        show_message(self.general_error, "\n".join(grouped.get("", [])))
        first = next(iter(problems), "").split("[")[0]
        if problems:
            self.tabs.setCurrentIndex(self.TABS.get(first, 0))


class DecisionEditor(_Editor):
    area_key = "governance"
    TABS = {"follow_ups": 1}

    def __init__(self, db, draft: DecisionDraft | None, save: Callable[[DecisionDraft], object],
                 body_choices: list, parent=None, record_id: int | None = None, database: str = ""):
        super().__init__(parent, record_id, database)
        self.setObjectName("decisionEditor")
        self.save, self.is_new, self.body_choices = save, record_id is None, body_choices
        draft = draft or DecisionDraft("recommendation", body_choices[0].id if body_choices else None, None,
                                       [DecisionTextDraft("en", "")])
        self._initial = draft
        self.kind = QComboBox(objectName="decisionKind")
        self.body = QComboBox(objectName="decisionBody")
        self.adopted = DateEdit(draft.adopted_on, optional=True)
        self.reference = QLineEdit(draft.reference, objectName="decisionReference")
        self.texts = TextsTable()
        for text in draft.texts:
            self.texts.add_row(text)
        self.notes = QPlainTextEdit(draft.notes)
        self.notes.setMaximumHeight(60)
        self.follow_ups = FollowUpsTable(db)
        for action in draft.follow_ups:
            self.follow_ups.add_row(action)
        self._setup([("kind", self.kind), ("body_id", self.body), ("adopted_on", self.adopted),
                     ("reference", self.reference), ("texts", self.texts), ("notes", self.notes)], [self.follow_ups])
        self.errors["follow_ups"] = self.follow_ups.error
        self.retranslate()
        self.resize(900, 620)
        self.start_tracking()

    def retranslate(self) -> None:
        self.setWindowTitle(_("New decision") if self.is_new else _("Edit decision"))
        titles = {"kind": _("Kind"), "body_id": _("Adopted by"), "adopted_on": _("Adopted on"),
                  "reference": _("Reference"), "texts": _("Texts"), "notes": _("Notes")}
        for key, label in self.form_labels.items():
            label.setText(titles[key])
        self.tabs.setTabText(0, _("Decision"))
        self.tabs.setTabText(1, _("Follow-up actions"))
        _fill(self.kind, {str(key): _(label) for key, label in DECISION_KIND_LABELS.items()},
              self.kind.currentData() if self.kind.count() else self._initial.kind)
        _fill(self.body, {choice.id: choice.label for choice in self.body_choices},
              self.body.currentData() if self.body.count() else self._initial.body_id)
        self.texts.retranslate()
        self.follow_ups.retranslate()

    def draft(self) -> DecisionDraft:
        return DecisionDraft(self.kind.currentData(), self.body.currentData(), self.adopted.value(),
                             [t for t in self.texts.drafts() if t.title or t.body], self.reference.text(),
                             self.notes.toPlainText(), self.follow_ups.drafts())

    def journal_title(self) -> str:
        return self.draft().title() or self.windowTitle()

    def save_draft(self, draft: DecisionDraft) -> None:
        problems = validate_decision(draft)
        if problems:
            raise ValidationError(problems)
        self.save(draft)


class BodyEditor(_Editor):
    area_key = "governance"
    TABS = {"chairs": 1}

    def __init__(self, db, draft: BodyDraft | None, save: Callable[[BodyDraft], object], parent=None,
                 record_id: int | None = None, database: str = ""):
        super().__init__(parent, record_id, database)
        self.setObjectName("bodyEditor")
        self.save, self.is_new = save, record_id is None
        draft = draft or BodyDraft("council", [BodyNameDraft("", "en")])
        self._initial = draft
        self.kind = QComboBox(objectName="bodyKind")
        self.names = NamesTable(make=BodyNameDraft, kinds=None)
        for name in draft.names:
            self.names.add_row(name)
        self.acronym = QLineEdit(draft.acronym)
        self.established = DateEdit(draft.established_on, optional=True)
        self.mandate = QPlainTextEdit(draft.mandate)
        self.mandate.setMaximumHeight(70)
        self.chairs = ChairsTable(db)
        for chair in draft.chairs:
            self.chairs.add_row(chair)
        self.chairs_hint = QLabel()
        self.chairs_hint.setWordWrap(True)
        chairs_page = QWidget()
        chairs_layout = QVBoxLayout(chairs_page)
        chairs_layout.addWidget(self.chairs_hint)
        chairs_layout.addWidget(self.chairs, 1)
        self._setup([("names", self.names), ("kind", self.kind), ("acronym", self.acronym),
                     ("established_on", self.established), ("mandate", self.mandate)], [chairs_page])
        self.errors["chairs"] = self.chairs.error
        self.retranslate()
        self.resize(900, 600)
        self.start_tracking()

    def retranslate(self) -> None:
        self.setWindowTitle(_("New body") if self.is_new else _("Edit body"))
        titles = {"names": _("Names"), "kind": _("Kind"), "acronym": _("Acronym"),
                  "established_on": _("Established on"), "mandate": _("Mandate")}
        for key, label in self.form_labels.items():
            label.setText(titles[key])
        self.tabs.setTabText(0, _("General"))
        self.tabs.setTabText(1, _("Chairmanship"))
        self.chairs_hint.setText(_("Who chairs, co-chairs or hosts the body in each year (the rotation), and the "
                                   "permanent co-chairs and initiating institutions, which hold no year."))
        _fill(self.kind, {str(key): _(label) for key, label in BODY_KIND_LABELS.items()},
              self.kind.currentData() if self.kind.count() else self._initial.kind)
        self.names.retranslate()
        self.chairs.retranslate()

    def draft(self) -> BodyDraft:
        return BodyDraft(self.kind.currentData(), [n for n in self.names.drafts() if n.value or n.lang],
                         self.acronym.text(), self.established.value(), self.mandate.toPlainText(),
                         self._initial.notes, self.chairs.drafts())

    def journal_title(self) -> str:
        return self.draft().display_name() or self.windowTitle()

    def save_draft(self, draft: BodyDraft) -> None:
        problems = validate_body(draft)
        if problems:
            raise ValidationError(problems)
        self.save(draft)
