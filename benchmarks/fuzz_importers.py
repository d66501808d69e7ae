"""Mutated files through the real importers: how many are refused cleanly, how many crash, hang, or
write after a refusal (not a test: a measurement; tests/exchange/test_fuzz_quick.py runs ``--quick``).

    python benchmarks/fuzz_importers.py [--trials 2000] [--formats ror,csv,...] [--seed N] [--timeout 10]
    python benchmarks/fuzz_importers.py --quick [--json]

For each format, files are made from real seeds (benchmarks/fuzz_seeds.py) by random mutations and
given to the import function a user's command reaches — ``universities import`` (ROR JSON Lines and
JSON, CSV, XLSX, ranking tables), ``recognition cases import`` (CSV, XLSX), ``agreements import-ewp``
and ``calendars import-ics`` — on a scratch SQLite database holding the demonstration data. Each file
runs in a worker process with a time limit (a file still running then is a hang; the worker is
replaced) and a memory limit. Outcomes:

* accepted  — imported (the scratch database is put back to its first state now and then);
* rejected  — refused with the application's own sentence (a UserError), or rows rejected and
              nothing written;
* crash     — any other exception, grouped by type and the place it was raised;
* hang      — still running after the time limit;
* written after rejection — the database changed although the file was refused (PRAGMA
              data_version seen from a connection of its own).

Exit status 0 when there was no crash, no hang and no write after a rejection.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import json
import multiprocessing
import os
import random
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import fuzz_seeds  # noqa: E402 - beside this script

DEMO_DAY = dt.date(2025, 10, 1)
MEMORY_LIMIT = 2 * 1024 ** 3


# -- the worker: one database, one file at a time -------------------------------------------------

def _location(error: BaseException) -> str:
    frames = traceback.extract_tb(error.__traceback__)
    ours = [frame for frame in frames if "desktop_app" in frame.filename]
    frame = (ours or frames or [None])[-1]
    if frame is None:
        return "?"
    name = frame.filename.split("site-packages/")[-1].split("/desktop_app/")[-1]
    return f"{name}:{frame.lineno} in {frame.name}"


def _import(db, fmt: str, path: Path, university_id: int) -> str:
    """'accepted' or 'rejected'; raises what the import raises."""
    if fmt in ("ror", "ror_json", "csv", "xlsx", "rankings"):
        from desktop_app.exchange.university_import import apply_import, preview_import

        preview = preview_import(db, path, {"ror_json": "ror"}.get(fmt, fmt))
        if not preview.writable:
            return "rejected"
        apply_import(db, preview)
        return "accepted"
    if fmt.startswith("recognition"):
        from desktop_app.exchange.recognition_files import commit_import, preview_import

        preview = preview_import(db, path)
        if preview.errors:
            return "rejected"
        commit_import(db, preview)
        return "accepted"
    if fmt == "ewp":
        from desktop_app.exchange.ewp_iia import import_file

        import_file(db, path)
        return "accepted"
    from desktop_app.exchange.icalendar_files import import_ics_file

    import_ics_file(db, university_id, path)
    return "accepted"


def worker(connection, template: str, folder: str) -> None:
    import resource
    import sqlite3
    import warnings

    warnings.simplefilter("ignore")  # openpyxl's warnings about damaged workbooks: the outcome is what counts
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    from desktop_app.domain.errors import UserError
    from desktop_app.services.database_admin import open_database

    live = Path(folder) / "live.sqlite3"
    url = f"sqlite:///{live}"

    def fresh():
        shutil.copyfile(template, live)
        for suffix in ("-wal", "-shm"):
            Path(str(live) + suffix).unlink(missing_ok=True)
        return open_database(url), sqlite3.connect(live)

    db, watcher = fresh()
    university_id = watcher.execute("SELECT min(id) FROM universities").fetchone()[0]
    writes = 0
    while True:
        job = connection.recv()
        if job is None:
            return
        fmt, content = job
        path = Path(folder) / ("input" + fuzz_seeds.FORMATS[fmt])
        path.write_bytes(content)
        before = watcher.execute("PRAGMA data_version").fetchone()[0]
        result = {"outcome": "", "kind": "", "where": "", "changed": False}
        try:
            result["outcome"] = _import(db, fmt, path, university_id)
        except UserError as error:
            result["outcome"] = "rejected"
            result["kind"] = type(error).__name__
            result["message"] = error.text[:300]
        except BaseException as error:  # noqa: BLE001 - what is being counted
            result.update(outcome="crash", kind=type(error).__name__, where=_location(error),
                          message=str(error)[:200])
        result["changed"] = watcher.execute("PRAGMA data_version").fetchone()[0] != before
        connection.send(result)
        if result["changed"]:
            writes += 1
            if writes >= 25:  # back to the first state now and then, so the files meet the same register
                db.close()
                watcher.close()
                db, watcher = fresh()
                writes = 0


class Pool:
    """One worker process; replaced after a hang."""

    def __init__(self, template: Path, folder: Path):
        self.template, self.folder = template, folder
        self.context = multiprocessing.get_context("spawn")
        self.process = None
        self.connection = None

    def start(self) -> None:
        ours, theirs = self.context.Pipe()
        self.process = self.context.Process(target=worker, args=(theirs, str(self.template), str(self.folder)),
                                            daemon=True)
        self.process.start()
        self.connection = ours

    def run(self, fmt: str, content: bytes, timeout: float) -> dict:
        if self.process is None or not self.process.is_alive():
            self.start()
        self.connection.send((fmt, content))
        if self.connection.poll(timeout):
            try:
                return self.connection.recv()
            except EOFError:  # the worker died (a crash below Python, or the memory limit)
                self.process = None
                return {"outcome": "crash", "kind": "WorkerDied", "where": "worker process", "changed": False}
        self.process.kill()
        self.process.join()
        self.process = None
        return {"outcome": "hang", "kind": "", "where": "", "changed": False}

    def close(self) -> None:
        if self.process is not None and self.process.is_alive():
            self.connection.send(None)
            self.process.join(5)


# -- seeds made by the application itself ---------------------------------------------------------

def build_template(folder: Path) -> tuple[Path, dict[str, list[tuple[str, bytes]]]]:
    """A database with the demonstration data, and the application's own exports of it as seeds."""
    from desktop_app.exchange.demo import load_demo
    from desktop_app.services.database_admin import open_database

    template = folder / "template.sqlite3"
    db = open_database(f"sqlite:///{template}")
    load_demo(db, today=DEMO_DAY)
    seeds: dict[str, list[tuple[str, bytes]]] = collections.defaultdict(list)
    out = folder / "exports"
    out.mkdir()
    from desktop_app.exchange.university_export import export_register

    for fmt in ("csv", "xlsx"):
        export_register(db, out / f"register.{fmt}", fmt)
        seeds[fmt].append((f"register.{fmt}", (out / f"register.{fmt}").read_bytes()))
    from desktop_app.exchange.recognition_files import export_cases

    for fmt in ("csv", "xlsx"):
        for personal in (True, False):
            name = f"cases-{personal}.{fmt}"
            export_cases(db, out / name, include_personal=personal)
            seeds[f"recognition_{fmt}"].append((name, (out / name).read_bytes()))
    from desktop_app.domain.errors import UserError
    from desktop_app.exchange.ewp_iia import export_agreement
    from desktop_app.services import agreements, calendars

    for row in list(agreements.iterate(db, agreements.AgreementQuery()))[:6]:
        try:
            export_agreement(db, row.id, out / f"iia-{row.id}.xml")
        except UserError:
            continue
        seeds["ewp"].append((f"iia-{row.id}.xml", (out / f"iia-{row.id}.xml").read_bytes()))
    from desktop_app.exchange.icalendar_files import export_ics

    for calendar in list(calendars.page(db).rows)[:3]:
        target = out / f"calendar-{calendar.id}.ics"
        export_ics(db, [calendar.university_id], calendar.academic_year, target)
        seeds["ics"].append((target.name, target.read_bytes()))
    db.close()
    return template, seeds


