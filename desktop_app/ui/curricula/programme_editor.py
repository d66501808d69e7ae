"""The programme editor embedded in the Curricula page: general fields, partners with roles, intakes per
year, the study plan, and the plan rules' messages beside it.

It edits ``self.draft`` in place and says ``changed`` after each edit; the page decides what an edit
means (unsaved changes, the drafts journal, the rules checked again). Everything shown is rebuilt
from the draft in the language of the moment (``retranslate``), so a language switch leaves no label,
combo entry, country name or date of the previous language.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
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
from desktop_app.ui.common.choosers import compact_combo
from desktop_app.ui.common.language_pickers import LanguagesPicker
from desktop_app.ui.common.organisation_list import OrganisationList
from desktop_app.ui.curricula.study_plan import StudyPlanEditor

P_NAME, P_COUNTRY, P_ROLE = range(3)
I_YEAR, I_PLACES, I_ENROLLED = range(3)


def _fill(combo: QComboBox, items, current) -> None:
    combo.blockSignals(True)
    combo.clear()
    for value, title in items:
        combo.addItem(title, value)
    combo.setCurrentIndex(max(0, combo.findData(current)))
    combo.blockSignals(False)


def scrolled(widget: QWidget) -> QScrollArea:
    """The widget in a frameless scroll area: a narrow window scrolls instead of growing wider."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area


