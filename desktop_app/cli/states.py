from __future__ import annotations

from desktop_app.cli.common import add_json_flag, open_db, print_json, print_table
from desktop_app.i18n import _, current_language


def register(subparsers) -> None:
    parser = subparsers.add_parser("states", help=_("CICA member and observer states"))
    sub = parser.add_subparsers(dest="states_command", required=True, metavar=_("ACTION"))
    listing = sub.add_parser("list", help=_("list the states with their names in the chosen language"))
    listing.add_argument("--members", action="store_true", help=_("member states only"))
    add_json_flag(listing)
    listing.set_defaults(func=list_cmd)


def list_cmd(args) -> int:
    from desktop_app.services.states import list_states

    db = open_db(args)
    try:
        states = list_states(db, current_language(), members_only=args.members)
    finally:
        db.close()
    if args.json:
        print_json([state.as_json() for state in states])
    else:
        print_table(
            [[s.code, s.name, _("member") if s.member else _("observer")] for s in states],
            [_("Code"), _("Name"), _("Status")],
        )
    return 0
