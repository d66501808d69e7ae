"""Choosing languages by their names in the interface language ("Kazakh", «казахский»), never by codes.

Records keep ISO 639 codes (a programme's languages of instruction, the language of a university's
name, a contact's languages, the language of an exchange); these widgets show and offer the names.
The choices are the languages the application knows for the CICA states and those it is translated
into, plus whatever code a record already holds (a Tatar name from the ROR registry stays Tatar).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QMenu, QPushButton, QWidget

from desktop_app.i18n import _, formatting


def language_name(code: str) -> str:
    """A language's name in the interface language; an unknown code as it is (better than nothing)."""
    return formatting.language_name(code) if code else ""


def language_names(codes: list[str] | str) -> str:
    """Several languages as the interface language lists them: "English, Russian and Chinese",
    «Английский, русский и китайский» (the names as they read inside a sentence, the first capitalised)."""
    if isinstance(codes, str):
        codes = codes.replace(",", " ").replace("/", " ").split()
    text = formatting.format_list([_name_in_sentence(code) for code in codes if code])
    return text[:1].upper() + text[1:]


def _name_in_sentence(code: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code.replace("-", "_")).get_display_name(formatting.locale_for()) or code
    except (UnknownLocaleError, ValueError):
        return code


def _choices(extra: list[str]) -> list[tuple[str, str]]:
    from desktop_app.domain.reference import writable_languages
    from desktop_app.ui.common.choosers import collation_key

    codes = list(dict.fromkeys([*writable_languages(), *(code for code in extra if code)]))
    key = collation_key()
    return sorted(((code, language_name(code)) for code in codes), key=lambda pair: key(pair[1]))


class LanguageChoice(QComboBox):
    """One language (or none, shown as a dash)."""

    changed = Signal()

    def __init__(self, value: str = "", parent=None):
        super().__init__(parent)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(10)
        self._fill(value)
        self.currentIndexChanged.connect(lambda _index: self.changed.emit())

    def _fill(self, value: str) -> None:
        self.blockSignals(True)
        self.clear()
        self.addItem("—", "")
        for code, name in _choices([value]):
            self.addItem(name, code)
            self.setItemData(self.count() - 1, code, 3)  # Qt.ToolTipRole: the code, for the curious
        self.setCurrentIndex(max(0, self.findData(value or "")))
        self.blockSignals(False)

    def value(self) -> str:
        return self.currentData() or ""

    def set_value(self, code: str | None) -> None:
        code = (code or "").strip()
        if code and self.findData(code) < 0:
            self._fill(code)
        self.setCurrentIndex(max(0, self.findData(code)))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange:
            self._fill(self.value())
        super().changeEvent(event)


class LanguagesPicker(QWidget):
    """Several languages: their names, and a button whose menu ticks them on and off."""

    changed = Signal()

    def __init__(self, codes: list[str] | None = None, parent=None):
        super().__init__(parent)
        self._codes: list[str] = list(codes or [])
        self.shown = QLineEdit(self)
        self.shown.setReadOnly(True)
        self.shown.setObjectName("languagesShown")
        self.button = QPushButton(self)
        self.button.setObjectName("chooseLanguages")
        self.menu = QMenu(self)
        self.menu.aboutToShow.connect(self._fill_menu)
        self.button.setMenu(self.menu)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.shown, 1)
        layout.addWidget(self.button)
        self.retranslate()

    def value(self) -> list[str]:
        return list(self._codes)

    def set_value(self, codes: list[str] | str | None) -> None:
        if isinstance(codes, str):
            codes = codes.replace(",", " ").split()
        self._codes = [code for code in (codes or []) if code]
        self._show()

    def _show(self) -> None:
        text = language_names(self._codes)
        self.shown.setText(text or "—")
        self.shown.setToolTip(text)

    def _fill_menu(self) -> None:
        self.menu.clear()
        for code, name in _choices(self._codes):
            action = QAction(name, self.menu)
            action.setCheckable(True)
            action.setChecked(code in self._codes)
            action.setData(code)
            action.toggled.connect(lambda on, c=code: self._toggle(c, on))
            self.menu.addAction(action)

    def _toggle(self, code: str, on: bool) -> None:
        if on and code not in self._codes:
            self._codes.append(code)
        elif not on and code in self._codes:
            self._codes.remove(code)
        self._show()
        self.changed.emit()

    def retranslate(self) -> None:
        self.button.setText(_("Choose…"))
        self.button.setToolTip(_("Choose the languages"))
        self._show()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
