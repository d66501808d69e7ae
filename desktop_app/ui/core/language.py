"""Switching the interface language while the window is open.

The gettext language changes, Qt's own translator (standard dialog buttons, context menus) is
swapped, the layout direction follows the language, and every widget receives a LanguageChange
event; widgets rebuild their texts in ``retranslate()`` (see :class:`Retranslatable`).

Qt's own strings come from the ``qtbase`` catalog Qt ships for the language. Where Qt has none, or
its catalog lacks a string we show, :class:`QtStringsFromCatalog` answers from our own catalog (the
messages are listed in ``QT_STRINGS``), so wizard and dialog buttons and context menus are never left
in English in a translated interface.

The window is laid out right to left only when the interface text is in a right-to-left language:
a right-to-left language without a catalog shows English messages, which must not be mirrored.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desktop_app.i18n import N_, _, lays_out_right_to_left, set_language

#: (Qt's translation context, Qt's source text) -> our message id: the Qt strings the application shows.
QT_STRINGS: dict[tuple[str, str], str] = {
    ("QWizard", "< &Back"): N_("< &Back"),
    ("QWizard", "&Next >"): N_("&Next >"),
    ("QWizard", "&Finish"): N_("&Finish"),
    ("QWizard", "Cancel"): N_("Cancel"),
    ("QWizard", "&Help"): N_("&Help"),
    ("QWizard", "Commit"): N_("Commit"),
    ("QPlatformTheme", "OK"): N_("OK"),
    ("QPlatformTheme", "Save"): N_("Save"),
    ("QPlatformTheme", "Open"): N_("Open"),
    ("QPlatformTheme", "Cancel"): N_("Cancel"),
    ("QPlatformTheme", "Close"): N_("Close"),
    ("QPlatformTheme", "Discard"): N_("Discard"),
    ("QPlatformTheme", "Don't Save"): N_("Don't Save"),
    ("QPlatformTheme", "Apply"): N_("Apply"),
    ("QPlatformTheme", "Reset"): N_("Reset"),
    ("QPlatformTheme", "Restore Defaults"): N_("Restore Defaults"),
    ("QPlatformTheme", "Help"): N_("Help"),
    ("QPlatformTheme", "&Yes"): N_("&Yes"),
    ("QPlatformTheme", "&No"): N_("&No"),
    ("QPlatformTheme", "Abort"): N_("Abort"),
    ("QPlatformTheme", "Retry"): N_("Retry"),
    ("QPlatformTheme", "Ignore"): N_("Ignore"),
    ("QMessageBox", "OK"): N_("OK"),
    ("QMessageBox", "Show Details..."): N_("Show Details..."),
    ("QMessageBox", "Hide Details..."): N_("Hide Details..."),
    ("QLineEdit", "&Undo"): N_("&Undo"),
    ("QLineEdit", "&Redo"): N_("&Redo"),
    ("QLineEdit", "Cu&t"): N_("Cu&t"),
    ("QLineEdit", "&Copy"): N_("&Copy"),
    ("QLineEdit", "&Paste"): N_("&Paste"),
    ("QLineEdit", "Delete"): N_("Delete"),
    ("QLineEdit", "Select All"): N_("Select All"),
    ("QWidgetTextControl", "&Undo"): N_("&Undo"),
    ("QWidgetTextControl", "&Redo"): N_("&Redo"),
    ("QWidgetTextControl", "Cu&t"): N_("Cu&t"),
    ("QWidgetTextControl", "&Copy"): N_("&Copy"),
    ("QWidgetTextControl", "&Paste"): N_("&Paste"),
    ("QWidgetTextControl", "Delete"): N_("Delete"),
    ("QWidgetTextControl", "Select All"): N_("Select All"),
    ("QAbstractSpinBox", "&Select All"): N_("&Select All"),
    ("QAbstractSpinBox", "&Step up"): N_("&Step up"),
    ("QAbstractSpinBox", "Step &down"): N_("Step &down"),
    ("QFileDialog", "Look in:"): N_("Look in:"),
    ("QFileDialog", "File &name:"): N_("File &name:"),
    ("QFileDialog", "Files of type:"): N_("Files of type:"),
}


class QtStringsFromCatalog(QTranslator):
    """Qt's strings in ``QT_STRINGS`` from our gettext catalog (an empty answer lets Qt ask on)."""

    def translate(self, context, source_text, disambiguation=None, n=-1):  # noqa: ARG002 - Qt's signature
        msgid = QT_STRINGS.get((context, source_text))
        if msgid is None:
            return ""
        text = _(msgid)
        return "" if text == msgid else text

    def isEmpty(self) -> bool:  # noqa: N802
        return False


_qt_translators: list[QTranslator] = []


def _install_qt_translators(app: QApplication, lang: str) -> bool:
    """Qt's catalog for ``lang`` (asked first) and ours beneath it; False when neither applies."""
    for translator in _qt_translators:
        app.removeTranslator(translator)
    _qt_translators.clear()
    if lang.split("_")[0] == "en":
        return False
    ours = QtStringsFromCatalog(app)
    app.installTranslator(ours)  # Qt asks the translator installed last first: Qt's own, then ours
    _qt_translators.append(ours)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    for name in (f"qtbase_{lang}", f"qtbase_{lang}_{QLocale(lang).territory().name[:2]}", f"qtbase_{lang}_CN"):
        if translator.load(name, folder):
            app.installTranslator(translator)
            _qt_translators.append(translator)
            break
    return True


def apply_language(app: QApplication, requested: str | None) -> str:
    lang = set_language(requested)
    QLocale.setDefault(QLocale(lang))
    if lays_out_right_to_left(lang) != app.isRightToLeft():
        from PySide6.QtCore import Qt  # its namespace costs ~14 ms to load: not on the left-to-right start path

        app.setLayoutDirection(
            Qt.LayoutDirection.RightToLeft if lays_out_right_to_left(lang) else Qt.LayoutDirection.LeftToRight)
    # Installing a translator notifies every widget; without a Qt catalog we notify them ourselves.
    if _install_qt_translators(app, lang):
        # Qt posts those notifications; deliver them now so the window is retranslated on return.
        QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    else:
        for widget in app.allWidgets():
            app.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
    return lang


def qt_text(context: str, source: str) -> str:
    """One of Qt's own strings in the interface language (for a widget that set it once and keeps it)."""
    from PySide6.QtCore import QCoreApplication

    return QCoreApplication.translate(context, source)


class Retranslatable:
    """Mixin for widgets: call ``retranslate()`` once built; it runs again on every language change."""

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]

    def retranslate(self) -> None:
        raise NotImplementedError
