import pytest
from sqlalchemy.exc import IntegrityError

from desktop_app.domain.errors import ConflictError
from desktop_app.domain.universities import NameDraft, NetworkRole, UniversityDraft
from desktop_app.services import dashboard, states, universities
from desktop_app.storage.models import University


def test_states_are_named_from_cldr_in_the_requested_language(db):
    listed = states.list_states(db, "kk")
    members = [s for s in listed if s.member]
    assert len(members) == 28
    assert {s.code: s.name for s in listed}["KZ"] == "Қазақстан"
    assert {s.code: s.name for s in states.list_states(db, "ru")}["CN"] == "Китай"
    assert not {s.code for s in listed if not s.member} & {s.code for s in members}


def _parent(country: str, name: str) -> UniversityDraft:
    return UniversityDraft(country_code=country, names=[NameDraft(name, "en")], network_role=NetworkRole.PARENT)


def test_one_parent_university_per_state_in_the_service(db):
    universities.create(db, _parent("KZ", "First"))
    with pytest.raises(ConflictError) as raised:
        universities.create(db, _parent("KZ", "Second"))
    assert "First" in raised.value.text
    universities.create(db, _parent("CN", "Other country"))


def test_one_parent_university_per_state_in_the_database(db):
    universities.create(db, _parent("KZ", "First"))
    with pytest.raises(IntegrityError), db.transaction() as session:
        session.add(University(country_code="KZ", network_role="parent", display_name="Bypass"))


def test_a_failed_unit_of_work_leaves_nothing_behind(db):
    with pytest.raises(RuntimeError), db.transaction(changes={"universities"}) as session:
        session.add(University(country_code="KZ", display_name="Half-written"))
        session.flush()
        raise RuntimeError("interrupted")
    assert universities.count(db) == 0


def test_listeners_hear_committed_changes_only(db):
    heard = []
    db.subscribe(heard.append)
    universities.create(db, _parent("KZ", "First"))
    with pytest.raises(ConflictError):
        universities.create(db, _parent("KZ", "Second"))
    assert heard == [frozenset({"universities"})]


def test_dashboard_counts_are_live(db):
    before = dashboard.live_counts(db)
    universities.create(db, _parent("KZ", "First"))
    after = dashboard.live_counts(db)
    assert before["member_states"] == 28
    assert after["universities"] == before["universities"] + 1
    assert after["parent_universities"] == 1
