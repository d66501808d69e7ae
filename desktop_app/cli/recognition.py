"""``recognition``: cases, equivalence rules, statistics, import/export and pseudonymisation."""

from __future__ import annotations

import sys

from desktop_app.cli.common import add_json_flag, open_db, print_json, print_table, reading_db, writing_db
from desktop_app.i18n import _, ngettext


def register(subparsers) -> None:
    parser = subparsers.add_parser("recognition", help=_("diploma recognition: cases, equivalence rules, statistics"))
    sub = parser.add_subparsers(dest="recognition_command", metavar=_("COMMAND"), required=True)

    cases = sub.add_parser("cases", help=_("recognition cases"))
    cases_sub = cases.add_subparsers(dest="cases_command", metavar=_("COMMAND"), required=True)
    listing = cases_sub.add_parser("list", help=_("list cases (personal data masked unless --reveal)"))
    listing.add_argument("--status", metavar="S",
                         help=_("received, under_evaluation, decided, appealed, closed or pending"))
    listing.add_argument("--countries", metavar="A:B", help=_("issuing and recognising country, e.g. KZ:TR"))
    listing.add_argument("--year", type=int, metavar="YYYY", help=_("year the application was received"))
    listing.add_argument("--search", metavar="TEXT", default="", help=_("text to search for"))
    listing.add_argument("--overdue", action="store_true", help=_("only cases awaiting a decision too long"))
    listing.add_argument("--overdue-days", type=int, default=None, metavar="N",
                         help=_("days after which a pending case is overdue (default: as set in Preferences)"))
    listing.add_argument("--reveal", action="store_true", help=_("show personal data (recorded in the history)"))
    add_json_flag(listing)
    listing.set_defaults(func=run_list)

    importing = cases_sub.add_parser("import", help=_("import cases from a CSV or XLSX file"))
    importing.add_argument("file", metavar="FILE")
    importing.add_argument("--dry-run", action="store_true", help=_("check the file and report, write nothing"))
    importing.add_argument("--column", action="append", default=[], metavar=_("FIELD=HEADER"),
                           help=_("the file's column holding a field, e.g. holder_name=Name (repeatable; by "
                                  "default the headers are the field names)"))
    importing.add_argument("--skip-invalid", action="store_true",
                           help=_("import the valid rows and leave out the rows with errors"))
    importing.set_defaults(func=run_import)

    export = cases_sub.add_parser("export", help=_("export cases to CSV or XLSX (without personal data by default)"))
    export.add_argument("file", metavar="FILE")
    export.add_argument("--status", metavar="S")
    export.add_argument("--countries", metavar="A:B")
    export.add_argument("--include-personal", action="store_true",
                        help=_("include holder names, dates of birth and document numbers"))
    export.set_defaults(func=run_export)

    show = cases_sub.add_parser("history", help=_("the history of one case"))
    show.add_argument("reference", metavar="REFERENCE")
    add_json_flag(show)
    show.set_defaults(func=run_history)

    rules = sub.add_parser("rules", help=_("equivalence rules"))
    rules_sub = rules.add_subparsers(dest="rules_command", metavar=_("COMMAND"), required=True)
    rules_list = rules_sub.add_parser("list", help=_("list equivalence rules"))
    rules_list.add_argument("--countries", metavar="A:B")
    rules_list.add_argument("--search", metavar="TEXT", default="")
    add_json_flag(rules_list)
    rules_list.set_defaults(func=run_rules)

    stats = sub.add_parser("stats", help=_("statistics for the working group (no personal data)"))
    stats.add_argument("--year", type=int, metavar="YYYY")
    stats.add_argument("--median-by-pair", action="store_true",
                       help=_("also the median days to decision of each country pair (slower on large databases)"))
    add_json_flag(stats)
    stats.set_defaults(func=run_stats)

    pseudo = sub.add_parser("pseudonymise", help=_("replace holders of old closed cases by pseudonyms"))
    pseudo.add_argument("--older-than-years", type=int, required=True, metavar="N")
    pseudo.set_defaults(func=run_pseudonymise)


