"""Bodies and decisions through their services, on SQLite and PostgreSQL: the contract (create, get, update,
delete and restore by snapshot), the chairmanship and its rotation, follow-up actions kept with their
decision, overdue ones found in SQL and put first, and deletes refused while something names the record."""

import datetime as dt

import pytest

from desktop_app.domain.errors import UserError, ValidationError
from desktop_app.domain.governance import (
    BodyDraft,
    BodyNameDraft,
    ChairDraft,
    DecisionDraft,
    DecisionTextDraft,
    FollowUpDraft,
)
from desktop_app.services import bodies, decisions, records
from desktop_app.services.decisions import DecisionQuery
from desktop_app.storage import snapshots
from desktop_app.storage.governance_reference import body_uuid, organisation_uuid

TODAY = dt.date(2026, 12, 3)


def council(**changes) -> BodyDraft:
    draft = BodyDraft("council", [BodyNameDraft("International Council of the Partnership Network", "en"),
                                  BodyNameDraft("Международный совет Партнерской сети", "ru")],
                      "IC", dt.date(2024, 10, 1), "Formulates recommendations to the network",
                      chairs=[ChairDraft("permanent_co_chair", None, "KZ"),
                              ChairDraft("permanent_co_chair", None, "CN"),
                              ChairDraft("chair", 2025, "KZ"), ChairDraft("chair", 2026, "UZ"),
                              ChairDraft("host", 2026, "UZ", notes="Tashkent")])
    for name, value in changes.items():
        setattr(draft, name, value)
    return draft


def _id_of(db, model, uuid):
    from sqlalchemy import select

    with db.reading() as session:
        return session.execute(select(model.id).where(model.uuid == uuid)).scalar_one()


def recommendation(body_id, ministry_id, **changes) -> DecisionDraft:
    draft = DecisionDraft("recommendation", body_id, dt.date(2025, 10, 15),
                          [DecisionTextDraft("en", "Evaluate joint programmes every three years", "The council …"),
                           DecisionTextDraft("ru", "Оценивать совместные программы раз в три года")],
                          "IC/2025/3",
                          follow_ups=[FollowUpDraft("Draft the evaluation procedure", dt.date(2026, 3, 1),
                                                    "in_progress", organisation_id=ministry_id),
                                      FollowUpDraft("Collect the first self-evaluations", dt.date(2027, 6, 30),
                                                    responsible="Rectors of the partner universities"),
                                      FollowUpDraft("Announce the procedure", dt.date(2025, 11, 1), "done",
                                                    responsible="Secretariat", completed_on=dt.date(2025, 11, 20),
                                                    evidence="Letter HD/512")])
    for name, value in changes.items():
        setattr(draft, name, value)
    return draft


def test_body_contract_and_rotation(db):
    body_id = bodies.create(db, council())
    assert bodies.get(db, body_id).draft == council()
    row = next(row for row in bodies.iterate(db) if row.id == body_id)
    assert row.chair_in(2026).country_code == "UZ" and row.chair_in(2024) is None
    assert [c["year"] for c in row.as_json()["chairmanship"]] == [2025, 2026, 2026, None, None]
    assert row.name_for("ru") == "Международный совет Партнерской сети"
    changed = council()
    changed.chairs.append(ChairDraft("chair", 2027, "TJ"))
    bodies.update(db, body_id, changed)
    after = records.snapshot_of(db, "body", body_id)
    snapshot = bodies.delete(db, body_id)
    assert bodies.count(db, bodies.BodyQuery(search="council")) == 0
    assert bodies.restore(db, snapshot) == body_id
    assert snapshots.canonical(records.snapshot_of(db, "body", body_id)) == snapshots.canonical(after)
    # The bodies the road map set up are in every database.
    assert {choice.uuid for choice in bodies.choices(db)} >= {body_uuid("working-group"), body_uuid("expert-meetings")}


def test_body_validation(db):
    draft = council(names=[], kind="club", chairs=[ChairDraft("chair", None, "KZ"), ChairDraft("host", 1700, ""),
                                                   ChairDraft("chair", 2025, "KZ", university_id=1, organisation_id=1)])
    problems = bodies.validate(draft)
    assert {"kind", "names", "chairs[0].year", "chairs[1].year", "chairs[2].holder"} <= set(problems)
    with pytest.raises(ValidationError):
        bodies.create(db, draft)
    assert bodies.count(db) == 2


