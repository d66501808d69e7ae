"""Kill -9 at random moments of the commands that write, then look at what is left (not a test: a
measurement; tests/reliability/test_killtest.py runs its short mode).

    python benchmarks/killtest.py [--trials 100] [--scenarios import,demo,backup,restore] [--seed N] [--keep]

Each scenario runs the real command line (``python -m desktop_app --db FILE …``) in a child process
and kills it (SIGKILL) after a random delay between the program's start-up time and the time a full
run takes, so that most kills land while it works. After each kill the database is opened as the
application would open it (SQLite replays or discards what the journal holds) and classified:

* old      — exactly the content before the command (every row of every table compared);
* new      — the content a complete run gives (restore and backup: every row; import and demo: the
             number of rows of every table, since new records carry new UUIDs and timestamps);
* partial  — sound, but neither old nor new (half an import, half the demonstration data);
* corrupt  — integrity_check or foreign_key_check fails, the schema stamp is missing, or the file
             is empty (counted apart as "empty" too).

Scenarios: ``import`` (the universities CSV import of real ROR rows into a register already holding
some of them), ``demo`` (the demonstration data into a new database), ``backup`` (``db backup`` of a
database of a few thousand records; the live file must stay old, the backup file old-or-new) and
``restore`` (``db restore`` of one state over another). Temporary files a kill leaves behind are
counted, and must all be recognised as stale by the cleanup the next run performs.

Exit status 0 when no trial left a partial, corrupt or empty database.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_SHARED = [Path(os.environ["CICA_SHARED_DATA"])] if os.environ.get("CICA_SHARED_DATA") else []
SHARED_ROR = next((folder / "ror_cica_education.jsonl" for folder in
                   [*_SHARED, ROOT.parent / "shared" / "data", ROOT.parent.parent / "shared" / "data"]
                   if (folder / "ror_cica_education.jsonl").exists()), Path("/nonexistent"))
DEMO_ROR = ROOT / "resources" / "demo" / "ror_demo.jsonl"
SCENARIOS = ("import", "demo", "backup", "restore")


@dataclass
class Tally:
    trials: int = 0
    killed: int = 0
    old: int = 0
    new: int = 0
    partial: int = 0
    corrupt: int = 0
    empty: int = 0
    temporaries: int = 0
    temporaries_not_stale: int = 0
    notes: list[str] = field(default_factory=list)

    @property
    def bad(self) -> int:
        return self.partial + self.corrupt + self.temporaries_not_stale


@dataclass
class Seen:
    """What a database file holds, as the application would find it on opening."""

    state: str  # "missing" | "empty" | "corrupt" | "sound"
    counts: dict[str, int] = field(default_factory=dict)
    digest: str = ""
    detail: str = ""


def look(path: Path) -> Seen:
    if not path.exists():
        return Seen("missing")
    wal = path.with_name(path.name + "-wal")
    if path.stat().st_size == 0 and (not wal.exists() or wal.stat().st_size == 0):
        return Seen("empty")
    try:
        connection = sqlite3.connect(str(path))
        try:
            check = [row[0] for row in connection.execute("PRAGMA integrity_check")]
            if check != ["ok"]:
                return Seen("corrupt", detail="; ".join(check[:2]))
            if connection.execute("PRAGMA foreign_key_check").fetchall():
                return Seen("corrupt", detail="foreign keys")
            tables = sorted(row[0] for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"))
            if "alembic_version" not in tables or not connection.execute("SELECT * FROM alembic_version").fetchall():
                return Seen("corrupt", detail="no schema stamp")
            digest = hashlib.sha256()
            counts = {}
            for table in tables:
                rows = sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
                counts[table] = len(rows)
                digest.update(table.encode())
                digest.update(repr(rows).encode())
            return Seen("sound", counts, digest.hexdigest())
        finally:
            connection.close()
    except sqlite3.DatabaseError as error:
        return Seen("corrupt", detail=str(error))


def copy_database(source: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    shutil.copyfile(source, target)


class Lab:
    """The work folder, the prepared databases and the way to run the command line."""

    def __init__(self, work: Path, full: bool):
        self.work = work
        self.home = work / "home"
        self.env = {**os.environ, "CICA_COORDINATOR_HOME": str(self.home), "PYTHONDONTWRITEBYTECODE": "1"}
        self.env.pop("CICA_COORDINATOR_DB", None)
        self.full = full
        os.environ["CICA_COORDINATOR_HOME"] = str(self.home)

    def command(self, db: Path, *args: str) -> list[str]:
        return [sys.executable, "-m", "desktop_app", "--db", str(db), "--lang", "en", *args]

    def run(self, db: Path, *args: str) -> float:
        started = time.perf_counter()
        result = subprocess.run(self.command(db, *args), cwd=ROOT, env=self.env, capture_output=True, text=True)
        if result.returncode:
            raise SystemExit(f"{' '.join(args)} failed: {result.stderr.strip()}")
        return time.perf_counter() - started

    def startup_time(self) -> float:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "desktop_app", "--version"], cwd=ROOT, env=self.env,
                       capture_output=True, check=True)
        return time.perf_counter() - started

    def prepare(self) -> None:
        """empty.sqlite3, register.csv (real ROR rows, exported by the application), before-import.sqlite3
        (the first rows of it already imported), stateB.sqlite3 (demo + generated recognition cases)."""
        sys.path.insert(0, str(ROOT))
        from desktop_app.exchange.demo import load_demo
        from desktop_app.exchange.recognition_demo import generate_cases
        from desktop_app.exchange.university_export import export_register
        from desktop_app.exchange.university_import import apply_import, preview_import
        from desktop_app.storage.database import Database
        from desktop_app.storage.schema import upgrade

        self.empty = self.work / "empty.sqlite3"
        upgrade(f"sqlite:///{self.empty}", make_backup=False)
        ror = SHARED_ROR if SHARED_ROR.exists() else DEMO_ROR
        lines = [line for line in ror.read_text(encoding="utf-8").splitlines() if line.strip()]
        if not self.full:
            lines = lines[:600]
        every = self.work / "every.jsonl"
        every.write_text("\n".join(lines) + "\n", encoding="utf-8")
        register = self.work / "register.sqlite3"
        copy_database(self.empty, register)
        db = Database(f"sqlite:///{register}")
        apply_import(db, preview_import(db, every, "ror"))
        self.csv = self.work / "universities.csv"
        export_register(db, self.csv, "csv")
        db.close()
        rows = self.csv.read_text(encoding="utf-8-sig").splitlines()
        first = self.work / "first-rows.csv"
        first.write_text("\n".join(rows[: max(2, len(rows) // 10)]) + "\n", encoding="utf-8")
        self.before_import = self.work / "before-import.sqlite3"
        copy_database(self.empty, self.before_import)
        db = Database(f"sqlite:///{self.before_import}")
        apply_import(db, preview_import(db, first, "csv"))
        db.close()
        self.state_b = self.work / "stateB.sqlite3"
        copy_database(self.empty, self.state_b)
        db = Database(f"sqlite:///{self.state_b}")
        load_demo(db)
        generate_cases(db, 20000 if self.full else 2000, start=10)
        db.close()
        self.universities_count = len(rows) - 1

    def clear_side_folders(self) -> None:
        backups = self.home / "data" / "backups"
        if backups.exists():
            shutil.rmtree(backups)


def kill_at_random(lab: Lab, db: Path, args: list[str], low: float, high: float, rng: random.Random) -> bool:
    """Start the command, SIGKILL it after a random delay; True when it was killed before finishing."""
    process = subprocess.Popen(lab.command(db, *args), cwd=ROOT, env=lab.env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    delay = rng.uniform(low, high)
    try:
        process.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        return True


def count_temporaries(*folders: Path) -> tuple[int, int]:
    """Temporary files left in the folders, and how many of them the next run's cleanup would NOT remove."""
    from desktop_app.storage.database_files import is_temporary, remove_stale_temporaries

    found = [p for folder in folders if folder.exists() for p in folder.iterdir() if is_temporary(p)]
    for folder in folders:
        remove_stale_temporaries(folder)
    left = [p for p in found if p.exists()]
    return len(found), len(left)


