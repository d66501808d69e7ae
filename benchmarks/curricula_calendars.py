"""Curricula and calendars benchmark (not a test): the coordinator's heavier actions beside a raw
sqlite3 baseline that writes the same rows, measured in the same run.

    .venv/bin/python benchmarks/curricula_calendars.py [--runs 5]

- import of a published .ics feed (150 events, the Princeton registrar's) through the service, against
  raw sqlite3 executemany of 150 period rows;
- saving a 4-semester double-degree plan (32 courses) whole, against raw inserts of the same rows;
- the joint calendar of 6 universities (each with 20 periods) for a year and the year planner's model
  (pure Python; its time is shown beside the raw baseline of the first line for scale).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
FEED_NAME = "shared/data/academic_calendars/princeton_registrar_academic_calendar.ics"


def timed(function) -> float:
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def raw_rows(folder: Path, rows: int) -> float:
    path = folder / f"raw-{time.perf_counter_ns()}.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE periods (id INTEGER PRIMARY KEY, uuid TEXT UNIQUE, kind TEXT, title TEXT, "
                       "start_date DATE, end_date DATE, source_uid TEXT)")
    data = [(f"u{i}", "other", f"Event {i}", "2026-09-01", "2026-09-02", f"uid{i}") for i in range(rows)]

    def write() -> None:
        with connection:
            connection.executemany("INSERT INTO periods (uuid, kind, title, start_date, end_date, source_uid) "
                                   "VALUES (?, ?, ?, ?, ?, ?)", data)

    seconds = timed(write)
    connection.close()
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cica-bench-"))
    os.environ["CICA_COORDINATOR_HOME"] = str(folder / "home")
    from desktop_app.domain.calendars import Period, PeriodKind, joint_calendar
    from desktop_app.domain.curricula import CourseDraft, PartnerDraft, ProgrammeDraft, SemesterDraft
    from desktop_app.domain.universities import NameDraft, UniversityDraft
    from desktop_app.exchange.icalendar_files import import_ics_file
    from desktop_app.services import curricula, universities
    from desktop_app.services.database_admin import open_database

    feed = next((base / FEED_NAME for base in (ROOT.parent, ROOT.parent.parent) if (base / FEED_NAME).is_file()), None)
    results: dict[str, list[float]] = {"raw 150 rows": [], "ics import": [], "raw 32 rows": [], "plan save": [],
                                       "joint calendar": []}
    for run in range(args.runs):
        db = open_database(f"sqlite:///{folder / f'run{run}.sqlite3'}")
        kz = universities.create(db, UniversityDraft("KZ", [NameDraft(f"KZ University {run}", "en")]))
        cn = universities.create(db, UniversityDraft("CN", [NameDraft(f"CN University {run}", "en")]))
        results["raw 150 rows"].append(raw_rows(folder, 150))
        if feed is not None:
            results["ics import"].append(timed(partial(import_ics_file, db, kz, feed)))
        results["raw 32 rows"].append(raw_rows(folder, 32))
        plan = ProgrammeDraft(title="Bench", partners=[PartnerDraft(kz, "coordinating"), PartnerDraft(cn)],
                              semesters=[SemesterDraft(n, "2026/2027", kz if n < 3 else cn, courses=[
                                  CourseDraft(f"C{n}{i}", {"en": f"Course {n}.{i}"}, 3.75) for i in range(8)])
                                  for n in range(1, 5)])
        results["plan save"].append(timed(partial(curricula.create, db, plan)))
        start = dt.date(2026, 8, 1)
        calendars = {f"U{u}": [Period(list(PeriodKind)[i % 8].value, start + dt.timedelta(days=17 * i + u),
                                      start + dt.timedelta(days=17 * i + u + 20)) for i in range(20)]
                     for u in range(6)}
        results["joint calendar"].append(timed(partial(joint_calendar, "2026/2027", calendars)))
        db.close()
    median = {name: statistics.median(values) * 1000 for name, values in results.items() if values}
    for name, value in median.items():
        print(f"{name:16} {value:8.2f} ms")
    if "ics import" in median:
        print(f"ics import / raw 150 rows: {median['ics import'] / median['raw 150 rows']:.1f}x")
    print(f"plan save / raw 32 rows:   {median['plan save'] / median['raw 32 rows']:.1f}x")
    print(f"joint calendar / raw 150 rows: {median['joint calendar'] / median['raw 150 rows']:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
