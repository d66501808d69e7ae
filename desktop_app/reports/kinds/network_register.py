"""The network register: every university of the network once, with the member states that hold it —
however many states' registers it is in (matched by ROR id, or by name and country as the user
confirmed)."""

from __future__ import annotations

from dataclasses import replace

from desktop_app.i18n import N_
from desktop_app.reports.kinds.common import number, state, university_names
from desktop_app.reports.kinds.network_common import (
    add_sources,
    codes_text,
    network_document,
    network_filter,
    read_sources,
)
from desktop_app.reports.model import Chart, Column, Document, Heading, KeyValues, Table, Text
from desktop_app.reports.registry import ReportContext, ReportKind
from desktop_app.services import network_data
from desktop_app.services.collation import key_function
from desktop_app.services.network_data import Institution


def named(ctx: ReportContext, rows: list[Institution], batch: int = 2000) -> list[Institution]:
    """Institutions named as a reader of the report's language sees them, by country then name."""
    result = []
    for start in range(0, len(rows), batch):
        ctx.progress.check_cancelled()
        chunk = rows[start:start + batch]
        names = university_names(ctx, [row.id for row in chunk])
        result += [replace(row, display_name=names.get(row.id, row.display_name)) for row in chunk]
    key = key_function(ctx.options.lang)
    countries = {code: key(state(ctx, code)) for code in {row.country_code for row in result}}
    return sorted(result, key=lambda row: (countries[row.country_code], key(row.display_name)))


def register_table(ctx: ReportContext, rows: list[Institution]) -> Table:
    _ = ctx._
    display, values = [], []
    lists: dict[tuple[str, ...], str] = {}  # the same few lists of states recur on every page
    for count, row in enumerate(rows):
        if count % 2000 == 0:
            ctx.progress.check_cancelled()
        if row.holders not in lists:
            lists[row.holders] = codes_text(row.holders)
        country, holders = state(ctx, row.country_code), lists[row.holders]
        display.append([country, row.display_name, row.city, row.ror_id, holders, number(ctx, len(row.holders))])
        values.append([country, row.display_name, row.city, row.ror_id, holders, len(row.holders)])
    columns = [Column(_("Country"), 1.2), Column(_("University"), 3.0), Column(_("City"), 1.1),
               Column(_("ROR ID"), 1.0), Column(_("Held by"), 2.6), Column(_("States"), 0.6, numeric=True)]
    return Table(_("Network register"), columns, display, values, sheet=_("Register"))


def gather(ctx: ReportContext) -> Document:
    _ = ctx._
    ctx.progress.report(0, 0, _("Reading the register…"))
    sources = read_sources(ctx)
    rows = named(ctx, network_data.institutions(ctx.db, network_filter(ctx)))
    shared = sum(1 for row in rows if len(row.holders) > 1)
    document = network_document(ctx, _("Network register"), ctx.tr.ngettext(
        "{count} university of the network", "{count} universities of the network", len(rows)).format(
        count=number(ctx, len(rows))), sources)
    per_state: dict[str, int] = {}
    for row in rows:
        for code in row.holders:
            per_state[code] = per_state.get(code, 0) + 1
    busiest = sorted(per_state.items(), key=lambda item: (-item[1], item[0]))
    document.add(
        Heading(_("Summary")),
        KeyValues([(_("Universities"), number(ctx, len(rows))),
                   (_("Held by more than one member state"), number(ctx, shared)),
                   (_("With a ROR ID"), number(ctx, sum(1 for row in rows if row.ror_id)))]),
        Chart("bar", _("Universities in each state's register"), [state(ctx, code) for code, _n in busiest],
              [n for _c, n in busiest], [number(ctx, n) for _c, n in busiest]),
        Heading(_("Network register")),
        Text(_("Each university once, by country and name, with the member states whose registers hold it. "
               "Records of the same university are matched by ROR ID, or by name and country once the user "
               "confirmed the match."), style="note"),
        register_table(ctx, rows),
    )
    add_sources(ctx, document, sources)
    document.table_of_contents = len(rows) > 200
    return document


KIND = ReportKind("network-register", N_("Network register"), tabular=True, gather=gather, network=True,
                  uses_area=True,
                  description=N_("Every university of the network once, with its ROR ID and the member states "
                                 "that hold it"))
