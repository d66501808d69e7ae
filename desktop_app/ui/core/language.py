"""Switching the interface language while the window is open.

The gettext language changes, Qt's own translator (standard dialog buttons, context menus) is
swapped, the layout direction follows the language, and every widget receives a LanguageChange
event; widgets rebuild their texts in ``retranslate()`` (see :class:`Retranslatable`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desktop_app.i18n import is_rtl, set_language

_qt_translator: QTranslator | None = None


def _install_qt_translator(app: QApplication, lang: str) -> bool:
    global _qt_translator
    if _qt_translator is not None:
        app.removeTranslator(_qt_translator)
        _qt_translator = None
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    translator = QTranslator(app)
    for name in (f"qtbase_{lang}", f"qtbase_{lang}_{QLocale(lang).territory().name[:2]}", f"qtbase_{lang}_CN"):
        if translator.load(name, folder):
            app.installTranslator(translator)
            _qt_translator = translator
            return True
    return False


def apply_language(app: QApplication, requested: str | None) -> str:
    lang = set_language(requested)
    QLocale.setDefault(QLocale(lang))
    if is_rtl(lang) != app.isRightToLeft():
        from PySide6.QtCore import Qt  # its namespace costs ~14 ms to load: not on the left-to-right start path

        app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if is_rtl(lang) else Qt.LayoutDirection.LeftToRight)
    # Installing a translator notifies every widget; without a Qt catalog we notify them ourselves.
    if _install_qt_translator(app, lang):
        # Qt posts those notifications; deliver them now so the window is retranslated on return.
        QApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    else:
        for widget in app.allWidgets():
            app.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
    return lang


class Retranslatable:
    """Mixin for widgets: call ``retranslate()`` once built; it runs again on every language change."""

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)  # type: ignore[misc]

    def retranslate(self) -> None:
        raise NotImplementedError
