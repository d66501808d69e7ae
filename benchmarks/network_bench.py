"""The working group's consolidation at scale: the packages of 28 member states, each with 2,000
universities and 50,000 recognition cases, received into one database, then the network register
built as a PDF — each beside raw sqlite3 doing the bare work in the same run.

    python benchmarks/network_bench.py [--states 28] [--universities 2000] [--cases 50000] [--quick]

Not a test (no assertions on time). For each state it generates a migrated SQLite database with raw
sqlite3 (its universities — a fifth of them partners also held by other states under the same ROR id —
and its recognition cases), and exports its package through the package writer, signed with a key of
the state's own. Then it reports:

  * consolidation through the application (``package import`` of every package into one empty
    database: checks, signatures, checksums, three-way comparison, institutions linked by ROR id)
    beside the bare SQL of the consolidation (each state's database attached, its universities inserted
    unless one with the same ROR id is there, its cases inserted);
  * the network register PDF through the report engine beside the bare SQL of the register (every
    university with the states holding it, by country and name).

``--quick`` runs 5 states of 400 universities and 5,000 cases.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sqlite3
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.recognition_bench import generate as generate_cases  # noqa: E402

ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
SHARED_SHARE = 5  # one university in five is a partner other states hold too
POOL = 600  # partners shared across the network


def ror_id(number: int) -> str:
    """A well-formed ROR id (with its check digits) for a number."""
    from desktop_app.domain.universities import ror_check_digits

    digits = []
    for _ in range(6):
        number, rest = divmod(number, 32)
        digits.append(ALPHABET[rest])
    body = "0" + "".join(reversed(digits))
    return body + ror_check_digits(body)


def state_codes(count: int) -> list[str]:
    from desktop_app.domain.reference import MEMBER_STATES

    return [state.code for state in MEMBER_STATES][:count]


def generate_state(path: Path, code: str, index: int, universities: int, cases: int, codes: list[str]) -> None:
    """A state's database: its universities (some shared partners), its cases, its identity."""
    generate_cases(path, cases, seed=index + 1)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA synchronous=OFF")
    now = dt.datetime.now(dt.UTC).isoformat(" ")
    rng = random.Random(index)
    rows = []
    for number in range(1, universities + 1):
        if number % SHARED_SHARE == 0:  # a partner abroad, the same institution in every state's register
            shared = rng.randrange(POOL)
            country, name, ror = codes[shared % len(codes)], f"Partner university {shared}", ror_id(shared)
        else:
            country, name = code, f"University number {number} of {code}"
            ror = ror_id(1_000_000 + index * 100_000 + number)
        rows.append((str(uuid.uuid4()), country, f"City {number % 300}", name, name.lower(), ror, now, now, code))
    rows = list({row[5]: row for row in rows}.values())  # a partner drawn twice is one record
    connection.executemany(
        "INSERT INTO universities (uuid, country_code, city, display_name, search_text, ror_id, created_at, "
        "updated_at, owner_state, website, network_role, status, acronym, institution_type, notes, top500) "
        "VALUES (?,?,?,?,?,?,?,?,?,'','partner','active','','university','',0)", rows)
    connection.execute("UPDATE recognition_cases SET owner_state = ?, reference = ? || '-' || reference", (code, code))
    connection.execute("INSERT INTO database_identity (id, state_code, set_at) VALUES (1, ?, ?)", (code, now))
    connection.commit()
    connection.close()


def export_state(path: Path, out: Path, code: str) -> Path:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from desktop_app.domain.preferences import Options
    from desktop_app.exchange.package_writer import export_package
    from desktop_app.storage.database import Database

    db = Database(f"sqlite:///{path}")
    try:
        return export_package(db, out, options=Options(member_state=code), key=Ed25519PrivateKey.generate()).path
    finally:
        db.close()


def fresh(path: Path) -> None:
    from desktop_app.storage.schema import upgrade

    upgrade(f"sqlite:///{path}", make_backup=False)


def app_consolidate(target: Path, packages: list[Path]) -> float:
    from desktop_app.domain.preferences import Options
    from desktop_app.exchange.package_import import import_package
    from desktop_app.storage.database import Database

    db = Database(f"sqlite:///{target}")
    start = time.perf_counter()
    for package in packages:
        import_package(db, package, options=Options(), trust_key=True, backups_kept=0)
    elapsed = time.perf_counter() - start
    db.close()
    return elapsed


