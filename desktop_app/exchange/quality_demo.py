"""Demonstration data of the quality area, over the demonstration's double-degree programme (Data Science,
Al-Farabi Kazakh National University and Tsinghua University): an evaluation cycle with an independent
audit, its findings and recommendations (one past its deadline); an EUR-ACE accreditation that expires
soon and a national one pending; indicators of two academic years against their targets; a student and
an employer survey with results; and staff-development programmes (artificial intelligence, big data,
virtual reality) with staff of several partner universities.

Illustrative records only: the people are invented, and the decisions, figures and answers are examples.
Dates are counted from ``today`` so the warnings show as they would in use; the answers come from a
seeded generator, so every load gives the same results.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import select

from desktop_app.domain.quality import (
    AccreditationDecision,
    AccreditationDraft,
    AccreditationLabel,
    EvaluationDraft,
    EvaluationStatus,
    FindingDraft,
    FindingKind,
    FollowUp,
    IndicatorValue,
    IndicatorYearDraft,
    RecommendationDraft,
    Reviewer,
)
from desktop_app.domain.staff_development import DeliveryFormat, ParticipantDraft, StaffDevelopmentDraft, Topic
from desktop_app.domain.surveys import Audience, QuestionDraft, QuestionKind, SurveyDraft
from desktop_app.services import (
    curricula,
    evaluations,
    organisations,
    programme_accreditations,
    programme_indicators,
    staff_development,
    surveys,
)
from desktop_app.storage.database import Database
from desktop_app.storage.models import Organisation, Programme, University

PROGRAMME_CODE = "KAZNU-THU-DS"
KAZNU, TSINGHUA, ENU, PEKING, MSU, METU = "03q0vrn42", "03cve4549", "0242cby63", "02v51f717", "010pmpe69", "014weej12"
#: Days before the EUR-ACE label of the demonstration programme runs out: inside the default warning period.
EUR_ACE_DAYS_LEFT = 45


def _question(en: str, ru: str, kk: str, kind: str = QuestionKind.SCALE) -> QuestionDraft:
    return QuestionDraft({"en": en, "ru": ru, "kk": kk}, kind)


STUDENT_QUESTIONS = [
    _question("The programme's courses are relevant to my professional goals.",
              "Дисциплины программы соответствуют моим профессиональным целям.",
              "Бағдарлама пәндері менің кәсіби мақсаттарыма сәйкес келеді."),
    _question("Teaching at the partner university was of high quality.",
              "Преподавание в университете-партнёре было высокого качества.",
              "Серіктес университеттегі оқыту сапасы жоғары болды."),
    _question("The mobility semester was well organised.",
              "Семестр академической мобильности был хорошо организован.",
              "Академиялық ұтқырлық семестрі жақсы ұйымдастырылды."),
    _question("Credits earned abroad were recognised without difficulty.",
              "Кредиты, полученные за рубежом, были признаны без затруднений.",
              "Шетелде алынған кредиттер қиындықсыз танылды."),
    _question("I would recommend the programme to other students.",
              "Я рекомендовал бы программу другим студентам.",
              "Бағдарламаны басқа студенттерге ұсынар едім."),
    _question("What should the partners improve?", "Что партнёрам следует улучшить?",
              "Серіктестер нені жақсартуы керек?", QuestionKind.TEXT),
]
EMPLOYER_QUESTIONS = [
    _question("Graduates have the data-analysis skills our work requires.",
              "Выпускники владеют навыками анализа данных, нужными в нашей работе.",
              "Түлектер біздің жұмысымызға қажетті деректерді талдау дағдыларын меңгерген."),
    _question("Graduates work well in international teams.",
              "Выпускники успешно работают в международных командах.",
              "Түлектер халықаралық командаларда жақсы жұмыс істейді."),
    _question("We would hire graduates of the programme again.",
              "Мы снова приняли бы на работу выпускников программы.",
              "Бағдарлама түлектерін қайта жұмысқа алар едік."),
    _question("Which skills should the programme strengthen?", "Какие навыки программе следует усилить?",
              "Бағдарлама қандай дағдыларды күшейтуі керек?", QuestionKind.TEXT),
]
STUDENT_COMMENTS = [
    "More joint projects with the partner's students.", "Earlier information about housing in Beijing.",
    "Больше практических занятий по большим данным.", "Курсы китайского языка до отъезда.",
    "The learning agreement took too long to sign.",
]
EMPLOYER_COMMENTS = ["Cloud platforms and MLOps.", "Коммуникация с заказчиком.", "Data governance and ethics."]


def _answers(questions, responses: int, weights: list[int], comments: list[str], rng: random.Random):
    scores = [1, 2, 3, 4, 5]
    result = []
    for number in range(responses):
        answers: dict[str, tuple[int | None, str]] = {}
        for question in questions:
            if question.kind == QuestionKind.TEXT:
                if number < len(comments):
                    answers[question.uuid] = (None, comments[number])
            elif rng.random() > 0.05:  # now and then a question left unanswered
                answers[question.uuid] = (rng.choices(scores, weights)[0], "")
        result.append(answers)
    return result


def _industry_partner(db: Database, programme_id: int) -> None:
    """An enterprise that takes the programme's students for internships (a made-up firm of the demo)."""
    from desktop_app.domain.organisations import OrganisationDraft
    from desktop_app.domain.universities import NameDraft

    firm = organisations.create(db, OrganisationDraft(
        "enterprise", [NameDraft("KazData Analytics LLP", "en"), NameDraft("ТОО «KazData Analytics»", "ru"),
                       NameDraft("«KazData Analytics» ЖШС", "kk")], "KZ", "KazData", "Almaty",
        notes="Internships for the double-degree students in data science; two employers on the programme "
              "committee."))
    draft = curricula.get(db, programme_id).draft
    draft.industry_partner_ids = [*draft.industry_partner_ids, firm]
    curricula.update(db, programme_id, draft)


