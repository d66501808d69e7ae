"""Bulk work on the register: find duplicates for an import preview, then write a confirmed import in
one transaction with Core executemany (thousands of rows; the ORM unit of work would be far slower).

Duplicates: the ROR id decides first; without one, the normalised name (any of the university's
names) together with the country.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from desktop_app.domain.errors import Cancelled
from desktop_app.domain.progress import Progress
from desktop_app.domain.rankings import parse_rank
from desktop_app.domain.text import fold_for_search
from desktop_app.domain.universities import RankingDraft, UniversityDraft, normalise_ror_id
from desktop_app.domain.university_rules import is_top500
from desktop_app.i18n import _
from desktop_app.services.universities import TOPIC
from desktop_app.storage import values
from desktop_app.storage.base import new_uuid, utcnow
from desktop_app.storage.database import Database
from desktop_app.storage.models import (
    University,
    UniversityContact,
    UniversityName,
    UniversityRanking,
    UniversityStatusChange,
)

_NON_WORD = re.compile(r"[\W_]+")
BATCH = 2000

#: The university fields an import may carry; names are handled apart.
SCALAR_FIELDS = ("country_code", "city", "website", "ror_id", "acronym", "institution_type", "network_role",
                 "status", "established", "notes")


def name_key(name: str) -> str:
    """A name reduced for matching across sources: folded, punctuation dropped, a leading "the" dropped."""
    key = _NON_WORD.sub(" ", fold_for_search(name)).strip()
    return key.removeprefix("the ")


@dataclass
class ExistingIndex:
    by_ror: dict[str, int] = field(default_factory=dict)
    by_name: dict[tuple[str, str], int] = field(default_factory=dict)
    parents: dict[str, int] = field(default_factory=dict)  # country -> id of its parent university
    ror_of: dict[int, str] = field(default_factory=dict)

    def match(self, draft: UniversityDraft, keys: list[str] | None = None) -> int | None:
        ror_id = normalise_ror_id(draft.ror_id) if draft.ror_id else None
        if ror_id:
            found = self.by_ror.get(ror_id)
            if found is not None:
                return found
        country = draft.country_code.upper()
        for key in keys if keys is not None else [name_key(name.value) for name in draft.names]:
            found = self.by_name.get((key, country))
            # Two records with different ROR ids are different institutions even when their names agree.
            if found is not None and not (ror_id and self.ror_of.get(found, ror_id) != ror_id):
                return found
        return None

    def remember(self, draft: UniversityDraft, key: int, keys: list[str] | None = None) -> None:
        if draft.ror_id:
            self.by_ror[normalise_ror_id(draft.ror_id)] = key
            self.ror_of[key] = normalise_ror_id(draft.ror_id)
        country = draft.country_code.upper()
        for name_text in keys if keys is not None else [name_key(name.value) for name in draft.names]:
            self.by_name.setdefault((name_text, country), key)


def existing_index(db: Database, progress: Progress | None = None) -> ExistingIndex:
    index = ExistingIndex()
    with db.reading() as session:
        for uid, ror_id, country, role in session.execute(
                select(University.id, University.ror_id, University.country_code, University.network_role)):
            if ror_id:
                index.by_ror[ror_id] = uid
                index.ror_of[uid] = ror_id
            if role == "parent":
                index.parents[country] = uid
        countries = dict(session.execute(select(University.id, University.country_code)).all())
        for uid, value in session.execute(select(UniversityName.university_id, UniversityName.value)):
            index.by_name.setdefault((name_key(value), countries[uid]), uid)
        if progress:
            progress.check_cancelled()
    return index


def display_names(db: Database) -> dict[int, str]:
    """Every university's display name by id (to name the university a ranking row matched)."""
    with db.reading() as session:
        return dict(session.execute(select(University.id, University.display_name)).all())