# -- the run --------------------------------------------------------------------------------------

def run(trials_per_format: int, formats: list[str], seed: int, timeout: float, progress: bool = True,
        save: Path | None = None) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = Path(tempfile.mkdtemp(prefix="cica-fuzz-"))
    os.environ["CICA_COORDINATOR_HOME"] = str(folder / "home")
    try:
        template, own = build_template(folder)
        seeds = fuzz_seeds.static_seeds()
        for fmt, items in own.items():
            seeds[fmt] = items + seeds[fmt]
        every = [content for items in seeds.values() for _name, content in items]
        rng = random.Random(seed)
        pool = Pool(template, folder / "worker")
        (folder / "worker").mkdir()
        report: dict = {"seed": seed, "formats": {}, "crashes": {}, "hangs": [], "written_after_rejection": []}
        started = time.monotonic()
        for fmt in formats:
            tally = collections.Counter()
            items = seeds.get(fmt) or []
            if not items:
                continue
            for trial in range(trials_per_format):
                name, content = rng.choice(items)
                content = fuzz_seeds.mutate(rng, content, fmt, every) if trial or rng.random() < 0.9 else content
                result = pool.run(fmt, content, timeout)
                tally["trials"] += 1
                tally[result["outcome"]] += 1
                if result["outcome"] == "crash":
                    key = f"{result['kind']} at {result['where']}"
                    entry = report["crashes"].setdefault(key, {"count": 0, "formats": [], "example": ""})
                    entry["count"] += 1
                    entry["example"] = entry["example"] or result.get("message", "")
                    if fmt not in entry["formats"]:
                        entry["formats"].append(fmt)
                if result["outcome"] == "hang":
                    report["hangs"].append(fmt)
                if save is not None and (result["outcome"] in ("crash", "hang") or result["changed"] and
                                         result["outcome"] == "rejected"):
                    save.mkdir(parents=True, exist_ok=True)
                    (save / f"{fmt}-{trial}-{result['outcome']}{fuzz_seeds.FORMATS[fmt]}").write_bytes(content)
                if result["changed"] and result["outcome"] in ("rejected", "crash"):
                    tally["written_after_rejection"] += 1
                    report["written_after_rejection"].append(f"{fmt}: {result.get('kind')} {result.get('message', '')}"
                                                             [:200])
            report["formats"][fmt] = dict(tally)
            if progress:
                print(f"{fmt:18} {_line(tally)}", file=sys.stderr, flush=True)
        pool.close()
        report["seconds"] = round(time.monotonic() - started, 1)
        return report
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _line(tally) -> str:
    return (f"trials {tally['trials']:6}  accepted {tally['accepted']:6}  rejected {tally['rejected']:6}  "
            f"crashes {tally['crash']:5}  hangs {tally['hang']:3}  written after rejection "
            f"{tally['written_after_rejection']:3}")


