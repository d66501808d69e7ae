"""``mobility list|matrix``, ``events list``, ``roadmap list|set-status|meetings|members``: the same services
and the same filters as the Mobility & events and Road map pages (the life cycle's commands are in
mobility_lifecycle.py)."""

from __future__ import annotations

from desktop_app.cli.common import add_json_flag, open_db, print_json, print_table
from desktop_app.i18n import _, formatting


def register(subparsers) -> None:
    parser = subparsers.add_parser("mobility", help=_("mobility of students, faculty and researchers"))
    commands = parser.add_subparsers(dest="mobility_command", metavar=_("COMMAND"), required=True)
    listing = commands.add_parser("list", help=_("list mobility records (personal data left out)"))
    listing.add_argument("--year", type=int, metavar="YYYY", help=_("only mobility starting in this year"))
    listing.add_argument("--format", dest="mobility_format", metavar=_("FORMAT"),
                         help=_("only this format: short_term, semester, internship, guest_lecture, masters_1_1"))
    listing.add_argument("--person-kind", metavar=_("KIND"), help=_("only students, faculty or researchers"))
    listing.add_argument("--search", default="", metavar=_("TEXT"),
                         help=_("words to find in names, universities, funding and notes"))
    listing.add_argument("--include-personal", action="store_true",
                         help=_("include names, e-mail addresses and dates of birth"))
    add_json_flag(listing)
    listing.set_defaults(func=run_mobility_list)
    matrix = commands.add_parser("matrix", help=_("mobility flows between member states by year"))
    matrix.add_argument("--year", type=int, metavar="YYYY")
    add_json_flag(matrix)
    matrix.set_defaults(func=run_matrix)
    from desktop_app.cli.mobility_lifecycle import register_steps

    register_steps(commands)

    events = subparsers.add_parser("events", help=_("joint conferences, symposia, workshops and projects"))
    event_commands = events.add_subparsers(dest="events_command", metavar=_("COMMAND"), required=True)
    event_list = event_commands.add_parser("list", help=_("list joint events"))
    event_list.add_argument("--year", type=int, metavar="YYYY", help=_("only events starting in this year"))
    event_list.add_argument("--kind", metavar=_("KIND"),
                            help=_("only this kind: conference, symposium, workshop, summer_school, research_project"))
    event_list.add_argument("--search", default="", metavar=_("TEXT"),
                            help=_("words to find in titles, outcomes and universities"))
    add_json_flag(event_list)
    event_list.set_defaults(func=run_events)

    road = subparsers.add_parser("roadmap", help=_("the working group's road map"))
    road_commands = road.add_subparsers(dest="roadmap_command", metavar=_("COMMAND"), required=True)
    road_list = road_commands.add_parser("list", help=_("list the road-map actions with their status"))
    road_list.add_argument("--overdue", action="store_true", help=_("only actions past their deadline"))
    add_json_flag(road_list)
    road_list.set_defaults(func=run_roadmap)
    status = road_commands.add_parser("set-status", help=_("record the status of a road-map action"))
    status.add_argument("number", type=int, help=_("the action's number"))
    status.add_argument("status", choices=["planned", "in_progress", "done"])
    status.add_argument("--notes", metavar=_("TEXT"), help=_("replace the action's notes"))
    status.set_defaults(func=run_set_status)
    from desktop_app.cli import roadmap_changes

    roadmap_changes.register(road_commands)
    meeting_list = road_commands.add_parser("meetings", help=_("list the expert meetings"))
    meeting_list.add_argument("--search", default="", metavar=_("TEXT"))
    add_json_flag(meeting_list)
    meeting_list.set_defaults(func=run_meetings)
    member_list = road_commands.add_parser("members", help=_("list the working group's members (names masked)"))
    member_list.add_argument("--country", metavar="CC")
    member_list.add_argument("--search", default="", metavar=_("TEXT"))
    member_list.add_argument("--include-personal", action="store_true", help=_("include names and e-mail addresses"))
    add_json_flag(member_list)
    member_list.set_defaults(func=run_members)


