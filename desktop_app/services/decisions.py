"""The register of decisions, resolutions, recommendations and consensus documents (the area contract):
their text in each language, the body that adopted them and when, and their follow-up actions — who
answers for each, by when, its status and the evidence that it was done. One call = one transaction.

An action still open (not started or in progress) past its deadline is overdue: the list can show only
the decisions with one, and the follow-up (``follow_ups``) puts them first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import and_, exists, func, select, tuple_
from sqlalchemy.orm import Session, selectinload

from desktop_app.domain import governance as rules
from desktop_app.domain.contract import PAGE_SIZE, Choice, Message, Page, Problems, Record, Snapshot
from desktop_app.domain.errors import NotFoundError, ValidationError
from desktop_app.domain.governance import DecisionDraft, DecisionTextDraft, FollowUpDraft
from desktop_app.domain.text import fold_for_search
from desktop_app.i18n import current_language
from desktop_app.services import records
from desktop_app.services.search_terms import contains, search_words
from desktop_app.storage.database import Database
from desktop_app.storage.models import Body, BodyName, Decision, DecisionText, FollowUpAction, Organisation, University

TOPIC = "governance"
KIND = "decision"
TOPICS = frozenset({TOPIC})

D = Decision
F = FollowUpAction
_OPEN = [str(status) for status in rules.OPEN_STATUSES]


@dataclass(frozen=True)
class DecisionQuery:
    search: str = ""
    body_id: int | None = None
    kind: str | None = None
    #: Only decisions with a follow-up action still open past its deadline on ``today``.
    overdue: bool = False
    today: dt.date | None = None


@dataclass(frozen=True)
class FollowUpRow:
    """A follow-up action as lists and reports show it, with its decision and who answers for it."""

    id: int
    decision_id: int
    decision_title: str
    description: str
    deadline: dt.date | None
    status: str
    organisation_id: int | None
    university_id: int | None
    responsible: str
    completed_on: dt.date | None
    evidence: str

    def overdue(self, today: dt.date) -> bool:
        return rules.is_overdue(self.status, self.deadline, today)

    def as_json(self, today: dt.date) -> dict:
        return {"id": self.id, "description": self.description,
                "deadline": self.deadline.isoformat() if self.deadline else None, "status": self.status,
                "overdue": self.overdue(today), "organisation_id": self.organisation_id,
                "university_id": self.university_id, "responsible": self.responsible or None,
                "completed": self.completed_on.isoformat() if self.completed_on else None,
                "evidence": self.evidence}


@dataclass(frozen=True)
class DecisionRow:
    id: int
    uuid: str
    kind: str
    body_id: int
    body_name: str
    reference: str
    adopted_on: dt.date
    title: str
    actions: tuple[FollowUpRow, ...] = ()
    titles: tuple[tuple[str, str], ...] = ()  # (language, title) of each text
    body_names: tuple[tuple[str | None, str], ...] = ()  # (language, name) of the adopting body

    def title_for(self, lang: str | None = None) -> str:
        """The title in the reader's language where a text has one, else the title shown in lists."""
        lang = lang or current_language()
        return next((title for text_lang, title in self.titles if text_lang == lang and title), self.title)

    def body_name_for(self, lang: str | None = None) -> str:
        lang = lang or current_language()
        return next((name for name_lang, name in self.body_names if name_lang == lang and name), self.body_name)

    def open_actions(self) -> int:
        return sum(1 for action in self.actions if action.status in rules.OPEN_STATUSES)

    def overdue_actions(self, today: dt.date) -> int:
        return sum(1 for action in self.actions if action.overdue(today))

    def as_json(self, today: dt.date) -> dict:
        return {"id": self.id, "uuid": self.uuid, "kind": self.kind,
                "body": {"id": self.body_id, "name": self.body_name}, "reference": self.reference,
                "adopted": self.adopted_on.isoformat(), "title": self.title,
                "actions": [action.as_json(today) for action in self.actions]}


def validate(draft: DecisionDraft) -> Problems:
    return rules.validate_decision(draft)


def _check(session: Session, draft: DecisionDraft) -> DecisionDraft:
    draft.texts = [DecisionTextDraft(t.lang.strip(), t.title.strip(), t.body) for t in draft.texts]
    problems = rules.validate_decision(draft)
    if draft.body_id is not None and session.get(Body, draft.body_id) is None:
        problems["body_id"] = Message("The body no longer exists; choose another.")
    for index, action in enumerate(draft.follow_ups):
        missing = ((action.organisation_id is not None and session.get(Organisation, action.organisation_id) is None)
                   or (action.university_id is not None and session.get(University, action.university_id) is None))
        if missing:
            problems[f"follow_ups[{index}].responsible"] = Message(
                "Action {number}: the responsible organisation or university no longer exists.", {"number": index + 1})
    if problems:
        raise ValidationError(problems)
    return draft


