"""What each member state's package of the network demonstration holds (``demo --network``).

Each state keeps its own register — its universities from ROR (``resources/demo``) and its partners
abroad, named by the same ROR ids in several states' registers — with its agreements, joint
programmes, calendars, mobility, recognition cases and working-group members. Kazakhstan's package is
the ordinary demonstration with a few more records. Some records are the same agreement or programme
recorded by both partner states; two states recorded a partner without its ROR id, by name only, so
the working group has matches to confirm.

ILLUSTRATIVE ONLY: the roles, agreements, programmes, people, cases and dates are invented; only the
institutions (names, places, ROR ids) are real.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field
from functools import cache

from sqlalchemy import select

from desktop_app import paths
from desktop_app.domain.agreements import (
    AgreementDraft,
    AgreementKind,
    AgreementStatus,
    PartyDraft,
    PartyRole,
    StrategicApproach,
)
from desktop_app.domain.calendars import CalendarDraft, Period, PeriodKind
from desktop_app.domain.curricula import (
    IntakeDraft,
    PartnerDraft,
    PartnerRole,
    ProgrammeDraft,
    ProgrammeStatus,
    ProgrammeType,
)
from desktop_app.domain.mobility import MobilityDraft, MobilityFormat, PersonKind
from desktop_app.domain.reference import COOPERATION_AREAS
from desktop_app.domain.roadmap import MeetingDraft, MemberDraft
from desktop_app.domain.universities import MembershipStatus, NameDraft, NetworkRole, UniversityDraft
from desktop_app.exchange.ror import draft_from_record
from desktop_app.services import agreements, calendars, curricula, meetings, mobility, universities, working_group
from desktop_app.storage.database import Database
from desktop_app.storage.models import University

D = dt.date
KAZNU, ENU, TSINGHUA, PEKING, MSU, METU = "03q0vrn42", "0242cby63", "03cve4549", "02v51f717", "010pmpe69", "014weej12"
SNU, SHIRAZ, NUM, CHULA, KNU = "04h9pn542", "028qtbk54", "04855bv47", "028wp3y58", "02ar8gr68"
SAMARKAND, BEHESHTI, PUNJAB, ASUE, ORIENTAL = "02b6gy972", "0091vmj44", "011maz450", "000y2g343", "03d53xe41"

#: The parent university of each state of the demonstration (illustrative designations).
PARENTS = {"KZ": KAZNU, "CN": TSINGHUA, "RU": MSU, "TR": METU, "KR": SNU, "IR": BEHESHTI, "MN": NUM, "TH": CHULA,
           "KG": KNU, "UZ": SAMARKAND, "AZ": ASUE, "PK": PUNJAB}


@dataclass(frozen=True)
class StateSpec:
    code: str
    coordinator: str
    partners: tuple[str, ...]  # ROR ids of partner universities abroad
    days_ago: int  # the package was made this many days before the demonstration (late: see network_demo)
    personal: bool  # the package includes personal data
    cases: int
    stays: int
    by_name: tuple[tuple[str, str], ...] = ()  # partners recorded without their ROR id: (country, English name)
    signed: dt.date | None = None  # accession to the network memorandum, recorded by the state itself


STATES: tuple[StateSpec, ...] = (
    StateSpec("KZ", "Al-Farabi Kazakh National University, international office", (), 6, True, 0, 0),
    StateSpec("CN", "Tsinghua University, office of international affairs", (KAZNU, MSU, SNU, CHULA), 9, True, 60,
              30),
    StateSpec("RU", "Lomonosov Moscow State University, international department", (KAZNU, ENU, TSINGHUA, METU),
              14, False, 50, 26),
    StateSpec("TR", "Middle East Technical University, international cooperation office", (KAZNU, SHIRAZ, MSU),
              21, False, 40, 20),
    StateSpec("UZ", "Samarkand State University, international relations", (TSINGHUA, SNU), 11, True, 36, 18,
              by_name=(("KZ", "Al-Farabi Kazakh National University"),), signed=D(2025, 3, 14)),
    StateSpec("IR", "Shahid Beheshti University, office of international relations", (METU, KAZNU), 18, False, 30,
              12),
    StateSpec("KR", "Seoul National University, office of international affairs", (TSINGHUA, SAMARKAND, KAZNU), 4,
              False, 24, 16),
    StateSpec("TH", "Chulalongkorn University, office of international affairs", (NUM, TSINGHUA), 27, False, 16,
              8),
    StateSpec("KG", "Kyrgyz National University, international department", (KAZNU, MSU, METU), 33, False, 14, 10),
    StateSpec("AZ", "Azerbaijan State University of Economics, international office", (METU, KAZNU), 40, False, 10,
              6),
    StateSpec("MN", "National University of Mongolia, foreign relations office", (KAZNU, CHULA), 0, False, 12, 8,
              by_name=(("CN", "Tsinghua University"),)),
    StateSpec("PK", "University of the Punjab, international office", (TSINGHUA, KAZNU), 24, False, 14, 6,
              signed=D(2025, 11, 4)),
)
LATE_STATE = "MN"
NEVER_SENT = "TJ"  # a member state that sent nothing (like every state not listed above)


@cache
def ror_records() -> dict[str, dict]:
    """ROR id -> the ROR record, from the two files of resources/demo."""
    found: dict[str, dict] = {}
    for name in ("ror_demo.jsonl", "ror_network_demo.jsonl"):
        with (paths.resources_dir() / "demo" / name).open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                found[record["id"].rsplit("/", 1)[-1]] = record
    return found


def _country(record: dict) -> str:
    return record["locations"][0]["geonames_details"]["country_code"]


def _draft(ror: str, index: int, own: bool) -> UniversityDraft:
    draft = draft_from_record(ror_records()[ror])
    if ror == PARENTS.get(draft.country_code):
        draft.network_role, draft.status = NetworkRole.PARENT, MembershipStatus.ACTIVE
    elif not own:
        draft.network_role, draft.status = NetworkRole.PARTNER, MembershipStatus.ACTIVE
    elif index % 3 == 2:
        draft.network_role, draft.status = NetworkRole.CANDIDATE, MembershipStatus.INVITED
    else:
        draft.network_role, draft.status = NetworkRole.MEMBER, MembershipStatus.MEMORANDUM_SIGNED
    draft.areas = [COOPERATION_AREAS[index % len(COOPERATION_AREAS)].key]
    draft.status_since = D(2024, 9, 20)
    return draft


@dataclass
class Register:
    """The universities a state's database holds: ROR id (or name) -> id."""

    ids: dict[str, int] = field(default_factory=dict)
    own: list[int] = field(default_factory=list)


