"""``agreements list|export-ewp|import-ewp``."""

from __future__ import annotations

from desktop_app.cli.common import add_json_flag, open_db, print_json, print_table, writing_db
from desktop_app.i18n import _, formatting, ngettext


def register(subparsers) -> None:
    parser = subparsers.add_parser("agreements", help=_("agreements and strategic partnerships"))
    commands = parser.add_subparsers(dest="agreements_command", metavar=_("COMMAND"), required=True)
    listing = commands.add_parser("list", help=_("list agreements, soonest to expire first"))
    listing.add_argument("--expiring-within", type=int, metavar=_("DAYS"),
                         help=_("only agreements in force that end within DAYS days"))
    add_json_flag(listing)
    listing.set_defaults(func=run_list)
    export = commands.add_parser("export-ewp", help=_("write an agreement as an EWP inter-institutional agreement"))
    export.add_argument("id", type=int, metavar="ID")
    export.add_argument("--out", required=True, metavar=_("FILE"))
    export.set_defaults(func=run_export)
    imported = commands.add_parser("import-ewp", help=_("read EWP inter-institutional agreements from a file"))
    imported.add_argument("file", metavar=_("FILE"))
    imported.set_defaults(func=run_import)


def run_list(args) -> int:
    from desktop_app.domain.agreements import KIND_LABELS, STATUS_LABELS
    from desktop_app.services.agreements import list_agreements

    db = open_db(args)
    try:
        rows = list_agreements(db, expiring_within=args.expiring_within)
    finally:
        db.close()
    if args.json:
        print_json([row.as_json() for row in rows])
        return 0
    print_table([[str(r.id), r.title, _(KIND_LABELS[r.kind]), _(STATUS_LABELS[r.status]),
                  formatting.format_date(r.valid_to) if r.valid_to else "—",
                  ", ".join(p["name"] for p in r.parties[:3]) + (" …" if len(r.parties) > 3 else "")]
                 for r in rows],
                ["ID", _("Title"), _("Kind"), _("Status"), _("Valid to"), _("Parties")])
    return 0


def run_export(args) -> int:
    from desktop_app.exchange.ewp_iia import export_agreement

    db = open_db(args)
    try:
        path = export_agreement(db, args.id, args.out)
    finally:
        db.close()
    print(_("Wrote {path}; it satisfies the EWP IIA v7 schema.").format(path=path))
    return 0


def run_import(args) -> int:
    from desktop_app.exchange.ewp_iia import import_file

    with writing_db(args) as db:
        result = import_file(db, args.file)
    print(ngettext("Imported {count} agreement.", "Imported {count} agreements.", len(result.created)).format(
        count=len(result.created)))
    for iia_id in result.skipped:
        print(_("Skipped {id}: the agreement is already recorded.").format(id=iia_id))
    for agreement_id in result.created:
        print(f"ID {agreement_id}")
    return 0
