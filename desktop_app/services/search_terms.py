"""Search words matched in SQL, in every script, on both engines.

Columns that hold text already folded (``search_text``, written with ``fold_for_search``) are tested with
a plain substring search. Other text columns are folded on the database side: on SQLite with the
``cica_fold`` function the engine registers on every connection (the same folding as the stored text),
on PostgreSQL with ``lower()``, which folds case in every script but keeps accents, so there the word is
matched as typed, lower-cased ("é" finds "É" but not "e").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, bindparam, func, or_, select, union
from sqlalchemy.orm import Session

from desktop_app.domain.text import fold_for_search
from desktop_app.storage.models import University, UniversityName


@dataclass(frozen=True)
class Word:
    folded: str  # as ``fold_for_search`` folds it
    lowered: str  # as typed, lower-cased


def search_words(text: str) -> list[Word]:
    """The words of what the user typed; every one must match."""
    return [Word(fold_for_search(word), word.lower()) for word in text.split() if fold_for_search(word)]


def dialect_of(session: Session) -> str:
    return session.get_bind().dialect.name


def matches(dialect: str, folded: Any, lowered: Any, *folded_columns: Any, raw: tuple[Any, ...] = ()
            ) -> ColumnElement[bool]:
    """The word (``folded`` / ``lowered``: text or bind parameters) appears in one of the ``folded_columns``
    or, folded on the fly, in one of ``raw``."""
    if dialect == "postgresql":
        tests = [func.strpos(column, folded) > 0 for column in folded_columns]
        tests += [func.strpos(func.lower(column), lowered) > 0 for column in raw]
    else:
        tests = [func.instr(column, folded) > 0 for column in folded_columns]
        tests += [func.instr(func.cica_fold(column), folded) > 0 for column in raw]
    return or_(*tests)


def contains(session: Session, word: Word, *folded: Any, raw: tuple[Any, ...] = ()) -> ColumnElement[bool]:
    """``word`` appears in one of the ``folded`` columns or, folded on the fly, in one of ``raw``."""
    return matches(dialect_of(session), word.folded, word.lowered, *folded, raw=raw)


def word_parameters(index: int) -> tuple[Any, Any]:
    """Bind parameters for the ``index``-th search word of a statement kept for reuse."""
    return bindparam(f"word{index}_folded"), bindparam(f"word{index}_lowered")


def word_values(words: list[Word]) -> dict[str, str]:
    values = {}
    for index, word in enumerate(words):
        values[f"word{index}_folded"], values[f"word{index}_lowered"] = word.folded, word.lowered
    return values


def universities_named(dialect: str, folded: Any, lowered: Any):
    """The ids of the universities one of whose names (in any language) or whose acronym holds the word.
    (Not their contacts: a search for a person in a list of records should find that person.)"""
    return union(select(UniversityName.university_id).where(matches(dialect, folded, lowered,
                                                                    raw=(UniversityName.value,))),
                 select(University.id).where(matches(dialect, folded, lowered, raw=(University.acronym,))))
