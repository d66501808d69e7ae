import datetime as dt
import hashlib

import pytest

from desktop_app.domain.errors import ValidationError
from desktop_app.services import agreements, documents
from tests.agreements_helpers import bilateral_draft, network


def test_agreement_round_trips_through_the_database_and_lists_when_expiring(db):
    ids = network(db)
    draft = bilateral_draft(ids)
    agreement_id = agreements.create_agreement(db, draft)
    _uuid, stored = agreements.get_agreement(db, agreement_id)
    assert stored == draft
    today = dt.date(2030, 7, 1)
    assert [r.id for r in agreements.list_agreements(db, expiring_within=90, today=today)] == [agreement_id]
    assert agreements.list_agreements(db, expiring_within=30, today=today) == []
    assert [r.id for r in agreements.list_agreements(db, search="tsinghua")] == [agreement_id]
    with db.reading() as session:
        assert agreements.expiring_count(session, 90, today) == 1


def test_invalid_agreement_is_refused_with_field_errors(db):
    ids = network(db)
    draft = bilateral_draft(ids)
    draft.parties = draft.parties[:1]
    with pytest.raises(ValidationError) as caught:
        agreements.create_agreement(db, draft)
    assert "parties" in caught.value.errors


def test_strategic_warnings_read_the_foreign_partners_rankings(db):
    ids = network(db)
    draft = bilateral_draft(ids)
    draft.kind, draft.approach, draft.funding_sources = "strategic", "joint_venture", "Grants"
    draft.national_staff_percent, draft.foreign_staff_percent = 70, 30
    assert agreements.partnership_warnings(db, draft) == []
    draft.parties[1].university_id = ids["unranked"]
    warnings = agreements.partnership_warnings(db, draft)
    assert len(warnings) == 1 and "Example Technical University" in warnings[0]


def test_documents_keep_their_checksum(db):
    ids = network(db)
    agreement_id = agreements.create_agreement(db, bilateral_draft(ids))
    content = "Скан соглашения".encode()
    document_id = documents.attach_bytes(db, "agreement", agreement_id, "agreement.pdf", content)
    [info] = documents.list_documents(db, "agreement", agreement_id)
    assert info.sha256 == hashlib.sha256(content).hexdigest()
    assert documents.document_content(db, document_id) == ("agreement.pdf", content)
    agreements.delete_agreement(db, agreement_id)
    assert documents.list_documents(db, "agreement", agreement_id) == []
