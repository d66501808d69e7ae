"""Alphabetical order that suits the reader's language without ICU: fold, then sort per script."""

from __future__ import annotations

from desktop_app.domain.text import fold_for_search

# Kazakh and Russian order their extra letters after the Russian ones they resemble; folding keeps
# them apart (ә, ғ, қ …) so the order stays stable. Exact CLDR collation would need ICU.


def sort_key(text: str, lang: str | None = None) -> tuple:
    folded = fold_for_search(text)
    return (folded, text)
