"""Joint academic calendar: the year planner of a joint programme's partners (or of chosen universities),
a row per partner with its periods coloured, the common windows and the conflicts drawn below, and the
conflicts listed: where a student would have to sit exams at one partner while attending another."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from desktop_app.domain.calendars import (
    PERIOD_KIND_TITLES,
    PeriodKind,
    academic_year_bounds,
    academic_year_of,
    joint_calendar,
)
from desktop_app.i18n import N_
from desktop_app.i18n.formatting import format_date
from desktop_app.reports.kinds.common import new_document, number, university_names
from desktop_app.reports.model import Column, Document, Heading, PlannerRow, Table, Text, YearPlanner
from desktop_app.reports.registry import ReportContext, ReportKind
from desktop_app.services import calendars, curricula

# The colours of the Calendars page's year planner (ui/widgets/year_planner.py), so a printed planner
# looks like the one on screen; reports are Qt-free and cannot import the widget.
KIND_COLOURS = {
    PeriodKind.TEACHING: "#4c8bd6",
    PeriodKind.EXAMS: "#e08a2c",
    PeriodKind.BREAK: "#8fcf8f",
    PeriodKind.HOLIDAY: "#c48fd6",
    PeriodKind.REGISTRATION: "#f2d45c",
    PeriodKind.THESIS_DEFENCE: "#8d5a3b",
    PeriodKind.ORIENTATION: "#5cc6c9",
    PeriodKind.NOMINATION_DEADLINE: "#d64545",
    PeriodKind.OTHER: "#b0b0b0",
}
COMMON_TEACHING, COMMON_BREAK, MOBILITY, CONFLICT = "#2e7d32", "#7cb342", "#1565c0", "#c62828"


def kind_title(ctx: ReportContext, kind: str) -> str:
    return ctx._(PERIOD_KIND_TITLES.get(kind, PERIOD_KIND_TITLES[PeriodKind.OTHER]))


def years_to_show(ctx: ReportContext) -> list[str]:
    if ctx.options.year:
        return [f"{ctx.options.year}/{ctx.options.year + 1}"]
    if ctx.options.programme_id is not None:
        draft = curricula.get(ctx.db, ctx.options.programme_id).draft
        years = sorted({s.academic_year for s in draft.semesters if s.academic_year})
        if years:
            return years
    return [academic_year_of(ctx.options.today)]


def planner(ctx: ReportContext, year: str, joint, subject: str) -> YearPlanner:
    _ = ctx._
    lang = ctx.options.lang
    first, last = academic_year_bounds(year)
    months = []
    month = first
    while month <= last:
        months.append((month, format_date(month, "LLL", lang)))
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    rows, used = [], []
    for name, periods in joint.calendars.items():
        spans = []
        for period in sorted(periods, key=lambda p: (p.start, p.end)):
            colour = KIND_COLOURS.get(period.kind, KIND_COLOURS[PeriodKind.OTHER])
            spans.append((period.start, period.end, colour, period.label()))
            if period.kind not in used:
                used.append(period.kind)
        rows.append(PlannerRow(name, spans))
    rows.append(PlannerRow(_("Common teaching window"),
                           [(s.start, s.end, COMMON_TEACHING, "") for s in joint.common_teaching], True))
    windows = [(w.span.start, w.span.end, MOBILITY if w.host else COMMON_BREAK, w.host) for w in joint.windows]
    rows.append(PlannerRow(_("Mobility window") + " / " + _("Common break"), windows, True))
    rows.append(PlannerRow(_("Conflict"), [(c.span.start, c.span.end, CONFLICT, "") for c in joint.conflicts],
                           True))
    legend = [(KIND_COLOURS[PeriodKind(kind)] if kind in KIND_COLOURS else KIND_COLOURS[PeriodKind.OTHER],
               kind_title(ctx, kind)) for kind in sorted(used, key=lambda k: list(KIND_COLOURS).index(k)
                                                          if k in KIND_COLOURS else 99)]
    legend += [(COMMON_TEACHING, _("Common teaching window")), (COMMON_BREAK, _("Common break")),
               (MOBILITY, _("Mobility window")), (CONFLICT, _("Conflict"))]
    return YearPlanner(subject, first, last, months, rows, legend)


def gather(ctx: ReportContext) -> Document:
    _ = ctx._
    lang = ctx.options.lang
    options = ctx.options
    if options.programme_id is not None:
        draft = curricula.get(ctx.db, options.programme_id).draft
        subject = draft.titles.get(lang) or draft.title
        ids = calendars.programme_universities(ctx.db, options.programme_id)
    else:
        ids = list(options.university_ids)
        subject = _("Chosen universities")
    document = new_document(ctx, _("Joint academic calendar"), subject)
    date = lambda day: format_date(day, "medium", lang)  # noqa: E731
    all_conflicts, all_values = [], []
    for done, year in enumerate(years_to_show(ctx)):
        ctx.progress.report(done, 0, year)
        ctx.progress.check_cancelled()
        entries = calendars.calendar_entries(ctx.db, ids, year)
        names = university_names(ctx, [info.id for info, _periods in entries])
        entries = [(replace(info, name=names.get(info.id, info.name)), periods) for info, periods in entries]
        # Periods without a title are named in the report's language (the computation labels them so).
        overlay = {info.name: [period if period.title else replace(period, title=kind_title(ctx, period.kind))
                               for period in periods] for info, periods in entries}
        joint = joint_calendar(year, overlay)
        missing = [name for name, periods in overlay.items() if not periods]
        document.add(Heading(_("Academic year {year}").format(year=year)), planner(ctx, year, joint, subject))
        if missing:
            document.add(Text(_("No calendar recorded for this year: {names}.").format(names=", ".join(missing)),
                              style="note"))
        rows = [[date(c.span.start), date(c.span.end), c.examining, c.exam_period, c.attending,
                 c.attendance_period] for c in joint.conflicts]
        all_conflicts += [[year, *row] for row in rows]
        all_values += [[year, c.span.start, c.span.end, c.examining, c.exam_period, c.attending,
                        c.attendance_period] for c in joint.conflicts]
        document.add(Heading(_("Conflicts"), 2),
                     Text(ctx.tr.ngettext("{count} conflict: exams at one partner while another requires "
                                          "attendance.", "{count} conflicts: exams at one partner while another "
                                          "requires attendance.", len(rows)).format(count=number(ctx, len(rows)))
                          if rows else _("No conflicts between the partners' calendars.")),
                     Table(_("Conflicts"), [Column(_("First day"), 1), Column(_("Last day"), 1),
                                            Column(_("Exams at"), 2), Column(_("Exam period"), 1.3),
                                            Column(_("Attendance at"), 2), Column(_("Attendance period"), 1.3)],
                           rows, in_sheets=False))
    document.sheet_only.append(Table(_("Conflicts"), [
        Column(_("Academic year")), Column(_("First day")), Column(_("Last day")), Column(_("Exams at")),
        Column(_("Exam period")), Column(_("Attendance at")), Column(_("Attendance period"))],
        all_conflicts, all_values, sheet=_("Conflicts")))
    return document


KIND = ReportKind("joint-calendar", N_("Joint academic calendar"), tabular=True, gather=gather,
                  description=N_("Year planner of a joint programme's partners: their periods, common windows and "
                                 "conflicts, with the list of conflicts"), needs_programme=True, uses_year=True)
