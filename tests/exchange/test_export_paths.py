"""Every way the application writes a spreadsheet, with the same hostile values stored in the records:
the register (CSV, XLSX), recognition cases (CSV, XLSX, with and without personal data) and every
report kind's XLSX and CSV. No cell may be a formula (openpyxl reads each cell's type and the sheets'
XML holds no ``<f>``); text reads back exactly as stored; in CSV, formula-like text carries the leading
apostrophe and an import gives back the text; where LibreOffice is installed, what it computes from
each file is the text itself.

(The national data package carries its records as JSON Lines, not CSV or XLSX: nothing to check there.)
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, update

from desktop_app.exchange.demo import load_demo
from desktop_app.exchange.recognition_files import export_cases
from desktop_app.exchange.university_export import export_register
from desktop_app.reports import registry
from desktop_app.reports.registry import ReportOptions
from desktop_app.storage import models
from desktop_app.storage.tabular_output import FORMULA_START, unguard_csv

DAY = dt.date(2026, 11, 23)
LONG = "Long " + "text " * 1200
HOSTILE = ["=1+1", "+SUM(A1:A2)", "-2+3", "@cmd", "\t=1+1", "\uff1d1+1", "'=1+1", "\u202eevil\u202c name",
           "<b>bold</b> & <i>markup</i>", LONG]
#: (model, column) pairs that carry text into the exports and reports; each gets hostile values.
TARGETS = [(models.UniversityName, "value"), (models.University, "display_name"), (models.University, "city"),
           (models.University, "acronym"), (models.Agreement, "title"), (models.Agreement, "reference"),
           (models.Programme, "title"), (models.CalendarPeriod, "title"), (models.JointEvent, "title"),
           (models.RoadmapAction, "notes"), (models.MobilityRecord, "person_name"),
           (models.RecognitionCase, "qualification_title"),
           (models.RecognitionCase, "holder_name"), (models.RecognitionCase, "issuing_university_name"),
           (models.RecognitionCase, "notes")]


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    from desktop_app.services.database_admin import open_database

    path = tmp_path_factory.mktemp("exports") / "hostile.sqlite3"
    db = open_database(f"sqlite:///{path}")
    load_demo(db, today=DAY)
    with db.transaction() as session:
        for model, column in TARGETS:
            ids = session.execute(select(model.id).order_by(model.id).limit(len(HOSTILE))).scalars().all()
            limit = getattr(getattr(model, column).type, "length", None)
            for record_id, value in zip(ids, HOSTILE, strict=False):
                session.execute(update(model).where(model.id == record_id).values({column: value[:limit]}))
        db.hostile_ids = {
            "university": session.execute(select(models.University.id).order_by(models.University.id)).scalar(),
            "programme": session.execute(select(models.Programme.id).order_by(models.Programme.id)).scalar()}
    yield db
    db.close()


def _exports(db, folder: Path) -> list[tuple[str, Path]]:
    made = []
    for fmt in ("csv", "xlsx"):
        made.append(("register", export_register(db, folder / f"register.{fmt}", fmt) and folder / f"register.{fmt}"))
        for personal in (True, False):
            target = folder / f"cases-{personal}.{fmt}"
            export_cases(db, target, include_personal=personal)
            made.append(("cases", target))
    for kind in registry.kinds():
        for fmt in kind.formats:
            if fmt == "pdf":
                continue
            choices = {"university_id": db.hostile_ids["university"]} if kind.needs_university else {}
            if kind.needs_programme:
                choices["programme_id"] = db.hostile_ids["programme"]
            options = ReportOptions(lang="en", state_code="KZ", today=DAY, include_personal_data=True, **choices)
            target = folder / f"report-{kind.key}.{fmt}"
            registry.build_report(db, kind.key, fmt, target, options)
            made.append((f"report {kind.key}", target))
    return made


@pytest.fixture(scope="module")
def exported(hostile_db, tmp_path_factory):
    return _exports(hostile_db, tmp_path_factory.mktemp("out"))


def _text_cells(path: Path) -> list[str]:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return [cell for row in csv.reader(handle) for cell in row]
    book = load_workbook(path)
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells), path.name
    return [cell.value for cell in cells if isinstance(cell.value, str)]


def test_every_export_path_is_covered(exported):
    kinds = {label for label, _path in exported}
    assert {"register", "cases"} <= kinds
    tabular = [k.key for k in registry.kinds() if "xlsx" in k.formats]
    assert {f"report {key}" for key in tabular} <= kinds and len(tabular) >= 9
    assert {path.suffix for _label, path in exported} == {".csv", ".xlsx"}


def test_no_workbook_holds_a_formula(exported):
    for _label, path in exported:
        if path.suffix != ".xlsx":
            continue
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.startswith("xl/worksheets/"):
                    assert not re.search(rb"<(\w+:)?f[ >]", archive.read(name)), (path.name, name)
        _text_cells(path)


def test_no_csv_cell_can_start_a_formula(exported):
    for _label, path in exported:
        if path.suffix == ".csv":
            for cell in _text_cells(path):
                assert not cell.startswith(FORMULA_START), (path.name, cell[:40])


@pytest.mark.parametrize("name", ["register.csv", "register.xlsx", "cases-True.csv", "cases-True.xlsx"])
def test_exports_meant_for_editing_carry_each_hostile_value_exactly(exported, name):
    path = next(path for _label, path in exported if path.name == name)
    cells = _text_cells(path)
    if path.suffix == ".csv":
        cells = [unguard_csv(cell) for cell in cells]
    present = set(cells)
    for value in HOSTILE[:-1]:
        assert value in present, (name, value[:20])
    assert any(cell.startswith(LONG[:400]) for cell in cells)  # as long as its column keeps it


def test_reports_show_formula_like_names_as_text(exported):
    workbook = next(path for label, path in exported if label == "report university-register"
                    and path.suffix == ".xlsx")
    cells = _text_cells(workbook)
    assert any("=1+1" in cell for cell in cells) and not any(cell == "2" for cell in cells)


def _libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(_libreoffice() is None, reason="LibreOffice is not installed")
def test_libreoffice_computes_the_text_not_a_formula(exported, tmp_path):
    """LibreOffice opens each workbook and CSV and writes what it computed: the text is there, nothing
    was evaluated (=1+1 is not 2, +SUM(A1:A2) is not a number)."""
    soffice = _libreoffice()
    sources = [path for label, path in exported if label in ("register", "cases") or "university-register" in label]
    out = tmp_path / "lo"
    for source in sources:
        reading = ["--infilter=CSV:44,34,76,1"] if source.suffix == ".csv" else []  # UTF-8, comma, quote
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}", *reading,
                        "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                        "--outdir", str(out / source.suffix[1:]), str(source)],
                       check=True, capture_output=True, timeout=300)
    for source in sources:
        sheets = sorted((out / source.suffix[1:]).glob(source.stem + "*.csv"))
        assert sheets, source.name
        computed = [cell for sheet in sheets for row in csv.reader(sheet.open(encoding="utf-8"))
                    for cell in row]
        if source.name.startswith(("register", "cases-True")):
            texts = {unguard_csv(cell) if source.suffix == ".csv" else cell for cell in computed}
            for value in ("=1+1", "+SUM(A1:A2)", "-2+3", "@cmd", "\uff1d1+1", "<b>bold</b> & <i>markup</i>"):
                assert value in texts, (source.name, value)
        assert "#NAME?" not in computed and "Err:" not in " ".join(computed)
