"""Programme quality report: for one joint programme (or each), its evaluation cycles and where they stand,
its accreditations, the feedback of students, graduates and employers (the mean score of each question and
the response rate, with charts, and the free-text answers) and its indicators against their targets.

Feedback carries no respondent's identity: responses store none, free-text answers are listed in the
reader's alphabetical order (never in the order of the file they came from), and an expert panel's members
are named only when the user includes personal data.
"""

from __future__ import annotations

from desktop_app.domain.quality import (
    ACCREDITATION_LABELS,
    DECISION_LABELS,
    EVALUATION_STATUS_LABELS,
    FINDING_KIND_LABELS,
    FOLLOW_UP_LABELS,
    INDICATOR_LABELS,
    PERCENT_INDICATORS,
    REVIEWER_LABELS,
    is_overdue,
)
from desktop_app.domain.surveys import AUDIENCE_LABELS, SCALE_MAX, SCALE_MIN, QuestionKind
from desktop_app.i18n import N_
from desktop_app.i18n.formatting import format_date, format_percent
from desktop_app.reports.kinds.agreement_register import label
from desktop_app.reports.kinds.common import new_document, number, university_names
from desktop_app.reports.model import Chart, Column, Document, Heading, KeyValues, Table, Text
from desktop_app.reports.registry import ReportContext, ReportKind
from desktop_app.services import curricula, evaluations, programme_accreditations, programme_indicators
from desktop_app.services.survey_results import SurveyResult, survey_results


def _date(ctx: ReportContext, value) -> str:
    return format_date(value, "medium", ctx.options.lang) if value else "—"


def _mean(ctx: ReportContext, value: float | None) -> str:
    return number(ctx, round(value, 2)) if value is not None else "—"


def gather(ctx: ReportContext) -> Document:
    _ = ctx._
    lang = ctx.options.lang
    if ctx.options.programme_id is not None:
        record = curricula.get(ctx.db, ctx.options.programme_id)
        programmes = [(record.id, record.draft.titles.get(lang) or record.draft.title)]
    else:
        programmes = [(row.id, row.title_in(lang)) for row in curricula.iterate(ctx.db)]
    document = new_document(ctx, _("Programme quality report"), programmes[0][1] if len(programmes) == 1 else
                            ctx.tr.ngettext("{count} joint programme", "{count} joint programmes",
                                            len(programmes)).format(count=number(ctx, len(programmes))))
    document.table_of_contents = len(programmes) > 1
    document.add(Text(_("Feedback is given as figures and as free-text answers listed alphabetically; no "
                        "respondent's identity is recorded or shown."), style="note"))
    sheets = _Sheets(ctx)
    for done, (programme_id, title) in enumerate(programmes):
        ctx.progress.report(done, len(programmes), title)
        ctx.progress.check_cancelled()
        document.add(Heading(title))
        _evaluations(ctx, document, sheets, programme_id, title)
        _accreditations(ctx, document, sheets, programme_id, title)
        _feedback(ctx, document, sheets, survey_results(ctx.db, programme_id=programme_id, lang=lang), title)
        _indicators(ctx, document, sheets, programme_id, title)
    if not programmes:
        document.add(Text(_("No joint programme is recorded yet."), style="note"))
    document.sheet_only.extend(sheets.tables())
    return document


