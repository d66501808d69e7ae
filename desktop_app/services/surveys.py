"""Student, graduate and employer surveys (the area contract): the survey as defined in the application
(its questions on a 1–5 scale or in free text, worded in several languages; the programme, partner and
academic year it concerns; how many people were invited) and its imported responses.

Responses are never edited one by one: ``replace_responses`` puts the answers of a survey tool's export in
place of those imported before, in one transaction, and remembers which column held which question so the
next export of the same tool is read the same way. A response holds answers only — nothing that says who
gave them. The editor's ``update`` leaves responses and the remembered columns as they are; a question
removed takes its answers with it.

Results (means, distributions, response rates) are in ``survey_results``.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuid_module
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import delete as sql_delete
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session, selectinload

from desktop_app.domain.contract import PAGE_SIZE, Choice, Message, Page, Problems, Record, Snapshot
from desktop_app.domain.errors import NotFoundError, ValidationError
from desktop_app.domain.quality import normal_academic_year
from desktop_app.domain.surveys import QuestionDraft, SurveyDraft, response_rate, validate_survey
from desktop_app.i18n import current_language
from desktop_app.services import quality_lists, records
from desktop_app.storage.database import Database
from desktop_app.storage.models import (
    Programme,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
    University,
)

TOPIC = "quality"
KIND = "survey"
TOPICS = frozenset({TOPIC})

S = Survey


@dataclass(frozen=True)
class SurveyQuery:
    search: str = ""
    programme_id: int | None = None
    university_id: int | None = None
    audience: str | None = None
    academic_year: str | None = None


@dataclass(frozen=True)
class SurveyRow:
    id: int
    uuid: str
    title: str
    audience: str
    programme_id: int | None
    programme_title: str
    programme_titles: dict
    university_id: int | None
    university_name: str
    academic_year: str
    invitations: int | None
    responses: int
    imported_at: dt.datetime | None

    @property
    def rate(self) -> float | None:
        return response_rate(self.responses, self.invitations)

    def programme_in(self, lang: str | None = None) -> str:
        return quality_lists.title_in(self.programme_title, self.programme_titles, lang or current_language())

    def as_json(self) -> dict:
        return {"id": self.id, "uuid": self.uuid, "title": self.title, "audience": self.audience,
                "programme_id": self.programme_id, "programme": self.programme_title or None,
                "university_id": self.university_id, "university": self.university_name or None,
                "academic_year": self.academic_year, "invitations": self.invitations, "responses": self.responses,
                "response_rate": self.rate}


def validate(draft: SurveyDraft) -> Problems:
    return validate_survey(draft)


def _checked(session: Session, draft: SurveyDraft) -> None:
    problems = validate_survey(draft)
    if draft.programme_id is not None and session.get(Programme, draft.programme_id) is None:
        problems["programme_id"] = Message("The joint programme no longer exists.")
    if draft.university_id is not None and session.get(University, draft.university_id) is None:
        problems["university_id"] = Message("The university no longer exists.")
    if problems:
        raise ValidationError(problems)


def _free(session: Session, question_uuid: str) -> bool:
    return session.execute(select(SurveyQuestion.id).where(SurveyQuestion.uuid == question_uuid)).first() is None


def _fill(session: Session, survey: Survey, draft: SurveyDraft) -> None:
    survey.title = draft.title.strip()
    survey.audience = draft.audience
    survey.programme_id, survey.university_id = draft.programme_id, draft.university_id
    survey.academic_year = normal_academic_year(draft.academic_year)
    survey.invitations = draft.invitations
    survey.notes = draft.notes
    kept = {question.uuid: question for question in survey.questions}
    questions = []
    for position, q in enumerate(draft.questions):
        question = kept.pop(q.uuid, None) if q.uuid else None
        if question is None:
            question = SurveyQuestion(uuid=q.uuid) if q.uuid and _free(session, q.uuid) else SurveyQuestion()
        texts = {lang: text.strip() for lang, text in q.texts.items() if text.strip()}
        for name, value in (("position", position), ("kind", q.kind), ("texts", texts)):
            if getattr(question, name) != value:
                setattr(question, name, value)
        questions.append(question)
    survey.questions = questions
    session.flush()
    known = {question.uuid for question in questions}
    mapping = {key: header for key, header in (survey.column_mapping or {}).items() if key in known}
    if mapping != (survey.column_mapping or {}):
        survey.column_mapping = mapping


def create(db: Database, draft: SurveyDraft, uuid: str | None = None) -> int:
    with db.transaction(changes=set(TOPICS)) as session:
        _checked(session, draft)
        survey = S(uuid=uuid) if uuid else S()
        survey.questions, survey.column_mapping, survey.dropped_columns = [], {}, []
        session.add(survey)
        _fill(session, survey, draft)
        return survey.id


def _load(session: Session, survey_id: int) -> Survey:
    survey = session.get(S, survey_id, options=[selectinload(S.questions)])
    if survey is None:
        raise NotFoundError("The survey no longer exists (id {id}); perhaps it was deleted.", id=survey_id)
    return survey


def draft_of(survey: Survey) -> SurveyDraft:
    return SurveyDraft(survey.title, survey.audience, survey.programme_id, survey.university_id,
                       survey.academic_year, survey.invitations,
                       [QuestionDraft(dict(q.texts or {}), q.kind, q.uuid) for q in survey.questions], survey.notes)


def _responses(session: Session, survey_id: int) -> int:
    return session.execute(select(func.count()).select_from(SurveyResponse)
                           .where(SurveyResponse.survey_id == survey_id)).scalar_one()


def get(db: Database, survey_id: int) -> Record[SurveyDraft]:
    with db.reading() as session:
        survey = _load(session, survey_id)
        return Record(survey.id, survey.uuid, draft_of(survey), {
            "updated_at": survey.updated_at, "responses": _responses(session, survey_id),
            "column_mapping": dict(survey.column_mapping or {}), "dropped_columns": list(survey.dropped_columns or []),
            "source_name": survey.source_name, "imported_at": survey.imported_at})


def update(db: Database, survey_id: int, draft: SurveyDraft) -> None:
    with db.transaction(changes=set(TOPICS)) as session:
        survey = _load(session, survey_id)
        _checked(session, draft)
        _fill(session, survey, draft)


def delete(db: Database, survey_id: int) -> Snapshot:
    """Delete a survey with its questions and responses."""
    with db.reading() as session:
        title = session.execute(select(S.title).where(S.id == survey_id)).scalar()
    return records.delete_record(db, KIND, survey_id, TOPICS, title or "")


def restore(db: Database, snapshot: Snapshot) -> int:
    return records.restore_record(db, snapshot, TOPICS)


# -- responses -------------------------------------------------------------------------------------------

#: One respondent's answers: question UUID -> (score or None, text).
Answers = dict[str, tuple[int | None, str]]


def replace_responses(db: Database, survey_id: int, responses: Sequence[Answers], mapping: dict[str, str],
                      dropped_columns: Sequence[str], source_name: str) -> int:
    """Put ``responses`` in place of the survey's imported responses, in one transaction, and remember the
    columns that held each question (``mapping``: question UUID -> header) and those left out as naming
    respondents. Answers the survey has no question for are refused. Returns the responses stored."""
    with db.transaction(changes=set(TOPICS)) as session:
        survey = _load(session, survey_id)
        questions = {question.uuid: question.id for question in survey.questions}
        unknown = sorted({key for answers in responses for key in answers if key not in questions}
                         | {key for key in mapping if key not in questions})
        if unknown:
            raise ValidationError({"questions": Message("The survey has no question {uuid}; it was changed meanwhile. "
                                                        "Check the file again.", {"uuid": unknown[0]})})
        session.execute(sql_delete(SurveyResponse).where(SurveyResponse.survey_id == survey_id))
        kept = [answers for answers in responses if answers]
        response_uuids = [str(uuid_module.uuid4()) for _answers in kept]
        for start in range(0, len(kept), 1000):
            session.execute(insert(SurveyResponse), [{"uuid": key, "survey_id": survey_id}
                                                     for key in response_uuids[start:start + 1000]])
        ids: dict[str, int] = {}
        for start in range(0, len(response_uuids), 500):
            chunk = response_uuids[start:start + 500]
            ids.update(session.execute(select(SurveyResponse.uuid, SurveyResponse.id)
                                       .where(SurveyResponse.uuid.in_(chunk))).all())
        rows = [{"uuid": str(uuid_module.uuid4()), "response_id": ids[key], "question_id": questions[question],
                 "score": score, "text": text}
                for key, answers in zip(response_uuids, kept, strict=True)
                for question, (score, text) in answers.items()]
        for start in range(0, len(rows), 1000):
            session.execute(insert(SurveyAnswer), rows[start:start + 1000])
        survey.column_mapping = dict(mapping)
        survey.dropped_columns = list(dropped_columns)
        survey.source_name = source_name[:500]
        survey.imported_at = dt.datetime.now(dt.UTC)
        return len(kept)


# -- the list --------------------------------------------------------------------------------------------

def _conditions(session: Session, query: SurveyQuery) -> list:
    where = quality_lists.search_conditions(session, query.search, S.title, University.display_name)
    if query.programme_id is not None:
        where.append(S.programme_id == query.programme_id)
    if query.university_id is not None:
        where.append(S.university_id == query.university_id)
    if query.audience:
        where.append(S.audience == query.audience)
    if query.academic_year:
        where.append(S.academic_year == normal_academic_year(query.academic_year))
    return where


KEYS = ((S.academic_year, True), (S.title, False), (S.id, False))


def _joined(statement):
    return (statement.outerjoin(Programme, Programme.id == S.programme_id)
            .outerjoin(University, University.id == S.university_id))


def page(db: Database, query: SurveyQuery | None = None, after: tuple | None = None,
         limit: int = PAGE_SIZE) -> Page[SurveyRow]:
    """Surveys, the latest academic year first, then by title."""
    query = query or SurveyQuery()
    responses = (select(func.count()).where(SurveyResponse.survey_id == S.id).scalar_subquery())

    def build(session: Session):
        statement = _joined(select(S.id, S.uuid, S.title, S.audience, S.programme_id, Programme.title,
                                   Programme.titles, S.university_id, University.display_name, S.academic_year,
                                   S.invitations, responses, S.imported_at))
        return statement, _conditions(session, query)

    return quality_lists.keyset_page(db, build, KEYS, after, limit, lambda row: SurveyRow(
        row[0], row[1], row[2], row[3], row[4], row[5] or "", dict(row[6] or {}), row[7], row[8] or "", row[9],
        row[10], row[11], row[12]))


def count(db: Database, query: SurveyQuery | None = None) -> int:
    query = query or SurveyQuery()
    with db.reading() as session:
        return session.execute(_joined(select(func.count()).select_from(S))
                               .where(*_conditions(session, query))).scalar_one()


def iterate(db: Database, query: SurveyQuery | None = None) -> Iterator[SurveyRow]:
    return quality_lists.iterate(page, db, query or SurveyQuery())


def choices(db: Database, search: str = "", programme_id: int | None = None, limit: int | None = 50) -> list[Choice]:
    found = page(db, SurveyQuery(search=search, programme_id=programme_id), limit=limit or 1000)
    return [Choice(row.id, row.uuid, row.title, "", row.academic_year) for row in found.rows]