def test_decision_with_follow_up(db):
    from desktop_app.storage.models import Organisation

    body_id = bodies.create(db, council())
    ministry_id = _id_of(db, Organisation, organisation_uuid("kz-mshe"))
    decision_id = decisions.create(db, recommendation(body_id, ministry_id))
    assert decisions.get(db, decision_id).draft == recommendation(body_id, ministry_id)
    row = next(decisions.iterate(db))
    assert row.body_name == "International Council of the Partnership Network"
    assert row.open_actions() == 2 and row.overdue_actions(TODAY) == 1
    assert row.as_json(TODAY)["actions"][0] | {"deadline": "2026-03-01", "overdue": True} == \
        row.as_json(TODAY)["actions"][0]
    assert decisions.count(db, DecisionQuery(overdue=True, today=TODAY)) == 1
    assert decisions.count(db, DecisionQuery(overdue=True, today=dt.date(2026, 1, 1))) == 0
    assert decisions.count(db, DecisionQuery(search="самооценк")) == 0
    assert decisions.count(db, DecisionQuery(search="self-evaluations")) == 1
    # The follow-up: open actions only, the overdue one first.
    assert [a.description for a in decisions.follow_ups(db, TODAY)] == [
        "Draft the evaluation procedure", "Collect the first self-evaluations"]
    assert decisions.count_overdue(db, TODAY) == 1
    # Marking it done keeps the rows (and their UUIDs) and ends the overdue.
    before = records.snapshot_of(db, "decision", decision_id)
    done = recommendation(body_id, ministry_id)
    done.follow_ups[0].status, done.follow_ups[0].completed_on = "done", dt.date(2026, 11, 30)
    done.follow_ups.pop()
    decisions.update(db, decision_id, done)
    after = records.snapshot_of(db, "decision", decision_id)
    assert len(after["rows"]["follow_up_actions"]) == 2
    assert ({r["uuid"] for r in after["rows"]["follow_up_actions"]}
            <= {r["uuid"] for r in before["rows"]["follow_up_actions"]})
    assert decisions.count_overdue(db, TODAY) == 0
    # A body or organisation named by a decision is not deleted from under it.
    with pytest.raises(UserError):
        bodies.delete(db, body_id)
    from desktop_app.services import organisations

    with pytest.raises(UserError):
        organisations.delete(db, ministry_id)
    snapshot = decisions.delete(db, decision_id)
    assert decisions.count(db) == 0
    assert decisions.restore(db, snapshot) == decision_id
    assert snapshots.canonical(records.snapshot_of(db, "decision", decision_id)) == snapshots.canonical(after)


def test_decision_validation(db):
    body_id = bodies.create(db, council())
    draft = recommendation(body_id, None, kind="edict", adopted_on=None,
                           texts=[DecisionTextDraft("en", ""), DecisionTextDraft("en", "Twice")])
    draft.follow_ups = [FollowUpDraft("", None, "open"), FollowUpDraft("Report", None, "open", completed_on=TODAY)]
    problems = decisions.validate(draft)
    assert {"kind", "adopted_on", "texts[0].title", "texts[1].lang", "follow_ups[0].description",
            "follow_ups[0].responsible", "follow_ups[1].completed_on"} <= set(problems)
    assert problems["follow_ups[1].completed_on"].params == {"number": 2}
    with pytest.raises(ValidationError):
        decisions.create(db, draft)
    missing = recommendation(10_000, None)
    missing.follow_ups = []
    with pytest.raises(ValidationError) as raised:
        decisions.create(db, missing)
    assert "body_id" in raised.value.problems
    assert decisions.count(db) == 0


def test_dashboard_counts_overdue_follow_up(db, tmp_path):
    from desktop_app.domain.preferences import Options
    from desktop_app.services import dashboard
    from desktop_app.storage.models import Organisation

    body_id = bodies.create(db, council())
    decisions.create(db, recommendation(body_id, _id_of(db, Organisation, organisation_uuid("kz-mshe")),
                                        adopted_on=dt.date.today() - dt.timedelta(days=400)))
    counts = dashboard.live_counts(db, Options())
    # Open actions of the fixture: deadlines 1 March 2026 (in progress) and 30 June 2027 (planned).
    today = dt.date.today()
    assert counts["overdue_follow_ups"] == sum(today > deadline for deadline in (dt.date(2026, 3, 1),
                                                                                 dt.date(2027, 6, 30)))
    path = dashboard.sqlite_file_of(db.url)
    if path is not None:  # the start-up figures, read straight through sqlite3, agree
        quick = {figure.key: figure.value for figure in dashboard.quick_figures(path, Options())}
        assert quick["overdue_follow_ups"] == counts["overdue_follow_ups"]
