"""The Quality page's lists at scale: 100,000 evaluation cycles (each with two recommendations) and 100,000
staff-development programmes (each with two participants), each figure beside raw sqlite3 doing the
equivalent queries in the same run.

    python benchmarks/quality_bench.py [--records 100000]

Not a test (no assertions on time). It builds a migrated database with the demonstration data (for its
programmes and universities) plus bulk inserts, then reports the median of several runs of what the page
asks when a list opens — the count and the first page through the service (``count()`` + ``page()``, as
``KeysetTableModel`` does) — against the same SQL through raw sqlite3. Target: within 2x.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TODAY = dt.date(2026, 12, 3)


def timed(function, runs: int = 15) -> float:
    """Median wall-clock milliseconds of ``runs`` calls (after one warm-up call)."""
    function()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def _uuid(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128)))


def build(path: Path, records: int) -> None:
    from sqlalchemy import insert, select

    from desktop_app.exchange.demo import load_demo
    from desktop_app.storage.database import Database
    from desktop_app.storage.models import (
        EvaluationRecommendation,
        Programme,
        ProgrammeEvaluation,
        StaffDevelopment,
        StaffDevelopmentParticipant,
        University,
    )
    from desktop_app.storage.schema import upgrade

    url = f"sqlite:///{path}"
    upgrade(url, make_backup=False)
    db = Database(url)
    load_demo(db, TODAY)
    rng = random.Random(1)
    with db.transaction() as session:
        programmes = [row[0] for row in session.execute(select(Programme.id))]
        universities = [row[0] for row in session.execute(select(University.id))]
        first = session.execute(select(ProgrammeEvaluation.id).order_by(ProgrammeEvaluation.id.desc())).scalar() or 0
        session.execute(insert(ProgrammeEvaluation), [
            {"uuid": _uuid(rng), "programme_id": rng.choice(programmes), "year": rng.randrange(2015, 2028),
             "title": f"Evaluation cycle {number}", "status": rng.choice(["planned", "follow_up", "completed"]),
             "reviewer": "agency", "expert_panel": "", "summary": ""} for number in range(records)])
        session.execute(insert(EvaluationRecommendation), [
            {"uuid": _uuid(rng), "evaluation_id": first + number + 1, "position": position, "text": "Act",
             "owner": "Dean", "deadline": dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(4 * 365)),
             "status": rng.choice(["open", "in_progress", "done"]), "follow_up": ""}
            for number in range(records) for position in range(2)])
        first = session.execute(select(StaffDevelopment.id).order_by(StaffDevelopment.id.desc())).scalar() or 0
        session.execute(insert(StaffDevelopment), [
            {"uuid": _uuid(rng), "title": f"Retraining {number}", "topic": rng.choice(["ai", "big_data", "other"]),
             "topic_detail": "", "delivery": "online", "notes": "",
             "start_date": dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(12 * 365))}
            for number in range(records)])
        session.execute(insert(StaffDevelopmentParticipant), [
            {"uuid": _uuid(rng), "programme_id": first + number + 1, "position": position,
             "university_id": rng.choice(universities), "name": f"Person {number}.{position}", "email": "",
             "job_title": "", "completed": True} for number in range(records) for position in range(2)])
    db.close()


EVALUATIONS = """
SELECT e.id, e.uuid, e.programme_id, p.title, p.titles, e.year, e.title, e.status, e.reviewer, e.report_on,
  (SELECT count(*) FROM evaluation_recommendations r WHERE r.evaluation_id = e.id),
  (SELECT count(*) FROM evaluation_recommendations r WHERE r.evaluation_id = e.id
     AND r.status IN ('in_progress', 'open')),
  (SELECT count(*) FROM evaluation_recommendations r WHERE r.evaluation_id = e.id
     AND r.status IN ('in_progress', 'open') AND r.deadline < ?),
  e.year, p.title, e.id
FROM programme_evaluations e JOIN programmes p ON p.id = e.programme_id
ORDER BY e.year DESC, p.title, e.id LIMIT 200"""
EVALUATIONS_COUNT = ("SELECT count(*) FROM programme_evaluations e "
                     "JOIN programmes p ON p.id = e.programme_id")
STAFF = """
SELECT d.id, d.uuid, d.title, d.topic, d.topic_detail, d.delivery, d.start_date, d.end_date, d.hours,
  (SELECT count(*) FROM staff_development_participants s WHERE s.programme_id = d.id),
  (SELECT count(*) FROM staff_development_participants s WHERE s.programme_id = d.id AND s.completed = 1),
  d.start_date, d.id
FROM staff_development_programmes d ORDER BY d.start_date DESC, d.id DESC LIMIT 200"""
STAFF_COUNT = "SELECT count(*) FROM staff_development_programmes"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args()
    from desktop_app.services import evaluations, staff_development
    from desktop_app.services.evaluations import EvaluationQuery
    from desktop_app.storage.database import Database

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "quality.sqlite"
        started = time.perf_counter()
        build(path, args.records)
        print(f"built {args.records:,} evaluations and {args.records:,} staff-development programmes "
              f"in {time.perf_counter() - started:.1f} s")
        db = Database(f"sqlite:///{path}")
        connection = sqlite3.connect(path)
        query = EvaluationQuery(today=TODAY)

        def service_evaluations():
            evaluations.count(db, query)
            return evaluations.page(db, query)

        def raw_evaluations():
            connection.execute(EVALUATIONS_COUNT).fetchone()
            return connection.execute(EVALUATIONS, [TODAY.isoformat()]).fetchall()

        def service_staff():
            staff_development.count(db)
            return staff_development.page(db)

        def raw_staff():
            connection.execute(STAFF_COUNT).fetchone()
            return connection.execute(STAFF).fetchall()

        assert len(service_evaluations().rows) == len(raw_evaluations()) == 200
        assert len(service_staff().rows) == len(raw_staff()) == 200
        for name, ours, raw in (("evaluations, first page", service_evaluations, raw_evaluations),
                                ("staff development, first page", service_staff, raw_staff)):
            mine, theirs = timed(ours), timed(raw)
            print(f"{name:32} service {mine:8.1f} ms   raw sqlite3 {theirs:8.1f} ms   ratio {mine / theirs:5.2f}")
        connection.close()
        db.close()


if __name__ == "__main__":
    main()
