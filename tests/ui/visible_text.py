"""What a user sees on a page, gathered from the real widgets, and the texts that give away a language.

Used by the language-switch test: after switching from language A to B, no visible text may be a
message, country name or month name of A that B says differently.
"""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMainWindow,
    QTabWidget,
    QWidget,
)

ROWS_LOOKED_AT = 30


def _columns(model) -> int:
    """A list model's columnCount is private in Qt: it has one column."""
    from PySide6.QtCore import QAbstractListModel

    return 1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())


def _model_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    texts = []
    for column in range(_columns(model)):
        header = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        if header:
            texts.append(str(header))
    for row in range(min(model.rowCount(QModelIndex()), ROWS_LOOKED_AT)):
        for column in range(_columns(model)):
            value = model.data(model.index(row, column, QModelIndex()), Qt.ItemDataRole.DisplayRole)
            if value not in (None, ""):
                texts.append(str(value))
            tip = model.data(model.index(row, column, QModelIndex()), Qt.ItemDataRole.ToolTipRole)
            if tip:
                texts.append(str(tip))
    return texts


def _multilingual(widget: QWidget, root: QWidget) -> bool:
    """The widget, or one it belongs to (a table's header), shows data in several named languages."""
    while widget is not None:
        if widget.property("multilingualData"):
            return True
        if widget is root:
            return False
        widget = widget.parentWidget()
    return False


def visible_texts(root: QWidget) -> list[str]:
    """Texts of every visible widget under ``root`` (and the root's own title)."""
    texts: list[str] = []
    if isinstance(root, QMainWindow):
        texts.append(root.windowTitle())
        texts += [action.text() for action in root.menuBar().actions()]
        texts.append(root.statusBar().currentMessage())
    widgets = [root, *root.findChildren(QWidget)]
    for widget in widgets:
        if not widget.isVisibleTo(root) and widget is not root:
            continue
        if _multilingual(widget, root):  # shows records in several named languages on purpose
            continue
        if widget.toolTip():
            texts.append(widget.toolTip())
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.placeholderText())
        elif isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(min(widget.count(), ROWS_LOOKED_AT))]
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
        elif isinstance(widget, QListWidget):
            texts += [widget.item(i).text() for i in range(min(widget.count(), ROWS_LOOKED_AT))]
        elif isinstance(widget, QAbstractItemView):
            texts += _model_texts(widget)
    return [text for text in texts if text and text.strip()]


def _catalog_texts(lang: str) -> dict[str, str]:
    """msgid -> translation of every message of ``lang`` (plural forms included)."""
    from desktop_app.i18n import catalogs

    found: dict[str, str] = {}
    for message in catalogs.merged_catalog(lang):
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        for msgid in ids:
            for string in strings:
                if string:
                    found.setdefault(string, msgid)
    return found


_PLACEHOLDER = re.compile(r"\{[^{}]*\}")


def giveaways(previous: str, current: str) -> list[re.Pattern]:
    """Patterns that match text in ``previous`` and could not be ``current``'s: its translated messages
    (placeholders match anything), the member states' names and the month names it uses."""
    from babel import Locale, dates

    from desktop_app.domain.reference import MEMBER_CODES
    from desktop_app.i18n import formatting

    patterns: list[re.Pattern] = []
    now = _catalog_texts(current)  # translation -> msgid
    now_values = set(now) | set(now.values())
    if previous == "en":  # English is the messages themselves
        # (a translation differing only in where its accelerator sits reads as English does)
        old = {msgid: msgid for translation, msgid in now.items()
               if translation.replace("&", "") != msgid.replace("&", "")}
    else:
        old = _catalog_texts(previous)
    for string, msgid in old.items():
        fixed = _PLACEHOLDER.sub("", string).replace("&", "").strip()
        if len(fixed) < 5 or (string in now_values and previous != "en") or (string == msgid and previous != "en"):
            continue
        parts = [re.escape(part.replace("&", "")) for part in _PLACEHOLDER.split(string)]
        patterns.append(re.compile("^" + ".*".join(parts) + "$", re.DOTALL))
    for code in MEMBER_CODES:
        before, after = formatting.country_name(code, previous), formatting.country_name(code, current)
        if before != after and len(before) >= 4:
            # The name alone, in brackets after a university, or after a dash in a title: not inside
            # a proper name such as "National University of Mongolia".
            patterns.append(re.compile(r"(^|\(|— )" + re.escape(before) + r"($|\)| \(|:)"))
    old_months = set(Locale.parse(previous).months["format"]["wide"].values())
    new_months = set(Locale.parse(current).months["format"]["wide"].values())
    for month in old_months - new_months:
        if len(month) >= 4:
            patterns.append(re.compile(r"(^|\W)" + re.escape(month) + r"($|\W)"))
    for month in range(1, 13):  # dates as the previous language writes them
        sample = dt.date(2000, month, 28)
        for style in ("short", "medium", "long"):
            before = dates.format_date(sample, style, locale=previous)
            if before == dates.format_date(sample, style, locale=current):
                continue
            pattern = re.escape(before).replace("28", r"\d{1,2}").replace("2000", r"\d{4}").replace(
                r"\d{1,2}00", r"\d{2,4}")
            patterns.append(re.compile(pattern))
    return patterns


def leftovers(texts: list[str], patterns: list[re.Pattern]) -> list[tuple[str, str]]:
    found = []
    for text in texts:
        clean = text.replace("&", "").strip()
        for pattern in patterns:
            if pattern.search(clean):
                found.append((text, pattern.pattern[:60]))
                break
    return found
