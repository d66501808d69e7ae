"""The programme quality report and the staff development summary, built from the demo data in every
language and format and read back as a user would: the mean per question and the response rate, the
overdue recommendation first, the expiring EUR-ACE label, and never a respondent's identity."""

from __future__ import annotations

import csv

import pytest
from openpyxl import load_workbook

from desktop_app.i18n.formatting import localise_digits
from desktop_app.reports import registry
from desktop_app.services import staff_development
from desktop_app.services.survey_results import survey_results
from tests.reports.test_report_outputs import LANGUAGES, build, pdf_text


def flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_programme_quality_report_shows_feedback_figures_in_every_language(report_db, tmp_path, lang):
    text = flat(pdf_text(build(report_db, "programme-quality", "pdf", tmp_path, lang,
                               programme_id=report_db.programme_id)))
    results = survey_results(report_db, programme_id=report_db.programme_id, lang=lang)
    assert results and all(r.responses for r in results)
    for result in results:
        assert result.title in text
        # the response rate, as the report language writes percentages and digits
        assert localise_digits(str(round(100 * result.rate)), lang) in text
    if lang == "en":
        assert "Programme quality report" in text and "EUR-ACE" in text
        assert "overdue" in text  # the demo's recommendation past its deadline


def test_programme_quality_report_lists_the_overdue_recommendation_first_and_names_no_respondent(
        report_db, tmp_path):
    text = flat(pdf_text(build(report_db, "programme-quality", "pdf", tmp_path, include_personal_data=False)))
    table = text[text.index("Recommendation Owner Deadline Follow-up"):text.index("Accreditation Label")]
    first, _rest = table.split("overdue", 1)  # the overdue one's owner and status end its row
    assert "Recognise the credits" in first and "Publish the study plan" not in first
    assert "@" not in text  # no e-mail address, of a respondent or anyone
    assert "Expert panel" not in text  # the panel's members are named only with personal data
    with_people = flat(pdf_text(build(report_db, "programme-quality", "pdf", tmp_path, include_personal_data=True)))
    assert "Expert panel" in with_people


def test_programme_quality_sheets_give_mean_per_question_and_response_rate(report_db, tmp_path):
    path = build(report_db, "programme-quality", "xlsx", tmp_path)
    book = load_workbook(path, read_only=True)
    assert {"Evaluations", "Recommendations", "Accreditations", "Feedback", "Free-text answers",
            "Indicators"} <= set(book.sheetnames)
    rows = [list(row) + [None] * 20 for row in book["Feedback"].iter_rows(values_only=True)]
    header = rows[0]
    means = [row[header.index("Mean")] for row in rows[1:] if row[header.index("Mean")] is not None]
    assert means and all(1 <= mean <= 5 for mean in means)
    rates = {row[header.index("Response rate")] for row in rows[1:]}
    assert all(0 < rate <= 1 for rate in rates)
    comments = [row[3] for row in list(book["Free-text answers"].iter_rows(values_only=True))[1:]]
    assert comments == sorted(comments, key=str.casefold) or len({c for c in comments}) == len(comments)
    accreditations = list(book["Accreditations"].iter_rows(values_only=True))
    assert any("EUR-ACE" in str(row[1]) for row in accreditations[1:])


def test_programme_quality_csv_and_unknown_programme(report_db, tmp_path):
    path = build(report_db, "programme-quality", "csv", tmp_path)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        assert list(csv.reader(handle))
    from desktop_app.domain.errors import UserError

    with pytest.raises(UserError):
        build(report_db, "programme-quality", "pdf", tmp_path, programme_id=987654)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_staff_development_summary_counts_staff_per_university_and_year(report_db, tmp_path, lang):
    text = flat(pdf_text(build(report_db, "staff-development", "pdf", tmp_path, lang)))
    programmes = list(staff_development.iterate(report_db))
    assert programmes
    for programme in programmes:
        assert programme.title.split()[0] in text  # (a long title wraps in its cell)
    total = sum(p.participants for p in programmes)
    assert localise_digits(str(total), lang) in text
    if lang == "en":
        assert "Staff development summary" in text and "Artificial intelligence" in text
        assert "@" not in text  # participants are named only with personal data


def test_staff_development_summary_names_participants_only_with_personal_data(report_db, tmp_path):
    programme = next(iter(staff_development.iterate(report_db)))
    person = staff_development.participants(report_db, programme.id, reveal_personal=True)[0]
    assert person.name not in pdf_text(build(report_db, "staff-development", "pdf", tmp_path))
    assert person.name in pdf_text(build(report_db, "staff-development", "pdf", tmp_path,
                                         include_personal_data=True))
    book = load_workbook(build(report_db, "staff-development", "xlsx", tmp_path), read_only=True)
    assert "Per university" in book.sheetnames and "Participants" not in book.sheetnames


def test_quality_reports_are_registered():
    keys = {kind.key for kind in registry.kinds()}
    assert {"programme-quality", "staff-development"} <= keys
