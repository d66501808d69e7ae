"""The working group's road map (the area contract for its actions): each action's wording, form of
completion, responsible actors, deadline, status, notes and evidence documents. Expert meetings are in
``services/meetings.py``, the members in ``services/working_group.py``.

The concept paper's five actions are loaded with the reference data (English, translated when shown). The
road map is editable: new actions are added, and any action's wording, form of completion and deadline
may change; each move of a deadline is kept (``deadline_history``). The concept paper's actions are not
deleted: they are the same reference records in every coordinator's database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace

from sqlalchemy import and_, func, or_, select, tuple_
from sqlalchemy.orm import Session

from desktop_app.domain.contract import PAGE_SIZE, Choice, Message, Page, Problems, Record, Snapshot
from desktop_app.domain.errors import NotFoundError, UserError, ValidationError
from desktop_app.domain.roadmap import ActionDraft, ActionStatus, deadline_label, is_overdue, validate_action
from desktop_app.services import records
from desktop_app.storage.database import Database
from desktop_app.storage.models import (
    AttachedDocument,
    ExpertMeeting,
    Organisation,
    RoadmapAction,
    RoadmapActionActor,
    RoadmapDeadlineChange,
)

TOPIC = "roadmap"
KIND = "roadmap_action"
TOPICS = frozenset({TOPIC})
#: The owner type of an action's evidence in ``attached_documents``.
DOCUMENTS = "roadmap_action"
#: The road map is the working group's to change: actions are added, re-worded and re-scheduled.
ACTIONS_EDITABLE = True

A = RoadmapAction
#: The fields of an action that come from the concept paper (all but status and notes).
REFERENCE_FIELDS = ("number", "title_en", "form_of_completion_en", "responsible_en", "deadline_year",
                    "deadline_quarter_from", "deadline_quarter_to")


@dataclass(frozen=True)
class ActionQuery:
    status: str | None = None
    overdue_only: bool = False
    today: dt.date | None = None  # the day "overdue" is judged on (today when None)


@dataclass(frozen=True)
class ActionRow:
    id: int
    uuid: str
    number: int
    title_en: str
    form_of_completion_en: str
    responsible_en: str
    deadline_year: int
    deadline_quarter_from: int
    deadline_quarter_to: int
    deadline: str
    status: str
    notes: str
    overdue: bool
    evidence: int
    meetings: int
    #: The responsible organisations of the register: (id, name as stored), in the action's order.
    organisations: tuple[tuple[int, str], ...] = ()

    def as_json(self) -> dict:
        data = asdict(self)
        data["organisations"] = [{"id": i, "name": name} for i, name in self.organisations]
        return data


def validate(draft: ActionDraft) -> Problems:
    return validate_action(draft)


def _refuse_unless_editable(msgid: str) -> None:
    if not ACTIONS_EDITABLE:
        raise UserError(msgid)


def _check(draft: ActionDraft, session: Session | None = None, action_id: int | None = None) -> None:
    problems = validate_action(draft)
    if session is not None and "number" not in problems and session.execute(
            select(A.id).where(A.number == draft.number, A.id != (action_id or 0))).first() is not None:
        problems["number"] = Message("The road map already has an action number {number}.", {"number": draft.number})
    if len(set(draft.organisation_ids)) != len(draft.organisation_ids):
        problems["organisation_ids"] = Message("An organisation appears more than once among the parties.")
    elif session is not None and draft.organisation_ids:
        found = set(session.execute(select(Organisation.id).where(Organisation.id.in_(draft.organisation_ids)))
                    .scalars())
        for missing in [i for i in draft.organisation_ids if i not in found][:1]:
            problems["organisation_ids"] = Message(
                "The organisation no longer exists (id {id}); perhaps it was deleted.", {"id": missing})
    if problems:
        raise ValidationError(problems)


def _fill(action: RoadmapAction, draft: ActionDraft, reference_too: bool) -> None:
    names = (*REFERENCE_FIELDS, "status", "notes") if reference_too else ("status", "notes")
    for name in names:
        value = getattr(draft, name)
        setattr(action, name, value.strip() if isinstance(value, str) and name != "notes" else value)


def _fill_actors(session: Session, action_id: int, organisation_ids: list[int]) -> None:
    """The action's responsible organisations as the draft lists them; a row that stays keeps its UUID."""
    kept = {row.organisation_id: row for row in session.execute(
        select(RoadmapActionActor).where(RoadmapActionActor.action_id == action_id)).scalars()}
    for organisation_id, row in list(kept.items()):
        if organisation_id not in organisation_ids:
            session.delete(row)
    session.flush()
    for position, organisation_id in enumerate(organisation_ids):
        stored = kept.get(organisation_id)
        if stored is None:
            session.add(RoadmapActionActor(action_id=action_id, organisation_id=organisation_id, position=position))
        elif stored.position != position:
            stored.position = position