def _reuse(rows: list, index: int, model, **values):
    """The stored row at ``index`` given ``values``: an edit keeps the rows' UUIDs."""
    row = rows[index] if index < len(rows) else model()
    for name, value in values.items():
        setattr(row, name, value)
    return row


def _apply(session: Session, decision: Decision, draft: DecisionDraft) -> None:
    assert draft.body_id is not None and draft.adopted_on is not None  # the draft was validated
    decision.kind, decision.body_id, decision.adopted_on = draft.kind, draft.body_id, draft.adopted_on
    decision.reference, decision.notes = draft.reference.strip(), draft.notes
    decision.title = draft.title()[:500]
    decision.search_text = fold_for_search(" | ".join(
        [decision.reference, *(t.title for t in draft.texts), *(a.description for a in draft.follow_ups),
         *(a.responsible for a in draft.follow_ups)]))
    texts = list(decision.texts)
    decision.texts = [_reuse(texts, i, DecisionText, position=i, lang=t.lang, title=t.title, body=t.body)
                      for i, t in enumerate(draft.texts)]
    if decision.id is None:
        session.flush()  # a new decision: its follow-up actions need its id
        stored: list[FollowUpAction] = []
    else:
        stored = list(session.execute(select(F).where(F.decision_id == decision.id).order_by(F.position)).scalars())
    for index, action in enumerate(draft.follow_ups):
        row = _reuse(stored, index, FollowUpAction, position=index, description=action.description.strip(),
                     organisation_id=action.organisation_id, university_id=action.university_id,
                     responsible=action.responsible.strip(), deadline=action.deadline, status=action.status,
                     completed_on=action.completed_on, evidence=action.evidence.strip())
        if row not in stored:
            row.decision_id = decision.id
            session.add(row)
    for row in stored[len(draft.follow_ups):]:
        session.delete(row)


def _follow_up_draft(row: FollowUpAction) -> FollowUpDraft:
    return FollowUpDraft(row.description, row.deadline, row.status, row.organisation_id, row.university_id,
                         row.responsible, row.completed_on, row.evidence)


def create(db: Database, draft: DecisionDraft, uuid: str | None = None) -> int:
    with db.transaction(changes=set(TOPICS)) as session:
        draft = _check(session, draft)
        decision = Decision(uuid=uuid) if uuid else Decision()
        session.add(decision)
        _apply(session, decision, draft)
        session.flush()
        return decision.id


def _load(session: Session, decision_id: int) -> Decision:
    found = session.execute(select(Decision).where(Decision.id == decision_id)
                            .options(selectinload(Decision.texts))).scalar_one_or_none()
    if found is None:
        raise NotFoundError("The decision no longer exists (id {id}); perhaps it was deleted.", id=decision_id)
    return found


def get(db: Database, decision_id: int) -> Record[DecisionDraft]:
    with db.reading() as session:
        d = _load(session, decision_id)
        actions = session.execute(select(F).where(F.decision_id == d.id).order_by(F.position)).scalars()
        draft = DecisionDraft(d.kind, d.body_id, d.adopted_on, [DecisionTextDraft(t.lang, t.title, t.body)
                                                                 for t in d.texts],
                              d.reference, d.notes, [_follow_up_draft(action) for action in actions])
        return Record(d.id, d.uuid, draft, {"title": d.title, "updated_at": d.updated_at})


def update(db: Database, decision_id: int, draft: DecisionDraft) -> None:
    with db.transaction(changes=set(TOPICS)) as session:
        decision = _load(session, decision_id)
        _apply(session, decision, _check(session, draft))


def delete(db: Database, decision_id: int) -> Snapshot:
    """Delete a decision with its texts and follow-up actions; the snapshot brings them all back."""
    with db.reading() as session:
        title = session.execute(select(D.title).where(D.id == decision_id)).scalar()
    if title is None:
        raise NotFoundError("The decision no longer exists (id {id}); perhaps it was deleted.", id=decision_id)
    return records.delete_record(db, KIND, decision_id, TOPICS, title)


def restore(db: Database, snapshot: Snapshot) -> int:
    return records.restore_record(db, snapshot, TOPICS)


# --- the list -----------------------------------------------------------------------------------------

def _overdue_clause(today: dt.date):
    return and_(F.status.in_(_OPEN), F.deadline.is_not(None), F.deadline < today)


