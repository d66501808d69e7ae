"""Every report kind, built from demo data in every shipped language, read back as a user would see it."""

from __future__ import annotations

import csv
import shutil
import subprocess
import unicodedata

import pytest
from openpyxl import load_workbook

from desktop_app.i18n import available_languages, is_rtl
from desktop_app.i18n.formatting import country_name
from desktop_app.reports import registry
from desktop_app.reports.model import ReportOptions
from desktop_app.reports.spreadsheets import neutralise
from tests.reports.conftest import DEMO_DAY, FORMULA_NAME, HOSTILE_NAME

LANGUAGES = available_languages()  # every shipped language
KINDS = ["network-overview", "university-register", "university-dossier", "roadmap-progress",
         "agreement-register", "partnership-indicators", "curricula-catalogue", "joint-calendar",
         "recognition-statistics", "mobility-matrix", "joint-events", "programme-quality", "staff-development",
         "decisions-follow-up", "scholarships", "learning-agreement"]


def pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    # Shaped Arabic comes out as presentation forms; compare on the base letters.
    return unicodedata.normalize("NFKC", out)


def build(db, kind, fmt, tmp_path, lang="en", **options):
    if kind == "university-dossier":
        options.setdefault("university_id", db.multi_id)
    if kind == "learning-agreement":
        options.setdefault("learning_agreement_id", db.learning_agreement_id)
    if kind == "joint-calendar" and not options.get("university_ids"):
        options.setdefault("programme_id", db.programme_id)
    options.setdefault("today", DEMO_DAY)
    path = tmp_path / f"{kind}-{lang}.{fmt}"
    return registry.build_report(db, kind, fmt, path, ReportOptions(lang=lang, state_code="KZ", **options))


def name_in(lang: str) -> str:
    from tests.reports.conftest import MULTISCRIPT_NAMES

    return next(value for value, code, _kind in MULTISCRIPT_NAMES if code == lang)


def has_name_in(lang: str) -> bool:
    from tests.reports.conftest import MULTISCRIPT_NAMES

    return any(code == lang for _value, code, _kind in MULTISCRIPT_NAMES)


def test_list_has_every_kind():
    keys = [k.key for k in registry.kinds()]
    assert keys == KINDS
    assert registry.kind("university-dossier").formats == ("pdf",)
    assert registry.kind("university-register").formats == ("pdf", "xlsx", "csv")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_kind_renders_in_every_language(report_db, tmp_path, lang):
    kazakhstan = country_name("KZ", lang)
    for kind in KINDS:
        text = pdf_text(build(report_db, kind, "pdf", tmp_path, lang))
        if not is_rtl(lang) and kind not in ("curricula-catalogue", "joint-events", "joint-calendar"):
            assert kazakhstan in text, (kind, lang)  # right-to-left words: see the Persian test below
        if kind in ("university-register", "university-dossier") and not is_rtl(lang) and has_name_in(lang):
            # Named in the report's language (the test university has a name in each).
            assert " ".join(name_in(lang).split()[:2]) in " ".join(text.split()), (kind, lang)


def test_register_lists_states_then_names_in_order(report_db, tmp_path):
    text = pdf_text(build(report_db, "university-register", "pdf", tmp_path, "en"))
    # States by code (China, Iran, Kazakhstan), universities of a state by name.
    expected = ["Tsinghua University", "Shahid Beheshti University", HOSTILE_NAME, "Al-Farabi Kazakh",
                "Al-Farabi Test"]
    positions = [text.index(name) for name in expected]
    assert positions == sorted(positions)


def test_persian_words_appear(report_db, tmp_path):
    text = pdf_text(build(report_db, "network-overview", "pdf", tmp_path, "fa"))
    for word in country_name("KZ", "fa").split() + country_name("IR", "fa").split():
        assert word in text
    dossier = pdf_text(build(report_db, "university-dossier", "pdf", tmp_path, "fa"))
    for word in ("دانشگاه", "قزاقستان", "الفارابی"):
        assert word in dossier


def test_dossier_holds_every_script_and_contacts_only_when_asked(report_db, tmp_path):
    without = pdf_text(build(report_db, "university-dossier", "pdf", tmp_path, "kk"))
    assert "Әл-Фараби атындағы Қазақ ұлттық университеті ғқңөұүһі" in without
    assert "阿尔法拉比哈萨克国立大学" in without
    assert "Сәтбаева" not in without and "a.satbayeva@example.kz" not in without
    with_contacts = pdf_text(build(report_db, "university-dossier", "pdf", tmp_path / "..", "kk",
                                   include_personal_data=True))
    assert "a.satbayeva@example.kz" in with_contacts and "Сәтбаева" in with_contacts