UNIVERSITY_COLUMNS = ("uuid, country_code, city, display_name, search_text, ror_id, created_at, updated_at, "
                      "owner_state, website, network_role, status, acronym, institution_type, notes, top500")


def raw_consolidate(target: Path, sources: list[Path]) -> float:
    """The bare SQL: every state's universities (one per ROR id) and cases copied into one database."""
    start = time.perf_counter()
    connection = sqlite3.connect(target, isolation_level=None)
    columns = [row[1] for row in connection.execute("PRAGMA table_info(recognition_cases)") if row[1] != "id"]
    case_columns = ", ".join(columns)
    for source in sources:
        connection.execute("ATTACH DATABASE ? AS state", (str(source),))
        connection.execute("BEGIN")
        connection.execute(f"INSERT INTO universities ({UNIVERSITY_COLUMNS}) SELECT {UNIVERSITY_COLUMNS} "
                           "FROM state.universities WHERE ror_id NOT IN "
                           "(SELECT ror_id FROM main.universities WHERE ror_id IS NOT NULL)")
        connection.execute(f"INSERT INTO recognition_cases ({case_columns}) SELECT {case_columns} "
                           "FROM state.recognition_cases")
        connection.execute("COMMIT")
        connection.execute("DETACH DATABASE state")
    connection.close()
    return time.perf_counter() - start


def app_register(target: Path, out: Path) -> tuple[float, int]:
    from desktop_app.domain.preferences import Options
    from desktop_app.reports import registry
    from desktop_app.reports.model import ReportOptions
    from desktop_app.services import network_data
    from desktop_app.storage.database import Database

    db = Database(f"sqlite:///{target}")
    start = time.perf_counter()
    registry.build_report(db, "network-register", "pdf", out, ReportOptions.with_preferences(Options(), lang="en"))
    elapsed = time.perf_counter() - start
    count = len(network_data.institutions(db, network_data.NetworkFilter()))
    db.close()
    return elapsed, count


def raw_register(target: Path) -> tuple[float, int]:
    """The bare SQL of the register: each university with the states holding it, by country and name."""
    start = time.perf_counter()
    connection = sqlite3.connect(target)
    rows = connection.execute(
        "SELECT u.country_code, u.display_name, u.city, u.ror_id, group_concat(h.state, ', ') "
        "FROM universities u JOIN (SELECT id, owner_state AS state FROM universities WHERE owner_state IS NOT NULL "
        "UNION SELECT u2.id, l.state_code FROM universities u2 JOIN linked_records l ON l.local_uuid = u2.uuid "
        "WHERE l.kind = 'university') h ON h.id = u.id "
        "GROUP BY u.id ORDER BY u.country_code, u.display_name").fetchall()
    connection.close()
    return time.perf_counter() - start, len(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--states", type=int, default=28)
    parser.add_argument("--universities", type=int, default=2000)
    parser.add_argument("--cases", type=int, default=50000)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    if args.quick:
        args.states, args.universities, args.cases = 5, 400, 5000
    codes = state_codes(args.states)
    with tempfile.TemporaryDirectory(prefix="cica-network-bench-") as scratch:
        folder = Path(scratch)
        start = time.perf_counter()
        sources, packages = [], []
        for index, code in enumerate(codes):
            source = folder / f"{code}.sqlite3"
            generate_state(source, code, index, args.universities, args.cases, codes)
            sources.append(source)
            packages.append(export_state(source, folder / f"{code.lower()}.cicapkg", code))
        print(f"{len(codes)} states × {args.universities:,} universities and {args.cases:,} cases: generated and "
              f"exported in {time.perf_counter() - start:.1f} s "
              f"({sum(p.stat().st_size for p in packages) / 2**20:.1f} MB of packages)")
        target, raw_target = folder / "network.sqlite3", folder / "raw.sqlite3"
        fresh(target)
        fresh(raw_target)
        raw = raw_consolidate(raw_target, sources)
        ours = app_consolidate(target, packages)
        print(f"consolidation: application {ours:.2f} s, bare SQL {raw:.2f} s — {ours / raw:.1f}x")
        raw_time, raw_rows = raw_register(target)
        app_time, institutions = app_register(target, folder / "register.pdf")
        print(f"network register: {institutions:,} institutions ({raw_rows:,} by the bare SQL); PDF "
              f"{app_time:.2f} s, bare SQL {raw_time:.3f} s — {app_time / raw_time:.0f}x "
              f"({(folder / 'register.pdf').stat().st_size / 2**20:.1f} MB)")


if __name__ == "__main__":
    main()
