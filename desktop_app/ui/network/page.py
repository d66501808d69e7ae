"""The Network page: the working group's view over the member states' packages received here —
who sent one and when (Submissions), universities of several states waiting to be confirmed as one
(Matches), and the network reports (each institution, agreement and programme counted once)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop_app.i18n import _
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.network.reports import NetworkReportsTab
from desktop_app.ui.network.tabs import MatchesTab, SubmissionsTab

TOPICS = {"exchange", "universities"}


class NetworkPage(Retranslatable, QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("page_network")
        self.heading = QLabel(objectName="pageHeading")
        self.intro = QLabel(wordWrap=True)
        self.tabs = QTabWidget(objectName="network_tabs")
        self.submissions = SubmissionsTab(context)
        self.matches = MatchesTab(context, on_decided=self.refresh)
        self.reports = NetworkReportsTab(context)
        for tab in (self.submissions, self.matches, self.reports):
            self.tabs.addTab(tab, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.tabs, 1)
        context.database_opened.connect(lambda _db: self.refresh())
        context.bus.changed.connect(lambda topics: self.refresh() if TOPICS & set(topics) else None)
        self.retranslate()
        if context.db is not None:
            self.refresh()

    def retranslate(self) -> None:
        self.heading.setText(_("Network"))
        self.intro.setText(_("The working group's view: the national data packages of the member states received "
                             "here, one network without double counting."))
        count = len(self.matches.matches)
        titles = [_("Submissions"), _("To confirm ({count})").format(count=count) if count else _("To confirm"),
                  _("Network reports")]
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, title)

    def refresh(self) -> None:
        if self.context.db is None:
            return
        self.submissions.refresh()
        self.matches.refresh()
        self.retranslate()
