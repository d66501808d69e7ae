"""Combo boxes for languages and states, filled from CLDR in the current language, and pickers of the
registers (universities, organisations) that stay quick however large a register grows."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QComboBox

from desktop_app.domain.reference import MEMBER_STATES
from desktop_app.i18n import _, formatting


def collation_key():
    """A sort key for text in the interface language's alphabetical order (CLDR collation through ICU,
    as Qt carries it): Ә after А in Kazakh, گ after ک in Persian, pinyin in Chinese; digits as numbers."""
    from PySide6.QtCore import QCollator, QLocale

    collator = QCollator(QLocale())
    collator.setNumericMode(True)
    return collator.sortKey


def language_label(code: str) -> str:
    """A language as a list offers it: in its own name (so a user finds theirs) and in the interface
    language, marked when its messages are not (all) translated."""
    from desktop_app.i18n import translation_coverage

    native = formatting.native_language_name(code)
    local = formatting.language_name(code)
    name = native if native == local else _("{native} — {local}").format(native=native, local=local)
    share = translation_coverage(code)
    if share == 0.0:
        return _("{language} (not translated yet: English text)").format(language=name)
    if share < 1.0:
        return _("{language} (partly translated)").format(language=name)
    return name


class LanguageCombo(QComboBox):
    """Every language the application writes (``domain.reference.writable_languages``): the translated
    ones first, then the others marked as such, each group in the interface language's alphabetical order."""

    def __init__(self, parent=None, include_default: bool = False):
        super().__init__(parent)
        self.include_default = include_default
        self.refill()

    def refill(self) -> None:
        from desktop_app.domain.reference import writable_languages
        from desktop_app.i18n import translation_coverage

        current = self.currentData()
        self.blockSignals(True)
        self.clear()
        if self.include_default:
            self.addItem(_("Same as the interface"), "")
        key = collation_key()
        entries = sorted(((translation_coverage(code) < 1.0, key(language_label(code)), language_label(code), code)
                          for code in writable_languages()), key=lambda entry: entry[:2])
        for _partial, _key, label, code in entries:
            self.addItem(label, code)
        if current is not None:
            self.select(current)
        self.blockSignals(False)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LanguageChange:
            self.refill()  # names and their order follow the interface language
        super().changeEvent(event)

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
        key = collation_key()
        names = sorted(((formatting.country_name(s.code), s.code) for s in MEMBER_STATES),
                       key=lambda pair: key(pair[0]))
        for name, code in names:
            self.addItem(name, code)
        if current:
            self.select(current)
        self.blockSignals(False)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.LanguageChange:
            self.refill()  # names and their order follow the interface language
        super().changeEvent(event)

    def select(self, code: str) -> None:
        index = self.findData(code)
        if index >= 0:
            self.setCurrentIndex(index)


