"""A database with the demo data plus the records reports show: names in many scripts, contacts,
rankings, accreditations, status history, areas, and a name that looks like markup and a formula."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.domain.universities import NameDraft, UniversityDraft
from desktop_app.exchange.demo import load_demo
from desktop_app.services import universities
from desktop_app.storage.models import (
    University,
    UniversityAccreditation,
    UniversityArea,
    UniversityContact,
    UniversityRanking,
    UniversityStatusChange,
)

#: The day the demonstration data is loaded on and the reports are dated, whatever the clock says.
DEMO_DAY = dt.date(2026, 11, 23)

HOSTILE_NAME = '<b>=HYPERLINK("x")'
FORMULA_NAME = '=HYPERLINK("x","click")'
MULTISCRIPT_NAMES = [
    ("Al-Farabi Test University", "en", "display"),
    ("Әл-Фараби атындағы Қазақ ұлттық университеті ғқңөұүһі", "kk", "official"),
    ("Казахский национальный университет имени аль-Фараби", "ru", "label"),
    ("دانشگاه ملی قزاقستان الفارابی", "fa", "label"),
    ("阿尔法拉比哈萨克国立大学", "zh", "label"),
    ("알파라비 카자흐 국립대학교", "ko", "label"),
    ("האוניברסיטה הלאומית של קזחסטן", "he", "label"),
    ("มหาวิทยาลัยแห่งชาติคาซัค", "th", "label"),
    ("सकल राष्ट्रीय विश्वविद्यालय", "hi", "label"),
]


@pytest.fixture
def report_db(sqlite_db):
    db = sqlite_db
    load_demo(db, today=DEMO_DAY)
    multi = universities.create(db, UniversityDraft(
        "KZ", [NameDraft(v, lang, kind) for v, lang, kind in MULTISCRIPT_NAMES], city="Алматы",
        network_role="member", status="active", established=1934))
    hostile = universities.create(db, UniversityDraft(
        "KZ", [NameDraft(HOSTILE_NAME, "en", "display")], city="+Almaty", network_role="member",
        status="invited"))
    universities.create(db, UniversityDraft(
        "KZ", [NameDraft(FORMULA_NAME, "en", "display")], network_role="partner", status="candidate"))
    with db.transaction(changes={"universities"}) as session:
        session.add_all([
            UniversityContact(university_id=multi, name="Айгерім Сәтбаева", position="Проректор",
                              email="a.satbayeva@example.kz", phone="+7 727 000 00 00"),
            UniversityRanking(university_id=multi, system="qs", year=2025, rank_text="=150", rank_best=150),
            UniversityAccreditation(university_id=multi, agency="IAAR", label="institutional",
                                    valid_from=dt.date(2022, 5, 1), valid_to=dt.date(2027, 4, 30)),
            UniversityStatusChange(university_id=multi, status="memorandum_signed", changed_on=dt.date(2024, 6, 1)),
            UniversityStatusChange(university_id=multi, status="active", changed_on=dt.date(2025, 2, 1)),
        ])
        for key in ("economy", "it_engineering", "water_management"):
            session.add(UniversityArea(university_id=multi, area_key=key))
        session.add(UniversityArea(university_id=hostile, area_key="economy"))
        for university in session.query(University).filter(University.country_code.in_(["IR", "CN"])):
            session.add(UniversityArea(university_id=university.id, area_key="climate_change"))
    db.multi_id, db.hostile_id = multi, hostile
    from desktop_app.services import curricula

    db.programme_id = curricula.page(db).rows[0].id  # the demo's double-degree programme
    db.learning_agreement_id = first_changed_learning_agreement(db)
    return db


def first_changed_learning_agreement(db) -> int:
    """The demo's learning agreement that was changed during the mobility (its version 2)."""
    from desktop_app.services import learning_agreements

    return next(row.id for row in learning_agreements.iterate(db) if row.version > 1)
