"""The agreement register at 100,000 agreements: the first page the Agreements page shows, a search, the
"ending soon" filter and a page deep in the list, each against raw sqlite3 doing the same queries in
the same run. One agreement in ten has an organisation among its parties (a ministry, an agency).

    python benchmarks/agreements_bench.py [AGREEMENTS]

A page is what ``agreements.page()`` answers: the page's rows in the register's order, each with its
parties named in the reader's language; the page's first load also counts the rows (the count shown
under the table). The raw baseline runs the same SQL with the sqlite3 module and builds the same plain
rows (dates parsed, parties grouped), so the ratio is what the service and SQLAlchemy add.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from desktop_app.domain.agreements import IN_FORCE  # noqa: E402 - after the path is set

PAGE = 200
TODAY = dt.date(2026, 1, 15)
HORIZON = 90
WORDS = ["exchange", "double", "degree", "joint", "school", "memorandum", "research", "engineering", "medicine",
         "water", "energy", "agriculture", "informatics", "history", "languages", "tourism"]


def build(db, count: int, rng: random.Random) -> None:
    from sqlalchemy import insert

    from desktop_app.domain.agreements import AgreementKind, AgreementStatus, PartyRole
    from desktop_app.domain.organisations import OrganisationDraft
    from desktop_app.domain.text import fold_for_search
    from desktop_app.domain.universities import NameDraft, UniversityDraft
    from desktop_app.services import organisations, universities
    from desktop_app.storage.models import Agreement, AgreementOrganisationParty, AgreementParty

    states = ["KZ", "CN", "RU", "TR", "KR", "UZ", "KG", "MN", "IR", "IN"]
    drafts = [UniversityDraft(s, [NameDraft(f"University {s} {i}", "en"), NameDraft(f"Университет {s} {i}", "ru")])
              for s in states for i in range(30)]
    university_ids = [universities.create(db, draft) for draft in drafts]
    organisation_ids = [organisations.create(db, OrganisationDraft(
        "ministry", [NameDraft(f"Ministry of {s}", "en"), NameDraft(f"Министерство {s}", "ru")], s))
        for s in states]
    kinds, statuses = list(AgreementKind), list(AgreementStatus)
    agreements, parties, organisation_parties = [], [], []
    for number in range(1, count + 1):
        title = " ".join(rng.sample(WORDS, 3)).capitalize() + f" {number}"
        reference = f"AG-{number:06d}"
        start = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(8 * 365))
        ends = None if rng.random() < 0.1 else start + dt.timedelta(days=rng.randrange(365, 6 * 365))
        signatories = [f"Signatory {rng.randrange(1000)}", f"Signatory {rng.randrange(1000)}"]
        agreements.append({"id": number, "uuid": f"{rng.getrandbits(128):032x}", "title": title,
                           "reference": reference, "kind": rng.choice(kinds), "status": rng.choice(statuses),
                           "signing_date": None if rng.random() < 0.2 else start, "valid_from": start,
                           "valid_to": ends, "renewal_terms": "", "funding_sources": "", "notes": "",
                           "search_text": fold_for_search(" | ".join([title, reference, *signatories]))})
        for position, (university, signatory) in enumerate(zip(rng.sample(university_ids, 2), signatories,
                                                               strict=True)):
            parties.append({"uuid": f"{rng.getrandbits(128):032x}", "agreement_id": number,
                            "university_id": university, "position": position,
                            "role": PartyRole.NATIONAL if position == 0 else PartyRole.FOREIGN,
                            "signatory": signatory, "local_code": ""})
        if number % 10 == 0:
            organisation_parties.append({"uuid": f"{rng.getrandbits(128):032x}", "agreement_id": number,
                                         "organisation_id": rng.choice(organisation_ids), "position": 0,
                                         "role": PartyRole.MEMBER, "signatory": "Minister", "signing_date": None})
    with db.transaction() as session:
        session.execute(insert(Agreement), agreements)
        session.execute(insert(AgreementParty), parties)
        session.execute(insert(AgreementOrganisationParty), organisation_parties)


# --- the same queries by hand ----------------------------------------------------------------------

ROW = "a.id, a.uuid, a.title, a.reference, a.kind, a.approach, a.status, a.signing_date, a.valid_from, a.valid_to"


def _date(text):
    return dt.date.fromisoformat(text) if text else None


def raw_rows(raw: sqlite3.Connection, where: str, params: tuple, key: str) -> list[tuple]:
    """The page as the service asks for it: the page's agreements joined with their parties, each party
    named in the reader's language where the register has it; then grouped into rows."""
    found = raw.execute(
        "SELECT page.*, p.university_id, u.display_name, u.country_code, p.role, p.signatory, "
        "(SELECT n.value FROM university_names n WHERE n.university_id = p.university_id AND n.lang = 'en' "
        "AND n.kind != 'alias' ORDER BY n.position LIMIT 1) "
        f"FROM (SELECT {ROW}, {key} AS sort_key FROM agreements a WHERE {where} ORDER BY {key}, a.id "
        f"LIMIT {PAGE}) AS page "
        "LEFT JOIN agreement_parties p ON p.agreement_id = page.id LEFT JOIN universities u ON u.id = p.university_id "
        "ORDER BY page.sort_key, page.id, p.position", params).fetchall()
    grouped: dict[int, tuple] = {}
    for row in found:
        if row[0] not in grouped:
            grouped[row[0]] = (row, [])
        if row[11] is not None:
            grouped[row[0]][1].append((row[11], row[16] or row[12], row[13], row[14], row[15]))
    organisations = raw_organisation_parties(raw, list(grouped))
    result = []
    for row, parties in grouped.values():
        ends = _date(row[9])
        left = None if ends is None else (ends - TODAY).days
        result.append((*row[:7], _date(row[7]), _date(row[8]), ends, tuple(parties), left,
                       row[6] in IN_FORCE and left is not None and left <= HORIZON,
                       tuple(organisations.get(row[0], ()))))
    return result


