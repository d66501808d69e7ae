"""The ``demo`` data set: real institutions (ROR, CC0) for a few member states, and what each area
adds on top of them. Each area appends a step; the steps run in order inside ONE transaction (the
services they call join it, storage/database.py): killed at any moment, the database holds the whole
demonstration or none of it, and a failed load leaves nothing to complete by hand.

A step receives the database and the day the demonstration is loaded on ("today"): dates that must look
current (an agreement about to expire) are counted from it, so tests can load the same data whatever
the clock says."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

from desktop_app import paths
from desktop_app.domain.errors import UserError
from desktop_app.domain.universities import MembershipStatus, NetworkRole
from desktop_app.exchange.ror import draft_from_record
from desktop_app.services import universities
from desktop_app.storage.database import Database

# Illustrative roles for the demonstration (not real designations).
DEMO_PARENTS = {"03q0vrn42", "03cve4549", "010pmpe69", "014weej12", "04h9pn542", "028wp3y58",
                "04855bv47", "02ar8gr68", "021e5j056", "05wv2vq37", "0091vmj44"}
DEMO_CANDIDATES = {"020cpsb96"}


def load_demo_universities(db: Database, today: dt.date | None = None) -> dict[str, int]:
    """The ROR records of the demonstration, each with its illustrative role; statuses date from ``today``."""
    today = today or dt.date.today()
    if universities.count(db):
        raise UserError("The database already holds universities; the demonstration data is loaded only "
                        "into an empty database.")
    created = 0
    with (paths.resources_dir() / "demo" / "ror_demo.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            draft = draft_from_record(json.loads(line))
            if draft.ror_id in DEMO_PARENTS:
                draft.network_role, draft.status = NetworkRole.PARENT, MembershipStatus.ACTIVE
            elif draft.ror_id in DEMO_CANDIDATES:
                draft.network_role, draft.status = NetworkRole.CANDIDATE, MembershipStatus.INVITED
            else:
                draft.network_role, draft.status = NetworkRole.MEMBER, MembershipStatus.MEMORANDUM_SIGNED
            draft.status_since = draft.status_since or today
            universities.create(db, draft)
            created += 1
    return {"universities": created}


DemoStep = Callable[[Database, dt.date], dict[str, int]]
DEMO_STEPS: list[DemoStep] = [load_demo_universities]

from desktop_app.exchange.university_demo import load_demo_university_details  # noqa: E402

DEMO_STEPS.append(load_demo_university_details)


def _load_demo_curricula(db: Database, today: dt.date) -> dict[str, int]:
    from desktop_app.exchange.curricula_demo import load_demo_curricula

    return load_demo_curricula(db, today)


DEMO_STEPS.append(_load_demo_curricula)


def _load_demo_network(db: Database, today: dt.date) -> dict[str, int]:
    from desktop_app.exchange.demo_network import load_demo_network

    return load_demo_network(db, today)


DEMO_STEPS.append(_load_demo_network)


def load_demo(db: Database, today: dt.date | None = None) -> dict[str, int]:
    """Every area's demonstration data, as if loaded on ``today`` (the real date when not given)."""
    today = today or dt.date.today()
    totals: dict[str, int] = {}
    with db.transaction():  # every step's own transactions join this one; the topics are announced at the end
        for step in DEMO_STEPS:
            totals.update(step(db, today))
    return totals

from desktop_app.exchange.recognition_demo import load_demo_recognition  # noqa: E402

DEMO_STEPS.append(load_demo_recognition)

from desktop_app.exchange.governance_demo import load_demo_governance  # noqa: E402

DEMO_STEPS.append(load_demo_governance)

from desktop_app.exchange.mobility_demo import load_demo_mobility_lifecycle  # noqa: E402

DEMO_STEPS.append(load_demo_mobility_lifecycle)

from desktop_app.exchange.quality_demo import load_demo_quality  # noqa: E402

DEMO_STEPS.append(load_demo_quality)
