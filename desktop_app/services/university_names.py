"""Which of a university's names a reader sees: one rule for every report and every list.

A reader of language L sees the university's name in L when the register has one; else its name in
the language of its state (the state's languages in order, see ``domain.reference.StateInfo``); else
its English name; else its display name. So a Kazakh report names Al-Farabi University in Kazakh,
a Russian one in Russian, and Tsinghua University — which has no Kazakh name — as 清华大学 in both,
the name its own state uses; an English report says "Tsinghua University". Aliases (acronyms, former
names) are never chosen. A name whose language the register does not know (ROR gives none for many
display names) counts as English when it is written in Latin letters.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sqlalchemy import select

from desktop_app.domain.reference import STATES_BY_CODE
from desktop_app.storage.database import Database

#: How many ids one query asks for (SQLite's bound-parameter limit is far above this).
_CHUNK = 900


def _base(lang: str | None) -> str:
    return (lang or "").replace("-", "_").split("_")[0].lower()


def choose_name(names: Iterable[tuple[str, str | None]], country_code: str, lang: str, display_name: str = "") -> str:
    """The name a reader of ``lang`` sees, from ``names`` = (value, language) pairs in the register's order
    (aliases already left out). The rule of this module in one place, for callers that hold the names."""
    by_lang: dict[str, str] = {}
    for value, code in names:
        if value:
            by_lang.setdefault(_base(code) or ("en" if _latin(value) else ""), value)
    state = STATES_BY_CODE.get((country_code or "").upper())
    for wanted in (_base(lang), *(state.languages if state else ()), "en"):
        if wanted in by_lang:
            return by_lang[wanted]
    return display_name or next(iter(by_lang.values()), "")


def _latin(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF for c in letters)


def names_for_reader(db: Database, university_ids: Sequence[int], lang: str) -> dict[int, str]:
    """{university id: the name a reader of ``lang`` sees} for every id that exists."""
    from desktop_app.storage.models import University, UniversityName

    ids = list(dict.fromkeys(university_ids))
    result: dict[int, str] = {}
    with db.reading() as session:
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start:start + _CHUNK]
            universities = {row.id: (row.country_code, row.display_name or "") for row in session.execute(
                select(University.id, University.country_code, University.display_name)
                .where(University.id.in_(chunk)))}
            names: dict[int, list[tuple[str, str | None]]] = {}
            for university_id, value, code in session.execute(
                    select(UniversityName.university_id, UniversityName.value, UniversityName.lang)
                    .where(UniversityName.university_id.in_(chunk), UniversityName.kind != "alias")
                    .order_by(UniversityName.university_id, UniversityName.position, UniversityName.id)):
                names.setdefault(university_id, []).append((value, code))
            for university_id, (country, display) in universities.items():
                result[university_id] = choose_name(names.get(university_id, ()), country, lang, display)
    return result
