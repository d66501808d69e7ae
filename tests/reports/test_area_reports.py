"""The reports on the areas' records (agreements, partnerships, curricula, calendars, recognition,
mobility, events) built from the demo data in five languages and read back as a user would."""

from __future__ import annotations

import csv
import datetime as dt

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from desktop_app.domain.preferences import Options
from desktop_app.i18n.formatting import country_name, localise_digits
from desktop_app.reports import registry
from desktop_app.reports.model import ReportOptions
from desktop_app.storage.models import RecognitionCase
from tests.reports.conftest import DEMO_DAY
from tests.reports.test_report_outputs import LANGUAGES, build, pdf_text

AREA_KINDS = ["agreement-register", "partnership-indicators", "curricula-catalogue", "joint-calendar",
              "recognition-statistics", "mobility-matrix", "joint-events"]


def in_order(text: str, names: list[str]) -> bool:
    positions = [text.index(name) for name in names]
    return positions == sorted(positions)


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_area_reports_show_their_records_in_order(report_db, tmp_path, lang):
    # Agreements by end date: the bilateral one ends first, the network memorandum has no end date.
    text = pdf_text(build(report_db, "agreement-register", "pdf", tmp_path, lang, today=_today()))
    assert in_order(text, ["NU-SNU-2022", "KAZNU-THU-2025", "ENU-MSU-DD-2024", "CICA-PN-2024"]), lang

    text = pdf_text(build(report_db, "partnership-indicators", "pdf", tmp_path, lang))
    assert "Strategic partnership: joint school of computer science" in flat(text)
    assert text.count("Joint publications") >= 2  # the summary and the partnership's own table
    # The demo partnership departs from the recommendations: 3 years (under 5) and 75 % national staff.
    assert localise_digits("75", lang) in text  # in the report language's digits (Persian: ۷۵)
    if lang == "en":
        assert "lasts 3 years" in flat(text) and "at least 5" in flat(text)

    # The study plan semester by semester, courses in the plan's order.
    text = pdf_text(build(report_db, "curricula-catalogue", "pdf", tmp_path, lang))
    assert in_order(text, ["KAZNU-THU-DS", "KAZ 5101", "DS 5201", "DS 5203", "80240653", "69990011"]), lang
    # A university in the report's language, else in its state's (Tsinghua in Chinese), else English.
    tsinghua = "Tsinghua University" if lang == "en" else "清华大学"
    kaznu = {"en": "Al-Farabi Kazakh National University",
             "ru": "Казахский национальный университет имени аль-Фараби"}.get(
        lang, "Әл-Фараби атындағы Қазақ ұлттық университеті")  # no Persian or Chinese name: the state's
    assert tsinghua in text

    text = pdf_text(build(report_db, "joint-calendar", "pdf", tmp_path, lang))
    assert in_order(text, ["2026/2027", "2027/2028"]), lang
    assert kaznu.split()[0] in text, lang
    if lang != "fa":
        assert tsinghua in flat(text), lang

    text = pdf_text(build(report_db, "mobility-matrix", "pdf", tmp_path, lang, today=dt.date(2030, 5, 4)))
    assert in_order(text, ["2024", "2025", "2026"])  # (the date in the header is not of those years)
    if lang != "fa":
        for code in ("CN", "KR", "KZ", "RU", "TR"):
            assert country_name(code, lang) in text, (code, lang)

    text = pdf_text(build(report_db, "joint-events", "pdf", tmp_path, lang))
    assert in_order(text, ["diplomacy", "Rectors", "renewable"]), lang

    text = pdf_text(build(report_db, "recognition-statistics", "pdf", tmp_path, lang))
    if lang != "fa":
        assert country_name("AZ", lang) in text and country_name("CN", lang) in text


def _today():
    return DEMO_DAY  # the bilateral agreement ends 60 days after the demo's day (22 Jan 2027): about to expire


def test_expiring_agreements_are_highlighted(report_db, tmp_path):
    xlsx = build(report_db, "agreement-register", "xlsx", tmp_path, today=_today())
    sheet = load_workbook(xlsx).worksheets[0]
    shaded = [row[0].value for row in sheet.iter_rows(min_row=2) if row[0].fill.fgColor.rgb.endswith("FDE8C8")]
    assert shaded == ["Bilateral cooperation agreement on student and staff exchange"]


def test_the_warning_period_of_the_agreement_register_is_the_users(report_db, tmp_path):
    """The horizon comes from the options the report is given (the user's preference), never a constant."""
    def shaded(days):
        xlsx = build(report_db, "agreement-register", "xlsx", tmp_path, today=_today(),
                     preferences=Options(expiry_horizon_days=days))
        sheet = load_workbook(xlsx).worksheets[0]
        return [row[0].value for row in sheet.iter_rows(min_row=2) if row[0].fill.fgColor.rgb.endswith("FDE8C8")]

    assert shaded(30) == []  # the bilateral agreement ends in 60 days
    assert len(shaded(2000)) == 3  # every agreement in force with an end date
    text = flat(pdf_text(build(report_db, "agreement-register", "pdf", tmp_path, today=_today(),
                               preferences=Options(expiry_horizon_days=45))))
    assert "Expiring within 45 days" in text and "end within 45 days" in text
    text = flat(pdf_text(build(report_db, "agreement-register", "pdf", tmp_path, "ru", today=_today(),
                               preferences=Options(expiry_horizon_days=1))))
    assert "в течение 1 дня" in text


