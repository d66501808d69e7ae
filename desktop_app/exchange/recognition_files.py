"""Recognition cases to and from CSV/XLSX files.

Import is two steps: ``preview_import`` reads the file through the input gate and checks every row
(errors carry the line and the field) and writes nothing; ``commit_import`` writes the valid rows
through the cases service in one transaction, with progress and cancel. A file whose headers are not
the field names is read through a column mapping (field -> header), which ``guess_mapping`` proposes
and the user corrects.

A row names its case by UUID (an export carries it) or by reference number. A case already recorded
is **updated** with the fields the file has — and only those: an export without personal data has no
holder, so importing it changes the cases it names and leaves their holders as they are. A row that
names no recorded case creates one, which needs its holder's name: an export without personal data
never creates holder-less duplicates.

Export writes every field a case file can carry (all but the links to the register and to an
equivalence rule, which are local), its status and closing date, and its UUID; personal data only when
the caller includes it, and the choice is recorded in the recognition history.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid as uuid_module
from dataclasses import dataclass, field, replace
from pathlib import Path

from desktop_app.domain.errors import UserError, ValidationError
from desktop_app.domain.progress import NO_PROGRESS, Progress
from desktop_app.domain.recognition import CASE_FIELDS, PERSONAL_FIELDS, CaseDraft, CaseStatus
from desktop_app.exchange.input_gate import FileRefused, cell_problem
from desktop_app.exchange.input_tables import read_table
from desktop_app.i18n import _
from desktop_app.services import recognition_cases as cases
from desktop_app.services.recognition_queries import CaseFilter, count_cases, iter_cases
from desktop_app.storage import values
from desktop_app.storage.database import Database
from desktop_app.storage.tabular_output import Sheet, write_csv, write_xlsx

DATE_FIELDS = {"holder_birth_date", "document_issued_on", "received_on", "decided_on", "appeal_lodged_on"}
#: Columns of a case file; an export writes them and an import reads them (in any order).
FILE_COLUMNS = tuple(name for name in CASE_FIELDS if name not in ("issuing_university_id", "rule_id"))
#: What an import can read from a file: the case's fields, its place in the workflow and its UUID.
IMPORT_FIELDS = (*FILE_COLUMNS, "status", "closed_on", "uuid")
#: The one column every file needs: a case is named by its reference (or by the UUID of an export).
REQUIRED_FIELDS = ("reference",)
EXPORT_COLUMNS = ("uuid", "reference", "status", *(name for name in FILE_COLUMNS if name != "reference"),
                  "closed_on")


@dataclass(frozen=True)
class RowError:
    line: int
    field: str
    message: str


@dataclass
class ImportPreview:
    path: str
    drafts: list[tuple[int, CaseDraft]] = field(default_factory=list)  # (line, draft) of valid rows
    errors: list[RowError] = field(default_factory=list)
    rows_read: int = 0
    #: line -> (status, closed on) of every valid row
    states: dict[int, tuple[str, dt.date | None]] = field(default_factory=dict)
    #: line -> id of the recorded case the row updates (rows not here create a case)
    updates: dict[int, int] = field(default_factory=dict)
    #: line -> the UUID a new case takes from the file
    uuids: dict[int, str] = field(default_factory=dict)
    #: lines that name a recorded case and change nothing in it
    unchanged: set[int] = field(default_factory=set)

    @property
    def error_lines(self) -> set[int]:
        return {error.line for error in self.errors}

    @property
    def created(self) -> int:
        return sum(1 for line, _draft in self.drafts if line not in self.updates)

    @property
    def updated(self) -> int:
        return sum(1 for line in self.updates if line not in self.unchanged)


def _rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(line number, {column: text}) of every non-empty row, read through the input gate."""
    table = read_table(path)
    rows = []
    for line, cells in table.rows:
        extra = [cell for cell in cells[len(table.headers):] if cell.strip()]
        row = dict.fromkeys(table.headers, "") | dict(zip(table.headers, cells, strict=False))
        if extra:
            row["*"] = _("the row has {found} cells where the header has {expected}").format(
                found=len(cells), expected=len(table.headers))
        rows.append((line, row))
    return rows


def read_headers(path: str | Path) -> list[str]:
    """The column headers of a case file (its first row), for the column mapping."""
    return [header for header in read_table(Path(path)).headers if header]