def totals(report: dict) -> collections.Counter:
    total: collections.Counter = collections.Counter()
    for tally in report["formats"].values():
        total.update(tally)
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trials", type=int, default=2000, help="files per format")
    parser.add_argument("--formats", default=",".join(fuzz_seeds.FORMATS))
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds a file may take")
    parser.add_argument("--quick", action="store_true", help="a short run for CI (35 files per format)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--save", type=Path, help="keep the files that crashed, hung or wrote in this folder")
    args = parser.parse_args()
    trials = 35 if args.quick else args.trials
    report = run(trials, [f for f in args.formats.split(",") if f], args.seed, args.timeout, not args.json,
                 args.save)
    total = totals(report)
    if args.json:
        print(json.dumps({**report, "total": dict(total)}, ensure_ascii=False, indent=1))
    else:
        print(f"{'total':18} {_line(total)}   ({report['seconds']} s, seed {report['seed']})")
        for key, entry in sorted(report["crashes"].items(), key=lambda item: -item[1]["count"]):
            print(f"  {entry['count']:6}  {key}  [{', '.join(entry['formats'])}]  {entry['example'][:100]!r}")
        for line in report["written_after_rejection"][:20]:
            print(f"  written after rejection: {line}")
    return 0 if not (total["crash"] or total["hang"] or total["written_after_rejection"]) else 1


if __name__ == "__main__":
    sys.exit(main())