def existing_state(db: Database, ids: list[int], with_rankings: bool = False) -> dict[int, dict]:
    """Scalar fields, status date, names (and rankings) of the given universities, to tell an update from an
    unchanged row."""
    state: dict[int, dict] = {}
    with db.reading() as session:
        for start in range(0, len(ids), 900):
            chunk = ids[start:start + 900]
            for row in session.execute(select(University.id, University.status_since,
                                              *(getattr(University, f) for f in SCALAR_FIELDS))
                                       .where(University.id.in_(chunk))):
                state[row[0]] = {"fields": dict(zip(SCALAR_FIELDS, row[2:], strict=True)), "names": [],
                                 "status_since": row[1], "rankings": []}
            for uid, value, lang, kind in session.execute(
                    select(UniversityName.university_id, UniversityName.value, UniversityName.lang, UniversityName.kind)
                    .where(UniversityName.university_id.in_(chunk)).order_by(UniversityName.university_id,
                                                                            UniversityName.position)):
                state[uid]["names"].append((value, lang, kind))
            if with_rankings:
                for uid, *ranking in session.execute(
                        select(UniversityRanking.university_id, UniversityRanking.system, UniversityRanking.year,
                               UniversityRanking.rank_text, UniversityRanking.scope, UniversityRanking.subject,
                               UniversityRanking.system_name).where(UniversityRanking.university_id.in_(chunk))):
                    state[uid]["rankings"].append(tuple(ranking))
    return state


def _name_order(name: tuple) -> tuple:
    value, lang, kind = name
    return kind != "display", value, lang or "", kind


def _ranking_key(ranking: RankingDraft) -> tuple:
    return (ranking.system, int(ranking.year), ranking.rank_text.strip(), ranking.scope, ranking.subject,
            ranking.system_name)


def differs(existing: dict, draft: UniversityDraft, carried: set[str]) -> bool:
    for name in carried:
        if name == "names":  # the same names, whatever their order (a flat file orders them by its columns)
            if sorted(existing["names"], key=_name_order) != sorted(((n.value, n.lang, n.kind) for n in draft.names),
                                                                    key=_name_order):
                return True
            continue
        if name == "rankings":
            if sorted(existing["rankings"]) != sorted(_ranking_key(r) for r in draft.rankings):
                return True
            continue
        if name == "status_since":
            if draft.status_since is not None and existing["status_since"] != draft.status_since:
                return True
            continue
        value = getattr(draft, name)
        if name == "ror_id" and value:
            value = normalise_ror_id(value)
        if (existing["fields"].get(name) or None) != (value or None):
            return True
    return False


@dataclass
class PlannedUniversity:
    line: int
    draft: UniversityDraft
    action: str  # create | update | skip
    target_id: int | None = None
    uuid: str | None = None  # a new university's UUID when the file gives one (our own export)

    @property
    def existing_id(self) -> int:
        """The stored university an update applies to."""
        if self.target_id is None:
            raise ValueError(f"line {self.line} plans a new university, which has no id yet")
        return self.target_id


def _search_text(draft: UniversityDraft, contacts_text: str = "") -> str:
    parts = [n.value for n in draft.names] + [draft.acronym, draft.city, draft.ror_id or "", contacts_text]
    return fold_for_search(" | ".join(p for p in parts if p))


def _row(draft: UniversityDraft, carried: set[str]) -> dict:
    row = {name: getattr(draft, name) for name in SCALAR_FIELDS if name in carried}
    if "ror_id" in row:
        row["ror_id"] = normalise_ror_id(row["ror_id"]) if row["ror_id"] else None
    if "country_code" in row:
        row["country_code"] = row["country_code"].upper()
    return row


