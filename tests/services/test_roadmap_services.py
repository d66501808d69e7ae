"""The road map through its services, on SQLite and PostgreSQL: actions (status, notes, evidence; the
concept paper's wording kept), expert meetings and working-group members, each following the contract."""

import datetime as dt

import pytest

from desktop_app.domain.errors import UserError, ValidationError
from desktop_app.domain.roadmap import ActionDraft, MeetingDraft, MemberDraft, is_overdue
from desktop_app.services import documents, meetings, records, roadmap, working_group
from desktop_app.services.meetings import MeetingQuery
from desktop_app.services.roadmap import ActionQuery
from desktop_app.services.working_group import MemberQuery
from desktop_app.storage import snapshots


def _action(db, number: int) -> roadmap.ActionRow:
    return next(row for row in roadmap.iterate(db) if row.number == number)


def test_status_overdue_evidence_and_meetings(db):
    action_id = _action(db, 5).id
    [fifth] = [a for a in roadmap.page(db, ActionQuery(today=dt.date(2024, 10, 1))).rows if a.number == 5]
    assert fifth.overdue and fifth.deadline == "Q3 2024"
    roadmap.set_status(db, action_id, "done", "Launched in Astana")
    [fifth] = [a for a in roadmap.page(db, ActionQuery(today=dt.date(2024, 10, 1))).rows if a.number == 5]
    assert not fifth.overdue and fifth.notes == "Launched in Astana"
    meetings.create(db, MeetingDraft("Experts", dt.date(2023, 6, 27), "Astana", "Minutes text", action_id))
    documents.attach_bytes(db, roadmap.DOCUMENTS, action_id, "minutes.txt", b"evidence")
    fifth = _action(db, 5)
    assert (fifth.meetings, fifth.evidence) == (1, 1)
    with pytest.raises(ValidationError):
        roadmap.set_status(db, action_id, "abandoned")
    assert _action(db, 5).status == "done"


@pytest.mark.parametrize("today", [dt.date(2023, 3, 31), dt.date(2023, 4, 1), dt.date(2024, 9, 30),
                                   dt.date(2024, 10, 1), dt.date(2030, 1, 1)])
def test_the_overdue_filter_in_sql_agrees_with_the_rule(db, today):
    roadmap.set_status(db, _action(db, 2).id, "in_progress")
    everything = roadmap.page(db, ActionQuery(today=today)).rows
    expected = [a.number for a in everything
                if is_overdue(a.status, a.deadline_year, a.deadline_quarter_to, today)]
    assert [a.number for a in roadmap.page(db, ActionQuery(today=today, overdue_only=True)).rows] == expected
    assert roadmap.count(db, ActionQuery(today=today, overdue_only=True)) == len(expected)


def test_the_road_map_is_editable_and_a_changed_deadline_keeps_its_history(db):
    first = _action(db, 1)
    draft = roadmap.get(db, first.id).draft
    original = (draft.deadline_year, draft.deadline_quarter_from, draft.deadline_quarter_to)
    draft.form_of_completion_en = "Report to the Council"
    draft.deadline_year, draft.deadline_quarter_from, draft.deadline_quarter_to = 2027, 2, 3
    roadmap.update(db, first.id, draft)
    assert roadmap.get(db, first.id).draft.form_of_completion_en == "Report to the Council"
    [change] = roadmap.deadline_history(db, first.id)
    assert change.before_parts == original and change.after_parts == (2027, 2, 3) and change.after == "Q2–Q3 2027"
    draft.notes = "No move"
    roadmap.update(db, first.id, draft)  # only a moved deadline is recorded
    assert len(roadmap.deadline_history(db, first.id)) == 1
    assert roadmap.next_number(db) == 6
    sixth = roadmap.create(db, ActionDraft(6, "A sixth action", "Report", "Working group", 2027, 1, 2))
    with pytest.raises(ValidationError) as taken:
        roadmap.create(db, ActionDraft(6, "Another sixth", "Report", "Working group", 2027, 1, 2))
    assert "number" in taken.value.problems
    with pytest.raises(UserError, match="cannot be deleted"):
        roadmap.delete(db, first.id)  # the concept paper's actions are the network's reference records
    snapshot = roadmap.delete(db, sixth)
    assert roadmap.count(db) == 5
    roadmap.restore(db, snapshot)
    assert roadmap.count(db) == 6


