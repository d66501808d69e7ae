"""``roadmap add`` and ``roadmap update``: the road map is the working group's to change — a new action with
its deadline, or an action re-worded or re-scheduled (each move of a deadline is kept; ``roadmap list
--json`` shows the history). The same service as the Road map page."""

from __future__ import annotations

import re

from desktop_app.cli.common import writing_db
from desktop_app.i18n import _

_QUARTERS = re.compile(r"^([1-4])(?:-([1-4]))?$")


def _quarters(text: str) -> tuple[int, int]:
    import argparse

    found = _QUARTERS.match(text.strip())
    if not found:
        raise argparse.ArgumentTypeError(_("“{value}” is not a quarter or a range of quarters such as 2 or 1-3.")
                                         .format(value=text))
    first = int(found.group(1))
    return first, int(found.group(2) or first)


def register(road_commands) -> None:
    add = road_commands.add_parser("add", help=_("add an action to the road map"))
    add.add_argument("--title", required=True, metavar=_("TEXT"), help=_("what is to be done"))
    add.add_argument("--year", required=True, type=int, help=_("the deadline's year"))
    add.add_argument("--quarters", required=True, type=_quarters, metavar="Q[-Q]",
                     help=_("the deadline's quarter or range of quarters, such as 2 or 1-3"))
    add.add_argument("--form", default="", metavar=_("TEXT"), help=_("the form of completion"))
    add.add_argument("--responsible", default="", metavar=_("TEXT"), help=_("who is responsible"))
    add.add_argument("--organisation", type=int, action="append", default=None, metavar="ID",
                     help=_("an organisation of the register responsible for it (its id; repeat for several)"))
    add.add_argument("--number", type=int, help=_("the action's number (the next free one when not given)"))
    add.set_defaults(func=run_add)
    update = road_commands.add_parser("update", help=_("change a road-map action's wording or deadline"))
    update.add_argument("number", type=int, help=_("the action's number"))
    update.add_argument("--title", metavar=_("TEXT"), help=_("what is to be done"))
    update.add_argument("--year", type=int, help=_("the deadline's year"))
    update.add_argument("--quarters", type=_quarters, metavar="Q[-Q]",
                        help=_("the deadline's quarter or range of quarters, such as 2 or 1-3"))
    update.add_argument("--form", metavar=_("TEXT"), help=_("the form of completion"))
    update.add_argument("--responsible", metavar=_("TEXT"), help=_("who is responsible"))
    update.add_argument("--organisation", type=int, action="append", default=None, metavar="ID",
                        help=_("an organisation of the register responsible for it (its id; repeat for several)"))
    update.set_defaults(func=run_update)


def run_add(args) -> int:
    from desktop_app.domain.roadmap import ActionDraft
    from desktop_app.services import roadmap

    with writing_db(args) as db:
        number = args.number or roadmap.next_number(db)
        roadmap.create(db, ActionDraft(number, args.title, args.form, args.responsible, args.year, *args.quarters,
                                       organisation_ids=args.organisation or []))
    print(_("Action {number} added to the road map.").format(number=number))
    return 0


def run_update(args) -> int:
    from desktop_app.domain.errors import NotFoundError
    from desktop_app.services import roadmap

    with writing_db(args) as db:
        action = next((row for row in roadmap.iterate(db) if row.number == args.number), None)
        if action is None:
            raise NotFoundError("The road map has no action number {number}.", number=args.number)
        draft = roadmap.get(db, action.id).draft
        for option, field in (("title", "title_en"), ("form", "form_of_completion_en"),
                              ("responsible", "responsible_en"), ("year", "deadline_year")):
            if getattr(args, option) is not None:
                setattr(draft, field, getattr(args, option))
        if args.quarters is not None:
            draft.deadline_quarter_from, draft.deadline_quarter_to = args.quarters
        if args.organisation is not None:
            draft.organisation_ids = args.organisation
        roadmap.update(db, action.id, draft)
    print(_("Action {number} changed.").format(number=args.number))
    return 0
