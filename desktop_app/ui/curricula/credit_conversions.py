"""Credit conversion factors per member state (national credits per ECTS credit), editable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop_app.domain.errors import UserError
from desktop_app.i18n import _, formatting
from desktop_app.ui.common.choosers import StateCombo
from desktop_app.ui.core.errors import show_error

STATE, FACTOR, UNIT, SOURCE = range(4)


class CreditConversionDialog(QDialog):
    def __init__(self, db, parent=None):
        super().__init__(parent)
        from desktop_app.services.curricula import list_conversions

        self.db = db
        self.setWindowTitle(_("Credit conversion"))
        self.resize(820, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(
            _(
                "National credits per ECTS credit in each member state. The defaults carry their source; "
                "confirm or correct them with your ministry."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(
            [_("State"), _("National credits per ECTS"), _("Unit"), _("Source")]
        )
        self.table.horizontalHeader().setSectionResizeMode(SOURCE, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        layout.addWidget(self.table, 1)
        self.state = StateCombo()
        add = QPushButton(_("Add state"))
        add.clicked.connect(lambda: self._add_row(self.state.currentData(), 1.0, "", ""))
        layout.addWidget(self.state)
        layout.addWidget(add)
        for c in list_conversions(db):
            self._add_row(c.state_code, c.national_per_ects, c.unit, c.source)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _add_row(self, state: str, factor: float, unit: str, source: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        item = QTableWidgetItem(formatting.country_name(state))
        item.setData(Qt.ItemDataRole.UserRole, state)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.table.setItem(row, STATE, item)
        self.table.setItem(row, FACTOR, QTableWidgetItem(f"{factor:g}"))
        self.table.setItem(row, UNIT, QTableWidgetItem(unit))
        self.table.setItem(row, SOURCE, QTableWidgetItem(source))

    def accept(self) -> None:
        from desktop_app.services.curricula import set_conversion

        try:
            for row in range(self.table.rowCount()):
                text = self.table.item(row, FACTOR).text().replace(",", ".")
                try:
                    factor = float(text)
                except ValueError:
                    raise UserError("A conversion factor is a positive number.") from None
                set_conversion(
                    self.db,
                    self.table.item(row, STATE).data(Qt.ItemDataRole.UserRole),
                    factor,
                    self.table.item(row, UNIT).text(),
                    self.table.item(row, SOURCE).text(),
                )
        except UserError as error:
            return show_error(error, self)
        super().accept()
