"""Queries of the agreement register: filters, search, sorting and keyset paging, all in SQL.

Search folds the words typed exactly as ``search_text`` was folded (``fold_for_search``) and requires
every word, each found either in the agreement's own text (title, number, signatories) or in the
search text of one of its parties (names in every language, acronyms, cities). The parties are matched
live, so a university renamed after the agreement was saved is found by its new name.

Sort keys that may be empty (the end date of an open-ended agreement, the date of an agreement not yet
signed) are paged in two runs: the rows with a value in index order, then the rows without one, by id.
An empty value counts as later than every date, so "soonest to end" lists open-ended agreements last.
Each run walks a plain index on both engines, and the thousandth page costs what the first does.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import func, literal, or_, select, tuple_
from sqlalchemy.orm import Session

from desktop_app.domain import agreements as rules
from desktop_app.domain.contract import PAGE_SIZE, Page
from desktop_app.domain.preferences import DEFAULT_EXPIRY_HORIZON_DAYS, Options
from desktop_app.domain.text import fold_for_search
from desktop_app.domain.universities import NameKind
from desktop_app.services.university_names import choose_name
from desktop_app.storage.database import Database
from desktop_app.storage.models import (
    Agreement,
    AgreementOrganisationParty,
    AgreementParty,
    Organisation,
    OrganisationName,
    University,
    UniversityName,
)

#: Sort keys of the register. "ends" (soonest to end first) is the register's natural order.
SORT_KEYS = ("ends", "title", "reference", "kind", "status", "parties", "signed", "id")
#: Sort keys whose value may be empty (paged in two runs, see the module's docstring).
NULLABLE_SORTS = frozenset({"ends", "signed"})


@dataclass(frozen=True)
class AgreementQuery:
    """What the register shows. ``expiring`` keeps the agreements in force whose end date falls within
    ``horizon_days`` of ``today`` (or has passed); the horizon is the user's preference
    (``Options.expiry_horizon_days``, see :meth:`for_options`), and it also decides which rows are
    flagged as expiring. ``lang``: party names in that language where the register has them."""

    search: str = ""
    kind: str | None = None
    status: str | None = None
    expiring: bool = False
    horizon_days: int = DEFAULT_EXPIRY_HORIZON_DAYS
    today: dt.date | None = None
    sort: str = "ends"
    descending: bool = False
    lang: str | None = None

    @classmethod
    def for_options(cls, options: Options, **values: Any) -> AgreementQuery:
        return cls(horizon_days=options.expiry_horizon_days, **values)

    def day(self) -> dt.date:
        return self.today or dt.date.today()


class PartyRow(NamedTuple):
    university_id: int
    name: str  # in the query's language where the register has it
    country: str
    role: str
    signatory: str

    def as_json(self) -> dict:
        return {"kind": "university", "university_id": self.university_id, "name": self.name,
                "country": self.country, "role": self.role, "signatory": self.signatory}


class OrganisationPartyRow(NamedTuple):
    """An organisation among the parties (a ministry, an agency): after the universities in the register."""

    organisation_id: int
    name: str  # in the query's language where the register has it
    country: str  # empty for an international body
    organisation_kind: str  # ministry, agency, ... (domain.organisations)
    role: str
    signatory: str
    signing_date: dt.date | None = None

    def as_json(self) -> dict:
        return {"kind": "organisation", "organisation_id": self.organisation_id, "name": self.name,
                "country": self.country or None, "organisation_kind": self.organisation_kind, "role": self.role,
                "signatory": self.signatory,
                "signing_date": self.signing_date.isoformat() if self.signing_date else None}


class AgreementRow(NamedTuple):
    """One line of the register: only what lists, the command line and reports show. (A named tuple: a
    page builds hundreds of them, and a tuple is the cheapest immutable row Python has.)"""

    id: int
    uuid: str
    title: str
    reference: str
    kind: str
    approach: str | None
    status: str
    signing_date: dt.date | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    parties: tuple[PartyRow, ...] = ()
    days_left: int | None = None
    expiring: bool = False
    organisation_parties: tuple[OrganisationPartyRow, ...] = ()

    def as_json(self) -> dict:
        def day(value: dt.date | None) -> str | None:
            return value.isoformat() if value else None

        return {"id": self.id, "uuid": self.uuid, "title": self.title, "reference": self.reference,
                "kind": self.kind, "approach": self.approach, "status": self.status,
                "signing_date": day(self.signing_date), "valid_from": day(self.valid_from),
                "valid_to": day(self.valid_to),
                "parties": [*(party.as_json() for party in self.parties),
                            *(party.as_json() for party in self.organisation_parties)],
                "days_left": self.days_left, "expiring": self.expiring}


_ROW_COLUMNS = (Agreement.id, Agreement.uuid, Agreement.title, Agreement.reference, Agreement.kind,
                Agreement.approach, Agreement.status, Agreement.signing_date, Agreement.valid_from,
                Agreement.valid_to)


def _first_party_name():
    return (select(University.display_name).join(AgreementParty, AgreementParty.university_id == University.id)
            .where(AgreementParty.agreement_id == Agreement.id).order_by(AgreementParty.position).limit(1)
            .scalar_subquery())


def sort_column(sort: str):
    """The SQL expression a sort key orders by."""
    columns = {"ends": Agreement.valid_to, "title": Agreement.title, "reference": Agreement.reference,
               "kind": Agreement.kind, "status": Agreement.status, "signed": Agreement.signing_date,
               "id": Agreement.id}
    if sort == "parties":
        return func.coalesce(_first_party_name(), "")
    return columns.get(sort, Agreement.valid_to)


def _contains(session: Session, column, word: str):
    if session.get_bind().dialect.name == "postgresql":
        return func.strpos(column, word) > 0
    return func.instr(column, word) > 0


def conditions(session: Session, query: AgreementQuery) -> list:
    where: list = []
    if query.kind:
        where.append(Agreement.kind == query.kind)
    if query.status:
        where.append(Agreement.status == query.status)
    if query.expiring:
        where += [Agreement.status.in_(sorted(rules.IN_FORCE)), Agreement.valid_to.is_not(None),
                  Agreement.valid_to <= query.day() + dt.timedelta(days=query.horizon_days)]
    for word in fold_for_search(query.search).split():
        parties = (select(AgreementParty.agreement_id)
                   .join(University, University.id == AgreementParty.university_id)
                   .where(_contains(session, University.search_text, word)))
        organisations = (select(AgreementOrganisationParty.agreement_id)
                         .join(Organisation, Organisation.id == AgreementOrganisationParty.organisation_id)
                         .where(_contains(session, Organisation.search_text, word)))
        where.append(or_(_contains(session, Agreement.search_text, word), Agreement.id.in_(parties),
                         Agreement.id.in_(organisations)))
    return where


def count(db: Database, query: AgreementQuery | None = None) -> int:
    query = query or AgreementQuery()
    with db.reading() as session:
        return session.execute(select(func.count()).select_from(Agreement).where(*conditions(session, query))
                               ).scalar_one()


def _runs(query: AgreementQuery) -> list[int]:
    """The runs of a sort in order: 0 = rows with a value, 1 = rows without (an empty value is the latest)."""
    if query.sort not in NULLABLE_SORTS:
        return [0]
    return [1, 0] if query.descending else [0, 1]


def _run_rows(session: Session, query: AgreementQuery, run: int, after: tuple | None, limit: int) -> list:
    """One run's rows of the page, each joined with its parties (one row per party, in the page's order):
    one statement, so a page costs one round trip whatever its size."""
    key = sort_column(query.sort)
    where = conditions(session, query)
    if query.sort in NULLABLE_SORTS:
        where.append(key.is_(None) if run else key.is_not(None))
    descending = query.descending
    if run:  # no value to order by: by id
        if after is not None:
            where.append(Agreement.id < after[2] if descending else Agreement.id > after[2])
        order = [Agreement.id.desc() if descending else Agreement.id.asc()]
    else:
        if after is not None:
            position = tuple_(key, Agreement.id)
            where.append(position < tuple_(after[1], after[2]) if descending else position > tuple_(after[1], after[2]))
        order = [key.desc(), Agreement.id.desc()] if descending else [key.asc(), Agreement.id.asc()]
    rows = (select(*_ROW_COLUMNS, key.label("sort_key")).where(*where).order_by(*order).limit(limit)
            .subquery("page_rows"))
    local_name = (select(UniversityName.value)
                  .where(UniversityName.university_id == AgreementParty.university_id,
                         UniversityName.lang == query.lang, UniversityName.kind != NameKind.ALIAS)
                  .order_by(UniversityName.position).limit(1).scalar_subquery()
                  if query.lang else literal(None))
    outer_order = [rows.c.id.desc() if descending else rows.c.id.asc()]
    if not run:
        outer_order.insert(0, rows.c.sort_key.desc() if descending else rows.c.sort_key.asc())
    statement = (select(rows, AgreementParty.university_id, University.display_name, University.country_code,
                        AgreementParty.role, AgreementParty.signatory, local_name.label("local_name"))
                 .select_from(rows.outerjoin(AgreementParty, AgreementParty.agreement_id == rows.c.id)
                              .outerjoin(University, University.id == AgreementParty.university_id))
                 .order_by(*outer_order, AgreementParty.position))
    # Core execution: the rows are plain columns, so the ORM's result processing is not needed.
    return list(session.connection().execute(statement).all())


def page(db: Database, query: AgreementQuery | None = None, after: tuple | None = None,
         limit: int = PAGE_SIZE) -> Page[AgreementRow]:
    """One page of the register in the query's order, after the row whose key is ``after`` (the ``after``
    of the previous page: (run, sort value, id))."""
    query = query or AgreementQuery()
    runs = _runs(query)
    start = runs.index(after[0]) if after is not None else 0
    today = query.day()
    result: list[AgreementRow] = []
    last: tuple[int, Any] | None = None
    with db.reading() as session:
        for position, run in enumerate(runs[start:]):
            found: dict[int, tuple[Any, list[PartyRow]]] = {}
            for row in _run_rows(session, query, run, after if position == 0 else None, limit - len(result)):
                # row: the agreement's 10 columns, its sort key, then the party's columns and local name
                entry = found.get(row[0])
                if entry is None:
                    entry = found[row[0]] = (row, [])
                if row[11] is not None:
                    entry[1].append(PartyRow(row[11], row[16] or row[12], row[13], row[14], row[15]))
            for row, parties in found.values():
                ends = row[9]
                left = None if ends is None else (ends - today).days
                result.append(AgreementRow(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], row[8],
                                           ends, tuple(parties), left,
                                           rules.is_expiring(row[6], ends, today, query.horizon_days)))
                last = (run, row)
            if len(result) >= limit:
                break
        result = _with_organisations(session, result, query.lang)
    if len(result) < limit or last is None:
        return Page(result, None)
    last_run, last_row = last
    return Page(result, (last_run, None if last_run else last_row[10], last_row[0]))


def _with_organisations(session: Session, rows: list[AgreementRow], lang: str | None) -> list[AgreementRow]:
    """The page's rows with their organisation parties: one more statement for the whole page."""
    if not rows:
        return rows
    found: dict[int, list[OrganisationPartyRow]] = {}
    statement = (select(AgreementOrganisationParty.agreement_id, Organisation.id, Organisation.display_name,
                        Organisation.country_code, Organisation.kind, AgreementOrganisationParty.role,
                        AgreementOrganisationParty.signatory, AgreementOrganisationParty.signing_date)
                 .join(Organisation, Organisation.id == AgreementOrganisationParty.organisation_id)
                 .where(AgreementOrganisationParty.agreement_id.in_([row.id for row in rows]))
                 .order_by(AgreementOrganisationParty.agreement_id, AgreementOrganisationParty.position))
    parties = session.execute(statement).all()
    if not parties:
        return rows
    names = organisation_names(session, {party[1] for party in parties}, lang) if lang else {}
    for agreement_id, organisation_id, display, country, kind, role, signatory, signed in parties:
        found.setdefault(agreement_id, []).append(OrganisationPartyRow(
            organisation_id, names.get(organisation_id, display), country, kind, role, signatory, signed))
    return [row._replace(organisation_parties=tuple(found[row.id])) if row.id in found else row for row in rows]


def organisation_names(session: Session, organisation_ids: set[int], lang: str) -> dict[int, str]:
    """{organisation id: its name for a reader of ``lang``}, chosen as a university's is."""
    rows = session.execute(select(Organisation.id, Organisation.country_code, Organisation.display_name)
                           .where(Organisation.id.in_(sorted(organisation_ids)))).all()
    names: dict[int, list[tuple[str, str | None]]] = {}
    for organisation_id, value, name_lang in session.execute(
            select(OrganisationName.organisation_id, OrganisationName.value, OrganisationName.lang)
            .where(OrganisationName.organisation_id.in_(sorted(organisation_ids)),
                   OrganisationName.kind != NameKind.ALIAS).order_by(OrganisationName.position)):
        names.setdefault(organisation_id, []).append((value, name_lang))
    return {organisation_id: choose_name(names.get(organisation_id, []), country, lang, display)
            for organisation_id, country, display in rows}


def iterate(db: Database, query: AgreementQuery | None = None, batch: int = 1000) -> Iterator[AgreementRow]:
    """Every agreement the query finds, a page at a time (for listings, exports and reports)."""
    after = None
    while True:
        current = page(db, query, after, batch)
        yield from current.rows
        if current.is_last:
            return
        after = current.after
