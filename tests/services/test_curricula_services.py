"""Programmes saved whole, read back, replaced, validated against stored calendars; credit conversions."""

import datetime as dt

import pytest

from desktop_app.domain.calendars import CalendarDraft, Period, PeriodKind
from desktop_app.domain.curricula import (
    CourseDraft,
    IntakeDraft,
    PartnerDraft,
    PartnerRole,
    ProgrammeDraft,
    SemesterDraft,
)
from desktop_app.domain.errors import ConflictError, NotFoundError, ValidationError
from desktop_app.domain.universities import NameDraft, NameKind, UniversityDraft
from desktop_app.services import calendars, credit_conversions, curricula, records, universities
from desktop_app.services.curricula import ProgrammeQuery
from desktop_app.storage import snapshots


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


def test_create_read_update_delete_and_restore_whole(db):
    kz, cn = make_partners(db)
    programme_id = curricula.create(db, draft(kz, cn))
    record = curricula.get(db, programme_id)
    back = record.draft
    assert record.uuid and record.facts["credits"] == 60
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
    [row] = curricula.page(db).rows
    assert row.credits == 60 and "Tsinghua University" in row.partners
    assert curricula.page(db, ProgrammeQuery(search="НАУКА")).rows == [row]  # folded search in any script
    course_uuids = [c.uuid for c in back.semesters[0].courses]
    back.semesters[0].courses.pop(0)  # a course fewer: the others keep their identity
    curricula.update(db, programme_id, back)
    again = curricula.get(db, programme_id).draft
    assert [c.code for c in again.semesters[0].courses] == ["HK 5102", "DS 5205"]
    assert [c.uuid for c in again.semesters[0].courses] == course_uuids[1:]
    assert again.equivalences == [("DS 5205", "80240653")]
    before = records.snapshot_of(db, curricula.KIND, programme_id, dependents=True)
    snapshot = curricula.delete(db, programme_id)
    with pytest.raises(NotFoundError):
        curricula.get(db, programme_id)
    assert curricula.restore(db, snapshot) == programme_id
    after = records.snapshot_of(db, curricula.KIND, programme_id, dependents=True)
    assert snapshots.canonical_json(after) == snapshots.canonical_json(before)
    assert set(before["rows"]) >= {"programme_partners", "programme_intakes", "programme_semesters",
                                   "programme_courses", "course_equivalences"}


def test_an_edit_is_undone_exactly_by_its_snapshot(db):
    """What UpdateRecord does: partners, intakes, semesters and courses changed, then put back."""
    kz, cn = make_partners(db)
    programme_id = curricula.create(db, draft(kz, cn))
    before = records.snapshot_of(db, curricula.KIND, programme_id)
    edited = curricula.get(db, programme_id).draft
    edited.partners.reverse()
    edited.partners[0].role = PartnerRole.COORDINATING
    edited.intakes = [IntakeDraft("2027/2028", 15), IntakeDraft("2026/2027", 12, 10)]
    edited.semesters[1].courses.append(CourseDraft("80240654", {"en": "Data mining"}, 5))
    edited.semesters.append(SemesterDraft(3, "2027/2028", cn))
    edited.equivalences = []
    curricula.update(db, programme_id, edited)
    after = records.snapshot_of(db, curricula.KIND, programme_id)
    records.replace_record(db, before, curricula.TOPICS)
    assert snapshots.canonical_json(records.snapshot_of(db, curricula.KIND, programme_id)) == \
        snapshots.canonical_json(before)
    records.replace_record(db, after, curricula.TOPICS)
    assert curricula.get(db, programme_id).draft.intakes == [IntakeDraft("2026/2027", 12, 10),
                                                           IntakeDraft("2027/2028", 15)]


