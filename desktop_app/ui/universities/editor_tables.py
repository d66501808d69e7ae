"""The small editable lists of the university editor (names, contacts, rankings, accreditations):
a table with Add/Remove buttons and an error line under it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.rankings import RANKING_SYSTEM_LABELS
from desktop_app.domain.universities import (
    AccreditationDraft,
    ContactDraft,
    NameDraft,
    NameKind,
    RankingDraft,
)
from desktop_app.i18n import N_, _
from desktop_app.ui.common.date_edit import DateEdit
from desktop_app.ui.common.language_pickers import LanguageChoice, LanguagesPicker

NAME_KIND_LABELS = {NameKind.OFFICIAL: N_("Official (native)"), NameKind.DISPLAY: N_("Shown in lists"),
                    NameKind.LABEL: N_("In another language"), NameKind.ALIAS: N_("Also known as")}


def error_label() -> QLabel:
    label = QLabel()
    label.setObjectName("fieldError")
    label.setStyleSheet("color: #b00020;")
    label.setWordWrap(True)
    label.hide()
    return label


def show_message(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def date_edit(value: dt.date | None, system: str | None = None) -> DateEdit:
    """A date editor that may be left empty (shown as a dash)."""
    return DateEdit(value, optional=True, system=system)


def date_of(edit: DateEdit) -> dt.date | None:
    return edit.value()


class EditableTable(QWidget):
    """Rows of one kind of child record. Subclasses say which columns and how a row becomes a draft."""

    edited = Signal()  # any cell or cell widget changed, or a row was added or removed

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table = QTableWidget(0, len(self.headers()))
        self.table.itemChanged.connect(lambda _item: self.edited.emit())
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setDefaultSectionSize(self.column_width())
        self.table.verticalHeader().hide()
        self.add_button = QPushButton()
        self.remove_button = QPushButton()
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_selected)
        self.error = error_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self.retranslate()

    def headers(self) -> list[str]:
        raise NotImplementedError

    def column_width(self) -> int:
        return 130

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(self.headers())
        self.add_button.setText(_("&Add"))
        self.remove_button.setText(_("&Remove"))

    def add_row(self, values=None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.fill_row(row, values)
        for column in range(self.table.columnCount()):
            widget = self.table.cellWidget(row, column)
            for signal in ("changed", "currentIndexChanged", "valueChanged", "dateChanged"):
                if hasattr(widget, signal):
                    getattr(widget, signal).connect(lambda *_args: self.edited.emit())
                    break
        self.edited.emit()
        return row

    def remove_selected(self) -> None:
        for row in sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)
        self.edited.emit()

    def text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item else ""

    def set_text(self, row: int, column: int, value: str) -> None:
        self.table.setItem(row, column, QTableWidgetItem(value or ""))

    def combo(self, row: int, column: int, choices: dict, current: str) -> None:
        box = QComboBox()
        for key, label in choices.items():
            box.addItem(_(label), str(key))
        index = box.findData(current)
        box.setCurrentIndex(max(index, 0))
        self.table.setCellWidget(row, column, box)

    def fill_row(self, row: int, values) -> None:
        raise NotImplementedError

    def drafts(self) -> list:
        return [self.draft_of(row) for row in range(self.table.rowCount())]

    def draft_of(self, row: int):
        raise NotImplementedError


class NamesTable(EditableTable):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.table.setColumnWidth(0, 340)
        self.table.setColumnWidth(1, 140)

    def headers(self) -> list[str]:
        return [_("Name"), _("Language"), _("Kind")]

    def fill_row(self, row: int, values: NameDraft | None) -> None:
        values = values or NameDraft("", "", NameKind.LABEL)
        self.set_text(row, 0, values.value)
        self.table.setCellWidget(row, 1, LanguageChoice(values.lang or ""))
        self.combo(row, 2, NAME_KIND_LABELS, values.kind)

    def draft_of(self, row: int) -> NameDraft:
        return NameDraft(self.text(row, 0), self.table.cellWidget(row, 1).value() or None,
                         self.table.cellWidget(row, 2).currentData())


class ContactsTable(EditableTable):
    def headers(self) -> list[str]:
        return [_("Name"), _("Position"), _("E-mail"), _("Phone"), _("Languages")]

    def fill_row(self, row: int, values: ContactDraft | None) -> None:
        values = values or ContactDraft("")
        for column, value in enumerate((values.name, values.position, values.email, values.phone)):
            self.set_text(row, column, value)
        self.table.setCellWidget(row, 4, LanguagesPicker(values.languages.split()))

    def draft_of(self, row: int) -> ContactDraft:
        return ContactDraft(*(self.text(row, column) for column in range(4)),
                            " ".join(self.table.cellWidget(row, 4).value()))


class RankingsTable(EditableTable):
    def __init__(self, parent=None):
        super().__init__(parent)
        for column, width in enumerate((320, 80, 180)):
            self.table.setColumnWidth(column, width)

    def headers(self) -> list[str]:
        return [_("Ranking"), _("Year"), _("Rank as published"), _("Subject (empty: overall)")]

    def fill_row(self, row: int, values: RankingDraft | None) -> None:
        values = values or RankingDraft("qs", dt.date.today().year, "")
        self.combo(row, 0, RANKING_SYSTEM_LABELS, values.system)
        year = QSpinBox()
        year.setRange(1900, 2100)
        year.setValue(int(values.year))
        self.table.setCellWidget(row, 1, year)
        self.set_text(row, 2, values.rank_text)
        self.set_text(row, 3, values.subject)

    def draft_of(self, row: int) -> RankingDraft:
        subject = self.text(row, 3)
        return RankingDraft(self.table.cellWidget(row, 0).currentData(), self.table.cellWidget(row, 1).value(),
                            self.text(row, 2), "subject" if subject else "overall", subject)


class AccreditationsTable(EditableTable):
    def headers(self) -> list[str]:
        return [_("Agency"), _("Label (e.g. EUR-ACE)"), _("Valid from"), _("Valid to")]

    def fill_row(self, row: int, values: AccreditationDraft | None) -> None:
        values = values or AccreditationDraft("")
        self.set_text(row, 0, values.agency)
        self.set_text(row, 1, values.label)
        self.table.setCellWidget(row, 2, date_edit(values.valid_from, "gregorian"))
        self.table.setCellWidget(row, 3, date_edit(values.valid_to, "gregorian"))

    def draft_of(self, row: int) -> AccreditationDraft:
        return AccreditationDraft(self.text(row, 0), self.text(row, 1), date_of(self.table.cellWidget(row, 2)),
                                  date_of(self.table.cellWidget(row, 3)))


__all__ = [
    "AccreditationsTable",
    "ContactsTable",
    "NamesTable",
    "Qt",
    "RankingsTable",
    "date_edit",
    "date_of",
    "error_label",
    "show_message",
]
