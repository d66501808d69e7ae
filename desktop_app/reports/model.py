"""The neutral document model every report kind produces and every output format reads.

A report gathers its data into a :class:`Document` of blocks — headings, paragraphs, key-value
blocks, tables and charts — already translated into the report's language. The PDF, XLSX and CSV
writers know nothing about universities or agreements; a report kind knows nothing about PDF.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ReportOptions:
    """What the user chose. ``lang`` is the report's language, independent of the interface."""

    lang: str = "en"
    include_personal_data: bool = False
    draft: bool = False
    state_code: str = ""
    coordinator: str = ""
    today: dt.date = field(default_factory=dt.date.today)
    university_id: int | None = None


@dataclass
class Heading:
    text: str
    level: int = 1  # 1 = section (listed in the table of contents), 2 = subsection


@dataclass
class Text:
    text: str
    style: str = "body"  # body | note


@dataclass
class KeyValues:
    items: list[tuple[str, str]]


@dataclass
class Column:
    title: str
    weight: float = 1.0  # share of the page width in PDF
    numeric: bool = False


@dataclass
class Table:
    """Rows of plain strings (numbers already formatted for the language) with raw values for sheets.

    ``rows`` holds display strings; ``values`` (optional, same shape) the typed values written to
    XLSX and CSV (int, float, date or str) so spreadsheets can sum and sort them.
    """

    title: str
    columns: list[Column]
    rows: Sequence[Sequence[str]]
    values: Sequence[Sequence[object]] | None = None
    sheet: str = ""  # XLSX sheet name; defaults to the title

    def value_rows(self) -> Sequence[Sequence[object]]:
        return self.values if self.values is not None else self.rows


@dataclass
class Chart:
    kind: str  # bar | pie
    title: str
    labels: list[str]
    values: list[float]
    value_labels: list[str] | None = None  # formatted for the language


@dataclass
class PageBreak:
    pass


Block = Heading | Text | KeyValues | Table | Chart | PageBreak


@dataclass
class Document:
    title: str
    options: ReportOptions
    blocks: list[Block] = field(default_factory=list)
    subtitle: str = ""
    #: Lines printed on the cover under the title (state, coordinator, date, personal-data note …).
    cover_lines: list[str] = field(default_factory=list)
    header: str = ""  # printed at the top of every page
    table_of_contents: bool = False
    cover: bool = True
    rtl: bool = False

    def add(self, *blocks: Block) -> Document:
        self.blocks.extend(blocks)
        return self

    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]