def _filter(args):
    from desktop_app.services.recognition_queries import CaseFilter, parse_countries
    from desktop_app.storage.preferences_file import PreferencesFile

    overdue_days = getattr(args, "overdue_days", None) or PreferencesFile().options().recognition_overdue_days
    flt = CaseFilter(status=getattr(args, "status", None) or "", search=getattr(args, "search", "") or "",
                     year=getattr(args, "year", None), overdue_only=getattr(args, "overdue", False),
                     overdue_days=overdue_days)
    if getattr(args, "countries", None):
        flt.from_country, flt.to_country = parse_countries(args.countries)
    if flt.status and flt.status != "pending":
        from desktop_app.domain.errors import UserError
        from desktop_app.domain.recognition import CaseStatus

        if flt.status not in {s.value for s in CaseStatus}:
            raise UserError("Unknown status {status}.", status=flt.status)
    return flt


def _json_row(row: dict) -> dict:
    for key in ("received_on", "decided_on", "closed_on", "holder_birth_date"):
        if row.get(key) and not isinstance(row[key], str):
            row[key] = row[key].isoformat()
    return row


def run_list(args) -> int:
    """Streams the cases a page at a time, so a million-case list never sits in memory at once."""
    import itertools
    import json

    from desktop_app.domain.recognition import label
    from desktop_app.services import recognition_cases
    from desktop_app.services.recognition_queries import iter_cases

    db = open_db(args)
    count = 0
    try:
        flt = _filter(args)
        if args.reveal:
            recognition_cases.record_event(db, "reveal", "personal_data", "command line list")
        rows = iter_cases(db, flt, reveal=args.reveal)
        if args.json:
            sys.stdout.write("[")
            for count, row in enumerate(rows, start=1):
                sys.stdout.write(("," if count > 1 else "") + "\n  " + json.dumps(_json_row(row), ensure_ascii=False,
                                                                               default=str))
            sys.stdout.write("\n]\n" if count else "]\n")
            return 0
        headers = [_("Reference"), _("Status"), _("Countries"), _("Holder"), _("Qualification"), _("Received"),
                   _("Outcome")]

        def cells(r: dict) -> list[str]:
            return [r["reference"], label(r["status"]), f"{r['issuing_country']}→{r['recognising_country']}",
                    r["holder_name"], r["qualification_title"], str(r["received_on"]), label(r["outcome"])]

        first = [cells(r) for r in itertools.islice(rows, 500)]  # column widths from the first rows
        widths = [max([len(h)] + [len(row[i]) for row in first]) for i, h in enumerate(headers)]
        print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)))
        for row in itertools.chain(first, (cells(r) for r in rows)):
            print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
            count += 1
    finally:
        db.close()
    print(ngettext("{count} case", "{count} cases", count).format(count=count))
    return 0


def run_import(args) -> int:
    from desktop_app.domain.errors import UserError
    from desktop_app.exchange.recognition_files import commit_import, preview_import

    mapping = None
    if args.column:
        from desktop_app.exchange.recognition_files import IMPORT_FIELDS

        mapping = {}
        for pair in args.column:
            name, _sep, header = pair.partition("=")
            if name.strip() not in IMPORT_FIELDS or not header.strip():
                raise UserError("--column wants FIELD=HEADER with one of these fields: {fields}",
                                fields=", ".join(IMPORT_FIELDS))
            mapping[name.strip()] = header.strip()
    with reading_db(args) if args.dry_run else writing_db(args) as db:
        preview = preview_import(db, args.file, mapping=mapping)
        for error in preview.errors:
            print(_("line {line}, {field}: {message}").format(line=error.line, field=error.field,
                                                             message=error.message), file=sys.stderr)
        if preview.errors and not args.skip_invalid:
            lines = len(preview.error_lines)
            raise UserError("{lines} rows have errors; nothing was imported. Correct the file and try again.",
                            lines=lines)
        counts = {"created": preview.created, "updated": preview.updated, "unchanged": len(preview.unchanged),
                  "left_out": len(preview.error_lines)}
        if args.dry_run:
            print(_("dry run — nothing was written; the file would give created: {created}, updated: {updated}, "
                    "unchanged: {unchanged}").format(**counts))
            return 0
        commit_import(db, preview)
    print(_("created: {created}, updated: {updated} (cases named by their reference or UUID), unchanged: {unchanged}")
          .format(**counts))
    if counts["left_out"]:
        print(ngettext("{count} row with errors was left out.", "{count} rows with errors were left out.",
                       counts["left_out"]).format(count=counts["left_out"]))
    return 0


