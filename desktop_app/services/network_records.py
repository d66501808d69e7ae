"""Agreements and programmes of the network, each counted once; the road map by member state; what
changed since the working group's previous meeting. Read-only.

**The same agreement, recorded by both partner states.** Kazakhstan records its strategic partnership
with Tsinghua University; China records the same agreement under its own UUID. Two agreement records
are one agreement when (1) they have the same UUID (a record relayed), or (2) they are of the same kind,
between the same institutions (after institutions are matched, ``network_data``), and either both carry
a signing date and it is the same day, or one of them has none and their titles are the same once
normalised (case, punctuation and a leading "the" aside). Titles alone are not trusted when both dates
are known: each state may title the agreement in its own language.

**The same programme.** Two programme records are one programme when they are of the same type, between
the same partner institutions, and have the same programme code (both given), or share a title in any
language once normalised.

Of a group, the record kept for showing is the one of the state of its first partner (the coordinator,
who usually keeps it best), else the oldest; the states that recorded it are listed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select

from desktop_app.services.network_data import NetworkFilter, where_all
from desktop_app.services.university_bulk import name_key
from desktop_app.storage.database import Database
from desktop_app.storage.models import (
    Agreement,
    AgreementParty,
    ExpertMeeting,
    MobilityRecord,
    Programme,
    ProgrammeIntake,
    ProgrammePartner,
    RecognitionCase,
    University,
    WorkingGroupMember,
)
from desktop_app.storage.ownership import OWNER_COLUMN

SIGNED_STATUSES = ("signed", "active")
RUNNING = "running"


@dataclass
class Party:
    university_id: int
    country_code: str
    signing_date: dt.date | None = None
    role: str = ""


@dataclass
class Entry:
    """One record of an agreement or a programme, as the grouping reads it."""

    id: int
    uuid: str
    owner: str | None
    kind: str
    title: str
    titles: set[str]
    code: str
    status: str
    date: dt.date | None
    parties: list[Party]
    created_at: dt.datetime | None
    extra: dict = field(default_factory=dict)

    @property
    def institutions(self) -> frozenset[int]:
        return frozenset(p.university_id for p in self.parties)


@dataclass
class Group:
    """Records of one agreement or programme: the one shown and the states that recorded it."""

    shown: Entry
    entries: list[Entry]

    @property
    def recorded_by(self) -> tuple[str, ...]:
        return tuple(sorted({e.owner for e in self.entries if e.owner}))

    @property
    def countries(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p.country_code for p in self.shown.parties))

    @property
    def first_created(self) -> dt.datetime | None:
        times = [e.created_at for e in self.entries if e.created_at is not None]
        return min(times) if times else None


def _same_agreement(a: Entry, b: Entry) -> bool:
    if a.date is not None and b.date is not None:
        return a.date == b.date
    return bool(a.titles & b.titles)


def _same_programme(a: Entry, b: Entry) -> bool:
    if a.code and b.code and name_key(a.code) == name_key(b.code):
        return True
    return bool(a.titles & b.titles)


def _grouped(entries: list[Entry], same) -> list[Group]:
    """Records in groups: by kind and institutions, then joined where ``same`` says two are one (a
    record the same as two others joins them all)."""
    buckets: dict[tuple, list[Entry]] = {}
    for entry in entries:
        buckets.setdefault((entry.kind, entry.institutions), []).append(entry)
    groups: list[Group] = []
    for bucket in buckets.values():
        parent = list(range(len(bucket)))
        for i in range(len(bucket)):
            for j in range(i + 1, len(bucket)):
                if bucket[i].uuid == bucket[j].uuid or same(bucket[i], bucket[j]):
                    parent[_root(parent, j)] = _root(parent, i)
        members: dict[int, list[Entry]] = {}
        for i, entry in enumerate(bucket):
            members.setdefault(_root(parent, i), []).append(entry)
        for found in members.values():
            groups.append(Group(_shown(found), sorted(found, key=lambda e: e.id)))
    groups.sort(key=lambda g: g.shown.id)
    return groups


def _root(parent: list[int], i: int) -> int:
    """The representative of ``i``'s group (union-find, halving the path as it goes)."""
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _shown(entries: list[Entry]) -> Entry:
    """The coordinator's state's record (the first partner's country), else the oldest record."""
    first = entries[0].parties[0].country_code if entries[0].parties else None
    own = [e for e in entries if first and e.owner == first]
    return min(own or entries, key=lambda e: e.id)


