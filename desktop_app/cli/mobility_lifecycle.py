"""``mobility nominate|accept|reject|sign|start|complete|cancel|history``, ``mobility la list|print|export-ewp|
import-ewp``, ``mobility transcript import|show`` and ``scholarships list|report``: the same services as the
Mobility page's life cycle, learning agreement, transcript and scholarship views; ``scholarships report`` is
the Reports page's scholarship report (``report scholarships``) and ``mobility la print`` its learning agreement
(``report learning-agreement --learning-agreement ID``)."""

from __future__ import annotations

import argparse
import datetime as dt

from desktop_app.cli.common import add_json_flag, print_json, print_table, reading_db, writing_db
from desktop_app.i18n import N_, _, formatting, ngettext

#: verb -> the status it moves a mobility to, and what the verb does.
MOVES = {"accept": ("accepted", N_("accept a nomination")), "reject": ("rejected", N_("reject a nomination")),
         "sign": ("la_signed", N_("record that the learning agreement is signed by all three")),
         "start": ("started", N_("record the arrival at the receiving university")),
         "complete": ("completed", N_("record the end of the stay")),
         "cancel": ("cancelled", N_("cancel a mobility"))}


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("“{value}” is not a date written as YYYY-MM-DD.").format(value=text)) \
            from None


def register_steps(commands) -> None:
    """The life cycle's subcommands of ``mobility``."""
    nominate = commands.add_parser("nominate", help=_("record a nomination: a new mobility"))
    nominate.add_argument("--from", dest="sending", type=int, required=True, metavar="ID",
                          help=_("the sending university's id"))
    nominate.add_argument("--to", dest="receiving", type=int, required=True, metavar="ID",
                          help=_("the receiving university's id"))
    nominate.add_argument("--start", type=_date, required=True, metavar="YYYY-MM-DD")
    nominate.add_argument("--end", type=_date, required=True, metavar="YYYY-MM-DD")
    nominate.add_argument("--format", dest="mobility_format", default="semester", metavar=_("FORMAT"),
                          help=_("short_term, semester, internship, guest_lecture or masters_1_1"))
    nominate.add_argument("--person-kind", default="student", metavar=_("KIND"),
                          help=_("student, faculty or researcher"))
    nominate.add_argument("--level", default="", choices=["", "6", "7", "8"], help=_("EQF level of study"))
    nominate.add_argument("--name", default="", metavar=_("TEXT"), help=_("the person's full name"))
    nominate.add_argument("--on", type=_date, metavar="YYYY-MM-DD", help=_("the day of the nomination (today)"))
    nominate.set_defaults(func=run_nominate)
    for verb, (status, description) in MOVES.items():
        step = commands.add_parser(verb, help=_(description))
        step.add_argument("id", type=int, help=_("the mobility's id"))
        step.add_argument("--on", type=_date, metavar="YYYY-MM-DD", help=_("the day of the step (today)"))
        step.add_argument("--note", default="", metavar=_("TEXT"))
        step.set_defaults(func=run_move, status=status)
    history = commands.add_parser("history", help=_("a mobility's steps and what needs attention"))
    history.add_argument("id", type=int, help=_("the mobility's id"))
    add_json_flag(history)
    history.set_defaults(func=run_history)

    la = commands.add_parser("la", help=_("learning agreements"))
    la_commands = la.add_subparsers(dest="la_command", metavar=_("COMMAND"), required=True)
    listing = la_commands.add_parser("list", help=_("list learning agreements (students are not named)"))
    listing.add_argument("--unsigned", action="store_true", help=_("only those waiting for a signature"))
    add_json_flag(listing)
    listing.set_defaults(func=run_la_list)
    export = la_commands.add_parser("export-ewp", help=_("write a learning agreement as an EWP OLA v1 file"))
    export.add_argument("id", type=int, help=_("the learning agreement's id"))
    export.add_argument("--out", required=True, metavar=_("FILE"))
    export.add_argument("--include-personal", action="store_true",
                        help=_("include the student's name, date of birth and e-mail address"))
    export.set_defaults(func=run_la_export)
    printed = la_commands.add_parser("print", help=_("write a learning agreement to print and sign, as PDF"))
    printed.add_argument("id", type=int, help=_("the learning agreement's id"))
    printed.add_argument("--out", required=True, metavar=_("FILE"), help=_("file to write"))
    printed.add_argument("--language", "--lang", dest="lang", metavar="LL",
                         help=_("language of the report, e.g. en, ru, kk, fa, zh"))
    printed.add_argument("--personal", action="store_true",
                         help=_("print the student's name and the contact persons (personal data)"))
    printed.set_defaults(func=run_la_print)
    imported = la_commands.add_parser("import-ewp", help=_("record the learning agreements of an EWP OLA v1 file"))
    imported.add_argument("file", metavar=_("FILE"))
    imported.set_defaults(func=run_la_import)

    transcript = commands.add_parser("transcript", help=_("transcripts of records"))
    transcript_commands = transcript.add_subparsers(dest="transcript_command", metavar=_("COMMAND"), required=True)
    read = transcript_commands.add_parser("import", help=_("read a transcript of records from CSV or XLSX"))
    read.add_argument("file", metavar=_("FILE"))
    read.add_argument("--mobility", type=int, required=True, metavar="ID", help=_("the mobility's id"))
    read.add_argument("--received", type=_date, metavar="YYYY-MM-DD", help=_("the day it arrived (today)"))
    read.set_defaults(func=run_transcript_import)
    show = transcript_commands.add_parser("show", help=_("a mobility's transcript and recognised credits"))
    show.add_argument("mobility", type=int, metavar="ID", help=_("the mobility's id"))
    show.add_argument("--include-personal", action="store_true", help=_("include the grades"))
    add_json_flag(show)
    show.set_defaults(func=run_transcript_show)


