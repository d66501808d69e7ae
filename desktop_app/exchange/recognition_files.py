"""Recognition cases to and from CSV/XLSX files.

Import is two steps: ``preview_import`` reads and checks every row (errors carry the line and the
field) and writes nothing; ``commit_import`` writes the valid rows through the cases service in one
transaction, with progress and cancel. A file whose headers are not the field names is read through
a column mapping (field -> header), which ``guess_mapping`` proposes and the user corrects. Export
leaves personal data out unless the caller includes it, and the choice is recorded in the
recognition history.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from desktop_app.domain.errors import UserError, ValidationError
from desktop_app.domain.progress import NO_PROGRESS, Progress
from desktop_app.domain.recognition import CASE_FIELDS, PERSONAL_FIELDS, CaseDraft, CaseStatus
from desktop_app.i18n import _
from desktop_app.services import recognition_cases as cases
from desktop_app.services.recognition_queries import LIST_FIELDS, CaseFilter, count_cases, iter_cases
from desktop_app.storage.database import Database
from desktop_app.storage.database_files import atomic_output
from desktop_app.storage.faults import file_problem
from desktop_app.storage.models import RecognitionCase

DATE_FIELDS = {"holder_birth_date", "document_issued_on", "received_on", "decided_on", "appeal_lodged_on"}
#: Columns of a case file; an export writes them and an import reads them (in any order).
FILE_COLUMNS = tuple(name for name in CASE_FIELDS if name not in ("issuing_university_id", "rule_id"))
#: What an import can read from a file: the case's fields and its place in the workflow.
IMPORT_FIELDS = (*FILE_COLUMNS, "status", "closed_on")
REQUIRED_FIELDS = ("reference", "holder_name")


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
    #: line -> (status, closed on) for rows that carry a status other than "received"
    states: dict[int, tuple[str, dt.date | None]] = field(default_factory=dict)

    @property
    def error_lines(self) -> set[int]:
        return {error.line for error in self.errors}


def _read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(line number, {column: text}) of every non-empty row; the header is line 1."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(path, read_only=True, data_only=True).active
        except Exception as error:  # noqa: BLE001 - a damaged workbook is the user's to fix
            raise UserError("Cannot read {file}: {reason}", file=path.name, reason=str(error)) from error
        if sheet is None:  # a workbook without a worksheet holds no rows
            return []
        rows = sheet.iter_rows(values_only=True)
        header = [str(cell or "").strip() for cell in next(rows, [])]
        data = []
        for number, values in enumerate(rows, start=2):
            cells = ["" if v is None else (v.date().isoformat() if isinstance(v, dt.datetime) else
                                           v.isoformat() if isinstance(v, dt.date) else str(v)) for v in values]
            if any(c.strip() for c in cells):
                # As csv.DictReader below: a short row's missing cells read as empty and cells past the header
                # are dropped (a read-only workbook without a stored dimension gives rows of their own length).
                data.append((number, dict.fromkeys(header, "") | dict(zip(header, cells, strict=False))))
        return data
    if suffix not in (".csv", ".txt"):
        raise UserError("Choose a CSV or XLSX file.")
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            sample = handle.read(4096)
            handle.seek(0)
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample else csv.excel
            reader = csv.DictReader(handle, dialect=dialect)
            return [(reader.line_num, {k.strip(): (v or "") for k, v in row.items() if k})
                    for row in reader if any((v or "").strip() for v in row.values() if isinstance(v, str))]
    except UnicodeDecodeError as error:
        raise UserError("{file} is not UTF-8 text; save it as CSV UTF-8.", file=path.name) from error
    except (OSError, csv.Error) as error:
        raise UserError("Cannot read {file}: {reason}", file=path.name, reason=str(error)) from error


def _convert(name: str, value: str):
    value = value.strip()
    if name in DATE_FIELDS:
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
            return float(value.replace(",", "."))
        except ValueError as error:
            raise ValueError(_("Not a number: {value}").format(value=value)) from error
    return value


def read_headers(path: str | Path) -> list[str]:
    """The column headers of a case file (its first row), for the column mapping."""
    path = Path(path)
    if not path.is_file():
        raise UserError("The file {file} does not exist.", file=str(path))
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
            sheet = book.worksheets[0]
            first = next(sheet.iter_rows(values_only=True, max_row=1), ())
        except Exception as error:  # noqa: BLE001 - a damaged workbook is the user's to fix
            raise UserError("Cannot read {file}: {reason}", file=path.name, reason=str(error)) from error
        return [str(cell).strip() for cell in first if cell not in (None, "")]
    if path.suffix.lower() not in (".csv", ".txt"):
        raise UserError("Choose a CSV or XLSX file.")
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            sample = handle.read(4096)
            handle.seek(0)
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample else csv.excel
            return [cell.strip() for cell in next(csv.reader(handle, dialect), []) if cell.strip()]
    except UnicodeDecodeError as error:
        raise UserError("{file} is not UTF-8 text; save it as CSV UTF-8.", file=path.name) from error
    except (OSError, csv.Error) as error:
        raise UserError("Cannot read {file}: {reason}", file=path.name, reason=str(error)) from error


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
        return row
    return {name: row.get(header, "") for name, header in mapping.items() if header}


def preview_import(db: Database, path: str | Path, progress: Progress = NO_PROGRESS,
                   mapping: dict[str, str] | None = None) -> ImportPreview:
    """Read and check every row; ``mapping`` (field -> header) says which column holds what (None: the
    headers are the field names, as in an export). Nothing is written."""
    path = Path(path)
    if not path.is_file():
        raise UserError("The file {file} does not exist.", file=str(path))
    if mapping is not None and not set(REQUIRED_FIELDS) <= {name for name, header in mapping.items() if header}:
        raise UserError("Choose the columns that hold the reference number and the holder's name.")
    rows = [(line, _mapped(row, mapping)) for line, row in _read_rows(path)]
    preview = ImportPreview(str(path), rows_read=len(rows))
    if rows and not set(REQUIRED_FIELDS) <= set(rows[0][1]):
        raise UserError("The file needs at least the columns reference and holder_name (see an export).")
    # Only the file's own references are looked up (in chunks), never every reference of a large database.
    wanted = [(row.get("reference") or "").strip() for _line, row in rows]
    existing: set[str] = set()
    with db.reading() as session:
        for start in range(0, len(wanted), 500):
            existing.update(session.execute(select(RecognitionCase.reference).where(
                RecognitionCase.reference.in_(wanted[start:start + 500]))).scalars())
    seen: dict[str, int] = {}
    for index, (line, row) in enumerate(rows):
        if index % 500 == 0:
            progress.check_cancelled()
            progress.report(index, len(rows), _("Checking row {line}").format(line=line))
        values, errors = {}, []
        for name in FILE_COLUMNS:
            if name in row:
                try:
                    values[name] = _convert(name, row[name])
                except ValueError as error:
                    errors.append(RowError(line, name, str(error)))
        draft = CaseDraft(**{k: v for k, v in values.items() if v is not None or k in DATE_FIELDS | {"credits"}})
        draft.normalised()
        try:
            draft.validate()
        except ValidationError as error:
            errors += [RowError(line, name, message) for name, message in error.errors.items()
                       if name not in {e.field for e in errors}]
        if draft.reference:
            if draft.reference in seen:
                errors.append(RowError(line, "reference", _("The reference {reference} is already on line {line}.")
                                       .format(reference=draft.reference, line=seen[draft.reference])))
            elif draft.reference in existing:
                errors.append(RowError(line, "reference", _("A case with the reference {reference} exists.")
                                       .format(reference=draft.reference)))
            seen.setdefault(draft.reference, line)
        status = (row.get("status") or "").strip() or CaseStatus.RECEIVED
        closed_on = None
        if status not in {s.value for s in CaseStatus}:
            errors.append(RowError(line, "status", _("Unknown value: {value}").format(value=status)))
        elif status in (CaseStatus.DECIDED, CaseStatus.APPEALED, CaseStatus.CLOSED) and not (
                draft.outcome and draft.decided_on):
            errors.append(RowError(line, "outcome", _("A decided case needs an outcome and a decision date.")))
        elif status == CaseStatus.CLOSED:
            try:
                closed_on = _convert("received_on", row.get("closed_on", "")) or draft.decided_on
            except ValueError as error:
                errors.append(RowError(line, "closed_on", str(error)))
        if errors:
            preview.errors += errors
        else:
            preview.drafts.append((line, draft))
            if status != CaseStatus.RECEIVED:
                preview.states[line] = (status, closed_on)
    progress.report(len(rows), len(rows), "")
    return preview


def commit_import(db: Database, preview: ImportPreview, progress: Progress = NO_PROGRESS) -> int:
    """Write the valid rows of a preview through the cases service, all or none; how many were created."""
    entries = [(draft, *preview.states.get(line, (CaseStatus.RECEIVED, None))) for line, draft in preview.drafts]
    return cases.import_cases(db, entries, Path(preview.path).name, progress)


EXPORT_COLUMNS = tuple(name for name in LIST_FIELDS if name != "id")


def export_cases(db: Database, path: str | Path, flt: CaseFilter | None = None, include_personal: bool = False,
                 progress: Progress = NO_PROGRESS) -> int:
    """Write the matching cases to CSV or XLSX; personal columns only when ``include_personal``."""
    path = Path(path)
    flt = flt or CaseFilter()
    columns = [c for c in EXPORT_COLUMNS if include_personal or c not in PERSONAL_FIELDS]
    total = count_cases(db, flt)
    written = 0
    rows = iter_cases(db, flt, reveal=include_personal, columns=("id", *columns))
    try:
        with atomic_output(path) as partial:
            written = _write_cases(partial, path.suffix.lower(), columns, rows, total, progress)
    except OSError as error:
        raise file_problem(error, path) or UserError("Cannot write {file}: {reason}", file=str(path),
                                                     reason=error.strerror or str(error)) from error
    finally:
        rows.close()
    cases.record_event(db, "export", "personal_data", f"{'included' if include_personal else 'left out'}; "
                       f"{written} cases; {path.name}")
    return written


def _write_cases(path: Path, suffix: str, columns: list[str], rows, total: int, progress: Progress) -> int:
    written = 0
    if suffix == ".xlsx":
        from openpyxl import Workbook

        from desktop_app.storage.spreadsheet_files import save_workbook

        book = Workbook(write_only=True)
        sheet = book.create_sheet("cases")
        sheet.append(columns)
        for row in rows:
            if written % 2000 == 0:
                progress.check_cancelled()
                progress.report(written, total, "")
            sheet.append([row[c] for c in columns])
            written += 1
        save_workbook(book, path)
        return written
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in rows:
            if written % 2000 == 0:
                progress.check_cancelled()
                progress.report(written, total, "")
            writer.writerow(["" if row[c] is None else row[c] for c in columns])
            written += 1
    return written
