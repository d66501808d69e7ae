"""Demonstration agreements, mobility, events and road-map progress over the demo universities.

Illustrative records only: the people are invented, and the agreements, signatories, dates and
figures are examples, not the real designations of these universities. Dates are set relative to
today so the "expiring soon" warning and the overdue road-map action show as they would in use.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from desktop_app.domain.agreements import (
    AgreementDraft,
    AgreementKind,
    AgreementStatus,
    ConditionDraft,
    IndicatorDraft,
    PartyDraft,
    PartyRole,
    StrategicApproach,
)
from desktop_app.domain.mobility import EventDraft, EventKind, MobilityDraft, MobilityFormat, PersonKind
from desktop_app.services import agreements, mobility, roadmap
from desktop_app.storage.database import Database
from desktop_app.storage.models import RoadmapAction, University

KAZNU, ENU, NU, KAZNTU = "03q0vrn42", "0242cby63", "052bx8q98", "020cpsb96"
TSINGHUA, PEKING, MSU = "03cve4549", "02v51f717", "010pmpe69"
METU, ISTANBUL, SNU = "014weej12", "03a5qrr21", "04h9pn542"
PARENTS = ("03q0vrn42", "03cve4549", "010pmpe69", "014weej12", "04h9pn542", "028wp3y58", "04855bv47",
           "02ar8gr68", "021e5j056", "05wv2vq37", "0091vmj44")


def load_demo_network(db: Database, today: dt.date | None = None) -> dict[str, int]:
    today = today or dt.date.today()
    with db.reading() as session:
        ids = dict(session.execute(
            select(University.ror_id, University.id).where(University.ror_id.is_not(None))).all())

    def party(ror: str, role: str = PartyRole.MEMBER, signatory: str = "", signed: dt.date | None = None):
        return PartyDraft(ids[ror], role, signatory, signed)

    memorandum_signed = dt.date(2024, 9, 20)
    created = [
        agreements.create_agreement(db, AgreementDraft(
            title="Memorandum on the establishment of the Partnership Network of Leading Universities "
                  "of the CICA Member States",
            kind=AgreementKind.NETWORK_MEMORANDUM, status=AgreementStatus.ACTIVE, reference="CICA-PN-2024",
            signing_date=memorandum_signed, valid_from=memorandum_signed,
            renewal_terms="Open to accession by leading universities of every CICA Member State.",
            parties=[party(ror, PartyRole.COORDINATOR if ror == KAZNU else PartyRole.MEMBER,
                           signed=memorandum_signed) for ror in PARENTS])),
        agreements.create_agreement(db, AgreementDraft(
            title="Strategic partnership: joint school of computer science",
            kind=AgreementKind.STRATEGIC, approach=StrategicApproach.JOINT_PROGRAMMES, status=AgreementStatus.ACTIVE,
            reference="KAZNU-THU-2025", signing_date=dt.date(2025, 6, 12), valid_from=dt.date(2025, 9, 1),
            valid_to=dt.date(2028, 8, 31), renewal_terms="Renewed by written agreement six months before expiry.",
            national_staff_percent=75, foreign_staff_percent=25,
            funding_sources="State educational grants; tuition fees; partner university contribution",
            parties=[party(KAZNU, PartyRole.NATIONAL, "Rector", dt.date(2025, 6, 12)),
                     party(TSINGHUA, PartyRole.FOREIGN, "Vice-President", dt.date(2025, 6, 12))],
            indicators=[IndicatorDraft("Students enrolled in joint programmes", 2025, 30, 24, "students"),
                        IndicatorDraft("Students enrolled in joint programmes", 2026, 40, None, "students"),
                        IndicatorDraft("Joint publications", 2025, 10, 12, "articles")])),
        agreements.create_agreement(db, AgreementDraft(
            title="Bilateral cooperation agreement on student and staff exchange",
            kind=AgreementKind.BILATERAL, status=AgreementStatus.ACTIVE, reference="NU-SNU-2022",
            signing_date=dt.date(2022, 5, 16), valid_from=dt.date(2022, 9, 1),
            valid_to=today + dt.timedelta(days=60), renewal_terms="Extended automatically for two years unless "
            "either party gives notice.",
            parties=[party(NU, PartyRole.NATIONAL, "Provost", dt.date(2022, 5, 16)),
                     party(SNU, PartyRole.FOREIGN, "Dean of International Affairs", dt.date(2022, 5, 16))],
            conditions=[ConditionDraft("student_studies", 0, 1, 2022, 2026, 2, "0613", "6 7", 5, None, "en", "B2"),
                        ConditionDraft("student_studies", 1, 0, 2022, 2026, 2, "0613", "6 7", 5, None, "en", "B2"),
                        ConditionDraft("staff_teacher", 0, 1, 2023, 2026, 1, "0613", "", None, 7, "en", "C1")])),
        agreements.create_agreement(db, AgreementDraft(
            title="Double-degree master's programme in international relations",
            kind=AgreementKind.DOUBLE_DEGREE, status=AgreementStatus.SIGNED, reference="ENU-MSU-DD-2024",
            signing_date=dt.date(2024, 4, 2), valid_from=dt.date(2024, 9, 1), valid_to=dt.date(2029, 8, 31),
            parties=[party(ENU, PartyRole.NATIONAL, "Rector", dt.date(2024, 4, 2)),
                     party(MSU, PartyRole.FOREIGN, "Vice-Rector", dt.date(2024, 4, 2))])),
        agreements.create_agreement(db, AgreementDraft(
            title="Memorandum of understanding on engineering education",
            kind=AgreementKind.MEMORANDUM, status=AgreementStatus.NEGOTIATION,
            parties=[party(KAZNTU, PartyRole.NATIONAL), party(METU, PartyRole.FOREIGN)])),
    ]
    bilateral = created[2]
    people = [
        ("Aigerim Sadykova", PersonKind.STUDENT, MobilityFormat.SEMESTER, NU, SNU, dt.date(2024, 9, 1), 120, bilateral),
        ("Daniyar Omarov", PersonKind.STUDENT, MobilityFormat.SEMESTER, NU, SNU, dt.date(2025, 2, 24), 110, bilateral),
        ("Kim Min-jun", PersonKind.STUDENT, MobilityFormat.SEMESTER, SNU, NU, dt.date(2025, 9, 1), 115, bilateral),
        ("Li Wei", PersonKind.FACULTY, MobilityFormat.GUEST_LECTURE, TSINGHUA, KAZNU, dt.date(2025, 10, 6), 12, None),
        ("Zhang Yu", PersonKind.STUDENT, MobilityFormat.SHORT_TERM, PEKING, KAZNU, dt.date(2025, 7, 1), 21, None),
        ("Aruzhan Bekova", PersonKind.STUDENT, MobilityFormat.MASTERS_1_1, ENU, MSU, dt.date(2025, 9, 1), 300, None),
        ("Ivan Petrov", PersonKind.RESEARCHER, MobilityFormat.INTERNSHIP, MSU, ENU, dt.date(2024, 11, 4), 30, None),
        ("Elif Yılmaz", PersonKind.FACULTY, MobilityFormat.SHORT_TERM, METU, KAZNTU, dt.date(2026, 3, 2), 14, None),
        ("Nurlan Abenov", PersonKind.RESEARCHER, MobilityFormat.INTERNSHIP, KAZNTU, ISTANBUL,
         dt.date(2026, 4, 6), 45, None),
        ("Saule Tulegenova", PersonKind.FACULTY, MobilityFormat.GUEST_LECTURE, KAZNU, TSINGHUA,
         dt.date(2026, 5, 11), 7, None),
    ]
    for name, kind, fmt, sending, receiving, start, days, agreement_id in people:
        mobility.create_mobility(db, MobilityDraft(
            person_kind=kind, format=fmt, sending_university_id=ids[sending], receiving_university_id=ids[receiving],
            start_date=start, end_date=start + dt.timedelta(days=days), person_name=name,
            person_email=name.lower().replace(" ", ".").replace("ı", "i") + "@example.org",
            agreement_id=agreement_id, funding="Partner university scholarship" if agreement_id else "State grant"))
    events = [
        EventDraft(EventKind.CONFERENCE, "Forum of Rectors of the CICA Partnership Network", dt.date(2025, 10, 16),
                   dt.date(2025, 10, 17), ids[KAZNU], [ids[TSINGHUA], ids[MSU], ids[METU], ids[SNU]], 180,
                   "dialogue_of_civilizations", "Resolution on joint curricula adopted"),
        EventDraft(EventKind.SUMMER_SCHOOL, "Summer school on water diplomacy", dt.date(2025, 7, 7),
                   dt.date(2025, 7, 18), ids[ENU], [ids[KAZNTU], ids[ISTANBUL]], 45, "water_management",
                   "Certificates for 42 students"),
        EventDraft(EventKind.RESEARCH_PROJECT, "Joint research project on renewable energy in Central Asia",
                   dt.date(2026, 1, 15), dt.date(2027, 12, 31), ids[NU], [ids[SNU]], 12, "sustainable_development"),
    ]
    for event in events:
        mobility.create_event(db, event)
    with db.reading() as session:
        actions = dict(session.execute(select(RoadmapAction.number, RoadmapAction.id)).all())
    for number, status in ((1, "done"), (2, "done"), (3, "done"), (4, "in_progress")):
        roadmap.set_action_status(db, actions[number], status)
    roadmap.add_meeting(db, "First meeting of experts of line departments", dt.date(2023, 6, 27), "Astana",
                        "Experts discussed the draft concept paper and agreed on the road map.", actions[2])
    for country, name, organisation in (("KZ", "Asel Nurpeisova", "Al-Farabi Kazakh National University"),
                                        ("CN", "Wang Fang", "Tsinghua University"),
                                        ("TR", "Mehmet Kaya", "Middle East Technical University")):
        roadmap.add_member(db, country, name, organisation, "Working group member",
                           name.lower().replace(" ", ".") + "@example.org")
    return {"agreements": len(created), "mobility": len(people), "events": len(events)}