def _conditions(session: Session, query: DecisionQuery) -> list:
    where: list = []
    if query.body_id is not None:
        where.append(D.body_id == query.body_id)
    if query.kind:
        where.append(D.kind == query.kind)
    if query.overdue:
        today = query.today or dt.date.today()
        where.append(exists().where(F.decision_id == D.id, _overdue_clause(today)))
    for word in search_words(query.search):
        where.append(contains(session, word, D.search_text))
    return where


def count(db: Database, query: DecisionQuery | None = None) -> int:
    query = query or DecisionQuery()
    with db.reading() as session:
        return session.execute(select(func.count()).select_from(D).where(*_conditions(session, query))).scalar_one()


def _follow_up_rows(session: Session, where: list, order: list) -> list[FollowUpRow]:
    return [FollowUpRow(*row) for row in session.execute(
        select(F.id, F.decision_id, D.title, F.description, F.deadline, F.status, F.organisation_id,
               F.university_id, F.responsible, F.completed_on, F.evidence)
        .join(D, D.id == F.decision_id).where(*where).order_by(*order))]


def page(db: Database, query: DecisionQuery | None = None, after: tuple | None = None,
         limit: int = PAGE_SIZE) -> Page[DecisionRow]:
    """Decisions, the latest adopted first, after the row whose key is ``after`` = (date, id), each with its
    follow-up actions."""
    query = query or DecisionQuery()
    with db.reading() as session:
        where = _conditions(session, query)
        if after is not None:
            where.append(tuple_(D.adopted_on, D.id) < tuple_(*after))
        fetched = session.execute(
            select(D.id, D.uuid, D.kind, D.body_id, Body.display_name, D.reference, D.adopted_on, D.title)
            .join(Body, Body.id == D.body_id).where(*where)
            .order_by(D.adopted_on.desc(), D.id.desc()).limit(limit)).all()
        actions: dict[int, list[FollowUpRow]] = {}
        titles: dict[int, list[tuple[str, str]]] = {}
        body_names: dict[int, list[tuple[str | None, str]]] = {}
        ids = [row[0] for row in fetched]
        if ids:
            for action in _follow_up_rows(session, [F.decision_id.in_(ids)], [F.decision_id, F.position]):
                actions.setdefault(action.decision_id, []).append(action)
            for owner, lang, title in session.execute(
                    select(DecisionText.decision_id, DecisionText.lang, DecisionText.title)
                    .where(DecisionText.decision_id.in_(ids)).order_by(DecisionText.position)):
                titles.setdefault(owner, []).append((lang, title))
            for body_id, name_lang, name in session.execute(
                    select(BodyName.body_id, BodyName.lang, BodyName.value)
                    .where(BodyName.body_id.in_({row[3] for row in fetched})).order_by(BodyName.position)):
                body_names.setdefault(body_id, []).append((name_lang, name))
    rows = [DecisionRow(*row, tuple(actions.get(row[0], ())), tuple(titles.get(row[0], ())),
                        tuple(body_names.get(row[3], ()))) for row in fetched]
    last = (rows[-1].adopted_on, rows[-1].id) if len(rows) == limit else None
    return Page(rows, last)


def iterate(db: Database, query: DecisionQuery | None = None, batch: int = 500) -> Iterator[DecisionRow]:
    after = None
    while True:
        result = page(db, query, after, batch)
        yield from result.rows
        if result.is_last:
            return
        after = result.after


def choices(db: Database, search: str = "", limit: int | None = 50) -> list[Choice]:
    result = page(db, DecisionQuery(search=search), limit=limit or 1000)
    return [Choice(row.id, row.uuid, row.title, "", row.adopted_on.isoformat()) for row in result.rows]


# --- the follow-up ------------------------------------------------------------------------------------

def follow_ups(db: Database, today: dt.date, body_id: int | None = None) -> list[FollowUpRow]:
    """The follow-up actions still to be done (not started or in progress), overdue ones first, then by
    deadline (those without one last): what a council or working-group meeting goes through."""
    where: list = [F.status.in_(_OPEN)]
    if body_id is not None:
        where.append(D.body_id == body_id)
    with db.reading() as session:
        rows = _follow_up_rows(session, where, [F.deadline, F.id])
    return sorted(rows, key=lambda row: (not row.overdue(today), row.deadline is None,
                                         row.deadline or dt.date.max, row.id))


def count_overdue(db: Database, today: dt.date) -> int:
    """How many follow-up actions are still open past their deadline (the dashboard's warning)."""
    with db.reading() as session:
        return session.execute(select(func.count()).select_from(F).where(_overdue_clause(today))).scalar_one()