def load_register(db: Database, spec: StateSpec) -> Register:
    """The state's own universities and its partners abroad (a university already here is kept)."""
    register = Register()
    with db.reading() as session:
        for ror, university_id in session.execute(select(University.ror_id, University.id)
                                                  .where(University.ror_id.is_not(None))):
            register.ids[str(ror)] = university_id
    own = sorted(ror for ror, record in ror_records().items() if _country(record) == spec.code)
    own.sort(key=lambda ror: ror != PARENTS.get(spec.code))  # the parent first
    for index, ror in enumerate(own):
        if ror not in register.ids:
            register.ids[ror] = universities.create(db, _draft(ror, index, True))
        register.own.append(register.ids[ror])
    for index, ror in enumerate(spec.partners):
        if ror not in register.ids:
            register.ids[ror] = universities.create(db, _draft(ror, index, False))
    for country, name in spec.by_name:  # typed from a letter, without the ROR id: matched by name only
        register.ids[name] = universities.create(db, UniversityDraft(
            country, [NameDraft(name, "en", "display")], network_role=NetworkRole.PARTNER,
            status=MembershipStatus.ACTIVE))
    return register


# --- the state's records on top of its register --------------------------------------------------------

FIRST = {"KZ": ["Aruzhan", "Daniyar"], "CN": ["Li", "Wang"], "RU": ["Anna", "Ivan"], "TR": ["Elif", "Mehmet"],
         "UZ": ["Dilnoza", "Jasur"], "IR": ["Maryam", "Reza"], "KR": ["Min-ji", "Ji-ho"], "TH": ["Nicha", "Krit"],
         "KG": ["Aida", "Bakyt"], "AZ": ["Leyla", "Murad"], "MN": ["Saruul", "Bat-Erdene"],
         "PK": ["Ayesha", "Bilal"]}