class _Sheets:
    """The XLSX and CSV outputs: one sheet per subject, a row per item of every programme."""

    def __init__(self, ctx: ReportContext):
        _ = ctx._
        self.ctx = ctx
        self.columns = {
            "evaluations": [_("Programme"), _("Year"), _("Stage"), _("Independent audit by"), _("Report"),
                            _("Recommendations"), _("Open"), _("Overdue")],
            "recommendations": [_("Programme"), _("Year"), _("Recommendation"), _("Owner"), _("Deadline"),
                                _("Follow-up"), _("Overdue")],
            "accreditations": [_("Programme"), _("Label"), _("Decision"), _("Decided on"), _("Valid from"),
                               _("Valid until"), _("Conditions")],
            "feedback": [_("Programme"), _("Survey"), _("Asked"), _("Academic year"), _("Partner"), _("Invited"),
                         _("Responses"), _("Response rate"), _("Question"), _("Wording"), _("Answers"),
                         _("Mean"), *[str(score) for score in range(SCALE_MIN, SCALE_MAX + 1)]],
            "comments": [_("Programme"), _("Survey"), _("Question"), _("Answer")],
            "indicators": [_("Programme"), _("Academic year"), _("Indicator"), _("Target"), _("Actual"),
                           _("Share of target"), _("Target met")],
        }
        self.titles = {"evaluations": _("Evaluations"), "recommendations": _("Recommendations"),
                       "accreditations": _("Accreditations"), "feedback": _("Feedback"),
                       "comments": _("Free-text answers"), "indicators": _("Indicators")}
        self.rows: dict[str, list[list]] = {key: [] for key in self.columns}

    def add(self, key: str, row: list) -> None:
        self.rows[key].append(row)

    def tables(self) -> list[Table]:
        return [Table(self.titles[key], [Column(title) for title in columns], [], self.rows[key],
                      sheet=self.titles[key]) for key, columns in self.columns.items()]


def _organisation_name(ctx: ReportContext, organisation_id: int | None) -> str:
    """The organisation's name in the report's language ("" for none)."""
    if organisation_id is None:
        return ""
    from desktop_app.services import organisations

    found = organisations.choices(ctx.db, ids=[organisation_id], lang=ctx.options.lang)
    return found[0].label if found else ""


def _evaluations(ctx: ReportContext, document: Document, sheets: _Sheets, programme_id: int, title: str) -> None:
    _ = ctx._
    today = ctx.options.today
    rows = list(evaluations.iterate(ctx.db, evaluations.EvaluationQuery(programme_id=programme_id, today=today)))
    document.add(Heading(_("Evaluation"), 2))
    if not rows:
        document.add(Text(_("No evaluation cycle is recorded."), style="note"))
        return
    for row in rows:
        draft = evaluations.get(ctx.db, row.id).draft
        reviewer = label(ctx, REVIEWER_LABELS, draft.reviewer)
        agency = _organisation_name(ctx, draft.agency_id)
        if agency:
            reviewer = _("{label}: {detail}").format(label=reviewer, detail=agency)
        items = [(_("Cycle"), f"{row.year}" + (f" — {draft.title}" if draft.title else "")),
                 (_("Stage"), label(ctx, EVALUATION_STATUS_LABELS, draft.status)),
                 (_("Self-evaluation report"), _date(ctx, draft.self_evaluation_on)),
                 (_("Independent audit by"), reviewer),
                 (_("Site visit"), _date(ctx, draft.site_visit_on)),
                 (_("Audit report"), _date(ctx, draft.report_on))]
        if ctx.options.include_personal_data and draft.expert_panel:
            items.append((_("Expert panel"), draft.expert_panel))
        if draft.summary:
            items.append((_("Summary"), draft.summary))
        document.add(KeyValues(items))
        sheets.add("evaluations", [title, row.year, label(ctx, EVALUATION_STATUS_LABELS, draft.status), reviewer,
                                   draft.report_on, row.recommendations, row.open_recommendations,
                                   row.overdue_recommendations])
        if draft.findings:
            document.add(Table(_("Findings"), [Column(_("Finding"), 4), Column(_("Kind"), 1)],
                               [[f.text, label(ctx, FINDING_KIND_LABELS, f.kind)] for f in draft.findings],
                               in_sheets=False))
        recommendations = sorted(draft.recommendations, key=lambda r: (
            not is_overdue(r.status, r.deadline, today), r.deadline or today.max))
        if recommendations:
            overdue = frozenset(i for i, r in enumerate(recommendations) if is_overdue(r.status, r.deadline, today))
            shown = []
            for r in recommendations:
                status = label(ctx, FOLLOW_UP_LABELS, r.status)
                if is_overdue(r.status, r.deadline, today):
                    status = _("{status} — overdue").format(status=status)
                shown.append([r.text, r.owner or "—", _date(ctx, r.deadline), status])
                sheets.add("recommendations", [title, row.year, r.text, r.owner, r.deadline,
                                               label(ctx, FOLLOW_UP_LABELS, r.status),
                                               _("yes") if is_overdue(r.status, r.deadline, today) else _("no")])
            document.add(Table(_("Recommendations and their follow-up"),
                               [Column(_("Recommendation"), 3.4), Column(_("Owner"), 1.6), Column(_("Deadline"), 1),
                                Column(_("Follow-up"), 1.2)], shown, highlight=overdue, in_sheets=False))