def _check(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress.report(done, total, _("Writing universities… {done} of {total}").format(done=done, total=total))
        progress.check_cancelled()


def apply_universities(db: Database, items: list[PlannedUniversity], carried: set[str],
                       progress: Progress | None = None) -> dict[str, int]:
    """Write a confirmed import: creations and updates, all in one transaction (cancel rolls back)."""
    creates = [item for item in items if item.action == "create"]
    updates = [item for item in items if item.action == "update"]
    total = len(creates) + len(updates)
    today = dt.date.today()
    with db.transaction(changes={TOPIC}) as session:
        done = 0
        for start in range(0, len(creates), BATCH):
            chunk = creates[start:start + BATCH]
            now = utcnow()
            rows = []
            for item in chunk:
                draft = item.draft
                row = {f: getattr(draft, f) for f in SCALAR_FIELDS}
                row.update(_row(draft, set(SCALAR_FIELDS)), uuid=item.uuid or new_uuid(),
                           display_name=draft.display_name(), search_text=_search_text(draft),
                           top500=is_top500(draft.rankings), status_since=draft.status_since or today)
                rows.append(row)
            # Core executemany (the ORM, or RETURNING with ordered rows, runs a statement per row on
            # SQLite); the new ids are then read back by the rows' uuids.
            table = University.__table__
            _fast_insert(session, table, rows)
            by_uuid = dict(session.execute(select(table.c.uuid, table.c.id).where(
                table.c.uuid.in_([row["uuid"] for row in rows]))).all())
            ids = [by_uuid[row["uuid"]] for row in rows]
            _insert_children(session, list(zip(ids, (item.draft for item in chunk), strict=True)), now, today)
            done += len(chunk)
            _check(progress, done, total)
        for start in range(0, len(updates), BATCH):
            chunk = updates[start:start + BATCH]
            _update_chunk(session, chunk, carried, today)
            done += len(chunk)
            _check(progress, done, total)
    return {"created": len(creates), "updated": len(updates)}


def _insert_children(session: Session, pairs: list[tuple[int, UniversityDraft]], now, today: dt.date,
                     with_status: bool = True, with_rankings: bool = True) -> None:
    names, contacts, rankings, history = [], [], [], []
    for uid, draft in pairs:
        for position, name in enumerate(draft.names):
            names.append({"university_id": uid, "value": name.value, "lang": name.lang, "kind": name.kind,
                          "position": position, "is_primary": position == 0, "uuid": new_uuid()})
        for c in draft.contacts:
            contacts.append({"university_id": uid, "name": c.name, "position": c.position, "email": c.email,
                             "phone": c.phone, "languages": c.languages, "notes": c.notes, "uuid": new_uuid()})
        for r in draft.rankings if with_rankings else []:
            rankings.append(ranking_row(uid, r, now))
        if with_status:
            history.append({"university_id": uid, "status": draft.status, "changed_on": draft.status_since or today,
                            "note": "", "uuid": new_uuid()})
    for model, rows in ((UniversityName, names), (UniversityContact, contacts), (UniversityRanking, rankings),
                        (UniversityStatusChange, history)):
        _fast_insert(session, model.__table__, rows)


def _fast_insert(session: Session, table, rows: list[dict]) -> None:
    """INSERT by the driver's executemany, past SQLAlchemy's per-row parameter processing (which costs
    more than SQLite's own work here). Rows share their keys; omitted timestamps take the server default."""
    if not rows:
        return
    values.ensure_rows(table, rows)  # below Core: the engine's value guard does not see this statement
    connection = session.connection()
    columns = list(rows[0])
    sqlite = connection.dialect.name == "sqlite"
    marks = ", ".join(f":{c}" if sqlite else f"%({c})s" for c in columns)
    if sqlite:  # the sqlite3 module's date adapters are deprecated: store dates as SQLAlchemy does
        rows = [{k: v.isoformat() if isinstance(v, dt.date) else v for k, v in row.items()} for row in rows]
    connection.exec_driver_sql(f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks})", rows)


def ranking_row(uid: int, ranking: RankingDraft, now) -> dict:
    position = parse_rank(ranking.rank_text)
    return {"university_id": uid, "system": ranking.system, "system_name": ranking.system_name,
            "scope": ranking.scope, "subject": ranking.subject, "year": int(ranking.year),
            "rank_text": ranking.rank_text.strip(), "rank_best": position.best, "rank_worst": position.worst,
            "uuid": new_uuid(), "created_at": now, "updated_at": now}