def raw_organisation_parties(raw: sqlite3.Connection, page_ids: list[int]) -> dict[int, list[tuple]]:
    """The page's organisation parties, then their names (the reader's where the register has it)."""
    ids = ",".join(str(i) for i in page_ids) or "0"
    found = raw.execute(
        "SELECT op.agreement_id, o.id, o.display_name, o.country_code, o.kind, op.role, op.signatory, "
        "op.signing_date FROM agreement_organisation_parties op JOIN organisations o ON o.id = op.organisation_id "
        f"WHERE op.agreement_id IN ({ids}) ORDER BY op.agreement_id, op.position").fetchall()
    if not found:
        return {}
    organisation_ids = ",".join(sorted({str(row[1]) for row in found}))
    raw.execute(f"SELECT id, country_code, display_name FROM organisations WHERE id IN ({organisation_ids})").fetchall()
    names: dict[int, str] = {}
    for owner, value, lang in raw.execute(
            "SELECT organisation_id, value, lang FROM organisation_names WHERE organisation_id IN "
            f"({organisation_ids}) AND kind != 'alias' ORDER BY position").fetchall():
        if lang == "en":
            names.setdefault(owner, value)
    grouped: dict[int, list[tuple]] = {}
    for agreement_id, organisation_id, display, country, kind, role, signatory, signed in found:
        grouped.setdefault(agreement_id, []).append((organisation_id, names.get(organisation_id, display), country,
                                                     kind, role, signatory, _date(signed)))
    return grouped


def raw_count(raw: sqlite3.Connection, where: str, params: tuple) -> int:
    return raw.execute(f"SELECT count(*) FROM agreements a WHERE {where}", params).fetchone()[0]


def timed(service, baseline, repeat: int = 25) -> tuple[list[float], list[float]]:
    """Both, taken in turns (a machine shared with other work slows both alike), sorted."""
    ours, theirs = [], []
    for _ in range(repeat):
        for function, times in ((service, ours), (baseline, theirs)):
            started = time.perf_counter()
            function()
            times.append(time.perf_counter() - started)
    return sorted(ours), sorted(theirs)


