"""Start-up benchmark (not a test): time from process start to the first painted main window and to
a dashboard showing live counts, beside a bare PySide6 QMainWindow started the same way, same run.

    .venv/bin/python benchmarks/startup.py [--runs 5]

Targets (issue 2): first paint within 1.5x the bare window; live dashboard within 4x.
Each run is a fresh process (offscreen platform) over a migrated database with demo data, after one
warm-up run of each (file cache, cached bytecode — as an installed application starts).
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

BARE = r"""
import time, sys
started = float(sys.argv[1])
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow(); window.resize(1180, 760)
class Probe(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print(f"first-paint {time.time() - started:.4f}", flush=True)
            QTimer.singleShot(0, app.quit)
        return False
probe = Probe(); window.installEventFilter(probe); window.show(); app.exec()
"""

PREFERENCES = r"""
from desktop_app.ui.core import settings
prefs = settings.Preferences()
prefs.set(settings.FIRST_RUN_DONE, True); prefs.set(settings.MEMBER_STATE, "KZ"); prefs.set(settings.LANGUAGE, "en")
"""

APP = r"""
import sys
import desktop_app.app as app_module
app_module.PROCESS_STARTED = float(sys.argv[1])
sys.exit(app_module.run_gui(db_url=sys.argv[2]))
"""


def _measure(code: str, args: list[str], env: dict) -> dict[str, float]:
    wall_start = time.perf_counter()
    result = subprocess.run([sys.executable, "-c", code, repr(time.time()), *args], capture_output=True, text=True,
                            env=env,
                            timeout=120, check=False)
    wall = time.perf_counter() - wall_start
    figures = {"process": wall}
    for line in result.stdout.splitlines():
        name, _sep, value = line.partition(" ")
        if name in ("first-paint", "dashboard-live"):
            figures[name] = float(value)
    if "first-paint" not in figures:
        raise SystemExit(f"no timing from child: {result.stdout}\n{result.stderr}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    repo = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CICA_COORDINATOR_HOME=home,
                   CICA_COORDINATOR_STARTUP_PROBE="1", PYTHONPATH=str(repo))
        # As installed (pip or the frozen bundle), modules start from cached bytecode: let the warm-up
        # runs write it, for both programs alike.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        db = Path(home) / "bench.sqlite3"
        url = f"sqlite:///{db}"
        subprocess.run([sys.executable, "-m", "desktop_app", "--db", url, "demo"], env=env, check=True,
                       capture_output=True)
        subprocess.run([sys.executable, "-c", PREFERENCES], env=env, check=True)
        bare, app = [], []
        _measure(BARE, [], env)  # warm the file and bytecode caches once for both
        _measure(APP, [url], env)
        (db.parent / (db.name + ".lock")).unlink(missing_ok=True)
        for _ in range(args.runs):
            bare.append(_measure(BARE, [], env))
            app.append(_measure(APP, [url], env))
            (db.parent / (db.name + ".lock")).unlink(missing_ok=True)
    bare_paint = statistics.median(r["first-paint"] for r in bare)
    app_paint = statistics.median(r["first-paint"] for r in app)
    app_live = statistics.median(r["dashboard-live"] for r in app if "dashboard-live" in r)
    print(f"runs: {args.runs} (median, seconds from process start)")
    print(f"bare QMainWindow first paint : {bare_paint:.3f}")
    print(f"app first paint              : {app_paint:.3f}  ratio {app_paint / bare_paint:.2f}x (target <= 1.5x)")
    print(f"app dashboard with live data : {app_live:.3f}  ratio {app_live / bare_paint:.2f}x (target <= 4x)")


if __name__ == "__main__":
    main()
