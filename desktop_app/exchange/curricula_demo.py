"""Demonstration data of the curricula and calendars areas: a double-degree "1+1" master's between
Al-Farabi Kazakh National University and Tsinghua University, with both partners' 2026/2027 calendars.

The calendars are illustrative (shaped like each university's usual year: KazNU's autumn term from
1 September with a winter session in late December; Tsinghua's autumn term from mid-September to early
January), not published dates. They overlap so that the joint calendar shows real conflicts.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from desktop_app.domain.calendars import CalendarDraft, Period, PeriodKind
from desktop_app.domain.curricula import (
    CourseDraft,
    Diplomas,
    IntakeDraft,
    PartnerDraft,
    PartnerRole,
    ProgrammeDraft,
    ProgrammeStatus,
    ProgrammeType,
    SemesterDraft,
)
from desktop_app.services import calendars, curricula
from desktop_app.storage.database import Database
from desktop_app.storage.models import University

KAZNU_ROR, TSINGHUA_ROR = "03q0vrn42", "03cve4549"
YEAR = "2026/2027"
D = dt.date

KAZNU_2026 = [
    Period(PeriodKind.ORIENTATION, D(2026, 8, 26), D(2026, 8, 31), "Orientation week"),
    Period(PeriodKind.TEACHING, D(2026, 9, 1), D(2026, 12, 19), "Autumn semester"),
    Period(PeriodKind.HOLIDAY, D(2026, 12, 16), D(2026, 12, 17), "Independence Day"),
    Period(PeriodKind.EXAMS, D(2026, 12, 21), D(2027, 1, 16), "Winter examination session"),
    Period(PeriodKind.BREAK, D(2027, 1, 18), D(2027, 2, 6), "Winter holidays"),
    Period(PeriodKind.TEACHING, D(2027, 2, 8), D(2027, 5, 22), "Spring semester"),
    Period(PeriodKind.HOLIDAY, D(2027, 3, 21), D(2027, 3, 23), "Nauryz"),
    Period(PeriodKind.EXAMS, D(2027, 5, 24), D(2027, 6, 12), "Summer examination session"),
    Period(PeriodKind.THESIS_DEFENCE, D(2027, 6, 14), D(2027, 6, 25), "Master's thesis defences"),
    Period(PeriodKind.BREAK, D(2027, 6, 28), D(2027, 7, 31), "Summer holidays"),
]
TSINGHUA_2026 = [
    Period(PeriodKind.REGISTRATION, D(2026, 9, 5), D(2026, 9, 6), "Registration of new students"),
    Period(PeriodKind.TEACHING, D(2026, 9, 14), D(2027, 1, 3), "Autumn semester"),
    Period(PeriodKind.HOLIDAY, D(2026, 10, 1), D(2026, 10, 7), "National Day holiday"),
    Period(PeriodKind.EXAMS, D(2027, 1, 4), D(2027, 1, 17), "Autumn examinations"),
    Period(PeriodKind.BREAK, D(2027, 1, 18), D(2027, 2, 21), "Winter vacation (Spring Festival)"),
    Period(PeriodKind.TEACHING, D(2027, 2, 22), D(2027, 6, 13), "Spring semester"),
    Period(PeriodKind.EXAMS, D(2027, 6, 14), D(2027, 6, 27), "Spring examinations"),
    Period(PeriodKind.TEACHING, D(2027, 6, 28), D(2027, 7, 25), "Summer term"),
    Period(PeriodKind.BREAK, D(2027, 7, 26), D(2027, 7, 31), "Summer vacation"),
]


def _course(
    code: str,
    en: str,
    ru: str,
    kk: str | None,
    zh: str | None,
    credits: float,
    lang: str,
    mandatory: bool = True,
) -> CourseDraft:
    titles = {"en": en, "ru": ru}
    if kk:
        titles["kk"] = kk
    if zh:
        titles["zh"] = zh
    return CourseDraft(code, titles, credits, mandatory, lang)


def load_demo_curricula(db: Database, today: dt.date | None = None) -> dict[str, int]:
    """A double-degree programme with both partners' calendars for the fixed academic year YEAR and the next;
    ``today`` changes nothing."""
    with db.reading() as session:
        ids = dict(
            session.execute(
                select(University.ror_id, University.id).where(
                    University.ror_id.in_([KAZNU_ROR, TSINGHUA_ROR])
                )
            ).all()
        )
    if len(ids) < 2:
        return {"programmes": 0}
    kaznu, tsinghua = ids[KAZNU_ROR], ids[TSINGHUA_ROR]
    for university, periods in ((kaznu, KAZNU_2026), (tsinghua, TSINGHUA_2026)):
        this_year = calendars.create(db, CalendarDraft(university, YEAR, periods))
        calendars.create(db, calendars.next_year_draft(db, this_year))
    next_teaching = [
        p for p in calendars.periods_of(db, tsinghua, "2027/2028") if p.kind == PeriodKind.TEACHING
    ]
    autumn, spring = next_teaching[0], next_teaching[1]
    draft = ProgrammeDraft(
        title="Data Science (double degree)",
        code="KAZNU-THU-DS",
        titles={
            "en": "Data Science (double degree)",
            "ru": "Наука о данных (двойной диплом)",
            "kk": "Деректер ғылымы (қос диплом)",
            "zh": "数据科学（双学位）",
        },
        programme_type=ProgrammeType.DOUBLE_DEGREE,
        isced_level="7",
        isced_field="0613",
        area_key="it_engineering",
        status=ProgrammeStatus.APPROVAL,
        diplomas=Diplomas.TWO_DIPLOMAS,
        joint_defence=True,
        languages=["en", "ru", "zh"],
        partners=[PartnerDraft(kaznu, PartnerRole.COORDINATING), PartnerDraft(tsinghua, PartnerRole.PARTNER)],
        semesters=[
            SemesterDraft(
                1,
                YEAR,
                kaznu,
                D(2026, 9, 1),
                D(2026, 12, 19),
                [
                    _course(
                        "KAZ 5101",
                        "Kazakh language (professional)",
                        "Казахский язык (профессиональный)",
                        "Қазақ тілі (кәсіби)",
                        None,
                        5,
                        "kk",
                    ),
                    _course(
                        "HK 5102",
                        "History of Kazakhstan",
                        "История Казахстана",
                        "Қазақстан тарихы",
                        None,
                        5,
                        "ru",
                    ),
                    _course(
                        "DS 5201",
                        "Machine learning",
                        "Машинное обучение",
                        "Машиналық оқыту",
                        "机器学习",
                        10,
                        "en",
                    ),
                    _course(
                        "DS 5202",
                        "Statistical inference",
                        "Статистический вывод",
                        "Статистикалық қорытынды",
                        None,
                        10,
                        "en",
                    ),
                ],
            ),
            SemesterDraft(
                2,
                YEAR,
                kaznu,
                D(2027, 2, 8),
                D(2027, 5, 22),
                [
                    _course(
                        "DS 5203",
                        "Big data systems",
                        "Системы больших данных",
                        "Үлкен деректер жүйелері",
                        None,
                        10,
                        "en",
                    ),
                    _course(
                        "DS 5205", "Deep learning", "Глубокое обучение", "Терең оқыту", "深度学习", 10, "en"
                    ),
                    _course(
                        "DS 5204", "Research seminar", "Научный семинар", "Ғылыми семинар", None, 5, "ru"
                    ),
                    _course(
                        "HPS 5206",
                        "History and philosophy of science",
                        "История и философия науки",
                        "Ғылым тарихы мен философиясы",
                        None,
                        5,
                        "ru",
                        mandatory=False,
                    ),
                ],
            ),
            SemesterDraft(
                3,
                "2027/2028",
                tsinghua,
                autumn.start,
                autumn.end,
                [
                    _course(
                        "80240653",
                        "Advanced machine learning",
                        "Продвинутое машинное обучение",
                        None,
                        "高等机器学习",
                        10,
                        "en",
                    ),
                    _course(
                        "70240183",
                        "Data mining",
                        "Интеллектуальный анализ данных",
                        None,
                        "数据挖掘",
                        10,
                        "en",
                    ),
                    _course(
                        "80240372",
                        "Distributed systems",
                        "Распределённые системы",
                        None,
                        "分布式系统",
                        5,
                        "en",
                    ),
                    _course(
                        "60240013",
                        "Chinese language and culture",
                        "Китайский язык и культура",
                        None,
                        "中国语言与文化",
                        5,
                        "zh",
                    ),
                ],
            ),
            SemesterDraft(
                4,
                "2027/2028",
                tsinghua,
                spring.start,
                spring.end,
                [
                    _course(
                        "69990011",
                        "Master's thesis and joint defence",
                        "Магистерская диссертация и совместная защита",
                        None,
                        "硕士学位论文与联合答辩",
                        30,
                        "en",
                    ),
                ],
            ),
        ],
        equivalences=[("DS 5205", "80240653")],
        intakes=[IntakeDraft(YEAR, 12, 9)],
    )
    curricula.create(db, draft)
    return {"programmes": 1, "calendars": 4}
