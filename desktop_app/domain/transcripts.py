"""The transcript of records from the receiving university, grade conversion between the partners'
scales, and the credits recognised at home. Pure rules.

**Grade conversion.** Each university has a grading table: its grades, best first, each with its ECTS
grade (A–E passing, FX and F failing) and, where the university publishes its ECTS grading table, the
share of its passing students given that grade. Where both universities have shares, a grade is
converted by its place in the distribution (the method of the ECTS Users' Guide 2015 and Egracons): the
middle of the grade's band of the receiving university's distribution falls in a band of the home
university's, and that band's grade is the converted one. Otherwise the ECTS grade carries across: the
home university's first grade with the same ECTS grade. A failing grade converts to the home scale's
first failing grade.

**Recognition.** Each component the agreement lists for recognition at home (table B) is recognised
with some credits; fewer credits than agreed need a reason, as the European Commission's template asks.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from desktop_app.domain.contract import Message, Problems

ECTS_GRADES = ("A", "B", "C", "D", "E", "FX", "F")
PASSING_ECTS = frozenset(ECTS_GRADES[:5])


@dataclass
class GradeDraft:
    grade: str
    ects_grade: str = ""
    share: float | None = None  # percent of passing students given this grade
    passing: bool = True


@dataclass
class GradeTableDraft:
    grades: list[GradeDraft] = field(default_factory=list)


@dataclass
class TranscriptEntryDraft:
    title: str
    credits: float = 0.0
    grade: str = ""
    code: str = ""
    passed: bool = True
    component_uuid: str | None = None  # the studied component of the agreement it answers


@dataclass
class RecognitionDraft:
    title: str
    credits_agreed: float = 0.0
    credits_recognised: float = 0.0
    grade: str = ""  # on the home scale
    reason: str = ""  # why fewer credits than agreed were recognised
    code: str = ""
    component_uuid: str | None = None  # the component of table B it recognises
    recognised_on: dt.date | None = None


@dataclass
class TranscriptDraft:
    received_on: dt.date | None = None
    entries: list[TranscriptEntryDraft] = field(default_factory=list)
    recognitions: list[RecognitionDraft] = field(default_factory=list)


def validate_grade_table(draft: GradeTableDraft) -> Problems:
    problems: Problems = {}
    seen: set[str] = set()
    total = 0.0
    for index, row in enumerate(draft.grades):
        where = f"grades[{index}]"
        grade = row.grade.strip()
        if not grade:
            problems[f"{where}.grade"] = Message("Give the grade as the university writes it.")
        elif grade.casefold() in seen:
            problems[f"{where}.grade"] = Message("The grade “{grade}” is listed twice.", {"grade": grade})
        seen.add(grade.casefold())
        if row.ects_grade and row.ects_grade not in ECTS_GRADES:
            problems[f"{where}.ects_grade"] = Message("An ECTS grade is one of A, B, C, D, E, FX and F.")
        elif row.ects_grade and (row.ects_grade in PASSING_ECTS) != row.passing:
            problems[f"{where}.ects_grade"] = Message(
                "The ECTS grade {ects} does not agree with whether “{grade}” is a pass.",
                {"ects": row.ects_grade, "grade": grade})
        if row.share is not None:
            if not 0 <= row.share <= 100:
                problems[f"{where}.share"] = Message("A share is a percentage from 0 to 100.")
            elif not row.passing:
                problems[f"{where}.share"] = Message("The ECTS grading table gives shares of passing grades only.")
            else:
                total += row.share
    if total > 100.5:
        problems["grades"] = Message("The shares of the passing grades add up to more than 100%.")
    return problems


@dataclass(frozen=True)
class Conversion:
    grade: str  # on the home scale; "" when it cannot be converted
    method: str  # distribution | ects | none


def _bands(table: list[GradeDraft]) -> list[tuple[float, float, GradeDraft]] | None:
    """Each passing grade's band of the distribution, best grade first (None without a complete one)."""
    passing = [row for row in table if row.passing]
    if not passing or any(row.share is None for row in passing):
        return None
    total = sum(row.share or 0.0 for row in passing)
    if total <= 0:
        return None
    bands, start = [], 0.0
    for row in passing:
        end = start + (row.share or 0.0) / total * 100
        bands.append((start, end, row))
        start = end
    return bands


def convert_grade(grade: str, receiving: list[GradeDraft], home: list[GradeDraft]) -> Conversion:
    """The grade given at the receiving university on the home university's scale."""
    found = next((row for row in receiving if row.grade.strip().casefold() == grade.strip().casefold()), None)
    if found is None or not home:
        return Conversion("", "none")
    if not found.passing:
        failing = next((row for row in home if not row.passing), None)
        return Conversion(failing.grade, "ects") if failing else Conversion("", "none")
    theirs, ours = _bands(receiving), _bands(home)
    if theirs is not None and ours is not None:
        start, end, _row = next(band for band in theirs if band[2] is found)
        middle = (start + end) / 2
        for low, high, row in ours:
            if low <= middle <= high:
                return Conversion(row.grade, "distribution")
    if found.ects_grade:
        same = next((row for row in home if row.ects_grade == found.ects_grade), None)
        if same is not None:
            return Conversion(same.grade, "ects")
    return Conversion("", "none")


def validate_transcript(draft: TranscriptDraft, agreed: dict[str, tuple[str, float]] | None = None) -> Problems:
    """Every problem of the transcript and its recognitions. ``agreed`` gives, for each component of
    table B by UUID, its title and the credits the agreement promised: a recognition of fewer credits
    needs a reason, and the message names the component."""
    agreed = agreed or {}
    problems: Problems = {}
    for index, entry in enumerate(draft.entries):
        where = f"entries[{index}]"
        if not entry.title.strip():
            problems[f"{where}.title"] = Message("Give the component's title as the transcript shows it.")
        if entry.credits < 0:
            problems[f"{where}.credits"] = Message("Credits cannot be negative.")
    for index, recognition in enumerate(draft.recognitions):
        where = f"recognitions[{index}]"
        title, promised = agreed.get(recognition.component_uuid or "", (recognition.title.strip(),
                                                                          recognition.credits_agreed))
        if recognition.credits_recognised < 0:
            problems[f"{where}.credits_recognised"] = Message("Credits cannot be negative.")
        elif recognition.credits_recognised + 1e-9 < promised and not recognition.reason.strip():
            problems[f"{where}.reason"] = Message(
                "“{component}” is recognised with {recognised} credits where the learning agreement promised "
                "{agreed}: give the reason.",
                {"component": title or recognition.code, "recognised": float(recognition.credits_recognised),
                 "agreed": float(promised)})
    return problems

