"""Quality of joint programmes from the command line: ``evaluations list``, ``accreditations list``,
``indicators list``, ``surveys list``, ``surveys import FILE --survey ID`` and ``staff-development list``,
each listing with ``--json``. The same services as the GUI and the reports, so the same figures."""

from __future__ import annotations

import sys

from desktop_app.cli.common import add_json_flag, print_json, print_table, reading_db, writing_db
from desktop_app.i18n import _, ngettext


def register(subparsers) -> None:
    evaluations = _area(subparsers, "evaluations", _("evaluation cycles of joint programmes, with independent audits"))
    listing = _listing(evaluations, _("list the evaluation cycles, with their open and overdue recommendations"),
                       list_evaluations)
    listing.add_argument("--programme", type=int, metavar="ID", help=_("only this joint programme"))
    listing.add_argument("--overdue", action="store_true",
                         help=_("only cycles with a recommendation past its deadline"))

    accreditations = _area(subparsers, "accreditations", _("accreditations of joint programmes (EUR-ACE and others)"))
    listing = _listing(accreditations, _("list the programmes' accreditations"), list_accreditations)
    listing.add_argument("--programme", type=int, metavar="ID", help=_("only this joint programme"))
    listing.add_argument("--expiring", action="store_true",
                         help=_("only those ending within the warning period, or ended, and not renewed"))

    indicators = _area(subparsers, "indicators", _("indicators of joint programmes per year, against targets"))
    listing = _listing(indicators, _("list the programmes' indicators per academic year"), list_indicators)
    listing.add_argument("--programme", type=int, metavar="ID", help=_("only this joint programme"))

    surveys = _area(subparsers, "surveys", _("surveys of students, graduates and employers"))
    listing = _listing(surveys, _("list the surveys with their responses and response rates"), list_surveys)
    listing.add_argument("--programme", type=int, metavar="ID", help=_("only this joint programme"))
    importing = surveys.add_parser(
        "import", help=_("import a survey's results from a CSV or XLSX export of a survey tool"),
        description=_("Import a survey's results from a CSV or XLSX export. Which column answers which question "
                      "is remembered from the last import or guessed from the questions' wording; --map "
                      "corrects it. Columns naming respondents are never read. The responses replace those "
                      "imported before."))
    importing.add_argument("file", metavar=_("FILE"), help=_("the CSV or XLSX file exported by the survey tool"))
    importing.add_argument("--survey", type=int, required=True, metavar="ID", help=_("the survey the file answers"))
    importing.add_argument("--map", action="append", default=[], metavar=_("NUMBER=COLUMN"),
                           help=_("the column holding the answers to question NUMBER, e.g. 3=\"Overall rating\"; "
                                  "repeat for each question to correct"))
    importing.add_argument("--skip-invalid", action="store_true", help=_("import the valid rows, leave out the rest"))
    importing.add_argument("--dry-run", action="store_true", help=_("check the file and show what would come in"))
    importing.set_defaults(func=import_survey)

    staff = _area(subparsers, "staff-development",
                  _("retraining and professional development of the partners' staff"))
    listing = _listing(staff, _("list the staff-development programmes with their participants"), list_staff)
    listing.add_argument("--year", type=int, metavar="YYYY", help=_("only programmes that started in this year"))


def _area(subparsers, name: str, help_text: str):
    parser = subparsers.add_parser(name, help=help_text)
    return parser.add_subparsers(dest=f"{name}_command", required=True, metavar=_("ACTION"))


def _listing(sub, help_text: str, func):
    listing = sub.add_parser("list", help=help_text)
    add_json_flag(listing)
    listing.set_defaults(func=func)
    return listing


def _label(labels: dict, key: str | None) -> str:
    return _(labels[key]) if key in labels else (key or "—")


def _date(value) -> str:
    from desktop_app.i18n.formatting import format_date

    return format_date(value) if value else "—"


def list_evaluations(args) -> int:
    from desktop_app.domain.quality import EVALUATION_STATUS_LABELS, REVIEWER_LABELS
    from desktop_app.i18n.formatting import format_number
    from desktop_app.services import evaluations

    with reading_db(args) as db:
        rows = list(evaluations.iterate(db, evaluations.EvaluationQuery(programme_id=args.programme)))
    if args.overdue:
        rows = [row for row in rows if row.overdue_recommendations]
    if args.json:
        print_json([row.as_json() for row in rows])
        return 0
    print_table([[str(r.id), r.programme_in(), str(r.year), _label(EVALUATION_STATUS_LABELS, r.status),
                  _label(REVIEWER_LABELS, r.reviewer), _date(r.report_on), format_number(r.recommendations),
                  format_number(r.open_recommendations), format_number(r.overdue_recommendations)] for r in rows],
                [_("ID"), _("Programme"), _("Year"), _("Stage"), _("Independent audit by"), _("Audit report"),
                 _("Recommendations"), _("Open"), _("Overdue")])
    return 0


def list_accreditations(args) -> int:
    from desktop_app.domain.quality import ACCREDITATION_LABELS, DECISION_LABELS
    from desktop_app.services import programme_accreditations
    from desktop_app.storage.preferences_file import PreferencesFile

    query = programme_accreditations.AccreditationQuery.for_options(
        PreferencesFile().options(), programme_id=args.programme, expiring=args.expiring)
    with reading_db(args) as db:
        rows = list(programme_accreditations.iterate(db, query))
    if args.json:
        print_json([row.as_json() for row in rows])
        return 0
    print_table([[str(r.id), r.programme_in(), _label(ACCREDITATION_LABELS, r.label)
                  + (f" ({r.label_detail})" if r.label_detail else ""), r.agency or "—",
                  _label(DECISION_LABELS, r.decision), _date(r.valid_from), _date(r.valid_to)] for r in rows],
                [_("ID"), _("Programme"), _("Label"), _("Agency"), _("Decision"), _("Valid from"), _("Valid until")])
    return 0


