"""A student's mobility from nomination to recognised credits, and scholarships, through the services on
SQLite and PostgreSQL: dated moves and their history, the warnings and the dashboard, the transcript with
grade conversion, the recognition that needs a reason, and the scholarship budget."""

import datetime as dt
from decimal import Decimal

import pytest

from desktop_app.domain.calendars import CalendarDraft, Period
from desktop_app.domain.errors import UserError, ValidationError
from desktop_app.domain.preferences import Options
from desktop_app.domain.scholarships import AwardDraft, BudgetDraft, ScholarshipDraft
from desktop_app.domain.transcripts import GradeDraft, GradeTableDraft, TranscriptDraft, TranscriptEntryDraft
from desktop_app.exchange import transcript_files
from desktop_app.services import (
    calendars,
    dashboard,
    learning_agreements,
    mobility,
    mobility_lifecycle,
    scholarships,
    transcripts,
)
from tests.mobility_helpers import agreement_with_a_change, mobility_with_agreement, student_mobility, two_universities


def test_a_mobility_moves_step_by_step_and_keeps_its_dated_history(db):
    sending, receiving = two_universities(db)
    mobility_id = student_mobility(db, sending, receiving)
    mobility_lifecycle.move(db, mobility_id, "accepted", dt.date(2026, 4, 1))
    with pytest.raises(UserError, match="not yet signed"):
        mobility_lifecycle.move(db, mobility_id, "la_signed", dt.date(2026, 6, 25))
    with pytest.raises(UserError, match="cannot become"):
        mobility_lifecycle.move(db, mobility_id, "completed", dt.date(2026, 6, 25))
    with pytest.raises(UserError, match="before the previous one"):
        mobility_lifecycle.move(db, mobility_id, "cancelled", dt.date(2026, 3, 15))
    learning_agreements.save(db, mobility_id, agreement_with_a_change())
    mobility_lifecycle.move(db, mobility_id, "la_signed", dt.date(2026, 6, 25))
    mobility_lifecycle.move(db, mobility_id, "started", dt.date(2026, 9, 1), note="Arrived in Beijing")
    assert [(s.status, s.changed_on) for s in mobility_lifecycle.history(db, mobility_id)] == [
        ("nominated", dt.date(2026, 3, 1)), ("accepted", dt.date(2026, 4, 1)), ("la_signed", dt.date(2026, 6, 25)),
        ("started", dt.date(2026, 9, 1))]
    assert mobility_lifecycle.history(db, mobility_id)[-1].note == "Arrived in Beijing"
    assert [row.status for row in mobility.page(db, mobility.MobilityQuery(status="started")).rows] == ["started"]


def test_delete_and_undo_bring_back_the_history_agreement_and_transcript(db):
    mobility_id = mobility_with_agreement(db)
    transcripts.save(db, mobility_id, TranscriptDraft(dt.date(2027, 2, 1), [TranscriptEntryDraft("Machine Learning",
                                                                                                  6.0, "A")]))
    snapshot = mobility.delete(db, mobility_id)
    assert mobility.restore(db, snapshot) == mobility_id
    assert len(learning_agreements.get_for(db, mobility_id).draft.versions) == 2
    assert transcripts.get(db, mobility_id).entries[0].grade == "A"
    assert [s.status for s in mobility_lifecycle.history(db, mobility_id)] == ["nominated"]


def test_a_ten_day_short_term_stay_is_flagged(db):
    sending, receiving = two_universities(db)
    mobility_id = student_mobility(db, sending, receiving, format="short_term", days=10)
    found = mobility_lifecycle.warnings_of(db, mobility_id, Options(), today=dt.date(2026, 3, 2))
    assert [w.key for w in found] == ["format"] and "10 days" in found[0].message.text()


def test_unsigned_agreement_a_week_before_the_start_is_on_the_dashboard(db):
    sending, receiving = two_universities(db)
    mobility_id = student_mobility(db, sending, receiving, start=dt.date.today() + dt.timedelta(days=7))
    options = Options(signature_warning_days=30)
    student_mobility(db, sending, receiving, start=dt.date.today() - dt.timedelta(days=400))  # long gone
    student_mobility(db, sending, receiving, start=dt.date.today() + dt.timedelta(days=45))  # not yet
    assert dashboard.live_counts(db, options)["unsigned_learning_agreements"] == 1
    assert "7 days" in mobility_lifecycle.warnings_of(db, mobility_id, options)[0].message.text()
    learning_agreements.save(db, mobility_id, agreement_with_a_change())
    assert dashboard.live_counts(db, options)["unsigned_learning_agreements"] == 0
    assert dashboard.live_counts(db, Options())["overdue_transcripts"] == 0


def test_the_receiving_universitys_nomination_deadline_warns(db):
    sending, receiving = two_universities(db)
    calendars.create(db, CalendarDraft(receiving, "2026/2027", periods=[
        Period("nomination_deadline", dt.date(2026, 2, 15), dt.date(2026, 2, 15), title="Nominations")]))
    mobility_id = student_mobility(db, sending, receiving)  # nominated on 1 March
    found = mobility_lifecycle.warnings_of(db, mobility_id, Options(), today=dt.date(2026, 3, 2))
    assert "nomination_deadline" in [w.key for w in found]


