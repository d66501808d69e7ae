"""The command line: the same services as the GUI, for automation and the working group's IT staff.

    cica-coordinator [--db URL] [--lang LL] COMMAND ...

Errors print one clear line on standard error and exit non-zero; never a traceback (details of an
unexpected failure go to the log file in the user's data folder).
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import sys
from importlib import import_module

from desktop_app import APP_ID, __version__
from desktop_app.i18n import _, set_language

#: Modules that add subcommands; each has ``register(subparsers)``.
COMMAND_MODULES = [
    "desktop_app.cli.gui",
    "desktop_app.cli.db",
    "desktop_app.cli.states",
    "desktop_app.cli.demo",
    "desktop_app.cli.organisations",
    "desktop_app.cli.governance",
    "desktop_app.cli.agreements",
    "desktop_app.cli.mobility",
    "desktop_app.cli.mobility_lifecycle",
    "desktop_app.cli.curricula",
    "desktop_app.cli.calendars",
    "desktop_app.cli.recognition",
    "desktop_app.cli.quality",
    "desktop_app.cli.reports",
    "desktop_app.cli.universities",
    "desktop_app.cli.package",
    "desktop_app.cli.network",
    "desktop_app.cli.about",
]

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_UNEXPECTED = 0, 1, 2, 3


def _initial_language(argv: list[str]) -> str | None:
    pre = argparse.ArgumentParser(add_help=False)
    pre.add_argument("--lang")
    known, _rest = pre.parse_known_args(argv)
    if known.lang:
        return known.lang
    env = os.environ.get("CICA_COORDINATOR_LANG") or os.environ.get("LANGUAGE") or os.environ.get("LANG")
    return env.split(":")[0].split(".")[0] if env else None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=APP_ID,
        description=_("Records of a national coordinator of the CICA Partnership Network of Leading Universities."),
    )
    parser.add_argument("--version", action="version", version=f"{APP_ID} {__version__}")
    parser.add_argument("--db", metavar="URL",
                        help=_("database URL or SQLite file (default: the file in the user's data folder)"))
    parser.add_argument("--lang", metavar="LL", help=_("language of messages and output, e.g. en, ru, kk"))
    subparsers = parser.add_subparsers(dest="command", metavar=_("COMMAND"))
    for name in COMMAND_MODULES:
        import_module(name).register(subparsers)
    return parser


def _setup_logging() -> None:
    from desktop_app import paths

    try:
        handler = logging.FileHandler(paths.log_file(), encoding="utf-8")
    except OSError:
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(_initial_language(argv))
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args([*argv, "gui"])
    from desktop_app.domain.errors import Cancelled, UserError
    from desktop_app.storage import program

    if args.command != "gui":  # named to other programs: in the instance lock and to PostgreSQL
        action = next((value for key, value in vars(args).items() if key.endswith("_command") and value), "")
        program.set_current(program.COMMAND, f"{args.command} {action}".strip())

    try:
        if getattr(args, "lang", None):
            from desktop_app.cli.common import checked_language

            set_language(checked_language(args.lang))
        return int(args.func(args) or EXIT_OK)
    except UserError as error:
        print(_("error: {message}").format(message=error.text), file=sys.stderr)
        return EXIT_ERROR
    except Cancelled:
        print(_("Cancelled; nothing was changed."), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return EXIT_ERROR
    except BrokenPipeError:  # output piped into a program that stopped reading (e.g. head)
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stays open as standard output until exit
        return EXIT_OK
    except Exception as error:  # last resort: one line for the user, the details in the log
        known = _known_fault(error, args)
        if known is not None:
            print(_("error: {message}").format(message=known.text), file=sys.stderr)
            return EXIT_ERROR
        _setup_logging()
        logging.getLogger(APP_ID).exception("unexpected error in command %s", args.command)
        from desktop_app import paths

        print(_("error: unexpected failure ({kind}: {detail}); details in {log}").format(
            kind=type(error).__name__, detail=str(error).splitlines()[0] if str(error) else "",
            log=paths.log_file()), file=sys.stderr)
        return EXIT_UNEXPECTED


def _known_fault(error: BaseException, args):
    """A full disk, a read-only file, a lock, a failing disk… that reached here unexplained: its sentence."""
    from desktop_app.storage import faults

    url = None
    if getattr(args, "command", None) != "gui":
        try:
            from desktop_app.storage.urls import resolve_url

            url = resolve_url(getattr(args, "db", None))
        except Exception:  # noqa: BLE001 - without a URL the fault is still named, without the place
            url = None
    return faults.user_problem(error, url)
