"""Shown for an area this version does not have yet: says so plainly, shows no invented data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_app.i18n import _
from desktop_app.ui.areas import Area
from desktop_app.ui.language import Retranslatable


class NotBuiltPage(Retranslatable, QWidget):
    def __init__(self, area: Area, context=None, parent=None):
        super().__init__(parent)
        self.area = area
        self.setObjectName(f"page_{area.key}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 32, 32, 32)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.purpose = QLabel()
        self.purpose.setWordWrap(True)
        self.purpose.setTextFormat(Qt.TextFormat.PlainText)
        for widget in (self.heading, self.notice, self.purpose):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(_(self.area.title))
        self.notice.setText(_("This area is not available in this version yet."))
        self.purpose.setText(_("It will hold: {purpose}.").format(purpose=_(self.area.purpose)))
