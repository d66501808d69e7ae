"""``universities list|import|export``: the register from the command line, through the GUI's services."""

from __future__ import annotations

import sys

from desktop_app.cli.common import add_json_flag, open_db, print_json, print_table, reading_db, writing_db
from desktop_app.i18n import _, ngettext


def register(subparsers) -> None:
    parser = subparsers.add_parser("universities", help=_("the register of partner universities"))
    sub = parser.add_subparsers(dest="universities_command", required=True, metavar=_("ACTION"))

    listing = sub.add_parser("list", help=_("list universities, filtered and searched"))
    listing.add_argument("--country", metavar="CC", help=_("ISO 3166 country code, e.g. KZ"))
    listing.add_argument("--status", metavar="S", help=_("membership status, e.g. active"))
    listing.add_argument("--search", metavar="TEXT", help=_("words to find in names, acronyms, cities and contacts"))
    add_json_flag(listing)
    listing.set_defaults(func=list_cmd)

    importing = sub.add_parser("import", help=_("import universities or rankings from a file"))
    importing.add_argument("file", metavar="FILE")
    importing.add_argument("--format", choices=["ror", "csv", "xlsx", "rankings"],
                           help=_("format of the file (default: guessed from its name and columns)"))
    importing.add_argument("--dry-run", action="store_true", help=_("check the file and count, write nothing"))
    add_json_flag(importing)
    importing.set_defaults(func=import_cmd)

    exporting = sub.add_parser("export", help=_("export the register to CSV or XLSX"))
    exporting.add_argument("--format", choices=["csv", "xlsx"], required=True)
    exporting.add_argument("--out", metavar="FILE", required=True, help=_("file to write"))
    exporting.set_defaults(func=export_cmd)


def list_cmd(args) -> int:
    from desktop_app.services import university_search
    from desktop_app.services.university_search import UniversityQuery

    query = UniversityQuery(search=args.search or "", country=args.country, status=args.status)
    db = open_db(args)
    try:
        listings = [item for batch in university_search.iterate(db, query) for item in batch]
    finally:
        db.close()
    if args.json:
        print_json([item.as_json() for item in listings])
    else:
        print_table([[str(i.row.id), i.row.country_code, i.row.ror_id or "", i.row.status, i.row.display_name]
                     for i in listings], [_("Id"), _("Country"), _("ROR"), _("Status"), _("Name")])
    return 0


def import_cmd(args) -> int:
    from desktop_app.exchange.university_import import apply_import, preview_import

    with reading_db(args) if args.dry_run else writing_db(args) as db:
        preview = preview_import(db, args.file, args.format)
        if not args.dry_run and preview.writable:
            apply_import(db, preview)
    counts = preview.counts
    if args.json:
        print_json({**counts, "dry_run": args.dry_run, "written": preview.writable and not args.dry_run,
                    "rejected_rows": [{"line": r.line, "field": r.field, "message": r.message}
                                      for r in preview.rejected],
                    "unmatched_rows": [{"line": line, "institution": name, "country": country}
                                       for line, name, country in preview.unmatched]})
    else:
        from desktop_app.exchange.university_import import summary

        print(summary(preview, written=preview.writable and not args.dry_run, dry_run=args.dry_run))
        if preview.unmatched:
            print(_("Not matched to a university in the register: {count}").format(count=len(preview.unmatched)))
            for line, name, country in preview.unmatched:
                print(_("line {line}: {name} ({country})").format(line=line, name=name, country=country))
        for rejection in preview.rejected:
            print(_("line {line}, {field}: {message}").format(line=rejection.line, field=rejection.field,
                                                            message=rejection.message), file=sys.stderr)
        if preview.rejected:
            print(_("Correct the rejected rows and import the file again."), file=sys.stderr)
    return 1 if preview.rejected else 0


def export_cmd(args) -> int:
    from desktop_app.exchange.university_export import export_register

    db = open_db(args)
    try:
        count = export_register(db, args.out, args.format)
    finally:
        db.close()
    print(ngettext("Exported {count} university to {path}", "Exported {count} universities to {path}", count)
          .format(count=count, path=args.out))
    return 0
