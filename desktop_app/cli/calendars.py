"""``calendars list``, ``import-ics``, ``export-ics`` and ``conflicts``: academic calendars from the command
line, through the same services as the GUI."""

from __future__ import annotations

import sys

from desktop_app.cli.common import add_json_flag, open_db, print_json, print_table, writing_db
from desktop_app.i18n import _, ngettext


def register(subparsers) -> None:
    parser = subparsers.add_parser("calendars", help=_("academic calendars of the partner universities"))
    sub = parser.add_subparsers(dest="calendars_command", required=True, metavar=_("ACTION"))
    importing = sub.add_parser("import-ics", help=_("import a university's published calendar (.ics)"))
    importing.add_argument("university_id", type=int, metavar="UNIVERSITY_ID")
    importing.add_argument("file", metavar="FILE")
    importing.set_defaults(func=import_cmd)
    exporting = sub.add_parser("export-ics", help=_("export calendars for a year as an .ics file"))
    whose = exporting.add_mutually_exclusive_group(required=True)
    whose.add_argument("--university", type=int, metavar="ID", help=_("one university"))
    whose.add_argument("--programme", type=int, metavar="ID", help=_("every partner of a programme"))
    exporting.add_argument(
        "--year", required=True, metavar="YYYY/YYYY", help=_("academic year, e.g. 2026/2027")
    )
    exporting.add_argument("--out", required=True, metavar="FILE")
    exporting.set_defaults(func=export_cmd)
    listing = sub.add_parser("list", help=_("list the academic calendars"))
    listing.add_argument("--year", metavar="YYYY/YYYY", help=_("academic year, e.g. 2026/2027"))
    listing.add_argument("--university", type=int, metavar="ID", help=_("one university"))
    listing.add_argument("--search", default="", metavar="TEXT", help=_("words of the university's name"))
    add_json_flag(listing)
    listing.set_defaults(func=list_cmd)
    conflicts = sub.add_parser(
        "conflicts", help=_("list conflicts between the calendars of a programme's partners")
    )
    conflicts.add_argument("--programme", type=int, required=True, metavar="ID")
    conflicts.add_argument(
        "--year",
        metavar="YYYY/YYYY",
        help=_("academic year (default: every year of the programme's study plan)"),
    )
    add_json_flag(conflicts)
    conflicts.set_defaults(func=conflicts_cmd)


def list_cmd(args) -> int:
    from desktop_app.i18n.formatting import country_name, format_date, format_number
    from desktop_app.services import calendars

    db = open_db(args)
    try:
        query = calendars.CalendarQuery(search=args.search, university_id=args.university, academic_year=args.year)
        rows, after = [], None
        while True:  # page by page, as the GUI reads them
            found = calendars.page(db, query, after)
            rows += found.rows
            if found.is_last:
                break
            after = found.after
    finally:
        db.close()
    if args.json:
        print_json([{"id": r.id, "university_id": r.university_id, "university": r.university_name,
                     "country": r.country_code, "academic_year": r.academic_year, "periods": r.periods,
                     "first_day": r.first_day.isoformat() if r.first_day else None,
                     "last_day": r.last_day.isoformat() if r.last_day else None} for r in rows])
        return 0
    print_table([[str(r.id), r.university_name, country_name(r.country_code), r.academic_year,
                  format_number(r.periods), format_date(r.first_day) if r.first_day else "—",
                  format_date(r.last_day) if r.last_day else "—"] for r in rows],
                [_("ID"), _("University"), _("Country"), _("Academic year"), _("Periods"), _("First day"),
                 _("Last day")])
    return 0


def import_cmd(args) -> int:
    from desktop_app.exchange.icalendar_files import import_ics_file

    with writing_db(args) as db:
        result = import_ics_file(db, args.university_id, args.file)
    print(_("Periods added: {created}; updated: {updated}; academic years: {years}.").format(**result))
    return 0


def export_cmd(args) -> int:
    from desktop_app.exchange.icalendar_files import export_ics
    from desktop_app.services.calendars import programme_universities

    db = open_db(args)
    try:
        ids = [args.university] if args.university is not None else programme_universities(db, args.programme)
        count = export_ics(db, ids, args.year, args.out)
    finally:
        db.close()
    print(
        ngettext("{count} event written to {path}.", "{count} events written to {path}.", count).format(
            count=count, path=args.out
        ),
        file=sys.stderr,
    )
    return 0


def conflicts_cmd(args) -> int:
    from desktop_app.domain.calendars import parse_academic_year
    from desktop_app.i18n.formatting import format_date
    from desktop_app.services import calendars, curricula

    db = open_db(args)
    try:
        if args.year:
            years = [parse_academic_year(args.year)]
        else:
            draft = curricula.get(db, args.programme).draft
            years = sorted({s.academic_year for s in draft.semesters if s.academic_year})
        joints = [calendars.joint_calendar_for_programme(db, args.programme, year) for year in years]
    finally:
        db.close()
    conflicts = [(joint.year, c) for joint in joints for c in joint.conflicts]
    if args.json:
        print_json(
            [
                {
                    "academic_year": year,
                    "start": c.span.start.isoformat(),
                    "end": c.span.end.isoformat(),
                    "examining": c.examining,
                    "exam_period": c.exam_period,
                    "attending": c.attending,
                    "attendance_period": c.attendance_period,
                }
                for year, c in conflicts
            ]
        )
        return 0
    if not conflicts:
        print(_("No conflicts between the partners' calendars."))
        return 0
    print_table(
        [
            [
                year,
                format_date(c.span.start),
                format_date(c.span.end),
                c.examining,
                c.exam_period,
                c.attending,
                c.attendance_period,
            ]
            for year, c in conflicts
        ],
        [
            _("Year"),
            _("Start"),
            _("End"),
            _("Exams at"),
            _("Exam period"),
            _("Attendance at"),
            _("Attendance period"),
        ],
    )
    return 0
