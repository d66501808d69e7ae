"""When the database file is found empty (0 bytes) at start: the user decides, nothing is assumed.

An emptied file is what a crash, a full disk or a bad copy leaves of a database; opening it as a new
database would hide the loss. The user is asked to restore the latest backup (automatic or made by
hand), to start a new database, or to quit.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop_app.i18n import _
from desktop_app.i18n.formatting import format_datetime

RESTORE, START_NEW, QUIT = "restore", "new", "quit"


def ask(parent: QWidget | None, path: Path, backup: Path | None) -> str:
    """RESTORE, START_NEW or QUIT."""
    import datetime as dt

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("The database is empty"))
    box.setText(_("The database file {path} is empty (0 bytes). Your records may be in a backup.").format(path=path))
    restore = None
    if backup is not None:
        made = dt.datetime.fromtimestamp(backup.stat().st_mtime)
        box.setInformativeText(_("The latest backup is {file}, made {when}.").format(
            file=backup.name, when=format_datetime(made)))
        restore = box.addButton(_("Restore the latest backup"), QMessageBox.ButtonRole.AcceptRole)
    else:
        box.setInformativeText(_("No backup of it was found in the backups folder."))
    start_new = box.addButton(_("Start a new database"), QMessageBox.ButtonRole.DestructiveRole)
    quit_button = box.addButton(_("Quit"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore or quit_button)
    box.exec()
    clicked = box.clickedButton()
    if restore is not None and clicked is restore:
        return RESTORE
    if clicked is start_new:
        return START_NEW
    return QUIT
