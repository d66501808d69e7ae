"""Recognition at scale: a million cases, each figure beside raw sqlite3 doing the same query.

    python benchmarks/recognition_bench.py [--cases 1000000] [--keep /tmp/rec-1m.sqlite3]

Not a test (no assertions on time): it generates a migrated database with raw sqlite3 executemany,
then reports (median of several runs)
  * a filtered page of the case list through the service (what the lazy model asks for) and the same
    SQL through raw sqlite3 — target < 100 ms;
  * the working group's statistics — target < 2 s — beside the core SQL through raw sqlite3;
  * memory held by the open list model on 10,000 cases and on the full database (tracemalloc) — it
    should not grow with the number of rows.
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
import tracemalloc
import uuid
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.domain.text import fold_for_search  # noqa: E402

COUNTRIES = ["KZ", "TR", "RU", "CN", "IR", "MN", "KR", "UZ", "AZ", "IN", "TJ", "KG", "PK", "TH"]
TITLES = ["Бакалавр техники", "Магистр педагогики", "Lisans — İşletme", "工学学士", "کارشناسی ارشد",
          "Master of Science", "Bachelor of Engineering", "Доктор PhD", "Bakalavr", "학사"]
UNIS = ["Demo University of {c}", "National Technical University {c}", "State Pedagogical Institute {c}"]
FIRST = ["Demo", "Sample", "Тест", "Демо", "Үлгі", "نمونه", "示例", "Örnek"]
LAST = ["Person", "Applicant", "Тестов", "Примеров", "Мысалов", "آزمایشی", "测试", "Deneme"]
OUTCOMES = ["full", "full", "full", "partial", "conditional", "alternative", "not_recognised"]
FTS_TRIGGERS = ("recognition_cases_fts_insert", "recognition_cases_fts_delete", "recognition_cases_fts_update")


def timed(function, runs: int = 5) -> float:
    """Median wall-clock milliseconds of ``runs`` calls (after one warm-up call)."""
    function()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def generate(path: Path, count: int, seed: int = 1) -> float:
    from desktop_app.storage.schema import upgrade

    start = time.perf_counter()
    upgrade(f"sqlite:///{path}", make_backup=False)
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=OFF")
    trigger_sql = [row[0] for row in connection.execute(
        "SELECT sql FROM sqlite_master WHERE type='trigger' AND name LIKE 'recognition_cases_fts_%'")]
    for name in FTS_TRIGGERS:  # index once at the end: much faster than per row
        connection.execute(f"DROP TRIGGER {name}")
    rng = random.Random(seed)
    today = dt.date(2026, 6, 30)
    now = dt.datetime.now(dt.UTC).isoformat(" ")
    sql = ("INSERT INTO recognition_cases (reference, status, holder_name, holder_birth_date, holder_citizenship, "
           "document_kind, document_number, document_issued_on, issuing_university_id, issuing_university_name, "
           "issuing_country, qualification_title, isced_level, isced_field, credits, recognising_country, "
           "recognising_institution, purpose, outcome, substantial_differences, legal_basis, received_on, "
           "decided_on, decision_days, appeal_lodged, appeal_lodged_on, appeal_result, closed_on, rule_id, notes, "
           "pseudonymised, search_text, uuid, created_at, updated_at) VALUES "
           "(?,?,?,?,?,'diploma',?,NULL,NULL,?,?,?,?,'0714',240,?,'National Recognition Centre','admission',?,'',"
           "'tokyo_convention',?,?,?,?,?,?,?,NULL,'',0,?,?,?,?)")
    batch = []
    for number in range(1, count + 1):
        source, target = rng.sample(COUNTRIES, 2) if rng.random() < 0.5 else ("KZ", rng.choice(COUNTRIES[1:]))
        received = today - dt.timedelta(days=rng.randint(0, 3650))
        title = rng.choice(TITLES)
        level = "7" if "Маг" in title or "Master" in title or "ارشد" in title else "6"
        university = rng.choice(UNIS).format(c=source)
        holder = f"{rng.choice(FIRST)} {rng.choice(LAST)} {number}"
        reference = f"REC-{received.year}-{number:07d}"
        age = (today - received).days
        status, outcome, decided, days, appeal, appeal_on, result, closed = \
            "received", "", None, None, 0, None, "", None
        if age > 30 and rng.random() < 0.9:
            days = rng.randint(10, min(age, 300))
            decided = (received + dt.timedelta(days=days)).isoformat()
            outcome = rng.choice(OUTCOMES)
            status = "closed" if rng.random() < 0.6 else "decided"
            if outcome in ("not_recognised", "partial") and rng.random() < 0.15:
                appeal, appeal_on = 1, decided
                result = rng.choice(["", "upheld", "rejected", "withdrawn"])
                status = "appealed" if not result else "closed"
            if status == "closed":
                closed = decided
        elif age > 10:
            status = "under_evaluation"
        search = fold_for_search(" | ".join([reference, title, university, "National Recognition Centre", holder,
                                             source, target]))
        batch.append((reference, status, holder, f"{rng.randint(1970, 2004)}-01-15", source,
                      f"DOC-{number}", university, source, title, level, target, outcome, received.isoformat(),
                      decided, days, appeal, appeal_on, result, closed, search, str(uuid.uuid4()), now, now))
        if len(batch) == 20000:
            connection.executemany(sql, batch)
            batch = []
    if batch:
        connection.executemany(sql, batch)
    connection.execute("INSERT INTO recognition_cases_fts(recognition_cases_fts) VALUES ('rebuild')")
    for statement in trigger_sql:
        connection.execute(statement)
    connection.commit()
    connection.execute("ANALYZE")
    connection.close()
    return time.perf_counter() - start


def page_figures(path: Path) -> list[tuple[str, float, float, float]]:
    """(figure, ours, raw sqlite3 with the same plan, raw sqlite3 with FTS5 IN (...) — the textbook query)."""
    from desktop_app.services.recognition_queries import COMMON_TERM, CaseFilter, PageKey, count_cases, fetch_page
    from desktop_app.storage.database import Database

    db = Database(f"sqlite:///{path}")
    raw = sqlite3.connect(path)
    columns = ("id, reference, status, holder_name, holder_birth_date, holder_citizenship, issuing_country, "
               "recognising_country, issuing_university_name, qualification_title, isced_level, isced_field, "
               "credits, document_kind, purpose, outcome, legal_basis, received_on, decided_on, decision_days, "
               "appeal_lodged, appeal_result, closed_on")
    fts = "id IN (SELECT rowid FROM recognition_cases_fts WHERE recognition_cases_fts MATCH ?)"
    probe = ("SELECT count(*) FROM (SELECT rowid FROM recognition_cases_fts WHERE recognition_cases_fts MATCH ? "
             f"LIMIT {COMMON_TERM})")
    order = "ORDER BY received_on DESC, id DESC LIMIT 200"
    nan = float("nan")

    def same_plan(where: str, params: tuple, term: str):
        """Raw sqlite3 doing what the service does: probe FTS5, then FTS5 IN (...) or a LIKE walk."""
        def run():
            common = raw.execute(probe, (f'"{term}"',)).fetchone()[0] >= COMMON_TERM
            condition = "search_text LIKE ?" if common else fts
            value = f"%{term}%" if common else f'"{term}"'
            raw.execute(f"SELECT {columns} FROM recognition_cases WHERE {where}{condition} {order}",
                        (*params, value)).fetchall()
        return run

    results = []
    plain = [
        ("first page, no filter", CaseFilter(), f"SELECT {columns} FROM recognition_cases {order}", ()),
        ("status + country pair", CaseFilter(status="under_evaluation", from_country="KZ", to_country="TR"),
         f"SELECT {columns} FROM recognition_cases WHERE status=? AND issuing_country=? AND recognising_country=? "
         f"{order}", ("under_evaluation", "KZ", "TR")),
    ]
    for name, flt, sql, params in plain:
        ours = timed(partial(fetch_page, db, flt, "received_on", True, None, 200))
        theirs = timed(lambda sql=sql, params=params: raw.execute(sql, params).fetchall())
        results.append((f"page: {name}", ours, theirs, nan))
    searches = [
        ("search 'магистр' (common)", CaseFilter(search="Магистр"), "", (), "магистр"),
        ("search 'rec-2024-00012' (rare)", CaseFilter(search="REC-2024-00012"), "", (), "rec-2024-00012"),
        ("search 'national technical' + pending", CaseFilter(search="National Technical", status="pending"),
         "status IN ('received','under_evaluation') AND ", (), "national technical"),
        ("search 'zzq' (no match)", CaseFilter(search="zzq"), "", (), "zzq"),
    ]
    for name, flt, where, params, term in searches:
        ours = timed(partial(fetch_page, db, flt, "received_on", True, None, 200))
        theirs = timed(same_plan(where, params, term))
        textbook_sql = f"SELECT {columns} FROM recognition_cases WHERE {where}{fts} {order}"
        textbook_params = (*params, f'"{term}"')
        textbook = timed(lambda sql=textbook_sql, values=textbook_params: raw.execute(sql, values).fetchall())
        results.append((f"page: {name}", ours, theirs, textbook))
    first = fetch_page(db, CaseFilter(), "received_on", True, None, 200)
    key = PageKey(first[-1]["received_on"], first[-1]["id"])
    ours = timed(lambda: fetch_page(db, CaseFilter(), "received_on", True, key, 200))
    theirs = timed(lambda: raw.execute(
        f"SELECT {columns} FROM recognition_cases WHERE (received_on, id) < (?, ?) {order}",
        (key.value.isoformat(), key.id)).fetchall())
    results.append(("page: next page (keyset)", ours, theirs, nan))
    flt = CaseFilter(search="Магистр")
    ours = timed(lambda: count_cases(db, flt))
    theirs = timed(lambda: raw.execute(f"SELECT count(*) FROM recognition_cases WHERE {fts}",
                                       ('"магистр"',)).fetchall())
    results.append(("count for search 'магистр' (after the page)", ours, theirs, nan))
    db.close()
    raw.close()
    return results


RAW_STATS = [
    "SELECT issuing_country, recognising_country, CAST(strftime('%Y', received_on) AS INTEGER) AS y, count(*) "
    "FROM recognition_cases GROUP BY 1, 2, 3",
    "SELECT status, count(*) FROM recognition_cases GROUP BY status",
    "SELECT outcome, count(*) FROM recognition_cases WHERE outcome != '' GROUP BY outcome",
    "SELECT avg(days * 1.0), max(n) FROM (SELECT decision_days AS days, row_number() OVER (ORDER BY decision_days) "
    "AS rn, (SELECT count(*) FROM recognition_cases WHERE decision_days IS NOT NULL) AS n FROM recognition_cases "
    "WHERE decision_days IS NOT NULL) WHERE rn IN ((n + 1) / 2, (n + 2) / 2)",
    "SELECT a, b, avg(days * 1.0) FROM (SELECT issuing_country a, recognising_country b, decision_days days, "
    "row_number() OVER (PARTITION BY issuing_country, recognising_country ORDER BY decision_days) rn, "
    "count(*) OVER (PARTITION BY issuing_country, recognising_country) n FROM recognition_cases "
    "WHERE decision_days IS NOT NULL) WHERE rn IN ((n + 1) / 2, (n + 2) / 2) GROUP BY a, b",
    "SELECT count(*), sum(appeal_result = 'upheld'), sum(appeal_result = 'rejected') FROM recognition_cases "
    "WHERE appeal_lodged = 1",
    "SELECT count(*) FROM recognition_cases",
]


def stats_figures(path: Path) -> list[tuple[str, float, float]]:
    from desktop_app.services.recognition_stats import compute_statistics
    from desktop_app.storage.database import Database

    db = Database(f"sqlite:///{path}")
    raw = sqlite3.connect(path)
    theirs = timed(lambda: [raw.execute(sql).fetchall() for sql in RAW_STATS], runs=3)
    theirs_core = timed(lambda: [raw.execute(sql).fetchall() for sql in RAW_STATS if "PARTITION" not in sql], runs=3)
    ours_core = timed(lambda: compute_statistics(db), runs=3)
    ours = timed(lambda: compute_statistics(db, median_by_pair=True), runs=3)
    ours_year = timed(lambda: compute_statistics(db, year=2024), runs=3)
    db.close()
    raw.close()
    nan = float("nan")
    return [("statistics", ours_core, theirs_core, nan),
            ("statistics + median per country pair", ours, theirs, nan),
            ("statistics of one year (2024)", ours_year, nan, nan)]


def model_memory(path: Path) -> tuple[int, float]:
    """Bytes allocated by opening the list model (first page loaded), and ms until it showed."""
    from PySide6.QtCore import QCoreApplication

    from desktop_app.storage.database import Database
    from desktop_app.ui.recognition.model import CaseTableModel

    app = QCoreApplication.instance() or QCoreApplication([])
    db = Database(f"sqlite:///{path}")
    db.ping()
    tracemalloc.start()
    before = tracemalloc.take_snapshot()
    start = time.perf_counter()
    model = CaseTableModel()
    model.set_database(db)
    while model.loading or model.counting:
        app.processEvents()
        time.sleep(0.001)
    elapsed = (time.perf_counter() - start) * 1000
    after = tracemalloc.take_snapshot()
    tracemalloc.stop()
    size = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
    rows, total = model.rowCount(), model.total
    model.pool.waitForDone()
    db.close()
    print(f"    model over {total:,} cases: {rows} rows loaded")
    return size, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="keep the generated database at this path")
    parser.add_argument("--reuse", action="store_true", help="use the database kept by --keep as it is")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="rec-bench-"))
    os.environ.setdefault("CICA_COORDINATOR_HOME", str(folder / "home"))
    big = args.keep or folder / "big.sqlite3"
    small = folder / "small.sqlite3"
    reuse = args.reuse and args.keep and args.keep.exists()
    for path in (small,) if reuse else (big, small):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    if not reuse:
        print(f"generating {args.cases:,} cases …")
        seconds = generate(big, args.cases)
        print(f"  generated in {seconds:.1f} s ({Path(big).stat().st_size / 1e6:.0f} MB)")
    generate(small, 10_000)

    print(f"\n{'figure (median ms)':46} {'ours':>9} {'raw same':>9} {'ratio':>6} {'raw FTS5 IN':>12}")
    for name, ours, theirs, textbook in page_figures(big) + stats_figures(big):
        ratio = ours / theirs if theirs == theirs and theirs else float("nan")
        print(f"{name:46} {ours:9.1f} {theirs:9.1f} {ratio:6.2f} {textbook:12.1f}")

    print("\nmemory of the open list model (tracemalloc, first page loaded)")
    model_memory(small)  # warm-up: imports and statement caches are not the model's rows
    small_bytes, small_ms = model_memory(small)
    big_bytes, big_ms = model_memory(big)
    print(f"  10,000 cases:   {small_bytes / 1024:8.0f} KiB, first page and count after {small_ms:.0f} ms")
    rows = sqlite3.connect(big).execute("SELECT count(*) FROM recognition_cases").fetchone()[0]
    print(f"  {rows:,} cases: {big_bytes / 1024:8.0f} KiB, first page and count after {big_ms:.0f} ms")
    print(f"  ratio: {big_bytes / small_bytes:.2f}")


if __name__ == "__main__":
    main()
