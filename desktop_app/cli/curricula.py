"""``curricula list`` and ``curricula show``: joint programmes from the command line."""

from __future__ import annotations

from desktop_app.cli.common import add_json_flag, open_db, print_json, print_table
from desktop_app.i18n import _


def register(subparsers) -> None:
    parser = subparsers.add_parser("curricula", help=_("joint programmes and their study plans"))
    sub = parser.add_subparsers(dest="curricula_command", required=True, metavar=_("ACTION"))
    listing = sub.add_parser("list", help=_("list the joint programmes"))
    add_json_flag(listing)
    listing.set_defaults(func=list_cmd)
    show = sub.add_parser(
        "show", help=_("show one programme with its partners, study plan and rule messages")
    )
    show.add_argument("id", type=int, metavar="ID")
    add_json_flag(show)
    show.set_defaults(func=show_cmd)


def list_cmd(args) -> int:
    from desktop_app.domain.curricula import PROGRAMME_STATUS_TITLES, PROGRAMME_TYPE_TITLES, title_of
    from desktop_app.i18n import current_language
    from desktop_app.i18n.formatting import format_number
    from desktop_app.services import curricula

    db = open_db(args)
    try:
        programmes = list(curricula.iterate(db))
    finally:
        db.close()
    if args.json:
        print_json([p.as_json() for p in programmes])
        return 0
    print_table(
        [
            [
                str(p.id),
                p.code,
                p.title_in(current_language()),
                title_of(PROGRAMME_TYPE_TITLES, p.programme_type),
                title_of(PROGRAMME_STATUS_TITLES, p.status),
                format_number(p.credits),
                p.partners,
            ]
            for p in programmes
        ],
        [_("ID"), _("Code"), _("Title"), _("Type"), _("Status"), _("ECTS"), _("Partners")],
    )
    return 0


def show_cmd(args) -> int:
    from desktop_app.domain.curricula import (
        DIPLOMA_TITLES,
        PARTNER_ROLE_TITLES,
        PROGRAMME_STATUS_TITLES,
        PROGRAMME_TYPE_TITLES,
        title_of,
    )
    from desktop_app.i18n.formatting import format_number
    from desktop_app.services import curricula

    db = open_db(args)
    try:
        draft = curricula.get(db, args.id).draft
        messages = curricula.check_plan(db, draft)
    finally:
        db.close()
    if args.json:
        print_json(curricula.programme_json(args.id, draft, messages))
        return 0
    print(f"{draft.title} ({draft.code})" if draft.code else draft.title)
    print(
        _("Type: {type}; status: {status}; ISCED level: {level}; diplomas: {diplomas}").format(
            type=title_of(PROGRAMME_TYPE_TITLES, draft.programme_type),
            status=title_of(PROGRAMME_STATUS_TITLES, draft.status),
            level=draft.isced_level or "—",
            diplomas=title_of(DIPLOMA_TITLES, draft.diplomas),
        )
    )
    print(_("Partners:"))
    for partner in draft.partners:
        print(f"  {partner.name} [{partner.country_code}] — {title_of(PARTNER_ROLE_TITLES, partner.role)}")
    if draft.industry_partner_ids:
        from desktop_app.services import organisations

        db = open_db(args)
        try:
            industry = {c.id: c.label for c in organisations.choices(db, ids=draft.industry_partner_ids)}
        finally:
            db.close()
        print(_("Industry partners:"))
        for organisation_id in draft.industry_partner_ids:
            print(f"  {industry.get(organisation_id, organisation_id)}")
    names = {p.university_id: p.name for p in draft.partners}
    for semester in draft.semesters:
        print(
            _("Semester {number} ({year}), {partner}: {credits} ECTS").format(
                number=semester.number,
                year=semester.academic_year or "—",
                partner=names.get(semester.university_id, "—"),
                credits=format_number(semester.credits),
            )
        )
        for course in semester.courses:
            kind = _("mandatory") if course.mandatory else _("elective")
            print(f"  {course.code:<12} {course.title():<50} {format_number(course.credits):>5}  {kind}")
    print(_("Total: {credits} ECTS").format(credits=format_number(draft.credits)))
    for message in messages:
        print(("! " if message.severity == "error" else "? ") + message.text)
    return 0