class ProgrammeEditor(QWidget):
    #: After every edit the user makes; ``draft`` holds the edited programme.
    changed = Signal()
    #: The user asks to see and edit the programme's accreditations (records of the quality area).
    quality_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.draft = ProgrammeDraft()
        self.last_messages: list[RuleMessage] = []
        self.field_choices: list[tuple[str, str]] = []
        self.conversions: dict[str, float] = {}
        self.new_partner: QComboBox = QComboBox()  # replaced by a UniversityPicker once the database is open
        self._loading = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("programmeTabs")
        layout.addWidget(self.tabs)
        self._build_general()
        self._build_partners()
        self._build_plan()
        self.retranslate()

    # -- building ------------------------------------------------------------------------------
    def _build_general(self) -> None:
        general = QWidget()
        form = QFormLayout(general)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.title = QLineEdit()
        self.title.setObjectName("programmeTitle")
        self.title_error = QLabel()
        self.title_error.setProperty("role", "fieldError")
        self.title_error.setWordWrap(True)
        self.code = QLineEdit()
        self.programme_type, self.level, self.field = compact_combo(), compact_combo(), compact_combo()
        self.area, self.status, self.diplomas = compact_combo(), compact_combo(), compact_combo()
        self.programme_type.setObjectName("programmeType")
        self.joint_defence = QCheckBox()
        self.languages = LanguagesPicker()
        self.languages.setObjectName("programmeLanguages")
        # Accreditations, evaluations, feedback and indicators are records of the Quality area: the programme
        # shows its current accreditation and opens its quality summary.
        self.accreditation_summary = QLabel(objectName="programmeAccreditation")
        self.accreditation_summary.setWordWrap(True)
        self.quality_button = QPushButton(objectName="programmeQuality")
        self.quality_button.clicked.connect(self.quality_requested)
        quality_row = QWidget()
        quality_layout = QHBoxLayout(quality_row)
        quality_layout.setContentsMargins(0, 0, 0, 0)
        quality_layout.addWidget(self.accreditation_summary, 1)
        quality_layout.addWidget(self.quality_button)
        self.title_table = QTableWidget(0, 2)
        self.title_table.setObjectName("programmeTitles")
        self.title_table.verticalHeader().setVisible(False)
        self.title_table.horizontalHeader().setVisible(False)
        self.title_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.title_table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.title_table.setMaximumHeight(130)
        self.labels = [QLabel() for _index in range(12)]
        rows = [self.title, self.code, self.programme_type, self.level, self.field, self.area, self.status,
                self.diplomas, self.joint_defence, self.languages, quality_row,
                self.title_table]
        for label, widget in zip(self.labels, rows, strict=True):
            label.setBuddy(widget)
            form.addRow(label, widget)
            if widget is self.title:
                form.addRow("", self.title_error)
        self.tabs.addTab(scrolled(general), "")
        self.title.textEdited.connect(lambda text: self._set("title", text))
        self.code.textEdited.connect(lambda text: self._set("code", text))
        self.languages.changed.connect(lambda: self._set("languages", self.languages.value()))
        for combo, attribute in ((self.programme_type, "programme_type"), (self.level, "isced_level"),
                                 (self.field, "isced_field"), (self.area, "area_key"), (self.status, "status"),
                                 (self.diplomas, "diplomas")):
            combo.currentIndexChanged.connect(lambda _i, c=combo, a=attribute: self._set(a, c.currentData()))
        self.joint_defence.toggled.connect(lambda on: self._set("joint_defence", on))
        self.title_table.itemChanged.connect(self._title_changed)

    def _build_partners(self) -> None:
        partners = QWidget()
        layout = QVBoxLayout(partners)
        self.partner_table = QTableWidget(0, 3)
        self.partner_table.setObjectName("partnerTable")
        self.partner_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.partner_table.verticalHeader().setVisible(False)
        header = self.partner_table.horizontalHeader()
        header.setSectionResizeMode(P_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(P_COUNTRY, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(P_ROLE, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.partner_table)
        self.partner_row = QHBoxLayout()
        self.new_role = compact_combo(8)
        self.add_partner_button, self.remove_partner_button = QPushButton(), QPushButton()
        self.new_partner.setObjectName("newPartner")
        for widget in (self.new_partner, self.new_role, self.add_partner_button):
            self.partner_row.addWidget(widget, 1 if widget is self.new_partner else 0)
        layout.addLayout(self.partner_row)
        remove_row = QHBoxLayout()
        remove_row.addWidget(self.remove_partner_button)
        remove_row.addStretch(1)
        layout.addLayout(remove_row)
        self.intakes_label = QLabel()
        self.intakes_label.setObjectName("sectionHeading")
        layout.addWidget(self.intakes_label)
        self.intake_table = QTableWidget(0, 3)
        self.intake_table.setObjectName("intakeTable")
        self.intake_table.verticalHeader().setVisible(False)
        self.intake_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.intake_table)
        row = QHBoxLayout()
        self.add_intake_button, self.remove_intake_button = QPushButton(), QPushButton()
        row.addWidget(self.add_intake_button)
        row.addWidget(self.remove_intake_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.industry_label = QLabel()
        self.industry_label.setObjectName("sectionHeading")
        self.industry_box = QVBoxLayout()  # the organisation list comes once the database is open
        layout.addWidget(self.industry_label)
        layout.addLayout(self.industry_box)
        self.industry_partners: OrganisationList | None = None
        self.tabs.addTab(partners, "")
        self.add_partner_button.clicked.connect(self.add_partner)
        self.remove_partner_button.clicked.connect(self.remove_partner)
        self.add_intake_button.clicked.connect(self.add_intake)
        self.remove_intake_button.clicked.connect(self.remove_intake)
        self.intake_table.itemChanged.connect(self._intake_changed)

    def _build_plan(self) -> None:
        # The checks go below the plan, not beside it: the plan's tables need the width.
        plan_tab = QSplitter(Qt.Orientation.Vertical)
        plan_tab.setObjectName("planSplitter")
        plan_tab.setChildrenCollapsible(False)
        self.plan = StudyPlanEditor()
        plan_tab.addWidget(scrolled(self.plan))
        side = QWidget()
        side_layout = QHBoxLayout(side)
        side_layout.setContentsMargins(0, 6, 0, 0)
        totals_column = QVBoxLayout()
        self.totals = QLabel()
        self.totals.setObjectName("planTotals")
        self.totals.setWordWrap(True)
        self.totals.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading)
        self.rules_label = QLabel()
        self.rules_label.setObjectName("sectionHeading")
        totals_column.addWidget(self.rules_label)
        totals_column.addWidget(self.totals, 1)
        self.rules = QListWidget()
        self.rules.setObjectName("ruleMessages")
        self.rules.setWordWrap(True)
        side_layout.addLayout(totals_column, 2)
        side_layout.addWidget(self.rules, 3)
        plan_tab.addWidget(side)
        plan_tab.setStretchFactor(0, 4)
        plan_tab.setStretchFactor(1, 1)
        self.tabs.addTab(plan_tab, "")
        self.tabs.addTab(self.plan.equivalences_panel, "")
        self.plan.edited.connect(self._plan_edited)

    def show_accreditations(self, text: str, editable: bool) -> None:
        """The programme's accreditations as the page found them; editable once the programme is saved."""
        self.accreditation_summary.setText(text)
        self.quality_button.setEnabled(editable)

    def set_partner_picker(self, picker: QComboBox) -> None:
        """Use the register's university picker for new partners (built once the database is open)."""
        picker.setObjectName("newPartner")
        self.partner_row.replaceWidget(self.new_partner, picker)
        self.new_partner.hide()  # out of the layout, it would otherwise stay drawn until deleted
        self.new_partner.deleteLater()
        self.new_partner = picker

    def set_industry_partner_list(self, db) -> None:
        """The enterprises and other organisations of the register that take part (once the database is open)."""
        if self.industry_partners is not None:
            self.industry_box.removeWidget(self.industry_partners)
            self.industry_partners.deleteLater()
        self.industry_partners = OrganisationList(db, self.draft.industry_partner_ids, "industryPartners")
        self.industry_partners.changed.connect(self._industry_partners_changed)
        self.industry_box.addWidget(self.industry_partners)

    def _industry_partners_changed(self) -> None:
        if self.industry_partners is not None:
            self._set("industry_partner_ids", self.industry_partners.organisation_ids())

    # -- language ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        titles = [_("&Title:"), _("Co&de:"), _("T&ype:"), _("&Level:"), _("&Field (ISCED-F):"),
                  _("&Area of cooperation:"), _("&Status:"), _("&Diplomas awarded:"), _("Joint thesis defence:"),
                  _("Languages of &instruction:"), _("Accreditation:"),
                  _("Titles by language:")]
        for label, title in zip(self.labels, titles, strict=True):
            label.setText(title)
        self.joint_defence.setText(_("the thesis is defended before a joint committee"))
        self.quality_button.setText(_("Acc&reditations…"))
        self.quality_button.setToolTip(_("Record the programme's accreditations: label, decision, validity, "
                                         "conditions"))
        self.tabs.setTabText(0, _("Programme"))
        self.tabs.setTabText(1, _("Partners and intakes"))
        self.tabs.setTabText(2, _("Study plan"))
        self.tabs.setTabText(3, _("Course equivalences"))
        self.partner_table.setHorizontalHeaderLabels([_("University"), _("Country"), _("Role")])
        self.intake_table.setHorizontalHeaderLabels([_("Academic year"), _("Places"), _("Enrolled")])
        self.intakes_label.setText(_("Intake and enrolment per year"))
        self.industry_label.setText(_("Industry partners"))
        self.add_partner_button.setText(_("Add &partner"))
        self.remove_partner_button.setText(_("Remove partner"))
        self.add_intake_button.setText(_("Add intake year"))
        self.remove_intake_button.setText(_("Remove intake year"))
        self.rules_label.setText(_("Plan checks"))
        self.plan.retranslate()
        self.show_draft(self.draft, self.last_messages)

    def set_choices(self, fields: list[tuple[str, str]], conversions: dict[str, float]) -> None:
        self.field_choices, self.conversions = fields, conversions
        self._fill_choices()

    def _fill_choices(self) -> None:
        d = self.draft
        _fill(self.programme_type, [(k.value, _(t)) for k, t in PROGRAMME_TYPE_TITLES.items()], d.programme_type)
        _fill(self.level, [(None, "—"), *((k, _(t)) for k, t in ISCED_LEVEL_TITLES.items())], d.isced_level)
        # ISCED-F field names are the UNESCO English labels; shown translated where a catalog has them.
        _fill(self.field, [(None, "—"), *((code, f"{code} {_(label)}") for code, label in self.field_choices)],
              d.isced_field)
        _fill(self.area, [(None, "—"), *((a.key, _(a.title)) for a in COOPERATION_AREAS)], d.area_key)
        _fill(self.status, [(k.value, _(t)) for k, t in PROGRAMME_STATUS_TITLES.items()], d.status)
        _fill(self.diplomas, [(k.value, _(t)) for k, t in DIPLOMA_TITLES.items()], d.diplomas)
        _fill(self.new_role, [(k.value, _(t)) for k, t in PARTNER_ROLE_TITLES.items()],
              self.new_role.currentData() or PartnerRole.PARTNER.value)

    # -- showing -------------------------------------------------------------------------------
    def show_draft(self, draft: ProgrammeDraft, messages: list[RuleMessage]) -> None:
        self._loading = True
        self.draft = copy.deepcopy(draft)
        d = self.draft
        for widget, value in ((self.title, d.title), (self.code, d.code)):
            if widget.text() != value:
                widget.setText(value)
        if self.languages.value() != d.languages:
            self.languages.set_value(d.languages)
        self._fill_choices()
        self.joint_defence.setChecked(d.joint_defence)
        self.title_table.blockSignals(True)
        languages = list(dict.fromkeys(["en", "ru", "kk", "zh", *d.languages, *d.titles]))
        self.title_table.setRowCount(len(languages))
        for row, code in enumerate(languages):
            name = QTableWidgetItem(formatting.language_name(code))
            name.setData(Qt.ItemDataRole.UserRole, code)
            name.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.title_table.setItem(row, 0, name)
            self.title_table.setItem(row, 1, QTableWidgetItem(d.titles.get(code, "")))
        self.title_table.blockSignals(False)
        self.show_title_problem(None if d.title.strip() else _("The programme needs a title."))
        self._show_partners()
        if self.industry_partners is not None and self.industry_partners.organisation_ids() != d.industry_partner_ids:
            self.industry_partners.set_organisation_ids(d.industry_partner_ids)
        self.intake_table.blockSignals(True)
        self.intake_table.setRowCount(len(d.intakes))
        for row, intake in enumerate(d.intakes):
            for column, value in ((I_YEAR, intake.academic_year), (I_PLACES, intake.places),
                                  (I_ENROLLED, intake.enrolled)):
                text = "" if value is None else value if isinstance(value, str) else formatting.format_number(value)
                self.intake_table.setItem(row, column, QTableWidgetItem(text))
        self.intake_table.blockSignals(False)
        self.plan.show_plan(d.semesters, d.equivalences, d.partners)
        self.show_messages(messages)
        self._loading = False

    def _show_partners(self) -> None:
        d = self.draft
        self.partner_table.setRowCount(len(d.partners))
        for row, partner in enumerate(d.partners):
            for column, text in ((P_NAME, partner.name), (P_COUNTRY, formatting.country_name(partner.country_code))):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                item.setToolTip(text)
                self.partner_table.setItem(row, column, item)
            role = QComboBox()
            for key, title in PARTNER_ROLE_TITLES.items():
                role.addItem(_(title), key.value)
            role.setCurrentIndex(max(0, role.findData(partner.role)))
            role.currentIndexChanged.connect(lambda _i, r=row, w=role: self._set_role(r, w.currentData()))
            self.partner_table.setCellWidget(row, P_ROLE, role)

    def show_title_problem(self, text: str | None) -> None:
        self.title_error.setText(text or "")
        self.title_error.setVisible(bool(text))

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
        lines = [ngettext("{credits} ECTS in {count} semester", "{credits} ECTS in {count} semesters",
                          len(d.semesters)).format(credits=formatting.format_number(d.credits),
                                                   count=formatting.format_number(len(d.semesters)))]
        for state in dict.fromkeys(p.country_code for p in d.partners if p.country_code):
            factor = self.conversions.get(state)
            if factor is not None:
                lines.append(_("{state}: {credits} national credits").format(
                    state=formatting.country_name(state),
                    credits=formatting.format_number(round(d.credits * factor, 2))))
        self.totals.setText("\n".join(lines))

    def rule_texts(self) -> list[str]:
        return [m.text for m in self.last_messages]

    # -- editing -------------------------------------------------------------------------------
    def _changed(self) -> None:
        if not self._loading:
            self.changed.emit()

    def _set(self, attribute: str, value) -> None:
        if self._loading or getattr(self.draft, attribute) == value:
            return
        setattr(self.draft, attribute, value)
        if attribute == "title":
            self.show_title_problem(None if value.strip() else _("The programme needs a title."))
        self._changed()

    def _title_changed(self, item: QTableWidgetItem) -> None:
        if self._loading or item.column() != 1:
            return
        code = self.title_table.item(item.row(), 0).data(Qt.ItemDataRole.UserRole)
        titles = dict(self.draft.titles)
        titles[code] = item.text().strip()
        self._set("titles", {k: v for k, v in titles.items() if v})

    def _set_role(self, row: int, role: str) -> None:
        if not self._loading and self.draft.partners[row].role != role:
            self.draft.partners[row].role = role
            self._changed()

    def add_partner(self) -> None:
        university_id = self.new_partner.currentData()
        if university_id is None or any(p.university_id == university_id for p in self.draft.partners):
            return
        from desktop_app.services import choices

        db = getattr(self.new_partner, "db", None)
        found = choices.universities(db, ids=[university_id]) if db is not None else []
        name, country = (found[0].label, found[0].country) if found else (self.new_partner.currentText(), "")
        self.draft.partners.append(PartnerDraft(university_id, self.new_role.currentData(), country, name))
        self.plan.partners = self.draft.partners
        self._refresh_plan()
        self._show_partners()
        self._changed()

    def remove_partner(self) -> None:
        row = self.partner_table.currentRow()
        if row < 0 or row >= len(self.draft.partners):
            return
        removed = self.draft.partners.pop(row).university_id
        for semester in self.draft.semesters:
            if semester.university_id == removed:
                semester.university_id = None
        self._refresh_plan()
        self._show_partners()
        self._changed()

    def add_intake(self) -> None:
        self.draft.intakes.append(IntakeDraft(""))
        self.show_draft(self.draft, self.last_messages)
        self.intake_table.setCurrentCell(len(self.draft.intakes) - 1, I_YEAR)
        self._changed()

    def remove_intake(self) -> None:
        row = self.intake_table.currentRow()
        if 0 <= row < len(self.draft.intakes):
            self.draft.intakes.pop(row)
            self.show_draft(self.draft, self.last_messages)
            self._changed()

    def _intake_changed(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        intake = self.draft.intakes[item.row()]
        text = item.text().strip()
        if item.column() == I_YEAR:
            intake.academic_year = text
        else:
            digits = "".join(ch for ch in text if ch.isdigit())
            setattr(intake, "places" if item.column() == I_PLACES else "enrolled", int(digits) if digits else None)
        self._changed()

    def _refresh_plan(self) -> None:
        self.plan.show_plan(self.draft.semesters, self.draft.equivalences, self.draft.partners)

    def _plan_edited(self, semesters, equivalences, _what) -> None:
        self.draft.semesters, self.draft.equivalences = copy.deepcopy(semesters), list(equivalences)
        self._refresh_plan()
        self._changed()