def test_recognised_credits_short_of_the_agreement_need_a_reason_naming_the_component(db):
    mobility_id = mobility_with_agreement(db)
    proposed = transcripts.proposed_recognitions(db, mobility_id, dt.date(2027, 2, 10))
    assert [(r.title, r.credits_recognised) for r in proposed] == [("Artificial Intelligence", 6.0),
                                                                   ("Parallel Computing", 5.0)]
    proposed[1].credits_recognised = 3.0
    with pytest.raises(ValidationError) as refused:
        transcripts.save(db, mobility_id, TranscriptDraft(dt.date(2027, 2, 1), [], proposed))
    assert "“Parallel Computing”" in next(iter(refused.value.problems.values())).text()
    assert transcripts.get(db, mobility_id).recognitions == []
    proposed[1].reason = "Only the lectures were attended"
    transcripts.save(db, mobility_id, TranscriptDraft(dt.date(2027, 2, 1), [], proposed))
    assert transcripts.recognition_totals(db) == {"mobilities": 1, "credits_agreed": 11.0, "credits_recognised": 9.0}


def test_a_transcript_imported_from_csv_is_linked_and_its_grades_converted(db, tmp_path):
    mobility_id = mobility_with_agreement(db)
    record = mobility.get(db, mobility_id).draft
    transcripts.save_grade_table(db, record.receiving_university_id, GradeTableDraft([
        GradeDraft("A", "A", 30), GradeDraft("B", "B", 40), GradeDraft("C", "C", 30),
        GradeDraft("F", "F", None, passing=False)]))
    transcripts.save_grade_table(db, record.sending_university_id, GradeTableDraft([
        GradeDraft("A", "A", 10), GradeDraft("A-", "A", 20), GradeDraft("B+", "B", 40), GradeDraft("C", "C", 30),
        GradeDraft("F", "F", None, passing=False)]))
    source = tmp_path / "transcript.csv"
    source.write_text("code,title,credits,grade\nCS501,Machine Learning,6,A\nCS510,Cloud Computing,5,B\n", "utf-8")
    assert transcript_files.import_csv(db, mobility_id, source, dt.date(2027, 2, 1)) == 2
    entries = transcripts.get(db, mobility_id).entries
    assert all(entry.component_uuid for entry in entries)
    assert transcripts.convert(db, mobility_id, "A").grade == "A-"  # the middle of the top 30 % at home
    assert transcripts.convert(db, mobility_id, "F").grade == "F"
    assert transcripts.proposed_recognitions(db, mobility_id)[0].grade == "A-"
    source.write_text("code,title,credits\nX,Thesis,many\n", "utf-8")
    with pytest.raises(UserError, match="line 2"):
        transcript_files.import_csv(db, mobility_id, source)
    assert len(transcripts.get(db, mobility_id).entries) == 2


def test_scholarship_remaining_budget_is_budget_less_awards_per_year_in_its_currency(db):
    mobility_id = mobility_with_agreement(db)
    draft = ScholarshipDraft("KazNU–Tsinghua 1+1 grant", "KZT", 250000, "per_month", "Ministry of Science",
                             ["masters_1_1"], ["7"], [BudgetDraft(2026, 3000000), BudgetDraft(2027, 3000000)],
                             [AwardDraft(mobility_id, 2026, 1500000, 500000)])
    programme_id = scholarships.create(db, draft)
    [row] = scholarships.page(db).rows
    assert (row.currency, row.budget, row.committed, row.remaining) == ("KZT", 6000000, 1500000, 4500000)
    lines = {line.year: line for line in scholarships.budget_lines(db)}
    assert lines[2026].remaining == Decimal("1500000.00") and lines[2027].remaining == Decimal("3000000.00")
    draft.awards.append(AwardDraft(mobility_id, 2026, 2000000))
    with pytest.raises(ValidationError):
        scholarships.update(db, programme_id, draft)
    with pytest.raises(UserError):
        mobility.delete(db, mobility_id)  # money committed is not dropped silently
    snapshot = scholarships.delete(db, programme_id)
    assert scholarships.page(db).rows == []
    scholarships.restore(db, snapshot)
    assert scholarships.page(db).rows[0].committed == 1500000


def test_scholarship_pages_follow_each_other_and_search_in_sql(db):
    names = ["Abai grant", "Bolashak plus", "Chinese Government Scholarship", "DAAD bridge", "Erasmus+ top-up",
             "Fulbright link", "Go East"]
    created = {scholarships.create(db, ScholarshipDraft(name, "EUR" if index % 2 else "KZT", 100))
               for index, name in enumerate(names)}
    seen, after = [], None
    while True:
        page = scholarships.page(db, scholarships.ScholarshipQuery(), after, 3)
        seen += [row.name for row in page.rows]
        if page.is_last:
            break
        after = page.after
    assert seen == names and len(created) == 7
    assert [r.name for r in scholarships.page(db, scholarships.ScholarshipQuery(search="grant")).rows] == ["Abai grant"]
    assert [r.name for r in scholarships.page(db, scholarships.ScholarshipQuery(currency="eur")).rows] == [
        "Bolashak plus", "DAAD bridge", "Fulbright link"]
    assert [c.label for c in scholarships.choices(db, "fulbright")] == ["Fulbright link"]
