"""Programmes and calendars lists at 100,000 records (not a test): the first page through the services
beside raw sqlite3 running the same queries by hand on the same file, measured in the same run.

    .venv/bin/python benchmarks/curricula_lists.py [--records 100000] [--runs 7]

The database is migrated as the application does, then filled with plain INSERTs (building 100,000
programmes through the service would measure the writes, not the list): every programme has two partners
and a semester of two courses (its credits are summed for the page), 20,000 universities have five
academic calendars each, of three periods.

Each figure is the median of ``--runs``: the first page (200 rows, sorted by title / by university and
year), a page far down the list (keyset: it costs what the first does), and a filtered search. The raw
baseline runs the statement the service sends (one query per page: the partners' names, the credits and
the periods' span come from correlated subqueries), rows fetched as tuples. Times are CPU time of the
process (SQLite runs inside it), so other work on a shared machine does not blur the ratio.
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PAGE = 200
WORDS = ["Data", "Science", "Energy", "Water", "Engineering", "Economics", "Medicine", "Law", "History",
         "Physics", "Chemistry", "Ecology", "Transport", "Logistics", "Tourism", "Agriculture", "Management"]


def fill(path: Path, records: int) -> None:
    rng = random.Random(7)
    connection = sqlite3.connect(path)
    now = "2026-12-03 00:00:00"
    universities = max(records // 5, 2)
    with connection:
        connection.executemany(
            "INSERT INTO universities (id, uuid, created_at, updated_at, country_code, city, website, acronym, "
            "institution_type, network_role, status, notes, display_name, search_text, top500) "
            "VALUES (?, ?, ?, ?, ?, '', '', '', 'university', 'partner', 'active', '', ?, ?, 0)",
            [(i, str(uuid.uuid4()), now, now, rng.choice(["KZ", "CN", "RU", "TR", "IR"]), name, name.lower())
             for i in range(1, universities + 1) for name in [f"University of {rng.choice(WORDS)} {i}"]])
        connection.executemany(
            "INSERT INTO programmes (id, uuid, created_at, updated_at, code, title, titles, programme_type, status, "
            "diplomas, joint_defence, languages, notes, search_text) "
            "VALUES (?, ?, ?, ?, ?, ?, '{}', ?, ?, 'two_diplomas', 0, 'en', '', ?)",
            [(i, str(uuid.uuid4()), now, now, f"P-{i:06d}", title, rng.choice(["double_degree", "summer_school"]),
              rng.choice(["design", "running", "closed"]), title.lower())
             for i in range(1, records + 1) for title in [f"{rng.choice(WORDS)} {rng.choice(WORDS)} {i}"]])
        connection.executemany(
            "INSERT INTO programme_partners (uuid, created_at, updated_at, programme_id, university_id, role, "
            "position) VALUES (?, ?, ?, ?, ?, 'partner', ?)",
            [(str(uuid.uuid4()), now, now, i, (i * 7 + k) % universities + 1, k)
             for i in range(1, records + 1) for k in range(2)])
        connection.executemany(
            "INSERT INTO programme_semesters (id, uuid, created_at, updated_at, programme_id, number, academic_year) "
            "VALUES (?, ?, ?, ?, ?, 1, '2026/2027')",
            [(i, str(uuid.uuid4()), now, now, i) for i in range(1, records + 1)])
        connection.executemany(
            "INSERT INTO programme_courses (uuid, created_at, updated_at, semester_id, position, code, titles, "
            "credits_ects, mandatory, language) VALUES (?, ?, ?, ?, ?, 'C', '{}', 15, 1, 'en')",
            [(str(uuid.uuid4()), now, now, i, k) for i in range(1, records + 1) for k in range(2)])
        calendars = [(len_id, university, f"{first}/{first + 1}") for len_id, (university, first) in enumerate(
            ((u, first) for u in range(1, universities + 1) for first in range(2022, 2027)), start=1)][:records]
        connection.executemany(
            "INSERT INTO academic_calendars (id, uuid, created_at, updated_at, university_id, academic_year, notes) "
            "VALUES (?, ?, ?, ?, ?, ?, '')", [(i, str(uuid.uuid4()), now, now, u, y) for i, u, y in calendars])
        connection.executemany(
            "INSERT INTO calendar_periods (uuid, created_at, updated_at, calendar_id, kind, title, start_date, "
            "end_date, source_uid) VALUES (?, ?, ?, ?, ?, '', ?, ?, '')",
            [(str(uuid.uuid4()), now, now, i, kind, f"{y[:4]}-{month}-01", f"{y[:4]}-{month}-20")
             for i, _u, y in calendars for kind, month in (("teaching_term", "09"), ("exam_session", "12"),
                                                          ("break", "08"))])
    connection.execute("ANALYZE")
    connection.close()


# -- raw sqlite3: the same queries, written by hand ----------------------------------------------------

PROGRAMME_ROW = (
    "SELECT p.id, p.code, p.title, p.titles, p.programme_type, p.isced_level, p.status, "
    "(SELECT group_concat(CAST(pp.position AS VARCHAR) || char(31) || u.display_name, char(30)) "
    " FROM programme_partners pp JOIN universities u ON u.id = pp.university_id WHERE pp.programme_id = p.id), "
    "(SELECT coalesce(sum(c.credits_ects), 0.0) FROM programme_semesters s JOIN programme_courses c "
    " ON c.semester_id = s.id WHERE s.programme_id = p.id) FROM programmes p ")


def raw_programmes(connection: sqlite3.Connection, after: tuple | None, search: str = "") -> list:
    where, params = [], []
    if search:
        where.append("instr(p.search_text, ?) > 0")
        params.append(search)
    if after:
        where.append("(p.title > ? OR (p.title = ? AND p.id > ?))")
        params += [after[0], after[0], after[1]]
    return connection.execute(PROGRAMME_ROW + ("WHERE " + " AND ".join(where) if where else "")
                              + " ORDER BY p.title, p.id LIMIT ?", [*params, PAGE]).fetchall()


def raw_calendars(connection: sqlite3.Connection, after: tuple | None, year: str = "") -> list:
    where, params = [], []
    if year:
        where.append("c.academic_year = ?")
        params.append(year)
    if after:
        where.append("(u.display_name > ? OR (u.display_name = ? AND (c.academic_year > ? OR "
                     "(c.academic_year = ? AND c.id > ?))))")
        params += [after[0], after[0], after[1], after[1], after[2]]
    return connection.execute(
        "SELECT c.id, c.university_id, u.display_name, u.country_code, c.academic_year, "
        "(SELECT count(*) FROM calendar_periods p WHERE p.calendar_id = c.id), "
        "(SELECT min(start_date) FROM calendar_periods p WHERE p.calendar_id = c.id), "
        "(SELECT max(end_date) FROM calendar_periods p WHERE p.calendar_id = c.id) "
        "FROM academic_calendars c JOIN universities u ON u.id = c.university_id "
        + ("WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY u.display_name, c.academic_year, c.id LIMIT ?", [*params, PAGE]).fetchall()


def timed(function) -> float:
    """CPU time of this process (SQLite runs in it): other work on a shared machine does not count."""
    started = time.process_time()
    function()
    return time.process_time() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cica-lists-"))
    os.environ["CICA_COORDINATOR_HOME"] = str(folder / "home")
    from desktop_app.services import calendars, curricula
    from desktop_app.services.calendars import CalendarQuery
    from desktop_app.services.curricula import ProgrammeQuery
    from desktop_app.storage.database import Database
    from desktop_app.storage.schema import upgrade

    path = folder / "lists.sqlite3"
    upgrade(f"sqlite:///{path}", make_backup=False)
    started = time.perf_counter()
    fill(path, args.records)
    seconds = time.perf_counter() - started
    print(f"{args.records:,} programmes and {args.records:,} calendars written in {seconds:.1f} s")
    db = Database(f"sqlite:///{path}")
    raw = sqlite3.connect(path)
    middle_programme = curricula.page(db, ProgrammeQuery(), None, args.records // 2).after
    middle_calendar = calendars.page(db, CalendarQuery(), None, args.records // 2).after
    cases = {
        "programmes, first page": (lambda: curricula.page(db, ProgrammeQuery()),
                                   lambda: raw_programmes(raw, None)),
        "programmes, page 250": (lambda: curricula.page(db, ProgrammeQuery(), middle_programme),
                                 lambda: raw_programmes(raw, middle_programme)),
        "programmes, search 'water'": (lambda: curricula.page(db, ProgrammeQuery(search="water")),
                                       lambda: raw_programmes(raw, None, "water")),
        "calendars, first page": (lambda: calendars.page(db, CalendarQuery()), lambda: raw_calendars(raw, None)),
        "calendars, page 250": (lambda: calendars.page(db, CalendarQuery(), middle_calendar),
                                lambda: raw_calendars(raw, middle_calendar)),
        "calendars, year 2024/2025": (lambda: calendars.page(db, CalendarQuery(academic_year="2024/2025")),
                                      lambda: raw_calendars(raw, None, "2024/2025")),
    }
    print(f"{'list':30} {'service':>10} {'raw sqlite3':>12} {'ratio':>7}")
    for name, (service, baseline) in cases.items():
        service(), baseline()  # warm the caches both ways
        pairs = [(timed(service), timed(baseline)) for _run in range(args.runs)]  # alternated: the same load
        ours = statistics.median(pair[0] for pair in pairs) * 1000
        theirs = statistics.median(pair[1] for pair in pairs) * 1000
        print(f"{name:30} {ours:8.2f} ms {theirs:9.2f} ms {ours / theirs:6.2f}x")
    raw.close()
    db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
