"""The kinds of report, and the one call that builds any of them in any format.

A report kind is a key, a translatable title, whether it is tabular (then XLSX and CSV are offered
besides PDF), whether it needs one university, and a ``gather`` function that reads the services and
returns a :class:`~desktop_app.reports.model.Document`. Kinds live one per module in
``desktop_app/reports/kinds/`` and are listed in ``KIND_MODULES``; see the package docstring
(``desktop_app/reports/__init__.py``) for how to add one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from desktop_app.domain.errors import UserError
from desktop_app.domain.progress import NO_PROGRESS, Progress
from desktop_app.i18n import Translator
from desktop_app.reports.model import Document, ReportOptions
from desktop_app.storage.database import Database
from desktop_app.storage.database_files import atomic_output
from desktop_app.storage.faults import file_problem

FORMATS = ("pdf", "xlsx", "csv")


class Template(str):
    """A translated sentence whose ``format`` isolates each inserted value (``unicode_text.isolate``)
    where directions may mix: in a right-to-left report, or for a value holding right-to-left letters.
    So «ترم ۱: Al-Farabi University، 30 ECTS» keeps the name, the comma and the figure in their places."""

    rtl = False

    def format(self, *args, **kwargs) -> str:
        from desktop_app.reports.unicode_text import isolate

        def guard(value):
            text = value if isinstance(value, str) else str(value)
            return isolate(text) if self.rtl or _has_rtl(text) else value

        return str.format(self, *map(guard, args), **{key: guard(value) for key, value in kwargs.items()})


class _RtlTemplate(Template):
    rtl = True


def _has_rtl(text: str) -> bool:
    import unicodedata

    return not text.isascii() and any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


@dataclass(frozen=True)
class ReportTranslator(Translator):
    """The report's translator: its sentences are :class:`Template` objects."""

    def _template(self, text: str) -> str:
        from desktop_app.i18n import is_rtl

        return (_RtlTemplate if is_rtl(self.language) else Template)(text)

    def gettext(self, message: str) -> str:
        return self._template(super().gettext(message))

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self._template(super().ngettext(singular, plural, count))


@dataclass(frozen=True)
class ReportContext:
    """What a ``gather`` function receives: the database, the user's options, and the report's
    translator (the report's language, not the interface's)."""

    db: Database
    options: ReportOptions
    tr: Translator
    progress: Progress

    def _(self, message: str) -> str:
        return self.tr.gettext(message)


Gather = Callable[[ReportContext], Document]


@dataclass(frozen=True)
class ReportKind:
    key: str
    title: str  # msgid, translated where shown
    tabular: bool
    gather: Gather
    description: str = ""  # msgid
    needs_university: bool = False
    needs_programme: bool = False  # a joint programme (or, from the command line, chosen universities)
    uses_programme: bool = False  # the user may narrow the report to one joint programme (all when none)
    uses_year: bool = False  # the user may narrow the report to one year
    #: A network report (the working group's view over the states' packages, ``reports/kinds/network_*``):
    #: listed by ``network report list`` and the Network page, filtered by member states.
    network: bool = False
    uses_area: bool = False  # the user may narrow the report to one area of cooperation
    uses_since: bool = False  # the user may give the day "what changed" counts from
    uses_body: bool = False  # the user may narrow the report to one body of the network (all when none)
    needs_learning_agreement: bool = False  # prints one learning agreement, which the user chooses

    @property
    def formats(self) -> tuple[str, ...]:
        return FORMATS if self.tabular else ("pdf",)


