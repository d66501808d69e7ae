"""``agreements list|export-ewp|import-ewp``: the agreement register from the command line, through the
services the GUI uses (the list is the same query, in the same order, as the Agreements page)."""

from __future__ import annotations

import json
import sys

from desktop_app.cli.common import add_json_flag, open_db, print_table, writing_db
from desktop_app.i18n import _


def register(subparsers) -> None:
    parser = subparsers.add_parser("agreements", help=_("agreements and strategic partnerships"))
    commands = parser.add_subparsers(dest="agreements_command", metavar=_("COMMAND"), required=True)
    listing = commands.add_parser("list", help=_("list agreements, soonest to expire first"))
    # Kinds and statuses are checked when the command runs: the domain is not imported to parse.
    listing.add_argument("--kind", metavar=_("KIND"), help=_("only this kind, e.g. bilateral"))
    listing.add_argument("--status", metavar=_("STATUS"), help=_("only this status, e.g. active"))
    listing.add_argument("--search", metavar=_("TEXT"),
                         help=_("words to find in titles, numbers, parties and signatories"))
    listing.add_argument("--expiring", action="store_true",
                         help=_("only agreements in force that end within the warning period of the preferences"))
    listing.add_argument("--expiring-within", type=int, metavar=_("DAYS"),
                         help=_("only agreements in force that end within DAYS days"))
    listing.add_argument("--sort", metavar=_("KEY"), default="ends",
                         help=_("order of the list: ends (default), title, reference, kind, status, parties or signed"))
    listing.add_argument("--descending", action="store_true", help=_("reverse the order"))
    add_json_flag(listing)
    listing.set_defaults(func=run_list)
    export = commands.add_parser("export-ewp", help=_("write an agreement as an EWP inter-institutional agreement"))
    export.add_argument("id", type=int, metavar="ID")
    export.add_argument("--out", required=True, metavar=_("FILE"))
    export.set_defaults(func=run_export)
    imported = commands.add_parser("import-ewp", help=_("read EWP inter-institutional agreements from a file"))
    imported.add_argument("file", metavar=_("FILE"))
    imported.add_argument("--dry-run", action="store_true",
                          help=_("show what the file would create and change, write nothing"))
    imported.set_defaults(func=run_import)


def query_of(args):
    """The query the Agreements page would make with the same filters (horizon from the preferences)."""
    from desktop_app.domain.agreements import AgreementKind, AgreementStatus
    from desktop_app.domain.errors import UserError
    from desktop_app.i18n import current_language
    from desktop_app.services.agreement_search import SORT_KEYS, AgreementQuery
    from desktop_app.storage.preferences_file import PreferencesFile

    for name, value, known in (("kind", args.kind, [kind.value for kind in AgreementKind]),
                               ("status", args.status, [status.value for status in AgreementStatus]),
                               ("sort", args.sort, [key for key in SORT_KEYS if key != "id"])):
        if value is not None and value not in known:
            raise UserError("--{name} cannot be “{value}”; use one of: {known}.", field=name, name=name, value=value,
                            known=", ".join(known))
    options = PreferencesFile().options()
    horizon = options.expiry_horizon_days
    if args.expiring_within is not None:
        if args.expiring_within < 0:
            raise UserError("The number of days must be zero or more, not {value}.", field="expiring-within",
                            value=args.expiring_within)
        horizon = args.expiring_within
    return AgreementQuery(search=args.search or "", kind=args.kind, status=args.status,
                          expiring=args.expiring or args.expiring_within is not None, horizon_days=horizon,
                          sort=args.sort, descending=args.descending, lang=current_language())


def run_list(args) -> int:
    from desktop_app.domain.agreements import KIND_LABELS, STATUS_LABELS, end_text
    from desktop_app.services import agreements

    query = query_of(args)
    db = open_db(args)
    try:
        rows = agreements.iterate(db, query)
        if args.json:  # streamed: each page is written as it arrives
            sys.stdout.write("[")
            for index, row in enumerate(rows):
                sys.stdout.write(("," if index else "") + "\n  " + json.dumps(row.as_json(), ensure_ascii=False))
            sys.stdout.write("\n]\n")
            return 0
        table = [[str(r.id), r.title, _(KIND_LABELS.get(r.kind, r.kind)), _(STATUS_LABELS.get(r.status, r.status)),
                  end_text(r.valid_to, r.days_left, r.expiring),
                  parties_text((*r.parties, *r.organisation_parties))] for r in rows]
    finally:
        db.close()
    print_table(table, [_("Id"), _("Title"), _("Kind"), _("Status"), _("Valid to"), _("Parties")])
    return 0


def parties_text(parties) -> str:
    from desktop_app.i18n.formatting import format_list

    return format_list([party.name for party in parties])


def run_export(args) -> int:
    from desktop_app.exchange.ewp_iia import export_agreement, left_out_note

    db = open_db(args)
    try:
        path = export_agreement(db, args.id, args.out)
        note = left_out_note(db, args.id)
    finally:
        db.close()
    print(_("Wrote {path}; it satisfies the EWP IIA v7 schema.").format(path=path))
    if note is not None:
        print(note.text())
    return 0


def run_import(args) -> int:
    from desktop_app.cli.common import reading_db
    from desktop_app.exchange.ewp_import import apply_preview, preview_file

    with reading_db(args) if args.dry_run else writing_db(args) as db:
        preview = preview_file(db, args.file)
        for item in preview.items:
            _print_item(item)
        if not args.dry_run:
            outcome = apply_preview(db, preview)
    print(preview.summary(written=not args.dry_run, dry_run=args.dry_run))
    if not args.dry_run:
        for agreement_id in outcome.created:
            print(f"ID {agreement_id}")
    return 0


def _print_item(item) -> None:
    titles = {"create": _("new agreement"), "update": _("changes the agreement on record"),
              "unchanged": _("already recorded, unchanged")}
    print(_("IIA {number} ({code}): {what} — {title}").format(number=item.number, code=item.code or "—",
                                                             what=titles[item.action], title=item.draft.title))
    for change in item.changes:
        print("  " + _("{field}: {before} → {after}").format(
            field=str(change.label), before=change.before.replace("\n", "; ") or "—",
            after=change.after.replace("\n", "; ") or "—"))
    if not item.hash_matches:
        print("  " + _("Its iia-hash is not the one its cooperation conditions give (EWP v7): the partner's "
                       "system may compute it differently, or the file was edited."))