def test_refuses_what_cannot_be_saved(db):
    kz, cn = make_partners(db)
    bad = draft(kz, cn)
    bad.title = " "
    bad.equivalences = [("DS 5205", "NOPE")]
    bad.intakes.append(IntakeDraft("2026"))
    assert set(curricula.validate(bad)) == {"title", "equivalences", "intakes"}
    with pytest.raises(ValidationError) as raised:
        curricula.create(db, bad)
    assert set(raised.value.errors) == {"title", "equivalences", "intakes"}
    assert curricula.page(db).rows == []
    unknown = draft(kz, cn)
    unknown.partners.append(PartnerDraft(9999))
    with pytest.raises(NotFoundError):
        curricula.create(db, unknown)
    assert curricula.count(db) == 0


def test_pages_follow_the_filters_and_the_order_in_sql(db):
    kz, cn = make_partners(db)
    for number in range(7):
        programme = ProgrammeDraft(title=f"Programme {number}", code=f"P{6 - number}",
                                   programme_type="summer_school" if number % 2 else "double_degree",
                                   partners=[PartnerDraft(kz if number < 5 else cn)])
        curricula.create(db, programme)
    first = curricula.page(db, ProgrammeQuery(), limit=3)
    second = curricula.page(db, ProgrammeQuery(), first.after, limit=3)
    third = curricula.page(db, ProgrammeQuery(), second.after, limit=3)
    titles = [row.title for found in (first, second, third) for row in found.rows]
    assert titles == [f"Programme {n}" for n in range(7)] and third.is_last
    by_code = curricula.page(db, ProgrammeQuery(sort="code", descending=True), limit=2)
    assert [row.code for row in by_code.rows] == ["P6", "P5"]
    assert [row.code for row in curricula.page(db, ProgrammeQuery(sort="code", descending=True),
                                               by_code.after, limit=2).rows] == ["P4", "P3"]
    assert curricula.count(db, ProgrammeQuery(programme_type="summer_school")) == 3
    assert [row.title for row in curricula.page(db, ProgrammeQuery(university_id=cn)).rows] == [
        "Programme 5", "Programme 6"]
    assert [c.label for c in curricula.choices(db, search="programme 3")] == ["Programme 3"]


def test_check_plan_reads_the_partners_calendars(db):
    kz, cn = make_partners(db)
    programme = draft(kz, cn)
    rules = {m.rule for m in curricula.check_plan(db, programme)}
    assert "check_semester_in_teaching_period" in rules  # no calendars yet: a warning per semester
    calendars.create(db, CalendarDraft(
        kz, "2026/2027", [Period(PeriodKind.TEACHING, dt.date(2026, 9, 1), dt.date(2026, 12, 19))]))
    calendars.create(db, CalendarDraft(
        cn, "2027/2028", [Period(PeriodKind.TEACHING, dt.date(2027, 9, 13), dt.date(2028, 1, 2))]))
    assert curricula.check_plan(db, programme) == []
    programme.semesters[0].end = dt.date(2027, 1, 20)  # runs into the winter session
    [message] = curricula.check_plan(db, programme)
    assert message.rule == "check_semester_in_teaching_period" and "Al-Farabi" in message.text
    assert "Jan 20, 2027" in message.text  # dates in the reader's language


def test_credit_conversions_follow_the_contract(db):
    conversions = {c.state_code: c for c in credit_conversions.all_rows(db)}
    assert conversions["KZ"].national_per_ects == 1.0 and "30 academic hours" in conversions["KZ"].source
    china = conversions["CN"].id
    edited = credit_conversions.get(db, china).draft
    edited.national_per_ects, edited.source = 0.6, "Tsinghua graduate school, 2026"
    credit_conversions.update(db, china, edited)
    assert credit_conversions.national_credits(db, "CN", 120) == 72
    edited.national_per_ects = 0
    with pytest.raises(ValidationError):
        credit_conversions.update(db, china, edited)
    with pytest.raises(ConflictError):
        credit_conversions.create(db, credit_conversions.ConversionDraft("KZ", 2.0))
    snapshot = credit_conversions.delete(db, china)
    assert credit_conversions.national_credits(db, "CN", 120) is None
    credit_conversions.restore(db, snapshot)
    assert credit_conversions.national_credits(db, "CN", 120) == 72
