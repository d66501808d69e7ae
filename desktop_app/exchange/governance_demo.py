"""Demonstration governance: an accreditation agency registered in EQAR, the International Council with
its permanent co-chairs and a chairmanship that rotates each year, the China–Central Asia forum's
consensus document, and a council recommendation whose follow-up shows one action overdue. The ministry
and the agency also sign the demonstration strategic partnership beside its two universities.

Illustrative records only: the council's composition, the rotation, the reference numbers and the
people are examples, not the network's real decisions. Dates are set relative to today so the overdue
action shows as it would in use.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from desktop_app.domain.agreements import OrganisationPartyDraft, PartyRole
from desktop_app.domain.governance import (
    BodyDraft,
    BodyNameDraft,
    ChairDraft,
    DecisionDraft,
    DecisionTextDraft,
    FollowUpDraft,
)
from desktop_app.domain.organisations import OrganisationDraft, StandingDraft
from desktop_app.domain.universities import ContactDraft, NameDraft
from desktop_app.services import agreements, bodies, decisions, organisations
from desktop_app.storage.database import Database
from desktop_app.storage.governance_reference import organisation_uuid
from desktop_app.storage.models import Agreement, Organisation

#: The demonstration agreement (exchange/demo_network.py) that a ministry and an agency sign as well.
PARTNERSHIP_REFERENCE = "KAZNU-THU-2025"

#: The council's chair rotates among these states, one a year.
ROTATION = ("KZ", "UZ", "TJ", "KG", "TM")


def _organisation_id(db: Database, key: str) -> int | None:
    with db.reading() as session:
        return session.execute(select(Organisation.id).where(Organisation.uuid == organisation_uuid(key))).scalar()


def _organisations_sign_the_partnership(db: Database, ministry: int | None, agency: int) -> None:
    with db.reading() as session:
        agreement_id = session.execute(select(Agreement.id)
                                       .where(Agreement.reference == PARTNERSHIP_REFERENCE)).scalar()
    if agreement_id is None or ministry is None:  # the governance demo loaded without the network's
        return
    draft = agreements.get(db, agreement_id).draft
    signed = draft.signing_date
    draft.organisation_parties = [
        OrganisationPartyDraft(ministry, PartyRole.NATIONAL, "Vice-Minister", signed),
        OrganisationPartyDraft(agency, PartyRole.MEMBER, "Director of accreditation", signed)]
    agreements.update(db, agreement_id, draft)


def load_demo_governance(db: Database, today: dt.date | None = None) -> dict[str, int]:
    today = today or dt.date.today()
    agency = organisations.create(db, OrganisationDraft(
        "accreditation_agency",
        [NameDraft("Тәуелсіз аккредиттеу және рейтинг агенттігі", "kk", "official"),
         NameDraft("Независимое агентство аккредитации и рейтинга", "ru"),
         NameDraft("Independent Agency for Accreditation and Rating", "en")],
        "KZ", "IAAR", "Astana", "https://iaar.agency",
        contacts=[ContactDraft("Aigerim Sadykova", "Head of international accreditation", "a.sadykova@example.org")],
        standings=[StandingDraft("eqar_registered", dt.date(today.year - 6, 6, 20), dt.date(today.year + 1, 6, 30)),
                   StandingDraft("enqa_member", dt.date(today.year - 5, 1, 1))]))
    _organisations_sign_the_partnership(db, _organisation_id(db, "kz-mshe"), agency)
    first = today.year - 2
    council = bodies.create(db, BodyDraft(
        "council",
        [BodyNameDraft("International Council of the Partnership Network", "en"),
         BodyNameDraft("Международный совет Партнерской сети", "ru"),
         BodyNameDraft("Серіктестік желісінің Халықаралық кеңесі", "kk")],
        "IC", dt.date(first, 10, 1), "Formulates recommendations on the quality of joint programmes.",
        chairs=[ChairDraft("permanent_co_chair", None, "KZ", organisation_id=_organisation_id(db, "kz-mshe")),
                ChairDraft("permanent_co_chair", None, "CN"),
                *(ChairDraft("chair", first + offset, ROTATION[offset]) for offset in range(4)),
                ChairDraft("host", today.year, ROTATION[2], notes="Dushanbe")]))
    forum = bodies.create(db, BodyDraft(
        "forum", [BodyNameDraft("China–Central Asia Forum of University Rectors", "en"),
                  BodyNameDraft("Форум ректоров университетов Китая и Центральной Азии", "ru")],
        chairs=[ChairDraft("initiator", None, "CN"), ChairDraft("initiator", None, "KZ"),
                ChairDraft("host", today.year - 1, "KZ", notes="Almaty")]))
    decisions.create(db, DecisionDraft(
        "consensus", forum, dt.date(today.year - 1, 5, 22),
        [DecisionTextDraft("en", "Almaty Consensus", "The universities agree to develop joint programmes …"),
         DecisionTextDraft("ru", "Алматинский консенсус"), DecisionTextDraft("zh", "阿拉木图共识")],
        follow_ups=[FollowUpDraft("Open two joint master's programmes", dt.date(today.year + 1, 9, 1), "in_progress",
                                  responsible="Rectors of the initiating universities")]))
    decisions.create(db, DecisionDraft(
        "recommendation", council, today - dt.timedelta(days=300),
        [DecisionTextDraft("en", "Evaluate every joint programme with an independent audit",
                           "The council recommends a self-evaluation and an independent audit by a registered agency "
                           "every five years."),
         DecisionTextDraft("ru", "Оценивать каждую совместную программу с независимым аудитом")],
        f"IC/{(today - dt.timedelta(days=300)).year}/2",
        follow_ups=[FollowUpDraft("Agree the evaluation procedure with the agencies", today - dt.timedelta(days=45),
                                  "in_progress", organisation_id=agency),
                    FollowUpDraft("Report on the first audits to the council", today + dt.timedelta(days=120),
                                  responsible="Working group of the network"),
                    FollowUpDraft("Circulate the recommendation to the partner universities",
                                  today - dt.timedelta(days=270), "done", responsible="CICA Secretariat",
                                  completed_on=today - dt.timedelta(days=280), evidence="Note verbale HD/512")]))
    _ministry_leads_the_working_group(db, _organisation_id(db, "kz-mshe"))
    from desktop_app.domain.roadmap import MeetingDraft
    from desktop_app.services import meetings

    meetings.create(db, MeetingDraft(
        "Session of the International Council", today - dt.timedelta(days=300), "Dushanbe",
        "The council adopted its recommendation on evaluating joint programmes (IC/2).", body_id=council,
        agenda="1. The evaluation of joint programmes\n2. The chairmanship of the coming year\n3. Other business",
        attending_states=["KZ", "UZ", "TJ", "KG", "CN"]))
    return {"organisations": 1, "bodies": 2, "decisions": 2, "meetings": 1}


def _ministry_leads_the_working_group(db: Database, ministry: int | None) -> None:
    """The road map's working-group action (number 4) names the ministry as a responsible organisation."""
    from desktop_app.services import roadmap

    action = next((row for row in roadmap.iterate(db) if row.number == 4), None)
    if action is None or ministry is None:
        return
    draft = roadmap.get(db, action.id).draft
    draft.organisation_ids = [ministry]
    roadmap.update(db, action.id, draft)
