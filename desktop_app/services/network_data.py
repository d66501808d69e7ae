"""The network's picture, read from the packages this database received (and its own records): what
the network reports are built from. Read-only; every function is one reading session.

**Whose records.** A record belongs to the submission of the state that owns it (``owner_state``).
A filter on member states keeps the records of those states' submissions only; the network's own
records (owner none: the reference data) belong to no submission.

**One institution, once.** A university held by several states is one row here: the package import
links a state's record of an institution already here to ours (by ROR id at once, by name and
country once the user confirms, ``network_matching``), so every reference resolves to one record.
The states *holding* an institution are the owner of that record and the states whose own records were
linked to it.

**Mobility and recognition count by record.** A stay or a case is one person's, recorded by the state
that handled it; packages leave personal data out, so two records of two states cannot be told to be
the same person and are never merged: the network's matrix is the sum of the states' own matrices.
Agreements and programmes recorded by both partner states are counted once (``network_records``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Integer, and_, case, cast, extract, func, literal, select
from sqlalchemy.orm import aliased

from desktop_app.services import exchange_identity, package_ledger
from desktop_app.storage.database import Database
from desktop_app.storage.models import LinkedRecord, MobilityRecord, RecognitionCase, University, UniversityArea
from desktop_app.storage.ownership import OWNER_COLUMN


@dataclass(frozen=True)
class NetworkFilter:
    """What a network report covers: member states (none: every state), a year, an area of cooperation."""

    states: tuple[str, ...] = ()
    year: int | None = None
    area: str = ""

    def owned(self, table):
        """A condition on a kind's root table: owned by one of the chosen states (None: no condition)."""
        return table.c[OWNER_COLUMN].in_(self.states) if self.states else None

    def keeps(self, state: str | None) -> bool:
        return not self.states or state in self.states

    def year_bounds(self) -> tuple[dt.date, dt.date] | None:
        return (dt.date(self.year, 1, 1), dt.date(self.year + 1, 1, 1)) if self.year else None


def where_all(query, *conditions):
    kept = [c for c in conditions if c is not None]
    return query.where(*kept) if kept else query


# --- the submissions a report is built from -------------------------------------------------------

@dataclass(frozen=True)
class Source:
    state: str
    made: dt.datetime | None  # when its last package was made; None for this database's own records
    own: bool = False
    records: int = 0


def sources(db: Database, flt: NetworkFilter) -> list[Source]:
    """Every state whose records are here (the chosen ones), with the date of its last package."""
    own = exchange_identity.identity(db).state_code
    records: dict[str, int] = {}
    for entry in exchange_identity.owner_counts(db):
        if entry.owner_state is not None:
            records[entry.owner_state] = records.get(entry.owner_state, 0) + entry.count
    last = {p.state_code: p for p in package_ledger.last_packages(db) if p.state_code}
    found = []
    for state in sorted(set(records) | set(last) | ({own} if own else set())):
        if not flt.keeps(state):
            continue
        package = last.get(state)
        found.append(Source(state, None if state == own else (package.created_at if package else None),
                            state == own, records.get(state, 0)))
    return found


# --- institutions -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Institution:
    id: int
    uuid: str
    country_code: str
    display_name: str
    city: str
    ror_id: str
    network_role: str
    status: str
    holders: tuple[str, ...]  # codes of the states holding it, in code order
    created_at: dt.datetime | None = None


def holders(session) -> dict[int, set[str]]:
    """University id -> the states holding it: its owner and the states whose records were linked to it."""
    table = University.__table__
    owner = table.c[OWNER_COLUMN]
    found: dict[int, set[str]] = {}
    for university_id, state in session.execute(select(table.c.id, owner).where(owner.is_not(None))):
        found.setdefault(university_id, set()).add(state)
    linked = (select(table.c.id, LinkedRecord.state_code)
              .join(LinkedRecord, LinkedRecord.local_uuid == table.c.uuid)
              .where(LinkedRecord.kind == "university", LinkedRecord.state_code.is_not(None)))
    for university_id, state in session.execute(linked):
        found.setdefault(university_id, set()).add(state)
    return found


def institutions(db: Database, flt: NetworkFilter) -> list[Institution]:
    """Every institution of the network held by a chosen state (each once), with the chosen states
    that hold it; by country and name (the caller orders them for its reader)."""
    table = University.__table__
    query = select(table.c.id, table.c.uuid, table.c.country_code, table.c.display_name, table.c.city,
                   table.c.ror_id, table.c.network_role, table.c.status, table.c.created_at).order_by(
        table.c.country_code, table.c.display_name, table.c.id)
    if flt.area:
        query = query.where(table.c.id.in_(select(UniversityArea.university_id)
                                           .where(UniversityArea.area_key == flt.area)))
    result = []
    with db.reading() as session:
        held = holders(session)
        for row in session.execute(query.execution_options(yield_per=5000)):
            states = held.get(row.id, set())
            if flt.states:
                states = states & set(flt.states)
                if not states:
                    continue
            result.append(Institution(row.id, row.uuid, row.country_code, row.display_name or "", row.city or "",
                                      row.ror_id or "", row.network_role, row.status, tuple(sorted(states)),
                                      row.created_at))
    return result


# --- mobility ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Flow:
    year: int
    sending: str  # country of the sending university
    receiving: str
    recorded_by: str | None  # the state whose submission holds the stays
    count: int


