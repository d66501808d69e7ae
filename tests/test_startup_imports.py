"""The first window is painted before the heavy libraries are imported."""

import subprocess
import sys

CODE = """
import sys
import desktop_app.app, desktop_app.ui.shell.main_window, desktop_app.ui.dashboard.page, desktop_app.storage.urls
import desktop_app.storage.instance_lock
heavy = [m for m in ("sqlalchemy", "alembic", "reportlab", "openpyxl", "icalendar") if m in sys.modules]
print(",".join(heavy))
"""


def test_gui_start_path_does_not_import_heavy_libraries():
    result = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
