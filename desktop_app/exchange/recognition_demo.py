"""Demonstration recognition data: a few equivalence rules and some hundred cases.

Generated deterministically (fixed seed) so every demo looks the same. Holders are obviously
fictional ("Demo Person", "Тестовый Человек"…) in several scripts; issuing universities come from the
demonstration register when it holds one of the issuing country.
"""

from __future__ import annotations

import datetime as dt
import random

from sqlalchemy import insert, select

from desktop_app.domain.recognition import (
    AppealResult,
    CaseDraft,
    CaseStatus,
    DocumentKind,
    LegalBasis,
    Outcome,
    Purpose,
    RuleDraft,
)
from desktop_app.services import recognition_cases as cases
from desktop_app.services import recognition_rules as rules
from desktop_app.storage.database import Database
from desktop_app.storage.models import RecognitionCase, RecognitionHistory, University

DEMO_CASES = 300
DEMO_TODAY = dt.date(2026, 6, 30)

# (from, title in its language, lang, ISCED, years, credits, to, recognised as, ISCED, conditions, basis)
DEMO_RULES = [
    ("KZ", "Бакалавр", "kk", "6", 4, 240, "TR", "Lisans", "6", "", LegalBasis.BILATERAL),
    ("KZ", "Магистр (научно-педагогическое направление)", "ru", "7", 2, 120, "TR", "Yüksek lisans", "7", "",
     LegalBasis.BILATERAL),
    ("KZ", "Магистр (профильное направление)", "ru", "7", 1, 60, "RU", "Магистр", "7",
     "Bridging course of 30 credits for doctoral admission", LegalBasis.NETWORK),
    ("KZ", "Бакалавр", "kk", "6", 4, 240, "RU", "Бакалавр", "6", "", LegalBasis.NATIONAL),
    ("RU", "Специалист", "ru", "7", 5, 300, "KZ", "Магистр", "7", "", LegalBasis.NATIONAL),
    ("RU", "Бакалавр", "ru", "6", 4, 240, "KZ", "Бакалавр", "6", "", LegalBasis.NATIONAL),
    ("TR", "Lisans", "tr", "6", 4, 240, "KZ", "Бакалавр", "6", "", LegalBasis.BILATERAL),
    ("CN", "学士学位", "zh", "6", 4, 160, "KZ", "Бакалавр", "6",
     "Credits converted 1 Chinese credit = 1.5 ECTS", LegalBasis.TOKYO),
    ("CN", "硕士学位", "zh", "7", 3, 36, "KZ", "Магистр", "7", "", LegalBasis.TOKYO),
    ("IR", "کارشناسی", "fa", "6", 4, 140, "KZ", "Бакалавр", "6", "Transcript in English or Russian required",
     LegalBasis.NETWORK),
    ("MN", "Бакалаврын зэрэг", "mn", "6", 4, 120, "KZ", "Бакалавр", "6", "", LegalBasis.TOKYO),
    ("KR", "학사", "ko", "6", 4, 130, "KZ", "Бакалавр", "6", "", LegalBasis.TOKYO),
    ("TR", "Yüksek lisans", "tr", "7", 2, 120, "KZ", "Магистр", "7", "", LegalBasis.LISBON),
    ("UZ", "Bakalavr", "uz", "6", 4, 240, "KZ", "Бакалавр", "6", "", LegalBasis.NETWORK),
    ("KZ", "Доктор PhD", "kk", "8", 3, 180, "UZ", "PhD", "8", "", LegalBasis.NETWORK),
]

# Obviously fictional holders, one pool per script so a name never mixes scripts.
NAME_POOLS = [
    (["Demo", "Sample", "Example"], ["Person", "Applicant", "Holder"]),
    (["Тест", "Демо", "Пример"], ["Тестов", "Примеров", "Образцов"]),
    (["Үлгі", "Сынақ"], ["Мысалов", "Үлгіұлы"]),
    (["نمونه", "آزمون"], ["آزمایشی", "نمونه‌ای"]),
    (["示例", "测试"], ["甲", "乙"]),
    (["Örnek", "Deneme"], ["Kişi", "Başvuran"]),
    (["예시", "시험"], ["사람", "신청자"]),
]
PAIRS = [("KZ", "TR"), ("KZ", "RU"), ("RU", "KZ"), ("TR", "KZ"), ("CN", "KZ"), ("IR", "KZ"), ("MN", "KZ"),
         ("KR", "KZ"), ("UZ", "KZ"), ("KZ", "UZ"), ("AZ", "KZ"), ("IN", "KZ")]
#: Qualification titles as the issuing country writes them (level 6, 7, 8).
TITLES = {
    "KZ": {"6": "Бакалавр техники и технологий", "7": "Магистр педагогических наук", "8": "Доктор философии (PhD)"},
    "RU": {"6": "Бакалавр экономики", "7": "Магистр", "8": "Кандидат наук"},
    "TR": {"6": "Lisans — İşletme", "7": "Yüksek lisans", "8": "Doktora"},
    "CN": {"6": "工学学士", "7": "工学硕士", "8": "博士"},
    "IR": {"6": "کارشناسی", "7": "کارشناسی ارشد", "8": "دکتری"},
    "MN": {"6": "Бакалаврын зэрэг", "7": "Магистрын зэрэг", "8": "Докторын зэрэг"},
    "KR": {"6": "학사", "7": "석사", "8": "박사"},
    "UZ": {"6": "Bakalavr", "7": "Magistr", "8": "Falsafa doktori (PhD)"},
    "AZ": {"6": "Bakalavr", "7": "Magistr", "8": "Fəlsəfə doktoru"},
    "IN": {"6": "Bachelor of Technology", "7": "Master of Science", "8": "Doctor of Philosophy"},
}
FIELDS = ["0113", "0311", "0413", "0532", "0613", "0714", "0732", "0912", "1015"]


