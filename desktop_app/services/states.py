"""Member and observer states, with names from CLDR in the requested language."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from desktop_app.i18n import formatting
from desktop_app.storage.database import Database
from desktop_app.storage.models import MemberState


@dataclass(frozen=True)
class StateView:
    code: str
    name: str
    member: bool
    languages: tuple[str, ...]
    calendar: str

    def as_json(self) -> dict:
        return {"code": self.code, "name": self.name, "member": self.member, "languages": list(self.languages),
                "calendar": self.calendar}


def list_states(db: Database, lang: str | None = None, members_only: bool = False) -> list[StateView]:
    with db.reading() as session:
        query = select(MemberState)
        if members_only:
            query = query.where(MemberState.is_member.is_(True))
        rows = session.execute(query).scalars().all()
        views = [
            StateView(row.code, formatting.country_name(row.code, lang), row.is_member,
                      tuple(row.languages.split()), row.calendar)
            for row in rows
        ]
    # Members first, then observers; each group in the reader's alphabetical order.
    from desktop_app.services.collation import sort_key

    return sorted(views, key=lambda v: (not v.member, sort_key(v.name, lang)))
