"""One set of icons for the whole application: Lucide's outline icons (ISC licence; see
resources/icons/SOURCES.md), drawn from their SVG files in the palette's colours, so they match each
other and the platform's light or dark theme. Icons whose direction means something (undo, redo,
leaving, going in and out) are mirrored in a right-to-left layout.

Nothing here is loaded before the first paint: the main window sets its icons once it is on screen.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPoint, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap

from desktop_app import paths

#: Icons that point somewhere: drawn the other way round in a right-to-left layout.
MIRRORED = frozenset({"undo-2", "redo-2", "log-out", "import", "file-input", "file-output"})

#: The colour of an icon in its normal state: the application's accent (as the dashboard's figures).
ACCENT = "#1f5f8b"

#: The main actions, by the name a page gives its button: the same action has the same icon everywhere.
BUTTON_ICONS: dict[str, str] = {
    "add": "plus", "add_button": "plus", "new_button": "plus", "new_case": "plus", "new_event": "plus",
    "new_mobility": "plus", "edit": "pencil", "edit_button": "pencil", "edit_case": "pencil",
    "edit_event_button": "pencil", "edit_mobility_button": "pencil", "delete": "trash-2",
    "delete_button": "trash-2", "delete_case": "trash-2", "delete_event": "trash-2", "delete_mobility": "trash-2",
    "import_button": "import", "export_button": "file-output", "print_button": "printer",
    "build_button": "file-chart-column",
}


def _svg_text(name: str) -> str:
    return (paths.resources_dir() / "icons" / "lucide" / f"{name}.svg").read_text(encoding="utf-8")


class SvgIconEngine(QIconEngine):
    """Draws one SVG icon at any size, in the colour of the mode (normal, selected, disabled)."""

    def __init__(self, name: str):
        super().__init__()
        self.name = name
        self.svg = _svg_text(name)

    def _colour(self, mode: QIcon.Mode) -> QColor:
        palette = QGuiApplication.palette()
        if mode == QIcon.Mode.Disabled:
            return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
        if mode == QIcon.Mode.Selected:
            return palette.color(QPalette.ColorRole.HighlightedText)
        return QColor(ACCENT)

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        from PySide6.QtSvg import QSvgRenderer

        renderer = QSvgRenderer(self.svg.replace("currentColor", self._colour(mode).name()).encode("utf-8"))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if self.name in MIRRORED and QGuiApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            painter.translate(rect.x() * 2 + rect.width(), 0)
            painter.scale(-1, 1)
        renderer.render(painter, QRectF(rect))
        painter.restore()

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        pixmap = QPixmap(size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        self.paint(painter, QRect(QPoint(0, 0), size), mode, state)
        painter.end()
        return pixmap

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self.name)

    def key(self) -> str:
        return "cica-svg"


_engines: list[SvgIconEngine] = []  # QIcon does not own a Python engine: keep them alive


@cache
def icon(name: str) -> QIcon:
    engine = SvgIconEngine(name)
    _engines.append(engine)
    return QIcon(engine)


def decorate_buttons(root) -> None:
    """Give the main actions of a page (and of the panels inside it) their icons, by the names the page
    gives its buttons (``BUTTON_ICONS``)."""
    from PySide6.QtWidgets import QAbstractButton, QWidget

    for owner in [root, *root.findChildren(QWidget)]:
        for attribute, value in list(vars(owner).items()):
            name = BUTTON_ICONS.get(attribute)
            if name is not None and isinstance(value, QAbstractButton) and value.icon().isNull():
                value.setIcon(icon(name))
