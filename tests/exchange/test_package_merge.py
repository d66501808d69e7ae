"""Two coordinators exchange packages: what one changed arrives, what both changed is a conflict
listed field by field and decided by the receiver, what one deleted goes when the receiver confirms,
and nothing is ever overwritten silently. On SQLite and PostgreSQL."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select

from desktop_app.domain.errors import UserError
from desktop_app.exchange import package_import, package_writer
from desktop_app.services import exchange_identity, package_conflicts, records, universities
from desktop_app.storage.models import JointEvent, LinkedRecord, University
from desktop_app.storage.ownership import OWNER_COLUMN
from tests.exchange.package_helpers import IR, KZ, another_database, load_demo_with_files


@pytest.fixture
def coordinators(db, request, tmp_path):
    """A (Kazakhstan) has sent its first package to B (Iran), which imported it."""
    a = db
    load_demo_with_files(a, "KZ")
    b = another_database(request, a)
    exchange_identity.ensure_identity(b, "IR")
    first = package_writer.export_package(a, tmp_path / "first.cicapkg", options=KZ)
    assert package_import.import_package(b, first.path, options=IR, trust_key=True).totals()["conflicts"] == 0
    return a, b


def _university_ids(db, count=3) -> list[tuple[int, str]]:
    with db.reading() as session:
        return list(session.execute(select(University.id, University.uuid).order_by(University.uuid)).all()[:count])


def _id_of(db, uuid: str) -> int:
    with db.reading() as session:
        return session.execute(select(University.id).where(University.uuid == uuid)).scalar_one()


def _edit(db, university_id: int, **values) -> None:
    record = universities.get(db, university_id)
    for name, value in values.items():
        setattr(record.draft, name, value)
    universities.update(db, university_id, record.draft)


def test_second_package_shows_two_changed_one_deleted_one_conflict_and_keeps_b_edit(coordinators, tmp_path):
    a, b = coordinators
    changed = _university_ids(a)
    for index, (university_id, _uuid) in enumerate(changed):
        _edit(a, university_id, city=f"Changed by A {index}", notes="A's note")
    with a.reading() as session:
        event_id, event_uuid = session.execute(select(JointEvent.id, JointEvent.uuid).order_by(JointEvent.id)).first()
    records.delete_record(a, "event", event_id, ())
    shared_uuid = changed[0][1]
    _edit(b, _id_of(b, shared_uuid), city="Changed by B", website="https://b.example.org")
    time.sleep(0.01)
    second = package_writer.export_package(a, tmp_path / "second.cicapkg", options=KZ)

    preview = package_import.import_package(b, second.path, options=IR, dry_run=True)
    assert preview.totals() | {"unchanged": 0} == {"new": 0, "changed": 2, "unchanged": 0, "deleted": 1,
                                                   "conflicts": 1, "refused": 0}
    notes = {note.uuid: note for counts in preview.kinds.values() for note in counts.notes}
    assert notes[changed[1][1]].fields == ["city", "notes"]
    assert notes[event_uuid].status == "deleted"
    assert notes[shared_uuid].status == "conflicts"
    assert universities.get(b, _id_of(b, changed[1][1])).draft.city != "Changed by A 1"  # a preview writes nothing

    result = package_import.import_package(b, second.path, options=IR)
    assert result.totals()["changed"] == 2 and result.totals()["deleted"] == 1 and result.totals()["conflicts"] == 1
    assert universities.get(b, _id_of(b, changed[1][1])).draft.city == "Changed by A 1"
    with b.reading() as session:
        assert session.execute(select(JointEvent).where(JointEvent.uuid == event_uuid)).first() is None
    ours = universities.get(b, _id_of(b, shared_uuid)).draft
    assert (ours.city, ours.website) == ("Changed by B", "https://b.example.org")  # B's edit survives

    [conflict] = package_conflicts.list_conflicts(b)
    assert conflict.reason == "changed" and conflict.state_code == "KZ"
    assert sorted(conflict.field_names) == ["city", "notes", "website"]
    assert {f["field"]: f["theirs"] for f in conflict.fields}["city"] == "Changed by A 0"
    # A third package with nothing new keeps the conflict listed and B's record as it is.
    third = package_writer.export_package(a, tmp_path / "third.cicapkg", options=KZ)
    assert package_import.import_package(b, third.path, options=IR).totals()["conflicts"] == 1
    assert len(package_conflicts.list_conflicts(b)) == 1
    assert universities.get(b, _id_of(b, shared_uuid)).draft.city == "Changed by B"

    [conflict] = package_conflicts.list_conflicts(b)
    with pytest.raises(UserError, match="website"):
        package_conflicts.resolve(b, conflict.id, fields={"city": "theirs", "notes": "theirs"})
    decided = package_conflicts.resolve(b, conflict.id, fields={"city": "theirs", "notes": "theirs",
                                                                "website": "ours"})
    assert decided.status == "resolved" and decided.decision["city"] == "theirs"
    merged = universities.get(b, _id_of(b, shared_uuid)).draft
    assert (merged.city, merged.notes, merged.website) == ("Changed by A 0", "A's note", "https://b.example.org")
    assert package_conflicts.list_conflicts(b) == []


def test_deletions_wait_for_confirmation(coordinators, tmp_path):
    a, b = coordinators
    with a.reading() as session:
        event_id, event_uuid = session.execute(select(JointEvent.id, JointEvent.uuid).order_by(JointEvent.id)).first()
    records.delete_record(a, "event", event_id, ())
    second = package_writer.export_package(a, tmp_path / "second.cicapkg", options=KZ)
    result = package_import.import_package(b, second.path, options=IR, apply_deletions=False)
    assert result.totals()["deleted"] == 1
    with b.reading() as session:
        assert session.execute(select(JointEvent).where(JointEvent.uuid == event_uuid)).first() is not None
    package_import.import_package(b, second.path, options=IR)
    with b.reading() as session:
        assert session.execute(select(JointEvent).where(JointEvent.uuid == event_uuid)).first() is None


def test_a_package_changes_only_its_senders_records(coordinators, tmp_path):
    a, b = coordinators
    from desktop_app.exchange.demo import load_demo_universities  # noqa: F401  (the register exists already)

    known_id, known_uuid = _university_ids(a, 1)[0]
    record = universities.get(a, known_id)
    record.draft.ror_id, record.draft.network_role = None, "member"
    record.draft.names[0].value = "A university of Türkiye kept by Kazakhstan"
    new_id = universities.create(a, record.draft)
    with a.transaction() as session:  # both now claim another owner than the sender
        session.get(University, known_id).owner_state = "TR"
        session.get(University, new_id).owner_state = "TR"
        new_uuid = session.get(University, new_id).uuid
    package = package_writer.export_package(a, tmp_path / "all.cicapkg", options=KZ, everything=True)
    result = package_import.import_package(b, package.path, options=IR)
    refused = {n.uuid: n.message.text() for n in result.kinds["university"].notes if n.status == "refused"}
    assert "belongs to Kazakhstan here" in refused[known_uuid]
    assert "a package from Kazakhstan cannot create or change it" in refused[new_uuid]
    with b.reading() as session:
        assert session.execute(select(University.__table__.c[OWNER_COLUMN]).where(
            University.uuid == known_uuid)).scalar() == "KZ"
        assert session.execute(select(University).where(University.uuid == new_uuid)).first() is None


def test_the_same_university_under_another_uuid_is_asked_about(db, request, tmp_path):
    a = db
    load_demo_with_files(a, "KZ")
    b = another_database(request, a)
    exchange_identity.ensure_identity(b, "IR")
    from desktop_app.exchange.demo import load_demo_universities

    load_demo_universities(b)  # B built its own register: the same institutions, other UUIDs
    with b.transaction() as session:  # a ROR id B does not have: matched by name and country only
        tsinghua = session.execute(select(University).where(University.ror_id == "03cve4549")).scalar_one()
        tsinghua.ror_id = None
    package = package_writer.export_package(a, tmp_path / "kz.cicapkg", options=KZ)
    result = package_import.import_package(b, package.path, options=IR, trust_key=True)
    same = [c for c in result.conflicts if c.reason == "same-record"]
    assert len(same) == 19 and result.kinds["university"].new == 0
    waiting = [c for c in result.conflicts if c.reason == "missing-reference"]
    assert waiting  # agreements and the rest wait for the decision about their universities
    by_label = {c.label: c for c in same}
    for conflict in same:
        package_conflicts.resolve(b, conflict.id, take="ours")  # the same institution: link them
    assert package_conflicts.list_conflicts(b) == []  # what waited is added by itself
    with b.reading() as session:
        linked = set(session.execute(select(LinkedRecord.their_uuid)).scalars())
    assert len(linked) == 19 and by_label["Tsinghua University"].uuid in linked
    again = package_import.import_package(b, package.path, options=IR)
    assert again.totals()["conflicts"] == 0 and again.totals()["new"] == 0


def test_a_package_since_a_date_holds_only_what_changed_and_an_older_package_is_refused(coordinators, tmp_path):
    import datetime as dt

    from desktop_app.domain.progress import Progress
    from desktop_app.storage.integrity import check_database
    from tests.exchange.package_helpers import snapshot_state

    a, b = coordinators
    older = package_writer.export_package(a, tmp_path / "older.cicapkg", options=KZ)
    since = dt.datetime.now(dt.UTC)
    time.sleep(0.01)
    university_id, uuid = _university_ids(a, 1)[0]
    _edit(a, university_id, notes="Only this changed")
    with a.reading() as session:
        event_id, event_uuid = session.execute(select(JointEvent.id, JointEvent.uuid).order_by(JointEvent.id)).first()
    records.delete_record(a, "event", event_id, ())
    recent = package_writer.export_package(a, tmp_path / "recent.cicapkg", options=KZ, since=since)
    assert recent.counts == {"university": 1} and recent.deleted == 1
    result = package_import.import_package(b, recent.path, options=IR)
    assert result.totals() | {"unchanged": 0} == {"new": 0, "changed": 1, "unchanged": 0, "deleted": 1,
                                                  "conflicts": 0, "refused": 0}
    assert universities.get(b, _id_of(b, uuid)).draft.notes == "Only this changed"

    before = snapshot_state(b)
    with pytest.raises(UserError, match="before the last one received"):
        package_import.import_package(b, older.path, options=IR)
    assert snapshot_state(b) == before

    # Cancelled halfway, an import leaves the database as it was.
    _edit(a, university_id, notes="Changed again")
    latest = package_writer.export_package(a, tmp_path / "latest.cicapkg", options=KZ)

    class CancelAtOnce(Progress):
        def report(self, done, total, message=""):
            self.cancel()

    from desktop_app.domain.errors import Cancelled

    before = snapshot_state(b)
    with pytest.raises(Cancelled):
        package_import.import_package(b, latest.path, options=IR, progress=CancelAtOnce())
    assert snapshot_state(b) == before
    assert check_database(b.url).ok


def _change(db, kind: str, uuid: str, **values) -> None:
    """A change to any kind of record, put in place the way undo puts an edit back."""
    from desktop_app.storage import package_rows

    root = package_rows.layout(kind).root
    with db.reading() as session:
        record_id = session.execute(select(root.c.id).where(root.c.uuid == uuid)).scalar_one()
    snap = records.snapshot_of(db, kind, record_id)
    snap["rows"][root.name][0].update(values)
    records.replace_record(db, snap, ())


def test_a_record_deleted_here_but_changed_there_is_a_conflict(coordinators, tmp_path):
    from desktop_app.storage.models import WorkingGroupMember

    a, b = coordinators
    with b.reading() as session:
        member_id, uuid = session.execute(select(WorkingGroupMember.id, WorkingGroupMember.uuid)
                                          .order_by(WorkingGroupMember.uuid)).first()
    records.delete_record(b, "working_group_member", member_id, ())
    unchanged = package_writer.export_package(a, tmp_path / "same.cicapkg", options=KZ)
    assert package_import.import_package(b, unchanged.path, options=IR).totals()["conflicts"] == 0  # stays deleted
    with b.reading() as session:
        assert session.execute(select(WorkingGroupMember).where(WorkingGroupMember.uuid == uuid)).first() is None
    _change(a, "working_group_member", uuid, role="Chair of the working group")
    changed = package_writer.export_package(a, tmp_path / "changed.cicapkg", options=KZ)
    result = package_import.import_package(b, changed.path, options=IR)
    [conflict] = [c for c in result.conflicts if c.uuid == uuid]
    assert conflict.reason == "deleted-here"
    package_conflicts.resolve(b, conflict.id, take="theirs")  # bring it back as they have it
    with b.reading() as session:
        assert session.execute(select(WorkingGroupMember.role).where(WorkingGroupMember.uuid == uuid)
                               ).scalar_one() == "Chair of the working group"
