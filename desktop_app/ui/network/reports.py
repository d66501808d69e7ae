"""The network reports on the Network page: the Reports page's builder (language, format, file,
progress, cancel, print) offering the network kinds, with the network's filters — member states,
area of cooperation and, for the dashboard, the day of the previous meeting."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QListWidget, QListWidgetItem

from desktop_app.i18n import _
from desktop_app.ui.common.date_edit import DateEdit
from desktop_app.ui.reports.page import ReportsPage


class NetworkReportsTab(ReportsPage):
    def __init__(self, context, parent=None):
        super().__init__(context, parent)
        self.states_list = QListWidget(objectName="network_report_states")
        self.states_list.setMaximumHeight(110)
        self.area_box = QComboBox(objectName="network_report_area")
        self.since_edit = DateEdit(optional=True)
        self.since_edit.setObjectName("network_report_since")
        self.network_labels = {key: QLabel() for key in ("states", "area", "since")}
        self.setObjectName("network_reports")
        self.heading.hide()
        self.layout().setContentsMargins(8, 8, 8, 8)
        for row, key, widget in ((1, "states", self.states_list), (2, "area", self.area_box),
                                 (3, "since", self.since_edit)):
            self.form.insertRow(row + 1, self.network_labels[key], widget)
        for hidden in ("university", "programme", "calendar_universities"):  # no network kind uses them
            self.form.setRowVisible(self.labels[hidden], False)
        self.form.setRowVisible(self.personal_box, False)  # network reports never hold personal data
        self.retranslate()

    def report_kinds(self) -> list:
        from desktop_app.reports import registry

        return registry.network_kinds()

    def retranslate(self) -> None:
        super().retranslate()
        if not hasattr(self, "network_labels"):  # during the base class's construction
            return
        self.intro.setText(_("Reports of the whole network, built from the member states' packages received here: "
                             "each university, agreement and programme counted once, and every report says "
                             "which submissions it was built from."))
        self.network_labels["states"].setText(_("Member &states:"))
        self.network_labels["states"].setBuddy(self.states_list)
        self.states_list.setToolTip(_("None ticked: every state that sent a package."))
        self.network_labels["area"].setText(_("&Area of cooperation:"))
        self.network_labels["area"].setBuddy(self.area_box)
        self.network_labels["since"].setText(_("Previous &meeting:"))
        self.network_labels["since"].setBuddy(self.since_edit)
        self.since_edit.setToolTip(_("The dashboard counts what changed since this day; empty: since the working "
                                     "group's last meeting in the road map."))
        self._fill_states()
        self._fill_areas()
        self._enable_network_filters()

    def _fill_states(self) -> None:
        from desktop_app.domain.reference import MEMBER_STATES
        from desktop_app.i18n.formatting import country_name
        from desktop_app.services.collation import key_function

        ticked = set(self.chosen_states())
        self.states_list.clear()
        key = key_function(None)
        for code in sorted((s.code for s in MEMBER_STATES), key=lambda c: key(country_name(c))):
            item = QListWidgetItem(country_name(code), self.states_list)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code in ticked else Qt.CheckState.Unchecked)

    def _fill_areas(self) -> None:
        from desktop_app.domain.reference import COOPERATION_AREAS

        current = self.area_box.currentData()
        self.area_box.clear()
        self.area_box.addItem(_("All areas"), "")
        for area in COOPERATION_AREAS:
            self.area_box.addItem(_(area.title), area.key)
        self.area_box.setCurrentIndex(max(0, self.area_box.findData(current)))

    def chosen_states(self) -> list[str]:
        return [self.states_list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.states_list.count())
                if self.states_list.item(row).checkState() == Qt.CheckState.Checked]

    def _kind_changed(self, *args) -> None:
        super()._kind_changed(*args)
        if hasattr(self, "network_labels"):
            self._enable_network_filters()

    def _enable_network_filters(self) -> None:
        kind = self.current_kind()
        for key, widget, used in (("area", self.area_box, kind.uses_area),
                                  ("since", self.since_edit, kind.uses_since)):
            widget.setEnabled(used)
            self.network_labels[key].setEnabled(used)

    def options(self):
        from dataclasses import replace

        kind = self.current_kind()
        return replace(super().options(), include_personal_data=False, states=tuple(sorted(self.chosen_states())),
                       area=(self.area_box.currentData() or "") if kind.uses_area else "",
                       since=self.since_edit.value() if kind.uses_since else None)
