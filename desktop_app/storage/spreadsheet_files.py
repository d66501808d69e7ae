"""Writing workbooks to disk so that a failing disk gives one clear sentence and nothing else.

Below both the report builders and the exporters (``reports`` and ``exchange`` do not import each
other), so every XLSX the application writes goes through here.
"""

from __future__ import annotations

from contextlib import suppress
from pathlib import Path


def save_workbook(workbook, path: Path) -> None:
    """``workbook.save`` that, when the disk fails (full, removed), closes what openpyxl left open: its
    archive and the streaming sheets' writers. Left to the garbage collector they fail again there and
    print "Exception ignored in generator" over the one sentence the user should read."""
    from zipfile import ZIP_DEFLATED, ZipFile

    from openpyxl.writer.excel import ExcelWriter

    archive = ZipFile(path, "w", ZIP_DEFLATED, allowZip64=True)
    try:
        ExcelWriter(workbook, archive).save()
    except BaseException:
        for sheet in workbook.worksheets:
            for stream in (getattr(sheet, "_rows", None), getattr(getattr(sheet, "_writer", None), "xf", None)):
                if stream is not None and hasattr(stream, "close"):
                    with suppress(Exception):
                        stream.close()
        with suppress(Exception):
            archive.close()
        raise
