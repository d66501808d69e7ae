"""``package`` and ``keys``: the national data package from the command line (the same calls as the
Exchange page). ``package import`` exits 0 when the package was applied cleanly, 3 when conflicts
remain for a decision, 1 when the package was refused (nothing written)."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from desktop_app.cli.common import add_json_flag, open_db, print_json, print_table
from desktop_app.i18n import _

EXIT_CONFLICTS = 3


def register(subparsers) -> None:
    parser = subparsers.add_parser("package", help=_("the national data package: export, inspect, import, conflicts"))
    sub = parser.add_subparsers(dest="package_command", metavar=_("COMMAND"), required=True)

    export = sub.add_parser("export", help=_("write this database's records to a signed package"))
    export.add_argument("--out", metavar="FILE", required=True, type=Path)
    export.add_argument("--since", metavar="DATE", help=_("only what changed or was deleted since this date"))
    export.add_argument("--include-personal-data", action="store_true",
                        help=_("include personal data (holders, participants, contact persons' e-mails and phones)"))
    export.add_argument("--all", action="store_true", help=_("the records of every state (a working-group database)"))
    export.set_defaults(func=run_export)

    inspect = sub.add_parser("inspect", help=_("check a package and show what it holds, without importing it"))
    inspect.add_argument("file", metavar="FILE", type=Path)
    add_json_flag(inspect)
    inspect.set_defaults(func=run_inspect)

    importing = sub.add_parser("import", help=_("import a package: preview, merge, conflicts listed"))
    importing.add_argument("file", metavar="FILE", type=Path)
    importing.add_argument("--dry-run", action="store_true", help=_("show what the import would do, write nothing"))
    importing.add_argument("--trust-key", action="store_true",
                           help=_("trust the key the package is signed with (after comparing its fingerprint)"))
    add_json_flag(importing)
    importing.set_defaults(func=run_import)

    conflicts = sub.add_parser("conflicts", help=_("conflicts left by packages, for you to decide"))
    conflicts_sub = conflicts.add_subparsers(dest="conflicts_command", metavar=_("COMMAND"), required=True)
    listing = conflicts_sub.add_parser("list", help=_("list the conflicts waiting for a decision"))
    add_json_flag(listing)
    listing.set_defaults(func=run_conflicts)
    resolve = conflicts_sub.add_parser("resolve", help=_("decide a conflict"))
    resolve.add_argument("id", metavar="ID", type=int)
    resolve.add_argument("--take", choices=("ours", "theirs"), help=_("ours or theirs for every field"))
    resolve.add_argument("--field", action="append", default=[], metavar="NAME=ours|theirs",
                         help=_("ours or theirs for one field (repeatable)"))
    resolve.set_defaults(func=run_resolve)

    keys = subparsers.add_parser("keys", help=_("the key that signs your packages, and the keys you trust"))
    keys_sub = keys.add_subparsers(dest="keys_command", metavar=_("COMMAND"), required=True)
    keys_sub.add_parser("show", help=_("print your key's fingerprint and the keys you trust")).set_defaults(
        func=run_keys)


def _options():
    from desktop_app.storage.preferences_file import PreferencesFile

    return PreferencesFile().options()


def _since(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    from desktop_app.domain.errors import UserError

    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise UserError("“{value}” is not a date; write it as YYYY-MM-DD.", value=text) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _state(code: str | None) -> str:
    from desktop_app.services.package_fields import StateName

    return str(StateName(code))


def run_export(args) -> int:
    from desktop_app.exchange.package_writer import export_package

    db = open_db(args)
    try:
        summary = export_package(db, args.out, options=_options(), since=_since(args.since),
                                 personal=args.include_personal_data, everything=args.all)
    finally:
        db.close()
    from desktop_app.i18n import ngettext

    records = ngettext("{count} record", "{count} records", summary.records).format(count=summary.records)
    deleted = ngettext("{count} deletion", "{count} deletions", summary.deleted).format(count=summary.deleted)
    print(_("Package written: {path} — {records}, {deleted}; personal data {included}.").format(
        path=summary.path, records=records, deleted=deleted,
        included=_("included") if summary.personal_data else _("left out")))
    return 0


def run_inspect(args) -> int:
    from desktop_app.exchange.package_import import inspect_package
    from desktop_app.i18n.formatting import format_datetime
    from desktop_app.services.package_fields import kind_title

    db = open_db(args)
    try:
        inspection = inspect_package(db, args.file)
    finally:
        db.close()
    if args.json:
        print_json(inspection.as_json())
        return 0
    manifest = inspection.manifest
    from desktop_app.exchange.package_format import parse_time

    print(_("From: {state} ({coordinator})").format(state=_state(inspection.sender),
                                                    coordinator=manifest["sender"].get("coordinator") or "—"))
    print(_("Made: {time}; database schema {revision}; application {version}").format(
        time=format_datetime(parse_time(manifest["created_at"])), revision=manifest["schema_revision"],
        version=manifest["app_version"]))
    print(_("Personal data: {included}").format(
        included=_("included") if manifest["personal_data"] else _("left out")))
    print(_("Signature: {status}; key fingerprint {fingerprint}").format(status=inspection.signature,
                                                                        fingerprint=inspection.fingerprint))
    rows = [[kind_title(kind), str(count)] for kind, count in sorted(inspection.counts.items())]
    rows.append([_("Deletions"), str(manifest["deleted"])])
    print_table(rows, [_("Records"), _("Number")])
    return 0


def run_import(args) -> int:
    from desktop_app.exchange.package_import import UntrustedKey, import_package

    db = open_db(args)
    try:
        result = import_package(db, args.file, options=_options(), dry_run=args.dry_run, trust_key=args.trust_key)
    except UntrustedKey as error:
        print(_("error: {message}").format(message=error.text), file=sys.stderr)
        print(_("To trust this key, run the import again with --trust-key."), file=sys.stderr)
        return 1
    finally:
        db.close()
    if args.json:
        print_json(result.as_json())
    else:
        _print_result(result, args.dry_run)
    return EXIT_CONFLICTS if result.totals()["conflicts"] else 0


def _print_result(result, dry_run: bool) -> None:
    from desktop_app.services.package_fields import kind_title

    headers = [_("Records"), _("New"), _("Changed"), _("Unchanged"), _("Deleted"), _("Conflicts"), _("Refused")]
    rows = [[kind_title(kind), *(str(value) for value in counts.as_json().values())]
            for kind, counts in result.kinds.items()]
    print_table(rows, headers)
    for counts in result.kinds.values():
        for note in counts.notes:
            if note.status in ("refused", "conflicts") and note.message is not None:
                print(f"  {kind_title(note.kind)} “{note.label}”: {note.message.text()}")
    if dry_run:
        print(_("Nothing was written (dry run)."))
    elif result.totals()["conflicts"]:
        print(_("Conflicts wait for your decision: package conflicts list"))


def run_conflicts(args) -> int:
    from desktop_app.services.package_conflicts import list_conflicts
    from desktop_app.services.package_fields import kind_title

    db = open_db(args)
    try:
        conflicts = list_conflicts(db)
    finally:
        db.close()
    if args.json:
        print_json([conflict.as_json() for conflict in conflicts])
        return 0
    if not conflicts:
        print(_("No conflicts wait for a decision."))
        return 0
    print_table([[str(c.id), kind_title(c.kind), c.label, _state(c.state_code), c.reason_message.text(),
                  ", ".join(c.field_names)] for c in conflicts],
                [_("ID"), _("Kind"), _("Record"), _("From"), _("Reason"), _("Fields")])
    return 0


def run_resolve(args) -> int:
    from desktop_app.domain.errors import UserError
    from desktop_app.services.package_conflicts import resolve

    fields = {}
    for item in args.field:
        name, _sep, choice = item.partition("=")
        if not name or not choice:
            raise UserError("Write a field choice as NAME=ours or NAME=theirs, not “{value}”.", value=item)
        fields[name.strip()] = choice.strip()
    db = open_db(args)
    try:
        view = resolve(db, args.id, take=args.take, fields=fields)
    finally:
        db.close()
    print(_("Conflict {id} decided.").format(id=view.id))
    return 0


def run_keys(args) -> int:
    from desktop_app.exchange.package_keys import key_path, own_fingerprint
    from desktop_app.services.package_ledger import trusted_keys

    print(_("Your signing key's fingerprint: {fingerprint}").format(fingerprint=own_fingerprint()))
    print(_("Kept in {path}").format(path=key_path()))
    db = open_db(args)
    try:
        keys = trusted_keys(db)
    finally:
        db.close()
    if keys:
        print_table([[_state(key.state_code), key.fingerprint, _("yes") if key.active else _("no")] for key in keys],
                    [_("State"), _("Fingerprint"), _("In use")])
    return 0