def register(subparsers) -> None:
    parser = subparsers.add_parser("scholarships", help=_("scholarship programmes, their budgets and awards"))
    commands = parser.add_subparsers(dest="scholarships_command", metavar=_("COMMAND"), required=True)
    listing = commands.add_parser("list", help=_("list scholarship programmes with what remains of their budget"))
    listing.add_argument("--currency", metavar="XXX")
    add_json_flag(listing)
    listing.set_defaults(func=run_scholarships)
    report = commands.add_parser("report", help=_("budget, committed, paid and remaining by programme and year"))
    report.add_argument("--year", type=int, metavar="YYYY")
    report.add_argument("--out", metavar=_("FILE"), help=_("file to write"))
    report.add_argument("--format", choices=("pdf", "xlsx", "csv"), default="pdf", help=_("output format"))
    report.add_argument("--lang", metavar="LL", help=_("language of the report, e.g. en, ru, kk, fa, zh"))
    add_json_flag(report)
    report.set_defaults(func=run_scholarship_report)


def run_nominate(args) -> int:
    from desktop_app.domain.mobility import MobilityDraft
    from desktop_app.services import mobility

    draft = MobilityDraft(args.person_kind, args.mobility_format, args.sending, args.receiving, args.start, args.end,
                          person_name=args.name, study_level=args.level)
    with writing_db(args) as db:
        mobility_id = mobility.create(db, draft, nominated_on=args.on)
    print(_("Mobility {id} nominated.").format(id=mobility_id))
    return 0


def run_move(args) -> int:
    from desktop_app.domain.mobility_lifecycle import status_label
    from desktop_app.services import mobility_lifecycle

    with writing_db(args) as db:
        mobility_lifecycle.move(db, args.id, args.status, args.on, args.note)
    print(_("Mobility {id}: {status}").format(id=args.id, status=_(status_label(args.status))))
    return 0


def run_history(args) -> int:
    from desktop_app.domain.mobility_lifecycle import status_label
    from desktop_app.services import mobility_lifecycle
    from desktop_app.storage.preferences_file import PreferencesFile

    options = PreferencesFile().options()
    with reading_db(args) as db:
        steps = mobility_lifecycle.history(db, args.id)
        warnings = mobility_lifecycle.warnings_of(db, args.id, options)
    if args.json:
        print_json({"steps": [{"status": s.status, "on": s.changed_on.isoformat(), "note": s.note} for s in steps],
                    "warnings": [{"key": w.key, "text": w.message.text()} for w in warnings]})
        return 0
    print_table([[formatting.format_date(s.changed_on), _(status_label(s.status)), s.note] for s in steps],
                [_("Date"), _("Step"), _("Note")])
    for warning in warnings:
        print(_("Attention: {warning}").format(warning=warning.message.text()))
    return 0


def run_la_list(args) -> int:
    from desktop_app.domain.learning_agreements import AGREEMENT_STATUS_LABELS
    from desktop_app.services import learning_agreements

    with reading_db(args) as db:
        rows = list(learning_agreements.iterate(db, learning_agreements.AgreementQuery(unsigned_only=args.unsigned)))
    if args.json:
        print_json([row.as_json() for row in rows])
        return 0
    print_table([[str(r.id), str(r.mobility_id), formatting.format_number(r.version),
                  _(AGREEMENT_STATUS_LABELS.get(r.status, r.status)), r.sending_university, r.receiving_university,
                  formatting.format_date(r.start_date), formatting.format_number(r.credits_studied)] for r in rows],
                ["ID", _("Mobility"), _("Version"), _("Signatures"), _("From"), _("To"), _("Start"), _("Credits")])
    return 0


def run_la_export(args) -> int:
    from desktop_app.exchange import ewp_ola
    from desktop_app.services import learning_agreements

    with reading_db(args) as db:
        versions = ewp_ola.export_file(db, learning_agreements.mobility_of(db, args.id), args.out,
                                       args.include_personal)
    print(_("Learning agreement {id} written to {path} (versions {versions}).").format(
        id=args.id, path=args.out, versions=", ".join(formatting.format_number(v) for v in versions)))
    return 0