def _holder(rng: random.Random, number: int) -> str:
    first, last = rng.choice(NAME_POOLS)
    return f"{rng.choice(first)} {rng.choice(last)} {number}"


def demo_case_drafts(count: int, seed: int = 5, university_ids: dict[str, list[tuple[int, str]]] | None = None,
                     today: dt.date = DEMO_TODAY):
    """(draft, status, closed_on) of ``count`` fictional cases, the same every time for a seed."""
    rng = random.Random(seed)
    university_ids = university_ids or {}
    for number in range(1, count + 1):
        source, target = rng.choice(PAIRS)
        level = rng.choice("667778")
        received = today - dt.timedelta(days=rng.randint(5, 5 * 365))
        draft = CaseDraft(
            holder_name=_holder(rng, number),
            holder_birth_date=dt.date(rng.randint(1975, 2004), rng.randint(1, 12), rng.randint(1, 28)),
            holder_citizenship=source,
            document_kind=rng.choice([k.value for k in DocumentKind]),
            document_number=f"DEMO-{rng.randint(100000, 999999)}",
            document_issued_on=received - dt.timedelta(days=rng.randint(30, 900)),
            issuing_country=source, recognising_country=target,
            qualification_title=TITLES[source][level], isced_level=level, isced_field=rng.choice(FIELDS),
            credits=float({"6": 240, "7": 120, "8": 180}[level]),
            recognising_institution=rng.choice(["National Recognition Centre", "Ministry of Education",
                                                "Admissions office"]),
            purpose=rng.choice([p.value for p in Purpose]),
            legal_basis=rng.choice([b.value for b in LegalBasis]),
            received_on=received, reference=f"REC-{received.year}-{number:05d}")
        choices = university_ids.get(source)
        if choices:
            draft.issuing_university_id, draft.issuing_university_name = rng.choice(choices)
        else:
            draft.issuing_university_name = f"Demo University of {source}"
        age = (today - received).days
        roll = rng.random()
        status, closed_on = CaseStatus.RECEIVED, None
        if age > 60 and roll < 0.85:
            draft.decided_on = received + dt.timedelta(days=rng.randint(20, min(age, 200)))
            draft.outcome = rng.choices([o.value for o in Outcome if o], weights=[50, 15, 15, 8, 12])[0]
            if draft.outcome != Outcome.FULL:
                draft.substantial_differences = "Fewer practice hours than the national standard requires"
            status = CaseStatus.DECIDED
            if rng.random() < 0.12 and draft.outcome in (Outcome.NOT_RECOGNISED, Outcome.PARTIAL):
                draft.appeal_lodged_on = draft.decided_on + dt.timedelta(days=rng.randint(5, 30))
                status = CaseStatus.APPEALED
                if rng.random() < 0.6:
                    draft.appeal_result = rng.choice([r.value for r in AppealResult if r])
                    status = CaseStatus.CLOSED
            elif rng.random() < 0.6:
                status = CaseStatus.CLOSED
            if status == CaseStatus.CLOSED:
                closed_on = min(today, (draft.appeal_lodged_on or draft.decided_on) + dt.timedelta(days=30))
        elif age > 20 and roll < 0.97:
            status = CaseStatus.UNDER_EVALUATION
        yield draft, status, closed_on


def load_demo_recognition(db: Database, today: dt.date | None = None) -> dict[str, int]:
    """Equivalence rules and DEMO_CASES cases. The cases are dated from DEMO_TODAY, not ``today``, so every
    demonstration holds the same cases."""
    for row in DEMO_RULES:
        frm, title, lang, level, years, credits, to, recognised, to_level, conditions, basis = row
        rules.create(db, RuleDraft(
            from_country=frm, qualification_title=title, title_lang=lang, isced_level=level, nominal_years=years,
            credits=credits, to_country=to, recognised_as=recognised, recognised_isced_level=to_level,
            conditions=conditions, legal_basis=basis))
    with db.reading() as session:
        by_country: dict[str, list[tuple[int, str]]] = {}
        for uid, country, name in session.execute(
                select(University.id, University.country_code, University.display_name).order_by(University.id)):
            by_country.setdefault(country, []).append((uid, name))
    now = dt.datetime.now(dt.UTC)
    with db.transaction(changes={cases.TOPIC}) as session:
        rows = [cases.row_values(draft, status, closed_on)
                for draft, status, closed_on in demo_case_drafts(DEMO_CASES, university_ids=by_country)]
        session.connection().execute(RecognitionCase.__table__.insert(), rows)
        # The demonstration records each case as entered in its present state.
        states = session.execute(select(RecognitionCase.id, RecognitionCase.status)).all()
        session.execute(insert(RecognitionHistory), [
            {"case_id": case_id, "changed_at": now, "action": "created", "field": "status", "old_value": "",
             "new_value": status, "personal": False} for case_id, status in states])
    return {"recognition_rules": len(DEMO_RULES), "recognition_cases": DEMO_CASES}


def generate_cases(db: Database, count: int, seed: int = 11, batch: int = 5000, start: int = 1) -> int:
    """Bulk fictional cases (tests and scale checks): Core executemany, no per-row history."""
    written = 0
    with db.transaction(changes={cases.TOPIC}) as session:
        rows = []
        for draft, status, closed_on in demo_case_drafts(count, seed=seed):
            draft.reference = f"GEN-{start + written:07d}"
            rows.append(cases.row_values(draft, status, closed_on))
            written += 1
            if len(rows) >= batch:
                session.connection().execute(RecognitionCase.__table__.insert(), rows)
                rows = []
        if rows:
            session.connection().execute(RecognitionCase.__table__.insert(), rows)
    return written
