"""The Exchange page: the national data package. Send a package of this database's records, receive
one (checks, signature, preview, import), decide the conflicts packages left, see the packages
received per state and where the records came from, and the keys that sign them."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop_app.i18n import _
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.exchange.conflicts import ConflictsTab
from desktop_app.ui.exchange.ledger import KeysTab, ReceivedTab
from desktop_app.ui.exchange.receive import ReceiveTab
from desktop_app.ui.exchange.send import SendTab

TOPICS = {"exchange", "universities", "agreements", "curricula", "calendars", "recognition", "recognition_rules",
          "mobility", "events", "roadmap"}


class ExchangePage(Retranslatable, QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("page_exchange")
        self.heading = QLabel(objectName="pageHeading")
        self.intro = QLabel(wordWrap=True)
        self.tabs = QTabWidget(objectName="exchange_tabs")
        self.send = SendTab(context)
        self.receive = ReceiveTab(context, on_imported=self._imported)
        self.conflicts = ConflictsTab(context, on_resolved=self.refresh)
        self.received = ReceivedTab(context)
        self.keys = KeysTab(context)
        for tab in (self.send, self.receive, self.conflicts, self.received, self.keys):
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
        self.heading.setText(_("Exchange"))
        self.intro.setText(_("The national data package: your records, files included, in one signed file for "
                             "another coordinator or the working group; packages received merged record by "
                             "record, never overwriting what you changed without asking."))
        count = len(self.conflicts.conflicts)
        titles = [_("Send"), _("Receive"), _("Conflicts ({count})").format(count=count) if count else _("Conflicts"),
                  _("Received"), _("Keys")]
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, title)

    def refresh(self) -> None:
        if self.context.db is None:
            return
        self._ensure_identity()
        self.send.refresh()
        self.conflicts.refresh()
        self.received.refresh()
        self.keys.refresh()
        self.retranslate()

    def _ensure_identity(self) -> None:
        """The database learns its member state from the preferences the first time it is known."""
        from desktop_app.services import exchange_identity

        state = self.context.preferences.options().member_state
        if state and not exchange_identity.identity(self.context.db).is_set:
            exchange_identity.ensure_identity(self.context.db, state)

    def _imported(self, result) -> None:
        self.refresh()
        if result.conflicts:
            self.tabs.setCurrentWidget(self.conflicts)
            self.conflicts.select(result.conflicts[0].id)
