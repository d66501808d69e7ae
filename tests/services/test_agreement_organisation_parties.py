"""Organisations as parties to agreements, on SQLite and PostgreSQL: a ministry and an accreditation agency
sign beside the universities; the register, the search, the EWP export (which leaves them out and says
so), delete and undo, and an organisation that signed cannot be deleted."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from desktop_app.domain.agreements import OrganisationPartyDraft, PartyRole
from desktop_app.domain.errors import ConflictError, ValidationError
from desktop_app.domain.organisations import OrganisationDraft
from desktop_app.domain.universities import NameDraft
from desktop_app.exchange import ewp_iia
from desktop_app.reports import registry
from desktop_app.reports.model import ReportOptions
from desktop_app.services import agreements, organisations, records
from desktop_app.services.agreement_search import AgreementQuery
from desktop_app.storage.models import AgreementOrganisationParty
from tests.agreements_helpers import bilateral_draft, network


def _organisation(db, kind: str, names: list[NameDraft], acronym: str, country: str = "KZ") -> int:
    return organisations.create(db, OrganisationDraft(kind, names, country, acronym))


def signatories(db) -> dict[str, int]:
    return {
        "ministry": _organisation(db, "ministry", [NameDraft("Ministry of Science and Higher Education", "en"),
                                                   NameDraft("Министерство науки и высшего образования", "ru")],
                                  "MSHE"),
        "agency": _organisation(db, "accreditation_agency",
                                [NameDraft("Independent Agency for Accreditation and Rating", "en")], "IAAR"),
    }


def signed_by_organisations(db):
    ids, orgs = network(db), signatories(db)
    draft = bilateral_draft(ids)
    draft.organisation_parties = [
        OrganisationPartyDraft(orgs["ministry"], PartyRole.NATIONAL, "Vice-Minister", dt.date(2025, 5, 21)),
        OrganisationPartyDraft(orgs["agency"], PartyRole.MEMBER, "Director")]
    return agreements.create(db, draft), draft, orgs


def test_a_ministry_and_an_agency_sign_beside_the_universities(db):
    agreement_id, draft, orgs = signed_by_organisations(db)
    assert agreements.get(db, agreement_id).draft == draft

    [row] = agreements.iterate(db, AgreementQuery(lang="ru"))
    assert [(o.name, o.organisation_kind, o.role, o.signatory) for o in row.organisation_parties] == [
        ("Министерство науки и высшего образования", "ministry", "national", "Vice-Minister"),
        ("Independent Agency for Accreditation and Rating", "accreditation_agency", "member", "Director")]
    listed = row.as_json()["parties"]
    assert [p["kind"] for p in listed] == ["university", "university", "organisation", "organisation"]
    assert listed[2]["organisation_id"] == orgs["ministry"] and listed[2]["signing_date"] == "2025-05-21"
    # Found by an organisation's name or acronym, as by a university's.
    assert [r.id for r in agreements.iterate(db, AgreementQuery(search="iaar"))] == [agreement_id]
    assert [r.id for r in agreements.iterate(db, AgreementQuery(search="accreditation rating"))] == [agreement_id]

    # An edit that keeps the agency keeps its row (its UUID), so undo and packages see a small change.
    with db.reading() as session:
        agency_uuid = session.execute(select(AgreementOrganisationParty.uuid).where(
            AgreementOrganisationParty.organisation_id == orgs["agency"])).scalar_one()
    draft.organisation_parties = draft.organisation_parties[1:]
    agreements.update(db, agreement_id, draft)
    assert agreements.get(db, agreement_id).draft.organisation_parties == draft.organisation_parties
    with db.reading() as session:
        assert session.execute(select(AgreementOrganisationParty.uuid)).scalars().all() == [agency_uuid]


def test_an_organisation_twice_or_unknown_is_refused_and_nothing_is_written(db):
    agreement_id, draft, orgs = signed_by_organisations(db)
    before = records.snapshot_of(db, "agreement", agreement_id)
    twice = [OrganisationPartyDraft(orgs["agency"]), OrganisationPartyDraft(orgs["agency"], PartyRole.FOREIGN)]
    for parties, words in ((twice, "more than once"), ([OrganisationPartyDraft(999_999)], "register of organisations"),
                           ([OrganisationPartyDraft(orgs["agency"], PartyRole.COORDINATOR)], "role")):
        draft.organisation_parties = parties
        with pytest.raises(ValidationError) as refused:
            agreements.update(db, agreement_id, draft)
        assert words in refused.value.errors["organisation_parties"]
    assert records.snapshot_of(db, "agreement", agreement_id) == before


def test_an_organisation_that_signed_cannot_be_deleted_and_undo_brings_the_parties_back(db):
    agreement_id, _draft, orgs = signed_by_organisations(db)
    with pytest.raises(ConflictError) as refused:
        organisations.delete(db, orgs["agency"])
    assert str(refused.value) == ("Independent Agency for Accreditation and Rating cannot be deleted while "
                                    "other records refer to it (1 agreement). Change or delete those first.")
    assert organisations.get(db, orgs["agency"]).id == orgs["agency"]

    before = records.snapshot_of(db, "agreement", agreement_id)
    snapshot = agreements.delete(db, agreement_id)
    with db.reading() as session:
        assert session.execute(select(func.count()).select_from(AgreementOrganisationParty)).scalar_one() == 0
    assert agreements.restore(db, snapshot) == agreement_id
    assert records.snapshot_of(db, "agreement", agreement_id) == before
    assert len(before["rows"]["agreement_organisation_parties"]) == 2


def test_the_register_lists_them_and_the_ewp_export_leaves_them_out_with_a_note(db, tmp_path):
    agreement_id, _draft, _orgs = signed_by_organisations(db)
    path = registry.build_report(db, "agreement-register", "xlsx", tmp_path / "register.xlsx",
                                 ReportOptions(lang="en", state_code="KZ", today=dt.date(2026, 1, 1)))
    sheet = load_workbook(path).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    parties = sheet.cell(2, header.index("Parties") + 1).value
    assert parties == ("Al-Farabi Kazakh National University; Tsinghua University; "
                       "Ministry of Science and Higher Education; Independent Agency for Accreditation and Rating")

    target = ewp_iia.export_agreement(db, agreement_id, tmp_path / "iia.xml")
    content = target.read_bytes()
    assert ewp_iia.validation_errors(content) == []
    assert b"Ministry" not in content and b"Director" not in content and content.count(b"<hei-id>") == 2
    note = ewp_iia.left_out_note(db, agreement_id)
    assert note.text() == ("EWP agreements are between higher education institutions only; Ministry of Science "
                           "and Higher Education and Independent Agency for Accreditation and Rating are left "
                           "out of the file.")
    # Read back, the file changes nothing of the agreement, and leaves its organisations where they were.
    before = records.snapshot_of(db, "agreement", agreement_id)
    ewp_iia.import_file(db, target)
    assert records.snapshot_of(db, "agreement", agreement_id) == before

    draft = agreements.get(db, agreement_id).draft
    draft.organisation_parties = []
    agreements.update(db, agreement_id, draft)
    assert ewp_iia.left_out_note(db, agreement_id) is None
