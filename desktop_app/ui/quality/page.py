"""The Quality page: the quality of the joint programmes and the development of their staff, as the Astana
forum resolution asks. Four tabs — evaluation cycles, student and employer surveys (with the import of a
survey tool's results), indicators against their targets, and staff development — each a lazy list over
its service's ``page()``. Every change is a command of ``ui/core/commands.py`` on the page's undo stack
(Edit ▸ Undo); every delete asks first."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from desktop_app.i18n import _
from desktop_app.services import evaluations, staff_development
from desktop_app.ui.core.language import Retranslatable
from desktop_app.ui.quality.evaluations import EvaluationsTab
from desktop_app.ui.quality.indicators import IndicatorsTab
from desktop_app.ui.quality.staff import StaffTab
from desktop_app.ui.quality.surveys import SurveysTab

#: Change topics the page follows: its own records, and the programmes and universities it names.
TOPICS = {evaluations.TOPIC, staff_development.TOPIC, "curricula", "universities", "organisations"}
#: The drafts journal key of each tab's editor (the evaluations' is the area's own, "quality").
JOURNALS = {"quality": 0, "surveys": 1, "indicators": 2, "staff_development": 3}


class QualityPage(Retranslatable, QWidget):
    def __init__(self, context, parent=None, today: dt.date | None = None):
        super().__init__(parent)
        self.context = context
        self.today = today
        self.setObjectName("page_quality")
        self.undo_stack = QUndoStack(self)
        self.heading = QLabel(objectName="pageHeading")
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.tabs = QTabWidget(objectName="qualityTabs")
        self.evaluations = EvaluationsTab(self)
        self.surveys = SurveysTab(self)
        self.indicators = IndicatorsTab(self)
        self.staff = StaffTab(self)
        for tab in self.all_tabs():
            self.tabs.addTab(tab, "")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 12)
        layout.addWidget(self.heading)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.tabs, 1)
        self.retranslate()
        context.bus.changed.connect(self._on_changed)
        context.database_opened.connect(lambda _db: self._open())
        if context.db is not None:
            self._open()

    def all_tabs(self) -> tuple:
        return (self.evaluations, self.surveys, self.indicators, self.staff)

    def day(self) -> dt.date:
        return self.today or dt.date.today()

    def retranslate(self) -> None:
        self.heading.setText(_("Quality"))
        self.subtitle.setText(_("Evaluation cycles and audits of the joint programmes, feedback from students and "
                                "employers, indicators against their targets, and the retraining of teachers."))
        for index, title in enumerate((_("Evaluations"), _("Surveys"), _("Indicators"), _("Staff development"))):
            self.tabs.setTabText(index, title)
        for tab in self.all_tabs():
            tab.retranslate()

    def _open(self) -> None:
        for tab in self.all_tabs():
            tab.open_database(self.context.db)

    def _on_changed(self, topics) -> None:
        if TOPICS & set(topics) and self.context.db is not None:
            for tab in self.all_tabs():
                tab.reload()

    def recover_draft(self, record_id: int | None, values: dict, journal: str = "quality") -> None:
        """Open the editor of the tab whose draft a session that ended abruptly left unsaved."""
        tab = self.all_tabs()[JOURNALS.get(journal, 0)]
        self.tabs.setCurrentWidget(tab)
        tab.recover(record_id, values)
