"""Small pieces the Exchange tabs share: tables filled from rows of text, values of a record shown
as text, the name of a state."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from desktop_app.i18n import _


def state_text(code: str | None) -> str:
    from desktop_app.services.package_fields import StateName

    return str(StateName(code))


def make_table(object_name: str, columns: int) -> QTableWidget:
    table = QTableWidget(0, columns)
    table.setObjectName(object_name)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fill(table: QTableWidget, headers: list[str], rows: list[list[Any]], tooltips: list[list[str]] | None = None,
         data: list[Any] | None = None) -> None:
    """Replace the table's contents; numbers align right; ``data`` goes to each row's first cell."""
    from PySide6.QtCore import Qt

    table.setRowCount(0)
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else str(value))
            if isinstance(value, int):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if tooltips and tooltips[r][c]:
                item.setToolTip(tooltips[r][c])
            if c == 0 and data is not None:
                item.setData(Qt.ItemDataRole.UserRole, data[r])
            table.setItem(r, c, item)


def value_text(value: Any, limit: int = 160) -> str:
    """A field's value for a person: text as it is, a collection as its rows' values, nothing as —."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        parts = []
        for row in value:
            if isinstance(row, dict):
                parts.append(", ".join(str(v) for k, v in row.items()
                                       if v not in (None, "") and not k.endswith("_uuid")))
            else:
                parts.append(str(row))
        text = "; ".join(parts)
    elif isinstance(value, dict):
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def full_text(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, indent=1)
