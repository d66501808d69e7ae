"""A row of buttons (or filters) that wraps onto a second line when the page is narrow, instead of
making the whole window wider: in Russian or Kazakh a page's actions are half as long again as in
English, and a 1,180-pixel window must still hold every page.

``addStretch()`` marks where the free room of a line goes (the actions after it sit at the line's end,
as in a QHBoxLayout); a right-to-left layout mirrors the lines.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QSizePolicy, QSpacerItem, QWidget


class FlowLayout(QLayout):
    def __init__(self, parent: QWidget | None = None, spacing: int = 6):
        super().__init__(parent)
        self._items = []
        self._stretches: set[int] = set()  # ids of the spacer items that take a line's free room
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    # -- QLayout ---------------------------------------------------------------------------------
    def addItem(self, item) -> None:  # noqa: N802 - Qt naming
        self._items.append(item)

    def addStretch(self, _stretch: int = 1) -> None:  # noqa: N802
        spacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self._stretches.add(id(spacer))
        self.addItem(spacer)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int):  # noqa: N802
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int):  # noqa: N802
        if 0 <= index < len(self._items):
            item = self._items.pop(index)
            self._stretches.discard(id(item))
            return item
        return None

    def expandingDirections(self):  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        # As wide as one line of everything (what a wide window shows), as tall as one line.
        widths = [item.sizeHint().width() for item in self._visible()]
        height = max((item.sizeHint().height() for item in self._visible()), default=0)
        margins = self.contentsMargins()
        return QSize(sum(widths) + self.spacing() * max(len(widths) - 1, 0) + margins.left() + margins.right(),
                     height + margins.top() + margins.bottom())

    def minimumSize(self) -> QSize:  # noqa: N802
        # As wide as the widest single item: the rest wraps.
        size = QSize()
        for item in self._visible():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    # -- arranging -------------------------------------------------------------------------------
    def _visible(self):
        return [item for item in self._items
                if id(item) not in self._stretches and not (item.widget() and item.widget().isHidden())]

    def _lines(self, width: int) -> list[list]:
        lines: list[list] = [[]]
        used = 0
        for item in self._items:
            if item.widget() is not None and item.widget().isHidden():
                continue
            if id(item) in self._stretches:
                lines[-1].append(item)
                continue
            wanted = item.sizeHint().width()
            if lines[-1] and used and used + self.spacing() + wanted > width:
                lines.append([])
                used = 0
            used += (self.spacing() if used else 0) + wanted
            lines[-1].append(item)
        return lines

    def _arrange(self, rect: QRect, apply: bool) -> int:
        margins = self.contentsMargins()
        area = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        y = area.y()
        mirrored = self.parentWidget() is not None and self.parentWidget().isRightToLeft()
        for line in self._lines(area.width()):
            shown = [item for item in line if id(item) not in self._stretches]
            if not shown:
                continue
            height = max(item.sizeHint().height() for item in shown)
            used = sum(item.sizeHint().width() for item in shown) + self.spacing() * (len(shown) - 1)
            free = max(area.width() - used, 0)
            x = area.x()
            if apply:
                for item in line:
                    if id(item) in self._stretches:
                        x += free
                        free = 0
                        continue
                    size = item.sizeHint()
                    left = area.right() - (x - area.x()) - size.width() + 1 if mirrored else x
                    item.setGeometry(QRect(QPoint(left, y + (height - size.height()) // 2), size))
                    x += size.width() + self.spacing()
            y += height + self.spacing()
        return max(y - self.spacing() - rect.y() + margins.bottom(), 0)
