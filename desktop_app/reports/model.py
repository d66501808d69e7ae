"""The neutral document model every report kind produces and every output format reads.

A report gathers its data into a :class:`Document` of blocks — headings, paragraphs, key-value
blocks, tables and charts — already translated into the report's language. The PDF, XLSX and CSV
writers know nothing about universities or agreements; a report kind knows nothing about PDF.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from desktop_app.domain.preferences import Options


@dataclass(frozen=True)
class ReportOptions:
    """What the user chose. ``lang`` is the report's language, independent of the interface.

    ``preferences`` are the user's preferences (member state, coordinator, warning periods), given
    explicitly; ``state_code`` and ``coordinator`` default to theirs (see :meth:`with_preferences`)."""

    lang: str = "en"
    include_personal_data: bool = False
    draft: bool = False
    state_code: str = ""
    coordinator: str = ""
    today: dt.date = field(default_factory=dt.date.today)
    university_id: int | None = None
    programme_id: int | None = None  # the joint programme of a joint calendar
    university_ids: tuple[int, ...] = ()  # or the universities whose calendars are overlaid
    year: int | None = None  # a calendar year (or the first year of an academic year) to report on
    #: Network reports: the member states whose submissions the report is built from (none: every state),
    #: an area of cooperation (a key of domain.reference.COOPERATION_AREAS), and the day "what changed"
    #: counts from when the working group's records name no previous meeting.
    states: tuple[str, ...] = ()
    area: str = ""
    since: dt.date | None = None
    body_id: int | None = None  # the body whose decisions a follow-up report covers (none: every body)
    learning_agreement_id: int | None = None  # the learning agreement printed
    preferences: Options = field(default_factory=Options)

    @classmethod
    def with_preferences(cls, preferences: Options, **choices) -> ReportOptions:
        """Options for a report, the member state and coordinator taken from the preferences unless given."""
        choices["state_code"] = choices.get("state_code") or preferences.member_state
        choices["coordinator"] = choices.get("coordinator") or preferences.coordinator
        return cls(preferences=preferences, **choices)

    @property
    def expiry_horizon_days(self) -> int:
        """Days ahead in which an agreement in force counts as expiring: the user's preference."""
        return self.preferences.expiry_horizon_days


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
    #: Indices of rows to draw attention to (e.g. agreements about to expire), shaded in PDF and XLSX.
    highlight: frozenset[int] = frozenset()
    in_sheets: bool = True  # False: PDF only (the same rows go to a sheet of their own, see Document)

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
class PlannerRow:
    label: str
    #: (first day, last day inclusive, colour "#rrggbb", title) of each coloured span on the row.
    spans: list[tuple[object, object, str, str]]
    emphasis: bool = False  # a computed row (common windows, conflicts) rather than a partner


@dataclass
class YearPlanner:
    """Rows of coloured date spans over a year, months across, with a legend (the joint calendar)."""

    title: str
    first_day: object  # datetime.date
    last_day: object
    months: list[tuple[object, str]]  # (first day of the month, its short name in the report's language)
    rows: list[PlannerRow]
    legend: list[tuple[str, str]]  # (colour, title)


@dataclass
class PageBreak:
    pass


Block = Heading | Text | KeyValues | Table | Chart | YearPlanner | PageBreak


@dataclass
class Document:
    title: str
    options: ReportOptions
    blocks: list[Block] = field(default_factory=list)
    subtitle: str = ""
    #: Lines printed under the title (state, coordinator, date, personal-data note …), on the cover of a
    #: long report, in the title block of a short one.
    cover_lines: list[str] = field(default_factory=list)
    header: str = ""  # first line of the running header: the network and the report's title
    header_detail: str = ""  # second line: member state, coordinator, period
    #: Long reports (from ``LONG_REPORT_PAGES`` pages) get a cover and, when asked, a table of contents;
    #: shorter ones open with a compact title block. ``cover=False`` never gives one.
    table_of_contents: bool = False
    cover: bool = True
    rtl: bool = False
    #: Tables written to XLSX and CSV only (e.g. every course of every programme on one sheet).
    sheet_only: list[Table] = field(default_factory=list)

    def add(self, *blocks: Block) -> Document:
        self.blocks.extend(blocks)
        return self

    def tables(self) -> list[Table]:
        return [block for block in self.blocks if isinstance(block, Table)]

    def sheet_tables(self) -> list[Table]:
        """The tables of the XLSX and CSV outputs, in order."""
        return [table for table in self.tables() if table.in_sheets] + list(self.sheet_only)