def person(code: str, number: int) -> str:
    """An obviously invented name ("Demo"): never a real person's."""
    return f"{FIRST.get(code, ['Demo'])[number % 2]} Demo-{code}{number:03d}"


def load_state_records(db: Database, spec: StateSpec, register: Register, today: dt.date) -> dict[str, int]:
    rng = random.Random(spec.code)
    parent = register.ids[PARENTS[spec.code]]
    partners = [register.ids[ror] for ror in spec.partners] + [register.ids[name] for _c, name in spec.by_name]
    created = {"agreements": 0, "mobility": 0, "programmes": 0}
    for index, partner in enumerate(partners):
        signed = D(2022 + index % 3, 3 + index * 2 % 9, 10 + index)
        agreements.create(db, AgreementDraft(
            title="Agreement on academic cooperation and exchange", kind=AgreementKind.BILATERAL,
            status=AgreementStatus.ACTIVE, reference=f"{spec.code}-BIL-{index + 1:02d}", signing_date=signed,
            valid_from=signed, valid_to=signed.replace(year=signed.year + 5),
            parties=[PartyDraft(parent, PartyRole.NATIONAL, "Rector", signed),
                     PartyDraft(partner, PartyRole.FOREIGN, "Rector", signed)]))
        created["agreements"] += 1
    if spec.signed:
        agreements.create(db, AgreementDraft(
            title="Accession to the Memorandum of the Partnership Network of Leading Universities",
            kind=AgreementKind.NETWORK_MEMORANDUM, status=AgreementStatus.SIGNED, signing_date=spec.signed,
            valid_from=spec.signed, parties=[PartyDraft(parent, PartyRole.MEMBER, "Rector", spec.signed),
                                             PartyDraft(_kaznu(register), PartyRole.COORDINATOR)]))
        created["agreements"] += 1
    created["agreements"] += SHARED_AGREEMENTS.get(spec.code, lambda *_: 0)(db, register)
    created["programmes"] += SHARED_PROGRAMMES.get(spec.code, lambda *_: 0)(db, register)
    ours = register.own or [parent]
    for number in range(spec.stays):
        abroad = partners[number % len(partners)]
        home = ours[number % len(ours)]
        outgoing = number % 3 != 0
        start = D(2023 + number % 4, (1, 2, 9, 10)[number % 4], 1 + number % 20)
        days = (14, 120, 30, 300)[number % 4]
        mobility.create(db, MobilityDraft(
            person_kind=(PersonKind.STUDENT, PersonKind.FACULTY, PersonKind.STUDENT, PersonKind.RESEARCHER)[number % 4],
            format=(MobilityFormat.SHORT_TERM, MobilityFormat.SEMESTER, MobilityFormat.INTERNSHIP,
                    MobilityFormat.MASTERS_1_1)[number % 4],
            sending_university_id=home if outgoing else abroad, receiving_university_id=abroad if outgoing else home,
            start_date=start, end_date=start + dt.timedelta(days=days), person_name=person(spec.code, number),
            person_email=f"demo.{spec.code.lower()}{number:03d}@example.org", funding="Partner scholarship"))
        created["mobility"] += 1
    for number in range(2):
        working_group.create(db, MemberDraft(spec.code, person(spec.code, 900 + number),
                                             f"wg.{spec.code.lower()}{number}@example.org",
                                             spec.coordinator.split(",")[0], "Working group member"))
    created["recognition_cases"] = _cases(db, spec, register, rng, today)
    return created


