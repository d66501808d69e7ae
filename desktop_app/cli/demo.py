from __future__ import annotations

from desktop_app.cli.common import writing_db
from desktop_app.i18n import _, ngettext


def register(subparsers) -> None:
    parser = subparsers.add_parser("demo", help=_("load a small realistic data set into an empty database"))
    parser.add_argument("--network", action="store_true",
                        help=_("instead: the working group's view, packages of twelve member states received here"))
    parser.set_defaults(func=run)


def run(args) -> int:
    if args.network:
        return run_network(args)
    from desktop_app.exchange.demo import load_demo

    with writing_db(args) as db:
        totals = load_demo(db)
    for key, count in totals.items():
        print(f"{key}: {count}")
    print(ngettext("Loaded {count} university.", "Loaded {count} universities.", totals.get("universities", 0)).format(
        count=totals.get("universities", 0)))
    return 0


def run_network(args) -> int:
    from desktop_app.exchange.network_demo import load_network_demo
    from desktop_app.storage.preferences_file import PreferencesFile

    with writing_db(args) as db:
        result = load_network_demo(db, PreferencesFile().options())
    print(ngettext("Received the packages of {count} member state.", "Received the packages of {count} member states.",
                   len(result.packages)).format(count=len(result.packages)))
    print(ngettext("{count} university was linked to the same one of another state by its ROR ID.",
                   "{count} universities were linked to the same ones of other states by their ROR IDs.",
                   result.linked).format(count=result.linked))
    print(ngettext("{count} match by name waits for your decision ('network matches').",
                   "{count} matches by name wait for your decision ('network matches').",
                   result.to_confirm).format(count=result.to_confirm))
    return 0
