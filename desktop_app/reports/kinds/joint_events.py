"""Joint events: the network's conferences, symposia, workshops, summer schools and research projects,
with host, partners, participants and outcome."""

from __future__ import annotations

from desktop_app.domain.mobility import EVENT_LABELS
from desktop_app.domain.reference import AREAS_BY_KEY
from desktop_app.i18n import N_
from desktop_app.i18n.formatting import format_date
from desktop_app.reports.kinds.agreement_register import label
from desktop_app.reports.kinds.common import new_document, number, with_state
from desktop_app.reports.model import Chart, Column, Document, Heading, Table
from desktop_app.reports.registry import ReportContext, ReportKind
from desktop_app.services import events as event_service


def gather(ctx: ReportContext) -> Document:
    _ = ctx._
    lang = ctx.options.lang
    year = ctx.options.year
    ctx.progress.report(0, 0, _("Reading the events…"))
    events = list(event_service.iterate(ctx.db, event_service.EventQuery(year=year)))
    events.sort(key=lambda e: (e.start_date, e.title))  # in the order they took place
    date = lambda day: format_date(day, "medium", lang)  # noqa: E731
    rows, values, by_kind = [], [], {}
    for event in events:
        kind = label(ctx, EVENT_LABELS, event.kind)
        by_kind[kind] = by_kind.get(kind, 0) + 1
        dates = date(event.start_date) if event.start_date == event.end_date else _("{start} – {end}").format(
            start=date(event.start_date), end=date(event.end_date))
        area = _(AREAS_BY_KEY[event.area_key].title) if event.area_key in AREAS_BY_KEY else ""
        host = with_state(ctx, event.host, event.host_country)
        rows.append([event.title + (f"\n{event.outcome}" if event.outcome else ""),
                     kind + (f"\n{area}" if area else ""), dates, host, "\n".join(event.partners),
                     number(ctx, event.participants)])
        values.append([event.title, kind, event.start_date, event.end_date, host, "; ".join(event.partners), area,
                       event.participants, event.outcome])
    document = new_document(ctx, _("Joint events"),
                            ctx.tr.ngettext("{count} event", "{count} events", len(events)).format(
                                count=number(ctx, len(events))))
    document.add(
        Heading(_("Events")),
        Chart("bar", _("Events by kind"), list(by_kind), list(by_kind.values()),
              [number(ctx, v) for v in by_kind.values()]),
        Table(_("Events"), [Column(_("Event and outcome"), 2.8), Column(_("Kind and area"), 1.6),
                            Column(_("Dates"), 1.3), Column(_("Host"), 1.8), Column(_("Partners"), 1.9),
                            Column(_("Participants"), 1.3, True)], rows, in_sheets=False),
    )
    document.sheet_only.append(Table(_("Events"), [
        Column(_("Event")), Column(_("Kind")), Column(_("Start")), Column(_("End")), Column(_("Host")),
        Column(_("Partners")), Column(_("Area")), Column(_("Participants"), numeric=True), Column(_("Outcome"))],
        [], values, sheet=_("Events")))
    return document


KIND = ReportKind("joint-events", N_("Joint events"), tabular=True, gather=gather,
                  description=N_("Conferences, symposia, workshops, summer schools and joint research projects "
                                 "with host, partners and participants"), uses_year=True)
