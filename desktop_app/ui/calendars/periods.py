"""The periods of one university's academic year as an editable table. It says ``edited(periods, cell)``
after each finished edit (a kind chosen, a title typed, a date confirmed by leaving the field or picked
in the calendar); the page stores the calendar with it as one undoable command.

A date being typed is not yet an edit: ``pending_periods`` tells what the fields show, so the page can
ask before that is lost."""

from __future__ import annotations

import copy
import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
)

from desktop_app.domain.calendars import PERIOD_KIND_TITLES, Period, PeriodKind
from desktop_app.i18n import _
from desktop_app.ui.common.date_edit import DateEdit
from desktop_app.ui.common.dates import from_qdate, span_text, to_qdate

KIND, TITLE, START, END, ATTENDANCE, DATES = range(6)


class PeriodsTable(QTableWidget):
    """Shows a list of periods; emits ``edited(periods, cell)`` with the new list after each user edit."""

    edited = Signal(object, object)

    def __init__(self, parent=None):
        super().__init__(0, 6, parent)
        self.setObjectName("periodsTable")
        self.periods: list[Period] = []
        self.system = "gregorian"
        self._loading = False
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().setVisible(False)
        header = self.horizontalHeader()
        # The title and the dates in words share the room left (the dates with the Solar Hijri ones beside
        # them would otherwise push the title out of sight); each shows whole in its tooltip.
        header.setSectionResizeMode(TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(DATES, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ATTENDANCE, QHeaderView.ResizeMode.ResizeToContents)
        self.itemChanged.connect(self._item_changed)
        self.retranslate()

    def retranslate(self) -> None:
        self.setHorizontalHeaderLabels(
            [_("Kind"), _("Title"), _("Start"), _("End"), _("Required attendance"), _("Dates")]
        )
        if self.periods:
            self.show_periods(self.periods, self.system)

    def show_periods(self, periods: list[Period], system: str) -> None:
        self._loading = True
        self.periods, self.system = copy.deepcopy(periods), system
        self.setRowCount(len(periods))
        for row, period in enumerate(periods):
            kinds = QComboBox()
            for kind in PeriodKind:
                kinds.addItem(_(PERIOD_KIND_TITLES[kind]), kind.value)
            kinds.setCurrentIndex(max(0, kinds.findData(period.kind)))
            kinds.currentIndexChanged.connect(lambda _i, r=row, w=kinds: self._set(r, KIND, w.currentData()))
            self.setCellWidget(row, KIND, kinds)
            title = QTableWidgetItem(period.title)
            # Where an imported event takes place and its page, as the partner's feed gave them.
            title.setToolTip("\n".join(text for text in (period.title, period.location, period.url) if text))
            self.setItem(row, TITLE, title)
            for column, value in ((START, period.start), (END, period.end)):
                edit = DateEdit(value, system="gregorian")  # the Dates column shows the state's calendar
                # One edit when the date is confirmed, not one per digit typed or arrow pressed.
                edit.editingFinished.connect(lambda r=row, c=column, w=edit: self._set(r, c, from_qdate(w.date())))
                edit.calendarWidget().clicked.connect(
                    lambda d, r=row, c=column: self._set(r, c, from_qdate(d)))
                self.setCellWidget(row, column, edit)
            attendance = QTableWidgetItem()
            attendance.setFlags(
                Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
            )
            attendance.setCheckState(
                Qt.CheckState.Checked if period.attendance_required else Qt.CheckState.Unchecked
            )
            self.setItem(row, ATTENDANCE, attendance)
            dates = QTableWidgetItem(span_text(period.start, period.end, system))
            dates.setToolTip(dates.text())
            dates.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            self.setItem(row, DATES, dates)
        self.resizeColumnToContents(KIND)
        self._fit_date_columns()
        self._loading = False

    def _fit_date_columns(self) -> None:
        """The start and end editors as wide as a date in the medium format needs (the header's own
        fitting does not see editors in cells)."""
        widths = [self.cellWidget(row, column).sizeHint().width()
                  for row in range(self.rowCount()) for column in (START, END) if self.cellWidget(row, column)]
        header = self.horizontalHeader()
        for column in (START, END):
            header.resizeSection(column, max([*widths, header.sectionSizeHint(column)]) + 4)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._loading:
            return
        if item.column() == TITLE:
            self._set(item.row(), TITLE, item.text())
        elif item.column() == ATTENDANCE:
            self._set(item.row(), ATTENDANCE, item.checkState() == Qt.CheckState.Checked)

    def _set(self, row: int, column: int, value) -> None:
        if self._loading or value is None:
            return
        periods = copy.deepcopy(self.periods)
        period = periods[row]
        if column == KIND:
            period.kind = value
        elif column == TITLE:
            period.title = value
        elif column == START:
            period.start = value
        elif column == END:
            period.end = value
        elif column == ATTENDANCE:
            period.required_attendance = value
        if periods != self.periods:
            self.edited.emit(periods, (row, column))

    def pending_periods(self) -> list[Period]:
        """The periods as the date fields show them now (a date typed but not yet confirmed included)."""
        periods = copy.deepcopy(self.periods)
        for row, period in enumerate(periods):
            for column in (START, END):
                edit = self.cellWidget(row, column)
                if edit is not None:
                    setattr(period, "start" if column == START else "end", from_qdate(edit.date()))
        return periods

    def date_edit(self, row: int, column: int) -> DateEdit:
        return self.cellWidget(row, column)

    def kind_combo(self, row: int) -> QComboBox:
        return self.cellWidget(row, KIND)


def new_period(year_start: dt.date) -> Period:
    start = year_start.replace(month=9, day=1)
    return Period(PeriodKind.TEACHING.value, start, start + dt.timedelta(days=13), "")


def qdate(value: dt.date) -> QDate:
    return to_qdate(value)
