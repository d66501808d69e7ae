"""The decisions follow-up, the scholarship report and the printed learning agreement, built from the demo
data through the registry and the command line and read back as a user would: the PDF's text, the XLSX
cells and the console."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from desktop_app.domain.errors import UserError
from desktop_app.domain.governance import DecisionDraft, DecisionTextDraft, FollowUpDraft
from desktop_app.domain.learning_agreements import Section
from desktop_app.domain.scholarships import money
from desktop_app.i18n import translator
from desktop_app.reports import registry
from desktop_app.reports.kinds.learning_agreement import LINE
from desktop_app.reports.model import ReportOptions
from desktop_app.services import bodies, decisions, learning_agreements, mobility, scholarships
from tests.reports.conftest import DEMO_DAY
from tests.reports.test_report_outputs import build, pdf_text


def flat(text: str) -> str:
    return " ".join(text.split())


def sheet_rows(path, sheet: str) -> list[list]:
    return [list(row) for row in load_workbook(path, read_only=True)[sheet].iter_rows(values_only=True)]


def body_id(db, name: str) -> int:
    return next(c.id for c in bodies.choices(db, lang="en") if c.label == name)


# --- decisions follow-up ------------------------------------------------------------------------------

@pytest.fixture
def late_recommendation(report_db):
    """A recommendation of the council whose action is a year past its deadline, besides the demo's."""
    council = body_id(report_db, "International Council of the Partnership Network")
    decisions.create(report_db, DecisionDraft(
        "recommendation", council, DEMO_DAY - dt.timedelta(days=500),
        [DecisionTextDraft("en", "Publish the network's quality handbook")],
        follow_ups=[FollowUpDraft("Translate the quality handbook", DEMO_DAY + dt.timedelta(days=30),
                                  responsible="Translation office"),
                    FollowUpDraft("Publish the quality handbook", DEMO_DAY - dt.timedelta(days=400),
                                  responsible="Quality office")]))
    return report_db


def test_follow_up_puts_the_recommendation_past_its_deadline_first_and_flags_it(late_recommendation, tmp_path):
    db = late_recommendation
    text = flat(pdf_text(build(db, "decisions-follow-up", "pdf", tmp_path)))
    table = text[text.index("Deadline Action Responsible"):text.index("By responsible actor")]
    # Cells wrap over several lines: the rows' order shows in their responsible actors, each on one line.
    assert table.index("Quality office") < table.index("Independent") < table.index("Translation office") \
        < table.index("Working group") < table.index("Rectors of the")
    assert table.count("overdue") == 2  # flagged in words, not only shaded
    assert "2 actions are past their deadline" in text
    assert "Circulate the recommendation" not in text  # done: nothing left to follow up
    rows = sheet_rows(build(db, "decisions-follow-up", "xlsx", tmp_path), "Follow-up")
    header, first = rows[0], rows[1]
    assert header[:4] == ["Deadline", "Action", "Responsible", "Status"]
    assert first[1] == "Publish the quality handbook" and first[2] == "Quality office"
    assert first[3] == "Not started — overdue"
    assert first[5] == "International Council of the Partnership Network"  # the adopting body and when
    assert first[6].date() == DEMO_DAY - dt.timedelta(days=500)
    assert [row[1] for row in rows[1:]] == [action.description for action in decisions.follow_ups(db, DEMO_DAY)]
    owners = sheet_rows(build(db, "decisions-follow-up", "xlsx", tmp_path), "By responsible actor")
    assert owners[1][2] == 1 and owners[-1][2] == 0  # responsible actors with an overdue action first


def test_follow_up_of_one_body(late_recommendation, tmp_path):
    db = late_recommendation
    forum = body_id(db, "China–Central Asia Forum of University Rectors")
    text = flat(pdf_text(build(db, "decisions-follow-up", "pdf", tmp_path, "ru", body_id=forum)))
    assert "Форум ректоров университетов Китая и Центральной Азии" in text  # the body, in the reader's language
    assert "Rectors of the initiating" in text and "Quality office" not in text and "Working group" not in text
    with pytest.raises(UserError, match="body no longer exists"):
        build(db, "decisions-follow-up", "pdf", tmp_path, body_id=9999)


# --- scholarships -------------------------------------------------------------------------------------

def test_remaining_budget_is_the_budget_less_the_awards_in_the_programmes_own_currency(report_db, tmp_path):
    expected = {}
    for row in scholarships.iterate(report_db):
        draft = scholarships.get(report_db, row.id).draft
        for budget in draft.budgets:
            awarded = sum((money(a.committed) for a in draft.awards if a.year == budget.year), Decimal(0))
            expected[(draft.name, budget.year)] = (draft.currency, money(budget.amount) - awarded)
    assert len({currency for currency, _remaining in expected.values()}) == 2  # KZT and CNY in the demo
    rows = sheet_rows(build(report_db, "scholarships", "xlsx", tmp_path), "Scholarships")
    header = rows[0]
    at = {title: header.index(title) for title in ("Programme", "Year", "Currency", "Budget", "Committed",
                                                   "Remaining")}
    found = {(row[at["Programme"]], row[at["Year"]]): (row[at["Currency"]], money(row[at["Remaining"]]))
             for row in rows[1:]}
    assert found == expected
    for row in rows[1:]:
        assert money(row[at["Remaining"]]) == money(row[at["Budget"]]) - money(row[at["Committed"]])
    totals = sheet_rows(build(report_db, "scholarships", "xlsx", tmp_path), "Totals by currency")
    # One total per currency and year: amounts of two currencies are never added together.
    assert sorted((row[0], row[1]) for row in totals[1:]) == sorted({(c, y) for (_n, y), (c, _r) in expected.items()})
    text = flat(pdf_text(build(report_db, "scholarships", "pdf", tmp_path)))
    assert "KZT3,000,000.00" in text and "CN¥180,000.00" in text  # in its own currency, never converted