def _convert(name: str, value: str):
    value = value.strip()
    if name in DATE_FIELDS or name == "closed_on":
        if not value:
            return None
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError as error:
            raise ValueError(_("Not a date (expected YYYY-MM-DD): {value}").format(value=value)) from error
    if name == "credits":
        if not value:
            return None
        try:
            number = float(value.replace(",", "."))
        except ValueError as error:
            raise ValueError(_("Not a number: {value}").format(value=value)) from error
        if not math.isfinite(number):
            raise ValueError(_("Not a number: {value}").format(value=value))
        return number
    return value


def _folded(text: str) -> str:
    return "".join(char for char in text.casefold() if char.isalnum())


def guess_mapping(headers: list[str], titles: dict[str, list[str]] | None = None) -> dict[str, str]:
    """field -> header for every field a header names: by the field's own name (as an export writes it)
    or by one of ``titles`` (the field's titles as a reader would write them, in any language)."""
    by_folded = {_folded(header): header for header in headers}
    mapping: dict[str, str] = {}
    for name in IMPORT_FIELDS:
        for candidate in [name, *(titles or {}).get(name, [])]:
            header = by_folded.get(_folded(candidate))
            if header is not None and header not in mapping.values():
                mapping[name] = header
                break
    return mapping


def _mapped(row: dict[str, str], mapping: dict[str, str] | None) -> dict[str, str]:
    if mapping is None:
        return {name: value for name, value in row.items() if name in IMPORT_FIELDS or name == "*"}
    return {name: row.get(header, "") for name, header in mapping.items() if header} | (
        {"*": row["*"]} if "*" in row else {})


def _row_values(line: int, row: dict[str, str]) -> tuple[dict, list[RowError]]:
    """The file's values of one row, converted, with every problem of a single cell."""
    found, errors = {}, []
    if "*" in row:
        errors.append(RowError(line, "*", row["*"]))
    for name in (*FILE_COLUMNS, "closed_on", "uuid", "status"):
        if name not in row:
            continue
        problem = cell_problem(row[name])
        if problem is not None:
            errors.append(RowError(line, name, str(problem)))
            continue
        try:
            found[name] = _convert(name, row[name])
        except ValueError as error:
            errors.append(RowError(line, name, str(error)))
    text = {name: value for name, value in found.items() if isinstance(value, str)}
    for column, message in values.check_row("recognition_cases", text).items():
        if column in found and not any(error.field == column for error in errors):
            errors.append(RowError(line, column, str(message)))
    if found.get("uuid"):
        try:
            found["uuid"] = str(uuid_module.UUID(found["uuid"]))
        except ValueError:
            errors.append(RowError(line, "uuid", _("“{value}” is not a UUID").format(value=found["uuid"])))
    return found, errors