def _accreditations(ctx: ReportContext, document: Document, sheets: _Sheets, programme_id: int, title: str) -> None:
    _ = ctx._
    rows = programme_accreditations.current_for(ctx.db, programme_id, ctx.options.today)
    document.add(Heading(_("Accreditation"), 2))
    if not rows:
        document.add(Text(_("No accreditation is recorded."), style="note"))
        return
    horizon = ctx.options.expiry_horizon_days
    shown, expiring = [], set()
    for index, row in enumerate(rows):
        name = label(ctx, ACCREDITATION_LABELS, row.label)
        if row.label_detail:
            name = _("{label}: {detail}").format(label=name, detail=row.label_detail)
        draft = programme_accreditations.get(ctx.db, row.id).draft
        agency = _organisation_name(ctx, draft.agency_id)
        if agency:
            name = _("{label}: {detail}").format(label=name, detail=agency)
        decision = label(ctx, DECISION_LABELS, row.decision)
        if row.expiring and row.days_left is not None and row.days_left <= horizon:
            expiring.add(index)
        shown.append([name, decision, _date(ctx, row.valid_from), _date(ctx, row.valid_to),
                      draft.conditions or draft.notes or "—"])
        sheets.add("accreditations", [title, name, decision, row.decided_on, row.valid_from, row.valid_to,
                                      draft.conditions])
    document.add(Table(_("Accreditations"), [Column(_("Label"), 2), Column(_("Decision"), 1.4),
                                             Column(_("Valid from"), 1), Column(_("Valid until"), 1),
                                             Column(_("Conditions and notes"), 2.4)], shown,
                       highlight=frozenset(expiring), in_sheets=False))
    if expiring:
        document.add(Text(ctx.tr.ngettext("Shaded: ends within {count} day, or has ended, and no renewal is recorded.",
                                          "Shaded: ends within {count} days, or has ended, and no renewal is recorded.",
                                          horizon).format(count=number(ctx, horizon)), style="note"))


