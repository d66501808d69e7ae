"""``report list`` and ``report KIND --lang LL --format pdf|xlsx|csv --out FILE``; a kind about one record takes
it as an option (``--university ID``, ``--programme ID``, ``--learning-agreement ID``, ``--body ID``)."""

from __future__ import annotations

import sys

from desktop_app.cli.common import open_db, print_table
from desktop_app.i18n import _


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "report", help=_("build a report (PDF, XLSX, CSV); 'report list' shows the kinds"),
        description=_("Build a report for the working group. 'report list' shows the kinds available."))
    parser.add_argument("kind", metavar=_("KIND"), help=_("the kind of report, or 'list'"))
    parser.add_argument("--lang", metavar="LL", help=_("language of the report, e.g. en, ru, kk, fa, zh"))
    parser.add_argument("--format", choices=("pdf", "xlsx", "csv"), default="pdf", help=_("output format"))
    parser.add_argument("--out", metavar=_("FILE"), help=_("file to write"))
    parser.add_argument("--include-personal-data", action="store_true",
                        help=_("include contact persons (personal data); left out by default"))
    parser.add_argument("--draft", action="store_true", help=_("mark every page as a draft"))
    parser.add_argument("--university", type=int, metavar="ID", help=_("the university of a dossier"))
    parser.add_argument("--programme", type=int, metavar="ID",
                        help=_("the joint programme whose partners' calendars are compared"))
    parser.add_argument("--universities", metavar="ID,ID", type=_id_list,
                        help=_("instead of a programme: the universities whose calendars are compared"))
    parser.add_argument("--year", type=int, metavar="YYYY",
                        help=_("only this year (for a calendar, the academic year that starts in it)"))
    parser.add_argument("--body", type=int, metavar="ID",
                        help=_("only decisions of this body"))
    parser.add_argument("--learning-agreement", type=int, metavar="ID",
                        help=_("the learning agreement's id"))
    parser.add_argument("--state", metavar="CC", help=_("member state printed in the header"))
    parser.add_argument("--coordinator", default="", help=_("coordinator's name printed in the header"))
    parser.set_defaults(func=run)


def _id_list(text: str) -> tuple[int, ...]:
    import argparse

    try:
        return tuple(int(part) for part in text.replace(" ", "").split(",") if part)
    except ValueError as error:
        raise argparse.ArgumentTypeError(_("give university numbers separated by commas, e.g. 3,7")) from error


def run(args) -> int:
    from desktop_app.domain.errors import UserError
    from desktop_app.i18n import current_language, translator
    from desktop_app.reports import registry

    if args.kind == "list":
        tr = translator(current_language())
        rows = [[k.key, tr.gettext(k.title), ", ".join(k.formats)] for k in registry.kinds()]
        print_table(rows, [_("Kind"), _("Title"), _("Formats")])
        return 0
    if not args.out:
        raise UserError("Say where to write the report with --out FILE.", field="out")
    from desktop_app.domain.progress import Progress
    from desktop_app.i18n import normalise_language
    from desktop_app.reports.model import ReportOptions
    from desktop_app.storage.preferences_file import PreferencesFile

    lang = normalise_language(args.lang) if args.lang else current_language()
    options = ReportOptions.with_preferences(
        PreferencesFile().options(), lang=lang, include_personal_data=args.include_personal_data, draft=args.draft,
        state_code=(args.state or "").upper(), coordinator=args.coordinator, university_id=args.university,
        programme_id=args.programme, university_ids=args.universities or (), year=args.year, body_id=args.body,
        learning_agreement_id=args.learning_agreement)

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
