"""The programme editor: general fields, partners with roles, intakes per year, the study plan, and
the plan rules' messages beside it, re-checked after every edit."""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.curricula import (
    DIPLOMA_TITLES,
    ISCED_LEVEL_TITLES,
    PARTNER_ROLE_TITLES,
    PROGRAMME_STATUS_TITLES,
    PROGRAMME_TYPE_TITLES,
    IntakeDraft,
    PartnerDraft,
    PartnerRole,
    ProgrammeDraft,
    RuleMessage,
)
from desktop_app.domain.reference import COOPERATION_AREAS
from desktop_app.i18n import _, formatting, ngettext
from desktop_app.ui.common.dates import to_qdate
from desktop_app.ui.curricula.study_plan import NO_DATE, StudyPlanEditor, optional_date, optional_date_edit

P_NAME, P_COUNTRY, P_ROLE = range(3)
I_YEAR, I_PLACES, I_ENROLLED = range(3)


def _fill(combo: QComboBox, items, current) -> None:
    combo.blockSignals(True)
    combo.clear()
    for value, title in items:
        combo.addItem(title, value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)


class ProgrammeEditor(QWidget):
    #: (new draft, what) after a user edit; ``what`` names the edited field for merging typing
    edited = Signal(object, object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.draft = ProgrammeDraft()
        self.universities: list = []  # UniversityChoice
        self.field_choices: list[tuple[str, str]] = []
        self.conversions: dict[str, float] = {}
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs)
        # general ---------------------------------------------------------------------------
        general = QWidget()
        general_layout = QVBoxLayout(general)
        form = QFormLayout()
        general_layout.addLayout(form)
        general_layout.addStretch(1)
        self.title = QLineEdit()
        self.title.setObjectName("programmeTitle")
        self.title_error = QLabel()
        self.title_error.setProperty("role", "fieldError")
        self.code = QLineEdit()
        self.programme_type, self.level, self.field = QComboBox(), QComboBox(), QComboBox()
        self.area, self.status, self.diplomas = QComboBox(), QComboBox(), QComboBox()
        self.programme_type.setObjectName("programmeType")
        self.joint_defence = QCheckBox()
        self.languages = QLineEdit()
        self.languages.setPlaceholderText("en ru zh")
        self.accreditation = QLineEdit()
        self.accredited_until = optional_date_edit(None)
        self.accredited_until.setObjectName("accreditedUntil")
        self.title_table = QTableWidget(0, 2)
        self.title_table.setObjectName("programmeTitles")
        self.title_table.verticalHeader().setVisible(False)
        self.title_table.horizontalHeader().setVisible(False)
        self.title_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.title_table.setMaximumHeight(130)
        self.labels = [QLabel() for _ in range(13)]
        rows = [
            self.title,
            self.code,
            self.programme_type,
            self.level,
            self.field,
            self.area,
            self.status,
            self.diplomas,
            self.joint_defence,
            self.languages,
            self.accreditation,
            self.accredited_until,
            self.title_table,
        ]
        for label, widget in zip(self.labels, rows, strict=True):
            label.setBuddy(widget)
            form.addRow(label, widget)
            if widget is self.title:
                form.addRow("", self.title_error)
        self.tabs.addTab(general, "")
        # partners and intakes -------------------------------------------------------------
        partners = QWidget()
        partners_layout = QVBoxLayout(partners)
        self.partner_table = QTableWidget(0, 3)
        self.partner_table.setObjectName("partnerTable")
        self.partner_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.partner_table.verticalHeader().setVisible(False)
        self.partner_table.horizontalHeader().setSectionResizeMode(P_NAME, QHeaderView.ResizeMode.Stretch)
        self.partner_table.setColumnWidth(P_ROLE, 180)
        partners_layout.addWidget(self.partner_table)
        row = QHBoxLayout()
        self.new_partner, self.new_role = QComboBox(), QComboBox()
        self.new_partner.setObjectName("newPartner")
        self.new_partner.setMinimumWidth(300)
        self.add_partner_button, self.remove_partner_button = QPushButton(), QPushButton()
        for widget in (self.new_partner, self.new_role, self.add_partner_button, self.remove_partner_button):
            row.addWidget(widget)
        row.addStretch(1)
        partners_layout.addLayout(row)
        self.intakes_label = QLabel()
        self.intakes_label.setObjectName("sectionHeading")
        partners_layout.addWidget(self.intakes_label)
        self.intake_table = QTableWidget(0, 3)
        self.intake_table.setObjectName("intakeTable")
        self.intake_table.verticalHeader().setVisible(False)
        partners_layout.addWidget(self.intake_table)
        row = QHBoxLayout()
        self.add_intake_button, self.remove_intake_button = QPushButton(), QPushButton()
        row.addWidget(self.add_intake_button)
        row.addWidget(self.remove_intake_button)
        row.addStretch(1)
        partners_layout.addLayout(row)
        self.tabs.addTab(partners, "")
        # plan and rule messages --------------------------------------------------------------
        plan_tab = QSplitter(Qt.Orientation.Horizontal)
        self.plan = StudyPlanEditor()
        plan_tab.addWidget(self.plan)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(6, 0, 0, 0)
        self.totals = QLabel()
        self.totals.setObjectName("planTotals")
        self.totals.setWordWrap(True)
        self.rules_label = QLabel()
        self.rules_label.setObjectName("sectionHeading")
        self.rules = QListWidget()
        self.rules.setObjectName("ruleMessages")
        self.rules.setWordWrap(True)
        side_layout.addWidget(self.totals)
        side_layout.addWidget(self.rules_label)
        side_layout.addWidget(self.rules, 1)
        side.setMinimumWidth(220)
        plan_tab.addWidget(side)
        plan_tab.setSizes([700, 300])
        self.tabs.addTab(plan_tab, "")

        self.title.textEdited.connect(lambda text: self._set("title", text, merge=True))
        self.code.textEdited.connect(lambda text: self._set("code", text, merge=True))
        self.languages.textEdited.connect(lambda text: self._set("languages", text.split(), merge=True))
        self.accreditation.textEdited.connect(lambda text: self._set("accreditation", text, merge=True))
        for combo, attribute in (
            (self.programme_type, "programme_type"),
            (self.level, "isced_level"),
            (self.field, "isced_field"),
            (self.area, "area_key"),
            (self.status, "status"),
            (self.diplomas, "diplomas"),
        ):
            combo.currentIndexChanged.connect(lambda _i, c=combo, a=attribute: self._set(a, c.currentData()))
        self.joint_defence.toggled.connect(lambda on: self._set("joint_defence", on))
        self.accredited_until.dateChanged.connect(
            lambda _d: self._set("accredited_until", optional_date(self.accredited_until), merge=True)
        )
        self.title_table.itemChanged.connect(self._title_changed)
        self.add_partner_button.clicked.connect(self.add_partner)
        self.remove_partner_button.clicked.connect(self.remove_partner)
        self.add_intake_button.clicked.connect(self.add_intake)
        self.remove_intake_button.clicked.connect(self.remove_intake)
        self.intake_table.itemChanged.connect(self._intake_changed)
        self.plan.edited.connect(self._plan_edited)
        self.retranslate()

    def retranslate(self) -> None:
        titles = [
            _("&Title:"),
            _("Co&de:"),
            _("T&ype:"),
            _("&Level:"),
            _("&Field (ISCED-F):"),
            _("&Area of cooperation:"),
            _("&Status:"),
            _("&Diplomas awarded:"),
            _("Joint thesis defence:"),
            _("Languages of &instruction:"),
            _("Accreditation:"),
            _("Accredited &until:"),
            _("Titles by language:"),
        ]
        for label, title in zip(self.labels, titles, strict=True):
            label.setText(title)
        self.joint_defence.setText(_("the thesis is defended before a joint committee"))
        self.tabs.setTabText(0, _("Programme"))
        self.tabs.setTabText(1, _("Partners and intakes"))
        self.tabs.setTabText(2, _("Study plan"))
        self.partner_table.setHorizontalHeaderLabels([_("University"), _("Country"), _("Role")])
        self.intake_table.setHorizontalHeaderLabels([_("Academic year"), _("Places"), _("Enrolled")])
        self.intakes_label.setText(_("Intake and enrolment per year"))
        self.add_partner_button.setText(_("Add &partner"))
        self.remove_partner_button.setText(_("Remove partner"))
        self.add_intake_button.setText(_("Add intake year"))
        self.remove_intake_button.setText(_("Remove intake year"))
        self.rules_label.setText(_("Plan checks"))
        self.plan.retranslate()
        self._fill_choices()
        self.show_draft(self.draft, self.last_messages if hasattr(self, "last_messages") else [])

    def set_choices(self, universities, fields: list[tuple[str, str]], conversions: dict[str, float]) -> None:
        self.universities, self.field_choices, self.conversions = universities, fields, conversions
        self._fill_choices()

    def _fill_choices(self) -> None:
        d = self.draft
        _fill(
            self.programme_type, [(k.value, _(t)) for k, t in PROGRAMME_TYPE_TITLES.items()], d.programme_type
        )
        _fill(self.level, [(None, "—"), *((k, _(t)) for k, t in ISCED_LEVEL_TITLES.items())], d.isced_level)
        _fill(
            self.field,
            [(None, "—"), *((code, f"{code} {label}") for code, label in self.field_choices)],
            d.isced_field,
        )
        _fill(self.area, [(None, "—"), *((a.key, _(a.title)) for a in COOPERATION_AREAS)], d.area_key)
        _fill(self.status, [(k.value, _(t)) for k, t in PROGRAMME_STATUS_TITLES.items()], d.status)
        _fill(self.diplomas, [(k.value, _(t)) for k, t in DIPLOMA_TITLES.items()], d.diplomas)
        _fill(
            self.new_role,
            [(k.value, _(t)) for k, t in PARTNER_ROLE_TITLES.items()],
            PartnerRole.PARTNER.value,
        )
        _fill(
            self.new_partner,
            [(u.id, f"{u.name} [{u.country_code}]") for u in self.universities],
            self.new_partner.currentData(),
        )

    # -- showing -------------------------------------------------------------------------------
    def show_draft(self, draft: ProgrammeDraft, messages: list[RuleMessage]) -> None:
        self._loading = True
        self.draft = copy.deepcopy(draft)
        d = self.draft
        for widget, value in (
            (self.title, d.title),
            (self.code, d.code),
            (self.languages, " ".join(d.languages)),
            (self.accreditation, d.accreditation),
        ):
            if widget.text() != value:
                widget.setText(value)
        self._fill_choices()
        self.joint_defence.setChecked(d.joint_defence)
        self.accredited_until.setDate(to_qdate(d.accredited_until) if d.accredited_until else NO_DATE)
        languages = list(dict.fromkeys(["en", "ru", "kk", "zh", *d.languages, *d.titles]))
        self.title_table.setRowCount(len(languages))
        for row, code in enumerate(languages):
            name = QTableWidgetItem(formatting.language_name(code))
            name.setData(Qt.ItemDataRole.UserRole, code)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.title_table.setItem(row, 0, name)
            self.title_table.setItem(row, 1, QTableWidgetItem(d.titles.get(code, "")))
        self.title_table.resizeColumnToContents(0)
        self.title_error.setText("" if d.title.strip() else _("The programme needs a title."))
        self.title_error.setVisible(not d.title.strip())
        self.partner_table.setRowCount(len(d.partners))
        for row, partner in enumerate(d.partners):
            for column, text in (
                (P_NAME, partner.name),
                (P_COUNTRY, formatting.country_name(partner.country_code)),
            ):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.partner_table.setItem(row, column, item)
            role = QComboBox()
            for key, title in PARTNER_ROLE_TITLES.items():
                role.addItem(_(title), key.value)
            role.setCurrentIndex(max(0, role.findData(partner.role)))
            role.currentIndexChanged.connect(lambda _i, r=row, w=role: self._set_role(r, w.currentData()))
            self.partner_table.setCellWidget(row, P_ROLE, role)
        self.intake_table.setRowCount(len(d.intakes))
        for row, intake in enumerate(d.intakes):
            for column, value in (
                (I_YEAR, intake.academic_year),
                (I_PLACES, intake.places),
                (I_ENROLLED, intake.enrolled),
            ):
                self.intake_table.setItem(row, column, QTableWidgetItem("" if value is None else str(value)))
        self.plan.show_plan(d.semesters, d.equivalences, d.partners)
        self.show_messages(messages)
        self._loading = False

    def show_messages(self, messages: list[RuleMessage]) -> None:
        self.last_messages = list(messages)
        self.rules.clear()
        for message in messages:
            item = QListWidgetItem(("⛔ " if message.severity == "error" else "⚠ ") + message.text)
            item.setData(Qt.ItemDataRole.UserRole, message.rule)
            self.rules.addItem(item)
        if not messages:
            self.rules.addItem(QListWidgetItem("✓ " + _("The plan satisfies every rule.")))
        d = self.draft
        lines = [
            ngettext(
                "{credits} ECTS in {count} semester", "{credits} ECTS in {count} semesters", len(d.semesters)
            ).format(credits=formatting.format_number(d.credits), count=len(d.semesters))
        ]
        for state in dict.fromkeys(p.country_code for p in d.partners if p.country_code):
            factor = self.conversions.get(state)
            if factor is not None:
                lines.append(
                    _("{state}: {credits} national credits").format(
                        state=formatting.country_name(state),
                        credits=formatting.format_number(round(d.credits * factor, 2)),
                    )
                )
        self.totals.setText("\n".join(lines))

    def rule_texts(self) -> list[str]:
        return [m.text for m in getattr(self, "last_messages", [])]

    # -- editing -------------------------------------------------------------------------------
    def _emit(self, draft: ProgrammeDraft, what=None) -> None:
        if not self._loading and draft != self.draft:
            self.edited.emit(draft, what)

    def _set(self, attribute: str, value, merge: bool = False) -> None:
        if self._loading:
            return
        draft = copy.deepcopy(self.draft)
        setattr(draft, attribute, value)
        self._emit(draft, ("field", attribute) if merge else None)

    def _title_changed(self, item: QTableWidgetItem) -> None:
        if self._loading or item.column() != 1:
            return
        code = self.title_table.item(item.row(), 0).data(Qt.ItemDataRole.UserRole)
        titles = dict(self.draft.titles)
        titles[code] = item.text().strip()
        self._set("titles", {k: v for k, v in titles.items() if v}, merge=True)

    def _set_role(self, row: int, role: str) -> None:
        draft = copy.deepcopy(self.draft)
        draft.partners[row].role = role
        self._emit(draft)

    def add_partner(self) -> None:
        university_id = self.new_partner.currentData()
        choice = next((u for u in self.universities if u.id == university_id), None)
        if choice is None or any(p.university_id == university_id for p in self.draft.partners):
            return
        draft = copy.deepcopy(self.draft)
        draft.partners.append(
            PartnerDraft(choice.id, self.new_role.currentData(), choice.country_code, choice.name)
        )
        self._emit(draft)

    def remove_partner(self) -> None:
        row = self.partner_table.currentRow()
        if row < 0:
            return
        draft = copy.deepcopy(self.draft)
        removed = draft.partners.pop(row).university_id
        for semester in draft.semesters:
            if semester.university_id == removed:
                semester.university_id = None
        self._emit(draft)

    def add_intake(self) -> None:
        draft = copy.deepcopy(self.draft)
        draft.intakes.append(IntakeDraft(""))
        self._emit(draft)

    def remove_intake(self) -> None:
        row = self.intake_table.currentRow()
        if row >= 0:
            draft = copy.deepcopy(self.draft)
            draft.intakes.pop(row)
            self._emit(draft)

    def _intake_changed(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        draft = copy.deepcopy(self.draft)
        intake = draft.intakes[item.row()]
        text = item.text().strip()
        if item.column() == I_YEAR:
            intake.academic_year = text
        else:
            number = int(text) if text.isdigit() else None
            setattr(intake, "places" if item.column() == I_PLACES else "enrolled", number)
        self._emit(draft, ("intake", item.row(), item.column()))

    def _plan_edited(self, semesters, equivalences, what) -> None:
        draft = copy.deepcopy(self.draft)
        draft.semesters, draft.equivalences = semesters, equivalences
        self._emit(draft, what)