def test_personal_data_choice_is_printed(report_db, tmp_path):
    left_out = pdf_text(build(report_db, "university-register", "pdf", tmp_path))
    assert "contact persons are left out" in " ".join(left_out.split())
    included = pdf_text(build(report_db, "roadmap-progress", "pdf", tmp_path, include_personal_data=True))
    assert "contact persons are included" in " ".join(included.split())


def test_markup_in_a_name_is_printed_literally(report_db, tmp_path):
    text = pdf_text(build(report_db, "university-register", "pdf", tmp_path))
    assert HOSTILE_NAME in text and FORMULA_NAME in text


def test_spreadsheet_cells_cannot_become_formulas(report_db, tmp_path):
    assert neutralise('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    for start in ("+", "-", "@", "\t", "\r"):
        assert neutralise(start + "1") == "'" + start + "1"
    assert neutralise(5) == 5 and neutralise("Tsinghua") == "Tsinghua"
    xlsx = build(report_db, "university-register", "xlsx", tmp_path)
    sheet = load_workbook(xlsx).worksheets[0]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    values = [cell.value for cell in cells]
    assert HOSTILE_NAME in values and "+Almaty" in values  # shown as stored, as text
    assert FORMULA_NAME in values
    with open(build(report_db, "university-register", "csv", tmp_path), encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    flat = [cell for row in rows for cell in row]
    assert HOSTILE_NAME in flat and "'+Almaty" in flat and "+Almaty" not in flat
    assert "'" + FORMULA_NAME in flat and FORMULA_NAME not in flat


def _xlsx_rows_as_csv(xlsx, tmp_path) -> list[list[str]]:
    """The first sheet as a spreadsheet program sees it: LibreOffice when present, else openpyxl."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice:
        out = tmp_path / "lo"
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
                        "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(out), str(xlsx)],
                       check=True, capture_output=True, timeout=180)
        with open(out / (xlsx.stem + ".csv"), encoding="utf-8") as handle:
            return list(csv.reader(handle))
    sheet = load_workbook(xlsx, read_only=True).worksheets[0]
    rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    width = max(len(row) for row in rows)  # a spreadsheet shows trailing empty cells as empty
    return [row + [""] * (width - len(row)) for row in rows]


@pytest.mark.parametrize("lang", ["en", "kk"])
def test_xlsx_opened_by_a_spreadsheet_shows_the_csv_rows(report_db, tmp_path, lang):
    xlsx = build(report_db, "university-register", "xlsx", tmp_path, lang)
    with open(build(report_db, "university-register", "csv", tmp_path, lang), encoding="utf-8-sig") as handle:
        csv_rows = list(csv.reader(handle))
    sheet_rows = _xlsx_rows_as_csv(xlsx, tmp_path)
    # A spreadsheet shows the apostrophe-protected text without its apostrophe: compare what a reader sees.
    seen = [[cell[1:] if cell.startswith("'") else cell for cell in row] for row in csv_rows]
    # Trailing empty cells are not compared: LibreOffice's CSV conversion leaves them out, openpyxl keeps them.
    assert [_trimmed(row) for row in sheet_rows] == [_trimmed(row) for row in seen]
    assert len(csv_rows) == 1 + 22
    assert any(row and row[-1] == "" for row in seen)  # the rows do end in empty cells: the trimming matters
    assert all(cell for cell in csv_rows[0])  # every column has a heading, so no column is trimmed away


def _trimmed(row: list[str]) -> list[str]:
    """The row without its trailing empty cells."""
    end = len(row)
    while end and row[end - 1] == "":
        end -= 1
    return row[:end]


def test_cancelled_build_leaves_no_file(report_db, tmp_path):
    from desktop_app.domain.errors import Cancelled
    from desktop_app.domain.progress import Progress

    progress = Progress()
    progress.cancel()
    target = tmp_path / "register.pdf"
    with pytest.raises(Cancelled):
        registry.build_report(report_db, "university-register", "pdf", target, ReportOptions(), progress)
    assert not target.exists() and not list(tmp_path.glob("*.part"))


def test_dossier_needs_a_university_and_tabular_formats_only_where_offered(report_db, tmp_path):
    from desktop_app.domain.errors import UserError

    with pytest.raises(UserError):
        registry.build_report(report_db, "university-dossier", "pdf", tmp_path / "d.pdf", ReportOptions())
    with pytest.raises(UserError):
        registry.build_report(report_db, "university-dossier", "csv", tmp_path / "d.csv",
                              ReportOptions(university_id=report_db.multi_id))