def run_la_print(args) -> int:
    """The Reports page's learning agreement (``report learning-agreement --learning-agreement ID``)."""
    from desktop_app.i18n import current_language, normalise_language
    from desktop_app.reports import registry
    from desktop_app.reports.model import ReportOptions
    from desktop_app.storage.preferences_file import PreferencesFile

    options = ReportOptions.with_preferences(
        PreferencesFile().options(), lang=normalise_language(args.lang) if args.lang else current_language(),
        include_personal_data=args.personal, learning_agreement_id=args.id)
    with reading_db(args) as db:
        path = registry.build_report(db, "learning-agreement", "pdf", args.out, options)
    print(_("Report written to {path}").format(path=path))
    return 0


def run_la_import(args) -> int:
    from desktop_app.exchange import ewp_ola

    with writing_db(args) as db:
        result = ewp_ola.import_file(db, args.file)
    count = len(result.mobility_ids)
    print(ngettext("{count} learning agreement recorded, new mobilities: {created}.",
                   "{count} learning agreements recorded, new mobilities: {created}.", count).format(
        count=formatting.format_number(count), created=formatting.format_number(result.created_mobilities)))
    for hei in result.created_universities:
        print(_("Added to the register from its EWP id, to be completed: {university}").format(university=hei))
    return 0


def run_transcript_import(args) -> int:
    from desktop_app.exchange.transcript_files import import_csv

    with writing_db(args) as db:
        count = import_csv(db, args.mobility, args.file, args.received)
    print(ngettext("{count} transcript line recorded for mobility {id}.",
                   "{count} transcript lines recorded for mobility {id}.", count).format(
        count=formatting.format_number(count), id=args.mobility))
    return 0


def run_transcript_show(args) -> int:
    from desktop_app.domain.mobility import MASK
    from desktop_app.services import transcripts

    with reading_db(args) as db:
        draft = transcripts.get(db, args.mobility)
    grade = (lambda value: value) if args.include_personal else (lambda value: MASK if value else "")
    if args.json:
        print_json({"received_on": draft.received_on.isoformat() if draft.received_on else None,
                    "entries": [{"code": e.code, "title": e.title, "credits": e.credits, "grade": grade(e.grade),
                                 "passed": e.passed} for e in draft.entries],
                    "recognitions": [{"code": r.code, "title": r.title, "credits_agreed": r.credits_agreed,
                                      "credits_recognised": r.credits_recognised, "grade": grade(r.grade),
                                      "reason": r.reason} for r in draft.recognitions]})
        return 0
    print_table([[e.code, e.title, formatting.format_number(e.credits), grade(e.grade)] for e in draft.entries],
                [_("Code"), _("Component"), _("Credits"), _("Grade")])
    print()
    print_table([[r.title, formatting.format_number(r.credits_agreed), formatting.format_number(r.credits_recognised),
                  grade(r.grade), r.reason] for r in draft.recognitions],
                [_("Recognised as"), _("Agreed"), _("Recognised"), _("Grade"), _("Reason")])
    return 0


def run_scholarships(args) -> int:
    from desktop_app.services import scholarships

    with reading_db(args) as db:
        rows = list(scholarships.iterate(db, scholarships.ScholarshipQuery(currency=args.currency)))
    if args.json:
        print_json([row.as_json() for row in rows])
        return 0
    print_table([[str(r.id), r.name, r.funder, formatting.format_amount(r.budget, r.currency),
                  formatting.format_amount(r.committed, r.currency), formatting.format_amount(r.remaining, r.currency)]
                 for r in rows], ["ID", _("Programme"), _("Funder"), _("Budget"), _("Committed"), _("Remaining")])
    return 0


def run_scholarship_report(args) -> int:
    """The Reports page's scholarship report: written to ``--out`` in any format, or its table printed."""
    from desktop_app.i18n import current_language, normalise_language
    from desktop_app.reports import registry
    from desktop_app.reports.model import Heading, ReportOptions, Table
    from desktop_app.services import scholarships
    from desktop_app.storage.preferences_file import PreferencesFile

    lang = normalise_language(args.lang) if args.lang else current_language()
    options = ReportOptions.with_preferences(PreferencesFile().options(), lang=lang, year=args.year)
    with reading_db(args) as db:
        if args.json:
            print_json([line.as_json() for line in scholarships.budget_lines(db, args.year)])
            return 0
        if args.out:
            path = registry.build_report(db, "scholarships", args.format, args.out, options)
            print(_("Report written to {path}").format(path=path))
            return 0
        document = registry.gather(db, "scholarships", options)
    for block in document.blocks[1:]:  # the report's headings and tables, after its note on currencies
        if isinstance(block, Heading):
            print(block.text)
        elif isinstance(block, Table):
            print_table([list(row) for row in block.rows], [column.title for column in block.columns])
            print()
    return 0
