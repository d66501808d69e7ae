"""The network's joint curricula catalogue: every joint programme once — a programme both partner states
recorded counts once — with its partners and their states, type, level, area, status, enrolment and
the states that recorded it."""

from __future__ import annotations

from desktop_app.domain.curricula import ISCED_LEVEL_TITLES, PROGRAMME_STATUS_TITLES, PROGRAMME_TYPE_TITLES
from desktop_app.i18n import N_
from desktop_app.reports.kinds.agreement_register import label
from desktop_app.reports.kinds.common import number, university_names, with_state
from desktop_app.reports.kinds.network_common import (
    add_sources,
    area_title,
    network_document,
    network_filter,
    read_sources,
    states_text,
)
from desktop_app.reports.model import Chart, Column, Document, Heading, Table, Text
from desktop_app.reports.registry import ReportContext, ReportKind
from desktop_app.services import network_records
from desktop_app.services.collation import key_function
from desktop_app.services.network_records import Group


def programme_title(ctx: ReportContext, group: Group) -> str:
    """The programme's title in the report's language, from any state's record of it."""
    lang = ctx.options.lang
    for entry in [group.shown, *group.entries]:
        title = entry.extra.get("titles", {}).get(lang)
        if title:
            return title
    return group.shown.title


def enrolled(group: Group) -> int | None:
    """Students enrolled in the latest intake any record gives."""
    intakes: dict[str, int] = {}
    for entry in group.entries:
        intakes.update(entry.extra.get("enrolled", {}))
    return intakes[max(intakes)] if intakes else None


def gather(ctx: ReportContext) -> Document:
    _ = ctx._
    ctx.progress.report(0, 0, _("Reading the programmes…"))
    sources = read_sources(ctx)
    groups = network_records.programmes(ctx.db, network_filter(ctx))
    names = university_names(ctx, {p.university_id for g in groups for p in g.shown.parties})
    key = key_function(ctx.options.lang)
    groups.sort(key=lambda g: key(programme_title(ctx, g)))
    document = network_document(ctx, _("Joint curricula of the network"), ctx.tr.ngettext(
        "{count} joint programme", "{count} joint programmes", len(groups)).format(count=number(ctx, len(groups))),
        sources)
    rows, values, by_type = [], [], {}
    for group in groups:
        shown = group.shown
        kind = label(ctx, PROGRAMME_TYPE_TITLES, shown.kind)
        by_type[kind] = by_type.get(kind, 0) + 1
        partners = [with_state(ctx, names.get(p.university_id, ""), p.country_code) for p in shown.parties]
        level = label(ctx, ISCED_LEVEL_TITLES, shown.extra["isced_level"]) if shown.extra["isced_level"] else "—"
        area = area_title(ctx, shown.extra["area_key"]) if shown.extra["area_key"] else "—"
        status = label(ctx, PROGRAMME_STATUS_TITLES, shown.status)
        count = enrolled(group)
        recorded = states_text(ctx, group.recorded_by)
        title = programme_title(ctx, group)
        rows.append([title, kind, level, area, status, "\n".join(partners),
                     number(ctx, count) if count is not None else "—", recorded])
        values.append([title, kind, shown.extra["isced_level"] or "", area, status, "; ".join(partners), count,
                       recorded])
    document.add(
        Heading(_("Summary")),
        Text(_("Each joint programme once: a programme recorded by several partner states (the same type, the same "
               "partners, and the same code or title) is counted once."), style="note"),
        Chart("bar", _("Programmes by type"), list(by_type), list(by_type.values()),
              [number(ctx, n) for n in by_type.values()]),
        Heading(_("Joint programmes")),
        Table(_("Joint programmes"), [Column(_("Programme"), 2.4), Column(_("Type"), 1.2), Column(_("Level"), 1.0),
                                      Column(_("Area of cooperation"), 1.4), Column(_("Status"), 0.9),
                                      Column(_("Partners"), 2.8), Column(_("Enrolled"), 0.8, True),
                                      Column(_("Recorded by"), 1.4)],
              rows, values, sheet=_("Programmes")),
    )
    if not groups:
        document.add(Text(_("No joint programme recorded.")))
    add_sources(ctx, document, sources)
    return document


KIND = ReportKind("network-curricula", N_("Joint curricula of the network"), tabular=True, gather=gather,
                  network=True, uses_year=True, uses_area=True,
                  description=N_("Every joint programme of the network once, with its partners, their states and "
                                 "the states that recorded it"))
