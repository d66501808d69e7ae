"""The Evaluations tab: the evaluation cycles of the joint programmes (self-evaluation, the independent audit
by an agency or an expert panel, findings, recommendations with their owner, deadline and follow-up), by
programme and stage; a cycle with a recommendation past its deadline is red, and a list of the pending
recommendations, overdue first, sits below."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
)

from desktop_app.domain.quality import (
    EVALUATION_STATUS_LABELS,
    FINDING_KIND_LABELS,
    FOLLOW_UP_LABELS,
    REVIEWER_LABELS,
    EvaluationDraft,
    FindingDraft,
    RecommendationDraft,
)
from desktop_app.i18n import _, formatting, ngettext
from desktop_app.services import curricula, evaluations
from desktop_app.ui.common.choosers import OrganisationPicker
from desktop_app.ui.common.date_edit import DateEdit
from desktop_app.ui.common.field_form import FieldFormDialog
from desktop_app.ui.mobility.dialogs import fill_combo, select_data
from desktop_app.ui.quality.common import RecordTab, cell, refill, small_table
from desktop_app.ui.quality.models import EV_PROGRAMME, EV_TITLE, OVERDUE, EvaluationTableModel, label
from desktop_app.ui.quality.rows import CHOICE, DATE, TEXT, RowsTable, date_or_none


def _choices(labels: dict):
    return lambda: [(key, _(text)) for key, text in labels.items()]


def programme_items(db) -> list[tuple[int, str]]:
    return [(choice.id, choice.label) for choice in curricula.choices(db)] if db is not None else []


class EvaluationEditor(FieldFormDialog):
    area_key = "quality"

    def __init__(self, db, draft: EvaluationDraft | None, save, parent=None, record_id: int | None = None,
                 database: str = "", today: dt.date | None = None):
        super().__init__(save, evaluations.validate, parent, record_id, database)
        self.setObjectName("evaluationEditor")
        self.db = db
        self.is_new = record_id is None
        self.programme = QComboBox(objectName="evaluationProgramme")
        self.year = QSpinBox(objectName="evaluationYear")
        self.year.setRange(1990, 2100)
        self.year.setValue((today or dt.date.today()).year)
        self.title = QLineEdit(objectName="evaluationTitle")
        self.status = QComboBox(objectName="evaluationStatus")
        self.self_evaluation_on = DateEdit(None, optional=True)
        self.reviewer = QComboBox(objectName="evaluationReviewer")
        self.agency = OrganisationPicker(db, allow_none=True)
        self.agency.setObjectName("evaluationAgency")
        self.expert_panel = QLineEdit(objectName="evaluationPanel")
        self.site_visit_on = DateEdit(None, optional=True)
        self.report_on = DateEdit(None, optional=True)
        self.summary = QPlainTextEdit(objectName="evaluationSummary")
        self.summary.setMaximumHeight(70)
        self.findings = RowsTable("findings", [(CHOICE, _choices(FINDING_KIND_LABELS)), (TEXT, list)])
        self.findings.stretch(1)
        self.recommendations = RowsTable("recommendations", [
            (TEXT, list), (TEXT, list), (DATE, list), (CHOICE, _choices(FOLLOW_UP_LABELS)), (TEXT, list)])
        self.recommendations.stretch(0, 4)
        for key, widget in (("programme_id", self.programme), ("year", self.year), ("title", self.title),
                            ("status", self.status), ("self_evaluation_on", self.self_evaluation_on),
                            ("reviewer", self.reviewer), ("agency_id", self.agency),
                            ("expert_panel", self.expert_panel),
                            ("site_visit_on", self.site_visit_on), ("report_on", self.report_on),
                            ("summary", self.summary), ("findings", self.findings),
                            ("recommendations", self.recommendations)):
            self.add_row(key, widget)
        self.retranslate()
        if draft is not None:
            select_data(self.programme, draft.programme_id)
            self.year.setValue(int(draft.year))
            self.title.setText(draft.title)
            select_data(self.status, draft.status)
            self.self_evaluation_on.set_value(draft.self_evaluation_on)
            select_data(self.reviewer, draft.reviewer)
            self.agency.select(draft.agency_id)
            self.expert_panel.setText(draft.expert_panel)
            self.site_visit_on.set_value(draft.site_visit_on)
            self.report_on.set_value(draft.report_on)
            self.summary.setPlainText(draft.summary)
            for finding in draft.findings:
                self.findings.add_row([finding.kind, finding.text])
            for item in draft.recommendations:
                self.recommendations.add_row([item.text, item.owner, item.deadline, item.status, item.follow_up],
                                             key=item.uuid)
        self.resize(900, 760)
        self.start_tracking()

    def retranslate(self) -> None:
        self.setWindowTitle(_("New evaluation") if self.is_new else _("Edit evaluation"))
        fill_combo(self.programme, programme_items(self.db), self.programme.currentData())
        fill_combo(self.status, [(key, _(text)) for key, text in EVALUATION_STATUS_LABELS.items()],
                   self.status.currentData())
        fill_combo(self.reviewer, [(key, _(text)) for key, text in REVIEWER_LABELS.items()],
                   self.reviewer.currentData())
        self.agency.retranslate()
        self.expert_panel.setPlaceholderText(_("The experts of the panel, when a panel carries out the audit"))
        self.set_labels({"programme_id": _("&Programme"), "year": _("&Year"), "title": _("&Title"),
                         "status": _("&Stage"), "self_evaluation_on": _("Self-evaluation report"),
                         "reviewer": _("Independent audit by"), "agency_id": _("Agency"),
                         "expert_panel": _("Expert panel"),
                         "site_visit_on": _("Site visit"), "report_on": _("Audit report"),
                         "summary": _("Summary"), "findings": _("Findings"),
                         "recommendations": _("Recommendations")})
        self.findings.set_texts([_("Kind"), _("Finding")], _("Add finding"), _("Remove finding"))
        self.recommendations.set_texts([_("Recommendation"), _("Owner"), _("Deadline"), _("Status"),
                                        _("Follow-up and evidence")], _("Add recommendation"),
                                       _("Remove recommendation"))

    def draft(self) -> EvaluationDraft:
        return EvaluationDraft(
            self.programme.currentData(), self.year.value(), self.title.text().strip(), self.status.currentData(),
            self.self_evaluation_on.value(), self.reviewer.currentData(), self.agency.value(),
            self.expert_panel.text().strip(), self.site_visit_on.value(), self.report_on.value(),
            self.summary.toPlainText().strip(),
            [FindingDraft(values[1], values[0]) for _key, values in self.findings.rows()],
            [RecommendationDraft(values[0], values[1], date_or_none(values[2]), values[3], values[4], key)
             for key, values in self.recommendations.rows()])

    def journal_title(self) -> str:
        return self.title.text().strip() or self.programme.currentText()


class EvaluationsTab(RecordTab):
    service = evaluations
    draft_class = EvaluationDraft
    stretch_columns = (EV_PROGRAMME, EV_TITLE)
    (R_DEADLINE, R_TEXT, R_OWNER, R_STATUS, R_PROGRAMME) = range(5)

    def __init__(self, page, parent=None):
        super().__init__(page, EvaluationTableModel(None, page.today), "evaluations", parent)
        self.programme = self.add_filter_combo("evaluationProgrammeFilter")
        self.status = self.add_filter_combo("evaluationStatusFilter")
        self.pending_label = QLabel(objectName="pendingRecommendationsLabel")
        self.pending_label.setWordWrap(True)
        self.pending = small_table("pendingRecommendations", 5, self.R_TEXT, 170)
        self.layout().addWidget(self.pending_label)
        self.layout().addWidget(self.pending)

    def empty_text(self) -> str:
        return _("No evaluation yet. Record a joint programme's evaluation cycle: its self-evaluation, the "
                 "independent audit, the findings and the recommendations to follow up.")

    def new_text(self) -> str:
        return _("&New evaluation…")

    def count_text(self, total: int) -> str:
        return ngettext("{count} evaluation", "{count} evaluations", total).format(
            count=formatting.format_number(total))

    def refill_filters(self) -> None:
        refill(self.programme, _("All joint programmes"), programme_items(self.page.context.db))
        refill(self.status, _("All statuses"), [(key, _(text)) for key, text in EVALUATION_STATUS_LABELS.items()])
        self.pending.setHorizontalHeaderLabels([_("Deadline"), _("Recommendation"), _("Owner"), _("Status"),
                                                _("Programme")])
        self.fill_pending()

    def query(self):
        return replace(self.model.query, search=self.search.text(), programme_id=self.programme.currentData(),
                       status=self.status.currentData(), today=self.page.today)

    def draft_title(self, draft) -> str:
        return draft.title or _("evaluation {year}").format(year=draft.year)

    def name_of(self, row) -> str:
        return row.title or row.programme_in()

    def delete_question(self, name: str) -> tuple[str, str]:
        return _("Delete evaluation"), _("Delete the evaluation “{title}” with its findings and recommendations? "
                                         "You can undo this with Edit ▸ Undo.").format(title=name)

    def make_editor(self, db, draft, save, record_id):
        return EvaluationEditor(db, draft, save, self, record_id, db.url, self.page.today)

    def fill_pending(self) -> None:
        """The recommendations still to be acted on, overdue first: what a coordinator chases."""
        db = self.page.context.db
        rows = evaluations.recommendations(db, self.programme.currentData(), pending_only=True,
                                           today=self.page.day()) if db is not None else []
        titles = dict(programme_items(db)) if rows else {}
        self.pending.setRowCount(len(rows))
        for index, row in enumerate(rows):
            deadline = formatting.format_date(row.deadline) if row.deadline else ""
            texts = [_("{date} — overdue").format(date=deadline) if row.overdue else deadline, row.text, row.owner,
                     label(FOLLOW_UP_LABELS, row.status), titles.get(row.programme_id, "")]
            for column, text in enumerate(texts):
                item = cell(text)
                if row.overdue:
                    item.setForeground(QBrush(OVERDUE))
                self.pending.setItem(index, column, item)
        overdue = sum(1 for row in rows if row.overdue)
        self.pending_label.setText(ngettext(
            "{count} recommendation still to be acted on, {overdue} of them past its deadline.",
            "{count} recommendations still to be acted on, {overdue} of them past their deadline.",
            len(rows)).format(count=formatting.format_number(len(rows)), overdue=formatting.format_number(overdue)))

    def apply_filters(self) -> None:
        super().apply_filters()
        self.fill_pending()

    def reload(self) -> None:
        super().reload()
        self.fill_pending()
