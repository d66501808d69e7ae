from __future__ import annotations

from pathlib import Path

from desktop_app.cli.common import database_url
from desktop_app.i18n import _


def register(subparsers) -> None:
    parser = subparsers.add_parser("db", help=_("upgrade, check, back up or restore the database"))
    sub = parser.add_subparsers(dest="db_command", required=True, metavar=_("ACTION"))
    sub.add_parser("upgrade", help=_("create the database or bring it to this version's schema")).set_defaults(
        func=upgrade)
    sub.add_parser("check", help=_("check the database's integrity; exit 0 when sound")).set_defaults(func=check)
    backup = sub.add_parser("backup", help=_("copy the database consistently to a file"))
    backup.add_argument("out", metavar="OUT", type=Path)
    backup.set_defaults(func=backup_cmd)
    restore = sub.add_parser("restore", help=_("replace the database with a verified backup"))
    restore.add_argument("source", metavar="IN", type=Path)
    restore.set_defaults(func=restore_cmd)


def upgrade(args) -> int:
    from desktop_app.services.database_admin import upgrade_database
    from desktop_app.storage.engine import display_url

    url = database_url(args)
    result = upgrade_database(url)
    if result.changed:
        print(_("Database {url} is at schema {revision}.").format(
            url=display_url(url), revision=", ".join(sorted(result.to_revisions))))
        if result.backup:
            print(_("A copy made before the upgrade: {path}").format(path=result.backup))
    else:
        print(_("Database {url} is already up to date.").format(url=display_url(url)))
    return 0


def check(args) -> int:
    import sys

    from desktop_app.services.database_admin import check_database
    from desktop_app.storage.engine import display_url

    url = database_url(args)
    report = check_database(url)
    if report.ok:
        print(_("Database {url} is sound.").format(url=display_url(url)))
        for note in report.notes:
            print(note)
        return 0
    for problem in report.problems:
        print(_("error: {message}").format(message=problem), file=sys.stderr)
    return 1


def backup_cmd(args) -> int:
    from desktop_app.services.database_admin import backup_database

    target = backup_database(database_url(args), args.out)
    print(_("Backup written: {path}").format(path=target))
    return 0


def restore_cmd(args) -> int:
    from desktop_app.services.database_admin import restore_database

    aside = restore_database(database_url(args), args.source)
    print(_("Database restored from {path}.").format(path=args.source))
    if aside:
        print(_("The previous database was kept as {path}.").format(path=aside))
    return 0