def _actor_ids(session: Session, action_id: int) -> list[int]:
    return list(session.execute(select(RoadmapActionActor.organisation_id)
                                .where(RoadmapActionActor.action_id == action_id)
                                .order_by(RoadmapActionActor.position, RoadmapActionActor.id)).scalars())


def create(db: Database, draft: ActionDraft, uuid: str | None = None) -> int:
    _refuse_unless_editable("The road map holds the actions of the concept paper; new actions cannot be added yet.")
    _check(draft)
    with db.transaction(changes=set(TOPICS)) as session:
        _check(draft, session)
        action = RoadmapAction(uuid=uuid) if uuid else RoadmapAction()
        _fill(action, draft, reference_too=True)
        session.add(action)
        session.flush()
        _fill_actors(session, action.id, draft.organisation_ids)
        return action.id


def _load(session: Session, action_id: int) -> RoadmapAction:
    action = session.get(RoadmapAction, action_id)
    if action is None:
        raise NotFoundError("The road-map action no longer exists (id {id}).", id=action_id)
    return action


def _draft_of(session: Session, action: RoadmapAction) -> ActionDraft:
    return ActionDraft(**{name: getattr(action, name) for name in ActionDraft.__dataclass_fields__
                          if name != "organisation_ids"}, organisation_ids=_actor_ids(session, action.id))


def get(db: Database, action_id: int) -> Record[ActionDraft]:
    with db.reading() as session:
        action = _load(session, action_id)
        return Record(action.id, action.uuid, _draft_of(session, action), {"updated_at": action.updated_at})


def update(db: Database, action_id: int, draft: ActionDraft) -> None:
    """Store the draft; while the road map is the concept paper's, only its status and notes may differ."""
    _check(draft)
    with db.transaction(changes=set(TOPICS)) as session:
        action = _load(session, action_id)
        _check(draft, session, action_id)
        if not ACTIONS_EDITABLE and any(getattr(draft, name) != getattr(action, name) for name in REFERENCE_FIELDS):
            raise UserError("Only the status and notes of a road-map action can be changed; its wording and "
                            "deadline come from the concept paper.")
        before = (action.deadline_year, action.deadline_quarter_from, action.deadline_quarter_to)
        _fill(action, draft, reference_too=ACTIONS_EDITABLE)
        _fill_actors(session, action.id, draft.organisation_ids)
        after = (action.deadline_year, action.deadline_quarter_from, action.deadline_quarter_to)
        if ACTIONS_EDITABLE and after != before:
            session.add(RoadmapDeadlineChange(
                action_id=action.id, changed_on=dt.date.today(), from_year=before[0], from_quarter_from=before[1],
                from_quarter_to=before[2], to_year=after[0], to_quarter_from=after[1], to_quarter_to=after[2]))


def set_status(db: Database, action_id: int, status: str, notes: str | None = None) -> None:
    """Move an action to ``status`` (and replace its notes when given)."""
    draft = get(db, action_id).draft
    draft.status = status
    if notes is not None:
        draft.notes = notes
    update(db, action_id, draft)


def delete(db: Database, action_id: int) -> Snapshot:
    """Delete an action the working group added, with its evidence and deadline history (the concept
    paper's actions stay: they are the network's reference records)."""
    _refuse_unless_editable("The actions of the concept paper's road map cannot be deleted.")
    with db.reading() as session:
        number, uuid = session.execute(select(A.number, A.uuid).where(A.id == action_id)).one_or_none() or (None, None)
    if uuid in _concept_paper_uuids():
        raise UserError("The actions of the concept paper's road map cannot be deleted.")
    return records.delete_record(db, KIND, action_id, TOPICS, str(number or ""))


def _concept_paper_uuids() -> set[str]:
    from desktop_app.domain.reference import ROADMAP_ACTIONS, reference_uuid

    return {reference_uuid("roadmap", str(action.number)) for action in ROADMAP_ACTIONS}


@dataclass(frozen=True)
class DeadlineChange:
    changed_on: dt.date
    before: str  # the deadline as the road map writes it ("Q1–Q2 2024"), in English; see deadline_label
    after: str
    before_parts: tuple[int, int, int]
    after_parts: tuple[int, int, int]

    def as_json(self) -> dict:
        return {"changed_on": self.changed_on.isoformat(), "from": self.before, "to": self.after}


