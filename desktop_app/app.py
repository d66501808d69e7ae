"""Composition root of the desktop application: settings -> language -> window -> database.

The first window is painted before SQLAlchemy, Alembic, reportlab or openpyxl are imported; the
database is opened (and migrated, after a backup) off the GUI thread right after.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from desktop_app import APP_ID, APP_NAME, __version__, paths
from desktop_app.i18n import _, current_language
from desktop_app.ui.core import settings
from desktop_app.ui.core.context import AppContext
from desktop_app.ui.core.errors import install_excepthook, setup_logging, show_error
from desktop_app.ui.core.language import apply_language

STARTUP_PROBE = "CICA_COORDINATOR_STARTUP_PROBE"  # benchmarks: print timings, quit when the dashboard is live
PROCESS_STARTED: float | None = None  # set by the benchmark to the interpreter's start


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    icon = paths.resources_dir() / "icons" / "app.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    style = paths.resources_dir() / "style.qss"
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    return app


class _FirstPaint(QObject):
    def __init__(self, callback):
        super().__init__()
        self.callback = callback
        self.fired = False

    def eventFilter(self, obj, event):  # noqa: N802
        if not self.fired and event.type() == QEvent.Type.Paint:
            self.fired = True
            QTimer.singleShot(0, self.callback)
        return False


def _bundled_preset():
    # Most checkouts carry no preset: don't pay for reading one (json, dataclasses) before the first paint.
    if not os.environ.get("CICA_COORDINATOR_PRESET") and not (paths.resources_dir() / "preset.json").is_file():
        return None
    from desktop_app.preset import bundled

    return bundled()


def start(app: QApplication, *, db_url: str | None = None, lang: str | None = None,
          preferences: settings.Preferences | None = None, wizard: bool = True):
    """Build the context and main window; returns (context, window), or None when start-up stops."""
    from desktop_app.storage import program
    from desktop_app.storage.instance_lock import InstanceLock
    from desktop_app.storage.urls import resolve_url
    from desktop_app.ui.shell.main_window import MainWindow

    preferences = preferences or settings.Preferences()
    # An installer built for a member state carries its preset: its language is the default until
    # the user chooses another, and the first-run wizard arrives with the state already chosen.
    preset = _bundled_preset()
    preset_lang = preset.interface_language() if preset else None
    apply_language(app, lang or preferences.get(settings.LANGUAGE) or preset_lang)
    if wizard and not preferences.get(settings.FIRST_RUN_DONE):
        from desktop_app.ui.shell.first_run import FirstRunWizard, apply_preset

        if preset is not None and preset.skip_wizard:
            apply_preset(preferences, preset, lang or preset_lang)
        else:
            first_run = FirstRunWizard(preferences, state=preset.state if preset else None)
            if os.environ.get(STARTUP_PROBE):  # the packaging smoke test: report the pre-filled wizard, accept it
                QTimer.singleShot(0, lambda: _probe_wizard(first_run))
            if first_run.exec() != FirstRunWizard.DialogCode.Accepted:
                return None
    apply_language(app, lang or preferences.get(settings.LANGUAGE) or preset_lang)
    url = resolve_url(db_url, preferences.get(settings.DATABASE_URL))
    program.set_current(program.GUI)
    lock = InstanceLock(url)
    try:
        holder = lock.acquire()
    except OSError:  # no lock file can be written beside it (a read-only folder): said when it is opened
        holder = None
    if holder is not None:
        from PySide6.QtWidgets import QMessageBox

        if holder.is_command:
            text = _("A command (process {pid} on {host}) is writing to this database. Start the application "
                     "again when it has finished.").format(pid=holder.pid, host=holder.host)
        else:
            text = _("This database is already open in CICA Network Coordinator (process {pid} on {host}). "
                     "Switch to that window, or close it and start again.").format(pid=holder.pid, host=holder.host)
        QMessageBox.critical(None, _("CICA Network Coordinator"), text)
        return None
    app.aboutToQuit.connect(lock.release)
    context = AppContext(app, preferences, settings.WindowState(), app)
    context.instance_lock = lock
    context.database_url = url
    from desktop_app.ui.core import errors

    errors.database_url = url
    window = MainWindow(context)
    context.window = window

    def open_database() -> None:
        from desktop_app.services.database_admin import automatic_backup
        from desktop_app.services.database_admin import open_database as open_db

        def opened(db) -> None:
            context.set_database(db)
            keep = preferences.get(settings.BACKUPS_KEPT)
            context.runner.run(lambda _p: automatic_backup(db, keep), title=_("Automatic backup"),
                               show_progress=False, on_error=lambda error: setup_logging())
            # Later than the first page: what an editor held when the last session ended abruptly.
            QTimer.singleShot(0, window, window.offer_recovered_drafts)

        def failed(error) -> None:
            window.database_label.setText(_("No database is open."))
            from desktop_app.domain.errors import EmptyDatabaseFile

            if isinstance(error, EmptyDatabaseFile):
                _recover_empty_database(context, url, error.path, then=open_database)
                return
            show_error(error, window)

        def open_and_identify(_progress):
            db = open_db(url)
            # The database learns which state's records it keeps (see services/exchange_identity.py).
            from desktop_app.services.exchange_identity import ensure_identity

            ensure_identity(db, preferences.get(settings.MEMBER_STATE))
            return db

        context.runner.run(open_and_identify, title=_("Opening the database"), parent=window,
                           on_done=opened, on_error=failed)

    painted = _FirstPaint(lambda: window.complete(then=open_database))
    window.installEventFilter(painted)
    window._first_paint_filter = painted  # keep it alive
    return context, window


def _recover_empty_database(context: AppContext, url: str, path, then) -> None:
    """The database file is empty: the user restores the latest backup, starts anew, or quits."""
    from desktop_app.services import database_admin
    from desktop_app.ui.shell import empty_database

    window = context.window
    backup = database_admin.latest_backup(url)
    choice = empty_database.ask(window, path, backup)
    if choice == empty_database.RESTORE:
        context.runner.run(lambda _p: database_admin.restore_database(url, backup, lock=context.instance_lock),
                           title=_("Restoring the database"), parent=window, on_done=lambda _aside: then())
    elif choice == empty_database.START_NEW:
        database_admin.remove_empty_database(url)
        then()
    else:
        window.close()


def _probe_print(line: str) -> None:
    # OSError: the reader went away (e.g. piped into head); the probe must not stop the app.
    with contextlib.suppress(OSError):
        print(line, flush=True)


def _probe_wizard(wizard) -> None:
    _probe_print(f"wizard language={current_language()} state={wizard.state_page.combo.currentData()}")
    wizard.accept()


def _install_probe(context, window, started: float) -> None:
    """For the start-up benchmark and the packaging smoke test: report first paint (and the language
    the window is shown in) and the live dashboard, then quit. A probe value ending in .png also
    saves a picture of the window there."""
    clock = time.time if started > 1e9 else time.perf_counter  # wall clock when given the process start

    def first_paint() -> None:
        _probe_print(f"first-paint {clock() - started:.4f}")
        _probe_print(f"language {current_language()} {'rtl' if context.app.isRightToLeft() else 'ltr'}")

    def live(_counts) -> None:
        _probe_print(f"dashboard-live {clock() - started:.4f}")
        shot = os.environ.get(STARTUP_PROBE, "")
        if shot.endswith(".png"):
            window.grab().save(shot)
        QTimer.singleShot(0, context.app.quit)

    def page_created(key, page) -> None:
        if key == "dashboard":
            page.counts_updated.connect(live)

    probe = _FirstPaint(first_paint)
    window.installEventFilter(probe)
    window._probe = probe
    window.page_created.connect(page_created)


def run_gui(db_url: str | None = None, lang: str | None = None) -> int:
    started = time.perf_counter()
    setup_logging()
    app = create_application()
    install_excepthook()
    result = start(app, db_url=db_url, lang=lang)
    if result is None:
        return 1
    context, window = result
    if os.environ.get(STARTUP_PROBE):
        _install_probe(context, window, PROCESS_STARTED or started)
    window.show()
    code = app.exec()
    context.runner.wait_for_all(10000)
    if context.db is not None:
        context.db.close()
    return code
