"""Flow matrix and mobility list over many mobility records, against a raw sqlite3 baseline.

    python benchmarks/mobility_matrix.py [RECORDS]

Reports the service's time as a ratio of the same query written by hand with sqlite3 in the same
run, so the figures compare across machines.
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


def main(records: int) -> None:
    folder = Path(tempfile.mkdtemp())
    os.environ["CICA_COORDINATOR_HOME"] = str(folder / "home")
    from sqlalchemy import insert

    from desktop_app.domain.universities import NameDraft, UniversityDraft
    from desktop_app.services import mobility, universities
    from desktop_app.storage.database import Database
    from desktop_app.storage.models import MobilityRecord
    from desktop_app.storage.schema import upgrade

    path = folder / "bench.sqlite3"
    url = f"sqlite:///{path}"
    upgrade(url, make_backup=False)
    db = Database(url)
    states = ["KZ", "CN", "RU", "TR", "KR", "UZ", "KG", "MN", "IR", "IN"]
    ids = [universities.create(db, UniversityDraft(s, [NameDraft(f"University {s} {i}", "en")]))
           for s in states for i in range(5)]
    rng = random.Random(1)
    rows = []
    for _ in range(records):
        sending, receiving = rng.sample(ids, 2)
        start = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(6 * 365))
        rows.append({"uuid": f"{rng.getrandbits(128):032x}", "person_kind": "student", "format": "semester",
                     "person_name": "Person", "person_email": "", "sending_university_id": sending,
                     "receiving_university_id": receiving, "start_date": start,
                     "end_date": start + dt.timedelta(days=120), "funding": "", "notes": ""})
    with db.transaction() as session:
        session.execute(insert(MobilityRecord), rows)

    def timed(function, repeat: int = 3) -> float:
        best = float("inf")
        for _ in range(repeat):
            started = time.perf_counter()
            function()
            best = min(best, time.perf_counter() - started)
        return best

    raw = sqlite3.connect(path)
    baseline_matrix = timed(lambda: raw.execute(
        "SELECT strftime('%Y', m.start_date), s.country_code, r.country_code, count(*) FROM mobility_records m "
        "JOIN universities s ON s.id = m.sending_university_id JOIN universities r ON r.id = m.receiving_university_id "
        "GROUP BY 1, 2, 3").fetchall())
    service_matrix = timed(lambda: mobility.flow_matrix(db))
    baseline_list = timed(lambda: raw.execute(
        "SELECT m.*, s.display_name, s.country_code, r.display_name, r.country_code FROM mobility_records m "
        "JOIN universities s ON s.id = m.sending_university_id JOIN universities r ON r.id = m.receiving_university_id "
        "ORDER BY m.start_date DESC, m.id").fetchall(), 1)
    service_list = timed(lambda: mobility.list_mobility(db), 1)
    print(f"records: {records}")
    print(f"flow matrix: service {service_matrix * 1000:.1f} ms, raw sqlite3 {baseline_matrix * 1000:.1f} ms, "
          f"ratio {service_matrix / baseline_matrix:.2f}")
    print(f"mobility list: service {service_list * 1000:.1f} ms, raw sqlite3 {baseline_list * 1000:.1f} ms, "
          f"ratio {service_list / baseline_list:.2f}")
    db.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
