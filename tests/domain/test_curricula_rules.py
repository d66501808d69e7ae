"""Each plan rule alone, then all of them through validate_programme."""

import datetime as dt

from desktop_app.domain.calendars import Period, PeriodKind
from desktop_app.domain.curricula import (
    CourseDraft,
    PartnerDraft,
    PartnerRole,
    ProgrammeDraft,
    ProgrammeType,
    SemesterDraft,
    check_national_disciplines,
    check_partners,
    check_programme_credits,
    check_semester_credits,
    check_semester_in_teaching_period,
    to_national_credits,
    validate_programme,
)

KZ, CN = 1, 2


def course(code, en="", credits=5.0, **titles):
    return CourseDraft(code, {"en": en, **titles} if en else dict(titles), credits)


def master(national=True) -> ProgrammeDraft:
    first = [course("DS1", "Machine learning", 20)]
    if national:
        first += [course("KAZ 5101", "Kazakh language", 5), course("HK 5102", "History of Kazakhstan", 5)]
    else:
        first += [course("DS2", "Statistics", 10)]
    return ProgrammeDraft(
        title="Data Science",
        programme_type=ProgrammeType.DOUBLE_DEGREE,
        isced_level="7",
        partners=[
            PartnerDraft(KZ, PartnerRole.COORDINATING, "KZ", "KazNU"),
            PartnerDraft(CN, PartnerRole.PARTNER, "CN", "THU"),
        ],
        semesters=[
            SemesterDraft(1, "2026/2027", KZ, courses=first),
            SemesterDraft(2, "2026/2027", KZ, courses=[course("DS3", "Big data", 30)]),
            SemesterDraft(3, "2027/2028", CN, courses=[course("80240653", "Advanced ML", 30)]),
            SemesterDraft(4, "2027/2028", CN, courses=[course("THESIS", "Thesis", 30)]),
        ],
    )


def test_semester_credits():
    programme = master()
    assert check_semester_credits(programme) == []
    programme.semesters[1].courses[0].credits = 20
    [message] = check_semester_credits(programme)
    assert message.semester == 2 and "Semester 2 has 20 ECTS" in message.text
    programme.programme_type = ProgrammeType.SUMMER_SCHOOL  # short forms have no semester norm
    assert check_semester_credits(programme) == []


def test_programme_credits_within_level_norms():
    programme = master()
    assert check_programme_credits(programme) == []  # 120 ECTS master's
    programme.semesters.append(SemesterDraft(5, courses=[course("X", "Extra", 30)]))
    [message] = check_programme_credits(programme)
    assert "150 ECTS" in message.text and "60–120" in message.text
    programme.isced_level = "6"
    assert "180–240" in check_programme_credits(programme)[0].text
    short = ProgrammeDraft(
        title="School",
        programme_type=ProgrammeType.SUMMER_SCHOOL,
        semesters=[SemesterDraft(1, courses=[course("S", "Summer", 6)])],
    )
    assert check_programme_credits(short) == []
    short.semesters[0].courses[0].credits = 45
    assert check_programme_credits(short)


def test_semester_inside_teaching_period():
    semester = SemesterDraft(1, "2026/2027", KZ, dt.date(2026, 9, 1), dt.date(2026, 12, 19))
    teaching = [Period(PeriodKind.TEACHING, dt.date(2026, 9, 1), dt.date(2026, 12, 19))]
    assert check_semester_in_teaching_period(semester, "KazNU", teaching) == []
    semester.end = dt.date(2027, 1, 10)
    [message] = check_semester_in_teaching_period(semester, "KazNU", teaching)
    assert message.severity == "error" and "not inside a teaching term of KazNU" in message.text
    [warning] = check_semester_in_teaching_period(semester, "KazNU", [])
    assert warning.severity == "warning" and "no teaching term" in warning.text
    semester.university_id = None
    assert "no delivering partner" in check_semester_in_teaching_period(semester, "", teaching)[0].text


def test_national_disciplines_by_code_or_title_in_three_languages():
    assert check_national_disciplines(master(national=True)) == []
    messages = check_national_disciplines(master(national=False))
    assert [m.rule for m in messages] == ["check_national_disciplines"] * 2
    assert "Kazakh language" in messages[0].text and "History of Kazakhstan" in messages[1].text
    by_title = master(national=False)
    by_title.semesters[0].courses += [
        course("A1", ru="Казахский язык (профессиональный)"),
        course("A2", kk="Қазақстан тарихы"),
    ]
    assert check_national_disciplines(by_title) == []
    by_code = master(national=False)
    by_code.semesters[0].courses += [course("KYa 1101"), course("SIK-1102")]
    assert check_national_disciplines(by_code) == []
    without_kz = master(national=False)
    without_kz.partners[0].country_code = "RU"
    assert check_national_disciplines(without_kz) == []


def test_partners_rule_and_conversion():
    programme = master()
    assert check_partners(programme) == []
    programme.partners.pop()
    assert "at least two" in check_partners(programme)[0].text
    assert to_national_credits(120, 0.5) == 60


def test_validate_programme_runs_every_rule():
    calendars = {
        (KZ, "2026/2027"): [Period(PeriodKind.TEACHING, dt.date(2026, 9, 1), dt.date(2027, 5, 30))],
        (CN, "2027/2028"): [Period(PeriodKind.TEACHING, dt.date(2027, 9, 13), dt.date(2028, 6, 11))],
    }
    assert validate_programme(master(), calendars) == []
    rules = {m.rule for m in validate_programme(master(national=False), {})}
    assert rules == {"check_semester_in_teaching_period", "check_national_disciplines"}
