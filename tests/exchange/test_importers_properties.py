"""Properties of every importer over generated and mutated files (Hypothesis), on both engines:

* nothing but the application's own user-facing errors (UserError and its kinds) ever comes out;
* no file runs past a time limit (each import runs in a thread with a deadline);
* a file refused — by an error, or by a preview with rejected rows — leaves every table as it was.

Seeds are real files: the application's own exports of the demonstration data, the demonstration's
ROR records and the hostile set. ``CICA_PROPERTY_EXAMPLES`` raises the number of files per importer
(25 by default, so the suite stays quick).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import threading
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from desktop_app.domain.errors import UserError
from desktop_app.storage import models

EXAMPLES = int(os.environ.get("CICA_PROPERTY_EXAMPLES", "25"))
DEADLINE = 20.0
HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"
DEMO_ROR = Path(__file__).resolve().parents[2] / "resources" / "demo" / "ror_demo.jsonl"
FORMATS = {"ror": ".jsonl", "csv": ".csv", "xlsx": ".xlsx", "rankings": ".csv", "recognition_csv": ".csv",
           "recognition_xlsx": ".xlsx", "ewp": ".xml", "ics": ".ics"}
WATCHED = [models.University, models.UniversityName, models.UniversityRanking, models.RecognitionCase,
           models.RecognitionHistory, models.Agreement, models.AgreementParty, models.AgreementCondition,
           models.AcademicCalendar, models.CalendarPeriod]
TOKENS = [b'"', b'""', b",", b";", b"\t", b"\n", b"\r", b"\x00", b"\x07", b"\xff\xfe", b"=1+1", b"<b>", b"]]>",
          b"&lol;", b"\\ud800", "\u202e".encode(), b"[" * 200, b"{" * 100, b"BEGIN:VEVENT\r\n", b"20250230",
          b"99999999", b"-1", b"\xd0", "Қазақ".encode("cp1251", "replace"), b"<!DOCTYPE x>", b"PK\x03\x04"]


def fingerprint(db) -> tuple:
    """Rows, the last id and the last change of every table an import writes."""
    with db.reading() as session:
        return tuple(session.execute(select(func.count(), func.max(model.id),
                                            *([func.max(model.updated_at)] if hasattr(model, "updated_at") else []))
                                     .select_from(model)).one() for model in WATCHED)


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> dict[str, list[bytes]]:
    """Real files per importer: our exports of the demonstration data, its ROR records, the hostile set."""
    from desktop_app.exchange.demo import load_demo
    from desktop_app.exchange.ewp_iia import export_document
    from desktop_app.exchange.icalendar_files import export_ics
    from desktop_app.exchange.recognition_files import export_cases
    from desktop_app.exchange.university_export import export_register
    from desktop_app.services import agreements, calendars
    from desktop_app.services.database_admin import open_database

    folder = tmp_path_factory.mktemp("seeds")
    db = open_database(f"sqlite:///{folder / 'demo.sqlite3'}")
    load_demo(db, today=dt.date(2025, 10, 1))
    found: dict[str, list[bytes]] = {name: [] for name in FORMATS}
    found["ror"].append(DEMO_ROR.read_bytes())
    for fmt in ("csv", "xlsx"):
        export_register(db, folder / f"r.{fmt}", fmt)
        found[fmt].append((folder / f"r.{fmt}").read_bytes())
        export_cases(db, folder / f"c.{fmt}", include_personal=True)
        found[f"recognition_{fmt}"].append((folder / f"c.{fmt}").read_bytes())
    names = [row.display_name for batch in [universities_of(db)] for row in batch]
    rankings = io.StringIO()
    writer = csv.writer(rankings)
    writer.writerow(["ranking", "year", "rank", "institution", "country_iso2"])
    for number, name in enumerate(names, start=1):
        writer.writerow(["QS", 2025, number * 7, name, "KZ"])
    found["rankings"].append(rankings.getvalue().encode())
    exportable = []
    for row in agreements.iterate(db):
        try:
            exportable.append(export_document(db, [row.id]))
        except UserError:
            continue
    found["ewp"] += exportable[:3]
    for calendar in calendars.page(db).rows[:2]:
        export_ics(db, [calendar.university_id], calendar.academic_year, folder / "cal.ics")
        found["ics"].append((folder / "cal.ics").read_bytes())
    db.close()
    for fmt in FORMATS:
        if (HOSTILE / fmt).is_dir():
            found[fmt] += [path.read_bytes() for path in sorted((HOSTILE / fmt).iterdir())]
    return found


def universities_of(db):
    from desktop_app.services import university_search
    from desktop_app.services.university_search import UniversityQuery

    return university_search.page(db, UniversityQuery(), 0, 50)


def _mutate(data: bytes, operations: list[tuple[int, float, int, bytes]]) -> bytes:
    for operation, where, size, payload in operations:
        at = int(where * len(data))
        if operation == 0:  # flip bits
            data = data[:at] + bytes([(data[at] ^ (size % 255 + 1))]) + data[at + 1:] if at < len(data) else data
        elif operation == 1:  # cut
            data = data[:at]
        elif operation == 2:  # delete a span
            data = data[:at] + data[at + size:]
        elif operation == 3:  # repeat a span
            data = data[:at] + data[at:at + 1 + size % 200] * (1 + size % 7) + data[at:]
        else:  # insert an awkward token or bytes
            data = data[:at] + payload + data[at:]
    return data


def _mutate_workbook(data: bytes, operations) -> bytes:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    except zipfile.BadZipFile:
        return _mutate(data, operations)
    sheet = next((name for name in members if name.startswith("xl/worksheets/")), None) or next(iter(members))
    members[sheet] = _mutate(members[sheet], operations)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as packed:
        for name, content in members.items():
            packed.writestr(name, content)
    return out.getvalue()


operations = st.lists(st.tuples(st.integers(0, 4), st.floats(0, 1), st.integers(0, 5000),
                                st.one_of(st.sampled_from(TOKENS), st.binary(max_size=40))), min_size=1, max_size=4)


def _run(db, fmt: str, path: Path, university_id: int) -> str:
    """The import a user's command makes: 'accepted' or 'rejected' (rows rejected, nothing written)."""
    if fmt in ("ror", "csv", "xlsx", "rankings"):
        from desktop_app.exchange.university_import import apply_import, preview_import

        preview = preview_import(db, path, fmt)
        if not preview.writable:
            return "rejected"
        apply_import(db, preview)
    elif fmt.startswith("recognition"):
        from desktop_app.exchange.recognition_files import commit_import, preview_import

        preview = preview_import(db, path)
        if preview.errors:
            return "rejected"
        commit_import(db, preview)
    elif fmt == "ewp":
        from desktop_app.exchange.ewp_iia import import_file

        import_file(db, path)
    else:
        from desktop_app.exchange.icalendar_files import import_ics_file

        import_ics_file(db, university_id, path)
    return "accepted"


