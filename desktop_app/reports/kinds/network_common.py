"""What every network report shares: its filter (member states, year, area of cooperation), its title
block saying what it covers, and the list of submissions — state and date of its package — it was
built from (in the PDF and as a sheet of its own in XLSX and CSV)."""

from __future__ import annotations

from desktop_app.domain.reference import AREAS_BY_KEY
from desktop_app.i18n import N_
from desktop_app.i18n.formatting import format_date, format_list
from desktop_app.reports.kinds.common import fill, in_order, new_document, number, state
from desktop_app.reports.model import Column, Document, Heading, Table, Text
from desktop_app.reports.registry import ReportContext
from desktop_app.services import network_data
from desktop_app.services.network_data import NetworkFilter, Source


def network_filter(ctx: ReportContext) -> NetworkFilter:
    options = ctx.options
    return NetworkFilter(tuple(sorted({code.upper() for code in options.states})), options.year, options.area)


def area_title(ctx: ReportContext, key: str) -> str:
    return ctx._(AREAS_BY_KEY[key].title) if key in AREAS_BY_KEY else key


def states_text(ctx: ReportContext, codes) -> str:
    """State names as a list in the reader's language and alphabetical order."""
    return format_list([state(ctx, code) for code in in_order(ctx, list(codes))], ctx.options.lang) if codes else ""


def codes_text(codes) -> str:
    """State codes in code order, for a column read by people and programs alike ("CN, KZ, UZ")."""
    return ", ".join(sorted(codes))


def network_document(ctx: ReportContext, title: str, subtitle: str, sources: list[Source]) -> Document:
    """A network report's document: the title block says what it covers and from how many submissions."""
    document = new_document(ctx, title, subtitle)
    flt = network_filter(ctx)
    covered = [fill(ctx, N_("Member states: {states}"), states=states_text(ctx, flt.states)) if flt.states else
               ctx._("Member states: all that sent a package")]
    if flt.year:
        covered.append(fill(ctx, N_("Year {year}"), year=flt.year))
    if flt.area:
        covered.append(fill(ctx, N_("Area of cooperation: {area}"), area=area_title(ctx, flt.area)))
    covered.append(ctx.tr.ngettext("Built from the submissions of {count} member state, listed at the end.",
                                   "Built from the submissions of {count} member states, listed at the end.",
                                   len(sources)).format(count=number(ctx, len(sources))))
    position = max(0, len(document.cover_lines) - 1)  # before the personal-data line
    document.cover_lines[position:position] = covered
    document.header_detail = " · ".join(part for part in (document.header_detail, *covered[:-1]) if part)
    return document


def sources_table(ctx: ReportContext, sources: list[Source]) -> Table:
    _ = ctx._
    lang = ctx.options.lang
    ordered = in_order(ctx, sources, lambda s: state(ctx, s.state))
    rows, values = [], []
    for source in ordered:
        if source.own:
            made, made_value = _("this database's own records"), ""
        elif source.made is None:
            made, made_value = _("received through another package"), ""
        else:
            made, made_value = format_date(source.made.date(), "medium", lang), source.made.date()
        rows.append([state(ctx, source.state), made, number(ctx, source.records)])
        values.append([state(ctx, source.state), made_value or made, source.records])
    return Table(_("Submissions this report is built from"),
                 [Column(_("Member state"), 2), Column(_("Package made"), 1.4), Column(_("Records"), 1, True)],
                 rows, values, sheet=_("Submissions"))


def add_sources(ctx: ReportContext, document: Document, sources: list[Source]) -> None:
    """The closing section: which submissions (state and date of its package) the report was built from."""
    _ = ctx._
    document.add(Heading(_("Submissions this report is built from")),
                 Text(_("The last package received from each member state whose records this report counts. "
                        "A record held by several states is counted once."), style="note"))
    if sources:
        document.add(sources_table(ctx, sources))
    else:
        document.add(Text(_("No member state's records are in this database yet.")))


def read_sources(ctx: ReportContext) -> list[Source]:
    return network_data.sources(ctx.db, network_filter(ctx))
