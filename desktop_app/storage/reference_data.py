"""Load and keep current the reference tables. Idempotent: missing rows are inserted, changed rows
updated, nothing the user entered is touched. Called by migrations (so a new version's reference
data arrives with its schema) and safe to call again at any time."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from sqlalchemy import Connection, select
from sqlalchemy import column as sa_column
from sqlalchemy import table as sa_table

from desktop_app import paths
from desktop_app.domain.reference import ALL_STATES, COOPERATION_AREAS, ROADMAP_ACTIONS, reference_uuid
from desktop_app.storage.models import CooperationAreaRow, IscedField, IscedLevel, MemberState, RoadmapAction

#: The time of creation and change of every reference row as loaded, in every database alike.
REFERENCE_TIME = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def _read_csv(name: str) -> list[dict[str, str]]:
    path: Path = paths.resources_dir() / "reference" / name
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _upsert(connection: Connection, model, key: str, rows: list[dict], update: bool = True) -> int:
    # Only the columns written here are read and written (a bare table of them, without the model's
    # defaults), so this runs at any schema revision that has them, and reference data keeps no owner:
    # it is the network's (see storage/ownership.py).
    fixed = {column.name: column.default.arg for column in model.__table__.columns
             if column.default is not None and column.default.is_scalar and column.name not in rows[0]}
    # The same reference record is the same, to the byte, in every database (data packages compare them).
    fixed.update({name: REFERENCE_TIME for name in ("created_at", "updated_at") if name in model.__table__.c})
    table = sa_table(model.__tablename__, *(sa_column(name) for name in [*rows[0], *fixed]))
    columns = [table.c[name] for name in rows[0]]
    existing = {row._mapping[key]: row for row in connection.execute(select(*columns))}
    inserted = 0
    for row in rows:
        current = existing.get(row[key])
        if current is None:
            connection.execute(table.insert().values(**fixed, **row))
            inserted += 1
        elif update:
            mapping = current._mapping
            changed = {k: v for k, v in row.items() if mapping.get(k) != v}
            if changed:
                connection.execute(table.update().where(table.c[key] == row[key]).values(**changed))
    return inserted


def sync_reference_data(connection: Connection) -> dict[str, int]:
    inserted = {}
    inserted["member_states"] = _upsert(
        connection,
        MemberState,
        "code",
        [
            {
                "code": s.code,
                "uuid": reference_uuid("state", s.code),
                "is_member": s.member,
                "languages": " ".join(s.languages),
                "calendar": s.calendar,
            }
            for s in ALL_STATES
        ],
    )
    inserted["cooperation_areas"] = _upsert(
        connection,
        CooperationAreaRow,
        "key",
        [
            {"key": a.key, "uuid": reference_uuid("area", a.key), "position": i, "title_en": a.title,
             "scope_en": a.scope}
            for i, a in enumerate(COOPERATION_AREAS, start=1)
        ],
    )
    inserted["isced_levels"] = _upsert(
        connection,
        IscedLevel,
        "code",
        [
            {"code": r["id"], "uuid": reference_uuid("isced-level", r["id"]), "label_en": r["label"],
             "definition_en": r["definition"].strip()}
            for r in _read_csv("isced_2011_levels.csv")
        ],
    )
    inserted["isced_fields"] = _upsert(
        connection,
        IscedField,
        "code",
        [
            {"code": r["code"], "uuid": reference_uuid("isced-field", r["code"]), "level": r["level"],
             "broad_code": r["broad_code"], "narrow_code": r["narrow_code"] or None,
             "label_en": r["label_en"], "label_tr": r["label_tr"]}
            for r in _read_csv("isced_f_2013.csv")
        ],
    )
    # Road-map actions: the user records status and notes on them, so only missing ones are added.
    inserted["roadmap_actions"] = _upsert(
        connection,
        RoadmapAction,
        "number",
        [
            {"number": a.number, "uuid": reference_uuid("roadmap", str(a.number)), "title_en": a.title,
             "form_of_completion_en": a.form_of_completion, "deadline_year": a.deadline_year,
             "deadline_quarter_from": a.deadline_quarter_from, "deadline_quarter_to": a.deadline_quarter_to,
             "responsible_en": a.responsible}
            for a in ROADMAP_ACTIONS
        ],
        update=False,
    )
    return inserted
