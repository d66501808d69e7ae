"""Combo boxes for languages and states, filled from CLDR in the current language."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from desktop_app.domain.reference import MEMBER_STATES
from desktop_app.i18n import _, available_languages, formatting


class LanguageCombo(QComboBox):
    """Every language with a catalog, each in its own name (so a user can find theirs)."""

    def __init__(self, parent=None, include_default: bool = False):
        super().__init__(parent)
        self.include_default = include_default
        self.refill()

    def refill(self) -> None:
        current = self.currentData()
        self.blockSignals(True)
        self.clear()
        if self.include_default:
            self.addItem(_("Same as the interface"), "")
        for code in available_languages():
            native = formatting.native_language_name(code)
            local = formatting.language_name(code)
            self.addItem(native if native == local else f"{native} — {local}", code)
        if current is not None:
            self.select(current)
        self.blockSignals(False)

    def select(self, code: str) -> None:
        index = self.findData(code)
        if index < 0 and code:
            index = self.findData(code.split("_")[0])
        if index >= 0:
            self.setCurrentIndex(index)


class StateCombo(QComboBox):
    """The 28 member states, names in the current language, alphabetical."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.refill()

    def refill(self) -> None:
        current = self.currentData()
        self.blockSignals(True)
        self.clear()
        from desktop_app.domain.text import fold_for_search

        names = sorted(((formatting.country_name(s.code), s.code) for s in MEMBER_STATES),
                       key=lambda pair: fold_for_search(pair[0]))
        for name, code in names:
            self.addItem(name, code)
        if current:
            self.select(current)
        self.blockSignals(False)

    def select(self, code: str) -> None:
        index = self.findData(code)
        if index >= 0:
            self.setCurrentIndex(index)
