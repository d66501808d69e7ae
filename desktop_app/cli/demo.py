from __future__ import annotations

from desktop_app.cli.common import writing_db
from desktop_app.i18n import _, ngettext


def register(subparsers) -> None:
    parser = subparsers.add_parser("demo", help=_("load a small realistic data set into an empty database"))
    parser.set_defaults(func=run)


def run(args) -> int:
    from desktop_app.exchange.demo import load_demo

    with writing_db(args) as db:
        totals = load_demo(db)
    for key, count in totals.items():
        print(f"{key}: {count}")
    print(ngettext("Loaded {count} university.", "Loaded {count} universities.", totals.get("universities", 0)).format(
        count=totals.get("universities", 0)))
    return 0
