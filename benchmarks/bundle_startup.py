"""Bundle size and time to first window of the frozen app, beside a bare PySide6 window frozen the same way.

    python benchmarks/bundle_startup.py [--runs 5] [--rebuild]

Both are PyInstaller one-folder bundles built in this run (or reused from packaging/out and
benchmarks/out). Each is started offscreen; the time is measured from process start (by this script)
to the line the program prints after its first paint, and for the app also to the live dashboard.
The app starts with first-run set-up done (no wizard) over a fresh database in a temporary home,
which it creates and migrates. Reported: median of the runs and the ratio to the bare window.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
APP_BUNDLE = ROOT / "packaging" / "out" / "bundle" / "cica-coordinator"
BARE_BUNDLE = OUT / "bare" / "bare-window"


def folder_size(path: Path) -> int:
    return sum(p.lstat().st_size for p in path.rglob("*") if not p.is_dir())


def build(rebuild: bool) -> None:
    if rebuild or not APP_BUNDLE.exists():
        subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--state", "KZ", "--formats", ""],
                       cwd=ROOT, check=True)
    if rebuild or not BARE_BUNDLE.exists():
        subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--onedir", "--strip",
                        "--log-level", "WARN",
                        "--name", "bare-window", "--distpath", str(OUT / "bare"), "--workpath", str(OUT / "work"),
                        "--specpath", str(OUT), str(ROOT / "benchmarks" / "bare_window.py")], cwd=ROOT, check=True)


def timed_run(command: list[str], env: dict[str, str]) -> dict[str, float]:
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    marks = {}
    for line in process.stdout:
        key = line.split(" ", 1)[0]
        if key in ("first-paint", "dashboard-live"):
            marks[key] = time.perf_counter() - started
    process.wait(timeout=60)
    marks["exit"] = time.perf_counter() - started
    return marks


def app_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CICA_")}
    env.update(QT_QPA_PLATFORM="offscreen", CICA_COORDINATOR_HOME=str(home), CICA_COORDINATOR_STARTUP_PROBE="1")
    sys.path.insert(0, str(ROOT))
    from desktop_app.ui.core import settings  # the app's own preference store, as the wizard would write it

    prefs = settings.Preferences(home / "config" / "preferences.ini")
    for setting, value in ((settings.FIRST_RUN_DONE, True), (settings.MEMBER_STATE, "KZ"), (settings.LANGUAGE, "kk")):
        prefs.set(setting, value)
    return env


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args()
    build(args.rebuild)
    bare_env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    results: dict[str, list[dict[str, float]]] = {"bare": [], "app": []}
    timed_run([str(BARE_BUNDLE / "bare-window")], bare_env)  # warm the page cache for both
    with tempfile.TemporaryDirectory() as warm:
        timed_run([str(APP_BUNDLE / "cica-coordinator")], app_env(Path(warm)))
    for _run in range(args.runs):  # interleaved, so machine load affects both alike
        results["bare"].append(timed_run([str(BARE_BUNDLE / "bare-window")], bare_env))
        with tempfile.TemporaryDirectory() as home:
            results["app"].append(timed_run([str(APP_BUNDLE / "cica-coordinator")], app_env(Path(home))))

    def median(kind: str, key: str) -> float:
        return statistics.median(run[key] for run in results[kind] if key in run)

    bare_size, app_size = folder_size(BARE_BUNDLE), folder_size(APP_BUNDLE)
    bare_paint, app_paint, app_live = median("bare", "first-paint"), median("app", "first-paint"), median(
        "app", "dashboard-live")
    print(f"runs: {args.runs} each, interleaved, offscreen; medians")
    print(f"bundle size      bare PySide6 {bare_size / 1e6:7.1f} MB   app {app_size / 1e6:7.1f} MB"
          f"   ratio {app_size / bare_size:.2f}")
    print(f"first window     bare PySide6 {bare_paint * 1000:7.0f} ms   app {app_paint * 1000:7.0f} ms"
          f"   ratio {app_paint / bare_paint:.2f}")
    print(f"live dashboard   (app only)                        {app_live * 1000:7.0f} ms"
          f"   ratio {app_live / bare_paint:.2f} to the bare window")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