def _kaznu(register: Register) -> int:
    """The network's coordinating university as the state recorded it (by ROR id, or by name only)."""
    return register.ids.get(KAZNU) or register.ids["Al-Farabi Kazakh National University"]


def _cases(db: Database, spec: StateSpec, register: Register, rng: random.Random, today: dt.date) -> int:
    """Recognition cases decided in the state: qualifications of its partners' countries."""
    from desktop_app.exchange.recognition_demo import TITLES, demo_case_drafts
    from desktop_app.services import recognition_cases
    from desktop_app.storage.models import RecognitionCase

    countries = [c for c in dict.fromkeys(_country(ror_records()[r]) for r in spec.partners) if c in TITLES]
    countries = countries or ["KZ"]
    rows = []
    for number, (draft, status, closed_on) in enumerate(demo_case_drafts(spec.cases, seed=rng.randint(1, 10**6),
                                                                          today=today), start=1):
        source = countries[number % len(countries)]
        draft.issuing_country, draft.recognising_country = source, spec.code
        draft.qualification_title = TITLES[source][draft.isced_level]
        draft.holder_name = person(source, number)
        draft.holder_citizenship = source
        draft.issuing_university_id, draft.issuing_university_name = None, ""
        draft.reference = f"{spec.code}-NET-{number:04d}"
        rows.append(recognition_cases.row_values(draft, status, closed_on))
    if rows:
        with db.transaction(changes={recognition_cases.TOPIC}) as session:
            session.connection().execute(RecognitionCase.__table__.insert(), rows)
    return len(rows)


# --- records two states keep of the same agreement or programme -------------------------------------------

def _strategic_by_china(db: Database, register: Register) -> int:
    """China's record of Kazakhstan's strategic partnership KazNU–Tsinghua: same kind, parties and day."""
    day = D(2025, 6, 12)
    agreements.create(db, AgreementDraft(
        title="清华大学—阿尔法拉比哈萨克国立大学战略伙伴关系：计算机科学联合学院", kind=AgreementKind.STRATEGIC,
        approach=StrategicApproach.JOINT_PROGRAMMES,
        status=AgreementStatus.ACTIVE, reference="THU-KAZNU-2025", signing_date=day, valid_from=D(2025, 9, 1),
        valid_to=D(2028, 8, 31), parties=[PartyDraft(register.ids[TSINGHUA], PartyRole.NATIONAL, "", day),
                                          PartyDraft(register.ids[KAZNU], PartyRole.FOREIGN, "", day)]))
    return 1


def _double_degree_by_russia(db: Database, register: Register) -> int:
    """Russia's record of the ENU–MSU double-degree agreement Kazakhstan keeps too."""
    day = D(2024, 4, 2)
    agreements.create(db, AgreementDraft(
        title="Соглашение о программе двойного диплома магистратуры по международным отношениям",
        kind=AgreementKind.DOUBLE_DEGREE, status=AgreementStatus.SIGNED, signing_date=day, valid_from=D(2024, 9, 1),
        valid_to=D(2029, 8, 31), parties=[PartyDraft(register.ids[MSU], PartyRole.NATIONAL, "", day),
                                          PartyDraft(register.ids[ENU], PartyRole.FOREIGN, "", day)]))
    return 1


SHARED_AGREEMENTS = {"CN": _strategic_by_china, "RU": _double_degree_by_russia}


def international_relations(register: Register, title: str, lang: str) -> ProgrammeDraft:
    """The ENU–MSU double-degree master's in international relations: recorded by Kazakhstan and Russia."""
    return ProgrammeDraft(
        title=title, titles={lang: title}, code="ENU-MSU-IR", programme_type=ProgrammeType.DOUBLE_DEGREE,
        isced_level="7", isced_field="0312", area_key="globalization", status=ProgrammeStatus.RUNNING,
        languages=["ru", "en"], partners=[PartnerDraft(register.ids[ENU], PartnerRole.COORDINATING),
                                          PartnerDraft(register.ids[MSU], PartnerRole.PARTNER)],
        intakes=[IntakeDraft("2025/2026", 20, 18), IntakeDraft("2026/2027", 25, 21)])


