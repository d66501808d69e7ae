import datetime as dt
import hashlib

import pytest

from desktop_app.domain.agreements import AgreementStatus, IndicatorDraft
from desktop_app.domain.errors import NotFoundError, UserError, ValidationError
from desktop_app.services import agreements, documents, records, universities
from desktop_app.services.agreement_search import SORT_KEYS, AgreementQuery
from desktop_app.storage import snapshots
from desktop_app.storage.models import MobilityRecord
from tests.agreements_helpers import bilateral_draft, network


def test_agreement_round_trips_through_the_database_and_lists_when_expiring(db):
    ids = network(db)
    draft = bilateral_draft(ids)
    agreement_id = agreements.create(db, draft)
    record = agreements.get(db, agreement_id)
    assert record.draft == draft and record.id == agreement_id and record.facts["title"] == draft.title
    today = dt.date(2030, 7, 1)
    assert [r.id for r in _all(db, expiring=True, horizon_days=90, today=today)] == [agreement_id]
    assert _all(db, expiring=True, horizon_days=30, today=today) == []
    assert agreements.count(db, AgreementQuery(expiring=True, horizon_days=90, today=today)) == 1
    [row] = _all(db, today=today, horizon_days=90)
    assert (row.days_left, row.expiring) == (61, True)
    assert [(p.name, p.country, p.role) for p in row.parties] == [
        ("Al-Farabi Kazakh National University", "KZ", "national"), ("Tsinghua University", "CN", "foreign")]
    assert _all(db, today=today, horizon_days=60)[0].expiring is False


def _all(db, **query):
    return list(agreements.iterate(db, AgreementQuery(**query)))


def test_search_finds_titles_numbers_signatories_and_parties_by_any_of_their_names(db):
    from desktop_app.domain.universities import NameDraft

    ids = network(db)
    first = agreements.create(db, bilateral_draft(ids))
    other = bilateral_draft(ids)
    other.title, other.reference = "Double degree in water management", "ENU-ETU-7"
    other.parties[0].university_id, other.parties[1].university_id = ids["enu"], ids["unranked"]
    other.parties[0].signatory = "Sydykov, Rector"
    other.conditions = []
    second = agreements.create(db, other)
    for words, expected in (("tsinghua", [first]), ("KAZNU-THU", [first]), ("zhanseitov", [first]),
                            ("WATER", [second]), ("enu-etu", [second]), ("sydykov", [second]),
                            ("exchange tsinghua", [first]), ("exchange gumilyov", []), ("", [first, second])):
        assert sorted(r.id for r in _all(db, search=words)) == sorted(expected), words
    # A party renamed (a Kazakh name added) after the agreement was saved is found by its new name.
    university = universities.get(db, ids["enu"])
    university.draft.names.append(NameDraft("Л.Н. Гумилев атындағы Еуразия ұлттық университеті", "kk"))
    universities.update(db, ids["enu"], university.draft)
    assert [r.id for r in _all(db, search="Еуразия")] == [second]
    # Names are given in the language asked for, where the register has one.
    [row] = _all(db, search="water", lang="kk")
    assert row.parties[0].name == "Л.Н. Гумилев атындағы Еуразия ұлттық университеті"


def test_pages_follow_one_another_in_every_order_without_gaps_or_repeats(db):
    ids = network(db)
    made = []
    for number in range(11):
        draft = bilateral_draft(ids)
        draft.title = f"Agreement {number:02d}"
        draft.reference = f"N-{10 - number}"
        draft.status = [AgreementStatus.ACTIVE, AgreementStatus.DRAFT, AgreementStatus.SIGNED][number % 3]
        draft.valid_to = None if number % 4 == 0 else dt.date(2030, 1, 1 + number % 3)  # ties and gaps
        draft.signing_date = None if number % 5 == 0 else dt.date(2024, 1, 1 + number % 2)
        draft.conditions = []
        made.append((agreements.create(db, draft), draft))
    for sort in SORT_KEYS:
        for descending in (False, True):
            query = AgreementQuery(sort=sort, descending=descending)
            paged, after = [], None
            while True:
                page = agreements.page(db, query, after, limit=3)
                paged += page.rows
                if page.is_last:
                    break
                after = page.after
            assert sorted(r.id for r in paged) == sorted(i for i, _d in made), (sort, descending)
            assert paged == agreements.page(db, query, limit=100).rows, (sort, descending)
    ends = [r.valid_to for r in agreements.page(db, AgreementQuery(), limit=100).rows]
    assert ends == sorted(d for d in ends if d) + [None] * ends.count(None)  # open-ended agreements last
    titles = [r.title for r in agreements.page(db, AgreementQuery(sort="title", descending=True), limit=100).rows]
    assert titles == sorted(titles, reverse=True)
    only = _all(db, status=AgreementStatus.SIGNED, kind="bilateral")
    assert {r.status for r in only} == {AgreementStatus.SIGNED} and len(only) == 3


def test_choices_list_agreements_by_title(db):
    ids = network(db)
    for title in ("Zeta exchange", "Alpha exchange"):
        draft = bilateral_draft(ids)
        draft.title = title
        agreements.create(db, draft)
    assert [c.label for c in agreements.choices(db)] == ["Alpha exchange", "Zeta exchange"]
    assert [c.label for c in agreements.choices(db, search="zeta")] == ["Zeta exchange"]
    assert len(agreements.choices(db, limit=1)) == 1


