"""The national data package at scale: export and import of 100,000 universities and 1,000,000
recognition cases, each beside raw sqlite3 doing the equivalent in the same run.

    python benchmarks/package_bench.py [--universities 100000] [--cases 1000000] [--quick] [--keep DIR]

Not a test (no assertions on time). It generates a migrated SQLite database with raw sqlite3
executemany (universities with their names and status history, recognition cases), then reports:

  * export through the application (``package export``: consistent read, snapshot encoding, canonical
    JSON Lines, ZIP, checksums, signature) beside a raw ``SELECT`` of the same tables streamed to
    JSON Lines — target at least 0.5x;
  * import into an empty database (``package import``: checks, checksums, three-way comparison, bulk
    insert, merge bases) beside raw ``executemany`` of the same rows — target at least 0.3x;
  * peak memory (maximum resident set) of export and import at a tenth of the records and at all of
    them, each in its own process — flat when the two are close.

``--quick`` runs with 2,000 universities and 20,000 cases.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.recognition_bench import generate as generate_cases  # noqa: E402

TABLES = ("universities", "university_names", "university_status_changes", "recognition_cases")
COUNTRIES = ["KZ", "TR", "RU", "CN", "IR", "MN", "KR", "UZ", "AZ", "IN", "TJ", "KG", "PK", "TH"]


def generate(path: Path, universities: int, cases: int) -> float:
    """A KZ database: universities with two names and a status change each, then the cases."""
    start = time.perf_counter()
    generate_cases(path, cases)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA synchronous=OFF")
    now = dt.datetime.now(dt.UTC).isoformat(" ")
    rng = random.Random(7)
    rows, names, history = [], [], []
    for number in range(1, universities + 1):
        country = rng.choice(COUNTRIES)
        rows.append((number, str(uuid.uuid4()), country, f"City {number % 500}", f"https://u{number}.example.edu",
                     f"University number {number} of {country}", f"university number {number} | city {number % 500}",
                     "member", "active", now, now))
        names.append((number, str(uuid.uuid4()), f"University number {number} of {country}", "en", "official", 0, 1,
                      now, now))
        names.append((number, str(uuid.uuid4()), f"Университет № {number}", "ru", "label", 1, 0, now, now))
        history.append((number, str(uuid.uuid4()), "active", "2024-09-20", now, now))
    connection.executemany(
        "INSERT INTO universities (id, uuid, country_code, city, website, display_name, search_text, network_role, "
        "status, created_at, updated_at, acronym, institution_type, notes, top500, owner_state) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,'','university','',0,'KZ')", rows)
    connection.executemany(
        "INSERT INTO university_names (university_id, uuid, value, lang, kind, position, is_primary, created_at, "
        "updated_at) VALUES (?,?,?,?,?,?,?,?,?)", names)
    connection.executemany(
        "INSERT INTO university_status_changes (university_id, uuid, status, changed_on, note, created_at, "
        "updated_at) VALUES (?,?,?,?,'',?,?)", history)
    connection.execute("UPDATE recognition_cases SET owner_state = 'KZ'")
    connection.execute("INSERT INTO database_identity (id, state_code, set_at) VALUES (1, 'KZ', ?)", (now,))
    connection.commit()
    connection.close()
    return time.perf_counter() - start


def fresh(path: Path) -> None:
    from desktop_app.storage.schema import upgrade

    upgrade(f"sqlite:///{path}", make_backup=False)


# --- the application ---------------------------------------------------------------------------------------

def app_export(source: Path, out: Path) -> float:
    from desktop_app.domain.preferences import Options
    from desktop_app.exchange.package_writer import export_package
    from desktop_app.storage.database import Database

    db = Database(f"sqlite:///{source}")
    start = time.perf_counter()
    export_package(db, out, options=Options(member_state="KZ"), personal=True)
    elapsed = time.perf_counter() - start
    db.close()
    return elapsed


def app_import(target: Path, package: Path) -> float:
    from desktop_app.domain.preferences import Options
    from desktop_app.exchange.package_import import import_package
    from desktop_app.storage.database import Database

    db = Database(f"sqlite:///{target}")
    start = time.perf_counter()
    result = import_package(db, package, options=Options(member_state="IR"), trust_key=True, backups_kept=0)
    elapsed = time.perf_counter() - start
    db.close()
    totals = result.totals()
    assert totals["refused"] == 0 and totals["conflicts"] == 0, totals
    return elapsed


# --- raw sqlite3, the same work without the application -----------------------------------------------------

def raw_export(source: Path, out: Path) -> float:
    """SELECT every row of the same tables, streamed to JSON Lines."""
    start = time.perf_counter()
    connection = sqlite3.connect(source)
    with out.open("w", encoding="utf-8") as handle:
        for table in TABLES:
            cursor = connection.execute(f"SELECT * FROM {table} ORDER BY uuid")
            columns = [d[0] for d in cursor.description]
            while rows := cursor.fetchmany(5000):
                handle.write("".join(json.dumps({"table": table, **dict(zip(columns, row, strict=True))},
                                                ensure_ascii=False) + "\n" for row in rows))
    connection.close()
    return time.perf_counter() - start


def raw_import(target: Path, lines: Path) -> float:
    """The rows of the raw JSON Lines inserted with executemany into an empty database."""
    start = time.perf_counter()
    connection = sqlite3.connect(target)
    connection.execute("PRAGMA foreign_keys=ON")
    batches: dict[str, list] = {}
    statements: dict[str, str] = {}

    def flush(table: str) -> None:
        if batches.get(table):
            connection.executemany(statements[table], batches[table])
            batches[table] = []

    with lines.open(encoding="utf-8") as handle:
        for text in handle:
            row = json.loads(text)
            table = row.pop("table")
            if table not in statements:
                for other in list(batches):
                    flush(other)
                statements[table] = (f"INSERT INTO {table} ({', '.join(row)}) "
                                     f"VALUES ({', '.join('?' * len(row))})")
            batches.setdefault(table, []).append(tuple(row.values()))
            if len(batches[table]) >= 5000:
                flush(table)
    for table in list(batches):
        flush(table)
    connection.commit()
    connection.close()
    return time.perf_counter() - start


# --- one phase per process, for its peak memory -----------------------------------------------------------

def phase(name: str, *paths: str) -> None:
    functions = {"app_export": app_export, "app_import": app_import, "raw_export": raw_export,
                 "raw_import": raw_import}
    seconds = functions[name](*map(Path, paths))
    print(json.dumps({"seconds": seconds, "peak_mb": _peak_mb()}))


def _peak_mb() -> float:
    """This process's peak resident memory. VmHWM belongs to the program (``ru_maxrss`` would carry the
    peak of the parent that started it across fork and exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_phase(name: str, *paths: Path) -> dict:
    output = subprocess.run([sys.executable, __file__, "--phase", name, *map(str, paths)], check=True,
                            capture_output=True, text=True, env={**os.environ}).stdout
    return json.loads(output.strip().splitlines()[-1])


