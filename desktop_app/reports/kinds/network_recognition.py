"""Recognition across the network: cases recorded by each member state, by pair of countries and year,
outcomes, median days to a decision, appeals. Figures only, computed by the database: no holder,
document or decision of a person is read, whatever the packages held — so the report holds no
personal data whatever the user chooses."""

from __future__ import annotations

from desktop_app.domain.recognition import LABELS
from desktop_app.i18n import N_
from desktop_app.i18n.formatting import format_percent
from desktop_app.reports.kinds.common import in_order, number, state
from desktop_app.reports.kinds.network_common import add_sources, network_document, network_filter, read_sources
from desktop_app.reports.model import Chart, Column, Document, Heading, KeyValues, Table, Text
from desktop_app.reports.registry import ReportContext, ReportKind
from desktop_app.services import network_data


def gather(ctx: ReportContext) -> Document:
    _ = ctx._
    lang = ctx.options.lang
    ctx.progress.report(0, 0, _("Counting recognition cases…"))
    sources = read_sources(ctx)
    figures = network_data.recognition_figures(ctx.db, network_filter(ctx))
    name = lambda value: _(LABELS[value]) if value in LABELS else value  # noqa: E731
    days = lambda value: number(ctx, value) if value is not None else "—"  # noqa: E731
    document = network_document(ctx, _("Recognition across the network"),
                                _("Cases received in {year}").format(year=ctx.options.year) if ctx.options.year
                                else _("Recognition of qualifications between member states"), sources)
    document.table_of_contents = True
    document.add(
        Heading(_("Summary")),
        Text(_("Figures only: no applicant, document or decision of a person appears in this report, whatever "
               "the packages held."), style="note"),
        KeyValues([(_("Cases"), number(ctx, figures.total)), (_("Decided cases"), number(ctx, figures.decided)),
                   (_("Median days to decision"), days(figures.median_days)),
                   (_("Appeals lodged"), number(ctx, figures.appeals.get("lodged", 0)))]),
    )
    by_state = in_order(ctx, [row for row in figures.by_state if row["state"]], lambda row: state(ctx, row["state"]))
    document.add(
        Heading(_("Cases by recording member state")),
        Chart("bar", _("Cases by recording member state"), [state(ctx, r["state"]) for r in by_state],
              [r["cases"] for r in by_state], [number(ctx, r["cases"]) for r in by_state]),
        Table(_("Cases by recording member state"),
              [Column(_("Member state"), 2), Column(_("Cases"), 1, True), Column(_("Decided cases"), 1, True),
               Column(_("Median days"), 1, True)],
              [[state(ctx, r["state"]), number(ctx, r["cases"]), number(ctx, r["decided"]), days(r["median_days"])]
               for r in by_state],
              [[state(ctx, r["state"]), r["cases"], r["decided"], r["median_days"]] for r in by_state],
              sheet=_("By state")),
    )
    decided = sum(figures.outcomes.values())
    outcomes = list(figures.outcomes.items())
    document.add(
        Heading(_("Outcomes")),
        Chart("pie", _("Outcomes of decided cases"), [name(o) for o, _n in outcomes], [n for _o, n in outcomes],
              [format_percent(n / decided if decided else 0, lang) for _o, n in outcomes]),
        Table(_("Outcomes"), [Column(_("Outcome"), 3), Column(_("Cases"), 1, True), Column(_("Share"), 1, True)],
              [[name(o), number(ctx, n), format_percent(n / decided if decided else 0, lang)] for o, n in outcomes],
              [[name(o), n, round(n / decided, 4) if decided else 0.0] for o, n in outcomes], sheet=_("Outcomes")),
    )
    years = sorted({row["year"] for row in figures.by_pair_year})
    counts = {(r["from"], r["to"], r["year"]): r["cases"] for r in figures.by_pair_year}
    title = lambda a, b: _("{issuing} → {recognising}").format(  # noqa: E731
        issuing=state(ctx, a), recognising=state(ctx, b))
    pairs = in_order(ctx, list(dict.fromkeys((r["from"], r["to"]) for r in figures.by_pair_year)),
                     lambda key: title(*key))
    rows, values = [], []
    for a, b in pairs:
        cells = [counts.get((a, b, y), 0) for y in years]
        rows.append([title(a, b), *[number(ctx, c) if c else "·" for c in cells], number(ctx, sum(cells))])
        values.append([title(a, b), *cells, sum(cells)])
    document.add(
        Heading(_("Cases by country pair and year")),
        Text(_("Country that issued the qualification → country asked to recognise it; cases by the year they "
               "were received."), style="note"),
        Table(_("Cases by country pair and year"),
              [Column(_("Countries"), 2.6)] + [Column(str(y), 0.6, True) for y in years]
              + [Column(_("Total"), 0.7, True)], rows, values, sheet=_("Country pairs")),
    )
    appeals = [(_("Appeals lodged"), figures.appeals.get("lodged", 0)),
               (name("upheld"), figures.appeals.get("upheld", 0)),
               (name("rejected"), figures.appeals.get("rejected", 0))]
    document.add(Heading(_("Appeals")),
                 Table(_("Appeals"), [Column(_("Appeals"), 3), Column(_("Cases"), 1, True)],
                       [[label, number(ctx, v)] for label, v in appeals], [list(row) for row in appeals],
                       sheet=_("Appeals")))
    add_sources(ctx, document, sources)
    return document


KIND = ReportKind("network-recognition", N_("Recognition across the network"), tabular=True, gather=gather,
                  network=True, uses_year=True,
                  description=N_("Recognition cases of every member state by country pair and year, outcomes, "
                                 "median days to decision and appeals; never any personal data"))
