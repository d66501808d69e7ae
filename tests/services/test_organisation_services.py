"""Organisations through their service, on SQLite and PostgreSQL: the contract (create, get, update,
delete and restore by snapshot), the list paged and searched in SQL, pickers by kind, names in the
reader's language, the seeded reference organisations, and personal data marked as such."""

import datetime as dt

import pytest

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.organisations import AGENCY_KINDS, OrganisationDraft, StandingDraft
from desktop_app.domain.universities import ContactDraft, NameDraft
from desktop_app.services import organisations, records
from desktop_app.services.organisations import OrganisationQuery
from desktop_app.storage import ownership, snapshots
from desktop_app.storage.governance_reference import organisation_uuid


def agency(**changes) -> OrganisationDraft:
    draft = OrganisationDraft(
        "accreditation_agency",
        [NameDraft("Тәуелсіз аккредиттеу және рейтинг агенттігі", "kk", "official"),
         NameDraft("Independent Agency for Accreditation and Rating", "en")],
        "KZ", "IAAR", "Astana", "https://iaar.agency",
        contacts=[ContactDraft("Aigerim S.", "Director", "director@iaar.example", "+7 7172 000000")],
        standings=[StandingDraft("eqar_registered", dt.date(2017, 6, 20), dt.date(2022, 2, 28), "DEQAR 68"),
                   StandingDraft("enqa_member", dt.date(2018, 1, 1), None)])
    for name, value in changes.items():
        setattr(draft, name, value)
    return draft


def test_create_get_update_delete_restore(db):
    organisation_id = organisations.create(db, agency())
    record = organisations.get(db, organisation_id)
    assert record.draft == agency()
    assert record.facts["display_name"] == "Independent Agency for Accreditation and Rating"
    before = records.snapshot_of(db, "organisation", organisation_id)
    changed = agency(city="Almaty")
    changed.standings[0].valid_to = dt.date(2027, 2, 28)
    organisations.update(db, organisation_id, changed)
    assert organisations.get(db, organisation_id).draft.standings[0].valid_to == dt.date(2027, 2, 28)
    after = records.snapshot_of(db, "organisation", organisation_id)
    # Owned rows are changed in place: an edit keeps their UUIDs.
    assert ({row["uuid"] for row in before["rows"]["organisation_standings"]}
            == {row["uuid"] for row in after["rows"]["organisation_standings"]})
    snapshot = organisations.delete(db, organisation_id)
    assert organisations.count(db, OrganisationQuery(search="IAAR")) == 0
    assert organisations.restore(db, snapshot) == organisation_id
    assert snapshots.canonical(records.snapshot_of(db, "organisation", organisation_id)) == snapshots.canonical(after)


def test_validation_names_the_fields(db):
    draft = agency(names=[], country_code="", website="not a site", kind="castle")
    draft.contacts[0].email = "nobody"
    draft.standings[1].valid_from, draft.standings[1].valid_to = dt.date(2020, 1, 1), dt.date(2019, 1, 1)
    problems = organisations.validate(draft)
    assert {"kind", "names", "website", "contacts[0].email", "standings[1].valid_to"} <= set(problems)
    assert "country_code" in organisations.validate(agency(country_code=""))
    assert "country_code" not in organisations.validate(agency(country_code="", kind="international_body"))
    with pytest.raises(ValidationError):
        organisations.create(db, draft)
    assert organisations.count(db, OrganisationQuery(search="IAAR")) == 0


def test_the_source_documents_organisations_are_there_as_the_networks(db):
    rows = {row.uuid: row for row in organisations.iterate(db)}
    secretariat = rows[organisation_uuid("cica-secretariat")]
    assert secretariat.kind == "international_body" and secretariat.country_code == ""
    assert secretariat.owner_state is None  # the network's reference record
    ministry = rows[organisation_uuid("kz-mshe")]
    assert ministry.name_for("kk") == "Қазақстан Республикасы Ғылым және жоғары білім министрлігі"
    assert ministry.name_for("en") == "Ministry of Science and Higher Education of the Republic of Kazakhstan"
    assert ministry.name_for("fa") == "Қазақстан Республикасы Ғылым және жоғары білім министрлігі"  # its state's
    assert {organisation_uuid(key) for key in ("enaee", "enqa", "eqar")} <= set(rows)


def test_the_list_is_filtered_searched_sorted_and_paged_in_sql(db):
    for index in range(7):
        organisations.create(db, agency(acronym=f"A{index}", names=[NameDraft(f"Agency {index:02d}", "en")]))
    organisations.create(db, agency(kind="enterprise", names=[NameDraft("KazMunayGas", "en")], standings=[]))
    query = OrganisationQuery(kind="accreditation_agency")
    first = organisations.page(db, query, limit=3)
    second = organisations.page(db, query, first.after, limit=3)
    third = organisations.page(db, query, second.after, limit=3)
    names = [row.display_name for row in first.rows + second.rows + third.rows]
    assert names == [f"Agency {index:02d}" for index in range(7)] and third.is_last
    assert organisations.count(db, OrganisationQuery(search="agency 03")) == 1
    assert organisations.count(db, OrganisationQuery(search="АКАДЕМИЧЕСКИМ рейтингам")) == 1  # IREG, in Russian
    assert organisations.count(db, OrganisationQuery(search="director@iaar")) == 8  # contacts are searched
    on = OrganisationQuery(standing="eqar_registered", today=dt.date(2020, 1, 1))
    off = OrganisationQuery(standing="eqar_registered", today=dt.date(2023, 1, 1))
    assert organisations.count(db, on) == 7 and organisations.count(db, off) == 0
    descending = organisations.page(db, OrganisationQuery(kind="accreditation_agency", sort="acronym",
                                                          descending=True), limit=2)
    assert [row.acronym for row in descending.rows] == ["A6", "A5"]


def test_pickers_by_kind_in_the_readers_language(db):
    organisations.create(db, agency())
    labels = [choice.label for choice in organisations.choices(db, kind=AGENCY_KINDS, lang="kk")]
    assert labels == ["Тәуелсіз аккредиттеу және рейтинг агенттігі"]
    ministries = organisations.choices(db, kind="ministry", lang="ru")
    assert "Министерство науки и высшего образования Республики Казахстан" in [c.label for c in ministries]
    assert organisations.count_choices(db, kind=AGENCY_KINDS) == 1
    assert len(organisations.choices(db, limit=3)) == 3


def test_contacts_are_personal_data():
    from desktop_app.storage.models import Organisation, OrganisationContact

    assert ownership.is_personal(OrganisationContact.__table__.c.email)
    assert ownership.is_personal(OrganisationContact.__table__.c.phone)
    assert ownership.is_personal(Organisation.__table__.c.search_text)
