"""Search words matched in SQL, in every script, on both engines.

Columns that hold text already folded (``search_text``, written with ``fold_for_search``) are tested with
a plain substring search. Other text columns are folded on the database side: on SQLite with the
``cica_fold`` function the engine registers on every connection (the same folding as the stored text),
on PostgreSQL with ``lower()``, which folds case in every script but keeps accents, so there the word is
matched as typed, lower-cased ("é" finds "É" but not "e").
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, or_
from sqlalchemy.orm import Session

from desktop_app.domain.text import fold_for_search


@dataclass(frozen=True)
class Word:
    folded: str  # as ``fold_for_search`` folds it
    lowered: str  # as typed, lower-cased


def search_words(text: str) -> list[Word]:
    """The words of what the user typed; every one must match."""
    return [Word(fold_for_search(word), word.lower()) for word in text.split() if fold_for_search(word)]


def contains(session: Session, word: Word, *folded: ColumnElement, raw: tuple[ColumnElement, ...] = ()
             ) -> ColumnElement[bool]:
    """``word`` appears in one of the ``folded`` columns or, folded on the fly, in one of ``raw``."""
    if session.get_bind().dialect.name == "postgresql":
        tests = [func.strpos(column, word.folded) > 0 for column in folded]
        tests += [func.strpos(func.lower(column), word.lowered) > 0 for column in raw]
    else:
        tests = [func.instr(column, word.folded) > 0 for column in folded]
        tests += [func.instr(func.cica_fold(column), word.folded) > 0 for column in raw]
    return or_(*tests)
