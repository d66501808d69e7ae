"""A list of organisations of the register (the actors responsible for a road-map action, the industry
partners of a joint programme): chosen with the shared picker, listed in the interface language, added and
removed. Actors named only in words stay in the record's text fields."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout, QWidget

from desktop_app.i18n import _
from desktop_app.ui.common.choosers import OrganisationPicker


class OrganisationList(QWidget):
    changed = Signal()

    def __init__(self, db, organisation_ids: list[int], name: str = "organisationList", parent=None):
        super().__init__(parent)
        self.db = db
        self.list = QListWidget(objectName=name)
        self.list.setMaximumHeight(90)
        self.picker = OrganisationPicker(db)
        self.picker.setObjectName(f"{name}Picker")
        # Long names must not widen the page: room for a few words, each entry whole in the drop-down.
        self.picker.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.picker.setMinimumContentsLength(16)
        self.add_button = QPushButton(objectName=f"{name}Add")
        self.remove_button = QPushButton(objectName=f"{name}Remove")
        self.add_button.clicked.connect(self.add_chosen)
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.picker, 1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self._ids: list[int] = []
        for organisation_id in organisation_ids:
            self._append(organisation_id)
        self.retranslate()

    def _names(self, ids: list[int]) -> dict[int, str]:
        from desktop_app.services import organisations

        return {choice.id: choice.label for choice in organisations.choices(self.db, ids=ids)} if ids else {}

    def _append(self, organisation_id: int) -> None:
        if organisation_id in self._ids:
            return
        self._ids.append(organisation_id)
        item = QListWidgetItem(self._names([organisation_id]).get(organisation_id, str(organisation_id)))
        item.setData(Qt.ItemDataRole.UserRole, organisation_id)
        self.list.addItem(item)

    def add_chosen(self) -> None:
        chosen = self.picker.value()
        if chosen is not None and chosen not in self._ids:
            self._append(chosen)
            self.changed.emit()

    def remove_selected(self) -> None:
        row = self.list.currentRow()
        if row < 0:
            return
        self.list.takeItem(row)
        del self._ids[row]
        self.changed.emit()

    def set_organisation_ids(self, organisation_ids: list[int]) -> None:
        """Show these organisations (a record loaded), without signalling a change."""
        self.list.clear()
        self._ids = []
        names = self._names(list(organisation_ids))
        for organisation_id in organisation_ids:
            if organisation_id in self._ids:
                continue
            self._ids.append(organisation_id)
            item = QListWidgetItem(names.get(organisation_id, str(organisation_id)))
            item.setData(Qt.ItemDataRole.UserRole, organisation_id)
            self.list.addItem(item)

    def organisation_ids(self) -> list[int]:
        return list(self._ids)

    def retranslate(self) -> None:
        self.add_button.setText(_("Add organisation"))
        self.remove_button.setText(_("Remove organisation"))
        self.picker.retranslate()
        names = self._names(self._ids)
        for row, organisation_id in enumerate(self._ids):
            self.list.item(row).setText(names.get(organisation_id, str(organisation_id)))

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