def _update_by_id(session: Session, table, rows: list[dict]) -> None:
    """UPDATE ... WHERE id = :row_id as one executemany per set of columns."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        groups[tuple(sorted(key for key in row if key != "id"))].append(row)
    for columns, members in groups.items():
        statement = update(table).where(table.c.id == bindparam("row_id")).values(
            {column: bindparam(column) for column in columns})
        session.execute(statement, [{**{c: m[c] for c in columns}, "row_id": m["id"]} for m in members])


def _update_chunk(session: Session, chunk: list[PlannedUniversity], carried: set[str], today: dt.date) -> None:
    ids = [item.existing_id for item in chunk]
    contacts_text: dict[int, list[str]] = defaultdict(list)
    for uid, name, email, phone, position in session.execute(
            select(UniversityContact.university_id, UniversityContact.name, UniversityContact.email,
                   UniversityContact.phone, UniversityContact.position)
            .where(UniversityContact.university_id.in_(ids))):
        contacts_text[uid] += [name, email, phone, position]
    current = {row[0]: row[1:] for row in session.execute(
        select(University.id, University.status, University.acronym, University.city, University.ror_id)
        .where(University.id.in_(ids)))}
    now = utcnow()
    rows, history = [], []
    for item in chunk:
        draft = item.draft
        old_status, old_acronym, old_city, old_ror = current[item.existing_id]
        row = _row(draft, carried)
        # Fields the import does not carry keep their stored values, also in the search text.
        draft.acronym = draft.acronym if "acronym" in carried else old_acronym
        draft.city = draft.city if "city" in carried else old_city
        draft.ror_id = draft.ror_id if "ror_id" in carried and draft.ror_id else old_ror
        row.update(id=item.existing_id, updated_at=now,
                   search_text=_search_text(draft, " ".join(p for p in contacts_text[item.existing_id] if p)))
        if "names" in carried:
            row["display_name"] = draft.display_name()
        if "status" in carried and draft.status != old_status:
            row["status_since"] = draft.status_since or today
            history.append({"university_id": item.target_id, "status": draft.status,
                            "changed_on": draft.status_since or today, "note": "", "uuid": new_uuid(),
                            "created_at": now, "updated_at": now})
        elif "status_since" in carried and draft.status_since is not None:
            row["status_since"] = draft.status_since
        rows.append(row)
    _update_by_id(session, University.__table__, rows)
    if history:
        session.execute(insert(UniversityStatusChange.__table__), history)
    if "names" in carried:
        session.execute(delete(UniversityName).where(UniversityName.university_id.in_(ids)))
        _insert_children(session, [(item.existing_id, item.draft) for item in chunk], now, today, with_status=False,
                         with_rankings=False)
    if "rankings" in carried:  # the file lists every ranking of the university: those it lists are kept
        session.execute(delete(UniversityRanking).where(UniversityRanking.university_id.in_(ids)))
        _fast_insert(session, UniversityRanking.__table__,
                     [ranking_row(item.existing_id, r, now) for item in chunk for r in item.draft.rankings])
        recompute_top500(session, ids)


# -- rankings -------------------------------------------------------------------------------------

@dataclass
class PlannedRanking:
    line: int
    university_id: int
    university_name: str
    ranking: RankingDraft
    action: str  # create | update | skip
    ranking_id: int | None = None


def ranking_keys(db: Database) -> dict[tuple, tuple[int, str]]:
    """(university, system, scope, subject, year) -> (ranking id, rank text) of every stored ranking."""
    with db.reading() as session:
        return {(uid, system, scope, subject, year): (rid, text) for rid, uid, system, scope, subject, year, text in
                session.execute(select(UniversityRanking.id, UniversityRanking.university_id, UniversityRanking.system,
                                       UniversityRanking.scope, UniversityRanking.subject, UniversityRanking.year,
                                       UniversityRanking.rank_text))}


def apply_rankings(db: Database, items: list[PlannedRanking], progress: Progress | None = None) -> dict[str, int]:
    creates = [i for i in items if i.action == "create"]
    updates = [i for i in items if i.action == "update"]
    touched = sorted({i.university_id for i in creates + updates})
    with db.transaction(changes={TOPIC}) as session:
        now = utcnow()
        if creates:
            session.execute(insert(UniversityRanking.__table__),
                            [ranking_row(i.university_id, i.ranking, now) for i in creates])
        if updates:
            ranks = [(i, parse_rank(i.ranking.rank_text)) for i in updates]
            _update_by_id(session, UniversityRanking.__table__, [
                {"id": i.ranking_id, "rank_text": i.ranking.rank_text, "rank_best": rank.best, "rank_worst": rank.worst,
                 "updated_at": now} for i, rank in ranks])
        if progress:
            progress.check_cancelled()
        recompute_top500(session, touched)
    return {"created": len(creates), "updated": len(updates)}


def recompute_top500(session: Session, ids: list[int]) -> None:
    for start in range(0, len(ids), 900):
        chunk = ids[start:start + 900]
        by_university: dict[int, list[RankingDraft]] = defaultdict(list)
        for uid, system, year, text, scope in session.execute(
                select(UniversityRanking.university_id, UniversityRanking.system, UniversityRanking.year,
                       UniversityRanking.rank_text, UniversityRanking.scope)
                .where(UniversityRanking.university_id.in_(chunk))):
            by_university[uid].append(RankingDraft(system, year, text, scope))
        _update_by_id(session, University.__table__, [{"id": uid, "top500": is_top500(by_university.get(uid, []))}
                                                      for uid in chunk])


__all__ = ["Cancelled", "ExistingIndex", "PlannedRanking", "PlannedUniversity", "apply_rankings",
           "apply_universities", "differs", "existing_index", "existing_state", "name_key", "ranking_keys"]