def mobility_flows(db: Database, flt: NetworkFilter) -> list[Flow]:
    """Stays by the year they began, sending and receiving country and recording state, counted by the
    database. No person is read."""
    m = MobilityRecord.__table__
    sending, receiving = aliased(University), aliased(University)
    year = cast(extract("year", m.c.start_date), Integer)
    owner = m.c[OWNER_COLUMN]
    query = (select(year.label("year"), sending.country_code, receiving.country_code, owner, func.count())
             .select_from(m)
             .join(sending, sending.id == m.c.sending_university_id)
             .join(receiving, receiving.id == m.c.receiving_university_id)
             .group_by(year, sending.country_code, receiving.country_code, owner)
             .order_by(year, sending.country_code, receiving.country_code, owner))
    bounds = flt.year_bounds()
    query = where_all(query, flt.owned(m),
                   and_(m.c.start_date >= bounds[0], m.c.start_date < bounds[1]) if bounds else None)
    with db.reading() as session:
        return [Flow(int(y), str(s), str(r), o, int(n)) for y, s, r, o, n in session.execute(query)]


def flow_totals(flows: Iterable[Flow]) -> dict[tuple[int, str, str], int]:
    """(year, sending, receiving) -> stays, whoever recorded them."""
    totals: dict[tuple[int, str, str], int] = {}
    for flow in flows:
        key = (flow.year, flow.sending, flow.receiving)
        totals[key] = totals.get(key, 0) + flow.count
    return totals


# --- recognition ----------------------------------------------------------------------------------

@dataclass
class RecognitionFigures:
    total: int = 0
    decided: int = 0
    median_days: float | None = None
    by_state: list[dict] = field(default_factory=list)  # {"state", "cases", "decided", "median_days"}
    by_pair_year: list[dict] = field(default_factory=list)  # {"from", "to", "year", "cases"}
    outcomes: dict[str, int] = field(default_factory=dict)
    by_status: dict[str, int] = field(default_factory=dict)
    appeals: dict[str, int] = field(default_factory=dict)


def _medians(session, conditions: list, group) -> dict[object, tuple[float, int]]:
    """Median days to a decision per group (one group when ``group`` is None): the mean of the one or two
    middle rows of each group, numbered in order of days (SQLite has no median aggregate)."""
    c = RecognitionCase.__table__.c
    key = group if group is not None else literal("all")
    ranked = where_all(select(key.label("g"), c.decision_days.label("d"),
                           func.row_number().over(partition_by=key, order_by=c.decision_days).label("rn"),
                           func.count().over(partition_by=key).label("n")),
                    c.decision_days.is_not(None), *conditions).subquery()
    middle = ranked.c.rn.in_([(ranked.c.n + 1) // 2, (ranked.c.n + 2) // 2])
    query = (select(ranked.c.g, func.avg(ranked.c.d * 1.0), func.max(ranked.c.n)).where(middle)
             .group_by(ranked.c.g))
    return {g: (round(float(value), 1), int(n)) for g, value, n in session.execute(query)}


def recognition_figures(db: Database, flt: NetworkFilter) -> RecognitionFigures:
    """Counts only: no holder, document or decision of a person is read, whatever the packages held."""
    table = RecognitionCase.__table__
    c = table.c
    owner = c[OWNER_COLUMN]
    bounds = flt.year_bounds()
    conditions = [x for x in (flt.owned(table), and_(c.received_on >= bounds[0], c.received_on < bounds[1])
                              if bounds else None) if x is not None]
    year = cast(extract("year", c.received_on), Integer)
    figures = RecognitionFigures()
    with db.reading() as session:
        counts = dict(session.execute(where_all(select(owner, func.count()).group_by(owner), *conditions)).all())
        medians = _medians(session, conditions, owner)
        overall = _medians(session, conditions, None).get("all")
        figures.total = sum(counts.values())
        figures.median_days, figures.decided = (overall if overall else (None, 0))
        figures.by_state = [{"state": state, "cases": n, "decided": medians.get(state, (None, 0))[1],
                             "median_days": medians.get(state, (None, 0))[0]}
                            for state, n in sorted(counts.items(), key=lambda item: str(item[0] or ""))]
        figures.by_pair_year = [
            {"from": a, "to": b, "year": int(y), "cases": int(n)} for a, b, y, n in session.execute(where_all(
                select(c.issuing_country, c.recognising_country, year, func.count())
                .group_by(c.issuing_country, c.recognising_country, year)
                .order_by(c.issuing_country, c.recognising_country, year), *conditions))]
        figures.outcomes = dict(session.execute(where_all(
            select(c.outcome, func.count()).where(c.outcome != "").group_by(c.outcome).order_by(c.outcome),
            *conditions)).all())
        figures.by_status = dict(session.execute(where_all(select(c.status, func.count()).group_by(c.status),
                                                        *conditions)).all())
        appeals = session.execute(where_all(select(
            func.count(), func.sum(case((c.appeal_result == "upheld", 1), else_=0)),
            func.sum(case((c.appeal_result == "rejected", 1), else_=0))).where(c.appeal_lodged.is_(True)),
            *conditions)).one()
        figures.appeals = {"lodged": int(appeals[0] or 0), "upheld": int(appeals[1] or 0),
                           "rejected": int(appeals[2] or 0)}
    return figures