def classify(tally: Tally, seen: Seen, old: Seen, new_counts: dict[str, int] | None, new_digest: str | None) -> str:
    if seen.state == "empty":
        tally.empty += 1
        tally.corrupt += 1
        return "empty"
    if seen.state in ("corrupt", "missing"):
        tally.corrupt += 1
        tally.notes.append(seen.detail or seen.state)
        return "corrupt"
    if seen.digest == old.digest:
        tally.old += 1
        return "old"
    if (new_digest is not None and seen.digest == new_digest) or (new_counts is not None and seen.counts == new_counts):
        tally.new += 1
        return "new"
    tally.partial += 1
    changed = {t: (old.counts.get(t), n) for t, n in seen.counts.items() if old.counts.get(t) != n}
    tally.notes.append(f"partial: {json.dumps(changed)[:300]}")
    return "partial"


def scenario(lab: Lab, name: str, trials: int, rng: random.Random, startup: float) -> Tally:
    tally = Tally()
    live = lab.work / f"live-{name}.sqlite3"
    target = lab.work / "out" / "backup.sqlite3"
    if name == "import":
        initial, args = lab.before_import, ["universities", "import", str(lab.csv), "--format", "csv"]
    elif name == "demo":
        initial, args = lab.empty, ["demo"]
    elif name == "backup":
        initial, args = lab.state_b, ["db", "backup", str(target)]
    else:
        initial, args = lab.before_import, ["db", "restore", str(lab.state_b)]
    old = look(initial)
    # One complete run gives the new state and how long a run lasts.
    copy_database(initial, live)
    target.parent.mkdir(exist_ok=True)
    target.unlink(missing_ok=True)
    lab.clear_side_folders()
    duration = lab.run(live, *args)
    finished = look(target if name == "backup" else live)
    new_counts = finished.counts if name in ("import", "demo") else None
    new_digest = look(lab.state_b).digest if name in ("backup", "restore") else None
    low, high = min(startup, duration * 0.5), duration * 1.05
    for _trial in range(trials):
        copy_database(initial, live)
        target.unlink(missing_ok=True)
        lab.clear_side_folders()
        tally.trials += 1
        tally.killed += kill_at_random(lab, live, args, low, high, rng)
        if name == "backup":
            if look(live).digest != old.digest:  # the live database must not change at all
                tally.corrupt += 1
                tally.notes.append("the live database changed during a backup")
            seen = look(target)
            if seen.state == "missing":
                tally.old += 1
            else:
                classify(tally, seen, Seen("missing", digest="-"), None, new_digest)
        else:
            classify(tally, look(live), old, new_counts, new_digest)
        found, left = count_temporaries(lab.work, target.parent, lab.home / "data" / "backups")
        tally.temporaries += found
        tally.temporaries_not_stale += left
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=100, help="kills per scenario (default 100)")
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--short", action="store_true", help="smaller data (the test suite's run)")
    parser.add_argument("--keep", action="store_true", help="keep the work folder")
    args = parser.parse_args(argv)
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    work = Path(tempfile.mkdtemp(prefix="cica-killtest-"))
    lab = Lab(work, full=not args.short)
    print(f"kill -9 test: {args.trials} trials per scenario, seed {seed}, work folder {work}", flush=True)
    started = time.perf_counter()
    total_bad = 0
    try:
        lab.prepare()
        startup = lab.startup_time()
        print(f"prepared in {time.perf_counter() - started:.1f} s: {lab.universities_count} universities in the CSV; "
              f"program start-up {startup:.2f} s", flush=True)
        print(f"{'scenario':<9} {'trials':>6} {'killed':>6} {'old':>5} {'new':>5} {'partial':>7} {'corrupt':>7} "
              f"{'empty':>5} {'temp files':>10}", flush=True)
        for name in [s.strip() for s in args.scenarios.split(",") if s.strip()]:
            if name not in SCENARIOS:
                parser.error(f"unknown scenario {name}; choose from {', '.join(SCENARIOS)}")
            tally = scenario(lab, name, args.trials, rng, startup)
            total_bad += tally.bad
            kept = f" ({tally.temporaries_not_stale} kept!)" if tally.temporaries_not_stale else ""
            stale = f"{tally.temporaries}{kept}"
            print(f"{name:<9} {tally.trials:>6} {tally.killed:>6} {tally.old:>5} {tally.new:>5} {tally.partial:>7} "
                  f"{tally.corrupt:>7} {tally.empty:>5} {stale:>10}", flush=True)
            for note in tally.notes[:5]:
                print(f"    {note}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"{'PASS' if total_bad == 0 else 'FAIL'}: {total_bad} trials left a partial, corrupt or empty database "
          f"({time.perf_counter() - started:.0f} s)")
    return 0 if total_bad == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