def deadline_history(db: Database, action_id: int) -> list[DeadlineChange]:
    """Every move of the action's deadline, the oldest first."""
    C = RoadmapDeadlineChange  # noqa: N806
    with db.reading() as session:
        rows = session.execute(select(C.changed_on, C.from_year, C.from_quarter_from, C.from_quarter_to, C.to_year,
                                      C.to_quarter_from, C.to_quarter_to)
                               .where(C.action_id == action_id).order_by(C.changed_on, C.id)).all()
    return [DeadlineChange(row[0], deadline_label(row[1], row[2], row[3]), deadline_label(row[4], row[5], row[6]),
                           (row[1], row[2], row[3]), (row[4], row[5], row[6])) for row in rows]


def next_number(db: Database) -> int:
    with db.reading() as session:
        return (session.execute(select(func.max(A.number))).scalar() or 0) + 1


def restore(db: Database, snapshot: Snapshot) -> int:
    return records.restore_record(db, snapshot, TOPICS)


def _current_quarter(today: dt.date) -> int:
    return (today.month - 1) // 3 + 1


def _conditions(query: ActionQuery) -> list:
    where = []
    if query.status:
        where.append(A.status == query.status)
    if query.overdue_only:
        # Overdue: not done, and the deadline's last quarter is before the quarter of today.
        today = query.today or dt.date.today()
        where.append(A.status != ActionStatus.DONE)
        where.append(or_(A.deadline_year < today.year,
                         and_(A.deadline_year == today.year, A.deadline_quarter_to < _current_quarter(today))))
    return where


def page(db: Database, query: ActionQuery | None = None, after: tuple | None = None,
         limit: int = PAGE_SIZE) -> Page[ActionRow]:
    """Actions in the road map's order (by number), after the row whose key is ``after`` = (number, id)."""
    query = query or ActionQuery()
    today = query.today or dt.date.today()
    evidence = (select(func.count()).where(AttachedDocument.owner_type == DOCUMENTS,
                                          AttachedDocument.owner_id == A.id).correlate(A).scalar_subquery())
    meetings = select(func.count()).where(ExpertMeeting.action_id == A.id).correlate(A).scalar_subquery()
    where = _conditions(query)
    if after is not None:
        where.append(tuple_(A.number, A.id) > tuple_(*after))
    with db.reading() as session:
        fetched = session.execute(select(A, evidence, meetings).where(*where).order_by(A.number, A.id)
                                  .limit(limit)).all()
        rows = [ActionRow(a.id, a.uuid, a.number, a.title_en, a.form_of_completion_en, a.responsible_en,
                          a.deadline_year, a.deadline_quarter_from, a.deadline_quarter_to,
                          deadline_label(a.deadline_year, a.deadline_quarter_from, a.deadline_quarter_to),
                          a.status, a.notes, is_overdue(a.status, a.deadline_year, a.deadline_quarter_to, today),
                          n_evidence, n_meetings) for a, n_evidence, n_meetings in fetched]
        actors: dict[int, list[tuple[int, str]]] = {}
        if rows:
            for action_id, organisation_id, name in session.execute(
                    select(RoadmapActionActor.action_id, Organisation.id, Organisation.display_name)
                    .join(Organisation, Organisation.id == RoadmapActionActor.organisation_id)
                    .where(RoadmapActionActor.action_id.in_([row.id for row in rows]))
                    .order_by(RoadmapActionActor.action_id, RoadmapActionActor.position, RoadmapActionActor.id)):
                actors.setdefault(action_id, []).append((organisation_id, name))
            rows = [replace(row, organisations=tuple(actors.get(row.id, ()))) for row in rows]
    last = (rows[-1].number, rows[-1].id) if len(rows) == limit else None
    return Page(rows, last)


def count(db: Database, query: ActionQuery | None = None) -> int:
    with db.reading() as session:
        return session.execute(select(func.count()).select_from(A).where(*_conditions(query or ActionQuery()))
                               ).scalar_one()


def iterate(db: Database, query: ActionQuery | None = None, batch: int = 500) -> Iterator[ActionRow]:
    after = None
    while True:
        result = page(db, query, after, batch)
        yield from result.rows
        if result.is_last:
            return
        after = result.after


def choices(db: Database, search: str = "", limit: int | None = None) -> list[Choice]:
    """The actions for a picker, by number. The label is the action's English text (a message id: the
    interface shows it translated); the detail is its number."""
    rows = list(iterate(db))
    found = [Choice(row.id, row.uuid, row.title_en, "", str(row.number)) for row in rows
             if not search or search.strip().lower() in row.title_en.lower() or search.strip() == str(row.number)]
    return found[:limit] if limit is not None else found