def test_recognition_statistics_never_hold_personal_data(report_db, tmp_path):
    with report_db.reading() as session:
        holders = session.execute(select(RecognitionCase.holder_name, RecognitionCase.document_number)
                                  .limit(20)).all()
    for include in (False, True):
        text = flat(pdf_text(build(report_db, "recognition-statistics", "pdf", tmp_path, "en",
                                   include_personal_data=include)))
        assert "Median days to decision" in text and "Appeals" in text
        for name, number in holders:
            assert name not in text and (not number or number not in text)
    with open(build(report_db, "recognition-statistics", "csv", tmp_path), encoding="utf-8-sig") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert not any(name in cells for name, _n in holders)


def test_calendar_of_chosen_universities_and_of_one_year(report_db, tmp_path):
    from desktop_app.services.calendars import programme_universities

    ids = tuple(programme_universities(report_db, report_db.programme_id))
    text = pdf_text(build(report_db, "joint-calendar", "pdf", tmp_path, university_ids=ids, year=2026))
    assert "2026/2027" in text and "2027/2028" not in text
    assert "Chosen universities" in text
    assert "Winter" in text and "Spring" in text  # conflicts: Al-Farabi's exams while Tsinghua teaches
    with open(build(report_db, "joint-calendar", "csv", tmp_path, university_ids=ids, year=2026),
              encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "Academic year" and rows[1][0] == "2026/2027" and len(rows) == 1 + 3


def test_joint_calendar_needs_a_programme_or_universities(report_db, tmp_path):
    from desktop_app.domain.errors import UserError

    with pytest.raises(UserError):
        registry.build_report(report_db, "joint-calendar", "pdf", tmp_path / "c.pdf", ReportOptions())


@pytest.mark.parametrize("kind", AREA_KINDS)
def test_tabular_area_reports_as_spreadsheets(report_db, tmp_path, kind):
    xlsx = build(report_db, kind, "xlsx", tmp_path, "kk")
    sheets = load_workbook(xlsx).worksheets
    assert sheets and all(cell.data_type != "f" for sheet in sheets for row in sheet.iter_rows() for cell in row)
    with open(build(report_db, kind, "csv", tmp_path, "kk"), encoding="utf-8-sig") as handle:
        rows = [row for row in csv.reader(handle) if row]
    assert len(rows) > 1


def test_mobility_matrix_of_one_year_counts_the_flows(report_db, tmp_path):
    with open(build(report_db, "mobility-matrix", "csv", tmp_path, year=2025), encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["Year 2025"]  # the year's table first (several tables: each after its title)
    header, *body = rows[1:rows.index([])]
    china = body[[row[0] for row in body].index("China")]
    assert china[header.index("Kazakhstan")] == "2"
    assert body[-1][0] == "Total" and body[-1][-1] == "6"  # with the demo's 1+1 student who left in September 2025


def test_area_reports_build_on_every_database(db, tmp_path):
    """The same reports from the demo on SQLite and PostgreSQL (the statistics are computed in SQL)."""
    from desktop_app.exchange.demo import load_demo
    from desktop_app.services import curricula

    load_demo(db, today=DEMO_DAY)
    programme = curricula.page(db).rows[0].id
    for kind in AREA_KINDS:
        options = ReportOptions(lang="ru", state_code="KZ", programme_id=programme)
        path = registry.build_report(db, kind, "pdf", tmp_path / f"{kind}.pdf", options)
        assert path.read_bytes().startswith(b"%PDF")
    with open(registry.build_report(db, "recognition-statistics", "csv", tmp_path / "r.csv",
                                    ReportOptions(year=2024)), encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert ["Cases by country pair and year"] in rows
    assert "Median days" in rows[rows.index(["Cases by country pair and year"]) + 1]
    text = pdf_text(tmp_path / "mobility-matrix.pdf")
    assert "Казахстан" in text and "2025" in text


def test_signatories_appear_only_when_personal_data_is_included(report_db, tmp_path):
    from desktop_app.services import agreements

    signatories = [p.signatory for row in agreements.iterate(report_db) for p in row.parties if p.signatory]
    assert signatories
    without = flat(pdf_text(build(report_db, "agreement-register", "pdf", tmp_path)))
    assert not any(name in without for name in signatories)
    assert "contact persons are left out" in without
    included = flat(pdf_text(build(report_db, "agreement-register", "pdf", tmp_path / "..",
                                   include_personal_data=True)))
    assert all(name in included for name in signatories[:2])
