"""Network mobility matrix: stays between the member states' universities, year by year, from every
state's submission. Each stay is one record of the state that recorded it; the network's matrix is
the sum of the states' own matrices (a table says how many stays each state recorded). No person
appears."""

from __future__ import annotations

from desktop_app.i18n import N_
from desktop_app.reports.kinds.common import in_order, number, state
from desktop_app.reports.kinds.network_common import add_sources, network_document, network_filter, read_sources
from desktop_app.reports.model import Chart, Column, Document, Heading, Table, Text
from desktop_app.reports.registry import ReportContext, ReportKind
from desktop_app.services import network_data


def gather(ctx: ReportContext) -> Document:
    _ = ctx._
    ctx.progress.report(0, 0, _("Counting mobility…"))
    sources = read_sources(ctx)
    flows = network_data.mobility_flows(ctx.db, network_filter(ctx))
    totals = network_data.flow_totals(flows)
    years = sorted({year for year, _s, _r in totals})
    countries = in_order(ctx, {code for _y, s, r in totals for code in (s, r)})
    document = network_document(ctx, _("Network mobility matrix"),
                                 _("Mobility in {year}").format(year=ctx.options.year) if ctx.options.year else
                                 _("Mobility between member states by year"), sources)
    document.table_of_contents = len(years) > 4
    per_year = [sum(n for (y, _s, _r), n in totals.items() if y == year) for year in years]
    recorded: dict[str, int] = {}
    for flow in flows:
        recorded[flow.recorded_by or ""] = recorded.get(flow.recorded_by or "", 0) + flow.count
    recorders = in_order(ctx, [code for code in recorded if code])
    document.add(
        Heading(_("Summary")),
        Text(_("Stays counted by the year they began, from the country of the sending university (rows) to that "
               "of the receiving university (columns), from every submission: each stay is counted once, by the "
               "state that recorded it. No personal data."), style="note"),
        Chart("bar", _("Mobility per year"), [str(y) for y in years], per_year, [number(ctx, t) for t in per_year]),
        Table(_("Stays recorded by each member state"),
              [Column(_("Member state"), 2), Column(_("Stays"), 1, True)],
              [[state(ctx, code), number(ctx, recorded[code])] for code in recorders],
              [[state(ctx, code), recorded[code]] for code in recorders], sheet=_("Recorded by")),
    )
    for year in years:
        ctx.progress.check_cancelled()
        used = [c for c in countries if any(totals.get((year, c, o), 0) or totals.get((year, o, c), 0)
                                            for o in countries)]
        rows, values = [], []
        for sending in used:
            cells = [totals.get((year, sending, receiving), 0) for receiving in used]
            rows.append([state(ctx, sending), *[number(ctx, c) if c else "·" for c in cells], number(ctx, sum(cells))])
            values.append([state(ctx, sending), *cells, sum(cells)])
        column_totals = [sum(totals.get((year, s, r), 0) for s in used) for r in used]
        rows.append([_("Total"), *[number(ctx, t) for t in column_totals], number(ctx, sum(column_totals))])
        values.append([_("Total"), *column_totals, sum(column_totals)])
        document.add(Heading(_("Year {year}").format(year=year)),
                     Table(_("Year {year}").format(year=year),
                           [Column(_("From \\ to"), 1.6)] + [Column(state(ctx, c), 1, True) for c in used]
                           + [Column(_("Total"), 0.8, True)], rows, values, sheet=str(year)))
    if not years:
        document.add(Text(_("No mobility recorded.")))
    document.sheet_only.append(Table(
        _("Flows"), [Column(_("Year"), numeric=True), Column(_("From")), Column(_("To")),
                     Column(_("Recorded by")), Column(_("Mobility"), numeric=True)], [],
        [[f.year, state(ctx, f.sending), state(ctx, f.receiving), state(ctx, f.recorded_by) if f.recorded_by else "",
          f.count] for f in flows], sheet=_("Flows")))
    add_sources(ctx, document, sources)
    return document


KIND = ReportKind("network-mobility", N_("Network mobility matrix"), tabular=True, gather=gather, network=True,
                  uses_year=True,
                  description=N_("Mobility between all member states by year, from every state's submission"))