def main(count: int) -> None:
    folder = Path(tempfile.mkdtemp())
    os.environ["CICA_COORDINATOR_HOME"] = str(folder / "home")
    from desktop_app.services import agreements
    from desktop_app.services.agreement_search import AgreementQuery
    from desktop_app.storage.database import Database
    from desktop_app.storage.schema import upgrade

    path = folder / "bench.sqlite3"
    url = f"sqlite:///{path}"
    upgrade(url, make_backup=False)
    db = Database(url)
    started = time.perf_counter()
    build(db, count, random.Random(7))
    print(f"{count:,} agreements built in {time.perf_counter() - started:.1f} s")
    raw = sqlite3.connect(path)
    query = AgreementQuery(today=TODAY, horizon_days=HORIZON, lang="en")
    horizon = (TODAY + dt.timedelta(days=HORIZON)).isoformat()
    in_force = ", ".join(f"'{status}'" for status in sorted(IN_FORCE))
    deep = None
    for _ in range(100):  # the key of the hundredth page
        deep = agreements.page(db, query, deep).after
    search_word = "engin"
    party_search = ("SELECT p.agreement_id FROM agreement_parties p JOIN universities u ON u.id = p.university_id "
                    "WHERE instr(u.search_text, ?) > 0")
    organisation_search = ("SELECT op.agreement_id FROM agreement_organisation_parties op JOIN organisations o "
                           "ON o.id = op.organisation_id WHERE instr(o.search_text, ?) > 0")
    cases = [
        ("first page (soonest end first)", lambda: agreements.page(db, query),
         lambda: raw_rows(raw, "a.valid_to IS NOT NULL", (), "a.valid_to")),
        ("first page and count (what the page loads)",
         lambda: (agreements.page(db, query), agreements.count(db, query)),
         lambda: (raw_rows(raw, "a.valid_to IS NOT NULL", (), "a.valid_to"), raw_count(raw, "1", ()))),
        ("hundredth page", lambda: agreements.page(db, query, deep),
         lambda: raw_rows(raw, "a.valid_to IS NOT NULL AND (a.valid_to, a.id) > (?, ?)",
                          (deep[1].isoformat(), deep[2]), "a.valid_to")),
        ("ending within 90 days", lambda: agreements.page(db, replace_query(query, expiring=True)),
         lambda: raw_rows(raw, f"a.valid_to IS NOT NULL AND a.status IN ({in_force}) AND a.valid_to <= ?",
                          (horizon,), "a.valid_to")),
        ("search “engin” (titles and parties)", lambda: agreements.page(db, replace_query(query, search=search_word)),
         lambda: raw_rows(raw, f"a.valid_to IS NOT NULL AND (instr(a.search_text, ?) > 0 OR a.id IN ({party_search}) "
                               f"OR a.id IN ({organisation_search}))", (search_word, search_word, search_word),
                          "a.valid_to")),
        ("sorted by title", lambda: agreements.page(db, replace_query(query, sort="title")),
         lambda: raw_rows(raw, "1", (), "a.title")),
    ]
    print("best and median of 25 runs each, taken in turns")
    for title, service, baseline in cases:
        ours, theirs = timed(service, baseline)
        best, median = ours[0] / theirs[0], ours[len(ours) // 2] / theirs[len(theirs) // 2]
        print(f"{title}: service {ours[0] * 1000:.1f} ms (median {ours[len(ours) // 2] * 1000:.1f}), raw sqlite3 "
              f"{theirs[0] * 1000:.1f} ms (median {theirs[len(theirs) // 2] * 1000:.1f}), ratio {best:.2f} "
              f"(medians {median:.2f})")
    assert [r.id for r in agreements.page(db, query).rows] == [r[0] for r in raw_rows(
        raw, "a.valid_to IS NOT NULL", (), "a.valid_to")]
    db.close()


def replace_query(query, **changes):
    from dataclasses import replace

    return replace(query, **changes)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
