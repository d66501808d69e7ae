"""A student's "1+1" mobility from KazNU to Tsinghua with a learning agreement signed and changed once,
shared by the life-cycle, EWP and command-line tests."""

import datetime as dt

from desktop_app.domain.learning_agreements import ComponentDraft, LearningAgreementDraft, VersionDraft
from desktop_app.domain.mobility import MobilityDraft
from desktop_app.services import learning_agreements, mobility
from tests.agreements_helpers import add_university

UTC = dt.UTC


def two_universities(db) -> tuple[int, int]:
    return (add_university(db, "KZ", "Al-Farabi Kazakh National University", "https://www.kaznu.kz"),
            add_university(db, "CN", "Tsinghua University", "https://www.tsinghua.edu.cn"))


def student_mobility(db, sending: int, receiving: int, start=dt.date(2026, 9, 1), days=140, **values) -> int:
    values.setdefault("study_level", "7")
    values.setdefault("person_name", "Aigerim Bekova")
    values.setdefault("person_email", "aigerim@example.kz")
    return mobility.create(db, MobilityDraft("student", values.pop("format", "masters_1_1"), sending, receiving,
                                             start, start + dt.timedelta(days=days - 1), **values),
                           nominated_on=values.pop("nominated_on", None) or dt.date(2026, 3, 1))


def signed(version: VersionDraft, day: int) -> VersionDraft:
    version.student_signed_at = dt.datetime(2026, 6, day, 9, 0, tzinfo=UTC)
    version.sending_signer_name, version.sending_signer_email = "Dana Sultanova", "dana@kaznu.kz"
    version.sending_signed_at = dt.datetime(2026, 6, day, 11, 0, tzinfo=UTC)
    version.receiving_signer_name, version.receiving_signer_email = "Li Wei", "liwei@tsinghua.edu.cn"
    version.receiving_signed_at = dt.datetime(2026, 6, day + 1, 8, 30, tzinfo=UTC)
    return version


def agreement_with_a_change() -> LearningAgreementDraft:
    first = signed(VersionDraft(1, [
        ComponentDraft("studied", "Machine Learning", 6.0, code="CS501", term_number=1, total_terms=2),
        ComponentDraft("studied", "Distributed Systems", 5.0, code="CS502", term_number=1, total_terms=2),
        ComponentDraft("recognized", "Artificial Intelligence", 6.0, code="AI-7", term_number=1, total_terms=2,
                       recognition_conditions="Passed with at least E"),
        ComponentDraft("recognized", "Parallel Computing", 5.0, code="PC-7", term_number=1, total_terms=2),
        ComponentDraft("virtual", "Research Seminar", 2.0, short_description="Online seminar with Tsinghua"),
    ]), 10)
    second = signed(VersionDraft(2, [c for c in first.components if c.code != "CS502"]
                                 + [ComponentDraft("studied", "Cloud Computing", 5.0, code="CS510", term_number=1,
                                                   total_terms=2)],
                                 reason="Timetable conflict"), 20)
    return LearningAgreementDraft(versions=[first, second], receiving_academic_year="2026/2027", isced_code="0613",
                                  language="en", cefr_level="B2", sending_unit="Faculty of Information Technology",
                                  sending_contact_name="Dana Sultanova", sending_contact_email="dana@kaznu.kz",
                                  receiving_unit="Department of Computer Science", receiving_contact_name="Li Wei",
                                  receiving_contact_email="liwei@tsinghua.edu.cn")


def mobility_with_agreement(db) -> int:
    sending, receiving = two_universities(db)
    mobility_id = student_mobility(db, sending, receiving)
    learning_agreements.save(db, mobility_id, agreement_with_a_change())
    return mobility_id
