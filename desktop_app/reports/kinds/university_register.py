"""The university register: every university of the network, by member state and name."""

from __future__ import annotations

from dataclasses import replace

from desktop_app.i18n import N_
from desktop_app.reports.kinds.common import new_document, number, role_title, state, status_title, university_names
from desktop_app.reports.model import Column, Document, Heading, Table, Text
from desktop_app.reports.registry import ReportContext, ReportKind
from desktop_app.services import report_data
from desktop_app.services.collation import key_function


def in_reader_order(ctx: ReportContext, rows) -> list:
    """Rows by member state, then university, both in the reader's alphabetical order."""
    key = key_function(ctx.options.lang)
    states: dict[str, tuple] = {}

    def order(row):
        if row.country_code not in states:
            states[row.country_code] = key(state(ctx, row.country_code))
        return (states[row.country_code], key(row.display_name))

    return sorted(rows, key=order)


def named_for_reader(ctx: ReportContext, rows, batch: int = 2000):
    """The register's rows with each university named as a reader of the report's language sees it."""
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == batch:
            yield from _renamed(ctx, chunk)
            chunk = []
    yield from _renamed(ctx, chunk)


def _renamed(ctx: ReportContext, rows):
    names = university_names(ctx, [row.id for row in rows]) if rows else {}
    return [replace(row, display_name=names.get(row.id, row.display_name)) for row in rows]


def register_table(ctx: ReportContext, rows) -> Table:
    """The register's table from :class:`report_data.RegisterRow` objects (also used by the benchmark)."""
    _ = ctx._
    display: list[list[str]] = []
    values: list[list[object]] = []
    for count, row in enumerate(rows):
        if count % 2000 == 0:
            ctx.progress.check_cancelled()
        state_name = state(ctx, row.country_code)
        role, status = role_title(ctx, row.network_role), status_title(ctx, row.status)
        display.append([state_name, row.display_name, row.city, role, status, row.ror_id,
                        str(row.established or "")])  # a year, never digit-grouped
        values.append([state_name, row.display_name, row.city, role, status, row.ror_id, row.established])
    columns = [Column(_("Member state"), 1.3), Column(_("University"), 3.2), Column(_("City"), 1.2),
               Column(_("Role"), 1.2), Column(_("Status"), 1.3), Column(_("ROR ID"), 1.1),
               Column(_("Founded"), 0.8, numeric=True)]
    return Table(_("University register"), columns, display, values, sheet=_("Register"))


def gather(ctx: ReportContext) -> Document:
    _ = ctx._
    ctx.progress.report(0, 0, _("Reading the register…"))
    rows = in_reader_order(ctx, named_for_reader(ctx, report_data.register_rows(ctx.db)))
    table = register_table(ctx, rows)
    document = new_document(ctx, _("University register"),
                            ctx.tr.ngettext("{count} university", "{count} universities", len(table.rows)).format(
                                count=number(ctx, len(table.rows))))
    document.add(Heading(_("University register")),
                 Text(_("Universities of the network by member state and name, with their role and membership "
                        "status."), style="note"),
                 table)
    return document


KIND = ReportKind("university-register", N_("University register"), tabular=True, gather=gather,
                  description=N_("Every university with its member state, city, role, status and ROR ID"))
