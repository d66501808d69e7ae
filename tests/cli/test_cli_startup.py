"""The installed command starts the GUI through the command line: parsing it must stay light."""

import subprocess
import sys
from pathlib import Path

CODE = """
import sys
from desktop_app.cli import build_parser
build_parser().parse_args(["gui"])
heavy = [m for m in ("sqlalchemy", "alembic", "reportlab", "openpyxl", "icalendar") if m in sys.modules]
print(",".join(heavy))
"""


def test_command_line_reaches_the_gui_without_heavy_imports():
    result = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parents[2])
    assert result.stdout.strip() == ""
