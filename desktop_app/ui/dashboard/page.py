"""The dashboard: live figures, recounted in the background whenever the records change.

The cards are built from the first answer of the service, so this page imports nothing heavy and
can be painted before the database is open.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_app.i18n import _, formatting, ngettext
from desktop_app.ui.core.language import Retranslatable


class FigureCard(QPushButton):
    def __init__(self, key: str, parent=None):
        super().__init__(parent)
        self.key = key
        self.setObjectName(f"figure_{key}")
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumSize(190, 96)
        self.value = QLabel("…", self)
        self.value.setObjectName("figureValue")
        self.value.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption = QLabel(self)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)


class DashboardPage(Retranslatable, QWidget):
    area_requested = Signal(str)
    counts_updated = Signal(dict)
    COLUMNS = 4
    EXPIRING_SHOWN = 20  # the soonest-ending agreements listed here; the rest are counted

    def __init__(self, context, parent=None):
        super().__init__(parent)
        self.context = context
        self.setObjectName("page_dashboard")
        self.figures: list = []
        self.counts: dict[str, int] = {}
        self.cards: dict[str, FigureCard] = {}
        self._pending = False
        self._running = False
        self._full_shown = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        self.heading = QLabel()
        self.heading.setObjectName("pageHeading")
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.waiting = QLabel()
        layout.addWidget(self.heading)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.waiting)
        frame = QFrame()
        self.grid = QGridLayout(frame)
        self.grid.setSpacing(12)
        layout.addWidget(frame)
        # Agreements in force that end within the warning horizon of the preferences.
        self.expiring_heading = QLabel()
        self.expiring_heading.setObjectName("sectionHeading")
        self.expiring_list = QListWidget()
        self.expiring_list.setObjectName("expiringAgreements")
        self.expiring_list.setMaximumHeight(160)
        self.expiring_list.itemActivated.connect(
            lambda item: self.area_requested.emit(item.data(Qt.ItemDataRole.UserRole) or "agreements"))
        self.expiring_rows: list = []
        self.expiring_total = 0
        # Beside the agreements: programme accreditations whose validity ends within the same warning period.
        self.expiring_accreditations: list = []
        self.accreditations_total = 0
        layout.addWidget(self.expiring_heading)
        layout.addWidget(self.expiring_list)
        layout.addStretch(1)
        self.retranslate()
        context.bus.changed.connect(lambda _topics: self.refresh())
        context.database_opened.connect(lambda _db: self.refresh())
        if context.db is not None:
            self.refresh()

    def retranslate(self) -> None:
        self.heading.setText(_("Dashboard"))
        state = self.context.state_code
        self.subtitle.setText(
            _("National records of {state} in the CICA Partnership Network of Leading Universities.").format(
                state=formatting.country_name(state)) if state else
            _("Records of the CICA Partnership Network of Leading Universities."))
        self.waiting.setText(_("Counting records…") if not self.counts else "")
        self.waiting.setVisible(not self.counts)
        for figure in self.figures:
            card = self.cards[figure.key]
            card.caption.setText(figure.caption().text())
            card.value.setText(formatting.format_number(self.counts[figure.key]))
        self._fill_expiring()

    def _add_expiring(self, text: str, area: str) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, area)
        self.expiring_list.addItem(item)

    def _fill_expiring(self) -> None:
        from desktop_app.domain.quality import ACCREDITATION_LABELS

        self.expiring_heading.setText(_("Expiring soon"))
        self.expiring_list.clear()
        if not self.expiring_rows:
            self._add_expiring(_("No agreement in force ends within the warning period."), "agreements")
        for row in self.expiring_rows:
            text = (_("{title} — ended {date}") if row.days_left < 0 else _("{title} — ends {date}")).format(
                title=row.title, date=formatting.format_date(row.valid_to))
            self._add_expiring(text, "agreements")
        more = self.expiring_total - len(self.expiring_rows)
        if more > 0:  # the list shows the soonest; the agreements page lists them all
            self._add_expiring(ngettext("… and {count} more on the Agreements page",
                                        "… and {count} more on the Agreements page", more).format(
                count=formatting.format_number(more)), "agreements")
        for row in self.expiring_accreditations:
            label = ACCREDITATION_LABELS.get(row.label)
            template = (_("Accreditation {label} of {programme} — ended {date}") if (row.days_left or 0) < 0
                        else _("Accreditation {label} of {programme} — ends {date}"))
            self._add_expiring(template.format(label=_(label) if label else row.label, programme=row.programme_in(),
                                               date=formatting.format_date(row.valid_to)), "curricula")
        more = self.accreditations_total - len(self.expiring_accreditations)
        if more > 0:
            self._add_expiring(ngettext("… and {count} more accreditation on the Joint programmes page",
                                        "… and {count} more accreditations on the Joint programmes page", more).format(
                count=formatting.format_number(more)), "curricula")

    def refresh(self) -> None:
        """Recount off the GUI thread; requests arriving meanwhile are folded into one more recount."""
        if self.context.db is None:
            return
        if self._running:
            self._pending = True
            return
        self._running = True
        from desktop_app.services import agreements, programme_accreditations
        from desktop_app.services.agreement_search import AgreementQuery
        from desktop_app.services.dashboard import live_figures

        db, options = self.context.db, self.context.preferences.options()
        query = AgreementQuery.for_options(options, expiring=True)
        accreditations = programme_accreditations.AccreditationQuery.for_options(options, expiring=True)

        def count(_progress):
            # One job for the figures and the expiring agreements, so no answer outlives the page.
            soonest = agreements.page(db, query, limit=self.EXPIRING_SHOWN)
            total = len(soonest.rows) if soonest.is_last else agreements.count(db, query)
            ending = programme_accreditations.page(db, accreditations, limit=self.EXPIRING_SHOWN)
            ending_total = len(ending.rows) if ending.is_last else programme_accreditations.count(db, accreditations)
            return live_figures(db, options), soonest.rows, total, ending.rows, ending_total

        self.context.runner.run(count, title=_("Counting records"), on_done=self._show, on_error=self._failed,
                                show_progress=False)

    def _failed(self, error) -> None:
        self._running = False
        from desktop_app.ui.core.errors import show_error

        show_error(error, self)

    def _show(self, answer) -> None:
        import shiboken6

        self._running = False
        if not shiboken6.isValid(self.grid):  # the window was closed while the records were being counted
            return
        figures, self.expiring_rows, self.expiring_total, self.expiring_accreditations, self.accreditations_total = \
            answer
        self._full_shown = True
        self._display(figures)
        if self._pending:
            self._pending = False
            self.refresh()

    def quick_count(self, url: str | None, then=None) -> None:
        """Count a SQLite file with the sqlite3 module while the database layer is still loading.

        The regular recount follows as soon as the database is open; whatever this finds is shown only
        until then. A file that cannot answer yet (new, older schema, damaged) is left to that path.
        """
        from desktop_app.services.dashboard import quick_figures, sqlite_file_of

        path = sqlite_file_of(url)
        if path is None or not path.exists() or self.context.db is not None:
            if then is not None:
                then()
            return

        options = self.context.preferences.options()

        def count(_progress):
            import sqlite3

            try:
                return quick_figures(path, options)
            except sqlite3.Error:
                return None

        def done(figures) -> None:
            self._show_quick(figures)
            if then is not None:
                then()

        self.context.runner.run(count, title=_("Counting records"), on_done=done,
                                on_error=lambda _error: then() if then is not None else None, show_progress=False)

    def _show_quick(self, figures) -> None:
        import shiboken6

        if figures is None or self._full_shown or not shiboken6.isValid(self.grid):
            return
        self._display(figures)

    def _display(self, figures) -> None:
        self.figures = figures
        for index, figure in enumerate(figures):
            if figure.key not in self.cards:
                card = FigureCard(figure.key)
                card.clicked.connect(lambda _checked=False, area=figure.area: self.area_requested.emit(area))
                self.grid.addWidget(card, index // self.COLUMNS, index % self.COLUMNS)
                self.cards[figure.key] = card
        self.counts = {figure.key: figure.value for figure in figures}
        self.retranslate()
        self.counts_updated.emit(self.counts)
