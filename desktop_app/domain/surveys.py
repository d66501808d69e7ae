"""Student and employer surveys of joint programmes: the questions (a 1–5 scale or free text, their
wording in several languages), how a cell of a survey tool's export is read as a score, and which columns
of such an export identify respondents (never stored).

A survey belongs to a programme and/or a partner university and an academic year; the number of people
invited is entered with it, so a response rate can be given. Responses carry their answers and nothing
else: no name, e-mail address, respondent number, time or line of the file they came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from desktop_app.domain.contract import Message, Problems
from desktop_app.domain.quality import academic_year_problem
from desktop_app.domain.text import fold_for_search
from desktop_app.i18n import N_

SCALE_MIN, SCALE_MAX = 1, 5


class Audience(StrEnum):
    STUDENTS = "students"
    GRADUATES = "graduates"
    EMPLOYERS = "employers"


AUDIENCE_LABELS = {
    Audience.STUDENTS: N_("Students"),
    Audience.GRADUATES: N_("Graduates"),
    Audience.EMPLOYERS: N_("Employers"),
}


class QuestionKind(StrEnum):
    SCALE = "scale"
    TEXT = "text"


QUESTION_KIND_LABELS = {
    QuestionKind.SCALE: N_("Scale 1–5"),
    QuestionKind.TEXT: N_("Free text"),
}


@dataclass
class QuestionDraft:
    texts: dict[str, str]  # language code -> the question as asked in that language
    kind: str = QuestionKind.SCALE
    uuid: str = ""  # kept across edits: answers and the remembered column mapping stay with the question

    def text_in(self, lang: str) -> str:
        return self.texts.get(lang) or self.texts.get("en") or next((t for t in self.texts.values() if t), "")


@dataclass
class SurveyDraft:
    title: str
    audience: str = Audience.STUDENTS
    programme_id: int | None = None
    university_id: int | None = None  # the partner whose students or employers were asked
    academic_year: str = ""
    invitations: int | None = None  # people invited to answer: the base of the response rate
    questions: list[QuestionDraft] = field(default_factory=list)
    notes: str = ""


def validate_survey(draft: SurveyDraft) -> Problems:
    problems: Problems = {}
    if not draft.title.strip():
        problems["title"] = Message("Give the survey a title.")
    if draft.audience not in set(Audience):
        problems["audience"] = Message("Choose who was asked: students, graduates or employers.")
    if draft.programme_id is None and draft.university_id is None:
        problems["programme_id"] = Message("Choose the joint programme or the partner university the survey is "
                                           "about.")
    problem = academic_year_problem(draft.academic_year)
    if problem is not None:
        problems["academic_year"] = problem
    if draft.invitations is not None and draft.invitations < 0:
        problems["invitations"] = Message("The number of people invited cannot be negative.")
    if not draft.questions:
        problems["questions"] = Message("A survey needs at least one question.")
    for index, question in enumerate(draft.questions):
        if question.kind not in set(QuestionKind):
            problems[f"questions[{index}]"] = Message("Choose whether question {number} is answered on a scale or "
                                                      "in free text.", {"number": index + 1})
        elif not any(text.strip() for text in question.texts.values()):
            problems[f"questions[{index}]"] = Message("Question {number} needs its wording in at least one "
                                                      "language.", {"number": index + 1})
    return problems


def response_rate(responses: int, invitations: int | None) -> float | None:
    """Responses over invitations (0..1; more responses than invitations counts as 1); None when the number
    invited is not known."""
    if not invitations:
        return None
    return min(1.0, responses / invitations)


# -- reading a survey tool's cells ---------------------------------------------------------------------

#: Likert wordings the common survey tools write instead of the number (English and Russian exports),
#: folded as ``fold_for_search`` folds them.
_LIKERT = {
    "strongly disagree": 1, "disagree": 2, "neither agree nor disagree": 3, "neutral": 3, "agree": 4,
    "strongly agree": 5, "very dissatisfied": 1, "dissatisfied": 2, "satisfied": 4, "very satisfied": 5,
    "very poor": 1, "poor": 2, "fair": 3, "good": 4, "excellent": 5,
    "полностью не согласен": 1, "не согласен": 2, "затрудняюсь ответить": 3, "нейтрально": 3, "согласен": 4,
    "полностью согласен": 5, "совершенно не согласен": 1, "скорее не согласен": 2, "скорее согласен": 4,
    "совершенно согласен": 5,
}
_LIKERT_FOLDED = {fold_for_search(words): score for words, score in _LIKERT.items()}
_LEADING_NUMBER = re.compile(r"^\s*(\d+(?:[.,]0+)?)(?:\s*(?:[-–—:.)(/]|\s).*)?$", re.DOTALL)


class NotAScore(ValueError):
    """A cell of a scale question that holds no score from 1 to 5."""


def parse_score(cell: str) -> int | None:
    """The score a cell holds (None for an empty cell): "4", "4.0", "4 – Agree", "Agree", "Согласен"."""
    text = cell.strip()
    if not text:
        return None
    match = _LEADING_NUMBER.match(text)
    if match:
        value = float(match.group(1).replace(",", "."))
        if value.is_integer() and SCALE_MIN <= value <= SCALE_MAX:
            return int(value)
        raise NotAScore(text)
    score = _LIKERT_FOLDED.get(fold_for_search(text))
    if score is None:
        raise NotAScore(text)
    return score


#: Headers that name respondents rather than ask them something (compared folded, punctuation as spaces), in
#: the wordings of Google Forms, Microsoft Forms, SurveyMonkey and LimeSurvey exports, in Russian and Kazakh.
IDENTITY_HEADERS = (
    "name", "first name", "last name", "full name", "surname", "your name", "email", "e mail", "phone",
    "telephone", "mobile", "mobile phone", "ip address", "respondent", "respondent id", "user", "username",
    "user name", "login", "student id", "student number", "id number", "custom data 1",
    "фио", "имя", "фамилия", "отчество", "ваше имя", "электронная почта", "почта", "телефон", "логин",
    "аты", "тегі", "аты жөні", "электрондық пошта", "пошта",
)
#: Words that name respondents wherever they stand in a header ("Email Address", "Respondent ID",
#: "Your full name", "Контактный телефон").
IDENTITY_WORDS = (
    "email", "e mail", "ip address", "respondent id", "first name", "last name", "full name", "student id",
    "фио", "электронная почта", "телефон", "аты жөні", "электрондық пошта",
)
_IDENTITY_FOLDED = frozenset(fold_for_search(words) for words in IDENTITY_HEADERS)
_IDENTITY_WORDS = tuple(fold_for_search(words) for words in IDENTITY_WORDS)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_EMAIL_ONLY = re.compile(r"^\s*[^@\s]+@[^@\s]+\.[^@\s]+\s*$")


def header_names_respondents(header: str) -> bool:
    """Whether a column's header says it holds who answered (their name, e-mail, phone, login…)."""
    words = fold_for_search(re.sub(r"[^\w]+", " ", header))
    return words in _IDENTITY_FOLDED or any(f" {name} " in f" {words} " for name in _IDENTITY_WORDS)


def cells_name_respondents(cells: list[str]) -> bool:
    """Whether a column's cells are mostly e-mail addresses."""
    filled = [cell for cell in cells if cell.strip()]
    return bool(filled) and sum(1 for cell in filled if _EMAIL_ONLY.match(cell)) * 2 > len(filled)


def scrub_addresses(text: str) -> tuple[str, int]:
    """A free-text answer with the e-mail addresses it holds masked, and how many there were."""
    return _EMAIL.subn("•••", text)
