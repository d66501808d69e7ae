"""Network overview: universities per member state, parent universities, membership status, and
which member states work in which areas of cooperation."""

from __future__ import annotations

from desktop_app.domain.reference import AREAS_BY_KEY
from desktop_app.domain.universities import MembershipStatus
from desktop_app.i18n import N_
from desktop_app.reports.kinds.common import in_order, new_document, number, state, status_title, university_names
from desktop_app.reports.model import Chart, Column, Document, Heading, KeyValues, Table, Text
from desktop_app.reports.registry import ReportContext, ReportKind
from desktop_app.services import report_data


def gather(ctx: ReportContext) -> Document:
    _ = ctx._
    progress = ctx.progress
    progress.report(0, 4, _("Counting universities…"))
    counts = report_data.university_counts(ctx.db)
    members = report_data.member_state_codes(ctx.db)
    parents = {row.country_code: row for row in report_data.parent_universities(ctx.db)}
    names = university_names(ctx, [row.id for row in parents.values()])
    total = sum(sum(by_status.values()) for by_status in counts.values())
    document = new_document(ctx, _("Network overview"),
                            _("The CICA Partnership Network of Leading Universities in figures"))
    document.table_of_contents = True

    # Member states first, then observers; within each, by name in the report's language.
    states = sorted(in_order(ctx, members, lambda item: state(ctx, item[0])), key=lambda item: not item[1])
    per_state_rows, per_state_values = [], []
    for code, is_member in states:
        by_status = counts.get(code, {})
        count = sum(by_status.values())
        active = by_status.get(MembershipStatus.ACTIVE, 0)
        parent = names.get(parents[code].id, parents[code].display_name) if code in parents else ""
        kind = _("Member") if is_member else _("Observer")
        per_state_rows.append([state(ctx, code), kind, number(ctx, count), number(ctx, active), parent])
        per_state_values.append([state(ctx, code), kind, count, active, parent])
    progress.check_cancelled()
    with_universities = [(code, sum(counts[code].values())) for code, _m in states if counts.get(code)]
    with_universities.sort(key=lambda item: -item[1])  # stable: equal counts stay in alphabetical order

    document.add(
        Heading(_("Summary")),
        KeyValues([
            (_("Member states"), number(ctx, sum(1 for _c, is_member in members if is_member))),
            (_("Observer states"), number(ctx, sum(1 for _c, is_member in members if not is_member))),
            (_("Universities"), number(ctx, total)),
            (_("Parent universities"), number(ctx, len(parents))),
            (_("States with universities"), number(ctx, len(with_universities))),
        ]),
        Chart("bar", _("Universities per member state"), [state(ctx, c) for c, _n in with_universities],
              [n for _c, n in with_universities], [number(ctx, n) for _c, n in with_universities]),
        Heading(_("Universities per member state")),
        Table(_("Universities per member state"),
              [Column(_("State"), 1.6), Column(_("Standing"), 0.9), Column(_("Universities"), 0.9, numeric=True),
               Column(_("Active"), 0.7, numeric=True), Column(_("Parent university"), 3.0)],
              per_state_rows, per_state_values, sheet=_("Per state")),
    )

    progress.report(1, 4, _("Parent universities…"))
    parent_rows = [[state(ctx, row.country_code), names.get(row.id, row.display_name), row.city,
                    status_title(ctx, row.status)]
                   for row in in_order(ctx, parents.values(), lambda r: state(ctx, r.country_code))]
    document.add(
        Heading(_("Parent universities")),
        Text(_("Each member state names one parent university, which coordinates the state's universities in "
               "the network."), style="note"),
        Table(_("Parent universities"), [Column(_("State"), 1.4), Column(_("University"), 3.4),
                                         Column(_("City"), 1.2), Column(_("Status"), 1.2)],
              parent_rows, sheet=_("Parents")),
    )

    progress.report(2, 4, _("Membership status…"))
    by_status: dict[str, int] = {}
    for per_state in counts.values():
        for status, count in per_state.items():
            by_status[status] = by_status.get(status, 0) + count
    ordered = [s for s in MembershipStatus if by_status.get(s)] + [s for s in by_status if s not in
                                                                    set(MembershipStatus)]
    labels = [status_title(ctx, s) for s in ordered]
    document.add(
        Heading(_("Universities by membership status")),
        Chart("pie", _("Universities by membership status"), labels, [by_status[s] for s in ordered],
              [number(ctx, by_status[s]) for s in ordered]),
        Table(_("Universities by membership status"), [Column(_("Status"), 2), Column(_("Universities"), 1, True)],
              [[label, number(ctx, by_status[s])] for label, s in zip(labels, ordered, strict=True)],
              [[label, by_status[s]] for label, s in zip(labels, ordered, strict=True)], sheet=_("By status")),
    )

    progress.report(3, 4, _("Areas of cooperation…"))
    keys, matrix = report_data.area_matrix(ctx.db)
    area_titles = [_(AREAS_BY_KEY[key].title) if key in AREAS_BY_KEY else key for key in keys]
    matrix_states = in_order(ctx, {code for code, _k in matrix})
    matrix_rows, matrix_values = [], []
    for code in matrix_states:
        cells = [matrix.get((code, key), 0) for key in keys]
        matrix_rows.append([state(ctx, code), *[number(ctx, c) if c else "·" for c in cells]])
        matrix_values.append([state(ctx, code), *cells])
    area_totals = [sum(matrix.get((code, key), 0) for code in matrix_states) for key in keys]
    document.add(
        Heading(_("Areas of cooperation by member state")),
        Text(_("Number of universities of each state working in each area of cooperation. Columns are numbered "
               "as in the list below."), style="note"),
        KeyValues([(number(ctx, i + 1), title) for i, title in enumerate(area_titles)]),
        Table(_("Areas of cooperation by member state"),
              [Column(_("State"), 2.2)] + [Column(number(ctx, i + 1), 0.6, numeric=True) for i in range(len(keys))],
              matrix_rows, matrix_values, sheet=_("Areas")),
        Chart("bar", _("Universities per area of cooperation"), area_titles, area_totals,
              [number(ctx, n) for n in area_totals]),
    )
    progress.report(4, 4, "")
    return document


KIND = ReportKind("network-overview", N_("Network overview"), tabular=True, gather=gather,
                  description=N_("Universities per member state, parent universities, membership status and "
                                 "areas of cooperation, with charts"))