def _titles(*texts: str) -> set[str]:
    return {key for key in (name_key(t) for t in texts if t) if key}


def agreements(db: Database, flt: NetworkFilter) -> list[Group]:
    """Agreements recorded by the chosen states, each agreement once."""
    table = Agreement.__table__
    with db.reading() as session:
        rows = session.execute(where_all(select(
            table.c.id, table.c.uuid, table.c[OWNER_COLUMN], table.c.kind, table.c.title, table.c.reference,
            table.c.status, table.c.signing_date, table.c.valid_from, table.c.valid_to, table.c.created_at),
            flt.owned(table)).order_by(table.c.id)).all()
        parties: dict[int, list[Party]] = {}
        for agreement_id, university_id, country, signed, role in session.execute(
                select(AgreementParty.agreement_id, AgreementParty.university_id, University.country_code,
                       AgreementParty.signing_date, AgreementParty.role)
                .join(University, University.id == AgreementParty.university_id)
                .order_by(AgreementParty.agreement_id, AgreementParty.position, AgreementParty.id)):
            parties.setdefault(agreement_id, []).append(Party(university_id, country, signed, role))
    entries = [Entry(r.id, r.uuid, r[2], r.kind, r.title, _titles(r.title), r.reference or "", r.status,
                     r.signing_date, parties.get(r.id, []), r.created_at,
                     {"valid_from": r.valid_from, "valid_to": r.valid_to}) for r in rows]
    return _grouped(entries, _same_agreement)


def programmes(db: Database, flt: NetworkFilter) -> list[Group]:
    """Joint programmes recorded by the chosen states (of the chosen area), each programme once."""
    table = Programme.__table__
    with db.reading() as session:
        rows = session.execute(where_all(select(
            table.c.id, table.c.uuid, table.c[OWNER_COLUMN], table.c.programme_type, table.c.title,
            table.c.titles, table.c.code, table.c.status, table.c.isced_level, table.c.area_key,
            table.c.languages, table.c.created_at), flt.owned(table),
            table.c.area_key == flt.area if flt.area else None).order_by(table.c.id)).all()
        partners: dict[int, list[Party]] = {}
        for programme_id, university_id, country, role in session.execute(
                select(ProgrammePartner.programme_id, ProgrammePartner.university_id, University.country_code,
                       ProgrammePartner.role)
                .join(University, University.id == ProgrammePartner.university_id)
                .order_by(ProgrammePartner.programme_id, ProgrammePartner.position, ProgrammePartner.id)):
            partners.setdefault(programme_id, []).append(Party(university_id, country, None, role))
        enrolled: dict[int, dict[str, int]] = {}
        for programme_id, year, count in session.execute(
                select(ProgrammeIntake.programme_id, ProgrammeIntake.academic_year, ProgrammeIntake.enrolled)):
            if count is not None:
                enrolled.setdefault(programme_id, {})[year] = count
    entries = [Entry(r.id, r.uuid, r[2], r.programme_type, r.title, _titles(r.title, *(r.titles or {}).values()),
                     r.code or "", r.status, None, partners.get(r.id, []), r.created_at,
                     {"titles": dict(r.titles or {}), "isced_level": r.isced_level, "area_key": r.area_key,
                      "languages": (r.languages or "").split(), "enrolled": enrolled.get(r.id, {})})
               for r in rows]
    groups = _grouped(entries, _same_programme)
    if flt.year:  # programmes with an intake in the academic year that starts in the year, or without intakes
        wanted = f"{flt.year}/{flt.year + 1}"
        groups = [g for g in groups if not any(e.extra["enrolled"] for e in g.entries)
                  or any(wanted in e.extra["enrolled"] for e in g.entries)]
    return groups


# --- the road map by member state ---------------------------------------------------------------------

@dataclass
class StateProgress:
    state: str
    parent_id: int | None = None
    parent_name: str = ""
    memorandum_signed: dt.date | None = None
    memorandum: bool = False  # a party to a signed network memorandum (with or without its date)
    members: int = 0  # working-group members (counted; never named)
    programmes_running: int = 0