class _SearchingPicker(QComboBox):
    """Choose a record of a register, however large it is (the base of the pickers below).

    A small register (up to ``LIST_WHOLE`` records) is listed whole. A larger one is searched as the user
    types, every word in any script, and the first ``SHOWN`` matches are listed; the last entry says when
    there are more, so nothing is cut silently. The data of an entry is the record's id. With
    ``allow_none`` the first entry says that no record of the register is chosen (data None).
    """

    LIST_WHOLE = 2000
    SHOWN = 50

    def __init__(self, db, parent=None, allow_none: bool = False):
        from PySide6.QtCore import QTimer

        super().__init__(parent)
        self.db = db
        self.allow_none = allow_none
        self._selected: int | None = None
        self._whole = False
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self._search)
        self.currentIndexChanged.connect(self._remember)

    # what a register answers
    def _count(self) -> int:
        raise NotImplementedError

    def _find(self, search: str, limit: int | None) -> list:
        raise NotImplementedError

    def _find_ids(self, ids: list[int]) -> list:
        raise NotImplementedError

    def _label(self, choice) -> str:
        return f"{choice.label} ({formatting.country_name(choice.country)})" if choice.country else choice.label

    def _none_text(self) -> str:
        raise NotImplementedError

    def _more_text(self) -> str:
        raise NotImplementedError

    def refill(self, search: str = "") -> None:
        total = self._count() if not search else None
        self._whole = total is not None and total <= self.LIST_WHOLE
        self.setEditable(not self._whole)
        if self.isEditable() and not self.lineEdit().property("searching"):
            self.lineEdit().setProperty("searching", True)
            self.lineEdit().setPlaceholderText(_("Type part of a name to search…"))
            self.lineEdit().textEdited.connect(lambda _text: self._timer.start())
        found = self._find(search, None if self._whole else self.SHOWN + 1)
        if self._selected is not None and all(choice.id != self._selected for choice in found):
            found = self._find_ids([self._selected]) + found
        self.blockSignals(True)
        typed = self.lineEdit().text() if self.isEditable() else ""
        self.clear()
        if self.allow_none:
            self.addItem(self._none_text(), None)
        for choice in found[:self.SHOWN] if not self._whole else found:
            self.addItem(self._label(choice), choice.id)
        if not self._whole and len(found) > self.SHOWN:
            self.addItem(self._more_text(), None)
            self.model().item(self.count() - 1).setEnabled(False)
        index = self.findData(self._selected) if self._selected is not None else -1
        fallback = 0 if (self._whole or self.allow_none) and self.count() else -1
        self.setCurrentIndex(index if index >= 0 else fallback)
        if self.isEditable() and typed and index < 0:
            self.lineEdit().setText(typed)
        self.blockSignals(False)
        self._remember()

    def _search(self) -> None:
        self.refill(self.lineEdit().text() if self.isEditable() else "")
        if self.isEditable():
            self.showPopup()

    def _remember(self, _index: int | None = None) -> None:
        data = self.currentData()
        if data is not None:
            self._selected = data
        elif self.allow_none and self.currentIndex() == 0:
            self._selected = None

    def select(self, record_id: int | None) -> None:
        self._selected = record_id
        if record_id is None and self.allow_none:
            self.setCurrentIndex(0)
            return
        index = self.findData(record_id)
        if index < 0 and record_id is not None:
            self.refill()
            index = self.findData(record_id)
        self.setCurrentIndex(index)

    def value(self) -> int | None:
        return self.currentData()

    def retranslate(self) -> None:
        self.refill(self.lineEdit().text() if self.isEditable() else "")

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        # Names and countries in the new language wherever the picker is (an inline editor stays open across
        # a switch); a picker where nothing was chosen stays without a choice.
        if event.type() == QEvent.Type.LanguageChange and self.db is not None:
            nothing_chosen = self.currentIndex() < 0
            self.retranslate()
            if nothing_chosen:
                self.setCurrentIndex(-1)
        super().changeEvent(event)


class UniversityPicker(_SearchingPicker):
    """Choose a university of the register, however large it is (see ``_SearchingPicker``): every word in
    any script and in any of a university's names. Entries read "Name (country)" in the interface language;
    the data of an entry is the university id."""

    def __init__(self, db, parent=None, country: str | None = None, allow_none: bool = False):
        super().__init__(db, parent, allow_none)
        self.country = country
        self.refill()

    def _count(self) -> int:
        from desktop_app.services import choices

        return choices.count_universities(self.db, country=self.country)

    def _find(self, search: str, limit: int | None) -> list:
        from desktop_app.services import choices

        return choices.universities(self.db, search=search, country=self.country, limit=limit)

    def _find_ids(self, ids: list[int]) -> list:
        from desktop_app.services import choices

        return choices.universities(self.db, ids=ids)

    def _none_text(self) -> str:
        return _("— not in the register —")

    def _more_text(self) -> str:
        return _("More universities match: type more of the name")


class OrganisationPicker(_SearchingPicker):
    """Choose an organisation (a ministry, an agency, an enterprise…), of one kind or several (``kind``:
    a kind of ``domain.organisations.OrganisationKind`` or a set of them), however many there are. Entries
    read "Name (country)" in the interface language; the data of an entry is the organisation id."""

    def __init__(self, db, parent=None, kind=None, allow_none: bool = False):
        super().__init__(db, parent, allow_none)
        self.kind = kind
        self.refill()

    def _count(self) -> int:
        from desktop_app.services import organisations

        return organisations.count_choices(self.db, kind=self.kind)

    def _find(self, search: str, limit: int | None) -> list:
        from desktop_app.services import organisations

        return organisations.choices(self.db, kind=self.kind, search=search, limit=limit)

    def _find_ids(self, ids: list[int]) -> list:
        from desktop_app.services import organisations

        return organisations.choices(self.db, ids=ids)

    def _none_text(self) -> str:
        return _("— no organisation —")

    def _more_text(self) -> str:
        return _("More organisations match: type more of the name")


def compact_combo(characters: int = 12) -> QComboBox:
    """A combo box whose long entries do not widen the page: it asks for room for ``characters``
    characters and shows each entry whole in its drop-down list."""
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(characters)
    return combo
