"""Every area's service module, each following the area contract (docs/architecture.md). A test checks
that each one offers the whole contract with the same signatures, so a new area cannot invent its
own shape."""

from __future__ import annotations

from types import ModuleType

from desktop_app.services import universities

#: area key -> its service module. An area is added here once it follows the contract.
AREA_SERVICES: dict[str, ModuleType] = {
    "universities": universities,
}

#: The functions of the contract and the names of their first parameters.
CONTRACT: dict[str, tuple[str, ...]] = {
    "create": ("db", "draft", "uuid"),
    "get": ("db",),
    "update": ("db",),
    "delete": ("db",),
    "restore": ("db", "snapshot"),
    "page": ("db", "query", "after"),
    "choices": ("db",),
    "validate": ("draft",),
}