def test_invalid_agreement_is_refused_with_field_errors(db):
    ids = network(db)
    draft = bilateral_draft(ids)
    draft.parties = draft.parties[:1]
    with pytest.raises(ValidationError) as caught:
        agreements.create(db, draft)
    assert "parties" in caught.value.errors
    assert "parties" in agreements.validate(draft)
    draft = bilateral_draft(ids)
    draft.parties[1].university_id = 999_999
    with pytest.raises(ValidationError, match="not in the university register"):
        agreements.create(db, draft)
    assert _all(db) == []


def test_strategic_warnings_read_the_foreign_partners_rankings(db):
    ids = network(db)
    draft = bilateral_draft(ids)
    draft.kind, draft.approach, draft.funding_sources = "strategic", "joint_venture", "Grants"
    draft.national_staff_percent, draft.foreign_staff_percent = 70, 30
    assert agreements.partnership_warnings(db, draft) == []
    draft.parties[1].university_id = ids["unranked"]
    warnings = agreements.partnership_warnings(db, draft)
    assert len(warnings) == 1 and "Example Technical University" in warnings[0]


def test_delete_and_restore_bring_back_the_agreement_with_its_documents(db):
    ids = network(db)
    draft = bilateral_draft(ids)
    draft.indicators = [IndicatorDraft("Joint publications", 2025, 10, 12, "articles")]
    agreement_id = agreements.create(db, draft)
    content = "Скан соглашения".encode() + bytes(range(256))
    document_id = agreements.attach_document(db, agreement_id, "agreement.pdf", content)
    [info] = agreements.list_documents(db, agreement_id)
    assert info.sha256 == hashlib.sha256(content).hexdigest()
    assert documents.document_content(db, document_id) == ("agreement.pdf", content)
    with db.transaction() as session:  # a mobility record under the agreement (written as its area does)
        record = MobilityRecord(person_kind="student", format="semester", sending_university_id=ids["kaznu"],
                                receiving_university_id=ids["ranked"], start_date=dt.date(2025, 9, 1),
                                end_date=dt.date(2026, 1, 31), agreement_id=agreement_id)
        session.add(record)
        session.flush()
        mobility_id = record.id

    def linked_agreement():
        with db.reading() as session:
            return session.get(MobilityRecord, mobility_id).agreement_id

    before = snapshots.fingerprint(records.snapshot_of(db, agreements.KIND, agreement_id))

    snapshot = agreements.delete(db, agreement_id)
    assert agreements.list_documents(db, agreement_id) == [] and _all(db) == []
    assert linked_agreement() is None  # the mobility record stays
    with pytest.raises(NotFoundError):
        agreements.get(db, agreement_id)

    assert agreements.restore(db, snapshot) == agreement_id
    assert snapshots.fingerprint(records.snapshot_of(db, agreements.KIND, agreement_id)) == before
    assert agreements.get(db, agreement_id).draft == draft
    [info] = agreements.list_documents(db, agreement_id)
    assert documents.document_content(db, info.id) == ("agreement.pdf", content)
    assert linked_agreement() == agreement_id


def test_documents_belong_to_an_existing_agreement(db):
    ids = network(db)
    agreement_id = agreements.create(db, bilateral_draft(ids))
    with pytest.raises(NotFoundError):
        agreements.attach_document(db, 999_999, "x.txt", b"x")
    document_id = agreements.attach_document(db, agreement_id, "x.txt", b"x")
    other = agreements.create(db, bilateral_draft(ids))
    with pytest.raises(NotFoundError):
        agreements.remove_document(db, other, document_id)  # not that agreement's document
    agreements.remove_document(db, agreement_id, document_id)
    assert agreements.list_documents(db, agreement_id) == []


def test_an_edit_keeps_the_identity_of_what_stays(db):
    ids = network(db)
    draft = bilateral_draft(ids)
    agreement_id = agreements.create(db, draft)
    before = records.snapshot_of(db, agreements.KIND, agreement_id)
    draft.parties.reverse()  # the same parties in another order, a condition's flow reversed with them
    for condition in draft.conditions:
        condition.sending_index, condition.receiving_index = condition.receiving_index, condition.sending_index
    draft.title = "Renamed"
    agreements.update(db, agreement_id, draft)
    after = records.snapshot_of(db, agreements.KIND, agreement_id)
    for table in ("agreement_parties", "agreement_conditions"):
        assert {r["uuid"] for r in before["rows"][table]} == {r["uuid"] for r in after["rows"][table]}
    assert agreements.get(db, agreement_id).draft == draft
    records.replace_record(db, before, agreements.TOPICS)  # undo of the edit
    assert agreements.get(db, agreement_id).draft == bilateral_draft(ids)


def test_an_import_is_one_transaction(db):
    ids = network(db)
    good, bad = bilateral_draft(ids), bilateral_draft(ids)
    bad.parties = bad.parties[:1]
    with pytest.raises(UserError, match="Agreement 2"):
        agreements.import_agreements(db, [(None, good), (None, bad)])
    assert _all(db) == []  # the first one was not kept either
    uuid = "6a0f7d7e-1b4c-4f5e-9a55-2f0c9e4d6b11"
    outcome = agreements.import_agreements(db, [(uuid, good), (None, bilateral_draft(ids))])
    assert len(outcome.created) == 2 and outcome.skipped == []
    again = agreements.import_agreements(db, [(uuid, bad)])  # already recorded: left alone, not checked
    assert again.created == [] and again.skipped == [uuid]


