"""The network dashboard: one page for a working-group meeting — the network's figures (each
institution, agreement and programme counted once), who has sent a package, and what changed since the
previous meeting.

The previous meeting is the day the user gives (``since``), else the working group's last meeting before
the report's date in its governance records (the expert meetings); with neither, the page says so."""

from __future__ import annotations

from desktop_app.domain.reference import MEMBER_CODES
from desktop_app.i18n import N_
from desktop_app.i18n.formatting import format_date, format_list
from desktop_app.reports.kinds.common import in_order, number, state
from desktop_app.reports.kinds.network_common import network_document, network_filter, read_sources
from desktop_app.reports.model import Chart, Document, Heading, KeyValues, Text
from desktop_app.reports.registry import ReportContext, ReportKind
from desktop_app.services import network_data, network_records, network_submissions
from desktop_app.services.network_data import NetworkFilter


def gather(ctx: ReportContext) -> Document:
    _ = ctx._
    lang = ctx.options.lang
    today = ctx.options.today
    flt = network_filter(ctx)
    ctx.progress.report(0, 4, _("Counting…"))
    sources = read_sources(ctx)
    submissions = [s for s in network_submissions.submissions(ctx.db, ctx.options.preferences, today)
                   if s.state in MEMBER_CODES and flt.keeps(s.state)]
    counts = network_submissions.summary(submissions)
    institutions = network_data.institutions(ctx.db, flt)
    agreements = network_records.agreements(ctx.db, flt)
    programmes = network_records.programmes(ctx.db, NetworkFilter(flt.states, None, flt.area))
    ctx.progress.report(1, 4, "")
    stays = sum(f.count for f in network_data.mobility_flows(ctx.db, flt))
    cases = network_data.recognition_figures(ctx.db, flt).total
    document = network_document(ctx, _("Network dashboard"), _("For the meeting of the working group"), sources)
    document.cover = False
    in_force = sum(1 for g in agreements if g.shown.status in ("signed", "active"))
    document.add(
        Heading(_("Figures")),
        KeyValues([
            (_("Member states that sent a package"), _("{count} of {total}").format(
                count=number(ctx, counts["current"] + counts["late"]), total=number(ctx, len(submissions)))),
            (_("Late packages"), number(ctx, counts["late"])),
            (_("Universities of the network"), number(ctx, len(institutions))),
            (_("Held by more than one member state"), number(ctx, sum(1 for i in institutions if len(i.holders) > 1))),
            (_("Agreements in force"), number(ctx, in_force)),
            (_("Joint programmes"), number(ctx, len(programmes))),
            (_("Mobility"), number(ctx, stays)),
            (_("Recognition cases"), number(ctx, cases)),
        ]),
    )
    ctx.progress.report(2, 4, "")
    per_state: dict[str, int] = {}
    for institution in institutions:
        for code in institution.holders:
            per_state[code] = per_state.get(code, 0) + 1
    top = sorted(per_state.items(), key=lambda item: (-item[1], item[0]))[:10]
    statuses = [(title, counts[key]) for key, title in network_submissions.STATUS_TITLES.items()]
    document.add(
        Chart("pie", _("Packages of the member states"), [_(t) for t, _n in statuses], [n for _t, n in statuses],
              [number(ctx, n) for _t, n in statuses]),
        Chart("bar", _("Universities in each state's register"), [state(ctx, c) for c, _n in top],
              [n for _c, n in top], [number(ctx, n) for _c, n in top]),
    )
    ctx.progress.report(3, 4, "")
    meeting = network_records.previous_meeting(ctx.db, today)
    since = ctx.options.since or (meeting.held_on if meeting else None)
    if since is None:
        document.add(Heading(_("Since the previous meeting")),
                     Text(_("No previous meeting is recorded; give the date of the previous meeting to see what "
                            "changed since.")))
    else:
        changes = network_records.changes_since(ctx.db, flt, since)
        when = format_date(since, "long", lang)
        heading = (_("Since the previous meeting ({date}, {title})").format(date=when, title=meeting.title)
                   if meeting and not ctx.options.since else _("Since {date}").format(date=when))
        sent = format_list([_("{state} ({date})").format(state=state(ctx, code), date=format_date(made.date(),
                                                                                                  "medium", lang))
                            for code, made in changes.packages], lang) or "—"
        document.add(Heading(heading), KeyValues([
            (_("Packages received"), sent),
            (_("New universities"), number(ctx, changes.institutions)),
            (_("New agreements"), number(ctx, changes.agreements)),
            (_("New joint programmes"), number(ctx, changes.programmes)),
            (_("New mobility records"), number(ctx, changes.mobility)),
            (_("New recognition cases"), number(ctx, changes.recognition_cases)),
        ]))
    missing = in_order(ctx, [s.state for s in submissions if s.status == network_submissions.MISSING])
    built = [_("{state} ({date})").format(state=state(ctx, s.state), date=format_date(s.made.date(), "medium", lang))
             if s.made else state(ctx, s.state) for s in in_order(ctx, sources, lambda s: state(ctx, s.state))]
    document.add(Text(_("Built from the submissions of {states}. No package yet from {missing}.").format(
        states=format_list(built, lang) or "—", missing=format_list([state(ctx, c) for c in missing], lang) or "—"),
        style="note"))
    ctx.progress.report(4, 4, "")
    return document


KIND = ReportKind("network-dashboard", N_("Network dashboard"), tabular=False, gather=gather, network=True,
                  uses_area=True, uses_since=True,
                  description=N_("One page for a meeting of the working group: figures, charts and what changed "
                                 "since the previous meeting"))
