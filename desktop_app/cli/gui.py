from __future__ import annotations

from desktop_app.i18n import _


def register(subparsers) -> None:
    parser = subparsers.add_parser("gui", help=_("start the desktop application (the default)"))
    parser.set_defaults(func=run)


def run(args) -> int:
    from desktop_app.app import run_gui

    return run_gui(db_url=args.db, lang=args.lang)