def roadmap_by_state(db: Database, flt: NetworkFilter, states: list[str]) -> dict[str, StateProgress]:
    """For each state: its parent university, its signature of the network memorandum, its members of the
    working group and the joint programmes running with one of its universities."""
    progress = {state: StateProgress(state) for state in states}
    universities = University.__table__
    with db.reading() as session:
        query = select(universities.c.id, universities.c.country_code, universities.c.display_name).where(
            universities.c.network_role == "parent", universities.c.country_code.in_(states))
        if flt.states:
            query = query.where(universities.c.id.in_(_held_by(flt.states)))
        for university_id, country, name in session.execute(query):
            progress[country].parent_id, progress[country].parent_name = university_id, name or ""
        agreement = Agreement.__table__
        signed = where_all(
            select(University.country_code, func.min(func.coalesce(AgreementParty.signing_date,
                                                                   agreement.c.signing_date)), func.count())
            .select_from(agreement).join(AgreementParty, AgreementParty.agreement_id == agreement.c.id)
            .join(University, University.id == AgreementParty.university_id)
            .where(agreement.c.kind == "network_memorandum", agreement.c.status.in_(SIGNED_STATUSES),
                   University.country_code.in_(states))
            .group_by(University.country_code), flt.owned(agreement))
        for country, date, _count in session.execute(signed):
            progress[country].memorandum, progress[country].memorandum_signed = True, date
        members = WorkingGroupMember.__table__
        for country, count in session.execute(where_all(
                select(members.c.country_code, func.count()).where(members.c.country_code.in_(states))
                .group_by(members.c.country_code), flt.owned(members))):
            progress[country].members = int(count)
    for group in programmes(db, NetworkFilter(flt.states, None, flt.area)):
        if group.shown.status != RUNNING:
            continue
        for country in set(group.countries):
            if country in progress:
                progress[country].programmes_running += 1
    return progress


def _held_by(states: tuple[str, ...]):
    """Ids of the universities held by one of the states (their own, or linked to theirs)."""
    from desktop_app.storage.models import LinkedRecord

    table = University.__table__
    own = select(table.c.id).where(table.c[OWNER_COLUMN].in_(states))
    linked = (select(table.c.id).join(LinkedRecord, LinkedRecord.local_uuid == table.c.uuid)
              .where(LinkedRecord.kind == "university", LinkedRecord.state_code.in_(states)))
    return own.union(linked)


# --- the previous meeting and what changed since ---------------------------------------------------

@dataclass(frozen=True)
class Meeting:
    held_on: dt.date
    title: str
    place: str


def previous_meeting(db: Database, today: dt.date) -> Meeting | None:
    """The working group's last meeting before ``today``, from the governance records (expert meetings)."""
    with db.reading() as session:
        row = session.execute(select(ExpertMeeting.held_on, ExpertMeeting.title, ExpertMeeting.place)
                              .where(ExpertMeeting.held_on < today)
                              .order_by(ExpertMeeting.held_on.desc(), ExpertMeeting.id.desc())).first()
    return Meeting(row.held_on, row.title, row.place or "") if row else None


@dataclass
class Changes:
    since: dt.date
    packages: list[tuple[str, dt.datetime]] = field(default_factory=list)  # (state, made), since then
    institutions: int = 0
    agreements: int = 0
    programmes: int = 0
    mobility: int = 0
    recognition_cases: int = 0


def changes_since(db: Database, flt: NetworkFilter, since: dt.date) -> Changes:
    """What the network gained since a day: packages made, and records created (when their coordinator
    created them, as the packages carry it) of the chosen states."""
    from desktop_app.services import package_ledger
    from desktop_app.services.network_data import institutions

    moment = dt.datetime.combine(since, dt.time(), dt.UTC)
    changes = Changes(since)
    changes.packages = sorted(((p.state_code, p.created_at) for p in package_ledger.received_packages(db)
                               if p.state_code and flt.keeps(p.state_code) and p.created_at >= moment),
                              key=lambda item: (item[1], item[0]))
    naive = moment.replace(tzinfo=None)

    def after(value: dt.datetime | None) -> bool:
        if value is None:
            return False
        return (value >= moment) if value.tzinfo else (value >= naive)

    changes.institutions = sum(1 for i in institutions(db, flt) if after(i.created_at))
    changes.agreements = sum(1 for g in agreements(db, flt) if after(g.first_created))
    changes.programmes = sum(1 for g in programmes(db, NetworkFilter(flt.states, None, flt.area))
                             if after(g.first_created))
    with db.reading() as session:
        for attribute, model in (("mobility", MobilityRecord), ("recognition_cases", RecognitionCase)):
            table = model.__table__
            count = session.execute(where_all(select(func.count()).select_from(table).where(
                table.c.created_at >= naive if session.get_bind().dialect.name == "sqlite" else
                table.c.created_at >= moment), flt.owned(table))).scalar_one()
            setattr(changes, attribute, int(count))
    return changes
