"""Organisations and decisions at scale: 100,000 organisations and 100,000 decisions (each with two texts and
two follow-up actions), each figure beside raw sqlite3 doing the equivalent queries in the same run.

    python benchmarks/governance_bench.py [--organisations 100000] [--decisions 100000]

Not a test (no assertions on time). It builds a migrated database with bulk inserts, then reports the
median of several runs of
  * the first page of the organisations list through the service (rows, then their names and standings)
    and the same three SELECTs through raw sqlite3 — target: within 2x;
  * the same with a search word;
  * the first page of the decisions register (rows with their body, then their follow-up actions, texts
    and the bodies' names) against the same four queries through raw sqlite3;
  * the decisions with an overdue action only (an EXISTS over the follow-up actions).
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

KINDS = ["ministry", "qa_agency", "accreditation_agency", "association", "enterprise"]
STATES = ["KZ", "CN", "RU", "TR", "KR", "UZ", "KG", "MN", "IR", "IN"]
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


def build(path: Path, organisations: int, decisions: int) -> None:
    from sqlalchemy import insert, select

    from desktop_app.domain.text import fold_for_search
    from desktop_app.storage.database import Database
    from desktop_app.storage.models import (
        Body,
        Decision,
        DecisionText,
        FollowUpAction,
        Organisation,
        OrganisationName,
        OrganisationStanding,
    )
    from desktop_app.storage.schema import upgrade

    url = f"sqlite:///{path}"
    upgrade(url, make_backup=False)
    db = Database(url)
    rng = random.Random(1)
    with db.transaction() as session:
        first = session.execute(select(Organisation.id).order_by(Organisation.id.desc())).scalar() or 0
        rows, names, standings = [], [], []
        for number in range(organisations):
            name = f"Organisation {number} of {rng.choice(STATES)}"
            rows.append({"uuid": _uuid(rng), "kind": rng.choice(KINDS), "country_code": rng.choice(STATES),
                         "acronym": f"O{number}", "city": "", "website": "", "notes": "", "display_name": name,
                         "search_text": fold_for_search(name)})
            names.append({"uuid": _uuid(rng), "organisation_id": first + number + 1, "value": name, "lang": "en",
                          "kind": "official", "position": 0})
            if number % 5 == 0:
                standings.append({"uuid": _uuid(rng), "organisation_id": first + number + 1, "position": 0,
                                  "kind": "eqar_registered", "valid_from": dt.date(2020, 1, 1), "valid_to": None,
                                  "reference": "", "notes": ""})
        session.execute(insert(Organisation), rows)
        session.execute(insert(OrganisationName), names)
        session.execute(insert(OrganisationStanding), standings)
        body_ids = [row[0] for row in session.execute(select(Body.id))]
        decision_rows, texts, actions = [], [], []
        for number in range(decisions):
            title = f"Recommendation {number}"
            decision_rows.append({"uuid": _uuid(rng), "kind": "recommendation", "body_id": rng.choice(body_ids),
                                  "reference": f"R/{number}", "notes": "", "title": title,
                                  "adopted_on": dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(6 * 365)),
                                  "search_text": fold_for_search(title)})
        session.execute(insert(Decision), decision_rows)
        for decision_id in range(1, decisions + 1):
            for lang in ("en", "ru"):
                texts.append({"uuid": _uuid(rng), "decision_id": decision_id, "position": 0, "lang": lang,
                              "title": f"Recommendation {decision_id} ({lang})", "body": ""})
            for position in range(2):
                actions.append({"uuid": _uuid(rng), "decision_id": decision_id, "position": position,
                                "description": "Do what is asked", "responsible": "Working group",
                                "deadline": dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(4 * 365)),
                                "status": rng.choice(["open", "in_progress", "done"]), "evidence": ""})
        session.execute(insert(DecisionText), texts)
        session.execute(insert(FollowUpAction), actions)
    db.close()


def raw_organisations(connection: sqlite3.Connection, search: str = "") -> None:
    where, params = ("WHERE search_text LIKE ?", [f"%{search}%"]) if search else ("", [])
    rows = connection.execute(
        f"SELECT id, uuid, kind, country_code, display_name, acronym, city, website, owner_state, display_name "
        f"FROM organisations {where} ORDER BY display_name, id LIMIT 200", params).fetchall()
    ids = ",".join(str(row[0]) for row in rows) or "0"
    connection.execute(f"SELECT organisation_id, value, lang FROM organisation_names WHERE organisation_id IN ({ids}) "
                       "AND kind != 'alias' ORDER BY organisation_id, position, id").fetchall()
    connection.execute(f"SELECT * FROM organisation_standings WHERE organisation_id IN ({ids}) "
                       "ORDER BY organisation_id, position").fetchall()


def raw_decisions(connection: sqlite3.Connection, overdue: bool = False) -> None:
    where = ("WHERE EXISTS (SELECT 1 FROM follow_up_actions f WHERE f.decision_id = d.id AND f.status IN "
             "('in_progress', 'open') AND f.deadline IS NOT NULL AND f.deadline < ?)") if overdue else ""
    rows = connection.execute(
        "SELECT d.id, d.uuid, d.kind, d.body_id, b.display_name, d.reference, d.adopted_on, d.title "
        f"FROM decisions d JOIN bodies b ON b.id = d.body_id {where} ORDER BY d.adopted_on DESC, d.id DESC LIMIT 200",
        [TODAY.isoformat()] if overdue else []).fetchall()
    ids = ",".join(str(row[0]) for row in rows) or "0"
    bodies = ",".join({str(row[3]) for row in rows}) or "0"
    connection.execute("SELECT f.id, f.decision_id, d.title, f.description, f.deadline, f.status, f.organisation_id, "
                       "f.university_id, f.responsible, f.completed_on, f.evidence FROM follow_up_actions f "
                       f"JOIN decisions d ON d.id = f.decision_id WHERE f.decision_id IN ({ids}) "
                       "ORDER BY f.decision_id, f.position").fetchall()
    connection.execute(f"SELECT decision_id, lang, title FROM decision_texts WHERE decision_id IN ({ids}) "
                       "ORDER BY position").fetchall()
    connection.execute(f"SELECT body_id, lang, value FROM body_names WHERE body_id IN ({bodies}) "
                       "ORDER BY position").fetchall()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--organisations", type=int, default=100_000)
    parser.add_argument("--decisions", type=int, default=100_000)
    args = parser.parse_args()
    from desktop_app.services import decisions, organisations
    from desktop_app.storage.database import Database

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "governance.sqlite3"
        started = time.perf_counter()
        build(path, args.organisations, args.decisions)
        print(f"built {args.organisations:,} organisations and {args.decisions:,} decisions "
              f"in {time.perf_counter() - started:.1f} s")
        db = Database(f"sqlite:///{path}")
        connection = sqlite3.connect(path)
        figures = [
            ("organisations, first page", lambda: organisations.page(db),
             lambda: raw_organisations(connection)),
            ("organisations, search 'organisation 4242'",
             lambda: organisations.page(db, organisations.OrganisationQuery(search="organisation 4242")),
             lambda: raw_organisations(connection, "organisation 4242")),
            ("decisions, first page", lambda: decisions.page(db), lambda: raw_decisions(connection)),
            ("decisions with an overdue action", lambda: decisions.page(db, decisions.DecisionQuery(
                overdue=True, today=TODAY)), lambda: raw_decisions(connection, overdue=True)),
        ]
        for title, service, raw in figures:
            ours, theirs = timed(service), timed(raw)
            print(f"{title:45s} service {ours:8.2f} ms   raw sqlite3 {theirs:8.2f} ms   ratio {ours / theirs:5.2f}x")
        connection.close()
        db.close()


if __name__ == "__main__":
    main()
