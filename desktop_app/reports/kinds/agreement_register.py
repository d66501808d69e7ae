"""Agreement register: every agreement with its parties, validity and end date; those in force that end
within the warning period (the user's preference, passed in the report's options) are shaded so the
coordinator sees what to renew."""

from __future__ import annotations

from desktop_app.domain.agreements import IN_FORCE, KIND_LABELS, STATUS_LABELS
from desktop_app.i18n import N_
from desktop_app.i18n.formatting import format_date
from desktop_app.reports.kinds.common import new_document, number, university_names, with_state
from desktop_app.reports.model import Chart, Column, Document, Heading, KeyValues, Table, Text
from desktop_app.reports.registry import ReportContext, ReportKind
from desktop_app.services import agreements
from desktop_app.services.agreement_search import AgreementQuery


def label(ctx: ReportContext, labels: dict, key: str | None) -> str:
    return ctx._(labels[key]) if key in labels else (key or "")


def gather(ctx: ReportContext) -> Document:
    _ = ctx._
    lang = ctx.options.lang
    ctx.progress.report(0, 0, _("Reading the agreements…"))
    horizon = ctx.options.expiry_horizon_days
    rows = list(agreements.iterate(ctx.db, AgreementQuery(today=ctx.options.today, horizon_days=horizon,
                                                          lang=lang)))
    names = university_names(ctx, [p.university_id for row in rows for p in row.parties])
    date = lambda value: format_date(value, "medium", lang) if value else "—"  # noqa: E731
    display, values, highlight = [], [], set()
    for index, row in enumerate(rows):
        # Who signed for each party is personal data: shown only when the user includes it.
        signatories = ctx.options.include_personal_data
        parties = "\n".join(with_state(ctx, names.get(p.university_id, p.name), p.country)
                            + (f" — {p.signatory}" if signatories and p.signatory else "") for p in row.parties)
        # Organisations (a ministry, an agency) after the universities; an international body has no state.
        for o in row.organisation_parties:
            parties += "\n" + ((with_state(ctx, o.name, o.country) if o.country else o.name)
                               + (f" — {o.signatory}" if signatories and o.signatory else ""))
        if row.days_left is None:
            left = ""
        elif row.days_left < 0:
            left = ctx.tr.ngettext("ended {count} day ago", "ended {count} days ago", -row.days_left).format(
                count=number(ctx, -row.days_left))
        else:
            left = ctx.tr.ngettext("{count} day", "{count} days", row.days_left).format(
                count=number(ctx, row.days_left))
        if row.expiring:
            highlight.add(index)
        kind, status = label(ctx, KIND_LABELS, row.kind), label(ctx, STATUS_LABELS, row.status)
        display.append([row.title + (f"\n{row.reference}" if row.reference else ""), kind, status, parties,
                        date(row.valid_from), date(row.valid_to), left])
        party_names = "; ".join([*(names.get(p.university_id, p.name) for p in row.parties),
                                 *(o.name for o in row.organisation_parties)])
        values.append([row.title, kind, status, party_names,
                       row.valid_from, row.valid_to, row.days_left])
    expiring = [row for row in rows if row.expiring]
    by_kind: dict[str, int] = {}
    for row in rows:
        by_kind[label(ctx, KIND_LABELS, row.kind)] = by_kind.get(label(ctx, KIND_LABELS, row.kind), 0) + 1
    document = new_document(ctx, _("Agreement register"),
                            ctx.tr.ngettext("{count} agreement", "{count} agreements", len(rows)).format(
                                count=number(ctx, len(rows))))
    document.add(
        Heading(_("Summary")),
        KeyValues([
            (_("Agreements"), number(ctx, len(rows))),
            (_("In force"), number(ctx, sum(1 for r in rows if r.status in IN_FORCE))),
            (ctx.tr.ngettext("Expiring within {count} day", "Expiring within {count} days", horizon).format(
                count=number(ctx, horizon)), number(ctx, len(expiring))),
        ]),
        Chart("bar", _("Agreements by kind"), list(by_kind), list(by_kind.values()),
              [number(ctx, v) for v in by_kind.values()]),
        Heading(_("Agreements")),
        Text(ctx.tr.ngettext("Ordered by end date. Shaded rows: agreements in force that end within {count} day "
                             "or have passed their end date.",
                             "Ordered by end date. Shaded rows: agreements in force that end within {count} days "
                             "or have passed their end date.", horizon).format(count=number(ctx, horizon)),
             style="note"),
        Table(_("Agreements"), [Column(_("Agreement"), 2.6), Column(_("Kind"), 1.4), Column(_("Status"), 0.8),
                                Column(_("Parties"), 2.6), Column(_("Valid from"), 0.9), Column(_("Valid to"), 0.9),
                                Column(_("Time left"), 0.9, numeric=True)],
              display, values, sheet=_("Agreements"), highlight=frozenset(highlight)),
    )
    return document


KIND = ReportKind("agreement-register", N_("Agreement register"), tabular=True, gather=gather,
                  description=N_("Every agreement with its parties, kind, status and validity; those about to "
                                 "expire highlighted"))