def _within_deadline(action):
    """Run ``action`` in a thread; a file still being read after the deadline is a hang."""
    outcome: dict = {}

    def target():
        try:
            outcome["result"] = action()
        except BaseException as error:  # noqa: BLE001 - handed to the test thread
            outcome["error"] = error

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(DEADLINE)
    assert not thread.is_alive(), f"the import ran longer than {DEADLINE} s"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


@pytest.fixture
def loaded(db):
    from desktop_app.exchange.demo import load_demo

    load_demo(db, today=dt.date(2025, 10, 1))
    with db.reading() as session:
        db.first_university = session.execute(select(func.min(models.University.id))).scalar_one()
    return db


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_mutated_files_are_imported_or_refused_cleanly_and_a_refusal_writes_nothing(loaded, seeds, tmp_path, fmt):
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=not os.environ.get("CICA_PROPERTY_EXAMPLES"),
              suppress_health_check=list(HealthCheck))
    @given(seed=st.integers(0, 1000), changes=operations)
    def check(seed, changes):
        original = seeds[fmt][seed % len(seeds[fmt])]
        content = _mutate_workbook(original, changes) if fmt.endswith("xlsx") else _mutate(original, changes)
        path = tmp_path / f"input{FORMATS[fmt]}"
        path.write_bytes(content)
        before = fingerprint(loaded)
        try:
            outcome = _within_deadline(lambda: _run(loaded, fmt, path, loaded.first_university))
        except UserError:
            outcome = "rejected"
        if outcome == "rejected":
            assert fingerprint(loaded) == before, "rows were written although the file was refused"

    check()


cells = st.text(alphabet=st.characters(codec="utf-8"), max_size=30)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
@given(rows=st.lists(st.lists(cells, min_size=1, max_size=6), min_size=1, max_size=8),
       delimiter=st.sampled_from([",", ";", "\t"]), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_generated_university_tables_never_crash(sqlite_db, tmp_path, rows, delimiter, encoding):
    from desktop_app.exchange.university_import import apply_import, preview_import

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows([["name", "country", "city"], *rows])
    path = tmp_path / "generated.csv"
    path.write_bytes(buffer.getvalue().encode(encoding, "surrogatepass"))
    before = fingerprint(sqlite_db)
    try:
        preview = _within_deadline(lambda: preview_import(sqlite_db, path))
        if preview.writable:
            apply_import(sqlite_db, preview)
        else:
            assert fingerprint(sqlite_db) == before
    except UserError:
        assert fingerprint(sqlite_db) == before