def load_demo_quality(db: Database, today: dt.date | None = None) -> dict[str, int]:
    today = today or dt.date.today()
    with db.reading() as session:
        programme_id = session.execute(select(Programme.id).where(Programme.code == PROGRAMME_CODE)).scalar()
        ids: dict[str, int] = {ror: uid for ror, uid in session.execute(
            select(University.ror_id, University.id).where(University.ror_id.is_not(None))) if ror}
    counts = {"staff_development": _staff_development(db, ids, today)}
    if programme_id is None:
        return counts
    year = today.year if today.month >= 9 else today.year - 1
    this_year, last_year = f"{year}/{year + 1}", f"{year - 1}/{year}"

    programme_accreditations.create(db, AccreditationDraft(
        programme_id, AccreditationLabel.EUR_ACE, decision=AccreditationDecision.ACCREDITED,
        decided_on=today - dt.timedelta(days=5 * 365 - EUR_ACE_DAYS_LEFT + 30),
        valid_from=today - dt.timedelta(days=5 * 365 - EUR_ACE_DAYS_LEFT),
        valid_to=today + dt.timedelta(days=EUR_ACE_DAYS_LEFT),
        notes="Awarded through an ENAEE-authorised agency; the renewal visit is being planned."))
    _industry_partner(db, programme_id)
    with db.reading() as session:  # the agency of the governance demo, when it is loaded
        iaar = session.execute(select(Organisation.id).where(Organisation.acronym == "IAAR")).scalar()
    programme_accreditations.create(db, AccreditationDraft(
        programme_id, AccreditationLabel.NATIONAL, "IAAR specialised accreditation", agency_id=iaar,
        decision=AccreditationDecision.PENDING, notes="Self-evaluation report submitted to the agency."))

    evaluations.create(db, EvaluationDraft(
        programme_id, year, "Evaluation cycle of the double-degree programme", EvaluationStatus.FOLLOW_UP,
        self_evaluation_on=today - dt.timedelta(days=200), reviewer=Reviewer.EXPERT_PANEL,
        expert_panel="Three experts: an academic from each partner's country and a student member",
        site_visit_on=today - dt.timedelta(days=140), report_on=today - dt.timedelta(days=110),
        summary="The programme meets the standards; the panel asks for clearer recognition of credits and for "
                "employers on the programme committee.",
        findings=[
            FindingDraft("Joint thesis defence before a committee of both partners.", FindingKind.STRENGTH),
            FindingDraft("Modern laboratories for machine learning at both partners.", FindingKind.STRENGTH),
            FindingDraft("Credits of the mobility semester are recognised late.", FindingKind.WEAKNESS),
            FindingDraft("Employers take no part in revising the study plan.", FindingKind.OBSERVATION),
        ],
        recommendations=[
            RecommendationDraft("Recognise the credits of the mobility semester within a month of the transcript.",
                                "Registrar's offices of both partners", today - dt.timedelta(days=20),
                                FollowUp.IN_PROGRESS, "A joint procedure is drafted."),
            RecommendationDraft("Invite two employers to the programme committee.", "Programme director, KazNU",
                                today + dt.timedelta(days=60), FollowUp.OPEN),
            RecommendationDraft("Publish the study plan in English, Russian and Chinese.", "Programme office",
                                today - dt.timedelta(days=60), FollowUp.DONE, "Published on both websites."),
        ]))

    programme_indicators.create(db, IndicatorYearDraft(programme_id, last_year, [
        IndicatorValue("applicants", 40, 46), IndicatorValue("enrolled", 12, 11), IndicatorValue("graduated", 10, 9),
        IndicatorValue("dropout", 1, 1), IndicatorValue("employment", 85, 89), IndicatorValue("mobility", 100, 100)]))
    programme_indicators.create(db, IndicatorYearDraft(programme_id, this_year, [
        IndicatorValue("applicants", 45, 52), IndicatorValue("enrolled", 12, 9), IndicatorValue("graduated", 10),
        IndicatorValue("dropout", 1, 2), IndicatorValue("employment", 85), IndicatorValue("mobility", 100, 100)]))

    rng = random.Random(2026)
    student = surveys.create(db, SurveyDraft(
        "Student feedback on the double-degree programme", Audience.STUDENTS, programme_id, None, this_year, 24,
        STUDENT_QUESTIONS))
    employer = surveys.create(db, SurveyDraft(
        "Employers' view of the programme's graduates", Audience.EMPLOYERS, programme_id, ids.get(KAZNU),
        last_year, 8, EMPLOYER_QUESTIONS))
    for survey_id, responses, weights, comments in ((student, 17, [1, 2, 4, 9, 7], STUDENT_COMMENTS),
                                                     (employer, 5, [0, 1, 2, 5, 4], EMPLOYER_COMMENTS)):
        questions = surveys.get(db, survey_id).draft.questions
        surveys.replace_responses(db, survey_id, _answers(questions, responses, weights, comments, rng), {}, [],
                                  "")
    counts.update(evaluations=1, programme_accreditations=2, indicator_years=2, surveys=2)
    return counts


