"""What a package merge reads and what it answers: the package as a stream, and the counts per kind.

Kept apart from the merge itself because the three-way comparison (``package_record_merge.py``), the
waiting records (``package_waiting.py``) and the merge's callers all speak of these values, and none of
them needs the others to do so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from desktop_app.domain.contract import Message
from desktop_app.services import package_conflicts

STATUSES = ("new", "changed", "unchanged", "deleted", "conflicts", "refused")
NOTES_PER_KIND = 200  # records listed by name in a preview, per kind (the counts are always whole)


class PackageSource(Protocol):
    """A package as the merge reads it: checked already, read as a stream."""

    @property
    def blobs(self) -> Mapping[str, bytes]: ...

    @property
    def sender(self) -> str | None: ...

    @property
    def created_at(self) -> dt.datetime: ...

    @property
    def personal_data(self) -> bool: ...

    @property
    def kinds(self) -> list[str]: ...

    @property
    def counts(self) -> dict[str, int]: ...

    def lines(self, kind: str) -> Iterator[dict[str, Any]]: ...

    def tombstones(self) -> Iterator[dict[str, Any]]: ...

    def ledger_values(self) -> dict[str, Any]: ...

@dataclass
class RecordNote:
    kind: str
    uuid: str
    label: str
    status: str
    fields: list[str] = field(default_factory=list)
    message: Message | None = None


@dataclass
class KindCounts:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    deleted: int = 0
    conflicts: int = 0
    refused: int = 0
    notes: list[RecordNote] = field(default_factory=list)
    #: Of the unchanged: records linked at once to the same record here (a university by its ROR id).
    linked: int = 0

    def add(self, status: str, note: RecordNote | None = None) -> None:
        setattr(self, status, getattr(self, status) + 1)
        if note is not None and status != "unchanged" and len(self.notes) < NOTES_PER_KIND:
            self.notes.append(note)

    def as_json(self) -> dict[str, int]:
        return {status: getattr(self, status) for status in STATUSES}


@dataclass
class MergeResult:
    sender: str | None
    applied: bool
    deletions_applied: bool
    kinds: dict[str, KindCounts] = field(default_factory=dict)
    conflicts: list[package_conflicts.ConflictView] = field(default_factory=list)
    package_id: int | None = None

    def totals(self) -> dict[str, int]:
        return {status: sum(getattr(counts, status) for counts in self.kinds.values()) for status in STATUSES}

    def as_json(self) -> dict[str, Any]:
        return {**self.totals(), "kinds": {kind: counts.as_json() for kind, counts in self.kinds.items()},
                "applied": self.applied, "conflict_ids": [c.id for c in self.conflicts] if self.applied else []}
