"""Strategic-partnership indicators: per partnership, the yearly targets against what was achieved, and
what departs from the recommendations (duration under five years, a foreign partner outside the TOP-500,
the staffing ratio, funding)."""

from __future__ import annotations

from desktop_app.domain.agreements import APPROACH_LABELS, STATUS_LABELS, AgreementKind, duration_years
from desktop_app.i18n import N_
from desktop_app.i18n.formatting import format_date, format_percent
from desktop_app.reports.kinds.agreement_register import label
from desktop_app.reports.kinds.common import new_document, number, university_names, with_state
from desktop_app.reports.model import Chart, Column, Document, Heading, KeyValues, Table, Text
from desktop_app.reports.registry import ReportContext, ReportKind
from desktop_app.services import agreements
from desktop_app.services.agreement_search import AgreementQuery


def gather(ctx: ReportContext) -> Document:
    _ = ctx._
    lang = ctx.options.lang
    year = ctx.options.year
    rows = list(agreements.iterate(ctx.db, AgreementQuery(kind=AgreementKind.STRATEGIC, today=ctx.options.today,
                                                          horizon_days=ctx.options.expiry_horizon_days,
                                                          lang=lang)))
    names = university_names(ctx, [p.university_id for row in rows for p in row.parties])
    subtitle = (_("Targets and results of {year}").format(year=year) if year else
                _("Yearly targets and results, and departures from the recommendations"))
    document = new_document(ctx, _("Strategic-partnership indicators"), subtitle)
    document.table_of_contents = len(rows) > 2
    all_rows, all_values = [], []
    warned = 0
    for done, row in enumerate(rows):
        ctx.progress.report(done, len(rows), row.title)
        ctx.progress.check_cancelled()
        draft = agreements.get(ctx.db, row.id).draft
        warnings = agreements.partnership_warnings(ctx.db, draft, ctx.tr)
        warned += bool(warnings)
        indicators = [i for i in agreements.indicator_progress(ctx.db, row.id) if year is None or i.year == year]
        years = duration_years(draft.valid_from, draft.valid_to)
        staff = (_("{national}% national, {foreign}% foreign").format(
            national=number(ctx, draft.national_staff_percent), foreign=number(ctx, draft.foreign_staff_percent))
            if draft.national_staff_percent is not None or draft.foreign_staff_percent is not None else "—")
        document.add(
            Heading(row.title),
            KeyValues([
                (_("Approach"), label(ctx, APPROACH_LABELS, draft.approach)),
                (_("Status"), label(ctx, STATUS_LABELS, draft.status)),
                (_("Parties"), "; ".join(with_state(ctx, names.get(p.university_id, p.name), p.country)
                                          for p in row.parties)),
                (_("Validity"), _("{start} – {end}").format(
                    start=format_date(draft.valid_from, "medium", lang) if draft.valid_from else "…",
                    end=format_date(draft.valid_to, "medium", lang) if draft.valid_to else "…")
                 + (" · " + _("{years} years").format(years=number(ctx, round(years, 1))) if years else "")),
                (_("Staff"), staff),
                (_("Funding sources"), draft.funding_sources or "—"),
            ]),
            Heading(_("Departures from the recommendations"), 2),
            Text("\n".join(f"• {w}" for w in warnings) if warnings else _("None: the partnership follows the "
                                                                            "recommendations.")),
            Heading(_("Indicators"), 2),
        )
        table_rows, table_values, names, shares = [], [], [], []
        for item in indicators:
            unit = f" {item.unit}" if item.unit else ""
            share = format_percent(item.progress, lang) if item.progress is not None else "—"
            table_rows.append([item.name, str(item.year), number(ctx, item.target) + unit,
                               (number(ctx, item.actual) + unit) if item.actual is not None else "—", share])
            table_values.append([item.name, item.year, item.target, item.actual,
                                 round(item.progress, 4) if item.progress is not None else None])
            if item.progress is not None:
                names.append(f"{item.name} {item.year}")
                shares.append(round(item.progress * 100, 1))
        columns = [Column(_("Indicator"), 3), Column(_("Year"), 0.6, True), Column(_("Target"), 1, True),
                   Column(_("Actual"), 1, True), Column(_("Progress"), 1.1, True)]
        document.add(Table(row.title, columns, table_rows, table_values, sheet=row.title))
        if shares:
            document.add(Chart("bar", _("Share of the target reached"), names, shares,
                               [format_percent(s / 100, lang) for s in shares]))
        all_rows += [[row.title, *r] for r in table_rows]
        all_values += [[row.title, *v] for v in table_values]
    if not rows:
        document.add(Heading(_("Strategic partnerships")), Text(_("Nothing recorded.")))
    else:  # the summary opens the report
        partnerships = document.blocks
        document.blocks = []
        document.add(Heading(_("Summary")),
                     KeyValues([(_("Strategic partnerships"), number(ctx, len(rows))),
                                (_("With departures from the recommendations"), number(ctx, warned))]),
                     Table(_("All indicators"), [Column(_("Partnership"), 2.4), Column(_("Indicator"), 2.4),
                                                 Column(_("Year"), 0.6, True), Column(_("Target"), 0.9, True),
                                                 Column(_("Actual"), 0.9, True), Column(_("Progress"), 1.1, True)],
                           all_rows, all_values, sheet=_("All indicators")), *partnerships)
    return document


KIND = ReportKind("partnership-indicators", N_("Strategic-partnership indicators"), tabular=True, gather=gather,
                  description=N_("Yearly targets against results for each strategic partnership, with "
                                 "departures from the recommendations"), uses_year=True)
