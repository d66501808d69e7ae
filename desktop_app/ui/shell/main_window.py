"""The main window: navigation to every area, menus with shortcuts, status bar."""

from __future__ import annotations

from importlib import import_module

from PySide6.QtCore import QEvent, QSize, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from desktop_app import __version__, paths
from desktop_app.i18n import _, ngettext
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.shell.areas import AREAS, AREAS_BY_KEY, Area, area_of_journal


def _country_name(code: str) -> str:
    # Babel and its CLDR data are loaded on first use, after the window is painted.
    from desktop_app.i18n import formatting

    return formatting.country_name(code)


class NavigationList(QListWidget):
    """The list of areas, as wide as its longest label in the current language (up to ``WIDEST``; a
    longer label wraps onto a second line rather than being cut)."""

    WIDEST = 280

    def __init__(self, parent=None):
        super().__init__(parent)
        self._fitting = 190

    def fit_labels(self) -> None:
        # The widest item as the delegate lays it out (icon, text, the style sheet's padding), the
        # frame on both sides and the list's own padding.
        wanted = self.sizeHintForColumn(0) + 2 * self.frameWidth() + 6
        self._fitting = min(max(wanted, 150), self.WIDEST)
        self.setMinimumWidth(self._fitting)
        self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt naming
        hint = super().sizeHint()
        return QSize(self._fitting, hint.height())