#: Modules that define report kinds, each with ``KIND = ReportKind(...)``. Other areas append theirs.
KIND_MODULES: list[str] = [
    "desktop_app.reports.kinds.network_overview",
    "desktop_app.reports.kinds.university_register",
    "desktop_app.reports.kinds.university_dossier",
    "desktop_app.reports.kinds.roadmap_progress",
    "desktop_app.reports.kinds.agreement_register",
    "desktop_app.reports.kinds.partnership_indicators",
    "desktop_app.reports.kinds.curricula_catalogue",
    "desktop_app.reports.kinds.joint_calendar",
    "desktop_app.reports.kinds.recognition_statistics",
    "desktop_app.reports.kinds.mobility_matrix",
    "desktop_app.reports.kinds.joint_events",
    "desktop_app.reports.kinds.programme_quality",
    "desktop_app.reports.kinds.staff_development",
    "desktop_app.reports.kinds.decisions_follow_up",
    "desktop_app.reports.kinds.scholarships",
    "desktop_app.reports.kinds.learning_agreement",
]

#: The network reports: built from the member states' packages gathered here (the Network page,
#: ``network report``), each institution, agreement and programme counted once.
NETWORK_KIND_MODULES: list[str] = [
    "desktop_app.reports.kinds.network_register",
    "desktop_app.reports.kinds.network_mobility",
    "desktop_app.reports.kinds.network_recognition",
    "desktop_app.reports.kinds.network_curricula",
    "desktop_app.reports.kinds.network_calendar",
    "desktop_app.reports.kinds.network_roadmap",
    "desktop_app.reports.kinds.network_dashboard",
]

_kinds: dict[str, ReportKind] = {}


def register(kind: ReportKind) -> ReportKind:
    _kinds[kind.key] = kind
    return kind


def kinds() -> list[ReportKind]:
    """The reports of this database's records (the Reports page, ``report``)."""
    found = [register(import_module(name).KIND) for name in KIND_MODULES]
    return found + [k for k in _kinds.values() if k not in found and not k.network]


def network_kinds() -> list[ReportKind]:
    """The network reports (the Network page, ``network report``)."""
    return [register(import_module(name).KIND) for name in NETWORK_KIND_MODULES]


def kind(key: str) -> ReportKind:
    available = {k.key: k for k in kinds() + network_kinds()}
    if key not in available:
        raise UserError("There is no report called {key}. Available: {available}.", key=key,
                        available=", ".join(available))
    return available[key]


def gather(db: Database, key: str, options: ReportOptions, progress: Progress = NO_PROGRESS) -> Document:
    from desktop_app.i18n import translator

    report = kind(key)
    if report.needs_university and options.university_id is None:
        raise UserError("Choose the university this report is about.", field="university")
    if report.needs_programme and options.programme_id is None and len(options.university_ids) < 2:
        raise UserError("Choose the joint programme, or at least two universities, whose calendars are "
                        "compared.", field="programme")
    if report.needs_learning_agreement and options.learning_agreement_id is None:
        raise UserError("Choose the learning agreement to print.", field="learning_agreement")
    context = ReportContext(db, options, ReportTranslator(translator(options.lang).language), progress)
    return report.gather(context)


def build_report(db: Database, key: str, fmt: str, out: Path | str, options: ReportOptions,
                 progress: Progress = NO_PROGRESS) -> Path:
    """Gather the report and write it to ``out`` in ``fmt``; returns the path written.

    The file appears only when complete: it is written beside the target and renamed, so a
    cancelled or failed build (a full disk included) leaves no half-written file behind.
    """
    report = kind(key)
    if fmt not in report.formats:
        raise UserError("The report {title} is available as {formats} only.", field="format",
                        title=report.title, formats=", ".join(f.upper() for f in report.formats))
    target = Path(out)
    document = gather(db, key, options, progress)
    progress.check_cancelled()
    try:
        with atomic_output(target) as partial:
            if fmt == "pdf":
                from desktop_app.reports.pdf import write_pdf

                write_pdf(document, partial, progress)
            elif fmt == "xlsx":
                from desktop_app.reports.spreadsheets import write_xlsx

                write_xlsx(document, partial, progress)
            else:
                from desktop_app.reports.spreadsheets import write_csv

                write_csv(document, partial, progress)
    except OSError as error:
        raise file_problem(error, target) or UserError(
            "The report could not be written to {path}: {reason}", field="output", path=str(target),
            reason=error.strerror or str(error)) from error
    return target
