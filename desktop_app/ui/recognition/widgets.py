"""Small widgets of the Recognition page and its dialogs, each able to show itself again in a new language:
countries named by CLDR, the recognition vocabulary (statuses, outcomes, legal bases, purposes…), ISCED
levels and dates that may be absent."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from desktop_app.domain.recognition import label
from desktop_app.domain.reference import MEMBER_CODES
from desktop_app.i18n import formatting
from desktop_app.ui.common.choosers import collation_key


def select_data(combo: QComboBox, value) -> None:
    """Select the entry holding ``value`` (the first entry when none does)."""
    index = combo.findData(value)
    combo.setCurrentIndex(max(index, 0))


def _country_codes() -> list[str]:
    territories = formatting.locale_for().territories
    return [code for code in territories if isinstance(code, str) and len(code) == 2 and code.isalpha()
            and code not in ("ZZ", "EU", "EZ", "UN", "QO")]


class CountryCombo(QComboBox):
    """The CICA member states first, then every other country, "Name (CODE)" in the interface language.

    ``empty`` is a function giving the text of the first entry, which stands for no country (filters
    say "Any issuing country", fields "—"); it is asked again on every language change."""

    def __init__(self, empty=lambda: "—", parent=None):
        super().__init__(parent)
        self.empty = empty
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(16)
        self.retranslate()

    def retranslate(self) -> None:
        current = self.currentData() or ""
        names = {code: formatting.country_name(code) for code in _country_codes()}
        key = collation_key()
        ordered = sorted(names, key=lambda code: (code not in MEMBER_CODES, key(names[code])))
        self.blockSignals(True)
        self.clear()
        self.addItem(self.empty(), "")
        for code in ordered:
            self.addItem(f"{names[code]} ({code})", code)
        select_data(self, current)
        self.blockSignals(False)

    def value(self) -> str:
        return self.currentData() or ""


class VocabularyCombo(QComboBox):
    """One of the recognition vocabulary's values (``domain/recognition.LABELS``), shown translated."""

    def __init__(self, values: list[str], parent=None):
        super().__init__(parent)
        for value in values:
            self.addItem("", value)
        self.retranslate()

    def retranslate(self) -> None:
        for index in range(self.count()):
            value = self.itemData(index)
            self.setItemText(index, label(value) if value else "—")

    def value(self) -> str:
        return self.currentData() or ""


class LevelCombo(QComboBox):
    """An ISCED 2011 level, 0 to 9, or none."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.addItem("—", "")
        for code in "0123456789":
            self.addItem(code, code)

    def value(self) -> str:
        return self.currentData() or ""