def preview_import(db: Database, path: str | Path, progress: Progress = NO_PROGRESS,
                   mapping: dict[str, str] | None = None) -> ImportPreview:
    """Read and check every row; ``mapping`` (field -> header) says which column holds what (None: the
    headers are the field names, as in an export). Nothing is written."""
    path = Path(path)
    if not path.is_file():
        raise FileRefused("There is no file {name}.", name=str(path))
    if mapping is not None and not set(REQUIRED_FIELDS) <= {name for name, header in mapping.items() if header}:
        raise UserError("Choose the column that holds the reference number.")
    rows = [(line, _mapped(row, mapping)) for line, row in _rows(path)]
    preview = ImportPreview(str(path), rows_read=len(rows))
    if rows and not set(REQUIRED_FIELDS) <= set(rows[0][1]):
        raise UserError("The file needs at least the column reference (see an export).")
    stored = cases.stored_cases(db, [(row.get("reference") or "").strip() for _line, row in rows],
                                [(row.get("uuid") or "").strip() for _line, row in rows if row.get("uuid")])
    seen: dict[str, int] = {}
    for index, (line, row) in enumerate(rows):
        if index % 500 == 0:
            progress.check_cancelled()
            progress.report(index, len(rows), _("Checking row {line}").format(line=line))
        found, errors = _row_values(line, row)
        target = stored.get(f"uuid:{found.get('uuid')}") or stored.get(f"ref:{(found.get('reference') or '').strip()}")
        draft = replace(target.draft) if target else CaseDraft()
        for name in FILE_COLUMNS:
            if name in found and (found[name] is not None or name in DATE_FIELDS | {"credits"}):
                setattr(draft, name, found[name])
        draft.normalised()
        if target is None and not draft.holder_name and "holder_name" not in row:
            errors.append(RowError(line, "reference", _(
                "No case with the reference {reference} is recorded here, and a file without the holder's name "
                "cannot create one: it only updates the cases it names.").format(reference=draft.reference)))
        named = {e.field for e in errors} | ({"holder_name"} if "holder_name" not in row else set())
        try:
            draft.validate()
        except ValidationError as error:
            errors += [RowError(line, name, message) for name, message in error.errors.items() if name not in named]
        holder = stored.get(f"ref:{draft.reference}")
        if target is not None and holder is not None and holder.id != target.id:
            errors.append(RowError(line, "reference", _("Another case already has the reference number {reference}.")
                                   .format(reference=draft.reference)))
        if draft.reference:
            if draft.reference in seen:
                errors.append(RowError(line, "reference", _("The reference {reference} is already on line {line}.")
                                       .format(reference=draft.reference, line=seen[draft.reference])))
            seen.setdefault(draft.reference, line)
        status, closed_on = _state(line, row, found, draft, target, errors)
        if errors:
            preview.errors += errors
            continue
        preview.drafts.append((line, draft))
        preview.states[line] = (status, closed_on)
        if target is not None:
            preview.updates[line] = target.id
            if (not cases.changed_fields(target.draft, draft) and status == target.status
                    and closed_on == target.closed_on):
                preview.unchanged.add(line)
        elif found.get("uuid"):
            preview.uuids[line] = found["uuid"]
    progress.report(len(rows), len(rows), "")
    return preview


def _state(line: int, row: dict, found: dict, draft: CaseDraft, target, errors: list[RowError]):
    """(status, closed on) a valid row gives its case: the file's, or what is recorded when it has none."""
    if "status" not in row and target is not None:
        return target.status, target.closed_on
    status = (found.get("status") or "").strip() or CaseStatus.RECEIVED
    if status not in {s.value for s in CaseStatus}:
        errors.append(RowError(line, "status", _("Unknown value: {value}").format(value=status)))
        return status, None
    if status in (CaseStatus.DECIDED, CaseStatus.APPEALED, CaseStatus.CLOSED) and not (
            draft.outcome and draft.decided_on):
        errors.append(RowError(line, "outcome", _("A decided case needs an outcome and a decision date.")))
    if status == CaseStatus.CLOSED:
        return status, found.get("closed_on") or draft.decided_on
    return status, None


def commit_import(db: Database, preview: ImportPreview, progress: Progress = NO_PROGRESS) -> int:
    """Write the valid rows of a preview through the cases service, all or none; how many cases were
    created or changed."""
    creates, updates = [], []
    for line, draft in preview.drafts:
        status, closed_on = preview.states.get(line, (CaseStatus.RECEIVED, None))
        if line in preview.updates:
            if line not in preview.unchanged:
                updates.append((preview.updates[line], draft, status, closed_on))
        else:
            creates.append((draft, status, closed_on, preview.uuids.get(line)))
    return cases.import_cases(db, creates, Path(preview.path).name, progress, updates=updates)


def export_cases(db: Database, path: str | Path, flt: CaseFilter | None = None, include_personal: bool = False,
                 progress: Progress = NO_PROGRESS) -> int:
    """Write the matching cases to CSV or XLSX; personal columns only when ``include_personal``."""
    path = Path(path)
    flt = flt or CaseFilter()
    columns = [c for c in EXPORT_COLUMNS if include_personal or c not in PERSONAL_FIELDS]
    total = count_cases(db, flt)
    rows = iter_cases(db, flt, reveal=include_personal, columns=("id", *columns))
    counted = _counted(rows, columns, total, progress)
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            written = write_xlsx(path, [Sheet("cases", list(columns), counted)])
        else:
            written = write_csv(path, list(columns), counted)
    finally:
        rows.close()
    cases.record_event(db, "export", "personal_data", f"{'included' if include_personal else 'left out'}; "
                       f"{written} cases; {path.name}")
    return written


def _counted(rows, columns: list[str], total: int, progress: Progress):
    for written, row in enumerate(rows):
        if written % 2000 == 0:
            progress.check_cancelled()
            progress.report(written, total, "")
        yield [row[c] for c in columns]