def _staff_development(db: Database, ids: dict[str, int], today: dt.date) -> int:
    def person(ror: str, name: str, title: str, completed: bool = True, email: str = "") -> ParticipantDraft:
        return ParticipantDraft(ids[ror], name, email, title, completed)

    if not {KAZNU, TSINGHUA, ENU, PEKING} <= set(ids):
        return 0
    year = today.year
    created = [
        staff_development.create(db, StaffDevelopmentDraft(
            "Artificial intelligence in university teaching", Topic.AI, delivery=DeliveryFormat.BLENDED,
            start_date=dt.date(year - 1, 10, 6), end_date=dt.date(year - 1, 12, 12), hours=72,
            notes="Run for the teachers of the joint school of computer science.",
            participants=[person(KAZNU, "Aigerim Sadykova", "Associate professor", email="a.sadykova@example.kz"),
                          person(KAZNU, "Daniyar Ospanov", "Senior lecturer"),
                          person(KAZNU, "Gulnara Tulegenova", "Professor"),
                          person(TSINGHUA, "Wang Lei", "Associate professor"),
                          person(ENU, "Marat Abenov", "Lecturer", completed=False)])),
        staff_development.create(db, StaffDevelopmentDraft(
            "Big data analytics for researchers", Topic.BIG_DATA, delivery=DeliveryFormat.ONLINE,
            start_date=dt.date(year, 2, 2), end_date=dt.date(year, 4, 24), hours=48,
            participants=[person(KAZNU, "Daniyar Ospanov", "Senior lecturer"),
                          person(PEKING, "Chen Jing", "Lecturer"), person(TSINGHUA, "Liu Yang", "Assistant professor"),
                          person(ENU, "Saule Nurpeisova", "Associate professor")])),
        staff_development.create(db, StaffDevelopmentDraft(
            "Virtual laboratories and VR in engineering education", Topic.VIRTUAL_REALITY,
            delivery=DeliveryFormat.IN_PERSON, start_date=dt.date(year, 6, 15), end_date=dt.date(year, 6, 26),
            hours=40, participants=[person(KAZNU, "Yerlan Zhakupov", "Head of laboratory"),
                                    person(TSINGHUA, "Zhang Min", "Engineer", completed=False)])),
    ]
    if MSU in ids and METU in ids:
        created.append(staff_development.create(db, StaffDevelopmentDraft(
            "Adaptive learning platforms", Topic.ADAPTIVE_LEARNING, delivery=DeliveryFormat.ONLINE,
            start_date=dt.date(year, 9, 8), hours=24,
            participants=[person(MSU, "Irina Volkova", "Associate professor"),
                          person(METU, "Emre Yılmaz", "Assistant professor")])))
    return len(created)
