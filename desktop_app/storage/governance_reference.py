"""Load the organisations and bodies the source documents name (``domain/governance_reference.py``) as
the network's reference records: the same UUIDs and times in every database, no owner. Called by
migration 0011 and safe to call again: a record already present is left as the user has it (they may
have added contacts or a standing), a missing one is added.

Only the columns written here are named (bare tables, not the models), so this runs at any later
schema revision too.
"""

from __future__ import annotations

from sqlalchemy import Connection, select
from sqlalchemy import column as sa_column
from sqlalchemy import table as sa_table

from desktop_app.domain.governance_reference import REFERENCE_BODIES, REFERENCE_ORGANISATIONS
from desktop_app.domain.reference import reference_uuid
from desktop_app.domain.text import fold_for_search
from desktop_app.storage.reference_data import REFERENCE_TIME

_TIMES = {"created_at": REFERENCE_TIME, "updated_at": REFERENCE_TIME}


def organisation_uuid(key: str) -> str:
    return reference_uuid("organisation", key)


def body_uuid(key: str) -> str:
    return reference_uuid("body", key)


def preloaded_uuids() -> list[str]:
    """The UUIDs of these reference records (never claimed by a member state)."""
    return ([organisation_uuid(item.key) for item in REFERENCE_ORGANISATIONS]
            + [body_uuid(item.key) for item in REFERENCE_BODIES])


def _table(name: str, *columns: str):
    return sa_table(name, *(sa_column(column) for column in ("id", "uuid", "created_at", "updated_at", *columns)))


def _missing(connection: Connection, table, uuid: str) -> bool:
    return connection.execute(select(table.c.id).where(table.c.uuid == uuid)).first() is None


def sync_governance_reference(connection: Connection) -> dict[str, int]:
    organisations = _table("organisations", "kind", "country_code", "acronym", "city", "website", "notes",
                           "display_name", "search_text")
    organisation_names = _table("organisation_names", "organisation_id", "value", "lang", "kind", "position")
    bodies = _table("bodies", "kind", "acronym", "mandate", "notes", "display_name", "search_text")
    body_names = _table("body_names", "body_id", "value", "lang", "position")
    inserted = {"organisations": 0, "bodies": 0}
    for item in REFERENCE_ORGANISATIONS:
        uuid = organisation_uuid(item.key)
        if not _missing(connection, organisations, uuid):
            continue
        english = next((value for lang, value in item.names if lang == "en"), item.names[0][1])
        search = fold_for_search(" | ".join([*(value for _lang, value in item.names), item.acronym, item.city]))
        row_id = connection.execute(organisations.insert().values(
            uuid=uuid, kind=str(item.kind), country_code=item.country, acronym=item.acronym, city=item.city,
            website=item.website, notes="", display_name=english, search_text=search, **_TIMES)
            .returning(organisations.c.id)).scalar_one()
        for position, (lang, value) in enumerate(item.names):
            connection.execute(organisation_names.insert().values(
                uuid=reference_uuid("organisation-name", f"{item.key}:{lang}"), organisation_id=row_id, value=value,
                lang=lang, kind="official" if position == 0 else "label", position=position, **_TIMES))
        inserted["organisations"] += 1
    for body in REFERENCE_BODIES:
        uuid = body_uuid(body.key)
        if not _missing(connection, bodies, uuid):
            continue
        english = next((value for lang, value in body.names if lang == "en"), body.names[0][1])
        row_id = connection.execute(bodies.insert().values(
            uuid=uuid, kind=body.kind, acronym="", mandate="", notes="", display_name=english,
            search_text=fold_for_search(" | ".join(value for _lang, value in body.names)), **_TIMES)
            .returning(bodies.c.id)).scalar_one()
        for position, (lang, value) in enumerate(body.names):
            connection.execute(body_names.insert().values(
                uuid=reference_uuid("body-name", f"{body.key}:{lang}"), body_id=row_id, value=value, lang=lang,
                position=position, **_TIMES))
        inserted["bodies"] += 1
    return inserted


def reference_body_id(connection: Connection, key: str) -> int | None:
    bodies = _table("bodies")
    return connection.execute(select(bodies.c.id).where(bodies.c.uuid == body_uuid(key))).scalar()