def list_indicators(args) -> int:
    from desktop_app.domain.quality import INDICATOR_LABELS
    from desktop_app.i18n.formatting import format_number
    from desktop_app.services import programme_indicators

    with reading_db(args) as db:
        rows = list(programme_indicators.iterate(
            db, programme_indicators.IndicatorQuery(programme_id=args.programme)))
    if args.json:
        print_json([row.as_json() for row in rows])
        return 0

    def figure(value) -> str:
        return format_number(value) if value is not None else "—"

    print_table([[str(r.id), r.programme_in(), r.academic_year, _label(INDICATOR_LABELS, line.indicator),
                  figure(line.target), figure(line.actual),
                  "—" if line.progress.met is None else _("met") if line.progress.met else _("not met")]
                 for r in rows for line in r.lines],
                [_("ID"), _("Programme"), _("Academic year"), _("Indicator"), _("Target"), _("Actual"),
                 _("Target met")])
    return 0


def list_surveys(args) -> int:
    from desktop_app.domain.surveys import AUDIENCE_LABELS
    from desktop_app.i18n.formatting import format_number, format_percent
    from desktop_app.services import surveys

    with reading_db(args) as db:
        rows = list(surveys.iterate(db, surveys.SurveyQuery(programme_id=args.programme)))
    if args.json:
        print_json([row.as_json() for row in rows])
        return 0
    print_table([[str(r.id), r.title, _label(AUDIENCE_LABELS, r.audience), r.programme_in() or "—",
                  r.academic_year, format_number(r.invitations) if r.invitations is not None else "—",
                  format_number(r.responses), format_percent(r.rate) if r.rate is not None else "—"] for r in rows],
                [_("ID"), _("Survey"), _("Asked"), _("Programme"), _("Academic year"), _("Invited"), _("Responses"),
                 _("Response rate")])
    return 0


def _mapping(pairs: list[str], questions) -> dict[str, str]:
    from desktop_app.domain.errors import UserError

    mapping: dict[str, str] = {}
    for pair in pairs:
        number, separator, column = pair.partition("=")
        if not separator or not number.strip().isdigit():
            raise UserError("Write --map as NUMBER=COLUMN, e.g. 3=\"Overall rating\".", field="map")
        index = int(number) - 1
        if not 0 <= index < len(questions):
            raise UserError("The survey has no question {number}.", number=int(number), field="map")
        mapping[questions[index].uuid] = column.strip()
    return mapping


def import_survey(args) -> int:
    from desktop_app.exchange import survey_files
    from desktop_app.i18n.formatting import format_number
    from desktop_app.services import surveys

    with reading_db(args) if args.dry_run else writing_db(args) as db:
        questions = surveys.get(db, args.survey).draft.questions
        corrections = _mapping(args.map, questions)
        mapping = None
        if corrections:  # start from the remembered or guessed mapping, then apply the user's corrections
            mapping = dict(survey_files.preview_results(db, args.survey, args.file).mapping) | corrections
        preview = survey_files.preview_results(db, args.survey, args.file, mapping)
        for index, question in enumerate(questions, start=1):
            column = preview.mapping.get(question.uuid)
            print(_("Question {number}: {question} ← {column}").format(
                number=index, question=question.text_in(_language()), column=column or _("(no column)")))
        if preview.identity_columns:
            print(_("Left out, naming respondents: {columns}").format(columns=", ".join(preview.identity_columns)))
        for error in preview.errors[:20]:
            print(_("line {line}, {field}: {message}").format(line=error.line, field=error.column or "—",
                                                             message=error.message), file=sys.stderr)
        if args.dry_run:
            print(ngettext("{count} response would be imported (nothing was written).",
                           "{count} responses would be imported (nothing was written).",
                           len(preview.responses)).format(count=format_number(len(preview.responses))))
            return 1 if preview.errors else 0
        stored = survey_files.commit_results(db, preview, skip_invalid=args.skip_invalid)
    print(ngettext("{count} response imported.", "{count} responses imported.", stored).format(
        count=format_number(stored)))
    return 0


def _language() -> str:
    from desktop_app.i18n import current_language

    return current_language()


def list_staff(args) -> int:
    from desktop_app.domain.staff_development import FORMAT_LABELS, TOPIC_LABELS
    from desktop_app.i18n.formatting import format_number
    from desktop_app.services import staff_development

    with reading_db(args) as db:
        rows = list(staff_development.iterate(db, staff_development.StaffDevelopmentQuery(year=args.year)))
    if args.json:
        print_json([row.as_json() for row in rows])
        return 0
    print_table([[str(r.id), r.title, _label(TOPIC_LABELS, r.topic), _label(FORMAT_LABELS, r.delivery),
                  _date(r.start_date), _date(r.end_date), format_number(r.participants), format_number(r.completed)]
                 for r in rows],
                [_("ID"), _("Programme"), _("Topic"), _("Format"), _("Starts"), _("Ends"), _("Took part"),
                 _("Completed the course")])
    return 0
