"""The one date editor of the application.

It shows the date in the locale's medium format with the whole year ("Mar 12, 2026", «12 мар.
2026 г.», «۱۲ مارس ۲۰۲۶»): a two-digit year cannot tell 1926 from 2026, and a short numeric date
reads differently in every country. While the user types, the editor switches to the locale's numeric
short format, again with four digits for the year ("3/12/2026"), because month names cannot be typed
as digits; it returns to the medium format when it loses focus.

An optional editor may hold no date: the earliest date stands for "none" and shows as a dash; the
calendar pop-up then opens on today, and a clear button empties it. Where the member state keeps
another calendar (Solar Hijri, Buddhist era; see ``ui/common/dates.py``) its date is shown beside the
editor.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QDate, QEvent, QLocale, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QToolButton, QWidget

from desktop_app.i18n import _

NO_DATE = QDate(1900, 1, 1)  # the value that stands for "no date" in an optional editor

_CLDR_FIELD = re.compile(r"'(?:[^']|'')*'|([A-Za-z])\1*|[^A-Za-z']+")


def qt_format_from_cldr(pattern: str) -> str:
    """A CLDR date pattern as a Qt display format: years always with four digits, weekdays and eras
    left out (an editor edits the day, the month and the year)."""
    parts: list[str] = []
    for match in _CLDR_FIELD.finditer(pattern):
        token = match.group(0)
        letter = token[0]
        if letter == "'":
            parts.append(token)  # quoted text means the same in both
        elif letter in "yYu":
            parts.append("yyyy")
        elif letter in "ML":
            parts.append({1: "M", 2: "MM", 3: "MMM"}.get(len(token), "MMMM"))
        elif letter == "d":
            parts.append("dd" if len(token) > 1 else "d")
        elif letter.isascii() and letter.isalpha():  # a weekday, an era: no section of a date editor
            continue
        else:
            parts.append(token)
    return "".join(parts).strip(" ,")


def display_format(locale: QLocale | None = None) -> str:
    """The locale's medium date format (CLDR, through Babel) for a date editor."""
    from babel import dates as babel_dates

    from desktop_app.i18n import formatting

    locale = locale or QLocale()
    pattern = babel_dates.get_date_format("medium", locale=formatting.locale_for(locale.name())).pattern
    return qt_format_from_cldr(pattern)


def typing_format(locale: QLocale | None = None) -> str:
    """The locale's numeric short date with a four-digit year, for typing a date."""
    shown = (locale or QLocale()).dateFormat(QLocale.FormatType.ShortFormat)
    return shown if "yyyy" in shown else shown.replace("yy", "yyyy")


_DATE_SECTION = re.compile(r"d+|M+|y+")


def for_qt_direction(fmt: str, right_to_left: bool) -> str:
    """A display format as a right-to-left QDateEdit needs it. Qt lays a right-to-left editor's sections out
    in reverse order, which reads right for words («۱۲ مارس ۲۰۲۶» from the right) but not for an all-figure
    date, which a reader of Hebrew, Arabic or Persian reads left to right as typed (3.9.2026): such a format
    is reversed here so that Qt's reversal gives it back. A letter glued to the month (Hebrew's ב, "in") would
    land on the day after the reversal, so it is left out."""
    if not right_to_left:
        return fmt
    if "MMM" in fmt:
        return re.sub(r"[^\x00-\x7f\u200e\u200f\u061c]+(?=MMM)", "", fmt)
    sections = _DATE_SECTION.findall(fmt)
    separators = _DATE_SECTION.split(fmt)
    if len(sections) < 2:
        return fmt
    reversed_sections = iter(reversed(sections))
    return separators[0] + "".join(next(reversed_sections) + separator for separator in separators[1:])


class _Editor(QDateEdit):
    """A QDateEdit that shows the medium format and is typed in the numeric one."""

    def __init__(self, owner: DateEdit):
        super().__init__(owner)
        self.owner = owner
        self.shown_format = ""
        self.typed_format = ""

    def focusInEvent(self, event) -> None:  # noqa: N802 - Qt naming
        if self.typed_format and not self.owner.is_empty():
            self.setDisplayFormat(self.typed_format)
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802
        super().focusOutEvent(event)
        if self.shown_format:
            self.setDisplayFormat(self.shown_format)

    def stepBy(self, steps: int) -> None:  # noqa: N802
        if self.owner.is_empty():  # from "no date", the arrows start at today rather than in 1900
            self.setDate(QDate.currentDate())
            return
        super().stepBy(steps)