class MainWindow(Retranslatable, QMainWindow):
    area_changed = Signal(str)
    page_created = Signal(str, object)

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("mainWindow")
        self.pages: dict[str, QWidget] = {}
        self.navigation = NavigationList()
        self.navigation.setObjectName("navigation")
        self.navigation.setIconSize(QSize(20, 20))
        self.navigation.setWordWrap(True)
        self.stack = QStackedWidget()
        splitter = QSplitter()
        splitter.addWidget(self.navigation)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.splitter = splitter
        self.setCentralWidget(splitter)
        # A blank icon keeps the text where it will be once the style's icons are set in complete()
        # (the icon set is loaded after the first paint).
        blank = QPixmap(20, 20)
        blank.fill(QColor(0, 0, 0, 0))
        for _area in AREAS:
            self.navigation.addItem(QListWidgetItem(QIcon(blank), ""))
        self.database_label = QLabel()
        self.state_label = QLabel()
        self.completed = False
        self._build_actions()
        self._build_menus()
        self.resize(1180, 760)
        self._restore_geometry()
        self.retranslate()
        self.navigation.setCurrentRow(0)  # selected now, its page is built in complete()
        self.navigation.currentRowChanged.connect(self._on_navigate)
        context.database_opened.connect(lambda _db: self._update_status())

    def complete(self, then=None) -> None:
        """What can wait until the window is on screen: the status bar, CLDR names, the first page.

        Loading CLDR data and building the dashboard cost more than painting the frame; the user sees
        the window at once and the rest a few milliseconds later.
        """
        if self.completed:
            if then is not None:
                then()
            return
        self.completed = True
        from PySide6.QtCore import Qt

        from desktop_app.ui.common.icons import icon

        for row, area in enumerate(AREAS):
            self.navigation.item(row).setIcon(icon(area.icon))
        for action, name in ((self.act_backup, "database-backup"), (self.act_check, "shield-check"),
                             (self.act_demo, "sparkles"), (self.act_network_demo, "network"),
                             (self.act_preferences, "settings"),
                             (self.act_quit, "log-out"), (self.act_undo, "undo-2"), (self.act_redo, "redo-2"),
                             (self.act_about, "info"), (self.act_log_folder, "folder-open")):
            action.setIcon(icon(name))
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.statusBar().addWidget(self.database_label, 1)
        self.statusBar().addPermanentWidget(self.state_label)
        self.retranslate()
        self._on_navigate(self.navigation.currentRow())
        dashboard = self.pages.get("dashboard")
        if dashboard is not None:
            # Counted before the database layer loads: both compete for the interpreter.
            dashboard.quick_count(getattr(self.context, "database_url", None), then)
        elif then is not None:
            then()

    # -- actions and menus ---------------------------------------------------------------------
    def _action(self, name: str, shortcut=None, slot=None) -> QAction:
        action = QAction(self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if slot is not None:
            action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        self.act_backup = self._action("actionBackup", "Ctrl+B", self.backup_database)
        self.act_check = self._action("actionCheck", None, self.check_database)
        self.act_demo = self._action("actionDemo", None, self.load_demo)
        self.act_network_demo = self._action("actionNetworkDemo", None, self.load_network_demo)
        self.act_preferences = self._action("actionPreferences", QKeySequence.StandardKey.Preferences,
                                            self.open_preferences)
        if self.act_preferences.shortcut().isEmpty():
            self.act_preferences.setShortcut(QKeySequence("Ctrl+,"))
        self.act_quit = self._action("actionQuit", QKeySequence.StandardKey.Quit, self.close)
        self.act_undo = self.context.undo_group.createUndoAction(self)
        self.act_undo.setShortcut(QKeySequence.StandardKey.Undo)
        self.act_redo = self.context.undo_group.createRedoAction(self)
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.act_about = self._action("actionAbout", "F1", self.show_about)
        self.act_log_folder = self._action("actionLogFolder", None, self.open_data_folder)
        self.area_actions: list[QAction] = []
        for index, area in enumerate(AREAS):
            action = self._action(f"actionArea_{area.key}", f"Ctrl+{index + 1}" if index < 9 else None,
                                  lambda _checked=False, key=area.key: self.open_area(key))
            self.area_actions.append(action)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menu_file = bar.addMenu("")
        self.menu_file.addAction(self.act_backup)
        self.menu_file.addSeparator()
        self.menu_file.addAction(self.act_quit)
        self.menu_edit = bar.addMenu("")
        self.menu_edit.addAction(self.act_undo)
        self.menu_edit.addAction(self.act_redo)
        self.menu_edit.addSeparator()
        self.menu_edit.addAction(self.act_preferences)
        self.menu_view = bar.addMenu("")
        for action in self.area_actions:
            self.menu_view.addAction(action)
        self.menu_tools = bar.addMenu("")
        self.menu_tools.addAction(self.act_check)
        self.menu_tools.addAction(self.act_demo)
        self.menu_tools.addAction(self.act_network_demo)
        self.menu_help = bar.addMenu("")
        self.menu_help.addAction(self.act_log_folder)
        self.menu_help.addAction(self.act_about)

    def retranslate(self) -> None:
        self.setWindowTitle(_("CICA Network Coordinator") if not (self.completed and self.context.state_code)
                            else _("{app} — {state}").format(
            app=_("CICA Network Coordinator"), state=_country_name(self.context.state_code)))
        self.menu_file.setTitle(_("&File"))
        self.menu_edit.setTitle(_("&Edit"))
        self.menu_view.setTitle(_("&View"))
        self.menu_tools.setTitle(_("&Tools"))
        self.menu_help.setTitle(_("&Help"))
        self.act_backup.setText(_("&Back up the database…"))
        self.act_check.setText(_("&Check the database"))
        self.act_demo.setText(_("Load &demonstration data"))
        self.act_network_demo.setText(_("Load the &network demonstration (the working group's view)"))
        self.act_preferences.setText(_("&Preferences…"))
        self.act_quit.setText(_("&Quit"))
        self.act_undo.setText(_("&Undo"))
        self.act_redo.setText(_("&Redo"))
        self.act_about.setText(_("&About {app}").format(app=_("CICA Network Coordinator")))
        self.act_log_folder.setText(_("Open the &data folder"))
        for row, (area, action) in enumerate(zip(AREAS, self.area_actions, strict=True)):
            # "Mobility & events" carries a literal &, not a mnemonic: double it for the menu.
            action.setText(_(area.title).replace("&", "&&"))
            self.navigation.item(row).setText(_(area.title))
        self.navigation.fit_labels()
        self._update_status()

    def _update_status(self) -> None:
        if not self.completed:
            return
        db = self.context.db
        self.database_label.setText(
            _("Database: {location}").format(location=db.display_name) if db else _("Opening the database…"))
        state = self.context.state_code
        self.state_label.setText(_country_name(state) if state else "")

    # -- navigation ------------------------------------------------------------------------------
    def _on_navigate(self, row: int) -> None:
        if row < 0:
            return
        leaving = self.stack.currentWidget()
        if leaving is not None and leaving is not self.pages.get(AREAS[row].key) and not self._may_leave(leaving):
            previous = next((i for i, area in enumerate(AREAS) if self.pages.get(area.key) is leaving), -1)
            self.navigation.blockSignals(True)
            self.navigation.setCurrentRow(previous)
            self.navigation.blockSignals(False)
            return
        area = AREAS[row]
        page = self.pages.get(area.key) or self._create_page(area)
        self.stack.setCurrentWidget(page)
        stack = getattr(page, "undo_stack", None)
        self.context.undo_group.setActiveStack(stack)
        self.area_changed.emit(area.key)

    def _create_page(self, area: Area) -> QWidget:
        module_name, class_name = area.page.split(":")
        page = getattr(import_module(module_name), class_name)(self.context)
        if hasattr(page, "area_requested"):
            page.area_requested.connect(self.open_area)
        stack = getattr(page, "undo_stack", None)
        if stack is not None:
            self.context.undo_group.addStack(stack)
        from desktop_app.ui.common.icons import decorate_buttons

        decorate_buttons(page)
        self.pages[area.key] = page
        self.stack.addWidget(page)
        self.page_created.emit(area.key, page)
        return page

    def open_area(self, key: str) -> QWidget | None:
        """Show the area's page (None when the user chose to stay on a page with unsaved changes)."""
        row = [area.key for area in AREAS].index(AREAS_BY_KEY[key].key)
        if self.navigation.currentRow() == row and key not in self.pages:
            self._on_navigate(row)
        self.navigation.setCurrentRow(row)
        return self.pages.get(key) if self.current_area() == key else None

    def current_area(self) -> str:
        return AREAS[self.navigation.currentRow()].key

    # -- commands ---------------------------------------------------------------------------------
    def _require_db(self):
        from PySide6.QtWidgets import QMessageBox

        if self.context.db is None:
            QMessageBox.information(self, _("CICA Network Coordinator"),
                                    _("The database is still opening. Try again in a moment."))
        return self.context.db

    def backup_database(self) -> None:
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        db = self._require_db()
        if db is None:
            return
        if not db.is_sqlite:
            QMessageBox.information(self, _("Back up"),
                                    _("Backups of server databases are made on the server (for PostgreSQL: pg_dump)."))
            return
        from pathlib import Path

        target, _filter = QFileDialog.getSaveFileName(
            self, _("Back up the database"), str(paths.backups_dir() / "coordinator-backup.sqlite3"),
            _("SQLite databases (*.sqlite3 *.db)"))
        if not target:
            return
        from desktop_app.services.database_admin import backup_database

        self.context.runner.run(
            lambda _p: backup_database(db.url, Path(target)), title=_("Backing up the database"), parent=self,
            on_done=lambda path: self.statusBar().showMessage(_("Backup written: {path}").format(path=path), 8000))

    def check_database(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        db = self._require_db()
        if db is None:
            return
        from desktop_app.services.database_admin import check_database

        def show(report) -> None:
            if report.ok:
                QMessageBox.information(self, _("Database check"), _("The database is sound."))
            else:
                QMessageBox.warning(self, _("Database check"), "\n".join(report.problems))

        self.context.runner.run(lambda _p: check_database(db.url), title=_("Checking the database"),
                                parent=self, on_done=show)

    def load_demo(self) -> None:
        db = self._require_db()
        if db is None:
            return
        from desktop_app.exchange.demo import load_demo

        self.context.runner.run(
            lambda _p: load_demo(db), title=_("Loading demonstration data"), parent=self,
            on_done=lambda _totals: self.statusBar().showMessage(_("Demonstration data loaded."), 8000))

    def load_network_demo(self) -> None:
        """Twelve member states' packages built and received here, then the Network page shown."""
        db = self._require_db()
        if db is None:
            return
        from desktop_app.exchange.network_demo import load_network_demo

        options = self.context.preferences.options()

        def loaded(_result) -> None:
            self.context.bus.changed.emit({"exchange", "universities"})
            self.open_area("network")
            self.statusBar().showMessage(_("The member states' packages were received."), 8000)

        self.context.runner.run(lambda progress: load_network_demo(db, options, progress=progress),
                                title=_("Loading the network demonstration"), parent=self, on_done=loaded)

    def open_preferences(self) -> None:
        from desktop_app.ui.shell.preferences_dialog import PreferencesDialog

        PreferencesDialog(self.context, self).exec()

    def open_data_folder(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(paths.user_data_dir())))

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self, _("About {app}").format(app=_("CICA Network Coordinator")),
            _("{app} {version}\n\nThe national coordinator's records of the CICA Partnership Network of Leading "
              "Universities: partner universities, agreements, joint curricula and calendars, diploma recognition, "
              "mobility and reports for the working group.\n\nData folder: {folder}").format(
                app=_("CICA Network Coordinator"), version=__version__, folder=paths.user_data_dir()))

    # -- window state -------------------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self.context.window_state.load("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        splitter = self.context.window_state.load("main/splitter")
        if splitter is not None:
            self.splitter.restoreState(splitter)

    def changeEvent(self, event) -> None:  # noqa: N802
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange:
            # QSplitter keeps its old geometry on a direction change until asked to lay out again.
            self.splitter.refresh()

    # -- unsaved work ------------------------------------------------------------------------------
    def _may_leave(self, page: QWidget) -> bool:
        """True when the page holds no unsaved changes, or the user saved or discarded them."""
        has_changes = getattr(page, "has_unsaved_changes", None)
        if has_changes is None or not has_changes():
            return True
        from desktop_app.ui.common.form_dialog import CANCEL, SAVE, ask_unsaved

        answer = ask_unsaved(self, page.unsaved_description())
        if answer == CANCEL:
            return False
        if answer == SAVE:
            return bool(page.save_changes())
        page.discard_changes()
        return True

    def offer_recovered_drafts(self) -> None:
        """Drafts an editor held when the last session ended abruptly: offer to open them again."""
        from desktop_app.ui.core import drafts

        db = self.context.db
        entries = [entry for entry in drafts.pending(db.url if db else None)
                   if hasattr(self._page_class(entry.area), "recover_draft")]
        if not entries:
            return
        from PySide6.QtWidgets import QMessageBox

        from desktop_app.i18n import formatting

        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(_("Unsaved work found"))
        box.setText(ngettext("The last session ended before this was saved: {titles}. Open it again?",
                             "The last session ended before these were saved: {titles}. Open them again?",
                             len(entries)).format(titles=formatting.format_list([e.title for e in entries])))
        reopen = box.addButton(_("Open again"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(_("Discard"), QMessageBox.ButtonRole.DestructiveRole)
        box.exec()
        chosen = box.clickedButton() is reopen
        for entry in entries:
            drafts.remove(entry)
        if chosen:
            for entry in entries:
                area = area_of_journal(entry.area)
                page = self.open_area(area.key) if area is not None else None
                if page is None:
                    continue
                if entry.area == area.key:
                    page.recover_draft(entry.record_id, entry.values)
                else:  # one of the page's other kinds of record
                    page.recover_draft(entry.record_id, entry.values, journal=entry.area)

    @staticmethod
    def _page_class(journal: str):
        area = area_of_journal(journal)
        if area is None or area.page is None:
            return None
        module_name, class_name = area.page.split(":")
        return getattr(import_module(module_name), class_name, None)

    def closeEvent(self, event) -> None:  # noqa: N802
        for page in list(self.pages.values()):
            if not self._may_leave(page):
                event.ignore()
                return
        self.context.window_state.save("main/geometry", self.saveGeometry())
        self.context.window_state.save("main/splitter", self.splitter.saveState())
        self.context.window_state.sync()
        super().closeEvent(event)
