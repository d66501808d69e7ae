"""What surveys say, computed by the database: per question the number of answers, the mean score and how
the scores spread over 1–5; per survey the responses and the response rate; per programme, partner,
academic year and audience the same, gathered over their surveys.

Free-text answers are given as a list in the reader's alphabetical order — never in the order of the
file they came from, and never beside anything that could say who wrote them (responses store nothing of
the kind).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import func, select

from desktop_app.domain.surveys import SCALE_MAX, SCALE_MIN, QuestionKind, response_rate
from desktop_app.services.collation import sort_key
from desktop_app.services.quality_lists import title_in
from desktop_app.storage.database import Database
from desktop_app.storage.models import Programme, Survey, SurveyAnswer, SurveyQuestion, SurveyResponse, University


@dataclass(frozen=True)
class QuestionResult:
    uuid: str
    number: int  # 1, 2, … in the survey's order
    kind: str
    texts: dict[str, str]
    answers: int
    mean: float | None = None
    distribution: dict[int, int] = field(default_factory=dict)  # score -> answers
    comments: tuple[str, ...] = ()

    def text_in(self, lang: str) -> str:
        return self.texts.get(lang) or self.texts.get("en") or next(iter(self.texts.values()), "")


@dataclass(frozen=True)
class SurveyResult:
    id: int
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
    questions: tuple[QuestionResult, ...]

    @property
    def rate(self) -> float | None:
        return response_rate(self.responses, self.invitations)

    @property
    def mean(self) -> float | None:
        """The mean of every score given in the survey."""
        scored = [(q.mean, q.answers) for q in self.questions if q.mean is not None]
        answers = sum(n for _mean, n in scored)
        return sum(mean * n for mean, n in scored) / answers if answers else None

    def programme_in(self, lang: str) -> str:
        return title_in(self.programme_title, self.programme_titles, lang)

    def as_json(self, lang: str = "en") -> dict:
        return {"id": self.id, "title": self.title, "audience": self.audience, "programme_id": self.programme_id,
                "programme": self.programme_in(lang) or None, "university_id": self.university_id,
                "university": self.university_name or None, "academic_year": self.academic_year,
                "invitations": self.invitations, "responses": self.responses, "response_rate": self.rate,
                "questions": [{"number": q.number, "kind": q.kind, "text": q.text_in(lang), "answers": q.answers,
                               "mean": q.mean, "distribution": {str(k): v for k, v in q.distribution.items()},
                               "comments": list(q.comments)} for q in self.questions]}


def survey_results(db: Database, survey_ids: Iterable[int] | None = None, programme_id: int | None = None,
                   academic_year: str | None = None, lang: str = "en") -> list[SurveyResult]:
    """The results of the surveys asked for (by id, programme or year; all when nothing is said), the latest
    academic year first."""
    with db.reading() as session:
        statement = (select(Survey.id, Survey.title, Survey.audience, Survey.programme_id, Programme.title,
                            Programme.titles, Survey.university_id, University.display_name, Survey.academic_year,
                            Survey.invitations)
                     .outerjoin(Programme, Programme.id == Survey.programme_id)
                     .outerjoin(University, University.id == Survey.university_id))
        if survey_ids is not None:
            statement = statement.where(Survey.id.in_(list(survey_ids)))
        if programme_id is not None:
            statement = statement.where(Survey.programme_id == programme_id)
        if academic_year:
            statement = statement.where(Survey.academic_year == academic_year)
        surveys = session.execute(statement.order_by(Survey.academic_year.desc(), Survey.title, Survey.id)).all()
        ids = [row[0] for row in surveys]
        if not ids:
            return []
        responses = dict(session.execute(select(SurveyResponse.survey_id, func.count())
                                         .where(SurveyResponse.survey_id.in_(ids))
                                         .group_by(SurveyResponse.survey_id)).all())
        questions = session.execute(select(SurveyQuestion.id, SurveyQuestion.survey_id, SurveyQuestion.uuid,
                                           SurveyQuestion.kind, SurveyQuestion.texts)
                                    .where(SurveyQuestion.survey_id.in_(ids))
                                    .order_by(SurveyQuestion.survey_id, SurveyQuestion.position)).all()
        question_ids = [row[0] for row in questions]
        scores: dict[int, dict[int, int]] = {}
        for question_id, score, answers in session.execute(
                select(SurveyAnswer.question_id, SurveyAnswer.score, func.count())
                .where(SurveyAnswer.question_id.in_(question_ids), SurveyAnswer.score.is_not(None))
                .group_by(SurveyAnswer.question_id, SurveyAnswer.score)):
            if score is not None:  # (the query keeps scored answers only; said again for the type checker)
                scores.setdefault(question_id, {})[score] = answers
        comments: dict[int, list[str]] = {}
        text_ids = [row[0] for row in questions if row[3] == QuestionKind.TEXT]
        if text_ids:
            for question_id, text in session.execute(
                    select(SurveyAnswer.question_id, SurveyAnswer.text)
                    .where(SurveyAnswer.question_id.in_(text_ids), SurveyAnswer.text != "")):
                comments.setdefault(question_id, []).append(text)
    by_survey: dict[int, list[QuestionResult]] = {}
    for question_id, survey_id, uuid, kind, texts in questions:
        spread = {score: scores.get(question_id, {}).get(score, 0) for score in range(SCALE_MIN, SCALE_MAX + 1)}
        scored = sum(spread.values())
        mean = sum(score * n for score, n in spread.items()) / scored if scored else None
        said = sorted(comments.get(question_id, []), key=lambda text: sort_key(text, lang))
        answers = scored if kind == QuestionKind.SCALE else len(said)
        numbered = by_survey.setdefault(survey_id, [])
        numbered.append(QuestionResult(uuid, len(numbered) + 1, kind, dict(texts or {}), answers,
                                       mean if kind == QuestionKind.SCALE else None,
                                       spread if kind == QuestionKind.SCALE else {}, tuple(said)))
    return [SurveyResult(sid, title, audience, pid, ptitle or "", dict(ptitles or {}), uid, uname or "", year,
                         invitations, responses.get(sid, 0), tuple(by_survey.get(sid, [])))
            for sid, title, audience, pid, ptitle, ptitles, uid, uname, year, invitations in surveys]


@dataclass(frozen=True)
class GroupResult:
    """The surveys of one programme, partner, academic year and audience, taken together."""

    programme_id: int | None
    programme_title: str
    programme_titles: dict
    university_id: int | None
    university_name: str
    academic_year: str
    audience: str
    surveys: int
    responses: int
    invitations: int | None  # None when a survey of the group has no number invited
    mean: float | None

    @property
    def rate(self) -> float | None:
        return response_rate(self.responses, self.invitations)

    def programme_in(self, lang: str) -> str:
        return title_in(self.programme_title, self.programme_titles, lang)


def gathered(results: Iterable[SurveyResult]) -> list[GroupResult]:
    """Results per programme, partner, academic year and audience (the latest year first)."""
    groups: dict[tuple, list[SurveyResult]] = {}
    for result in results:
        groups.setdefault((result.programme_id, result.university_id, result.academic_year, result.audience),
                          []).append(result)
    out = []
    for (programme_id, university_id, year, audience), members in groups.items():
        first = members[0]
        invitations = None if any(m.invitations is None for m in members) else sum(m.invitations or 0
                                                                                     for m in members)
        weighted = [(m.mean, sum(q.answers for q in m.questions if q.mean is not None)) for m in members
                    if m.mean is not None]
        answers = sum(n for _mean, n in weighted)
        out.append(GroupResult(programme_id, first.programme_title, first.programme_titles, university_id,
                               first.university_name, year, audience, len(members), sum(m.responses for m in members),
                               invitations, sum(mean * n for mean, n in weighted) / answers if answers else None))
    out.sort(key=lambda g: (g.programme_title, g.university_name, g.audience))
    out.sort(key=lambda g: g.academic_year, reverse=True)
    return out
