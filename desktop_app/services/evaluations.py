"""Evaluation cycles of joint programmes (the area contract): self-evaluation, the independent audit by an
agency or an expert panel, findings, and recommendations with their owner, deadline and follow-up.

An evaluation belongs to its programme (``ON DELETE CASCADE``): deleting the programme takes it along,
and undo brings it back. Recommendations keep their UUIDs across edits, so undoing an edit puts back the
same rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from desktop_app.domain.contract import PAGE_SIZE, Choice, Message, Page, Problems, Record, Snapshot
from desktop_app.domain.errors import NotFoundError, ValidationError
from desktop_app.domain.quality import (
    PENDING_FOLLOW_UP,
    EvaluationDraft,
    FindingDraft,
    RecommendationDraft,
    is_overdue,
    validate_evaluation,
)
from desktop_app.i18n import current_language
from desktop_app.services import quality_lists, records
from desktop_app.storage.database import Database
from desktop_app.storage.models import (
    EvaluationFinding,
    EvaluationRecommendation,
    Organisation,
    Programme,
    ProgrammeEvaluation,
)

TOPIC = "quality"
KIND = "evaluation"
TOPICS = frozenset({TOPIC})

E = ProgrammeEvaluation
R = EvaluationRecommendation


@dataclass(frozen=True)
class EvaluationQuery:
    search: str = ""
    programme_id: int | None = None
    status: str | None = None
    year: int | None = None
    today: dt.date | None = None  # when recommendations count as overdue (the real date when None)


@dataclass(frozen=True)
class EvaluationRow:
    id: int
    uuid: str
    programme_id: int
    programme_title: str
    programme_titles: dict
    year: int
    title: str
    status: str
    reviewer: str
    report_on: dt.date | None
    recommendations: int
    open_recommendations: int
    overdue_recommendations: int

    def programme_in(self, lang: str | None = None) -> str:
        return quality_lists.title_in(self.programme_title, self.programme_titles, lang or current_language())

    def as_json(self) -> dict:
        return {"id": self.id, "uuid": self.uuid, "programme_id": self.programme_id,
                "programme": self.programme_title, "year": self.year, "title": self.title, "status": self.status,
                "reviewer": self.reviewer, "report_on": self.report_on.isoformat() if self.report_on else None,
                "recommendations": self.recommendations, "open_recommendations": self.open_recommendations,
                "overdue_recommendations": self.overdue_recommendations}


def validate(draft: EvaluationDraft) -> Problems:
    return validate_evaluation(draft)


def _checked(session: Session, draft: EvaluationDraft) -> None:
    problems = validate_evaluation(draft)
    if draft.programme_id is not None and session.get(Programme, draft.programme_id) is None:
        problems["programme_id"] = Message("The joint programme no longer exists.")
    if draft.agency_id is not None and session.get(Organisation, draft.agency_id) is None:
        problems["agency_id"] = Message("The organisation no longer exists (id {id}); perhaps it was deleted.",
                                    {"id": draft.agency_id})
    if problems:
        raise ValidationError(problems)


def _fill(evaluation: ProgrammeEvaluation, draft: EvaluationDraft) -> None:
    evaluation.programme_id = draft.programme_id  # type: ignore[assignment]
    evaluation.year = int(draft.year)
    evaluation.title = draft.title.strip()
    evaluation.status = draft.status
    evaluation.self_evaluation_on = draft.self_evaluation_on
    evaluation.reviewer = draft.reviewer
    evaluation.agency_id = draft.agency_id
    evaluation.expert_panel = draft.expert_panel.strip()
    evaluation.site_visit_on = draft.site_visit_on
    evaluation.report_on = draft.report_on
    evaluation.summary = draft.summary
    findings = list(evaluation.findings)
    evaluation.findings = [_set(findings[index] if index < len(findings) else EvaluationFinding(),
                                position=index, kind=f.kind, text=f.text.strip())
                           for index, f in enumerate(draft.findings)]
    kept = {row.uuid: row for row in evaluation.recommendations}
    evaluation.recommendations = [
        _set(kept.pop(r.uuid, None) or (R(uuid=r.uuid) if r.uuid else R()), position=index, text=r.text.strip(),
             owner=r.owner.strip(), deadline=r.deadline, status=r.status, follow_up=r.follow_up)
        for index, r in enumerate(draft.recommendations)]


def _set(row, **values):
    for name, value in values.items():
        if getattr(row, name) != value:
            setattr(row, name, value)
    return row


def create(db: Database, draft: EvaluationDraft, uuid: str | None = None) -> int:
    with db.transaction(changes=set(TOPICS)) as session:
        _checked(session, draft)
        evaluation = E(uuid=uuid) if uuid else E()
        evaluation.findings, evaluation.recommendations = [], []
        _fill(evaluation, draft)
        session.add(evaluation)
        session.flush()
        return evaluation.id


def _load(session: Session, evaluation_id: int) -> ProgrammeEvaluation:
    evaluation = session.get(E, evaluation_id, options=[selectinload(E.findings), selectinload(E.recommendations)])
    if evaluation is None:
        raise NotFoundError("The evaluation no longer exists (id {id}); perhaps it was deleted.", id=evaluation_id)
    return evaluation


def draft_of(evaluation: ProgrammeEvaluation) -> EvaluationDraft:
    return EvaluationDraft(
        evaluation.programme_id, evaluation.year, evaluation.title, evaluation.status, evaluation.self_evaluation_on,
        evaluation.reviewer, evaluation.agency_id, evaluation.expert_panel, evaluation.site_visit_on,
        evaluation.report_on,
        evaluation.summary, [FindingDraft(f.text, f.kind) for f in evaluation.findings],
        [RecommendationDraft(r.text, r.owner, r.deadline, r.status, r.follow_up, r.uuid)
         for r in evaluation.recommendations])


def get(db: Database, evaluation_id: int) -> Record[EvaluationDraft]:
    with db.reading() as session:
        evaluation = _load(session, evaluation_id)
        return Record(evaluation.id, evaluation.uuid, draft_of(evaluation), {"updated_at": evaluation.updated_at})


def update(db: Database, evaluation_id: int, draft: EvaluationDraft) -> None:
    with db.transaction(changes=set(TOPICS)) as session:
        evaluation = _load(session, evaluation_id)
        _checked(session, draft)
        _fill(evaluation, draft)


def delete(db: Database, evaluation_id: int) -> Snapshot:
    """Delete an evaluation with its findings and recommendations."""
    with db.reading() as session:
        title = session.execute(select(E.title).where(E.id == evaluation_id)).scalar()
    return records.delete_record(db, KIND, evaluation_id, TOPICS, title or "")


def restore(db: Database, snapshot: Snapshot) -> int:
    return records.restore_record(db, snapshot, TOPICS)


# -- the list ------------------------------------------------------------------------------------------

def _counts(today: dt.date):
    pending = R.status.in_(sorted(PENDING_FOLLOW_UP))
    total = select(func.count()).where(R.evaluation_id == E.id).scalar_subquery()
    open_ = select(func.count()).where(R.evaluation_id == E.id, pending).scalar_subquery()
    overdue = select(func.count()).where(R.evaluation_id == E.id, pending, R.deadline < today).scalar_subquery()
    return total, open_, overdue


def _conditions(session: Session, query: EvaluationQuery) -> list:
    where = quality_lists.search_conditions(session, query.search, E.title)
    if query.programme_id is not None:
        where.append(E.programme_id == query.programme_id)
    if query.status:
        where.append(E.status == query.status)
    if query.year is not None:
        where.append(E.year == query.year)
    return where


KEYS = ((E.year, True), (Programme.title, False), (E.id, False))


def page(db: Database, query: EvaluationQuery | None = None, after: tuple | None = None,
         limit: int = PAGE_SIZE) -> Page[EvaluationRow]:
    """Evaluations, the latest cycle first, then by programme."""
    query = query or EvaluationQuery()
    total, open_, overdue = _counts(query.today or dt.date.today())

    def build(session: Session):
        statement = (select(E.id, E.uuid, E.programme_id, Programme.title, Programme.titles, E.year, E.title,
                            E.status, E.reviewer, E.report_on, total, open_, overdue)
                     .join(Programme, Programme.id == E.programme_id))
        return statement, _conditions(session, query)

    return quality_lists.keyset_page(db, build, KEYS, after, limit, lambda row: EvaluationRow(
        row[0], row[1], row[2], row[3], dict(row[4] or {}), row[5], row[6], row[7], row[8], row[9], row[10],
        row[11], row[12]))


def count(db: Database, query: EvaluationQuery | None = None) -> int:
    query = query or EvaluationQuery()
    with db.reading() as session:
        return session.execute(select(func.count()).select_from(E).join(Programme, Programme.id == E.programme_id)
                               .where(*_conditions(session, query))).scalar_one()


def iterate(db: Database, query: EvaluationQuery | None = None) -> Iterator[EvaluationRow]:
    return quality_lists.iterate(page, db, query or EvaluationQuery())


def choices(db: Database, search: str = "", programme_id: int | None = None, limit: int | None = 50,
            lang: str | None = None) -> list[Choice]:
    found = page(db, EvaluationQuery(search=search, programme_id=programme_id), limit=limit or 1000)
    return [Choice(row.id, row.uuid, row.title or row.programme_in(lang), "", str(row.year)) for row in found.rows]


# -- recommendations across evaluations -----------------------------------------------------------------

@dataclass(frozen=True)
class RecommendationRow:
    evaluation_id: int
    programme_id: int
    year: int
    text: str
    owner: str
    deadline: dt.date | None
    status: str
    follow_up: str
    overdue: bool


def recommendations(db: Database, programme_id: int | None = None, pending_only: bool = False,
                    today: dt.date | None = None) -> list[RecommendationRow]:
    """Recommendations of the evaluations (of one programme), overdue ones first, then by deadline."""
    today = today or dt.date.today()
    with db.reading() as session:
        statement = (select(R.evaluation_id, E.programme_id, E.year, R.text, R.owner, R.deadline, R.status,
                            R.follow_up).join(E, E.id == R.evaluation_id))
        if programme_id is not None:
            statement = statement.where(E.programme_id == programme_id)
        if pending_only:
            statement = statement.where(R.status.in_(sorted(PENDING_FOLLOW_UP)))
        found = session.execute(statement.order_by(E.year.desc(), R.evaluation_id, R.position)).all()
    rows = [RecommendationRow(*row, overdue=is_overdue(row[6], row[5], today)) for row in found]
    return sorted(rows, key=lambda r: (not r.overdue, r.deadline or dt.date.max))


def total(db: Database) -> int:
    with db.reading() as session:
        return session.execute(select(func.count()).select_from(E)).scalar_one()
