"""``organisations list``: the organisations besides universities, with the same filters as the
Organisations page."""

from __future__ import annotations

from desktop_app.cli.common import add_json_flag, print_json, print_table, reading_db
from desktop_app.i18n import _, current_language, formatting


def register(subparsers) -> None:
    from desktop_app.domain.organisations import OrganisationKind, StandingKind

    parser = subparsers.add_parser("organisations", help=_("ministries, agencies, associations, enterprises and "
                                                            "international bodies"))
    commands = parser.add_subparsers(dest="organisations_command", metavar=_("COMMAND"), required=True)
    listing = commands.add_parser("list", help=_("list the organisations"))
    listing.add_argument("--kind", choices=[str(kind) for kind in OrganisationKind], help=_("only this kind"))
    listing.add_argument("--country", metavar="CC", help=_("only organisations of this country"))
    listing.add_argument("--standing", choices=[str(kind) for kind in StandingKind],
                         help=_("only agencies with this standing in force today"))
    listing.add_argument("--search", default="", metavar=_("TEXT"),
                         help=_("words to find in names in any language, acronyms, cities and contacts"))
    add_json_flag(listing)
    listing.set_defaults(func=run_list)


def run_list(args) -> int:
    import datetime as dt

    from desktop_app.domain.organisations import KIND_LABELS, STANDING_LABELS
    from desktop_app.services import organisations

    query = organisations.OrganisationQuery(search=args.search, kind=args.kind, country=args.country,
                                            standing=args.standing)
    with reading_db(args) as db:
        rows = list(organisations.iterate(db, query))
    if args.json:
        print_json([row.as_json() for row in rows])
        return 0
    today, lang = dt.date.today(), current_language()
    def standings(row) -> str:
        return formatting.format_list([_(STANDING_LABELS.get(kind, kind)) for kind in row.standings_in_force(today)])

    print_table([[str(row.id), row.name_for(lang), row.acronym, _(KIND_LABELS.get(row.kind, row.kind)),
                  formatting.country_name(row.country_code) if row.country_code else _("International"),
                  standings(row)] for row in rows],
                ["ID", _("Name"), _("Acronym"), _("Kind"), _("Country"), _("Standing in force")])
    return 0
