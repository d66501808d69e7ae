"""The journal of unsaved drafts: what an open editor holds, written to the data folder as it changes,
removed when the editor is saved or its changes are discarded. A file still there when the application
starts means the last session ended without either (a crash, a power cut): the user is offered the
draft back.

A journal entry says which area and record it belongs to, the draft's type and its values as JSON
(``domain/drafts_json.py``); the area's page knows how to open its editor with it.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app import paths
from desktop_app.domain.drafts_json import to_jsonable


@dataclass(frozen=True)
class DraftEntry:
    path: Path
    area: str  # key of the area (see ui/shell/areas.py)
    record_id: int | None  # None: a record not yet created
    title: str  # what the editor was editing, as its window said
    values: dict[str, Any]
    database: str  # the database it belongs to


def _file_for(area: str, record_id: int | None) -> Path:
    return paths.drafts_dir() / f"{area}-{record_id if record_id is not None else 'new'}.json"


def write(area: str, record_id: int | None, title: str, draft: Any, database: str) -> Path:
    """Keep the draft (atomically: a crash while writing leaves the previous version)."""
    target = _file_for(area, record_id)
    data = {"area": area, "record_id": record_id, "title": title, "database": database,
            "values": to_jsonable(draft)}
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".draft-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(data, stream, ensure_ascii=False)
        os.replace(temporary, target)
    except OSError:
        Path(temporary).unlink(missing_ok=True)
    return target


def discard(area: str, record_id: int | None) -> None:
    _file_for(area, record_id).unlink(missing_ok=True)


def remove(entry: DraftEntry) -> None:
    entry.path.unlink(missing_ok=True)


def pending(database: str | None = None) -> list[DraftEntry]:
    """Drafts left by a session that ended without saving or discarding them (for ``database``)."""
    entries = []
    for path in sorted(paths.drafts_dir().glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            entry = DraftEntry(path, str(data["area"]), data.get("record_id"), str(data.get("title", "")),
                               dict(data["values"]), str(data.get("database", "")))
        except (OSError, ValueError, KeyError, TypeError):
            path.unlink(missing_ok=True)  # unreadable: nothing can be offered from it
            continue
        if database is None or entry.database == database:
            entries.append(entry)
    return entries
