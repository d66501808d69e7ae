"""Universities for the agreement, mobility and EWP tests: two Kazakh, one ranked and one unranked
foreign partner."""

from __future__ import annotations

import datetime as dt

from desktop_app.domain.agreements import AgreementDraft, ConditionDraft, PartyDraft, PartyRole
from desktop_app.domain.universities import NameDraft, NameKind, UniversityDraft
from desktop_app.services import universities
from desktop_app.storage.models import UniversityRanking


def add_university(db, country: str, name: str, website: str = "", rank: str | None = None) -> int:
    university_id = universities.create(db, UniversityDraft(country, [NameDraft(name, "en", NameKind.DISPLAY)],
                                                          website=website))
    if rank is not None:
        with db.transaction() as session:
            session.add(UniversityRanking(university_id=university_id, system="qs", year=2025, rank_text=rank))
    return university_id


def network(db) -> dict[str, int]:
    return {
        "kaznu": add_university(db, "KZ", "Al-Farabi Kazakh National University", "https://www.kaznu.kz"),
        "enu": add_university(db, "KZ", "L. N. Gumilyov Eurasian National University", "https://enu.kz"),
        "ranked": add_university(db, "CN", "Tsinghua University", "https://www.tsinghua.edu.cn", rank="=17"),
        "unranked": add_university(db, "TR", "Example Technical University", "https://etu.example.edu.tr",
                                   rank="801-1000"),
    }


def bilateral_draft(ids: dict[str, int]) -> AgreementDraft:
    return AgreementDraft(
        title="KazNU–Tsinghua exchange", kind="bilateral", status="active", reference="KAZNU-THU-1",
        signing_date=dt.date(2025, 5, 20), valid_from=dt.date(2025, 9, 1), valid_to=dt.date(2030, 8, 31),
        parties=[PartyDraft(ids["kaznu"], PartyRole.NATIONAL, "Zhanseitov, Rector", dt.date(2025, 5, 20)),
                 PartyDraft(ids["ranked"], PartyRole.FOREIGN, "Li, Vice-President", dt.date(2025, 5, 18),
                            "THU-2025-07")],
        conditions=[ConditionDraft("student_studies", 0, 1, 2025, 2029, 3, "0613", "6 7", 5, None, "en", "B2"),
                    ConditionDraft("student_traineeship", 1, 0, 2025, 2029, 1, "0714", "", 3, None, "zh", ""),
                    ConditionDraft("staff_teacher", 1, 0, 2026, 2028, 2, "0613", "", None, 10, "en", "C1"),
                    ConditionDraft("staff_training", 0, 1, 2026, 2027, 1, "", "", None, 5, "ru", "")])
