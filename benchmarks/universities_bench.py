"""Benchmark of the university register (not a test): each figure beside raw sqlite3 doing the same
work in the same run, so the ratios hold on any machine.

    python benchmarks/universities_bench.py [--rows 100000] [--ror ../shared/data/ror_cica_education.jsonl]

1. Import of the ROR file: preview + apply through the application vs. json parsing + executemany.
2. Import of N generated universities from a CSV file: preview (validation, duplicate detection) +
   apply vs. csv reading + executemany of the same rows (universities, names, status history).
3. Search over N rows: count + first page of 100 through the service vs. the same substring scan
   (count, then the first 100 by name) in raw SQL.
4. Memory of the open register view (model + table view scrolled end to end) at N/10 and N rows.
Targets: import >= 0.3x raw; search < 100 ms at 100,000 rows; view memory independent of N.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.domain.text import fold_for_search
from desktop_app.storage.schema import upgrade

WORK = Path(tempfile.mkdtemp(prefix="cica-bench-"))
os.environ["CICA_COORDINATOR_HOME"] = str(WORK / "home")
TEMPLATE = WORK / "template.sqlite3"

STEMS = ["Technical", "State", "National", "Pedagogical", "Medical", "Agrarian", "Economic", "Linguistic"]
KK = ["техникалық", "мемлекеттік", "ұлттық", "педагогикалық", "медициналық", "аграрлық", "экономикалық", "тіл"]
TR = ["Teknik", "Devlet", "Ulusal", "Eğitim", "Tıp", "Tarım", "İktisat", "Dil"]
FA = ["فنی", "دولتی", "ملی", "تربیت", "پزشکی", "کشاورزی", "اقتصاد", "زبان"]
COUNTRIES = ["KZ", "TR", "IR", "UZ", "RU", "CN", "IN", "KG"]


def fresh_db(name: str) -> Path:
    path = WORK / f"{name}.sqlite3"
    path.write_bytes(TEMPLATE.read_bytes())
    return path


def generated_csv(rows: int) -> Path:
    path = WORK / f"generated-{rows}.csv"
    rng = random.Random(7)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["name", "name_kk", "name_tr", "name_fa", "country", "city", "acronym"])
        for i in range(rows):
            k = rng.randrange(len(STEMS))
            writer.writerow([f"{STEMS[k]} University No. {i}", f"№{i} {KK[k]} университеті",
                             f"{i} Numaralı {TR[k]} Üniversitesi", f"دانشگاه {FA[k]} {i}",
                             COUNTRIES[i % len(COUNTRIES)], f"City {i % 977}", f"U{i}"])
    return path


def raw_insert(path: Path, universities: list[tuple], names: list[list[tuple]]) -> None:
    """What the application writes, by hand: universities, their names, one status-history row each."""
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA foreign_keys=ON")
    now = "2026-01-01 00:00:00"
    with connection:
        cursor = connection.executemany(
            "INSERT INTO universities (country_code, city, website, ror_id, acronym, institution_type, network_role,"
            " status, status_since, established, notes, display_name, search_text, top500, uuid, created_at,"
            " updated_at) VALUES (?,?,?,?,?,'university','candidate','candidate','2026-01-01',NULL,'',?,?,0,?,?,?)",
            [(*u, str(uuid.uuid4()), now, now) for u in universities])
        first = connection.execute("SELECT min(id) FROM universities").fetchone()[0]
        del cursor
        connection.executemany(
            "INSERT INTO university_names (university_id, value, lang, kind, position, is_primary, uuid, created_at,"
            " updated_at) VALUES (?,?,?,?,?,?,?,?,?)",
            [(first + index, value, lang, kind, position, position == 0, str(uuid.uuid4()), now, now)
             for index, group in enumerate(names) for position, (value, lang, kind) in enumerate(group)])
        connection.executemany(
            "INSERT INTO university_status_changes (university_id, status, changed_on, note, uuid, created_at,"
            " updated_at) VALUES (?,'candidate','2026-01-01','',?,?,?)",
            [(first + index, str(uuid.uuid4()), now, now) for index in range(len(universities))])
    connection.close()


def raw_ror(path: Path, ror_file: Path) -> None:
    universities, names = [], []
    for line in ror_file.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        tagged = [(n["value"], n.get("lang"), "label") for n in record["names"] if "acronym" not in n["types"]]
        location = record["locations"][0]["geonames_details"]
        acronym = next((n["value"] for n in record["names"] if "acronym" in n["types"]), "")
        website = next((link["value"] for link in record.get("links", []) if link["type"] == "website"), "")
        text = fold_for_search(" | ".join([v for v, _l, _k in tagged] + [acronym, location["name"]]))
        universities.append((location["country_code"], location["name"], website, record["id"][-9:], acronym,
                             tagged[0][0], text))
        names.append(tagged)
    raw_insert(path, universities, names)


def raw_csv(path: Path, csv_file: Path) -> None:
    universities, names = [], []
    with csv_file.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader)
        for name, kk, tr, fa, country, city, acronym in reader:
            group = [(name, None, "display"), (kk, "kk", "label"), (tr, "tr", "label"), (fa, "fa", "label")]
            text = fold_for_search(" | ".join([name, kk, tr, fa, acronym, city]))
            universities.append((country, city, "", None, acronym, name, text))
            names.append(group)
    raw_insert(path, universities, names)


def app_import(path: Path, source: Path, fmt: str) -> dict:
    from desktop_app.exchange.university_import import apply_import, preview_import
    from desktop_app.storage.database import Database

    db = Database(f"sqlite:///{path}")
    try:
        preview = preview_import(db, source, fmt)
        assert preview.writable, preview.rejected[:3]
        return apply_import(db, preview)
    finally:
        db.close()


def timed(function, *args) -> float:
    gc.collect()
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def report(title: str, app_seconds: float, raw_seconds: float, rows: int) -> None:
    print(f"{title}: app {app_seconds:.2f} s ({rows / app_seconds:,.0f} rows/s), raw sqlite3 {raw_seconds:.2f} s "
          f"({rows / raw_seconds:,.0f} rows/s) -> app speed = {raw_seconds / app_seconds:.2f}x raw")


def bench_search(path: Path, terms: list[str]) -> None:
    from desktop_app.services import university_search
    from desktop_app.services.university_search import UniversityQuery
    from desktop_app.storage.database import Database

    db = Database(f"sqlite:///{path}")
    connection = sqlite3.connect(path)
    print("search (count + first 100 rows by name), median and best of 5:")
    for term in terms:
        query = UniversityQuery(search=term)
        app, raw = [], []
        for _ in range(5):
            start = time.perf_counter()
            total = university_search.count(db, query)
            university_search.page(db, query, 0, 100, total)  # as the register view does: count once
            app.append(time.perf_counter() - start)
            words = fold_for_search(term).split()
            where = " AND ".join("instr(search_text, ?) > 0" for _ in words)
            start = time.perf_counter()
            raw_total = connection.execute(f"SELECT count(*) FROM universities WHERE {where}", words).fetchone()[0]
            connection.execute(f"SELECT id, display_name FROM universities WHERE {where} "
                               "ORDER BY display_name, id LIMIT 100", words).fetchall()
            raw.append(time.perf_counter() - start)
        assert total == raw_total, (term, total, raw_total)
        a, r = statistics.median(app) * 1000, statistics.median(raw) * 1000
        print(f"  {term!r:24} {total:>7,} hits: app {a:7.1f} ms (best {min(app) * 1000:6.1f}), raw sqlite3 "
              f"{r:7.1f} ms (best {min(raw) * 1000:6.1f}) -> {r / a:.2f}x")
    connection.close()
    db.close()


def view_memory(path: Path) -> tuple[float, int]:
    """KiB held by the open register view after scrolling it from the first row to the last."""
    from PySide6.QtWidgets import QApplication, QTableView

    from desktop_app.storage.database import Database
    from desktop_app.ui.universities.model import UniversityTableModel

    app = QApplication.instance() or QApplication([])
    db = Database(f"sqlite:///{path}")
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    model = UniversityTableModel()
    view = QTableView()
    view.setModel(model)
    view.resize(1000, 700)
    model.set_database(db)
    step = max(1, model.rowCount() // 400)
    for row in range(0, model.rowCount(), step):
        view.scrollTo(model.index(row, 0))
        for column in range(model.columnCount()):
            model.data(model.index(row, column))
    app.processEvents()
    gc.collect()
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    grown = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    rows = model.rowCount()
    view.deleteLater()
    db.close()
    return grown / 1024, rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--ror", type=Path, default=ROOT.parent.parent / "shared" / "data" / "ror_cica_education.jsonl")
    args = parser.parse_args()
    if not args.ror.exists():
        args.ror = Path("/work/shared/data/ror_cica_education.jsonl")
    upgrade(f"sqlite:///{TEMPLATE}", make_backup=False)
    print(f"SQLite {sqlite3.sqlite_version}, Python {sys.version.split()[0]}, work folder {WORK}")

    records = sum(1 for line in args.ror.open(encoding="utf-8") if line.strip())
    raw = timed(raw_ror, fresh_db("raw-ror"), args.ror)
    app = timed(app_import, fresh_db("app-ror"), args.ror, "ror")
    report(f"ROR import ({records:,} records)", app, raw, records)

    source = generated_csv(args.rows)
    big = fresh_db("app-big")
    raw = timed(raw_csv, fresh_db("raw-big"), source)
    app = timed(app_import, big, source, "csv")
    report(f"CSV import ({args.rows:,} generated universities, 4 names each)", app, raw, args.rows)

    bench_search(big, ["University", "ұлттық", "İKTİSAT", "دانشگاه ملی", "no. 4242", "city 97", "missing"])

    small_rows = args.rows // 10
    small_source = generated_csv(small_rows)
    small = fresh_db("app-small")
    app_import(small, small_source, "csv")
    for path in (small, big):
        kib, rows = view_memory(path)
        print(f"register view scrolled end to end at {rows:,} rows: {kib:,.0f} KiB held")


if __name__ == "__main__":
    main()
