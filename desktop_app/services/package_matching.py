"""Records that may be the same as one here under another UUID, beyond what unique columns say.

Unique columns (a ROR id, a case's reference) are read from the schema by the merge. Universities are
also matched by normalised name and country, as the data package asks: a register built independently
in two states holds the same institution under two UUIDs. This is the one kind named here, for that
documented reason; a kind without a matcher is matched by its unique columns only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_app.services import package_apply

Matcher = Callable[[Session, dict[str, Any]], str | None]


class _SameUniversity:
    """A university here with the same normalised name in the same country (any of its names), owned by
    another state than the one the record belongs to (a state does not duplicate its own register by
    mistake). The names here are read once per import, when the first university needs them."""

    def __init__(self) -> None:
        self.index: dict[tuple[str, str], str] | None = None
        self.owner: str | None = None

    def __call__(self, session: Session, line: dict[str, Any]) -> str | None:
        from desktop_app.services.university_bulk import name_key
        from desktop_app.storage.models import University, UniversityName

        owner = package_apply.owner_of(line)
        if self.index is None or self.owner != owner:
            self.owner, self.index = owner, {}
            other = University.owner_state.is_distinct_from(owner)  # type: ignore[attr-defined]
            for uuid, country, name in session.execute(
                    select(University.uuid, University.country_code, University.display_name).where(other)):
                self.index.setdefault((country, name_key(name)), uuid)
            for uuid, country, name in session.execute(
                    select(University.uuid, University.country_code, UniversityName.value)
                    .join(UniversityName, UniversityName.university_id == University.id).where(other)):
                self.index.setdefault((country, name_key(name)), uuid)
        root = package_apply.root_row(line)
        names = [root.get("display_name") or ""] + [row.get("value") or "" for row in
                                                    line["rows"].get("university_names", ())]
        country = str(root.get("country_code") or "")
        for name in names:
            found = self.index.get((country, name_key(name))) if name else None
            if found is not None:
                return found
        return None


def matcher_for(kind: str) -> Matcher | None:
    """A fresh matcher (with its own index) for one import of ``kind``, or None."""
    return _SameUniversity() if kind == "university" else None
