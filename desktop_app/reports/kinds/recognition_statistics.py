"""Recognition statistics for the working group: cases by pair of countries and year, outcomes and their
shares, median days to a decision, appeals and their results. Computed by the database from the cases;
no statistic carries personal data, so this report holds none whatever the user chooses."""

from __future__ import annotations

from desktop_app.domain.recognition import LABELS
from desktop_app.i18n import N_
from desktop_app.i18n.formatting import format_percent
from desktop_app.reports.kinds.common import in_order, new_document, number, state
from desktop_app.reports.model import Chart, Column, Document, Heading, KeyValues, Table, Text
from desktop_app.reports.registry import ReportContext, ReportKind
from desktop_app.services.recognition_stats import compute_statistics


def gather(ctx: ReportContext) -> Document:
    _ = ctx._
    lang = ctx.options.lang
    year = ctx.options.year
    ctx.progress.report(0, 0, _("Counting recognition cases…"))
    stats = compute_statistics(ctx.db, year=year, median_by_pair=True)
    name = lambda value: _(LABELS[value]) if value in LABELS else value  # noqa: E731
    document = new_document(ctx, _("Recognition statistics"),
                            _("Cases received in {year}").format(year=year) if year else
                            _("Recognition of qualifications between member states"))
    document.table_of_contents = True
    median = stats["median_days_to_decision"]
    document.add(
        Heading(_("Summary")),
        Text(_("Figures only: no applicant, document or decision of a person appears in this report."),
             style="note"),
        KeyValues([
            (_("Cases"), number(ctx, stats["total"])),
            (_("Decided cases"), number(ctx, stats["decided_cases"])),
            (_("Median days to decision"), number(ctx, median) if median is not None else "—"),
            (_("Appeals lodged"), number(ctx, stats["appeals"]["lodged"])),
        ]),
    )
    status_labels = [name(key) for key in stats["by_status"]]
    document.add(
        Chart("bar", _("Cases by status"), status_labels, list(stats["by_status"].values()),
              [number(ctx, v) for v in stats["by_status"].values()]),
        Table(_("Cases by status"), [Column(_("Status"), 2), Column(_("Cases"), 1, True)],
              [[label, number(ctx, v)] for label, v in zip(status_labels, stats["by_status"].values(), strict=True)],
              [[label, v] for label, v in zip(status_labels, stats["by_status"].values(), strict=True)],
              sheet=_("By status")),
    )

    ctx.progress.check_cancelled()
    outcomes = stats["outcomes"]
    document.add(
        Heading(_("Outcomes")),
        Chart("pie", _("Outcomes of decided cases"), [name(o["outcome"]) for o in outcomes],
              [o["cases"] for o in outcomes], [format_percent(o["share"], lang) for o in outcomes]),
        Table(_("Outcomes"), [Column(_("Outcome"), 3), Column(_("Cases"), 1, True), Column(_("Share"), 1, True)],
              [[name(o["outcome"]), number(ctx, o["cases"]), format_percent(o["share"], lang)] for o in outcomes],
              [[name(o["outcome"]), o["cases"], o["share"]] for o in outcomes], sheet=_("Outcomes")),
    )

    pairs = stats["by_country_pair_and_year"]
    years = sorted({row["year"] for row in pairs})
    pair_keys = list(dict.fromkeys((row["from"], row["to"]) for row in pairs))
    counts = {(row["from"], row["to"], row["year"]): row["cases"] for row in pairs}
    medians = {(row["from"], row["to"]): row["median_days"] for row in stats.get("median_days_by_country_pair", [])}
    pair_title = lambda a, b: _("{issuing} → {recognising}").format(  # noqa: E731
        issuing=state(ctx, a), recognising=state(ctx, b))
    pair_keys = in_order(ctx, pair_keys, lambda key: pair_title(*key))
    rows, values = [], []
    for a, b in pair_keys:
        cells = [counts.get((a, b, y), 0) for y in years]
        rows.append([pair_title(a, b), *[number(ctx, c) if c else "·" for c in cells], number(ctx, sum(cells)),
                     number(ctx, medians[(a, b)]) if (a, b) in medians else "—"])
        values.append([pair_title(a, b), *cells, sum(cells), medians.get((a, b))])
    document.add(
        Heading(_("Cases by country pair and year")),
        Text(_("Country that issued the qualification → country asked to recognise it; cases by the year they "
               "were received, and the median days to a decision."), style="note"),
        Table(_("Cases by country pair and year"),
              [Column(_("Countries"), 2.6)] + [Column(str(y), 0.6, True) for y in years]
              + [Column(_("Total"), 0.7, True), Column(_("Median days"), 0.8, True)],
              rows, values, sheet=_("Country pairs")),
    )

    appeals = stats["appeals"]
    appeal_rows = [(_("Appeals lodged"), appeals["lodged"]), (name("upheld"), appeals["upheld"]),
                   (name("rejected"), appeals["rejected"]), (name("withdrawn"), appeals["withdrawn"]),
                   (_("Pending"), appeals["pending"])]
    document.add(
        Heading(_("Appeals")),
        Table(_("Appeals"), [Column(_("Appeals"), 3), Column(_("Cases"), 1, True)],
              [[label, number(ctx, v)] for label, v in appeal_rows], [list(row) for row in appeal_rows],
              sheet=_("Appeals")),
        Chart("bar", _("Results of appeals"), [label for label, _v in appeal_rows[1:]],
              [v for _l, v in appeal_rows[1:]], [number(ctx, v) for _l, v in appeal_rows[1:]]),
    )
    return document


KIND = ReportKind("recognition-statistics", N_("Recognition statistics"), tabular=True, gather=gather,
                  description=N_("Cases by country pair and year, outcome shares, median days to decision, "
                                 "appeals and their results; never any personal data"), uses_year=True)
