"""The organisations among an agreement's parties (a ministry, an accreditation agency), edited under the
universities on the editor's Parties tab: each with its role, signatory and signing date. The picker asks
the register of organisations with the words typed, so any number of them can be chosen from."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_app.domain.agreements import ORGANISATION_ROLES, ROLE_LABELS, OrganisationPartyDraft, PartyRole
from desktop_app.i18n import _
from desktop_app.ui.common.choosers import OrganisationPicker
from desktop_app.ui.common.date_edit import DateEdit
from desktop_app.ui.common.record_widgets import field_error_label

# Columns of the table.
O_ORGANISATION, O_ROLE, O_SIGNATORY, O_DATE = range(4)


class OrganisationPartiesEditor(QWidget):
    """Rows of organisation, role, signatory and signing date; ``parties()`` answers the chosen ones."""

    changed = Signal()

    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self.heading = QLabel(objectName="organisationPartiesHeading")
        self.table = QTableWidget(0, 4, objectName="organisationParties")
        self.table.horizontalHeader().setSectionResizeMode(O_ORGANISATION, QHeaderView.ResizeMode.Stretch)
        for column, width in ((O_ROLE, 180), (O_SIGNATORY, 170), (O_DATE, 150)):
            self.table.horizontalHeader().resizeSection(column, width)
        self.table.verticalHeader().hide()
        self.error = field_error_label()
        self.add_button = QPushButton(objectName="addOrganisationParty")
        self.remove_button = QPushButton(objectName="removeOrganisationParty")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.table)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(lambda: self.append(OrganisationPartyDraft(0)))
        self.remove_button.clicked.connect(self.remove_current)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(_("Organisations among the parties"))
        self.table.setHorizontalHeaderLabels([_("Organisation"), _("Role"), _("Signatory"), _("Signing date")])
        self.add_button.setText(_("Add organisation"))
        self.remove_button.setText(_("Remove organisation"))
        for r in range(self.table.rowCount()):
            self._fill_roles(self.table.cellWidget(r, O_ROLE))
            self.table.cellWidget(r, O_ORGANISATION).retranslate()  # names and countries in the new language

    @staticmethod
    def _fill_roles(combo: QComboBox) -> None:
        current = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for role in ORGANISATION_ROLES:
            combo.addItem(_(ROLE_LABELS[role]), str(role))
        index = combo.findData(current if current is not None else str(PartyRole.MEMBER))
        combo.setCurrentIndex(max(index, 0))
        combo.blockSignals(False)

    def append(self, party: OrganisationPartyDraft) -> int:
        r = self.table.rowCount()
        self.table.insertRow(r)
        picker = OrganisationPicker(self.db)
        if party.organisation_id:
            picker.select(party.organisation_id)
        else:
            picker.setCurrentIndex(-1)  # a new party: nothing chosen yet
        role = QComboBox()
        role.addItem("", str(party.role))  # the stored role, until the labels are filled
        role.setCurrentIndex(0)
        self._fill_roles(role)
        signatory = QLineEdit(party.signatory)
        date = DateEdit(party.signing_date, optional=True, system="gregorian")
        for column, widget in ((O_ORGANISATION, picker), (O_ROLE, role), (O_SIGNATORY, signatory), (O_DATE, date)):
            self.table.setCellWidget(r, column, widget)
        picker.currentIndexChanged.connect(self.changed)
        self.table.resizeRowsToContents()
        self.changed.emit()
        return r

    def remove_current(self) -> None:
        r = self.table.currentRow()
        if r < 0:
            r = self.table.rowCount() - 1
        if r >= 0:
            self.table.removeRow(r)
            self.changed.emit()

    def load(self, parties: list[OrganisationPartyDraft]) -> None:
        for party in parties:
            self.append(party)

    def parties(self) -> list[OrganisationPartyDraft]:
        """The rows whose organisation is chosen, in their order."""
        found = []
        for r in range(self.table.rowCount()):
            organisation_id = self.table.cellWidget(r, O_ORGANISATION).value()
            if organisation_id is None:
                continue
            found.append(OrganisationPartyDraft(
                organisation_id, self.table.cellWidget(r, O_ROLE).currentData(),
                self.table.cellWidget(r, O_SIGNATORY).text().strip(), self.table.cellWidget(r, O_DATE).value()))
        return found

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))
