"""Every area's service module, each following the area contract (docs/architecture.md). A test checks
that each one offers the whole contract with the same signatures, so a new area cannot invent its
own shape."""

from __future__ import annotations

from types import ModuleType

from desktop_app.services import (
    agreements,
    bodies,
    calendars,
    credit_conversions,
    curricula,
    decisions,
    evaluations,
    events,
    meetings,
    mobility,
    organisations,
    programme_accreditations,
    programme_indicators,
    recognition_cases,
    recognition_rules,
    roadmap,
    scholarships,
    staff_development,
    surveys,
    universities,
    working_group,
)

#: area key -> its service module. An area is added here once it follows the contract.
AREA_SERVICES: dict[str, ModuleType] = {
    "universities": universities,
    "agreements": agreements,
    "recognition_cases": recognition_cases,
    "equivalence_rules": recognition_rules,
    "curricula": curricula,
    "calendars": calendars,
    "credit_conversions": credit_conversions,  # reference data of the curricula area, edited record by record
    "mobility": mobility,
    "events": events,
    "roadmap": roadmap,
    "expert_meetings": meetings,
    "working_group": working_group,
    "bodies": bodies,
    "decisions": decisions,
    "evaluations": evaluations,
    "organisations": organisations,
    "programme_accreditations": programme_accreditations,
    "programme_indicators": programme_indicators,
    "scholarships": scholarships,
    "staff_development": staff_development,
    "surveys": surveys,
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
