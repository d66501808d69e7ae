"""Editors for an expert meeting and a working-group member (journaled while open, each problem shown
under its field)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit

from desktop_app.domain.roadmap import MeetingDraft, MemberDraft, validate_meeting, validate_member
from desktop_app.i18n import _
from desktop_app.services import roadmap
from desktop_app.ui.common.choosers import StateCombo
from desktop_app.ui.common.field_form import FieldFormDialog
from desktop_app.ui.mobility.dialogs import date_edit, fill_combo, select_data, set_date


class MeetingEditor(FieldFormDialog):
    area_key = "roadmap"

    def __init__(self, db, draft: MeetingDraft | None, save: Callable[[MeetingDraft], object], parent=None,
                 record_id: int | None = None, database: str = ""):
        super().__init__(save, validate_meeting, parent, record_id, database)
        self.setObjectName("meetingEditor")
        self.is_new = record_id is None
        self.db = db
        self._actions = roadmap.choices(db)
        self.title = QLineEdit(objectName="meetingTitle")
        self.held_on = date_edit()
        self.held_on.setObjectName("meetingDate")
        self.place = QLineEdit()
        self.action = QComboBox()
        self.action.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.action.setMinimumContentsLength(30)
        self.body = QComboBox(objectName="meetingBody")
        self.agenda = QPlainTextEdit(objectName="meetingAgenda")
        self.agenda.setMaximumHeight(80)
        self.attending = QListWidget(objectName="meetingStates")  # the member states present, ticked
        self.attending.setMaximumHeight(110)
        self.minutes = QPlainTextEdit(objectName="meetingMinutes")
        for key, widget in (("title", self.title), ("held_on", self.held_on), ("place", self.place),
                            ("body_id", self.body), ("action_id", self.action), ("agenda", self.agenda),
                            ("attending_states", self.attending), ("minutes", self.minutes)):
            self.add_row(key, widget)
        self.retranslate()
        if draft is not None:
            self.title.setText(draft.title)
            set_date(self.held_on, draft.held_on)
            self.place.setText(draft.place)
            select_data(self.action, draft.action_id)
            select_data(self.body, draft.body_id)
            self.agenda.setPlainText(draft.agenda)
            self._fill_states(draft.attending_states)
            self.minutes.setPlainText(draft.minutes)
        self.resize(620, 480)
        self.start_tracking()

    def retranslate(self) -> None:
        self.setWindowTitle(_("New expert meeting") if self.is_new else _("Edit expert meeting"))
        fill_combo(self.action, [(None, "—")] + [
            (c.id, _("{number}. {action}").format(number=c.detail, action=_(c.label))) for c in self._actions],
            self.action.currentData())
        for index in range(1, self.action.count()):
            self.action.setItemData(index, self.action.itemText(index), Qt.ItemDataRole.ToolTipRole)
        from desktop_app.services import bodies

        fill_combo(self.body, [(None, "—")] + [(c.id, c.label) for c in bodies.choices(self.db)],
                   self.body.currentData())
        self._fill_states(self.attending_states())
        self.set_labels({"title": _("&Title"), "held_on": _("Date"), "place": _("Place"), "body_id": _("Body"),
                         "action_id": _("Road-map action"), "agenda": _("Agenda"),
                         "attending_states": _("Member states present"), "minutes": _("Minutes")})

    def _fill_states(self, ticked: list[str]) -> None:
        """Every member state, named in the interface language, ticked when present."""
        from desktop_app.services import choices

        self.attending.clear()
        for state in choices.states(self.db, members_only=True):
            item = QListWidgetItem(state.label, self.attending)
            item.setData(Qt.ItemDataRole.UserRole, state.country)  # the ISO code
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if state.country in ticked else Qt.CheckState.Unchecked)

    def attending_states(self) -> list[str]:
        return [self.attending.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.attending.count())
                if self.attending.item(row).checkState() == Qt.CheckState.Checked]

    def draft(self) -> MeetingDraft:
        return MeetingDraft(self.title.text(), self.held_on.date().toPython(), self.place.text(),
                            self.minutes.toPlainText(), self.action.currentData(), self.body.currentData(),
                            self.agenda.toPlainText(), self.attending_states())

    def journal_title(self) -> str:
        return self.title.text().strip() or self.windowTitle()


class MemberEditor(FieldFormDialog):
    area_key = "working_group"

    def __init__(self, draft: MemberDraft | None, save: Callable[[MemberDraft], object], parent=None,
                 record_id: int | None = None, database: str = "", default_state: str = ""):
        super().__init__(save, validate_member, parent, record_id, database)
        self.setObjectName("memberEditor")
        self.is_new = record_id is None
        self.state = StateCombo()
        self.name = QLineEdit(objectName="memberName")
        self.email = QLineEdit(objectName="memberEmail")
        self.organisation = QLineEdit()
        self.role = QLineEdit()
        for key, widget in (("country_code", self.state), ("name", self.name), ("email", self.email),
                            ("organisation", self.organisation), ("role", self.role)):
            self.add_row(key, widget)
        self.retranslate()
        draft = draft or MemberDraft(default_state, "")
        self.state.select(draft.country_code)
        self.name.setText(draft.name)
        self.email.setText(draft.email)
        self.organisation.setText(draft.organisation)
        self.role.setText(draft.role)
        self.resize(520, 320)
        self.start_tracking()

    def retranslate(self) -> None:
        self.setWindowTitle(_("New working-group member") if self.is_new else _("Edit working-group member"))
        self.state.refill()
        self.set_labels({"country_code": _("State"), "name": _("&Name (personal data)"),
                         "email": _("E-mail (personal data)"), "organisation": _("Organisation"), "role": _("Role")})

    def draft(self) -> MemberDraft:
        return MemberDraft(self.state.currentData() or "", self.name.text(), self.email.text(),
                           self.organisation.text(), self.role.text())

    def journal_title(self) -> str:
        # Never the member's name: the title is shown when a draft is offered back after a crash.
        return self.windowTitle()