def test_added_actions_follow_the_whole_contract(db):
    action_id = roadmap.create(db, ActionDraft(6, "A sixth action", "Report", "Working group", 2027, 1, 2))
    meeting_id = meetings.create(db, MeetingDraft("Kick-off", dt.date(2027, 1, 20), action_id=action_id))
    documents.attach_bytes(db, roadmap.DOCUMENTS, action_id, "plan.txt", b"plan")
    before = records.snapshot_of(db, roadmap.KIND, action_id)
    snapshot = roadmap.delete(db, action_id)
    assert meetings.get(db, meeting_id).draft.action_id is None  # the meeting stays, unlinked
    assert roadmap.restore(db, snapshot) == action_id
    assert meetings.get(db, meeting_id).draft.action_id == action_id  # and is linked again
    after = records.snapshot_of(db, roadmap.KIND, action_id)
    assert snapshots.canonical_json(after) == snapshots.canonical_json(before)
    with pytest.raises(ValidationError):
        roadmap.create(db, ActionDraft(7, "", "", "", 2027, 3, 2))


def test_meetings_page_search_and_delete_with_their_documents(db):
    action_id = _action(db, 2).id
    ids = [meetings.create(db, MeetingDraft(f"Meeting {n}", dt.date(2023, 1, 1) + dt.timedelta(days=40 * n),
                                            "Astana" if n % 2 else "Алматы", f"Minutes {n}",
                                            action_id if n == 1 else None)) for n in range(9)]
    rows, after = [], None
    while True:
        page = meetings.page(db, MeetingQuery(), after, 4)
        rows += page.rows
        if page.is_last:
            break
        after = page.after
    assert [r.id for r in rows] == list(reversed(ids))
    assert meetings.count(db, MeetingQuery(search="алматы")) == 5
    assert [r.action_number for r in meetings.page(db, MeetingQuery(action_id=action_id)).rows] == [2]
    documents.attach_bytes(db, meetings.DOCUMENTS, ids[0], "minutes.pdf", b"%PDF signed minutes")
    snapshot = meetings.delete(db, ids[0])
    assert documents.list_documents(db, meetings.DOCUMENTS, ids[0]) == []
    restored = meetings.restore(db, snapshot)
    [info] = documents.list_documents(db, meetings.DOCUMENTS, restored)
    assert documents.document_content(db, info.id)[1] == b"%PDF signed minutes"
    with pytest.raises(ValidationError):
        meetings.create(db, MeetingDraft("  ", dt.date(2024, 1, 1)))


def test_members_masked_unless_revealed_paged_by_state_and_name(db):
    people = [("KZ", "Asel Nurpeisova"), ("KZ", "Berik Aliyev"), ("CN", "Wang Fang"), ("TR", "Mehmet Kaya"),
              ("KZ", "Aidana Sarsen"), ("CN", "Li Na")]
    for country, name in people:
        working_group.create(db, MemberDraft(country.lower(), name, name.split()[0].lower() + "@example.org",
                                             "Ministry", "Member"))
    masked = working_group.page(db).rows
    assert [m.name for m in masked] == ["L. N.", "W. F.", "A. S.", "A. N.", "B. A.", "M. K."]
    assert {m.email for m in masked} == {"•••"}
    rows, after = [], None
    while True:
        page = working_group.page(db, MemberQuery(reveal_personal=True), after, 4)
        rows += page.rows
        if page.is_last:
            break
        after = page.after
    assert [(m.country_code, m.name) for m in rows] == sorted(people)
    assert [m.name for m in working_group.page(db, MemberQuery(country="cn", reveal_personal=True)).rows] == [
        "Li Na", "Wang Fang"]
    assert working_group.count(db, MemberQuery(search="BERIK")) == 1
    with pytest.raises(ValidationError) as refused:
        working_group.create(db, MemberDraft("", " ", "no-at-sign"))
    assert set(refused.value.problems) == {"country_code", "name", "email"}
    assert working_group.count(db) == 6