def run_mobility_list(args) -> int:
    from desktop_app.domain.mobility import FORMAT_LABELS, PERSON_LABELS
    from desktop_app.services import mobility

    query = mobility.MobilityQuery(search=args.search, year=args.year, format=args.mobility_format,
                                   person_kind=args.person_kind, reveal_personal=args.include_personal)
    db = open_db(args)
    try:
        if args.include_personal:
            from desktop_app.services import data_access

            data_access.record_reveal(db, "command line mobility list")
        rows = list(mobility.iterate(db, query))
    finally:
        db.close()
    if args.json:
        print_json([row.as_json(include_personal=args.include_personal) for row in rows])
        return 0
    headers = ([_("Person")] if args.include_personal else []) + [
        _("Category"), _("Format"), _("From"), _("To"), _("Start"), _("End")]
    print_table([([r.person_name] if args.include_personal else []) + [
        _(PERSON_LABELS.get(r.person_kind, r.person_kind)), _(FORMAT_LABELS.get(r.format, r.format)),
        _("{university} ({country})").format(university=r.sending_university,
                                             country=formatting.country_name(r.sending_country)),
        _("{university} ({country})").format(university=r.receiving_university,
                                             country=formatting.country_name(r.receiving_country)),
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
    from desktop_app.services import events

    db = open_db(args)
    try:
        rows = list(events.iterate(db, events.EventQuery(search=args.search, year=args.year, kind=args.kind)))
    finally:
        db.close()
    if args.json:
        print_json([row.as_json() for row in rows])
        return 0
    print_table([[str(r.id), _(EVENT_LABELS.get(r.kind, r.kind)), r.title, formatting.format_date(r.start_date),
                  r.host, formatting.format_number(r.participants)] for r in rows],
                ["ID", _("Kind"), _("Title"), _("Start"), _("Host"), _("Participants")])
    return 0


def run_roadmap(args) -> int:
    from desktop_app.domain.roadmap import ACTION_STATUS_LABELS, OVERDUE_FLAG, deadline_label
    from desktop_app.services import roadmap

    db = open_db(args)
    try:
        rows = list(roadmap.iterate(db, roadmap.ActionQuery(overdue_only=args.overdue)))
        if args.json:
            print_json([dict(row.as_json(), title=_(row.title_en),
                             deadline_history=[change.as_json() for change in roadmap.deadline_history(db, row.id)])
                        for row in rows])
            return 0
    finally:
        db.close()

    def status(row) -> str:
        label = _(ACTION_STATUS_LABELS.get(row.status, row.status))
        return _(OVERDUE_FLAG).format(status=label) if row.overdue else label

    print_table([[str(r.number), _(r.title_en)[:70],
                  deadline_label(r.deadline_year, r.deadline_quarter_from, r.deadline_quarter_to, _), status(r)]
                 for r in rows],
                ["#", _("Action"), _("Deadline"), _("Status")])
    return 0


def run_set_status(args) -> int:
    from desktop_app.domain.errors import NotFoundError
    from desktop_app.domain.roadmap import ACTION_STATUS_LABELS
    from desktop_app.services import roadmap

    db = open_db(args)
    try:
        action = next((row for row in roadmap.iterate(db) if row.number == args.number), None)
        if action is None:
            raise NotFoundError("The road map has no action number {number}.", number=args.number)
        roadmap.set_status(db, action.id, args.status, args.notes)
    finally:
        db.close()
    print(_("Action {number}: {status}").format(number=args.number, status=_(ACTION_STATUS_LABELS[args.status])))
    return 0


def run_meetings(args) -> int:
    from desktop_app.services import meetings

    db = open_db(args)
    try:
        rows = list(meetings.iterate(db, meetings.MeetingQuery(search=args.search)))
    finally:
        db.close()
    if args.json:
        print_json([row.as_json() for row in rows])
        return 0
    print_table([[formatting.format_date(r.held_on), r.title, r.place, str(r.action_number or "")] for r in rows],
                [_("Date"), _("Meeting"), _("Place"), _("Road-map action")])
    return 0


def run_members(args) -> int:
    from desktop_app.services import working_group

    query = working_group.MemberQuery(search=args.search, country=args.country,
                                      reveal_personal=args.include_personal)
    db = open_db(args)
    try:
        rows = list(working_group.iterate(db, query))
    finally:
        db.close()
    if args.json:
        print_json([row.as_json() for row in rows])
        return 0
    print_table([[formatting.country_name(r.country_code), r.name, r.email, r.organisation, r.role] for r in rows],
                [_("State"), _("Full name"), _("E-mail"), _("Organisation"), _("Role")])
    return 0
