"""Mobility & events at scale: 100,000 mobility records and 100,000 joint events, each figure beside raw
sqlite3 doing the equivalent query in the same run.

    python benchmarks/mobility_bench.py [--records 100000] [--events 100000]

Not a test (no assertions on time). It builds a migrated database (universities through the service,
the records with bulk inserts), then reports the median of several runs of
  * the first page of the mobility list through the service (what the list model asks for when the page
    opens) and the same SELECT through raw sqlite3 — target: within 2x;
  * the same with a year filter, and with a search word;
  * the count shown under the list, against raw sqlite3's COUNT;
  * the first page of the events list (with each event's partners and document count) against the same
    three queries through raw sqlite3;
  * the list model opening (count, first page, university names in the reader's language).
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

STATES = ["KZ", "CN", "RU", "TR", "KR", "UZ", "KG", "MN", "IR", "IN"]
COLUMNS = ("m.id, m.uuid, m.person_kind, m.format, m.sending_university_id, s.display_name, s.country_code, "
           "m.receiving_university_id, r.display_name, r.country_code, m.start_date, m.end_date, m.agreement_id, "
           "m.programme_uuid, m.funding, m.person_name, m.person_email, m.birth_date, m.start_date")
JOINS = ("FROM mobility_records m JOIN universities s ON s.id = m.sending_university_id "
         "JOIN universities r ON r.id = m.receiving_university_id")


def timed(function, runs: int = 15) -> float:
    """Median wall-clock milliseconds of ``runs`` calls (after one warm-up call)."""
    function()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def build(path: Path, records: int, events: int) -> list[int]:
    from sqlalchemy import insert

    from desktop_app.domain.universities import NameDraft, UniversityDraft
    from desktop_app.services import universities
    from desktop_app.storage.database import Database
    from desktop_app.storage.models import AttachedDocument, JointEvent, JointEventPartner, MobilityRecord
    from desktop_app.storage.schema import upgrade

    url = f"sqlite:///{path}"
    upgrade(url, make_backup=False)
    db = Database(url)
    ids = [universities.create(db, UniversityDraft(state, [NameDraft(f"University {state} {i}", "en")]))
           for state in STATES for i in range(5)]
    rng = random.Random(1)
    kinds, formats = ["student", "faculty", "researcher"], ["short_term", "semester", "internship", "guest_lecture"]
    rows = []
    for number in range(records):
        sending, receiving = rng.sample(ids, 2)
        start = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(6 * 365))
        rows.append({"uuid": str(uuid.UUID(int=rng.getrandbits(128))), "person_kind": rng.choice(kinds),
                     "format": rng.choice(formats), "person_name": f"Person Number{number}",
                     "person_email": f"p{number}@example.org", "sending_university_id": sending,
                     "receiving_university_id": receiving, "start_date": start,
                     "end_date": start + dt.timedelta(days=120), "funding": rng.choice(["", "State grant", "Erasmus+"]),
                     "notes": ""})
    event_rows = []
    for number in range(events):
        start = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(6 * 365))
        event_rows.append({"id": number + 1, "uuid": str(uuid.UUID(int=rng.getrandbits(128))),
                           "kind": rng.choice(["conference", "workshop", "symposium"]), "title": f"Event {number}",
                           "start_date": start, "end_date": start + dt.timedelta(days=2),
                           "host_university_id": rng.choice(ids), "participants": rng.randrange(500),
                           "outcome": "", "notes": ""})
    partners = [{"event_id": row["id"], "university_id": university} for row in event_rows
                for university in rng.sample([i for i in ids if i != row["host_university_id"]], 2)]
    documents = [{"uuid": str(uuid.UUID(int=rng.getrandbits(128))), "owner_type": "event", "owner_id": row["id"],
                  "file_name": "outcome.pdf", "media_type": "application/pdf", "size": 4, "sha256": "0" * 64,
                  "content": b"%PDF", "description": ""} for row in event_rows[::10]]
    with db.transaction() as session:
        for table, values in ((MobilityRecord, rows), (JointEvent, event_rows), (JointEventPartner, partners),
                              (AttachedDocument, documents)):
            for start in range(0, len(values), 20_000):
                session.execute(insert(table), values[start:start + 20_000])
    db.close()
    return ids


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    os.environ["CICA_COORDINATOR_HOME"] = str(folder / "home")
    path = folder / "bench.sqlite3"
    started = time.perf_counter()
    build(path, args.records, args.events)
    print(f"built {args.records:,} mobility records and {args.events:,} events "
          f"in {time.perf_counter() - started:.1f} s")

    from desktop_app.services import events, mobility
    from desktop_app.storage.database import Database

    db = Database(f"sqlite:///{path}")
    raw = sqlite3.connect(path)
    figures = []

    def compare(label: str, service, baseline) -> None:
        ours, theirs = timed(service), timed(baseline)
        figures.append((label, ours, theirs))

    compare("mobility list, first page",
            lambda: mobility.page(db, mobility.MobilityQuery()),
            lambda: raw.execute(f"SELECT {COLUMNS} {JOINS} ORDER BY m.start_date DESC, m.id DESC LIMIT 200").fetchall())
    compare("mobility list, first page of 2023",
            lambda: mobility.page(db, mobility.MobilityQuery(year=2023)),
            lambda: raw.execute(f"SELECT {COLUMNS} {JOINS} WHERE m.start_date >= '2023-01-01' AND m.start_date < "
                                "'2024-01-01' ORDER BY m.start_date DESC, m.id DESC LIMIT 200").fetchall())
    last = mobility.page(db, mobility.MobilityQuery()).after
    compare("mobility list, second page",
            lambda: mobility.page(db, mobility.MobilityQuery(), last),
            lambda: raw.execute(f"SELECT {COLUMNS} {JOINS} WHERE (m.start_date, m.id) < (?, ?) "
                                "ORDER BY m.start_date DESC, m.id DESC LIMIT 200",
                                (last[0].isoformat(), last[1])).fetchall())
    from desktop_app.domain.text import fold_for_search

    raw.create_function("cica_fold", 1, fold_for_search, deterministic=True)
    named = ("SELECT university_id FROM university_names WHERE instr(cica_fold(value), 'number4711') > 0 UNION "
             "SELECT id FROM universities WHERE instr(cica_fold(acronym), 'number4711') > 0")
    found = " OR ".join([f"m.sending_university_id IN ({named})", f"m.receiving_university_id IN ({named})"] + [
        f"instr(cica_fold({column}), 'number4711') > 0" for column in ("m.person_name", "m.person_email", "m.funding",
                                                                          "m.notes")])
    compare("mobility list, search 'number4711' (the whole table)",
            lambda: mobility.page(db, mobility.MobilityQuery(search="number4711")),
            lambda: raw.execute(f"SELECT {COLUMNS} {JOINS} WHERE {found} "
                                "ORDER BY m.start_date DESC, m.id DESC LIMIT 200").fetchall())
    compare("mobility count (the list's label)",
            lambda: mobility.count(db),
            lambda: raw.execute("SELECT count(*) FROM mobility_records").fetchone())

    def raw_events() -> list:
        rows = raw.execute("SELECT e.id, e.uuid, e.kind, e.title, e.start_date, e.end_date, e.host_university_id, "
                           "u.display_name, u.country_code, e.participants, e.area_key, e.outcome, (SELECT count(*) "
                           "FROM attached_documents d WHERE d.owner_type = 'event' AND d.owner_id = e.id) "
                           "FROM joint_events e JOIN universities u ON u.id = e.host_university_id "
                           "ORDER BY e.start_date DESC, e.id DESC LIMIT 200").fetchall()
        marks = ",".join("?" * len(rows))
        raw.execute(f"SELECT p.event_id, u.id, u.display_name FROM joint_event_partners p JOIN universities u "
                    f"ON u.id = p.university_id WHERE p.event_id IN ({marks}) ORDER BY p.event_id, u.display_name",
                    [row[0] for row in rows]).fetchall()
        return rows

    compare("events list, first page (partners, documents)", lambda: events.page(db, events.EventQuery()), raw_events)
    compare("events count", lambda: events.count(db),
            lambda: raw.execute("SELECT count(*) FROM joint_events").fetchone())

    from PySide6.QtWidgets import QApplication

    from desktop_app.ui.mobility.models import EventTableModel, MobilityTableModel

    QApplication([])

    def open_model(model_class):
        model = model_class()
        model.set_database(db)
        return model

    def raw_names(university_ids: set[int]) -> None:
        marks = ",".join("?" * len(university_ids))
        raw.execute(f"SELECT university_id, value FROM university_names WHERE university_id IN ({marks}) AND lang = ? "
                    "AND kind != 'alias' ORDER BY university_id, position", [*university_ids, "en"]).fetchall()

    def raw_opening() -> None:
        raw.execute("SELECT count(*) FROM mobility_records").fetchone()
        rows = raw.execute(f"SELECT {COLUMNS} {JOINS} ORDER BY m.start_date DESC, m.id DESC LIMIT 200").fetchall()
        raw_names({row[4] for row in rows} | {row[7] for row in rows})

    def raw_events_opening() -> None:
        raw.execute("SELECT count(*) FROM joint_events").fetchone()
        rows = raw_events()
        raw_names({row[6] for row in rows})

    compare("mobility list model opening (count, page, names)", lambda: open_model(MobilityTableModel), raw_opening)
    compare("events list model opening (count, page, names)", lambda: open_model(EventTableModel),
            raw_events_opening)

    width = max(len(label) for label, _ours, _theirs in figures)
    print(f"{'figure'.ljust(width)}  service    raw sqlite3  ratio")
    for label, ours, theirs in figures:
        print(f"{label.ljust(width)}  {ours:7.2f} ms  {theirs:7.2f} ms  {ours / theirs:5.2f}x")
    db.close()


if __name__ == "__main__":
    main()
