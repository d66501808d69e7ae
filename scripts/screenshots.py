"""Screenshots of every page in every shipped language at the default window size (1,180 × 760), with
the demonstration data loaded, for docs/screenshots/ and for looking at the screens.

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--lang fa] [--area calendars]

Runs offscreen in a temporary user folder with a new SQLite database; nothing of the user's is touched.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

LANGUAGES = ("en", "ru", "kk", "fa", "zh")
SIZE = (1180, 760)
DEMO_DAY = dt.date(2026, 3, 2)  # a fixed day, so two runs give the same pictures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--lang", action="append", help="only this language (repeatable)")
    parser.add_argument("--area", action="append", help="only this area (repeatable)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = Path(tempfile.mkdtemp(prefix="cica-shots-"))
    os.environ["CICA_COORDINATOR_HOME"] = str(home)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

    from PySide6.QtWidgets import QApplication

    from desktop_app.app import create_application, start
    from desktop_app.exchange.demo import load_demo
    from desktop_app.ui.core import settings
    from desktop_app.ui.core.language import apply_language
    from desktop_app.ui.shell.areas import AREAS

    app = create_application([sys.argv[0]])
    preferences = settings.Preferences()
    preferences.set(settings.FIRST_RUN_DONE, True)
    preferences.set(settings.MEMBER_STATE, "KZ")
    preferences.set(settings.LANGUAGE, "en")
    started = start(app, db_url=f"sqlite:///{home / 'demo.sqlite3'}", preferences=preferences, wizard=False)
    assert started is not None
    context, window = started
    window.resize(*SIZE)
    window.show()
    _wait(app, lambda: context.db is not None)
    load_demo(context.db, today=DEMO_DAY)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for lang in args.lang or LANGUAGES:
        apply_language(app, lang)
        for area in AREAS:
            if args.area and area.key not in args.area:
                continue
            page = window.open_area(area.key)
            _settle(app, context)
            select_first = getattr(page, "select_first_row", None)
            if select_first is not None:
                select_first()
            _settle(app, context)
            window.resize(*SIZE)
            _settle(app, context)
            path = out / f"{area.key}-{lang}.png"
            window.grab().save(str(path))
            print(path, window.width(), window.height())
    apply_language(app, "en")
    context.runner.wait_for_all(10000)
    context.instance_lock.release()
    context.db.close()
    window.close()
    QApplication.processEvents()
    return 0


def _wait(app, condition, timeout: float = 30.0) -> None:
    import time

    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)


def _settle(app, context) -> None:
    import time

    context.runner.wait_for_all(10000)
    for _round in range(20):
        app.processEvents()
        time.sleep(0.01)


if __name__ == "__main__":
    raise SystemExit(main())
