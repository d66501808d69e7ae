"""What this database received and whom it trusts: the packages received per state (the last one of
each first), where the records here came from (how many of each kind every state owns), this
coordinator's key and the keys trusted for the other states."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from desktop_app.i18n import _, ngettext
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.exchange.common import fill, make_table, state_text


class ReceivedTab(Retranslatable, QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.packages: list = []
        self.owners: list = []
        self.packages_box = QGroupBox()
        self.packages_table = make_table("exchange_received", 7)
        box_layout = QVBoxLayout(self.packages_box)
        box_layout.addWidget(self.packages_table)
        self.owners_box = QGroupBox()
        self.owners_table = make_table("exchange_owners", 3)
        owners_layout = QVBoxLayout(self.owners_box)
        owners_layout.addWidget(self.owners_table)
        layout = QVBoxLayout(self)
        layout.addWidget(self.packages_box, 2)
        layout.addWidget(self.owners_box, 1)
        self.retranslate()

    def refresh(self) -> None:
        if self.context.db is None:
            return
        from desktop_app.services import exchange_identity, package_ledger

        self.packages = package_ledger.received_packages(self.context.db)
        self.owners = exchange_identity.owner_counts(self.context.db)
        self.retranslate()

    def retranslate(self) -> None:
        from desktop_app.i18n.formatting import format_datetime, format_number
        from desktop_app.services.package_fields import kind_title

        self.packages_box.setTitle(_("Packages received, the latest of each state first"))
        fill(self.packages_table, [_("From"), _("Coordinator"), _("Made"), _("Received"), _("Records"),
                                   _("Last package"), _("Signed by (key fingerprint)")],
             [[state_text(p.state_code), p.coordinator, format_datetime(p.created_at), format_datetime(p.received_at),
               format_number(sum(p.counts.values())), self._timeliness(p, index), p.signer_fingerprint]
              for index, p in enumerate(self.packages)],
             [["", "", "", "", ", ".join(f"{kind_title(k)}: {format_number(n)}" for k, n in p.counts.items()), "",
               p.file_name] for p in self.packages])
        self.owners_box.setTitle(_("Where the records here came from"))
        fill(self.owners_table, [_("Kind"), _("Owner"), _("Records")],
             [[kind_title(o.kind), state_text(o.owner_state) if o.owner_state else _("the network (reference data)"),
               format_number(o.count)] for o in self.owners])


    def _timeliness(self, package, index: int) -> str:
        """For the last package of each state: on time, or late after the days the preferences say."""
        if index and self.packages[index - 1].state_code == package.state_code:
            return ""  # an earlier package of the same state
        import datetime as dt

        days = (dt.datetime.now(dt.UTC) - package.created_at).days
        if days <= self.context.preferences.options().submission_late_days:
            return _("On time")
        return ngettext("Late: made {count} day ago", "Late: made {count} days ago", days).format(count=days)


class KeysTab(Retranslatable, QWidget):
    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.keys: list = []
        self.fingerprint = ""
        self.own_box = QGroupBox()
        self.own_label = QLabel(wordWrap=True, objectName="exchange_own_fingerprint")
        self.own_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        own_layout = QVBoxLayout(self.own_box)
        own_layout.addWidget(self.own_label)
        self.trusted_box = QGroupBox()
        self.trusted_table = make_table("exchange_trusted_keys", 5)
        trusted_layout = QVBoxLayout(self.trusted_box)
        trusted_layout.addWidget(self.trusted_table)
        layout = QVBoxLayout(self)
        layout.addWidget(self.own_box)
        layout.addWidget(self.trusted_box, 1)
        self.retranslate()

    def refresh(self) -> None:
        from desktop_app.exchange.package_keys import own_fingerprint
        from desktop_app.services import package_ledger

        self.fingerprint = own_fingerprint()
        self.keys = package_ledger.trusted_keys(self.context.db) if self.context.db is not None else []
        self.retranslate()

    def retranslate(self) -> None:
        from desktop_app.exchange.package_keys import key_path
        from desktop_app.i18n.formatting import format_datetime

        self.own_box.setTitle(_("Your signing key"))
        self.own_label.setText(_("Fingerprint: {fingerprint}\nRead it to other coordinators by phone or send it by "
                                 "letter, so they can check your packages. The key is kept in {path}.").format(
            fingerprint=self.fingerprint or "…", path=key_path()) if self.fingerprint else "")
        self.trusted_box.setTitle(_("Keys trusted for other states"))
        fill(self.trusted_table, [_("State"), _("Fingerprint"), _("First seen"), _("Trusted"), _("In use")],
             [[state_text(k.state_code), k.fingerprint, format_datetime(k.first_seen),
               _("after comparing the fingerprint") if k.accepted_explicitly else _("automatically"),
               _("yes") if k.active else _("no")] for k in self.keys])
