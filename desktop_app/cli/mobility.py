"""``mobility list|matrix``, ``events list``, ``roadmap list``."""

from __future__ import annotations

from desktop_app.cli.common import add_json_flag, open_db, print_json, print_table
from desktop_app.i18n import _, formatting


def register(subparsers) -> None:
    parser = subparsers.add_parser("mobility", help=_("mobility of students, faculty and researchers"))
    commands = parser.add_subparsers(dest="mobility_command", metavar=_("COMMAND"), required=True)
    listing = commands.add_parser("list", help=_("list mobility records (personal data left out)"))
    listing.add_argument("--include-personal", action="store_true",
                         help=_("include names, e-mail addresses and dates of birth"))
    add_json_flag(listing)
    listing.set_defaults(func=run_mobility_list)
    matrix = commands.add_parser("matrix", help=_("mobility flows between member states by year"))
    matrix.add_argument("--year", type=int, metavar="YYYY")
    add_json_flag(matrix)
    matrix.set_defaults(func=run_matrix)

    events = subparsers.add_parser("events", help=_("joint conferences, symposia, workshops and projects"))
    event_commands = events.add_subparsers(dest="events_command", metavar=_("COMMAND"), required=True)
    event_list = event_commands.add_parser("list", help=_("list joint events"))
    add_json_flag(event_list)
    event_list.set_defaults(func=run_events)

    road = subparsers.add_parser("roadmap", help=_("the working group's road map"))
    road_commands = road.add_subparsers(dest="roadmap_command", metavar=_("COMMAND"), required=True)
    road_list = road_commands.add_parser("list", help=_("list the road-map actions with their status"))
    add_json_flag(road_list)
    road_list.set_defaults(func=run_roadmap)


def run_mobility_list(args) -> int:
    from desktop_app.domain.mobility import FORMAT_LABELS, PERSON_LABELS
    from desktop_app.services.mobility import list_mobility

    db = open_db(args)
    try:
        rows = list_mobility(db, reveal_personal=args.include_personal)
    finally:
        db.close()
    if args.json:
        print_json([row.as_json(include_personal=args.include_personal) for row in rows])
        return 0
    headers = ([_("Person")] if args.include_personal else []) + [
        _("Category"), _("Format"), _("From"), _("To"), _("Start"), _("End")]
    print_table([([r.person_name] if args.include_personal else []) + [
        _(PERSON_LABELS[r.person_kind]), _(FORMAT_LABELS[r.format]),
        f"{r.sending_university} ({r.sending_country})", f"{r.receiving_university} ({r.receiving_country})",
        formatting.format_date(r.start_date), formatting.format_date(r.end_date)] for r in rows], headers)
    return 0


def run_matrix(args) -> int:
    from desktop_app.services.mobility import flow_matrix

    db = open_db(args)
    try:
        matrix = flow_matrix(db, args.year)
    finally:
        db.close()
    if args.json:
        print_json(matrix.as_json())
        return 0
    years = sorted({c["year"] for c in matrix.cells})
    for year in years:
        print(_("Year {year}").format(year=year))
        print_table([[state] + [formatting.format_number(matrix.count(state, to, year)) for to in matrix.states]
                     for state in matrix.states], [_("From \\ to")] + matrix.states)
        print()
    if not years:
        print(_("No mobility recorded."))
    return 0


def run_events(args) -> int:
    from desktop_app.domain.mobility import EVENT_LABELS
    from desktop_app.services.mobility import list_events

    db = open_db(args)
    try:
        rows = list_events(db)
    finally:
        db.close()
    if args.json:
        print_json([row.as_json() for row in rows])
        return 0
    print_table([[str(r.id), _(EVENT_LABELS[r.kind]), r.title, formatting.format_date(r.start_date), r.host,
                  formatting.format_number(r.participants)] for r in rows],
                ["ID", _("Kind"), _("Title"), _("Start"), _("Host"), _("Participants")])
    return 0


def run_roadmap(args) -> int:
    from desktop_app.domain.roadmap import ACTION_STATUS_LABELS
    from desktop_app.services.roadmap import list_actions

    db = open_db(args)
    try:
        rows = list_actions(db)
    finally:
        db.close()
    if args.json:
        print_json([dict(row.as_json(), title=_(row.title_en)) for row in rows])
        return 0
    print_table([[str(r.number), _(r.title_en)[:70], r.deadline,
                  _(ACTION_STATUS_LABELS.get(r.status, r.status)) + (" ⚠ " + _("overdue") if r.overdue else "")]
                 for r in rows], ["#", _("Action"), _("Deadline"), _("Status")])
    return 0
