"""The agreement editor: general facts, parties (universities, then organisations), the
strategic-partnership section, target indicators with a progress view, EWP cooperation conditions.
Validation messages appear next to their fields; the recommendations' warnings for strategic
partnerships are recomputed while the user types.

The editor writes nothing itself: ``save`` (given by the page) runs the undoable command; when the
service refuses, the message appears beside the field concerned and the editor stays open. Closing
with unsaved changes asks first, and the draft is journaled for recovery after a crash."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain import agreements as rules
from desktop_app.domain.agreements import (
    APPROACH_LABELS,
    KIND_LABELS,
    ROLE_LABELS,
    STATUS_LABELS,
    AgreementDraft,
    AgreementKind,
    IndicatorDraft,
    PartyDraft,
    PartyRole,
)
from desktop_app.domain.contract import Message
from desktop_app.domain.errors import ValidationError
from desktop_app.i18n import _, formatting
from desktop_app.ui.common.choosers import UniversityPicker
from desktop_app.ui.common.date_edit import DateEdit
from desktop_app.ui.common.form_dialog import FormDialog
from desktop_app.ui.common.record_widgets import field_error_label
from desktop_app.ui.core.language import Retranslatable

# Columns of the parties table and of the indicators table.
P_UNIVERSITY, P_ROLE, P_SIGNATORY, P_DATE = range(4)
I_NAME, I_UNIT, I_YEAR, I_TARGET, I_ACTUAL, I_PROGRESS = range(6)


class AgreementEditor(Retranslatable, FormDialog):
    area_key = "agreements"

    def __init__(self, db, save: Callable[[AgreementDraft], object], draft: AgreementDraft | None = None,
                 home_state: str = "", parent=None, record_id: int | None = None, is_new: bool | None = None):
        super().__init__(parent, record_id, db.url if db is not None else "")
        self.db = db
        self.save = save
        self.is_new = draft is None if is_new is None else is_new
        self.home_state = home_state
        self._countries: dict[int, str] = {}  # university id -> country, for the parties chosen
        self._conditions_complete = True
        self._kept_party_codes = {p.university_id: p.local_code for p in draft.parties} if draft else {}
        self.setObjectName("agreementDialog")
        self.resize(860, 620)

        self.tabs = QTabWidget()
        # --- general ---
        general = QWidget()
        form = QFormLayout(general)
        self.title = QLineEdit(objectName="title")
        self.reference = QLineEdit(objectName="reference")
        self.kind = QComboBox(objectName="kind")
        self.approach = QComboBox(objectName="approach")
        self.status = QComboBox(objectName="status")
        self.signing_date = DateEdit(optional=True)
        self.signing_date.setObjectName("signing_date")
        self.valid_from = DateEdit(optional=True)
        self.valid_from.setObjectName("valid_from")
        self.valid_to = DateEdit(optional=True)
        self.valid_to.setObjectName("valid_to")
        self.renewal = QPlainTextEdit(objectName="renewal_terms")
        self.renewal.setMaximumHeight(60)
        self.notes = QPlainTextEdit(objectName="notes")
        self.notes.setMaximumHeight(60)
        self.errors = {name: field_error_label() for name in (
            "title", "kind", "approach", "status", "signing_date", "valid_to", "parties", "indicators",
            "national_staff_percent", "foreign_staff_percent", "conditions")}
        self.labels: dict[str, QLabel] = {}

        def row(key: str, widget: QWidget, layout: QFormLayout = form) -> None:
            box = QWidget()
            inner = QVBoxLayout(box)
            inner.setContentsMargins(0, 0, 0, 0)
            inner.addWidget(widget)
            if key in self.errors:
                inner.addWidget(self.errors[key])
            self.labels[key] = QLabel()
            layout.addRow(self.labels[key], box)

        for key, widget in (("title", self.title), ("reference", self.reference), ("kind", self.kind),
                            ("approach", self.approach), ("status", self.status),
                            ("signing_date", self.signing_date), ("valid_from", self.valid_from),
                            ("valid_to", self.valid_to), ("renewal_terms", self.renewal), ("notes", self.notes)):
            row(key, widget)
        self.tabs.addTab(general, "")

        # --- parties ---
        parties = QWidget()
        box = QVBoxLayout(parties)
        self.parties = QTableWidget(0, 4, objectName="parties")
        self.parties.horizontalHeader().setSectionResizeMode(P_UNIVERSITY, QHeaderView.ResizeMode.Stretch)
        for column, width in ((P_ROLE, 180), (P_SIGNATORY, 170), (P_DATE, 150)):
            self.parties.horizontalHeader().resizeSection(column, width)
        self.parties.verticalHeader().hide()
        self.add_party = QPushButton(objectName="addParty")
        self.remove_party = QPushButton(objectName="removeParty")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_party)
        buttons.addWidget(self.remove_party)
        buttons.addStretch(1)
        box.addWidget(self.parties)
        box.addWidget(self.errors["parties"])
        box.addLayout(buttons)
        from desktop_app.ui.agreements.organisation_parties import OrganisationPartiesEditor

        self.organisation_parties = OrganisationPartiesEditor(db)
        self.errors["organisation_parties"] = self.organisation_parties.error
        box.addWidget(self.organisation_parties)
        self.tabs.addTab(parties, "")

        # --- strategic partnership ---
        strategic = QWidget()
        sform = QFormLayout(strategic)
        self.national_staff = QDoubleSpinBox(objectName="national_staff_percent")
        self.foreign_staff = QDoubleSpinBox(objectName="foreign_staff_percent")
        for spin in (self.national_staff, self.foreign_staff):
            spin.setRange(-1, 100)
            spin.setSpecialValueText("—")  # -1 shows as "not given"
            spin.setValue(-1)
            spin.setSuffix(" %")
        self.funding = QPlainTextEdit(objectName="funding_sources")
        self.funding.setMaximumHeight(70)
        row("national_staff_percent", self.national_staff, sform)
        row("foreign_staff_percent", self.foreign_staff, sform)
        row("funding_sources", self.funding, sform)
        self.tabs.addTab(strategic, "")

        # --- indicators ---
        indicators = QWidget()
        ibox = QVBoxLayout(indicators)
        self.indicators = QTableWidget(0, 6, objectName="indicators")
        self.indicators.horizontalHeader().setSectionResizeMode(I_NAME, QHeaderView.ResizeMode.Stretch)
        self.indicators.verticalHeader().hide()
        self.add_indicator = QPushButton(objectName="addIndicator")
        self.remove_indicator = QPushButton(objectName="removeIndicator")
        ibuttons = QHBoxLayout()
        ibuttons.addWidget(self.add_indicator)
        ibuttons.addWidget(self.remove_indicator)
        ibuttons.addStretch(1)
        ibox.addWidget(self.indicators)
        ibox.addWidget(self.errors["indicators"])
        ibox.addLayout(ibuttons)
        self.tabs.addTab(indicators, "")

        # --- EWP cooperation conditions ---
        from desktop_app.ui.agreements.conditions_table import ConditionsEditor

        self.conditions = ConditionsEditor()
        conditions_page = QWidget()
        cbox = QVBoxLayout(conditions_page)
        cbox.setContentsMargins(0, 0, 0, 0)
        cbox.addWidget(self.conditions)
        cbox.addWidget(self.errors["conditions"])
        self.tabs.addTab(conditions_page, "")

        # --- warnings and buttons ---
        self.warnings_heading = QLabel(objectName="warningsHeading")
        self.warnings = QLabel(objectName="warnings")
        self.warnings.setProperty("role", "warning")
        self.warnings.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.warnings_heading)
        layout.addWidget(self.warnings)
        layout.addWidget(self.buttons)

        self._warn_timer = QTimer(self, singleShot=True, interval=150)
        self._warn_timer.timeout.connect(self.update_warnings)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        self.add_party.clicked.connect(lambda: self.append_party(PartyDraft(0)))
        self.remove_party.clicked.connect(lambda: self._remove_current(self.parties))
        self.add_indicator.clicked.connect(
            lambda: self.append_indicator(IndicatorDraft("", dt.date.today().year, 0)))
        self.remove_indicator.clicked.connect(lambda: self._remove_current(self.indicators))
        self.retranslate()
        self.load(draft)
        for signal in (self.title.textChanged, self.kind.currentIndexChanged, self.approach.currentIndexChanged,
                       self.status.currentIndexChanged, self.signing_date.changed, self.valid_from.changed,
                       self.valid_to.changed, self.national_staff.valueChanged, self.foreign_staff.valueChanged,
                       self.funding.textChanged):
            signal.connect(self.schedule_warnings)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.update_warnings()
        self.start_tracking()

    # --- texts ---------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(_("New agreement") if self.is_new else _("Edit agreement"))
        for key, text in (("title", _("&Title")), ("reference", _("&Reference")), ("kind", _("&Kind")),
                          ("approach", _("&Approach")), ("status", _("&Status")),
                          ("signing_date", _("Signing date")), ("valid_from", _("Valid from")),
                          ("valid_to", _("Valid to")), ("renewal_terms", _("Renewal terms")), ("notes", _("Notes")),
                          ("national_staff_percent", _("National staff")),
                          ("foreign_staff_percent", _("Foreign staff")), ("funding_sources", _("Funding sources"))):
            self.labels[key].setText(text)
        self.labels["title"].setBuddy(self.title)
        self.labels["reference"].setBuddy(self.reference)
        self.labels["kind"].setBuddy(self.kind)
        self.labels["approach"].setBuddy(self.approach)
        self.labels["status"].setBuddy(self.status)
        for index, text in enumerate((_("General"), _("Parties"), _("Strategic partnership"), _("Target indicators"),
                                      _("Cooperation conditions (EWP)"))):
            self.tabs.setTabText(index, text)
        if hasattr(self, "conditions"):
            self.conditions.retranslate()
            self.organisation_parties.retranslate()
        self._fill_combo(self.kind, [(k, _(v)) for k, v in KIND_LABELS.items()])
        self._fill_combo(self.approach, [("", _("— not a strategic partnership —"))] +
                         [(k, _(v)) for k, v in APPROACH_LABELS.items()])
        self._fill_combo(self.status, [(k, _(v)) for k, v in STATUS_LABELS.items()])
        self.parties.setHorizontalHeaderLabels([_("University"), _("Role"), _("Signatory"), _("Signing date")])
        self.indicators.setHorizontalHeaderLabels([_("Indicator"), _("Unit"), _("Year"), _("Target"), _("Actual"),
                                                   _("Progress")])
        self.add_party.setText(_("Add party"))
        self.remove_party.setText(_("Remove party"))
        self.add_indicator.setText(_("Add indicator"))
        self.remove_indicator.setText(_("Remove indicator"))
        self.warnings_heading.setText(_("Recommendations for strategic partnerships"))
        for r in range(self.parties.rowCount()):
            combo = self.parties.cellWidget(r, P_ROLE)
            self._fill_combo(combo, [(k, _(v)) for k, v in ROLE_LABELS.items()])
            self.parties.cellWidget(r, P_UNIVERSITY).retranslate()  # country names in the new language
        for r in range(self.indicators.rowCount()):
            cell = self.indicators.cellWidget
            self._show_progress(cell(r, I_PROGRESS), cell(r, I_TARGET), cell(r, I_ACTUAL))
        if hasattr(self, "_warn_timer"):
            self._parties_changed()
            self.update_warnings()

    @staticmethod
    def _fill_combo(combo: QComboBox, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for key, text in items:
            combo.addItem(text, key)
        if current is not None:
            index = combo.findData(current)
            if index >= 0:
                combo.setCurrentIndex(index)
        combo.blockSignals(False)

    @staticmethod
    def _select(combo: QComboBox, key) -> None:
        index = combo.findData(key)
        if index >= 0:
            combo.setCurrentIndex(index)

    # --- rows ------------------------------------------------------------------------------------
    def append_party(self, party: PartyDraft) -> int:
        r = self.parties.rowCount()
        self.parties.insertRow(r)
        university = UniversityPicker(self.db)
        if party.university_id:
            university.select(party.university_id)
            self._kept_party_codes.setdefault(party.university_id, party.local_code)
        else:
            university.setCurrentIndex(-1)  # a new party: nothing chosen yet
        role = QComboBox()
        self._fill_combo(role, [(k, _(v)) for k, v in ROLE_LABELS.items()])
        self._select(role, party.role)
        signatory = QLineEdit(party.signatory)
        date = DateEdit(party.signing_date, optional=True, system="gregorian")
        self.parties.setCellWidget(r, P_UNIVERSITY, university)
        self.parties.setCellWidget(r, P_ROLE, role)
        self.parties.setCellWidget(r, P_SIGNATORY, signatory)
        self.parties.setCellWidget(r, P_DATE, date)

        def university_chosen(_index: int) -> None:
            # A university of the coordinator's own state is the national partner, any other foreign.
            country = self._country_of(university.value())
            if self.home_state and country and role.currentData() in (PartyRole.MEMBER, PartyRole.NATIONAL,
                                                                      PartyRole.FOREIGN):
                self._select(role, PartyRole.NATIONAL if country == self.home_state else PartyRole.FOREIGN)
            self._parties_changed()
            self.schedule_warnings()

        university.currentIndexChanged.connect(university_chosen)
        role.currentIndexChanged.connect(self.schedule_warnings)
        self.parties.resizeRowsToContents()
        self.schedule_warnings()
        return r

    def append_indicator(self, indicator: IndicatorDraft) -> int:
        r = self.indicators.rowCount()
        self.indicators.insertRow(r)
        name = QLineEdit(indicator.name)
        unit = QLineEdit(indicator.unit)
        year = QSpinBox()
        year.setRange(2000, 2100)
        year.setValue(indicator.year)
        target = QDoubleSpinBox()
        target.setRange(0, 1_000_000)
        target.setValue(indicator.target)
        actual = QDoubleSpinBox()
        actual.setRange(-1, 1_000_000)
        actual.setSpecialValueText("—")
        actual.setValue(-1 if indicator.actual is None else indicator.actual)
        bar = QProgressBar()
        bar.setRange(0, 100)
        for column, widget in ((I_NAME, name), (I_UNIT, unit), (I_YEAR, year), (I_TARGET, target),
                               (I_ACTUAL, actual), (I_PROGRESS, bar)):
            self.indicators.setCellWidget(r, column, widget)
        target.valueChanged.connect(lambda _v, b=bar, t=target, a=actual: self._show_progress(b, t, a))
        actual.valueChanged.connect(lambda _v, b=bar, t=target, a=actual: self._show_progress(b, t, a))
        self._show_progress(bar, target, actual)
        return r

    @staticmethod
    def _show_progress(bar: QProgressBar, target: QDoubleSpinBox, actual: QDoubleSpinBox) -> None:
        progress = rules.indicator_progress(target.value(), None if actual.value() < 0 else actual.value())
        if progress is None:
            bar.setValue(0)
            bar.setFormat(_("not reported"))
        else:
            bar.setValue(min(100, round(progress * 100)))
            bar.setFormat(formatting.format_percent(progress))

    def _remove_current(self, table: QTableWidget) -> None:
        r = table.currentRow()
        if r < 0:
            r = table.rowCount() - 1
        if r >= 0:
            table.removeRow(r)
            self._parties_changed()
            self.schedule_warnings()

    def _country_of(self, university_id: int | None) -> str | None:
        if university_id is None:
            return None
        if university_id not in self._countries:
            from desktop_app.services import choices

            found = choices.universities(self.db, ids=[university_id])
            self._countries[university_id] = found[0].country if found else ""
        return self._countries[university_id]

    def _parties_changed(self) -> None:
        """The conditions tab offers the universities currently chosen as parties."""
        chosen = []
        for r in range(self.parties.rowCount()):
            picker = self.parties.cellWidget(r, P_UNIVERSITY)
            if picker.value() is not None:
                chosen.append((picker.value(), picker.currentText()))
        self.conditions.set_parties(chosen)

    # --- the draft -------------------------------------------------------------------------------
    def load(self, draft: AgreementDraft | None) -> None:
        if draft is None:
            self._select(self.kind, AgreementKind.BILATERAL)
            return
        self.title.setText(draft.title)
        self.reference.setText(draft.reference)
        self._select(self.kind, draft.kind)
        self._select(self.approach, draft.approach or "")
        self._select(self.status, draft.status)
        self.signing_date.set_value(draft.signing_date)
        self.valid_from.set_value(draft.valid_from)
        self.valid_to.set_value(draft.valid_to)
        self.renewal.setPlainText(draft.renewal_terms)
        self.notes.setPlainText(draft.notes)
        self.national_staff.setValue(-1 if draft.national_staff_percent is None else draft.national_staff_percent)
        self.foreign_staff.setValue(-1 if draft.foreign_staff_percent is None else draft.foreign_staff_percent)
        self.funding.setPlainText(draft.funding_sources)
        for party in draft.parties:
            self.append_party(party)
        self.organisation_parties.load(draft.organisation_parties)
        for indicator in draft.indicators:
            self.append_indicator(indicator)
        self._parties_changed()
        for condition in draft.conditions:
            self.conditions.append(condition, draft.parties[condition.sending_index].university_id,
                                   draft.parties[condition.receiving_index].university_id)

    def draft(self) -> AgreementDraft:
        parties = []
        for r in range(self.parties.rowCount()):
            university_id = self.parties.cellWidget(r, P_UNIVERSITY).value()
            if university_id is None:
                continue
            parties.append(PartyDraft(
                university_id, self.parties.cellWidget(r, P_ROLE).currentData(),
                self.parties.cellWidget(r, P_SIGNATORY).text().strip(), self.parties.cellWidget(r, P_DATE).value(),
                self._kept_party_codes.get(university_id, "")))
        indicators = []
        for r in range(self.indicators.rowCount()):
            cell = self.indicators.cellWidget
            actual = cell(r, I_ACTUAL).value()
            indicators.append(IndicatorDraft(cell(r, I_NAME).text(), cell(r, I_YEAR).value(),
                                             cell(r, I_TARGET).value(), None if actual < 0 else actual,
                                             cell(r, I_UNIT).text().strip()))
        national, foreign = self.national_staff.value(), self.foreign_staff.value()
        conditions, self._conditions_complete = self.conditions.conditions([p.university_id for p in parties])
        return AgreementDraft(
            title=self.title.text(), kind=self.kind.currentData(), status=self.status.currentData(),
            reference=self.reference.text(), approach=self.approach.currentData() or None,
            signing_date=self.signing_date.value(), valid_from=self.valid_from.value(),
            valid_to=self.valid_to.value(), renewal_terms=self.renewal.toPlainText(),
            national_staff_percent=None if national < 0 else national,
            foreign_staff_percent=None if foreign < 0 else foreign,
            funding_sources=self.funding.toPlainText(), notes=self.notes.toPlainText(),
            parties=parties, indicators=indicators, conditions=conditions,
            organisation_parties=self.organisation_parties.parties())

    # --- checks ----------------------------------------------------------------------------------
    def _kind_changed(self) -> None:
        strategic = self.kind.currentData() == AgreementKind.STRATEGIC
        self.approach.setEnabled(strategic)
        self.tabs.setTabEnabled(2, strategic)
        self.warnings_heading.setVisible(strategic)
        self.warnings.setVisible(strategic)

    def schedule_warnings(self, *_args) -> None:
        self._warn_timer.start()

    def current_warnings(self) -> list[str]:
        from desktop_app.services.agreements import partnership_warnings

        return partnership_warnings(self.db, self.draft())

    def update_warnings(self) -> None:
        warnings = self.current_warnings()
        self.warnings.setText("\n".join(f"⚠ {w}" for w in warnings) if warnings else
                              _("The partnership follows the recommendations."))

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, label in self.errors.items():
            label.setText(errors.get(key, ""))
            label.setVisible(key in errors)
        if errors:
            first = next(iter(errors))
            page = {"parties": 1, "organisation_parties": 1, "national_staff_percent": 2,
                    "foreign_staff_percent": 2, "indicators": 3, "conditions": 4}
            self.tabs.setCurrentIndex(page.get(first, 0))

    # --- FormDialog ------------------------------------------------------------------------------
    def show_problems(self, problems: dict[str, str]) -> None:
        known = {key: text for key, text in problems.items() if key in self.errors}
        rest = [text for key, text in problems.items() if key not in self.errors]
        if rest:  # a refusal not tied to one field (the record was deleted meanwhile): under the title
            known["title"] = "\n".join([*rest, known.get("title", "")]).strip()
        self.show_errors(known)

    def journal_title(self) -> str:
        return self.title.text().strip() or self.windowTitle()

    def save_draft(self, draft: AgreementDraft) -> None:
        problems = rules.validation_errors(draft)
        if not self._conditions_complete:
            problems["conditions"] = Message("Every cooperation condition needs two different parties: a sending "
                                             "and a receiving university.")
        if problems:
            raise ValidationError(problems)
        self.save(draft)

