"""The Network page's lists: the submissions of the 28 member states, and the universities of several
states that may be one institution, waiting for the user's decision."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.i18n import _, ngettext
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.exchange.common import fill, make_table, state_text

#: Columns of the submissions table.
SUB_STATE, SUB_STATUS, SUB_MADE, SUB_RECEIVED, SUB_PERIOD, SUB_RECORDS, SUB_SIGNER = range(7)
#: Columns of the matches table.
MATCH_FROM, MATCH_THEIRS, MATCH_OURS, MATCH_COUNTRY, MATCH_CITY, MATCH_BASIS = range(6)


class SubmissionsTab(Retranslatable, QWidget):
    """Every member state at a glance: its last package, or that none came, or that it is late."""

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.rows: list = []
        self.summary = QLabel(objectName="network_submissions_summary", wordWrap=True)
        self.table = make_table("network_submissions", 7)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        self.retranslate()

    def refresh(self) -> None:
        from desktop_app.services import network_submissions

        if self.context.db is None:
            return
        self.rows = network_submissions.submissions(self.context.db, self.context.preferences.options())
        self.retranslate()

    def retranslate(self) -> None:
        from desktop_app.i18n.formatting import format_date, format_number
        from desktop_app.services import network_submissions as subs

        late_days = self.context.preferences.options().submission_late_days
        counts = subs.summary(self.rows)
        self.summary.setText(_("{current} current, {late} late (made more than {days} days ago), {missing} "
                               "missing.").format(current=format_number(counts[subs.CURRENT]),
                                                  late=format_number(counts[subs.LATE]),
                                                  missing=format_number(counts[subs.MISSING]),
                                                  days=format_number(late_days)))
        table_rows, tips = [], []
        for row in self.rows:
            last = row.last
            status = _("Own records") if row.own else _(subs.STATUS_TITLES[row.status])
            period = _("{start} – {end}").format(start=last.period_from, end=last.period_to) \
                if last and last.period_from and last.period_to else ""
            table_rows.append([state_text(row.state), status,
                               format_date(row.made.date(), "medium") if row.made else "",
                               format_date(row.received.date(), "medium") if row.received else "",
                               period, format_number(row.records) if last else "",
                               last.signer_fingerprint if last else ""])
            tips.append(["", ngettext("Made {count} day ago", "Made {count} days ago", row.age_days or 0).format(
                count=format_number(row.age_days or 0)) if last else "", "", "", "", "", ""])
        fill(self.table, [_("Member state"), _("Status"), _("Package made"), _("Received"), _("Period covered"),
                          _("Records"), _("Signed by (key fingerprint)")], table_rows, tips,
             [row.state for row in self.rows])
        for index, row in enumerate(self.rows):
            item = self.table.item(index, SUB_STATUS)
            item.setData(Qt.ItemDataRole.UserRole, row.status)
            if row.status == subs.LATE or row.status == subs.MISSING:
                font = item.font()
                font.setBold(row.status == subs.LATE)
                item.setFont(font)


class MatchesTab(Retranslatable, QWidget):
    """Universities of two states matched by name and country only: the user says whether they are one
    institution (linked) or two (both kept). Nothing is merged without this decision."""

    def __init__(self, context, on_decided=None, parent=None):
        super().__init__(parent)
        self.context = context
        self.on_decided = on_decided
        self.matches: list = []
        self.intro = QLabel(objectName="network_matches_intro", wordWrap=True)
        self.table = make_table("network_matches", 6)
        self.same_button = QPushButton(objectName="network_match_same")
        self.different_button = QPushButton(objectName="network_match_different")
        self.same_button.clicked.connect(lambda: self.decide(True))
        self.different_button.clicked.connect(lambda: self.decide(False))
        self.table.itemSelectionChanged.connect(self._enable)
        buttons = QHBoxLayout()
        buttons.addWidget(self.same_button)
        buttons.addWidget(self.different_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.retranslate()

    def refresh(self) -> None:
        from desktop_app.services import network_matching

        if self.context.db is None:
            return
        self.matches = network_matching.matches(self.context.db)
        self.retranslate()

    def retranslate(self) -> None:
        from desktop_app.i18n.formatting import country_name
        from desktop_app.services import network_matching

        self.intro.setText(_("A university another state recorded without a ROR ID has the name and country of "
                             "one here. Say whether they are the same university; until then both are kept "
                             "apart and the network reports count them separately."))
        basis = {network_matching.BY_ROR: _("ROR ID"), network_matching.BY_NAME: _("name and country")}
        fill(self.table, [_("From"), _("Their record"), _("The university here"), _("Country"), _("City"),
                          _("Matched by")],
             [[state_text(m.state), m.theirs.name, m.ours.name if m.ours else "—",
               country_name(m.theirs.country_code), m.theirs.city, basis[m.basis]] for m in self.matches],
             data=[m.conflict_id for m in self.matches])
        self.same_button.setText(_("&Same university"))
        self.different_button.setText(_("&Different universities"))
        self._enable()

    def selected_id(self) -> int | None:
        row = self.table.currentRow()
        if row < 0 or row >= len(self.matches) or not self.table.selectionModel().hasSelection():
            return None
        return self.matches[row].conflict_id

    def _enable(self) -> None:
        chosen = self.selected_id() is not None
        self.same_button.setEnabled(chosen)
        self.different_button.setEnabled(chosen)

    def decide(self, same: bool) -> None:
        from desktop_app.services import network_matching
        from desktop_app.ui.core.errors import show_error

        match_id = self.selected_id()
        if match_id is None:
            return
        try:
            (network_matching.confirm if same else network_matching.reject)(self.context.db, match_id)
        except Exception as error:  # noqa: BLE001 - shown to the user in one sentence, logged by show_error
            show_error(error, self)
            return
        self.refresh()
        if self.on_decided is not None:
            self.on_decided()
