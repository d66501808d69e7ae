"""A record's names in several languages and scripts, one a row: the name, its language and — for records
that tell their names apart (official, shown in lists, in another language, also known as) — its kind.

One widget for every editor that keeps names per language: a university's and an organisation's names
(with kinds, as ``NameDraft``) and a body's names (without, as ``BodyNameDraft``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from desktop_app.domain.universities import NameDraft, NameKind
from desktop_app.i18n import N_, _
from desktop_app.ui.common.editable_table import EditableTable
from desktop_app.ui.common.language_pickers import LanguageChoice

NAME_KIND_LABELS = {NameKind.OFFICIAL: N_("Official (native)"), NameKind.DISPLAY: N_("Shown in lists"),
                    NameKind.LABEL: N_("In another language"), NameKind.ALIAS: N_("Also known as")}


class NamesTable(EditableTable):
    """``kinds``: the kinds offered in a third column (None: no kind column); ``make(value, lang[, kind])``
    builds the draft of a row, ``new_kind`` is the kind of a row added empty."""

    def __init__(self, parent=None, *, make: Callable[..., Any] = NameDraft,
                 kinds: dict | None = NAME_KIND_LABELS, new_kind: str = NameKind.LABEL):
        self.make, self.kinds, self.new_kind = make, kinds, new_kind
        super().__init__(parent)
        if kinds is None:  # without the kind column the name takes its room
            self.table.setColumnWidth(0, 380)
        else:
            self.table.setColumnWidth(0, 340)
            self.table.setColumnWidth(1, 140)

    def headers(self) -> list[str]:
        return [_("Name"), _("Language")] + ([_("Kind")] if self.kinds is not None else [])

    def fill_row(self, row: int, values: Any | None) -> None:
        self.set_text(row, 0, values.value if values is not None else "")
        self.table.setCellWidget(row, 1, LanguageChoice((values.lang if values is not None else "") or ""))
        if self.kinds is not None:
            self.combo(row, 2, self.kinds, values.kind if values is not None else self.new_kind)

    def draft_of(self, row: int) -> Any:
        value, lang = self.text(row, 0), self.table.cellWidget(row, 1).value() or None
        if self.kinds is None:
            return self.make(value, lang)
        return self.make(value, lang, self.table.cellWidget(row, 2).currentData())
