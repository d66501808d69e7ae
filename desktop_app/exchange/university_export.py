"""Export of the register (the rows a query selects) to CSV or XLSX, with column names that the CSV
import recognises, so an exported file can be edited and imported again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from desktop_app.domain.errors import UserError
from desktop_app.domain.progress import Progress
from desktop_app.exchange.university_files import write_csv, write_xlsx
from desktop_app.i18n import _
from desktop_app.services import university_search
from desktop_app.services.university_search import UniversityQuery

HEADERS = ["id", "ror_id", "name", "name_en", "names", "acronym", "country_code", "city", "website",
           "institution_type", "network_role", "status", "status_since", "top500"]


def _rows(db, query: UniversityQuery, progress: Progress | None) -> Iterator[list]:
    total = university_search.count(db, query)
    done = 0
    for batch in university_search.iterate(db, query):
        for listing in batch:
            r = listing.row
            english = next((n["value"] for n in listing.names if n["lang"] == "en"), "")
            names = "; ".join(f"{n['value']} [{n['lang']}]" if n["lang"] else n["value"] for n in listing.names)
            yield [r.id, r.ror_id or "", r.display_name, english, names, r.acronym, r.country_code, r.city,
                   listing.website, r.institution_type, r.network_role, r.status,
                   r.status_since.isoformat() if r.status_since else "", "yes" if r.top500 else "no"]
        done += len(batch)
        if progress:
            progress.report(done, total, _("Exporting… {done} of {total}").format(done=done, total=total))
            progress.check_cancelled()


def export_register(db, path: Path, fmt: str, query: UniversityQuery | None = None,
                    progress: Progress | None = None) -> int:
    path = Path(path)
    query = query or UniversityQuery()
    if fmt == "csv":
        return write_csv(path, HEADERS, _rows(db, query, progress))
    if fmt == "xlsx":
        return write_xlsx(path, HEADERS, _rows(db, query, progress), _("Universities"))
    raise UserError("Unknown export format {format}; use csv or xlsx.", format=fmt)
