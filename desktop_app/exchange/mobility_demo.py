"""Demonstration data of a mobility's life: students of the KazNU–Tsinghua "1+1" Data Science master's at
every step from nomination to recognised credits, a learning agreement changed once, a transcript with
grades converted between the two grading tables, and a scholarship programme with half its budget
committed. Names are invented; grading tables are illustrative, not the universities' published ones.

One student is about to leave with a learning agreement the receiving side has not signed yet (twelve
days after ``today``), so the dashboard shows what it warns about.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from desktop_app.domain.learning_agreements import ComponentDraft, LearningAgreementDraft, VersionDraft
from desktop_app.domain.mobility import MobilityDraft, MobilityFormat, PersonKind
from desktop_app.domain.scholarships import AwardDraft, BudgetDraft, ScholarshipDraft, suggested_commitment
from desktop_app.domain.transcripts import GradeDraft, GradeTableDraft, TranscriptDraft, TranscriptEntryDraft
from desktop_app.exchange.curricula_demo import KAZNU_ROR, TSINGHUA_ROR
from desktop_app.services import learning_agreements, mobility, mobility_lifecycle, scholarships, transcripts
from desktop_app.storage.database import Database
from desktop_app.storage.models import Programme, University

D = dt.date
UTC = dt.UTC

KAZNU_GRADES = [GradeDraft("A", "A", 12), GradeDraft("A-", "A", 14), GradeDraft("B+", "B", 16),
                GradeDraft("B", "B", 15), GradeDraft("B-", "C", 13), GradeDraft("C+", "C", 10),
                GradeDraft("C", "D", 8), GradeDraft("C-", "D", 6), GradeDraft("D", "E", 6),
                GradeDraft("F", "F", None, passing=False)]
TSINGHUA_GRADES = [GradeDraft("A+", "A", 8), GradeDraft("A", "A", 17), GradeDraft("A-", "B", 20),
                   GradeDraft("B+", "B", 18), GradeDraft("B", "C", 14), GradeDraft("B-", "C", 9),
                   GradeDraft("C+", "D", 6), GradeDraft("C", "D", 4), GradeDraft("D", "E", 4),
                   GradeDraft("F", "F", None, passing=False)]

#: A cohort that studied at Tsinghua in 2025/2026, before the programme's study plan begins.
EARLIER_STUDIED = [("THU 80240", "Machine learning", 6.0), ("THU 80251", "Data mining", 5.0),
                   ("THU 80262", "Distributed systems", 5.0)]
EARLIER_RECOGNISED = [("DS 5201", "Machine learning", 6.0), ("DS 5203", "Big data systems", 10.0)]


def _signatures(version: VersionDraft, on: dt.date, receiving: bool = True) -> VersionDraft:
    version.student_signed_at = dt.datetime(on.year, on.month, on.day, 9, 30, tzinfo=UTC)
    version.sending_signer_name, version.sending_signer_position = "Gulnara Abenova", "Mobility coordinator"
    version.sending_signer_email = "g.abenova@kaznu.example"
    version.sending_signed_at = dt.datetime(on.year, on.month, on.day, 11, 0, tzinfo=UTC)
    if receiving:
        version.receiving_signer_name, version.receiving_signer_position = "Chen Jing", "International office"
        version.receiving_signer_email = "chen.jing@tsinghua.example"
        version.receiving_signed_at = dt.datetime(on.year, on.month, on.day, 3, 15, tzinfo=UTC) + dt.timedelta(days=2)
    return version


def _agreement(versions: list[VersionDraft], year: str) -> LearningAgreementDraft:
    return LearningAgreementDraft(
        versions=versions, receiving_academic_year=year, isced_code="0613", language="en", cefr_level="B2",
        sending_unit="Faculty of Information Technology", sending_contact_name="Gulnara Abenova",
        sending_contact_email="g.abenova@kaznu.example", receiving_unit="Department of Computer Science",
        receiving_contact_name="Chen Jing", receiving_contact_email="chen.jing@tsinghua.example")


def _earlier_components() -> list[ComponentDraft]:
    return ([ComponentDraft("studied", title, credits, code=code, term_number=1, total_terms=2)
             for code, title, credits in EARLIER_STUDIED]
            + [ComponentDraft("recognized", title, credits, code=code, term_number=1, total_terms=2)
               for code, title, credits in EARLIER_RECOGNISED])


def load_demo_mobility_lifecycle(db: Database, today: dt.date) -> dict[str, int]:
    with db.reading() as session:
        ids = dict(session.execute(select(University.ror_id, University.id)
                                   .where(University.ror_id.in_([KAZNU_ROR, TSINGHUA_ROR]))).all())
        programme = session.execute(select(Programme.uuid).where(Programme.code == "KAZNU-THU-DS")).scalar()
    if len(ids) < 2:
        return {}
    kaznu, tsinghua = ids[KAZNU_ROR], ids[TSINGHUA_ROR]
    transcripts.save_grade_table(db, kaznu, GradeTableDraft(KAZNU_GRADES))
    transcripts.save_grade_table(db, tsinghua, GradeTableDraft(TSINGHUA_GRADES))

    def student(name: str, start: dt.date, end: dt.date, nominated: dt.date) -> int:
        return mobility.create(db, MobilityDraft(
            PersonKind.STUDENT, MobilityFormat.MASTERS_1_1, kaznu, tsinghua, start, end, person_name=name,
            person_email=name.split()[0].lower() + "@student.kaznu.example", programme_uuid=programme,
            study_level="7", funding="KazNU–Tsinghua 1+1 mobility grant"), nominated_on=nominated)

    # The 2027/2028 cohort, its year at Tsinghua taken from the study plan.
    cohort = (D(2027, 9, 13), D(2028, 6, 25))
    student("Aliya Nurpeisova", *cohort, D(2026, 11, 20))
    rejected = student("Madina Seitkali", *cohort, D(2026, 11, 20))
    mobility_lifecycle.move(db, rejected, "rejected", D(2026, 11, 30), "Language requirement not met")
    signed = student("Yerlan Abdrakhmanov", *cohort, D(2026, 10, 15))
    mobility_lifecycle.move(db, signed, "accepted", D(2026, 11, 2))
    plan = learning_agreements.from_study_plan(db, signed) or _earlier_components()
    learning_agreements.save(db, signed, _agreement([_signatures(VersionDraft(1, plan), D(2026, 11, 24))],
                                                    "2027/2028"))
    mobility_lifecycle.move(db, signed, "la_signed", D(2026, 11, 26))

    # About to leave: accepted, the learning agreement waiting for the receiving side's signature.
    soon = student("Timur Zhaksylykov", today + dt.timedelta(days=12), today + dt.timedelta(days=150),
                   today - dt.timedelta(days=60))
    mobility_lifecycle.move(db, soon, "accepted", today - dt.timedelta(days=40))
    learning_agreements.save(db, soon, _agreement(
        [_signatures(VersionDraft(1, _earlier_components()), today - dt.timedelta(days=5), receiving=False)],
        _year(today + dt.timedelta(days=12))))

    # The 2025/2026 cohort: one still abroad with a changed agreement, one back with credits recognised.
    abroad = student("Dana Kassymova", D(2026, 2, 23), D(2026, 12, 20), D(2025, 10, 1))
    first = _signatures(VersionDraft(1, _earlier_components()), D(2026, 1, 12))
    changed = [c for c in first.components if c.code != "THU 80262"] + [
        ComponentDraft("studied", "Cloud computing", 5.0, code="THU 80270", term_number=1, total_terms=2)]
    second = _signatures(VersionDraft(2, changed, reason="Timetable conflict with Distributed systems"),
                         D(2026, 3, 9))
    learning_agreements.save(db, abroad, _agreement([first, second], "2025/2026"))
    _walk(db, abroad, D(2025, 10, 20), D(2026, 1, 15), D(2026, 2, 23), None)

    back = student("Askar Mukanov", D(2025, 9, 15), D(2026, 6, 28), D(2025, 3, 3))
    learning_agreements.save(db, back, _agreement([_signatures(VersionDraft(1, _earlier_components()),
                                                               D(2025, 6, 10))], "2025/2026"))
    _walk(db, back, D(2025, 4, 1), D(2025, 6, 13), D(2025, 9, 15), D(2026, 6, 28))
    by_title = {title: uuid for uuid, (title, _credits) in transcripts.agreed_components(db, back, "studied").items()}
    transcript = TranscriptDraft(D(2026, 7, 20), [
        TranscriptEntryDraft(title, credits, grade, code, component_uuid=by_title.get(title))
        for (code, title, credits), grade in zip(EARLIER_STUDIED, ("A", "A-", "B+"), strict=True)])
    transcripts.save(db, back, transcript)
    transcript.recognitions = transcripts.proposed_recognitions(db, back, D(2026, 8, 5))
    transcript.recognitions[1].credits_recognised = 8.0
    transcript.recognitions[1].reason = "Distributed systems was not taken; the rest is recognised"
    transcripts.save(db, back, transcript)

    cancelled = student("Zarina Ospanova", D(2026, 2, 23), D(2026, 6, 28), D(2025, 10, 1))
    mobility_lifecycle.move(db, cancelled, "cancelled", D(2025, 12, 5), "Withdrew for family reasons")

    grant = ScholarshipDraft(
        "KazNU–Tsinghua 1+1 mobility grant", "KZT", 300000, "per_month",
        "Ministry of Science and Higher Education of Kazakhstan", [MobilityFormat.MASTERS_1_1], ["7"],
        [BudgetDraft(2026, 6000000), BudgetDraft(2027, 6000000)],
        [AwardDraft(abroad, 2026, suggested_commitment(300000, "per_month", D(2026, 2, 23), D(2026, 7, 22)),
                    900000, D(2026, 1, 20)),
         AwardDraft(signed, 2026, 1500000, 0, D(2026, 11, 27))])
    scholarships.create(db, grant)  # half of 2026's budget committed
    grant_yuan = ScholarshipDraft("Tsinghua incoming scholarship", "CNY", 20000, "lump_sum", "Tsinghua University",
                                  [MobilityFormat.MASTERS_1_1], ["7"], [BudgetDraft(2026, 200000)],
                                  [AwardDraft(abroad, 2026, 20000, 20000, D(2026, 2, 1))])
    scholarships.create(db, grant_yuan)
    return {"learning_agreements": 4, "scholarship_programmes": 2}


def _walk(db: Database, mobility_id: int, accepted: dt.date, signed: dt.date, started: dt.date,
          completed: dt.date | None) -> None:
    """Move a mobility through its steps (the agreement must be signed before ``signed``)."""
    mobility_lifecycle.move(db, mobility_id, "accepted", accepted)
    if not learning_agreements.ever_signed(db, mobility_id):
        # The agreement is saved after: the step is dated, its signature checked when saved below.
        learning_agreements.save(db, mobility_id, _agreement([_signatures(VersionDraft(1, _earlier_components()),
                                                                          signed)], "2025/2026"))
    mobility_lifecycle.move(db, mobility_id, "la_signed", signed)
    mobility_lifecycle.move(db, mobility_id, "started", started)
    if completed is not None:
        mobility_lifecycle.move(db, mobility_id, "completed", completed)


def _year(start: dt.date) -> str:
    first = start.year if start.month >= 8 else start.year - 1
    return f"{first}/{first + 1}"