def _feedback(ctx: ReportContext, document: Document, sheets: _Sheets, results: list[SurveyResult],
              title: str) -> None:
    _ = ctx._
    lang = ctx.options.lang
    document.add(Heading(_("Feedback of students and employers"), 2))
    if not results:
        document.add(Text(_("No survey is recorded."), style="note"))
        return
    partners = university_names(ctx, [r.university_id for r in results if r.university_id])
    rated = [r for r in results if r.rate is not None]
    if len(rated) > 1:
        document.add(Chart("bar", _("Response rate by survey"), [r.title for r in rated],
                           [round(100 * (r.rate or 0), 1) for r in rated],
                           [format_percent(r.rate, lang) for r in rated]))
    for result in results:
        audience = label(ctx, AUDIENCE_LABELS, result.audience)
        partner = partners.get(result.university_id or 0, result.university_name) if result.university_id else ""
        rate = format_percent(result.rate, lang) if result.rate is not None else "—"
        document.add(Heading(result.title, 3), KeyValues([
            (_("Asked"), audience),
            (_("Academic year"), result.academic_year),
            (_("Partner"), partner or _("All partners")),
            (_("Invited"), number(ctx, result.invitations) if result.invitations is not None else "—"),
            (_("Responses"), number(ctx, result.responses)),
            (_("Response rate"), rate),
            (_("Mean score"), _mean(ctx, result.mean)),
        ]))
        scale = [q for q in result.questions if q.kind == QuestionKind.SCALE]
        if scale and any(q.mean is not None for q in scale):
            document.add(Chart("bar", _("Mean score per question (1–5)"),
                               [_("Q{number}").format(number=q.number) for q in scale],
                               [round(q.mean or 0, 2) for q in scale], [_mean(ctx, q.mean) for q in scale]))
        rows = []
        for q in result.questions:
            spread = [q.distribution.get(score, 0) for score in range(SCALE_MIN, SCALE_MAX + 1)]
            wording = q.text_in(lang)
            rows.append([_("Q{number}").format(number=q.number), wording, number(ctx, q.answers),
                         _mean(ctx, q.mean) if q.kind == QuestionKind.SCALE else _("free text"),
                         " · ".join(number(ctx, n) for n in spread) if q.kind == QuestionKind.SCALE else ""])
            sheets.add("feedback", [title, result.title, audience, result.academic_year, partner, result.invitations,
                                    result.responses, result.rate, q.number, wording, q.answers,
                                    round(q.mean, 4) if q.mean is not None else None,
                                    *(spread if q.kind == QuestionKind.SCALE else [None] * len(spread))])
            for comment in q.comments:
                sheets.add("comments", [title, result.title, q.number, comment])
        document.add(Table(_("Questions"), [Column(_("No."), 0.5), Column(_("Question"), 4),
                                            Column(_("Answers"), 0.8, True), Column(_("Mean"), 0.8, True),
                                            Column(_("Scores 1 · 2 · 3 · 4 · 5"), 1.6)], rows, in_sheets=False))
        for q in result.questions:
            if q.comments:
                document.add(Text(_("Q{number}. {question}").format(number=q.number, question=q.text_in(lang))),
                             Text("\n".join(f"• {comment}" for comment in q.comments), style="note"))


def _indicators(ctx: ReportContext, document: Document, sheets: _Sheets, programme_id: int, title: str) -> None:
    _ = ctx._
    lang = ctx.options.lang
    years = programme_indicators.for_programme(ctx.db, programme_id)
    if ctx.options.year:
        years = [y for y in years if y.academic_year.startswith(str(ctx.options.year))] or years
    document.add(Heading(_("Indicators against targets"), 2))
    if not years:
        document.add(Text(_("No indicators are recorded."), style="note"))
        return
    for year in years:
        rows, behind = [], set()
        for index, line in enumerate(year.lines):
            name = label(ctx, INDICATOR_LABELS, line.indicator)
            share = format_percent(line.progress.share, lang) if line.progress.share is not None else "—"
            met = "—" if line.progress.met is None else _("met") if line.progress.met else _("not met")
            if line.progress.met is False:
                behind.add(index)
            rows.append([name, _value(ctx, line.indicator, line.target), _value(ctx, line.indicator, line.actual),
                         share, met])
            sheets.add("indicators", [title, year.academic_year, name, line.target, line.actual, line.progress.share,
                                      None if line.progress.met is None else _("yes") if line.progress.met
                                      else _("no")])
        document.add(Heading(_("Academic year {year}").format(year=year.academic_year), 3))
        document.add(Table(_("Indicators {year}").format(year=year.academic_year),
                           [Column(_("Indicator"), 2.6), Column(_("Target"), 1, True), Column(_("Actual"), 1, True),
                            Column(_("Share of target"), 1, True), Column(_("Target met"), 1)], rows,
                           highlight=frozenset(behind), in_sheets=False))


def _value(ctx: ReportContext, indicator: str, value: float | None) -> str:
    if value is None:
        return "—"
    if indicator in PERCENT_INDICATORS:
        return ctx._("{share}%").format(share=number(ctx, value))
    return number(ctx, value)


KIND = ReportKind("programme-quality", N_("Programme quality report"), tabular=True, gather=gather,
                  description=N_("Evaluation status, accreditation, feedback of students and employers with the "
                                 "mean per question and the response rate, indicators against targets; never a "
                                 "respondent's identity"), uses_programme=True, uses_year=True)
