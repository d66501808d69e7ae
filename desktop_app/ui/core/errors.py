"""Unhandled exceptions: written to the log file, shown as a readable message, the app keeps running.

A :class:`UserError` is the user's business (bad input, a refused action) and is shown as its
message. Anything else is our fault: the user sees what happened in one sentence and where the
details were written — never a traceback.
"""

from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtWidgets import QApplication, QWidget

from desktop_app import APP_ID, paths
from desktop_app.domain.errors import UserError
from desktop_app.i18n import _

log = logging.getLogger(APP_ID)
_showing = False
#: The database the application works on, so that its faults can be named (set at start).
database_url: str | None = None


def setup_logging() -> None:
    root = logging.getLogger()
    if any(isinstance(h, logging.FileHandler) for h in root.handlers):
        return
    try:
        handler = logging.FileHandler(paths.log_file(), encoding="utf-8")
    except OSError:
        return
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def record_error(error: BaseException) -> None:
    """Append the full details to the log file of the current data folder (never shown in a dialog)."""
    details = "".join(traceback.format_exception(error))
    log.error("unexpected error: %s", details)
    if not any(isinstance(h, logging.FileHandler) and h.baseFilename == str(paths.log_file())
               for h in logging.getLogger().handlers):
        try:
            with paths.log_file().open("a", encoding="utf-8") as handle:
                handle.write(f"unexpected error: {details}\n")
        except OSError:
            pass


def show_error(error: BaseException, parent: QWidget | None = None) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMessageBox

    global _showing
    parent = parent or QApplication.activeWindow()
    if not isinstance(error, UserError):
        # A full disk, a read-only file, a lock, a failing disk: one sentence, as on the command line.
        from desktop_app.services.faults import user_problem

        error = user_problem(error, database_url) or error
    if isinstance(error, UserError):
        QMessageBox.warning(parent, _("Cannot do that"), error.text)
        return
    record_error(error)
    if _showing:  # an error while the error dialog is open: logged, not stacked
        return
    _showing = True
    try:
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle(_("Unexpected error"))
        box.setText(_("Something went wrong: {kind}. Your data is safe and the application keeps running.").format(
            kind=type(error).__name__))
        box.setInformativeText(_("The details were written to {log}. Please send that file to your support "
                                 "contact.").format(log=paths.log_file()))
        open_folder = box.addButton(_("Open log folder"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.user_data_dir())))
    finally:
        _showing = False


def install_excepthook() -> None:
    def hook(kind, value, tb):
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        if value is not None and value.__traceback__ is None:
            value = value.with_traceback(tb)
        show_error(value)

    sys.excepthook = hook
