"""Decisions follow-up: what a council or working-group meeting goes through — the follow-up actions of
the register of decisions still to be done, overdue ones first (flagged in words and shaded, as the
road-map report flags its overdue actions), then by deadline; each with who answers for it and the
decision, the body that adopted it and when. A summary counts them by responsible actor. One body, or all.
"""

from __future__ import annotations

from desktop_app.domain.errors import NotFoundError
from desktop_app.domain.governance import FOLLOW_UP_STATUS_LABELS
from desktop_app.i18n import N_
from desktop_app.i18n.formatting import format_date
from desktop_app.reports.kinds.common import new_document, number, university_names
from desktop_app.reports.model import Column, Document, Heading, Table, Text
from desktop_app.reports.registry import ReportContext, ReportKind
from desktop_app.services import bodies, decisions, organisations
from desktop_app.services.collation import sort_key


def _responsible(ctx: ReportContext, actions) -> dict[int, str]:
    """{action id: who answers for it}, organisations and universities named for the report's reader."""
    lang = ctx.options.lang
    named_organisations = organisations.names_for_reader(
        ctx.db, [a.organisation_id for a in actions if a.organisation_id is not None], lang)
    named_universities = university_names(ctx, [a.university_id for a in actions if a.university_id is not None])
    found = {}
    for action in actions:
        if action.organisation_id is not None:
            found[action.id] = named_organisations.get(action.organisation_id, action.responsible)
        elif action.university_id is not None:
            found[action.id] = named_universities.get(action.university_id, action.responsible)
        else:
            found[action.id] = action.responsible
    return found


def gather(ctx: ReportContext) -> Document:
    _ = ctx._
    lang, today = ctx.options.lang, ctx.options.today
    body_id = ctx.options.body_id
    actions = decisions.follow_ups(ctx.db, today, body_id)  # overdue first, then by deadline
    adopted = {row.id: row for row in decisions.iterate(ctx.db, decisions.DecisionQuery(body_id=body_id))}
    who = _responsible(ctx, actions)
    body = ""
    if body_id is not None:
        body = next((c.label for c in bodies.choices(ctx.db, lang=lang) if c.id == body_id), "")
        if not body:
            raise NotFoundError("The body no longer exists (id {id}); perhaps it was deleted.", id=body_id)
    document = new_document(ctx, _("Follow-up of recommendations"),
                            body or _("Every body"))
    date = lambda value: format_date(value, "medium", lang) if value else "—"  # noqa: E731
    rows, values, overdue = [], [], set()
    owners: dict[str, list] = {}
    for index, action in enumerate(actions):
        decision = adopted.get(action.decision_id)
        status = _(FOLLOW_UP_STATUS_LABELS[action.status]) if action.status in FOLLOW_UP_STATUS_LABELS \
            else action.status
        late = action.overdue(today)
        if late:
            overdue.add(index)
            status = _("{status} — overdue").format(status=status)
        responsible = who.get(action.id) or "—"
        title = decision.title_for(lang) if decision else action.decision_title
        body_name = decision.body_name_for(lang) if decision else ""
        adopted_on = decision.adopted_on if decision else None
        rows.append([date(action.deadline), action.description, responsible, status, title, body_name,
                     date(adopted_on)])
        values.append([action.deadline, action.description, responsible, status, title, body_name, adopted_on])
        counts = owners.setdefault(responsible, [0, 0, None])
        counts[0] += 1
        counts[1] += late
        if action.deadline is not None and (counts[2] is None or action.deadline < counts[2]):
            counts[2] = action.deadline
    document.add(Heading(_("Follow-up actions")))
    if not actions:
        document.add(Text(_("Nothing recorded."), style="note"))
        return document
    document.add(
        Text(ctx.tr.ngettext("{count} action is past its deadline and not done: its row is shaded.",
                             "{count} actions are past their deadline and not done: their rows are shaded.",
                             len(overdue)).format(count=number(ctx, len(overdue))) if overdue else
             _("No action is past its deadline."), style="note"),
        Table(_("Follow-up actions"), [Column(_("Deadline"), 1.0), Column(_("Action"), 2.6),
                                       Column(_("Responsible"), 1.6), Column(_("Status"), 1.1),
                                       Column(_("Decision"), 2.2), Column(_("Adopted by"), 1.6),
                                       Column(_("Adopted on"), 1.0)],
              rows, values, sheet=_("Follow-up"), highlight=frozenset(overdue)),
    )
    # By responsible actor: those with overdue actions first, then alphabetically for the reader.
    order = sorted(owners, key=lambda name: (-owners[name][1], sort_key(name, lang)))
    document.add(
        Heading(_("By responsible actor")),
        Table(_("By responsible actor"), [Column(_("Responsible"), 3), Column(_("Open actions"), 1, True),
                                          Column(_("Overdue"), 1, True), Column(_("Deadline"), 1.2)],
              [[name, number(ctx, owners[name][0]), number(ctx, owners[name][1]), date(owners[name][2])]
               for name in order],
              [[name, owners[name][0], owners[name][1], owners[name][2]] for name in order],
              highlight=frozenset(i for i, name in enumerate(order) if owners[name][1])),
    )
    return document


KIND = ReportKind("decisions-follow-up", N_("Follow-up of recommendations"), tabular=True, gather=gather,
                  description=N_("The follow-up actions still to be done, overdue first, by responsible actor "
                                 "and deadline, with the body that adopted each decision and when"),
                  uses_body=True)
