"""Benchmark of the register's search and first page at 100,000 and 1,000,000 universities (not a test).

    python benchmarks/university_search_bench.py              # 100,000 and 1,000,000 rows
    python benchmarks/university_search_bench.py --quick      # 20,000 rows, a few seconds
    python benchmarks/university_search_bench.py --rows 300000

The register is filled with raw executemany into the real, migrated schema (triggers included, so the
FTS5 index is built as the application would keep it), with names in English, Kazakh, Russian,
Turkish, Persian and Chinese. For each size, in the same run:

* the first page (200 rows by name) of the unfiltered register through ``universities.page`` beside
  raw sqlite3 reading the same rows;
* the first page of a search through ``universities.page`` for a common word, a rare word, Kazakh and
  Russian words, Turkish capitals, Persian words, Chinese words of 4 and 2 characters, beside raw
  sqlite3 doing it the two plain ways: the FTS5 trigram index (collect every match, sort, take 200)
  and the instr() scan along the name index (stop at the 200th match);
* the count the register shows under the table, beside raw ``count(*)`` by FTS5 and by instr().

Target: every first page under 100 ms at either size.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from desktop_app.domain.text import fold_for_search  # noqa: E402

WORK = Path(tempfile.mkdtemp(prefix="cica-search-bench-"))
os.environ["CICA_COORDINATOR_HOME"] = str(WORK / "home")
PAGE = 200

# Place names are made of syllables, written in each script, so that a place occurs in a few dozen
# universities out of a million (a rare word) while "university" occurs in every one (a common word).
SYLLABLES = [("ka", "ка", "کا"), ("ra", "ра", "را"), ("to", "то", "تو"), ("be", "бе", "به"), ("al", "ал", "ال"),
             ("ma", "ма", "ما"), ("sa", "са", "سا"), ("ar", "ар", "ار"), ("nur", "нұр", "نور"),
             ("bek", "бек", "بک"), ("zhan", "жан", "ژان"), ("ul", "ұл", "اول"), ("tau", "тау", "تاو"),
             ("su", "су", "سو"), ("kol", "көл", "کول"), ("da", "да", "دا"), ("min", "мин", "مین"),
             ("gal", "гал", "گال"), ("er", "ер", "ار"), ("lan", "лан", "لان"), ("tur", "тұр", "تور"),
             ("kis", "кис", "کیس"), ("ak", "ақ", "آق"), ("kent", "кент", "کنت"), ("bay", "бай", "بای"),
             ("tal", "тал", "تال"), ("or", "ор", "اور"), ("shy", "шы", "شی"), ("ty", "ты", "تی"),
             ("mar", "мар", "مار"), ("gor", "гор", "گور"), ("pol", "пол", "پول")]
HANZI = list("北京上海天津重庆南西东安华中山河湖江广福建云贵川陕甘宁青新疆蒙黑吉辽长春沈阳哈尔滨济青岛郑州武汉"
             "成都昆明兰银乌鲁木齐拉萨杭温台金华苏无锡常徐扬合肥芜厦泉漳赣九")
CITIES = ["北京", "上海", "天津", "重庆", "南京", "西安", "武汉", "成都", "广州", "杭州", "长春", "沈阳", "济南",
          "郑州", "昆明", "兰州", "福州", "合肥", "厦门", "青岛"]
KINDS = [  # English, Kazakh, Russian, Turkish, Persian, Chinese
    ("Technical", "техникалық", "технический", "Teknik", "صنعتی", "理工"),
    ("State", "мемлекеттік", "государственный", "Devlet", "دولتی", ""),
    ("National", "ұлттық", "национальный", "Ulusal", "ملی", ""),
    ("Pedagogical", "педагогикалық", "педагогический", "Eğitim", "تربیت معلم", "师范"),
    ("Medical", "медициналық", "медицинский", "Tıp", "علوم پزشکی", "医科"),
    ("Agrarian", "аграрлық", "аграрный", "Ziraat", "کشاورزی", "农业"),
    ("Economic", "экономикалық", "экономический", "İktisat", "اقتصاد", "财经"),
    ("Linguistic", "тіл", "лингвистический", "Dil", "زبان", "外国语"),
    ("Engineering", "инженерлік", "инженерный", "Mühendislik", "فنی و مهندسی", "工业"),
    ("Arts", "өнер", "художественный", "Güzel Sanatlar", "هنر", "艺术"),
]
COUNTRIES = [("KZ", 30), ("RU", 10), ("TR", 15), ("IR", 15), ("CN", 15), ("UZ", 8), ("KG", 7)]

# (label, search as typed): the words a coordinator types, in each script.
TERMS = [
    ("common word", "University"),
    ("common, 2 words", "state university"),
    ("rare word", "Karatau"),
    ("rare + common", "karatau university"),
    ("Kazakh, common", "ұлттық"),
    ("Kazakh, rare", "Ақкөлнұр"),
    ("Russian, common", "Национальный"),
    ("Turkish capitals", "İKTİSAT"),
    ("Persian, 2 words", "دانشگاه ملی"),
    ("Persian, rare", "کاراتاو"),
    ("Chinese, 4 chars", "师范大学"),
    ("Chinese, rare 3", "吉长师"),
    ("Chinese, 2 common", "北京"),
    ("Chinese, 2 rare", "吉长"),
    ("no match", "zzqx"),
]


def place(rng: random.Random) -> tuple[str, str, str]:
    parts = [SYLLABLES[rng.randrange(len(SYLLABLES))] for _ in range(rng.choice((2, 3, 3)))]
    latin = "".join(p[0] for p in parts).capitalize()
    cyrillic = "".join(p[1] for p in parts).capitalize()
    persian = "".join(p[2] for p in parts)
    return latin, cyrillic, persian


def university(rng: random.Random, countries: list[str]) -> tuple[str, list[tuple[str, str | None]], str, str]:
    """(country, [(name, lang)], acronym, city) of one generated university."""
    country = rng.choice(countries)
    latin, cyrillic, persian = place(rng)
    en, kk, ru, tr, fa, zh = KINDS[rng.randrange(len(KINDS))]
    names = [(f"{latin} {en} University", "en")]
    if country == "KZ":
        names += [(f"{cyrillic} {kk} университеті", "kk"), (f"{cyrillic}ский {ru} университет", "ru")]
    elif country in ("RU", "UZ", "KG"):
        names += [(f"{cyrillic}ский {ru} университет", "ru")]
    elif country == "TR":
        names += [(f"{latin} {tr} Üniversitesi", "tr")]
    elif country == "IR":
        names += [(f"دانشگاه {fa} {persian}", "fa")]
    else:
        city = (rng.choice(CITIES) if rng.random() < 0.7
                else HANZI[rng.randrange(len(HANZI))] + HANZI[rng.randrange(len(HANZI))])
        names += [(f"{city}{zh}大学", "zh")]
    acronym = "".join(word[0] for word in names[0][0].split()).upper()
    return country, names, acronym, latin


def build(path: Path, rows: int, template: Path) -> float:
    """Fill a copy of the migrated template with ``rows`` universities; answers the seconds it took."""
    path.write_bytes(template.read_bytes())
    rng = random.Random(2026)
    countries = [code for code, weight in COUNTRIES for _ in range(weight)]
    start = time.perf_counter()
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode=WAL")
    now = "2026-01-01 00:00:00"
    batch = 50_000
    with connection:
        next_id = 1
        for first in range(0, rows, batch):
            made = [university(rng, countries) for _ in range(min(batch, rows - first))]
            ids = range(next_id, next_id + len(made))
            next_id += len(made)
            connection.executemany(
                "INSERT INTO universities (id, country_code, city, website, ror_id, acronym, institution_type,"
                " network_role, status, status_since, established, notes, display_name, search_text, top500,"
                " uuid, created_at, updated_at) VALUES (?,?,?,'',NULL,?,'university','candidate','candidate',"
                "'2026-01-01',NULL,'',?,?,0,?,?,?)",
                [(uid, country, city, acronym, names[0][0],
                  fold_for_search(" | ".join([n for n, _lang in names] + [acronym, city])), str(uuid.uuid4()),
                  now, now) for uid, (country, names, acronym, city) in zip(ids, made, strict=True)])
            connection.executemany(
                "INSERT INTO university_names (university_id, value, lang, kind, position, is_primary, uuid,"
                " created_at, updated_at) VALUES (?,?,?,'label',?,?,?,?,?)",
                [(uid, value, lang, position, position == 0, str(uuid.uuid4()), now, now)
                 for uid, (_c, names, _a, _city) in zip(ids, made, strict=True)
                 for position, (value, lang) in enumerate(names)])
    connection.execute("ANALYZE")
    connection.close()
    return time.perf_counter() - start


def median_ms(function, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def raw_fts_page(connection: sqlite3.Connection, words: list[str]) -> list:
    long_words = [w for w in words if len(w) >= 3]
    if not long_words:
        return []
    match = " ".join('"' + w.replace('"', '""') + '"' for w in long_words)
    return connection.execute(
        "SELECT id, display_name FROM universities WHERE id IN (SELECT rowid FROM universities_fts WHERE "
        "universities_fts MATCH ?) ORDER BY display_name || '', id LIMIT ?", (match, PAGE)).fetchall()


def raw_scan_page(connection: sqlite3.Connection, words: list[str]) -> list:
    where = " AND ".join("instr(search_text, ?) > 0" for _ in words)
    return connection.execute(f"SELECT id, display_name FROM universities WHERE {where} "
                              "ORDER BY display_name, id LIMIT ?", (*words, PAGE)).fetchall()


def raw_counts(connection: sqlite3.Connection, words: list[str]) -> tuple[float, float]:
    long_words = [w for w in words if len(w) >= 3]
    fts = float("nan")
    if long_words:
        match = " ".join('"' + w + '"' for w in long_words)
        fts = median_ms(lambda: connection.execute(
            "SELECT count(*) FROM universities_fts WHERE universities_fts MATCH ?", (match,)).fetchone(), 3)
    where = " AND ".join("instr(search_text, ?) > 0" for _ in words)
    scan = median_ms(lambda: connection.execute(f"SELECT count(*) FROM universities WHERE {where}", words)
                     .fetchone(), 3)
    return fts, scan


def bench(path: Path, rows: int, repeat: int) -> dict[str, float]:
    from desktop_app.services import universities, university_search
    from desktop_app.services.university_search import UniversityQuery
    from desktop_app.storage.database import Database

    db = Database(f"sqlite:///{path}")
    connection = sqlite3.connect(path)
    worst = 0.0
    print(f"\n== {rows:,} universities ==")
    app = median_ms(lambda: universities.page(db, UniversityQuery()), repeat)
    raw = median_ms(lambda: connection.execute(
        "SELECT id, display_name, acronym, country_code, city, institution_type, network_role, status,"
        " status_since, top500, ror_id FROM universities ORDER BY display_name, id LIMIT ?", (PAGE,)).fetchall(),
        repeat)
    print(f"register, first page of {PAGE} by name: app {app:6.1f} ms, raw sqlite3 {raw:6.1f} ms -> {app / raw:.2f}x")
    print(f"{'search':18} {'typed':22} {'hits':>9}  {'app page':>9} {'raw FTS5':>9} {'raw instr':>9}   "
          f"{'app count':>9} {'FTS5 count':>10} {'instr count':>11}")
    for label, typed in TERMS:
        words = fold_for_search(typed).split()
        query = UniversityQuery(search=typed)
        page = universities.page(db, query)
        expected = raw_scan_page(connection, words)
        assert [row.id for row in page.rows] == [row[0] for row in expected], (typed, "differs from the scan")
        app = median_ms(lambda q=query: universities.page(db, q), repeat)
        fts = median_ms(lambda w=words: raw_fts_page(connection, w), repeat) if any(len(w) >= 3 for w in words) \
            else float("nan")
        scan = median_ms(lambda w=words: raw_scan_page(connection, w), repeat)
        hits = 0
        app_count = median_ms(lambda q=query: university_search.count(db, q), 3)
        hits = university_search.count(db, query)
        fts_count, scan_count = raw_counts(connection, words)
        worst = max(worst, app)
        print(f"{label:18} {typed!r:22} {hits:>9,}  {app:7.1f}ms {fts:7.1f}ms {scan:7.1f}ms   "
              f"{app_count:7.1f}ms {fts_count:8.1f}ms {scan_count:9.1f}ms")
    print(f"slowest first page of a search: {worst:.1f} ms")
    connection.close()
    db.close()
    return {"worst": worst}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, nargs="*", default=[100_000, 1_000_000])
    parser.add_argument("--quick", action="store_true", help="20,000 rows only (seconds)")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--keep", type=Path, metavar="FOLDER",
                        help="keep the built registers in FOLDER and reuse them in later runs")
    args = parser.parse_args()
    sizes = [20_000] if args.quick else args.rows
    from desktop_app.storage.schema import upgrade

    template = WORK / "template.sqlite3"
    upgrade(f"sqlite:///{template}", make_backup=False)
    print(f"SQLite {sqlite3.sqlite_version}, Python {sys.version.split()[0]}, work folder {WORK}")
    for rows in sizes:
        path = (args.keep or WORK) / f"register-{rows}.sqlite3"
        if path.exists() and args.keep:
            print(f"reusing {path}")
        else:
            seconds = build(path, rows, template)
            print(f"built {rows:,} universities with their names (FTS5 kept by the triggers) in {seconds:.1f} s")
        bench(path, rows, 3 if args.quick else args.repeat)
        if not args.keep:
            path.unlink()
            for suffix in ("-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main()