def test_scholarships_report_command_prints_the_reports_table_and_writes_its_files(report_db, tmp_path, capsys):
    from desktop_app.cli import main

    url = str(report_db.engine.url)
    assert main(["--db", url, "scholarships", "report", "--year", "2026"]) == 0
    printed = [line.split() for line in capsys.readouterr().out.splitlines() if line.strip()]
    document = registry.gather(report_db, "scholarships", ReportOptions(year=2026))
    expected = []
    for table in document.tables():  # each programme's years, then the totals by currency
        expected.append(table.title.split())
        expected.append(" ".join(column.title for column in table.columns).split())
        expected += [" ".join(row).split() for row in table.rows]
    assert printed[1:] == expected  # after the heading "Scholarship programmes"
    assert len(document.tables()) == 3
    out = tmp_path / "scholarships.xlsx"
    assert main(["--db", url, "scholarships", "report", "--format", "xlsx", "--out", str(out), "--lang", "kk"]) == 0
    same = build(report_db, "scholarships", "xlsx", tmp_path, "kk")
    assert sheet_rows(out, load_workbook(out).sheetnames[0]) == sheet_rows(same, load_workbook(same).sheetnames[0])
    capsys.readouterr()
    assert main(["--db", url, "scholarships", "report", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [line.as_json() for line in scholarships.budget_lines(report_db)]


# --- the learning agreement ---------------------------------------------------------------------------

def test_printed_learning_agreement_names_the_student_only_with_personal_data(report_db, tmp_path):
    agreement_id = report_db.learning_agreement_id
    mobility_id = learning_agreements.mobility_of(report_db, agreement_id)
    draft = learning_agreements.get_for(report_db, mobility_id).draft
    student = mobility.get(report_db, mobility_id).draft.person_name
    assert student
    text = flat(pdf_text(build(report_db, "learning-agreement", "pdf", tmp_path)))
    assert student not in text and "@" not in text
    assert "the student's name and the contact persons are left out" in text
    latest = draft.latest
    for component in latest.components:
        assert component.title in text
    assert f"Total: {latest.credits(Section.STUDIED):g} ECTS" in text
    assert "Language competence" in text and draft.cefr_level in text
    assert "Version 2" in text and latest.reason in text  # the version and what changed
    assert "Added" in text and "Removed" in text
    assert "Signatory Full name Date Signature" in text and "Receiving coordinator" in text
    with_student = flat(pdf_text(build(report_db, "learning-agreement", "pdf", tmp_path, include_personal_data=True)))
    assert student in with_student and latest.receiving_signer_name in with_student


def test_unsigned_lines_stay_empty_for_a_hand_signature(report_db, tmp_path):
    waiting = next(row for row in learning_agreements.iterate(report_db) if row.status == "awaiting_signatures")
    text = pdf_text(build(report_db, "learning-agreement", "pdf", tmp_path, learning_agreement_id=waiting.id))
    receiving = next(line for line in text.splitlines() if line.strip().startswith("Receiving coordinator"))
    assert receiving.count(LINE) == 3  # name, date and signature to be written by hand
    student = [line for line in text.splitlines() if line.strip().startswith("Student ")][-1]  # the signatory
    assert "Signed" in student and student.count(LINE) == 1  # signed (dated); the name is personal data


def test_learning_agreement_must_be_chosen_and_prints_the_same_from_the_command_line(report_db, tmp_path):
    from desktop_app.cli import main

    with pytest.raises(UserError, match="learning agreement"):
        registry.build_report(report_db, "learning-agreement", "pdf", tmp_path / "x.pdf", ReportOptions())
    assert not (tmp_path / "x.pdf").exists()
    assert registry.kind("learning-agreement").formats == ("pdf",)
    out = tmp_path / "printed.pdf"
    assert main(["--db", str(report_db.engine.url), "mobility", "la", "print", str(report_db.learning_agreement_id),
                 "--out", str(out), "--language", "kk", "--personal"]) == 0
    same = registry.build_report(report_db, "learning-agreement", "pdf", tmp_path / "same.pdf", ReportOptions(
        lang="kk", include_personal_data=True, learning_agreement_id=report_db.learning_agreement_id))
    printed = pdf_text(out)
    assert printed == pdf_text(same)
    assert translator("kk").gettext("Learning agreement") in printed
