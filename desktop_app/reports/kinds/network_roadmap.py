"""Road-map progress by member state: whether each state has sent its package, named its parent
university, signed the network memorandum, has members in the working group and runs joint
programmes. Members of the working group are counted, never named."""

from __future__ import annotations

from desktop_app.domain.reference import MEMBER_STATES
from desktop_app.i18n import N_
from desktop_app.i18n.formatting import format_date
from desktop_app.reports.kinds.common import in_order, number, state, university_names
from desktop_app.reports.kinds.network_common import add_sources, network_document, network_filter, read_sources
from desktop_app.reports.model import Chart, Column, Document, Heading, Table, Text
from desktop_app.reports.registry import ReportContext, ReportKind
from desktop_app.services import network_records, network_submissions

STATUS_TITLES = network_submissions.STATUS_TITLES


def gather(ctx: ReportContext) -> Document:
    _ = ctx._
    lang = ctx.options.lang
    sources = read_sources(ctx)
    flt = network_filter(ctx)
    codes = list(flt.states) or [s.code for s in MEMBER_STATES]
    progress = network_records.roadmap_by_state(ctx.db, flt, codes)
    submissions = {s.state: s for s in network_submissions.submissions(ctx.db, ctx.options.preferences,
                                                                         ctx.options.today)}
    names = university_names(ctx, [p.parent_id for p in progress.values() if p.parent_id])
    document = network_document(ctx, _("Road-map progress by member state"),
                                _("Parent universities, the network memorandum, the working group and joint "
                                  "programmes, state by state"), sources)
    rows, values, shaded = [], [], set()
    for index, code in enumerate(in_order(ctx, codes)):
        item = progress[code]
        submission = submissions.get(code)
        if submission is None:
            sent = sent_value = "—"
        elif submission.own:
            sent = sent_value = _("this database")
        elif submission.made is None:
            sent = sent_value = _(STATUS_TITLES[submission.status])
        else:
            sent = _("{status}, {date}").format(status=_(STATUS_TITLES[submission.status]),
                                                 date=format_date(submission.made.date(), "medium", lang))
            sent_value = sent
        parent = names.get(item.parent_id, item.parent_name) if item.parent_id else "—"
        memorandum = (format_date(item.memorandum_signed, "medium", lang) if item.memorandum_signed else
                      _("signed") if item.memorandum else "—")
        done = sum((item.parent_id is not None, item.memorandum, item.members > 0, item.programmes_running > 0))
        if done == 0:
            shaded.add(index)
        rows.append([state(ctx, code), sent, parent, memorandum, number(ctx, item.members),
                     number(ctx, item.programmes_running)])
        values.append([state(ctx, code), sent_value, parent if item.parent_id else "",
                       item.memorandum_signed or (_("signed") if item.memorandum else ""), item.members,
                       item.programmes_running])
    counted = [(_("Parent university named"), sum(1 for p in progress.values() if p.parent_id)),
               (_("Network memorandum signed"), sum(1 for p in progress.values() if p.memorandum)),
               (_("Members in the working group"), sum(1 for p in progress.values() if p.members)),
               (_("Joint programmes running"), sum(1 for p in progress.values() if p.programmes_running))]
    document.add(
        Heading(_("Summary")),
        Chart("bar", _("Member states at each step"), [title for title, _n in counted], [n for _t, n in counted],
              [number(ctx, n) for _t, n in counted]),
        Heading(_("Member states")),
        Text(_("Working-group members are counted, never named. A state with none of the four steps is shaded."),
             style="note"),
        Table(_("Road-map progress by member state"),
              [Column(_("Member state"), 1.5), Column(_("Package"), 1.4), Column(_("Parent university"), 2.6),
               Column(_("Network memorandum"), 1.2), Column(_("Working group"), 0.9, True),
               Column(_("Programmes running"), 0.9, True)], rows, values, sheet=_("By state"),
              highlight=frozenset(shaded)),
    )
    add_sources(ctx, document, sources)
    return document


KIND = ReportKind("network-roadmap", N_("Road-map progress by member state"), tabular=True, gather=gather,
                  network=True, uses_area=True,
                  description=N_("Which member states have a parent university, a signed memorandum, working-group "
                                 "members and programmes running"))
