"""The working group's view from the command line: ``network submissions``, ``network matches``,
``network confirm|reject ID`` and ``network report KIND|list`` — the same services and report kinds
as the Network page."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from desktop_app.cli.common import add_json_flag, open_db, print_json, print_table, reading_db, writing_db
from desktop_app.i18n import _


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "network", help=_("the working group's view: submissions of the member states and network reports"),
        description=_("The network's picture from the packages of the member states received here."))
    commands = parser.add_subparsers(dest="network_command", metavar=_("COMMAND"), required=True)

    submissions = commands.add_parser("submissions", help=_("the last package of every member state"))
    add_json_flag(submissions)
    submissions.set_defaults(func=run_submissions)

    matches = commands.add_parser("matches", help=_("universities of several states that may be the same"))
    matches.add_argument("--decided", action="store_true", help=_("show the decisions taken instead"))
    add_json_flag(matches)
    matches.set_defaults(func=run_matches)
    for name, help_text in (("confirm", _("the two records are the same university: link them")),
                            ("reject", _("the two records are different universities: keep both"))):
        decide = commands.add_parser(name, help=help_text)
        decide.add_argument("id", type=int, metavar="ID", help=_("the number of the match"))
        decide.set_defaults(func=run_decide, decision=name)

    report = commands.add_parser("report", help=_("build a network report; 'network report list' shows the kinds"))
    report.add_argument("kind", metavar=_("KIND"), help=_("the kind of report, or 'list'"))
    report.add_argument("--lang", metavar="LL", help=_("language of the report, e.g. en, ru, kk, fa, zh"))
    report.add_argument("--format", choices=("pdf", "xlsx", "csv"), default="pdf", help=_("output format"))
    report.add_argument("--out", metavar=_("FILE"), help=_("file to write"))
    report.add_argument("--states", metavar="CC,CC", type=_codes,
                        help=_("only the submissions of these member states, e.g. KZ,CN,UZ"))
    report.add_argument("--year", type=int, metavar="YYYY", help=_("only this year"))
    report.add_argument("--area", metavar=_("AREA"), help=_("only this area of cooperation (its key)"))
    report.add_argument("--since", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
                        help=_("the dashboard: the day of the previous meeting"))
    report.add_argument("--draft", action="store_true", help=_("mark every page as a draft"))
    report.set_defaults(func=run_report)


def _codes(text: str) -> tuple[str, ...]:
    from desktop_app.domain.reference import MEMBER_CODES

    codes = tuple(dict.fromkeys(part.strip().upper() for part in text.split(",") if part.strip()))
    unknown = [code for code in codes if code not in MEMBER_CODES]
    if unknown or not codes:
        raise argparse.ArgumentTypeError(_("not member states of CICA: {codes}").format(
            codes=", ".join(unknown) or text))
    return codes


def run_submissions(args) -> int:
    from desktop_app.i18n.formatting import country_name, format_date
    from desktop_app.services import network_submissions
    from desktop_app.storage.preferences_file import PreferencesFile

    with reading_db(args) as db:
        rows = network_submissions.submissions(db, PreferencesFile().options())
    if args.json:
        print_json([row.as_json() for row in rows])
        return 0
    table = []
    for row in rows:
        status = _("Own records") if row.own else _(network_submissions.STATUS_TITLES[row.status])
        table.append([row.state, country_name(row.state), status,
                      format_date(row.made.date(), "medium") if row.made else "",
                      format_date(row.received.date(), "medium") if row.received else "",
                      str(row.records) if row.last else ""])
    print_table(table, [_("Code"), _("Member state"), _("Status"), _("Package made"), _("Received"), _("Records")])
    counts = network_submissions.summary(rows)
    print(_("Current: {current} · late: {late} · missing: {missing}").format(**counts))
    return 0


def run_matches(args) -> int:
    from desktop_app.i18n.formatting import country_name
    from desktop_app.services import network_matching

    with reading_db(args) as db:
        found = network_matching.matches(db, "decided" if args.decided else network_matching.OPEN)
    if args.json:
        print_json([m.as_json() for m in found])
        return 0
    basis = {network_matching.BY_ROR: _("ROR ID"), network_matching.BY_NAME: _("name and country")}
    decisions = {network_matching.OPEN: _("waiting"), network_matching.SAME: _("same university"),
                 network_matching.DIFFERENT: _("different universities")}
    table = [[str(m.conflict_id), m.state or "", m.theirs.name, m.ours.name if m.ours else "",
              country_name(m.theirs.country_code), basis[m.basis], decisions[m.decision]] for m in found]
    print_table(table, [_("No."), _("From"), _("Their record"), _("Ours"), _("Country"), _("Matched by"),
                        _("Decision")])
    return 0


def run_decide(args) -> int:
    from desktop_app.services import network_matching

    with writing_db(args) as db:
        if args.decision == "confirm":
            found = network_matching.confirm(db, args.id)
            print(_("Linked: {theirs} is {ours}.").format(theirs=found.theirs.name,
                                                          ours=found.ours.name if found.ours else ""))
        else:
            found = network_matching.reject(db, args.id)
            print(_("Kept apart: {theirs} is another university.").format(theirs=found.theirs.name))
    return 0


def run_report(args) -> int:
    from desktop_app.domain.errors import UserError
    from desktop_app.domain.reference import AREAS_BY_KEY
    from desktop_app.i18n import current_language, normalise_language, translator
    from desktop_app.reports import registry

    if args.kind == "list":
        tr = translator(current_language())
        rows = [[k.key, tr.gettext(k.title), ", ".join(k.formats)] for k in registry.network_kinds()]
        print_table(rows, [_("Kind"), _("Title"), _("Formats")])
        return 0
    if args.kind not in {k.key for k in registry.network_kinds()}:
        raise UserError("There is no network report called {key}. Available: {available}.", key=args.kind,
                        available=", ".join(k.key for k in registry.network_kinds()))
    if not args.out:
        raise UserError("Say where to write the report with --out FILE.", field="out")
    if args.area and args.area not in AREAS_BY_KEY:
        raise UserError("There is no area of cooperation {key}. Available: {available}.", key=args.area,
                        available=", ".join(AREAS_BY_KEY))
    from desktop_app.domain.progress import Progress
    from desktop_app.reports.model import ReportOptions
    from desktop_app.storage.preferences_file import PreferencesFile

    lang = normalise_language(args.lang) if args.lang else current_language()
    options = ReportOptions.with_preferences(PreferencesFile().options(), lang=lang, draft=args.draft,
                                             year=args.year, states=args.states or (), area=args.area or "",
                                             since=args.since)

    def show(done: int, total: int, message: str) -> None:
        if sys.stderr.isatty() and message:
            print(f"\r{message}\033[K", end="", file=sys.stderr, flush=True)

    db = open_db(args)
    try:
        path = registry.build_report(db, args.kind, args.format, args.out, options, Progress(show))
    finally:
        db.close()
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(_("Report written to {path}").format(path=path))
    return 0
