"""Joint calendars across the network: for every joint programme whose partners sit in different member
states, the partners' academic calendars overlaid — each calendar from whichever state's submission
holds it — with the common windows and the conflicts."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, select

from desktop_app.domain.calendars import academic_year_of, joint_calendar
from desktop_app.i18n import N_
from desktop_app.i18n.formatting import format_date
from desktop_app.reports.kinds.common import number, university_names, with_state
from desktop_app.reports.kinds.joint_calendar import kind_title, planner
from desktop_app.reports.kinds.network_common import (
    add_sources,
    network_document,
    network_filter,
    read_sources,
    states_text,
)
from desktop_app.reports.kinds.network_curricula import programme_title
from desktop_app.reports.model import Column, Document, Heading, Table, Text
from desktop_app.reports.registry import ReportContext, ReportKind
from desktop_app.services import calendars, network_records
from desktop_app.services.network_data import NetworkFilter
from desktop_app.storage.models import AcademicCalendar


def years_of(ctx: ReportContext, ids: list[int]) -> list[str]:
    """The academic year chosen; else the years in which at least two partners have a calendar (else the
    latest year any of them has one, else the current academic year)."""
    if ctx.options.year:
        return [f"{ctx.options.year}/{ctx.options.year + 1}"]
    with ctx.db.reading() as session:
        counted = session.execute(select(AcademicCalendar.academic_year, func.count())
                                  .where(AcademicCalendar.university_id.in_(ids))
                                  .group_by(AcademicCalendar.academic_year)).all()
    shared = sorted(year for year, count in counted if count >= 2)
    if shared:
        return shared
    return [max(year for year, _count in counted)] if counted else [academic_year_of(ctx.options.today)]


def gather(ctx: ReportContext) -> Document:
    _ = ctx._
    lang = ctx.options.lang
    sources = read_sources(ctx)
    flt = network_filter(ctx)
    groups = [g for g in network_records.programmes(ctx.db, NetworkFilter(flt.states, None, flt.area))
              if len(set(g.countries)) > 1]
    document = network_document(ctx, _("Joint calendars across the network"), ctx.tr.ngettext(
        "{count} programme whose partners are in different member states",
        "{count} programmes whose partners are in different member states", len(groups)).format(
        count=number(ctx, len(groups))), sources)
    document.table_of_contents = len(groups) > 1
    date = lambda day: format_date(day, "medium", lang)  # noqa: E731
    all_rows, all_values = [], []
    for done, group in enumerate(groups):
        ctx.progress.report(done, len(groups), "")
        ctx.progress.check_cancelled()
        ids = [p.university_id for p in group.shown.parties]
        title = programme_title(ctx, group)
        names = university_names(ctx, ids)
        document.add(Heading(title),
                     Text(_("Partners: {partners}. Recorded by {states}.").format(
                         partners=", ".join(with_state(ctx, names.get(p.university_id, ""), p.country_code)
                                            for p in group.shown.parties),
                         states=states_text(ctx, group.recorded_by)), style="note"))
        for year in years_of(ctx, ids):
            entries = calendars.calendar_entries(ctx.db, ids, year)
            entries = [(replace(info, name=names.get(info.id, info.name)), periods) for info, periods in entries]
            overlay = {info.name: [p if p.title else replace(p, title=kind_title(ctx, p.kind)) for p in periods]
                       for info, periods in entries}
            joint = joint_calendar(year, overlay)
            document.add(Heading(_("Academic year {year}").format(year=year), 2), planner(ctx, year, joint, title))
            missing = [name for name, periods in overlay.items() if not periods]
            if missing:
                document.add(Text(_("No calendar recorded for this year: {names}.").format(names=", ".join(missing)),
                                  style="note"))
            document.add(Text(ctx.tr.ngettext(
                "{count} conflict: exams at one partner while another requires attendance.",
                "{count} conflicts: exams at one partner while another requires attendance.",
                len(joint.conflicts)).format(count=number(ctx, len(joint.conflicts))) if joint.conflicts else
                _("No conflicts between the partners' calendars.")))
            for c in joint.conflicts:
                all_rows.append([title, year, date(c.span.start), date(c.span.end), c.examining, c.attending])
                all_values.append([title, year, c.span.start, c.span.end, c.examining, c.attending])
    if not groups:
        document.add(Text(_("No joint programme has partners in different member states.")))
    columns = [Column(_("Programme"), 2), Column(_("Academic year")), Column(_("First day")), Column(_("Last day")),
               Column(_("Exams at"), 1.6), Column(_("Attendance at"), 1.6)]
    document.add(Heading(_("Conflicts")), Table(_("Conflicts"), columns, all_rows, all_values, sheet=_("Conflicts")))
    add_sources(ctx, document, sources)
    return document


KIND = ReportKind("network-calendar", N_("Joint calendars across the network"), tabular=True, gather=gather,
                  network=True, uses_year=True, uses_area=True,
                  description=N_("The partners' calendars of every programme whose partners are in different "
                                 "member states, overlaid, with common windows and conflicts"))
