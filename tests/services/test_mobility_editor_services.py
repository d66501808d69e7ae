"""What the mobility editors ask of the services, on SQLite and PostgreSQL: the mobility list filtered to the
learning agreements waiting for a signature, a mobility chosen before named in a picker without the
person, scholarship programmes counted as the list finds them, a changed agreement put back by its
snapshot, and the list of agreements giving the same figures in one round trip."""

import dataclasses

from desktop_app.domain.learning_agreements import VersionDraft
from desktop_app.domain.scholarships import BudgetDraft, ScholarshipDraft
from desktop_app.services import learning_agreements, mobility, records, scholarships
from tests.mobility_helpers import agreement_with_a_change, mobility_with_agreement, student_mobility, two_universities


def test_the_mobility_list_shows_the_agreements_waiting_for_a_signature(db):
    signed = mobility_with_agreement(db)
    sending, receiving = two_universities(db)
    waiting = student_mobility(db, sending, receiving)
    draft = agreement_with_a_change()
    draft.versions = draft.versions[:1]
    draft.versions[0].sending_signed_at = None
    learning_agreements.save(db, waiting, draft)
    student_mobility(db, sending, receiving)  # no agreement at all: not waiting for a signature
    query = mobility.MobilityQuery(awaiting_signature=True)
    assert [row.id for row in mobility.page(db, query).rows] == [waiting]
    assert mobility.count(db, query) == 1
    assert signed not in [row.id for row in mobility.page(db, query).rows]


def test_a_chosen_mobility_is_named_by_its_universities_never_the_person(db):
    mobility_id = mobility_with_agreement(db)
    [choice] = mobility.choices_of(db, [mobility_id])
    assert choice.id == mobility_id and "→" in choice.label and "Aigerim" not in choice.label
    assert mobility.choices_of(db, []) == []


def test_scholarship_programmes_are_counted_as_the_list_finds_them(db):
    for name, currency in (("CICA Mobility Grant", "EUR"), ("Bolashak short stays", "KZT")):
        scholarships.create(db, ScholarshipDraft(name, currency, 100.0, budgets=[BudgetDraft(2026, 1000.0)]))
    assert scholarships.count(db) == 2
    assert scholarships.count(db, scholarships.ScholarshipQuery(search="bolashak")) == 1
    assert scholarships.count(db, scholarships.ScholarshipQuery(currency="eur")) == 1


def test_a_new_version_saved_is_undone_by_the_snapshot_taken_before(db):
    mobility_id = mobility_with_agreement(db)
    before = records.snapshot_of(db, mobility.KIND, mobility_id)
    draft = learning_agreements.get_for(db, mobility_id).draft
    changed = [dataclasses.replace(c, uuid=None) for c in draft.latest.components]
    changed[0].credits = 4.0
    draft.versions.append(VersionDraft(3, changed, reason="Course cancelled"))
    learning_agreements.save(db, mobility_id, draft)
    records.replace_record(db, before, mobility.TOPICS)
    assert [v.number for v in learning_agreements.get_for(db, mobility_id).draft.versions] == [1, 2]


def test_the_list_of_agreements_counts_signatures_and_sums_credits(db):
    mobility_id = mobility_with_agreement(db)
    [row] = learning_agreements.page(db).rows
    assert (row.mobility_id, row.version, row.status, row.signed) == (mobility_id, 2, "signed", True)
    assert (row.credits_studied, row.credits_recognised) == (11.0, 11.0)
    assert learning_agreements.page(db, learning_agreements.AgreementQuery(unsigned_only=True)).rows == []