def measure(folder: Path, universities: int, cases: int) -> dict:
    source, target, raw_target = folder / "source.sqlite3", folder / "target.sqlite3", folder / "raw.sqlite3"
    package, lines = folder / "kz.cicapkg", folder / "raw.jsonl"
    generated = generate(source, universities, cases)
    fresh(target)
    fresh(raw_target)
    figures = {"generated": generated, "records": universities + cases, "package_mb": 0.0}
    figures["raw_export"] = run_phase("raw_export", source, lines)
    figures["app_export"] = run_phase("app_export", source, package)
    figures["package_mb"] = package.stat().st_size / 2**20
    figures["raw_import"] = run_phase("raw_import", raw_target, lines)
    figures["app_import"] = run_phase("app_import", target, package)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--universities", type=int, default=100_000)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="2,000 universities and 20,000 cases")
    parser.add_argument("--keep", type=Path, help="keep the databases and packages in this folder")
    parser.add_argument("--phase", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        phase(*args.phase)
        return
    if args.quick:
        args.universities, args.cases = 2_000, 20_000
    os.environ.setdefault("CICA_COORDINATOR_HOME", tempfile.mkdtemp(prefix="cica-bench-home-"))
    sizes = [(max(1, args.universities // 10), max(1, args.cases // 10)), (args.universities, args.cases)]
    results = []
    for universities, cases in sizes:
        folder = args.keep / f"{universities}-{cases}" if args.keep else Path(tempfile.mkdtemp(prefix="cica-pkg-"))
        folder.mkdir(parents=True, exist_ok=True)
        print(f"{universities:,} universities and {cases:,} recognition cases …", flush=True)
        figures = measure(folder, universities, cases)
        results.append((universities, cases, figures))
        for what in ("export", "import"):
            app, raw = figures[f"app_{what}"], figures[f"raw_{what}"]
            print(f"  {what}: application {app['seconds']:.1f} s, raw sqlite3 {raw['seconds']:.1f} s "
                  f"-> {raw['seconds'] / app['seconds']:.2f}x raw; peak memory {app['peak_mb']:.0f} MB "
                  f"(raw {raw['peak_mb']:.0f} MB)")
        print(f"  package: {figures['package_mb']:.1f} MB for {figures['records']:,} records", flush=True)
    (small_u, small_c, small), (_u, _c, full) = results
    print("\nPeak memory, a tenth of the records -> all of them (flat when close):")
    for what in ("export", "import"):
        print(f"  {what}: {small[f'app_{what}']['peak_mb']:.0f} MB -> {full[f'app_{what}']['peak_mb']:.0f} MB")
    print("\nTargets: export >= 0.5x raw SELECT to JSON Lines; import >= 0.3x raw executemany.")


if __name__ == "__main__":
    main()
