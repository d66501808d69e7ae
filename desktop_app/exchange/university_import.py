"""Imports of universities with a preview: ROR records, CSV/XLSX tables with a column mapping, ranking tables.

``preview_import`` reads the file, validates every row, finds duplicates (ROR id first, then normalised
name and country) and decides for each row: create, update, skip (unchanged) or reject (with its line
and field). Nothing is written. ``apply_import`` writes a preview the user confirmed, in one
transaction; a preview with any rejected row writes nothing (all or nothing per file).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.domain.errors import UserError
from desktop_app.domain.progress import Progress
from desktop_app.domain.rankings import RankingSystem
from desktop_app.domain.universities import (
    InstitutionType,
    MembershipStatus,
    NameDraft,
    NameKind,
    NetworkRole,
    RankingDraft,
    UniversityDraft,
)
from desktop_app.domain.university_rules import clean, validation_errors
from desktop_app.exchange.ror import draft_from_record
from desktop_app.exchange.university_files import Table, read_csv, read_ror, read_xlsx
from desktop_app.i18n import _
from desktop_app.services import university_bulk as bulk

FORMATS = ("ror", "csv", "xlsx", "rankings")
#: Fields a ROR record sets; membership, contacts and rankings stay as the coordinator keeps them.
ROR_FIELDS = {"names", "country_code", "city", "website", "ror_id", "acronym", "institution_type", "established"}
#: Target fields of a CSV/XLSX column mapping (``name:xx`` adds a name in language xx).
TABLE_FIELDS = ("name", "name_en", "name_native", "native_lang", "acronym", "country_code", "city", "website",
                "ror_id", "institution_type", "network_role", "status", "established", "notes")
_HEADER_GUESSES = {
    "name": ("name", "display_name", "university", "institution", "название", "атауы"),
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
    "established": ("established", "founded", "year_founded"),
    "notes": ("notes", "note", "comments"),
}
_SYSTEMS = {"qs": RankingSystem.QS, "the": RankingSystem.THE, "arwu": RankingSystem.ARWU,
            "shanghai": RankingSystem.ARWU}


_PARENTHESES = re.compile(r"\([^)]*\)")


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


def guess_format(path: Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix in (".json", ".jsonl", ".ndjson"):
        return "ror"
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix == ".csv":
        headers = {h.lower() for h in read_csv(path).headers}
        return "rankings" if {"ranking", "rank", "institution"} <= headers else "csv"
    raise UserError("Cannot tell the format of {path}; choose one of ror, csv, xlsx, rankings.", path=str(path))


def guess_mapping(headers: list[str]) -> dict[str, str]:
    """Target field -> source column, from the column titles; ``name:xx``/``name_xx`` columns add names."""
    mapping: dict[str, str] = {}
    lowered = {h.strip().lower(): h for h in headers if h.strip()}
    for target, guesses in _HEADER_GUESSES.items():
        for guess in guesses:
            if guess in lowered and lowered[guess] not in mapping.values():
                mapping[target] = lowered[guess]
                break
    for low, header in lowered.items():
        for prefix in ("name:", "name_"):
            lang = low[len(prefix):]
            if low.startswith(prefix) and 2 <= len(lang) <= 3 and lang.isalpha() and header not in mapping.values():
                mapping[f"name:{lang}"] = header
    return mapping


def read_table(path: Path, fmt: str) -> Table:
    return read_xlsx(path) if fmt == "xlsx" else read_csv(path)


def preview_import(db, path: Path, fmt: str | None = None, mapping: dict[str, str] | None = None,
                   progress: Progress | None = None) -> ImportPreview:
    path = Path(path)
    if not path.is_file():
        raise UserError("There is no file {path}.", path=str(path))
    fmt = fmt or guess_format(path)
    if fmt not in FORMATS:
        raise UserError("Unknown import format {format}; use ror, csv, xlsx or rankings.", format=fmt)
    preview = ImportPreview(str(path), fmt)
    if progress:
        progress.report(0, 0, _("Reading {name}…").format(name=path.name))
    if fmt == "rankings":
        _plan_rankings(db, read_csv(path), preview, progress)
        return preview
    drafts: list[tuple[int, UniversityDraft]] = []
    if fmt == "ror":
        preview.carried = set(ROR_FIELDS)
        for line, record, problem in read_ror(path):
            if record is None:
                preview.rejected.append(Rejection(line, "json", _("not valid JSON: {problem}").format(problem=problem)))
                continue
            try:
                drafts.append((line, draft_from_record(record)))
            except (KeyError, TypeError, AttributeError, IndexError) as error:
                preview.rejected.append(Rejection(line, str(error).strip("'"), _("a required ROR field is missing")))
    else:
        table = read_table(path, fmt)
        preview.encoding = table.encoding
        mapping = mapping or guess_mapping(table.headers)
        drafts = _drafts_from_table(table, mapping, preview)
    _plan_universities(db, drafts, preview, progress)
    return preview


def _drafts_from_table(table: Table, mapping: dict[str, str],
                       preview: ImportPreview) -> list[tuple[int, UniversityDraft]]:
    if not any(key.startswith("name") and key != "native_lang" for key in mapping):
        raise UserError("Map at least one column to a name of the university.")
    if "country_code" not in mapping:
        raise UserError("Map a column to the country code.")
    index = {header: position for position, header in enumerate(table.headers)}
    preview.carried = {"names"} | {key for key in mapping if key in bulk.SCALAR_FIELDS}
    drafts = []
    for line, cells in table.rows:
        if len(cells) != len(table.headers):
            preview.rejected.append(Rejection(line, "*", _("the row has {found} cells where the header has {expected}")
                                              .format(found=len(cells), expected=len(table.headers))))
            continue

        def cell(target: str, cells: list[str] = cells) -> str:
            header = mapping.get(target)
            return cells[index[header]].strip() if header in index else ""

        names: list[NameDraft] = []
        if cell("name"):
            names.append(NameDraft(cell("name"), None, NameKind.DISPLAY))
        if cell("name_native"):
            names.append(NameDraft(cell("name_native"), cell("native_lang") or None, NameKind.OFFICIAL))
        if cell("name_en"):
            names.append(NameDraft(cell("name_en"), "en", NameKind.LABEL))
        for key in mapping:
            if key.startswith("name:") and cell(key):
                names.append(NameDraft(cell(key), key[5:], NameKind.LABEL))
        established = cell("established")
        draft = UniversityDraft(
            country_code=cell("country_code"), names=names, city=cell("city"), website=cell("website"),
            ror_id=cell("ror_id") or None, acronym=cell("acronym"),
            institution_type=cell("institution_type").lower() or InstitutionType.UNIVERSITY,
            network_role=cell("network_role").lower() or NetworkRole.CANDIDATE,
            status=cell("status").lower().replace(" ", "_") or MembershipStatus.CANDIDATE, notes=cell("notes"))
        if established:
            if not established.isdigit():
                preview.rejected.append(Rejection(line, "established", _("“{value}” is not a year").format(
                    value=established)))
                continue
            draft.established = int(established)
        drafts.append((line, draft))
    return drafts


def _plan_universities(db, drafts: list[tuple[int, UniversityDraft]], preview: ImportPreview,
                       progress: Progress | None) -> None:
    index = bulk.existing_index(db, progress)
    seen_lines: dict[int, int] = {}
    parents = dict(index.parents)
    planned: list[bulk.PlannedUniversity] = []
    for count, (line, draft) in enumerate(drafts, start=1):
        if progress and count % 2000 == 0:
            progress.report(count, len(drafts),
                            _("Checking rows… {done} of {total}").format(done=count, total=len(drafts)))
            progress.check_cancelled()
        draft = clean(draft)
        errors = validation_errors(draft)
        if errors:
            for name, message in errors.items():
                preview.rejected.append(Rejection(line, name, str(message)))
            continue
        keys = [bulk.name_key(name.value) for name in draft.names]
        target = index.match(draft, keys)
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
        planned.append(bulk.PlannedUniversity(line, draft, "update" if target is not None else "create", target))
        key = target if target is not None else -line  # new universities are known by their line meanwhile
        seen_lines[key] = line
        index.remember(draft, key, keys)
    existing = bulk.existing_state(db, [item.existing_id for item in planned if item.action == "update"])
    for item in planned:
        if item.action == "update" and not bulk.differs(existing[item.existing_id], item.draft, preview.carried):
            item.action = "skip"
    preview.universities = planned


def _plan_rankings(db, table: Table, preview: ImportPreview, progress: Progress | None) -> None:
    headers = [h.lower() for h in table.headers]
    for required in ("ranking", "year", "rank", "institution"):
        if required not in headers:
            raise UserError("A ranking table needs the columns ranking, year, rank, institution and country_iso2; "
                            "“{column}” is missing.", column=required)
    position = {h: i for i, h in enumerate(headers)}
    country_column = ("country_iso2" if "country_iso2" in position
                      else "country_code" if "country_code" in position else None)
    index = bulk.existing_index(db, progress)
    stored = bulk.ranking_keys(db)
    names = bulk.display_names(db)
    in_file: set[tuple] = set()
    for line, cells in table.rows:
        if len(cells) != len(headers):
            preview.rejected.append(Rejection(line, "*", _("the row has {found} cells where the header has {expected}")
                                              .format(found=len(cells), expected=len(headers))))
            continue
        system = _SYSTEMS.get(cells[position["ranking"]].strip().lower(), RankingSystem.NATIONAL)
        year_text = cells[position["year"]].strip()
        if not year_text.isdigit():
            preview.rejected.append(Rejection(line, "year", _("“{value}” is not a year").format(value=year_text)))
            continue
        rank_text = cells[position["rank"]].strip()
        if not rank_text:
            preview.rejected.append(Rejection(line, "rank", _("the rank is empty")))
            continue
        institution = cells[position["institution"]].strip()
        country = cells[position[country_column]].strip().upper() if country_column else ""
        target = index.by_name.get((bulk.name_key(institution), country))
        if target is None and "(" in institution:  # "Beihang University (former BUAA)"
            target = index.by_name.get((bulk.name_key(_PARENTHESES.sub(" ", institution)), country))
        if target is None:
            preview.unmatched.append((line, institution, country))
            continue
        ranking = RankingDraft(system, int(year_text), rank_text,
                               system_name=("" if system != RankingSystem.NATIONAL
                                            else cells[position["ranking"]].strip()))
        key = (target, ranking.system, ranking.scope, ranking.subject, ranking.year)
        if key in in_file:  # two spellings in the table matched one university: the first row is kept
            preview.rankings.append(bulk.PlannedRanking(line, target, names.get(target, ""), ranking, "skip"))
            continue
        in_file.add(key)
        existing = stored.get(key)
        action = "create" if existing is None else ("skip" if existing[1] == rank_text else "update")
        preview.rankings.append(bulk.PlannedRanking(line, target, names.get(target, ""), ranking, action,
                                                    existing[0] if existing else None))


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
