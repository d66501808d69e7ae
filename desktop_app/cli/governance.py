"""``bodies list`` and ``decisions list`` / ``decisions follow-up``: the network's bodies with their
chairmanship, the register of decisions with their follow-up actions, and what is still to be done,
overdue first — the same services and results as the Governance page."""

from __future__ import annotations

import datetime as dt

from desktop_app.cli.common import add_json_flag, print_json, print_table, reading_db
from desktop_app.i18n import _, formatting


def register(subparsers) -> None:
    from desktop_app.domain.governance import BodyKind, DecisionKind

    parser = subparsers.add_parser("bodies", help=_("the network's bodies and their chairmanship"))
    commands = parser.add_subparsers(dest="bodies_command", metavar=_("COMMAND"), required=True)
    listing = commands.add_parser("list", help=_("list the bodies with who chairs them this year"))
    listing.add_argument("--kind", choices=[str(kind) for kind in BodyKind], help=_("only this kind"))
    add_json_flag(listing)
    listing.set_defaults(func=run_bodies)

    parser = subparsers.add_parser("decisions", help=_("decisions, resolutions, recommendations and their "
                                                        "follow-up"))
    commands = parser.add_subparsers(dest="decisions_command", metavar=_("COMMAND"), required=True)
    listing = commands.add_parser("list", help=_("list the decisions with their follow-up actions"))
    listing.add_argument("--overdue", action="store_true",
                         help=_("only decisions with a follow-up action past its deadline"))
    listing.add_argument("--body", type=int, metavar="ID", help=_("only decisions of this body"))
    listing.add_argument("--kind", choices=[str(kind) for kind in DecisionKind], help=_("only this kind"))
    listing.add_argument("--search", default="", metavar=_("TEXT"), help=_("words to find in titles and actions"))
    add_json_flag(listing)
    listing.set_defaults(func=run_decisions)
    follow_up = commands.add_parser("follow-up", help=_("the follow-up actions still to be done, overdue first"))
    follow_up.add_argument("--body", type=int, metavar="ID", help=_("only decisions of this body"))
    add_json_flag(follow_up)
    follow_up.set_defaults(func=run_follow_up)


def _holder(db, chair, lang: str) -> str:
    from desktop_app.services import organisations, university_names

    if chair.organisation_id is not None:
        return organisations.names_for_reader(db, [chair.organisation_id], lang).get(chair.organisation_id, "")
    if chair.university_id is not None:
        return university_names.names_for_reader(db, [chair.university_id], lang).get(chair.university_id, "")
    return formatting.country_name(chair.country_code) if chair.country_code else ""


def run_bodies(args) -> int:
    from desktop_app.domain.governance import BODY_KIND_LABELS
    from desktop_app.i18n import current_language
    from desktop_app.services import bodies

    year, lang = dt.date.today().year, current_language()
    with reading_db(args) as db:
        rows = list(bodies.iterate(db, bodies.BodyQuery(kind=args.kind)))
        if args.json:
            print_json([row.as_json() for row in rows])
            return 0
        table = []
        for row in rows:
            chair = row.chair_in(year)
            table.append([str(row.id), row.name_for(lang), _(BODY_KIND_LABELS.get(row.kind, row.kind)),
                          _holder(db, chair, lang) if chair else ""])
    print_table(table, ["ID", _("Name"), _("Kind"), _("Chair in {year}").format(year=year)])
    return 0


def _actor(db, action, lang: str) -> str:
    from desktop_app.services import organisations, university_names

    if action.organisation_id is not None:
        return organisations.names_for_reader(db, [action.organisation_id], lang).get(action.organisation_id, "")
    if action.university_id is not None:
        return university_names.names_for_reader(db, [action.university_id], lang).get(action.university_id, "")
    return action.responsible


def run_decisions(args) -> int:
    from desktop_app.domain.governance import DECISION_KIND_LABELS
    from desktop_app.services import decisions

    today = dt.date.today()
    query = decisions.DecisionQuery(search=args.search, body_id=args.body, kind=args.kind, overdue=args.overdue,
                                    today=today)
    with reading_db(args) as db:
        rows = list(decisions.iterate(db, query))
    if args.json:
        print_json([row.as_json(today) for row in rows])
        return 0
    print_table([[str(row.id), formatting.format_date(row.adopted_on), _(DECISION_KIND_LABELS.get(row.kind, row.kind)),
                  row.title, row.body_name, formatting.format_number(row.open_actions()),
                  formatting.format_number(row.overdue_actions(today))] for row in rows],
                ["ID", _("Adopted"), _("Kind"), _("Title"), _("Body"), _("Open actions"), _("Overdue")])
    return 0


def run_follow_up(args) -> int:
    from desktop_app.domain.governance import FOLLOW_UP_STATUS_LABELS
    from desktop_app.i18n import current_language
    from desktop_app.services import decisions

    today, lang = dt.date.today(), current_language()
    with reading_db(args) as db:
        rows = decisions.follow_ups(db, today, body_id=args.body)
        if args.json:
            print_json([dict(row.as_json(today), decision={"id": row.decision_id, "title": row.decision_title})
                        for row in rows])
            return 0
        table = [[formatting.format_date(row.deadline) if row.deadline else "",
                  _("overdue") if row.overdue(today) else "", row.description, _actor(db, row, lang),
                  _(FOLLOW_UP_STATUS_LABELS.get(row.status, row.status)), row.decision_title] for row in rows]
    print_table(table, [_("Deadline"), "", _("Action"), _("Responsible"), _("Status"), _("Decision")])
    return 0
