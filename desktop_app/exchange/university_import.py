"""Imports of universities with a preview: ROR records, CSV/XLSX tables with a column mapping, ranking tables.

``preview_import`` reads the file through the input gate, validates every row, finds duplicates (the
UUID of our own export first, then the ROR id, then normalised name and country) and decides for each
row: create, update, skip (unchanged) or reject (with its line and field). Nothing is written.
``apply_import`` writes a preview the user confirmed, in one transaction; a preview with any rejected
row writes nothing (all or nothing per file). The columns of an exported register (register_columns.py)
are recognised, so an export imports back into the same records.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.domain.errors import UserError
from desktop_app.domain.progress import Progress
from desktop_app.domain.universities import (
    InstitutionType,
    MembershipStatus,
    NameDraft,
    NameKind,
    NetworkRole,
    UniversityDraft,
    normalise_ror_id,
)
from desktop_app.domain.university_rules import clean, validation_errors
from desktop_app.exchange.input_gate import FileRefused, cell_problem, sniff
from desktop_app.exchange.input_tables import Table, read_csv, read_xlsx
from desktop_app.exchange.ranking_import import plan_rankings
from desktop_app.exchange.register_columns import KIND_OF_PREFIX, name_target, parse_ranking
from desktop_app.exchange.ror import RecordProblem, draft_from_record
from desktop_app.exchange.university_files import read_ror
from desktop_app.i18n import _
from desktop_app.services import university_bulk as bulk
from desktop_app.services import university_transfer
from desktop_app.storage import values

FORMATS = ("ror", "csv", "xlsx", "rankings")
#: Fields a ROR record sets; membership, contacts and rankings stay as the coordinator keeps them.
ROR_FIELDS = {"names", "country_code", "city", "website", "ror_id", "acronym", "institution_type", "established"}
#: Target fields of a CSV/XLSX column mapping (``name:xx``, ``official:xx``, ``alias:xx`` add names in xx).
TABLE_FIELDS = ("uuid", "name", "name_lang", "name_en", "name_native", "native_lang", "acronym", "country_code", "city",
                "website", "ror_id", "institution_type", "network_role", "status", "status_since", "established",
                "notes", "rankings")
_HEADER_GUESSES = {
    "uuid": ("uuid",),
    "name": ("name", "display_name", "university", "institution", "название", "атауы"),
    "name_lang": ("name_lang",),
    "name_en": ("name_en", "english_name", "name (en)", "name_english"),
    "name_native": ("name_native", "native_name", "official_name", "name_official"),
    "native_lang": ("native_lang", "lang", "language"),
    "acronym": ("acronym", "abbreviation", "short_name"),
    "country_code": ("country_code", "country", "country_iso2", "iso2", "страна"),
    "city": ("city", "город", "қала"),
    "website": ("website", "web", "url", "site", "links"),
    "ror_id": ("ror_id", "ror", "ror id"),
    "institution_type": ("institution_type", "type"),
    "network_role": ("network_role", "role"),
    "status": ("status", "membership_status"),
    "status_since": ("status_since",),
    "established": ("established", "founded", "year_founded"),
    "notes": ("notes", "note", "comments"),
    "rankings": ("rankings",),
}


@dataclass
class Rejection:
    line: int
    field: str
    message: str


@dataclass
class ImportPreview:
    path: str
    format: str
    carried: set[str] = field(default_factory=set)
    universities: list[bulk.PlannedUniversity] = field(default_factory=list)
    rankings: list[bulk.PlannedRanking] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    unmatched: list[tuple[int, str, str]] = field(default_factory=list)  # line, institution, country
    encoding: str = ""

    def count(self, action: str) -> int:
        return (sum(1 for item in self.universities if item.action == action)
                + sum(1 for item in self.rankings if item.action == action))

    @property
    def counts(self) -> dict[str, int]:
        return {"created": self.count("create"), "updated": self.count("update"), "skipped": self.count("skip"),
                "rejected": len(self.rejected), "unmatched": len(self.unmatched)}

    @property
    def writable(self) -> bool:
        return not self.rejected


def summary(preview: ImportPreview, written: bool = False, dry_run: bool = False) -> str:
    """One sentence on what happened, never contradicting itself: what was written, or that nothing was
    (a preview not yet confirmed, a dry run, or a file with rejected rows)."""
    counts = preview.counts
    if preview.rejected:
        return _("rejected: {rejected} — nothing was written. Without the rejected rows the file would create "
                 "{created}, update {updated} and leave {skipped} unchanged.").format(**counts)
    if written:
        return _("created: {created}, updated: {updated}, skipped: {skipped}, rejected: {rejected}").format(**counts)
    if dry_run:
        return _("Dry run — nothing was written: the file would create {created}, update {updated} and leave "
                 "{skipped} unchanged.").format(**counts)
    return _("The file would create {created}, update {updated} and leave {skipped} unchanged.").format(**counts)


def guess_format(path: Path) -> str:
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".json", ".jsonl", ".ndjson"):
        return "ror"
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix not in (".csv", ".txt", ".tsv"):
        try:
            kind = sniff(path.read_bytes()[:65536])
        except OSError:
            kind = ""
        if kind in ("json", "xlsx"):
            return {"json": "ror", "xlsx": "xlsx"}[kind]
        if kind != "text":
            raise UserError("Cannot tell the format of {path}; choose one of ror, csv, xlsx, rankings.",
                            path=str(path))
    headers = {h.lower() for h in read_csv(path).headers}
    return "rankings" if {"ranking", "rank", "institution"} <= headers else "csv"


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """Target field -> source column, from the column titles; name columns (``name[kk]``, ``official[ru]``,
    ``alias[]`` as an export writes them, or ``name:xx``/``name_xx``) add names."""
    mapping: dict[str, str] = {}
    lowered = {h.strip().lower(): h for h in headers if h.strip()}
    for target, guesses in _HEADER_GUESSES.items():
        for guess in guesses:
            if guess in lowered and lowered[guess] not in mapping.values():
                mapping[target] = lowered[guess]
                break
    for low, header in lowered.items():
        if header in mapping.values():
            continue
        name_column = name_target(header)
        if name_column is not None:
            mapping[name_column] = header
            continue
        for prefix in ("name:", "name_"):
            lang = low[len(prefix):]
            if low.startswith(prefix) and 2 <= len(lang) <= 3 and lang.isalpha():
                mapping[f"name:{lang}"] = header
    return mapping


def read_table(path: Path, fmt: str) -> Table:
    return read_xlsx(path) if fmt == "xlsx" else read_csv(path)


def preview_import(db, path: Path, fmt: str | None = None, mapping: dict[str, str] | None = None,
                   progress: Progress | None = None) -> ImportPreview:
    path = Path(path)
    if not path.is_file():
        raise FileRefused("There is no file {name}.", name=str(path))
    fmt = fmt or guess_format(path)
    if fmt not in FORMATS:
        raise UserError("Unknown import format {format}; use ror, csv, xlsx or rankings.", format=fmt)
    preview = ImportPreview(str(path), fmt)
    if progress:
        progress.report(0, 0, _("Reading {name}…").format(name=path.name))
    if fmt == "rankings":
        plan_rankings(db, read_csv(path), preview, progress)
        return preview
    drafts: list[tuple[int, UniversityDraft, str | None]] = []
    if fmt == "ror":
        preview.carried = set(ROR_FIELDS)
        for line, record, problem in read_ror(path):
            if problem:
                preview.rejected.append(Rejection(line, "json", problem))
                continue
            try:
                drafts.append((line, draft_from_record(record), None))
            except RecordProblem as error:
                preview.rejected.append(Rejection(line, error.field, error.message.text()))
    else:
        table = read_table(path, fmt)
        preview.encoding = table.encoding
        mapping = mapping or guess_mapping(table.headers)
        drafts = _drafts_from_table(table, mapping, preview, path.name)
    _plan_universities(db, drafts, preview, progress)
    return preview


def _cell_names(text: str, lang: str | None, kind: str) -> list[NameDraft]:
    return [NameDraft(value.strip(), lang, kind) for value in text.splitlines() if value.strip()]


def _drafts_from_table(table: Table, mapping: dict[str, str], preview: ImportPreview,
                       name: str = "") -> list[tuple[int, UniversityDraft, str | None]]:
    columns = ", ".join(f"“{header}”" for header in table.headers[:8]) + (" …" if len(table.headers) > 8 else "")
    if not any(key.split(":")[0] in ("name", "name_en", "name_native", "official", "alias") for key in mapping):
        raise UserError("{name}: no column holds a name of the university (its columns: {columns}); map one to "
                        "a name.", name=name, columns=columns)
    if "country_code" not in mapping:
        raise UserError("{name}: no column holds the country code (its columns: {columns}); map one to it.",
                        name=name, columns=columns)
    index = {header: position for position, header in enumerate(table.headers)}
    mapped = {target: index[header] for target, header in mapping.items() if header in index}
    preview.carried = {"names"} | {key for key in mapped if key in (*bulk.SCALAR_FIELDS, "status_since", "rankings")}
    drafts = []
    for line, cells in table.rows:
        if len(cells) > len(table.headers) and any(cell.strip() for cell in cells[len(table.headers):]) or (
                len(cells) < len(table.headers) and preview.format == "csv"):
            preview.rejected.append(Rejection(line, "*", _("the row has {found} cells where the header has {expected}")
                                              .format(found=len(cells), expected=len(table.headers))))
            continue
        problem = next(((table.headers[i], cell_problem(cells[i])) for i in mapped.values()
                        if i < len(cells) and cell_problem(cells[i])), None)
        if problem is not None:
            preview.rejected.append(Rejection(line, problem[0], str(problem[1])))
            continue
        try:
            drafts.append((line, *_draft_from_cells(cells, mapped, mapping)))
        except _CellProblem as error:
            preview.rejected.append(Rejection(line, error.header, error.message))
    return drafts


class _CellProblem(Exception):
    def __init__(self, header: str, message: str):
        super().__init__(message)
        self.header, self.message = header, message


def _draft_from_cells(cells: list[str], mapped: dict[str, int],
                      mapping: dict[str, str]) -> tuple[UniversityDraft, str | None]:
    def cell(target: str) -> str:
        position = mapped.get(target)
        return cells[position].strip() if position is not None and position < len(cells) else ""

    names: list[NameDraft] = []
    if cell("name"):
        names.append(NameDraft(cell("name"), cell("name_lang") or None, NameKind.DISPLAY))
    if cell("name_native"):
        names.append(NameDraft(cell("name_native"), cell("native_lang") or None, NameKind.OFFICIAL))
    if cell("name_en"):
        names.append(NameDraft(cell("name_en"), "en", NameKind.LABEL))
    for key in mapped:
        prefix, _sep, lang = key.partition(":")
        if _sep and prefix in KIND_OF_PREFIX:
            names += _cell_names(cell(key), lang or None, KIND_OF_PREFIX[prefix])
    draft = UniversityDraft(
        country_code=cell("country_code"), names=names, city=cell("city"), website=cell("website"),
        ror_id=cell("ror_id") or None, acronym=cell("acronym"),
        institution_type=cell("institution_type").lower() or InstitutionType.UNIVERSITY,
        network_role=cell("network_role").lower() or NetworkRole.CANDIDATE,
        status=cell("status").lower().replace(" ", "_") or MembershipStatus.CANDIDATE, notes=cell("notes"))
    established = cell("established")
    if established:
        if not (established.isdigit() and established.isascii()):
            raise _CellProblem(mapping["established"], _("“{value}” is not a year").format(value=established))
        draft.established = int(established)
    since = cell("status_since")
    if since:
        try:
            draft.status_since = dt.date.fromisoformat(since[:10])
        except ValueError:
            raise _CellProblem(mapping["status_since"], _("Not a date (expected YYYY-MM-DD): {value}").format(
                value=since)) from None
    for text in cell("rankings").splitlines():
        if text.strip():
            ranking = parse_ranking(text)
            if ranking is None:
                raise _CellProblem(mapping["rankings"], _("“{value}” is not a ranking such as “QS 2025: 150”")
                                   .format(value=text.strip()))
            draft.rankings.append(ranking)
    record_uuid = cell("uuid") or None
    if record_uuid:
        try:
            record_uuid = str(uuid_module.UUID(record_uuid))
        except ValueError:
            raise _CellProblem(mapping["uuid"], _("“{value}” is not a UUID").format(value=record_uuid)) from None
    return draft, record_uuid


def _stored_value_problems(draft: UniversityDraft) -> dict[str, str]:
    """What either database engine would refuse: too long, or a character no text may hold."""
    problems = {key: str(message) for key, message in values.check_row("universities", {
        "city": draft.city, "website": draft.website, "acronym": draft.acronym, "notes": draft.notes,
        "country_code": draft.country_code, "ror_id": normalise_ror_id(draft.ror_id or "")}).items()}
    for index, name in enumerate(draft.names):
        for message in values.check_row("university_names", {"value": name.value, "lang": name.lang or ""}).values():
            problems.setdefault(f"names[{index}]", str(message))
    for index, ranking in enumerate(draft.rankings):
        for message in values.check_row("university_rankings", {"rank_text": ranking.rank_text, "subject":
                                        ranking.subject, "system_name": ranking.system_name}).values():
            problems.setdefault(f"rankings[{index}]", str(message))
    return problems


def _plan_universities(db, drafts: list[tuple[int, UniversityDraft, str | None]], preview: ImportPreview,
                       progress: Progress | None) -> None:
    index = bulk.existing_index(db, progress)
    by_uuid = university_transfer.ids_by_uuid(db, [u for _line, _draft, u in drafts if u])
    seen_lines: dict[int, int] = {}
    seen_uuids: dict[str, int] = {}
    parents = dict(index.parents)
    planned: list[bulk.PlannedUniversity] = []
    for count, (line, draft, record_uuid) in enumerate(drafts, start=1):
        if progress and count % 2000 == 0:
            progress.report(count, len(drafts),
                            _("Checking rows… {done} of {total}").format(done=count, total=len(drafts)))
            progress.check_cancelled()
        draft = clean(draft)
        errors = {key: str(message) for key, message in validation_errors(draft).items()}
        errors = errors or _stored_value_problems(draft)
        if errors:
            for name, message in errors.items():
                preview.rejected.append(Rejection(line, name, message))
            continue
        if record_uuid and record_uuid in seen_uuids:
            preview.rejected.append(Rejection(line, "uuid", _("the same university as line {line}").format(
                line=seen_uuids[record_uuid])))
            continue
        keys = [bulk.name_key(name.value) for name in draft.names]
        target = by_uuid.get(record_uuid) if record_uuid else None
        target = target if target is not None else index.match(draft, keys)
        if target is not None and target in seen_lines:  # an earlier row of this file is the same university
            preview.rejected.append(Rejection(line, "ror_id" if draft.ror_id else "names", _(
                "the same university as line {line}").format(line=seen_lines[target])))
            continue
        if draft.network_role == NetworkRole.PARENT and "network_role" in preview.carried:
            holder = parents.get(draft.country_code)
            if holder is not None and holder != target:
                preview.rejected.append(Rejection(line, "network_role", _(
                    "{country} already has a parent university").format(country=draft.country_code)))
                continue
            parents[draft.country_code] = target if target is not None else -line
        planned.append(bulk.PlannedUniversity(line, draft, "update" if target is not None else "create", target,
                                              uuid=record_uuid if target is None else None))
        key = target if target is not None else -line  # new universities are known by their line meanwhile
        seen_lines[key] = line
        if record_uuid:
            seen_uuids[record_uuid] = line
        index.remember(draft, key, keys)
    existing = bulk.existing_state(db, [item.existing_id for item in planned if item.action == "update"],
                                   with_rankings="rankings" in preview.carried)
    for item in planned:
        if item.action == "update" and not bulk.differs(existing[item.existing_id], item.draft, preview.carried):
            item.action = "skip"
    preview.universities = planned


def apply_import(db, preview: ImportPreview, progress: Progress | None = None) -> dict[str, int]:
    """Write a confirmed preview. Refused when any row was rejected: a file is imported whole or not at all."""
    if not preview.writable:
        raise UserError("Rejected rows: {count}. Nothing was imported; correct them and import the file again.",
                        count=len(preview.rejected))
    counts = preview.counts
    if preview.format == "rankings":
        bulk.apply_rankings(db, preview.rankings, progress)
    else:
        bulk.apply_universities(db, preview.universities, preview.carried, progress)
    return counts