def _programmes_of_russia(db: Database, register: Register) -> int:
    curricula.create(db, international_relations(register, "Международные отношения (двойной диплом)", "ru"))
    calendars.create(db, CalendarDraft(register.ids[MSU], "2026/2027", [
        Period(PeriodKind.TEACHING, D(2026, 9, 1), D(2026, 12, 26), "Осенний семестр"),
        Period(PeriodKind.EXAMS, D(2027, 1, 9), D(2027, 1, 25), "Зимняя сессия"),
        Period(PeriodKind.BREAK, D(2027, 1, 26), D(2027, 2, 7), "Зимние каникулы"),
        Period(PeriodKind.TEACHING, D(2027, 2, 8), D(2027, 5, 31), "Весенний семестр"),
        Period(PeriodKind.EXAMS, D(2027, 6, 1), D(2027, 6, 30), "Летняя сессия")]))
    return 1


def _programme(db: Database, register: Register, title: str, code: str, kind: str, area: str, status: str,
               first: str, second: str) -> int:
    curricula.create(db, ProgrammeDraft(
        title=title, titles={"en": title}, code=code, programme_type=kind, isced_level="7", area_key=area,
        status=status, languages=["en"], partners=[PartnerDraft(register.ids[first], PartnerRole.COORDINATING),
                                                   PartnerDraft(register.ids[second], PartnerRole.PARTNER)],
        intakes=[IntakeDraft("2026/2027", 15, 12 if status == ProgrammeStatus.RUNNING else None)]))
    return 1


SHARED_PROGRAMMES = {
    "RU": _programmes_of_russia,
    "TR": lambda db, r: _programme(db, r, "Earthquake engineering (joint degree)", "METU-SHZ-EQ",
                                   ProgrammeType.JOINT_DEGREE, "man_made_risks", ProgrammeStatus.RUNNING, METU, SHIRAZ),
    "KR": lambda db, r: _programme(db, r, "Korean studies summer school", "SNU-SAMDU-KS", ProgrammeType.SHORT_TERM,
                                   "dialogue_of_civilizations", ProgrammeStatus.RUNNING, SNU, SAMARKAND),
    "TH": lambda db, r: _programme(db, r, "Sustainable tourism (double degree)", "CU-NUM-ST",
                                   ProgrammeType.DOUBLE_DEGREE, "economy", ProgrammeStatus.RUNNING, CHULA, NUM),
}


def load_kazakhstan_additions(db: Database, register: Register, today: dt.date) -> dict[str, int]:
    """What Kazakhstan's package holds besides the ordinary demonstration: the ENU–MSU programme with ENU's
    calendar, the working group's last meeting, and its members."""
    curricula.create(db, international_relations(register, "International relations (double degree)", "en"))
    calendars.create(db, CalendarDraft(register.ids[ENU], "2026/2027", [
        Period(PeriodKind.TEACHING, D(2026, 9, 1), D(2026, 12, 19), "Autumn semester"),
        Period(PeriodKind.EXAMS, D(2026, 12, 21), D(2027, 1, 16), "Winter examination session"),
        Period(PeriodKind.BREAK, D(2027, 1, 18), D(2027, 2, 6), "Winter holidays"),
        Period(PeriodKind.TEACHING, D(2027, 2, 8), D(2027, 5, 22), "Spring semester"),
        Period(PeriodKind.EXAMS, D(2027, 5, 24), D(2027, 6, 12), "Summer examination session")]))
    meetings.create(db, MeetingDraft("Third meeting of the working group", today - dt.timedelta(days=45), "Almaty",
                                     "Packages of the member states reviewed; the network register to be "
                                     "circulated before the next meeting."))
    return {"programmes": 1, "meetings": 1}
