"""What an empty list says: what to do to fill it, with the buttons that do it ("No universities yet.
Import them from the ROR registry or a file, or add one."), or, when the search and filters hide every
row, that nothing matches them.

The notice lies over the list's viewport and shows itself whenever the list has no rows; its texts are
functions, asked again on every language change.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop_app.i18n import _

Text = Callable[[], str]


def filters_in_use(*widgets) -> Callable[[], bool]:
    """Whether a search box holds text, a filter combo has moved off its first entry ("all") or a
    filter check box is ticked: then an empty list means "nothing matches", not "nothing yet"."""

    def in_use() -> bool:
        for widget in widgets:
            if hasattr(widget, "isChecked") and widget.isChecked():
                return True
            if hasattr(widget, "currentIndex") and widget.currentIndex() > 0:
                return True
            if hasattr(widget, "text") and not hasattr(widget, "isChecked") and widget.text().strip():
                return True
        return False

    return in_use


class EmptyState(QWidget):
    def __init__(self, view: QAbstractItemView, text: Text, actions: list[tuple[Text, Callable[[], object]]] = (),
                 filtered: Callable[[], bool] | None = None, rows: Callable[[], int] | None = None):
        super().__init__(view.viewport())
        self.setObjectName("emptyState")
        self.view = view
        self._text = text
        self._filtered = filtered or (lambda: False)
        self._rows = rows or (lambda: view.model().rowCount() if view.model() is not None else 0)
        self.message = QLabel(self)
        self.message.setObjectName("emptyStateText")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.buttons: list[tuple[QPushButton, Text]] = []
        row = QHBoxLayout()
        row.addStretch(1)
        for label, slot in actions:
            button = QPushButton(self)
            button.clicked.connect(lambda _checked=False, s=slot: s())
            self.buttons.append((button, label))
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addLayout(row)
        layout.addStretch(2)
        view.viewport().installEventFilter(self)
        model = view.model()
        for signal in (model.modelReset, model.rowsInserted, model.rowsRemoved, model.layoutChanged):
            signal.connect(self.refresh)  # a bound slot: the connection ends with this widget
        self.refresh()

    def refresh(self, *_args) -> None:
        try:
            empty = self._rows() == 0
        except RuntimeError:  # the list is being destroyed (its model tells its last rows away)
            return
        filtered = empty and self._filtered()
        self.message.setText(_("Nothing matches the search and filters.") if filtered else self._text())
        for button, label in self.buttons:
            button.setText(label())
            button.setVisible(not filtered)
        self.setGeometry(self.view.viewport().rect())
        self.setVisible(empty)
        if empty:
            self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt naming
        if event.type() == QEvent.Type.Resize:
            self.setGeometry(self.view.viewport().rect())
        return False

    def changeEvent(self, event) -> None:  # noqa: N802
        if event.type() == QEvent.Type.LanguageChange:
            self.refresh()
        super().changeEvent(event)