class DateEdit(QWidget):
    """A date editor (see the module note). ``optional``: it may hold no date. ``system``: the calendar
    shown beside it ("gregorian" for none); by default the member state's, as the preferences say."""

    changed = Signal()
    dateChanged = Signal(QDate)  # noqa: N815 - the QDateEdit signal it stands for
    editingFinished = Signal()  # noqa: N815

    def __init__(self, value: dt.date | QDate | None = None, *, optional: bool = False,
                 system: str | None = None, parent=None):
        super().__init__(parent)
        self.optional = optional
        self._system = system
        self.edit = _Editor(self)
        self.edit.setObjectName("dateEdit")
        self.edit.setCalendarPopup(True)
        self.clear_button = QToolButton(self)
        self.clear_button.setObjectName("clearDate")
        self.clear_button.setAutoRaise(True)
        self.clear_button.setText("×")
        self.clear_button.clicked.connect(lambda: self.set_value(None))
        self.clear_button.setVisible(optional)
        self.other = QLabel(self)
        self.other.setObjectName("otherCalendar")
        self.other.setProperty("role", "hint")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.clear_button)
        layout.addWidget(self.other)
        if optional:
            self.edit.setMinimumDate(NO_DATE)
            self.edit.setSpecialValueText("—")
        self.setFocusProxy(self.edit)
        self.edit.dateChanged.connect(self._on_date_changed)
        self.edit.editingFinished.connect(self.editingFinished)
        self.edit.calendarWidget().installEventFilter(self)
        self.retranslate()
        self.set_value(value)

    # -- the value ---------------------------------------------------------------------------------
    def value(self) -> dt.date | None:
        if self.is_empty():
            return None
        date = self.edit.date()
        return dt.date(date.year(), date.month(), date.day())

    def set_value(self, value: dt.date | QDate | None) -> None:
        if value is None:
            self.edit.setDate(NO_DATE if self.optional else QDate.currentDate())
        elif isinstance(value, QDate):
            self.edit.setDate(value)
        else:
            self.edit.setDate(QDate(value.year, value.month, value.day))
        self._show_state()

    def is_empty(self) -> bool:
        return self.optional and self.edit.date() == NO_DATE

    # QDateEdit's own names, so a DateEdit can stand wherever one stood.
    def date(self) -> QDate:
        return self.edit.date()

    def setDate(self, value: dt.date | QDate) -> None:  # noqa: N802
        self.set_value(value)

    def calendarWidget(self):  # noqa: N802
        return self.edit.calendarWidget()

    def text(self) -> str:
        return self.edit.text()

    def setMinimumDate(self, value: QDate) -> None:  # noqa: N802
        self.edit.setMinimumDate(value)

    def setMaximumDate(self, value: QDate) -> None:  # noqa: N802
        self.edit.setMaximumDate(value)

    # -- the calendar beside it ------------------------------------------------------------------
    def system(self) -> str:
        if self._system is not None:
            return self._system
        from desktop_app.ui.common import dates

        return dates.default_system()

    def set_system(self, system: str | None) -> None:
        self._system = system
        self._show_state()

    def _show_state(self) -> None:
        from desktop_app.ui.common import dates

        other = dates.alternative_text(self.value(), self.system())
        self.other.setText(other)
        self.other.setVisible(bool(other))
        self.clear_button.setEnabled(self.optional and not self.is_empty())
        self.clear_button.setToolTip(_("No date"))

    def _on_date_changed(self, date: QDate) -> None:
        self._show_state()
        self.dateChanged.emit(date)
        self.changed.emit()

    # -- language --------------------------------------------------------------------------------
    def retranslate(self) -> None:
        locale = QLocale()
        self.edit.setLocale(locale)
        self.edit.calendarWidget().setLocale(locale)
        right_to_left = self.edit.isRightToLeft()
        self.edit.shown_format = for_qt_direction(display_format(locale), right_to_left)
        self.edit.typed_format = for_qt_direction(typing_format(locale), right_to_left)
        typing = self.edit.hasFocus() and not self.is_empty()
        self.edit.setDisplayFormat(self.edit.typed_format if typing else self.edit.shown_format)
        self._show_state()

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        # The pop-up of an empty editor opens on this month, not on January 1900.
        if event.type() == QEvent.Type.Show and self.is_empty():
            today = QDate.currentDate()
            watched.setCurrentPage(today.year(), today.month())
        return False