def run_export(args) -> int:
    from desktop_app.exchange.recognition_files import export_cases

    db = open_db(args)
    try:
        written = export_cases(db, args.file, _filter(args), include_personal=args.include_personal)
    finally:
        db.close()
    print(ngettext("Exported {count} case to {file}.", "Exported {count} cases to {file}.", written).format(
        count=written, file=args.file))
    return 0


def run_history(args) -> int:
    from desktop_app.services import recognition_cases

    db = open_db(args)
    try:
        entries = recognition_cases.case_history(db, recognition_cases.case_id_by_reference(db, args.reference))
    finally:
        db.close()
    rows = [{"changed_at": e.changed_at.isoformat(), "action": e.action, "field": e.field, "old": e.old_value,
             "new": e.new_value, "personal": e.personal} for e in entries]
    if args.json:
        print_json(rows)
    else:
        print_table([[r["changed_at"][:19], r["action"], r["field"], r["old"], r["new"]] for r in rows],
                    [_("When"), _("Action"), _("Field"), _("Old value"), _("New value")])
    return 0


def run_rules(args) -> int:
    from desktop_app.domain.recognition import label
    from desktop_app.services.recognition_queries import parse_countries
    from desktop_app.services.recognition_rules import list_rules

    a, b = parse_countries(args.countries) if args.countries else ("", "")
    db = open_db(args)
    try:
        rows = list_rules(db, args.search, a, b)
    finally:
        db.close()
    if args.json:
        print_json(rows)
        return 0
    print_table([[f"{r['from_country']}→{r['to_country']}", r["qualification_title"], r["isced_level"],
                  r["recognised_as"], label(r["legal_basis"]), r["conditions"]] for r in rows],
                [_("Countries"), _("Qualification"), _("ISCED"), _("Recognised as"), _("Legal basis"),
                 _("Conditions")])
    return 0


def run_stats(args) -> int:
    from desktop_app.domain.recognition import label
    from desktop_app.services import recognition_cases
    from desktop_app.services.recognition_stats import compute_statistics

    db = open_db(args)
    try:
        stats = compute_statistics(db, year=args.year, median_by_pair=args.median_by_pair)
        recognition_cases.record_event(db, "statistics", "personal_data", "left out")
    finally:
        db.close()
    if args.json:
        print_json(stats)
        return 0
    print(_("Cases: {count}").format(count=stats["total"]))
    print_table([[label(k), str(v)] for k, v in stats["by_status"].items()], [_("Status"), _("Cases")])
    print()
    print_table([[f"{r['from']}→{r['to']}", str(r["year"]), str(r["cases"])]
                 for r in stats["by_country_pair_and_year"]], [_("Countries"), _("Year"), _("Cases")])
    print()
    from desktop_app.i18n import formatting

    print_table([[label(r["outcome"]), str(r["cases"]), formatting.format_percent(r["share"])]
                 for r in stats["outcomes"]],
                [_("Outcome"), _("Cases"), _("Share")])
    median = stats["median_days_to_decision"]
    print()
    print(_("Median days to decision: {days}").format(days="—" if median is None else median))
    if args.median_by_pair:
        print_table([[f"{r['from']}→{r['to']}", str(r["median_days"]), str(r["decided"])]
                     for r in stats["median_days_by_country_pair"]],
                    [_("Countries"), _("Median days"), _("Decided cases")])
    appeals = stats["appeals"]
    print(_("Appeals: {lodged} lodged, {upheld} upheld, {rejected} rejected, {withdrawn} withdrawn, "
            "{pending} pending").format(**appeals))
    return 0


def run_pseudonymise(args) -> int:
    from desktop_app.services.recognition_cases import pseudonymise_closed_cases

    with writing_db(args) as db:
        count = pseudonymise_closed_cases(db, args.older_than_years)
    print(ngettext("Pseudonymised {count} closed case.", "Pseudonymised {count} closed cases.", count).format(
        count=count))
    return 0
