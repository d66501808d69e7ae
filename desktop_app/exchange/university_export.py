"""Export of the register (the rows a query selects) to CSV or XLSX in the columns of
``register_columns``: each university with its UUID, every name with its kind and language, its
rankings; an exported file can be edited and imported again into the same records. Written through
the one safe-output layer (storage/tabular_output.py): no cell can become a formula, dates are dates.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from desktop_app.domain.errors import UserError
from desktop_app.domain.progress import Progress
from desktop_app.domain.universities import NameKind
from desktop_app.exchange.register_columns import HEAD, TAIL, name_columns, name_header, ranking_text
from desktop_app.i18n import _
from desktop_app.services import university_transfer
from desktop_app.services.university_search import UniversityQuery
from desktop_app.storage.tabular_output import Sheet, write_csv, write_xlsx


def headers_for(columns: list[tuple[str, str | None]]) -> list[str]:
    return [*HEAD, *(name_header(kind, lang) for kind, lang in columns), *TAIL]


def _cells(record: university_transfer.TransferRecord, columns: list[tuple[str, str | None]]) -> list:
    display = next((n for n in record.names if n.kind == NameKind.DISPLAY), None)
    others: dict[tuple[str, str | None], list[str]] = {}
    for name in record.names:
        if name is not display:
            kind = name.kind if name.kind != NameKind.DISPLAY else NameKind.LABEL  # a second display name
            others.setdefault((kind, name.lang), []).append(name.value)
    return [record.uuid, record.ror_id or "", display.value if display else "", (display.lang or "") if display else "",
            *("\n".join(others.get(column, [])) for column in columns),
            record.acronym, record.country_code, record.city, record.website, record.institution_type,
            record.network_role, record.status, record.status_since, record.established, record.notes,
            "yes" if record.top500 else "no", "\n".join(ranking_text(r) for r in record.rankings)]


def _rows(db, query: UniversityQuery, columns, progress: Progress | None) -> Iterator[list]:
    total = university_transfer.count(db, query)
    done = 0
    for batch in university_transfer.iterate_records(db, query):
        for record in batch:
            yield _cells(record, columns)
        done += len(batch)
        if progress:
            progress.report(done, total, _("Exporting… {done} of {total}").format(done=done, total=total))
            progress.check_cancelled()


def export_register(db, path: Path, fmt: str, query: UniversityQuery | None = None,
                    progress: Progress | None = None) -> int:
    path = Path(path)
    query = query or UniversityQuery()
    if fmt not in ("csv", "xlsx"):
        raise UserError("Unknown export format {format}; use csv or xlsx.", format=fmt)
    columns = name_columns(university_transfer.name_kinds(db))
    headers = headers_for(columns)
    rows = _rows(db, query, columns, progress)
    if fmt == "csv":
        return write_csv(path, headers, rows)
    widths = [38, 12, 40, 8, *(30 for _ in columns), 10, 8, 18, 30, 14, 12, 18, 12, 10, 30, 8, 30]
    return write_xlsx(path, [Sheet(_("Universities"), headers, rows, widths=widths)], title=_("Universities"))
