"""The organisations behind quality work: the agency of an audit and of an accreditation, the provider of a
staff-development programme. Kept, listed, cleared when the organisation goes and linked again by undo."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.domain.errors import ValidationError
from desktop_app.domain.organisations import OrganisationDraft
from desktop_app.domain.quality import AccreditationDraft, EvaluationDraft
from desktop_app.domain.staff_development import StaffDevelopmentDraft
from desktop_app.domain.universities import NameDraft
from desktop_app.services import (
    curricula,
    evaluations,
    organisations,
    programme_accreditations,
    staff_development,
)


def _agency(db) -> int:
    return organisations.create(db, OrganisationDraft(
        "accreditation_agency", [NameDraft("Independent Agency for Accreditation and Rating", "en"),
                                 NameDraft("Тәуелсіз аккредиттеу және рейтинг агенттігі", "kk")], "KZ", "IAAR"))


def _programme(db) -> int:
    from desktop_app.exchange.curricula_demo import load_demo_curricula
    from desktop_app.exchange.demo import load_demo_universities

    load_demo_universities(db)
    load_demo_curricula(db)
    return curricula.choices(db)[0].id


def test_agency_and_provider_are_kept_listed_and_cleared_with_their_organisation(db):
    agency = _agency(db)
    programme = _programme(db)
    evaluation = evaluations.create(db, EvaluationDraft(programme, 2026, "Cycle", agency_id=agency))
    accreditation = programme_accreditations.create(db, AccreditationDraft(programme, agency_id=agency))
    course = staff_development.create(db, StaffDevelopmentDraft(
        "AI in teaching", "ai", provider_id=agency, start_date=dt.date(2026, 2, 2)))
    assert evaluations.get(db, evaluation).draft.agency_id == agency
    assert programme_accreditations.get(db, accreditation).draft.agency_id == agency
    assert staff_development.get(db, course).draft.provider_id == agency
    [listed] = staff_development.page(db).rows
    assert listed.provider == "Independent Agency for Accreditation and Rating"
    [row] = [r for r in programme_accreditations.page(db).rows if r.id == accreditation]
    assert row.agency == "Independent Agency for Accreditation and Rating"

    snapshot = organisations.delete(db, agency)  # the records stay, without their agency
    assert evaluations.get(db, evaluation).draft.agency_id is None
    assert staff_development.get(db, course).draft.provider_id is None
    restored = organisations.restore(db, snapshot)  # undo links them again
    assert evaluations.get(db, evaluation).draft.agency_id == restored
    assert programme_accreditations.get(db, accreditation).draft.agency_id == restored
    assert staff_development.get(db, course).draft.provider_id == restored


def test_an_agency_that_no_longer_exists_is_refused_and_nothing_is_written(db):
    programme = _programme(db)
    with pytest.raises(ValidationError) as refused:
        evaluations.create(db, EvaluationDraft(programme, 2026, "Cycle", agency_id=999))
    assert "agency_id" in refused.value.problems
    with pytest.raises(ValidationError) as refused:
        staff_development.create(db, StaffDevelopmentDraft("AI", "ai", provider_id=999, start_date=dt.date(2026, 1, 5)))
    assert "provider_id" in refused.value.problems
    assert evaluations.count(db) == 0 and staff_development.count(db) == 0
