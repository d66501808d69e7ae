"""Programmes saved whole, read back, replaced, validated against stored calendars; credit conversions."""

import datetime as dt

import pytest

from desktop_app.domain.calendars import Period, PeriodKind
from desktop_app.domain.curricula import (
    CourseDraft,
    IntakeDraft,
    PartnerDraft,
    PartnerRole,
    ProgrammeDraft,
    SemesterDraft,
)
from desktop_app.domain.errors import NotFoundError, ValidationError
from desktop_app.domain.universities import NameDraft, NameKind, UniversityDraft
from desktop_app.services import calendars, curricula, universities


def make_partners(db) -> tuple[int, int]:
    kz = universities.create(
        db, UniversityDraft("KZ", [NameDraft("Al-Farabi Kazakh National University", "en", NameKind.DISPLAY)])
    )
    cn = universities.create(
        db, UniversityDraft("CN", [NameDraft("Tsinghua University", "en", NameKind.DISPLAY)])
    )
    return kz, cn


def draft(kz, cn) -> ProgrammeDraft:
    return ProgrammeDraft(
        title="Data Science",
        code="DS",
        titles={"en": "Data Science", "ru": "Наука о данных"},
        isced_level="7",
        isced_field="0613",
        area_key="it_engineering",
        languages=["en", "ru"],
        partners=[PartnerDraft(kz, PartnerRole.COORDINATING), PartnerDraft(cn, PartnerRole.PARTNER)],
        semesters=[
            SemesterDraft(
                1,
                "2026/2027",
                kz,
                dt.date(2026, 9, 1),
                dt.date(2026, 12, 19),
                [
                    CourseDraft("KAZ 5101", {"en": "Kazakh language", "kk": "Қазақ тілі"}, 5, True, "kk"),
                    CourseDraft("HK 5102", {"en": "History of Kazakhstan"}, 5),
                    CourseDraft("DS 5205", {"en": "Deep learning"}, 20),
                ],
            ),
            SemesterDraft(2, "2027/2028", cn, courses=[CourseDraft("80240653", {"zh": "高等机器学习"}, 30)]),
        ],
        equivalences=[("DS 5205", "80240653")],
        intakes=[IntakeDraft("2026/2027", 12, 9)],
    )


def test_save_read_replace_delete(db):
    kz, cn = make_partners(db)
    programme_id = curricula.save_programme(db, draft(kz, cn))
    back = curricula.get_programme(db, programme_id)
    assert back.title == "Data Science" and back.titles["ru"] == "Наука о данных"
    assert [(p.university_id, p.role, p.country_code) for p in back.partners] == [
        (kz, "coordinating", "KZ"),
        (cn, "partner", "CN"),
    ]
    assert [s.credits for s in back.semesters] == [30, 30] and back.semesters[1].courses[0].titles == {
        "zh": "高等机器学习"
    }
    assert back.equivalences == [("DS 5205", "80240653")] and back.intakes == [
        IntakeDraft("2026/2027", 12, 9)
    ]
    [summary] = curricula.list_programmes(db)
    assert summary.credits == 60 and "Tsinghua University" in summary.partners
    assert curricula.list_programmes(db, "НАУКА") == [summary]  # folded search in any script
    back.semesters[0].courses.pop(0)  # replace the plan: the equivalence stays valid, one course fewer
    curricula.save_programme(db, back, programme_id)
    again = curricula.get_programme(db, programme_id)
    assert [c.code for c in again.semesters[0].courses] == ["HK 5102", "DS 5205"]
    assert again.equivalences == [("DS 5205", "80240653")]
    curricula.delete_programme(db, programme_id)
    with pytest.raises(NotFoundError):
        curricula.get_programme(db, programme_id)


def test_refuses_what_cannot_be_saved(db):
    kz, cn = make_partners(db)
    bad = draft(kz, cn)
    bad.title = " "
    bad.equivalences = [("DS 5205", "NOPE")]
    with pytest.raises(ValidationError) as raised:
        curricula.save_programme(db, bad)
    assert set(raised.value.errors) == {"title", "equivalences"}
    assert curricula.list_programmes(db) == []


def test_validate_reads_the_partners_calendars(db):
    kz, cn = make_partners(db)
    programme = draft(kz, cn)
    rules = {m.rule for m in curricula.validate(db, programme)}
    assert "check_semester_in_teaching_period" in rules  # no calendars yet: a warning per semester
    calendars.save_periods(
        db, kz, "2026/2027", [Period(PeriodKind.TEACHING, dt.date(2026, 9, 1), dt.date(2026, 12, 19))]
    )
    calendars.save_periods(
        db, cn, "2027/2028", [Period(PeriodKind.TEACHING, dt.date(2027, 9, 13), dt.date(2028, 1, 2))]
    )
    assert curricula.validate(db, programme) == []
    programme.semesters[0].end = dt.date(2027, 1, 20)  # runs into the winter session
    [message] = curricula.validate(db, programme)
    assert message.rule == "check_semester_in_teaching_period" and "Al-Farabi" in message.text


def test_credit_conversions_have_defaults_and_can_be_edited(db):
    conversions = {c.state_code: c for c in curricula.list_conversions(db)}
    assert conversions["KZ"].national_per_ects == 1.0 and "30 academic hours" in conversions["KZ"].source
    curricula.set_conversion(db, "CN", 0.6, source="Tsinghua graduate school, 2026")
    assert curricula.national_credits(db, "CN", 120) == 72
    with pytest.raises(ValidationError):
        curricula.set_conversion(db, "CN", 0)
