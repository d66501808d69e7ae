"""Scholarships and learning agreements at scale: 100,000 scholarship programmes (two budgets and an award
each) and 100,000 students' mobilities with a learning agreement (two versions, four components each),
each figure beside raw sqlite3 doing the equivalent query in the same run.

    python benchmarks/mobility_lifecycle_bench.py [--records 100000]

Not a test (no assertions on time). Reports the median of several runs of
  * the first page of scholarship programmes through the service (budget, committed and paid summed for
    the page's rows, PAGE_SIZE of them) and the same SELECT through raw sqlite3 — target: within 2x;
  * the first page of learning agreements (latest version, signatures, credits) and the same SELECTs
    through raw sqlite3 — target: within 2x;
  * the learning agreements waiting for a signature (the command line's ``la list --unsigned``).
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

SCHOLARSHIP_SQL = (
    "SELECT p.id, p.uuid, p.name, p.funder, p.currency, p.amount, p.basis, "
    "(SELECT coalesce(sum(b.amount), 0) FROM scholarship_budgets b WHERE b.programme_id = p.id), "
    "(SELECT coalesce(sum(a.committed), 0) FROM scholarship_awards a WHERE a.programme_id = p.id), "
    "(SELECT coalesce(sum(a.paid), 0) FROM scholarship_awards a WHERE a.programme_id = p.id), p.name "
    "FROM scholarship_programmes p ORDER BY p.name, p.id LIMIT {limit}")
AGREEMENT_SQL = (
    "SELECT la.id, la.uuid, la.mobility_id, m.uuid, v.id, v.number, v.student_signed_at, v.sending_signed_at, "
    "v.receiving_signed_at, s.display_name, r.display_name, m.start_date, m.end_date "
    "FROM learning_agreements la JOIN mobility_records m ON m.id = la.mobility_id "
    "JOIN learning_agreement_versions v ON v.agreement_id = la.id AND v.number = (SELECT max(n.number) "
    "FROM learning_agreement_versions n WHERE n.agreement_id = la.id) "
    "JOIN universities s ON s.id = m.sending_university_id JOIN universities r ON r.id = m.receiving_university_id "
    "ORDER BY la.id LIMIT {limit}")
CREDITS_SQL = ("SELECT version_id, section, sum(credits) FROM learning_agreement_components "
               "WHERE version_id IN ({ids}) GROUP BY version_id, section")


def timed(function, runs: int = 15) -> float:
    """Median wall-clock milliseconds of ``runs`` calls (after one warm-up call)."""
    function()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def _uuid(rng) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128)))


def build(path: Path, records: int) -> None:
    from sqlalchemy import insert

    from desktop_app.domain.universities import NameDraft, UniversityDraft
    from desktop_app.services import universities
    from desktop_app.storage.database import Database
    from desktop_app.storage.models import (
        LearningAgreement,
        LearningAgreementComponent,
        LearningAgreementVersion,
        MobilityRecord,
        ScholarshipAward,
        ScholarshipBudget,
        ScholarshipProgramme,
    )
    from desktop_app.storage.schema import upgrade

    url = f"sqlite:///{path}"
    upgrade(url, make_backup=False)
    db = Database(url)
    ids = [universities.create(db, UniversityDraft(state, [NameDraft(f"University {state} {i}", "en")]))
           for state in ("KZ", "CN", "RU", "TR", "KR") for i in range(4)]
    rng = random.Random(7)
    now = dt.datetime(2026, 6, 1, 9, 0, tzinfo=dt.UTC)
    mobilities, agreements, versions, components = [], [], [], []
    programmes, budgets, awards = [], [], []
    for number in range(1, records + 1):
        sending, receiving = rng.sample(ids, 2)
        start = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(7 * 365))
        mobilities.append({"id": number, "uuid": _uuid(rng), "person_kind": "student", "format": "semester",
                           "person_name": f"Student {number}", "sending_university_id": sending,
                           "receiving_university_id": receiving, "start_date": start,
                           "end_date": start + dt.timedelta(days=140), "status": "la_signed"})
        agreements.append({"id": number, "uuid": _uuid(rng), "mobility_id": number})
        for version in (1, 2):
            version_id = 2 * number + version - 2
            signed = version == 1 or rng.random() < 0.7
            versions.append({"id": version_id, "uuid": _uuid(rng), "agreement_id": number, "number": version,
                             "reason": "" if version == 1 else "Timetable", "student_signed_at": now,
                             "sending_signed_at": now, "receiving_signed_at": now if signed else None})
            for position, section in enumerate(("studied", "studied", "recognized", "recognized")):
                components.append({"uuid": _uuid(rng), "version_id": version_id, "position": position,
                                   "section": section, "title": f"Course {position}", "credits": 5.0})
        programmes.append({"id": number, "uuid": _uuid(rng), "name": f"Programme {rng.randrange(10**9):09d}",
                           "currency": rng.choice(["KZT", "EUR", "CNY"]), "amount": 1000.0})
        budgets += [{"uuid": _uuid(rng), "programme_id": number, "year": year, "amount": 100000.0}
                    for year in (2026, 2027)]
        awards.append({"uuid": _uuid(rng), "programme_id": number, "mobility_id": number, "year": 2026,
                       "committed": 5000.0, "paid": 1000.0})
    with db.transaction() as session:
        for table, values in ((MobilityRecord, mobilities), (LearningAgreement, agreements),
                              (LearningAgreementVersion, versions), (LearningAgreementComponent, components),
                              (ScholarshipProgramme, programmes), (ScholarshipBudget, budgets),
                              (ScholarshipAward, awards)):
            for start in range(0, len(values), 20_000):
                session.execute(insert(table), values[start:start + 20_000])
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--database", type=Path, help="measure a database this script built before")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    os.environ["CICA_COORDINATOR_HOME"] = str(folder / "home")
    path = args.database or folder / "bench.sqlite3"
    if args.database is None:
        started = time.perf_counter()
        build(path, args.records)
        print(f"built {args.records:,} scholarship programmes and {args.records:,} learning agreements "
              f"in {time.perf_counter() - started:.1f} s ({path})")

    from desktop_app.services import learning_agreements, scholarships
    from desktop_app.storage.database import Database

    db = Database(f"sqlite:///{path}")
    raw = sqlite3.connect(path)

    from desktop_app.domain.contract import PAGE_SIZE

    def raw_agreements() -> None:
        rows = raw.execute(AGREEMENT_SQL.format(limit=PAGE_SIZE)).fetchall()
        ids = ", ".join(str(row[4]) for row in rows)
        raw.execute(CREDITS_SQL.format(ids=ids)).fetchall()

    figures = [
        ("scholarships: first page", timed(lambda: scholarships.page(db)),
         timed(lambda: raw.execute(SCHOLARSHIP_SQL.format(limit=PAGE_SIZE)).fetchall())),
        ("learning agreements: first page", timed(lambda: learning_agreements.page(db)), timed(raw_agreements)),
        ("learning agreements: waiting for a signature", timed(
            lambda: learning_agreements.page(db, learning_agreements.AgreementQuery(unsigned_only=True))), None),
    ]
    print(f"{'query':48} {'service ms':>11} {'sqlite3 ms':>11} {'ratio':>7}")
    for name, service, baseline in figures:
        ratio = f"{service / baseline:.2f}x" if baseline else ""
        print(f"{name:48} {service:11.2f} {baseline or 0:11.2f} {ratio:>7}")
    raw.close()
    db.close()


if __name__ == "__main__":
    main()
