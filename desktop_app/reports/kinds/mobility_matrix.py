"""Mobility matrix: how many students, faculty and researchers went from the universities of one member
state to those of another, by the year their stay began. Counted by the database; no person appears."""

from __future__ import annotations

from desktop_app.i18n import N_
from desktop_app.reports.kinds.common import in_order, new_document, number, state
from desktop_app.reports.model import Chart, Column, Document, Heading, Table, Text
from desktop_app.reports.registry import ReportContext, ReportKind
from desktop_app.services.mobility import flow_matrix


def gather(ctx: ReportContext) -> Document:
    _ = ctx._
    ctx.progress.report(0, 0, _("Counting mobility…"))
    matrix = flow_matrix(ctx.db, ctx.options.year)
    years = sorted({cell["year"] for cell in matrix.cells})
    states = in_order(ctx, matrix.states)
    document = new_document(ctx, _("Mobility matrix"),
                            _("Mobility in {year}").format(year=ctx.options.year) if ctx.options.year else
                            _("Mobility between member states by year"))
    document.table_of_contents = len(years) > 5  # then the matrices fill several pages
    totals = [sum(c["count"] for c in matrix.cells if c["year"] == y) for y in years]
    document.add(
        Heading(_("Summary")),
        Text(_("Stays counted by the year they began, from the member state of the sending university (rows) to "
               "that of the receiving university (columns). No personal data."), style="note"),
        Chart("bar", _("Mobility per year"), [str(y) for y in years], totals, [number(ctx, t) for t in totals]),
    )
    for year in years:
        ctx.progress.check_cancelled()
        rows, values = [], []
        for sending in states:
            cells = [matrix.count(sending, receiving, year) for receiving in states]
            rows.append([state(ctx, sending), *[number(ctx, c) if c else "·" for c in cells],
                         number(ctx, sum(cells))])
            values.append([state(ctx, sending), *cells, sum(cells)])
        received = [matrix.count(s, r, year) for r in states for s in states]
        column_totals = [sum(received[i * len(states):(i + 1) * len(states)]) for i in range(len(states))]
        rows.append([_("Total"), *[number(ctx, t) for t in column_totals], number(ctx, sum(column_totals))])
        values.append([_("Total"), *column_totals, sum(column_totals)])
        document.add(
            Heading(_("Year {year}").format(year=year)),
            Table(_("Year {year}").format(year=year),
                  [Column(_("From \\ to"), 1.6)] + [Column(state(ctx, code), 1, True) for code in states]
                  + [Column(_("Total"), 0.8, True)], rows, values, sheet=str(year)),
        )
    if not years:
        document.add(Text(_("No mobility recorded.")))
    document.sheet_only.append(Table(_("Flows"), [Column(_("Year"), numeric=True), Column(_("From")),
                                                  Column(_("To")), Column(_("Mobility"), numeric=True)], [],
                                     [[c["year"], state(ctx, c["from"]), state(ctx, c["to"]), c["count"]]
                                      for c in matrix.cells], sheet=_("Flows")))
    return document


KIND = ReportKind("mobility-matrix", N_("Mobility matrix"), tabular=True, gather=gather,
                  description=N_("Mobility between member states, sending state by receiving state, year by year"),
                  uses_year=True)
