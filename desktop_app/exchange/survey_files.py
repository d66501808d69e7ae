"""Survey results from the exports of common survey tools (Google Forms, Microsoft Forms, SurveyMonkey,
LimeSurvey…), in CSV or XLSX, whatever their column layout.

Two steps, like every import: ``preview_results`` reads the file through the input gate and checks every
row (an error names the line and the column) and writes nothing; ``commit_results`` puts the responses in
place of those imported before, through the surveys service, in one transaction.

Which column holds which question is *mapped once and remembered per survey*: the mapping of the last
import is used again when the file has those columns; otherwise it is guessed from the questions' wording
in any of their languages (a tool writes the question as the column's header, sometimes cut short) or from
headers such as "Q3"; the user corrects it and the import remembers it.

**Respondents' identities never come in.** Columns that name respondents — by their header (name, e-mail,
phone, IP address, respondent ID, login…, in English, Russian and Kazakh) or by their cells (mostly e-mail
addresses) — are never read: the preview lists them as left out, and a question cannot be mapped to one.
Only answers are stored: no respondent number, time, or line of the file. E-mail addresses written inside
free-text answers are masked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from desktop_app.domain.contract import Message
from desktop_app.domain.errors import UserError
from desktop_app.domain.progress import NO_PROGRESS, Progress
from desktop_app.domain.surveys import (
    NotAScore,
    QuestionDraft,
    QuestionKind,
    cells_name_respondents,
    header_names_respondents,
    parse_score,
    scrub_addresses,
)
from desktop_app.domain.text import fold_for_search
from desktop_app.exchange.input_gate import FileRefused, cell_problem
from desktop_app.exchange.input_tables import Table, read_table
from desktop_app.i18n import Nn_
from desktop_app.services import surveys
from desktop_app.storage import values
from desktop_app.storage.database import Database

#: The second header row SurveyMonkey writes under the questions, read as no response.
SUB_HEADER_CELLS = frozenset({"response", "responses", "open-ended response", "other (please specify)"})
ROWS_WITH_ERRORS = Nn_("{count} row of the file has errors", "{count} rows of the file have errors")
#: The shortest question wording matched against the start of a header that a tool cut short.
MIN_PREFIX = 12


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: Message


@dataclass
class ResultsPreview:
    survey_id: int
    path: str
    headers: list[str]
    questions: list[QuestionDraft]
    mapping: dict[str, str]  # question UUID -> header
    mapping_remembered: bool  # the mapping of the last import was used as it was
    identity_columns: list[str]  # headers of columns naming respondents: never read
    responses: list[surveys.Answers] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows_read: int = 0
    empty_rows: int = 0  # rows answering none of the mapped questions
    masked_addresses: int = 0  # e-mail addresses masked inside free-text answers
    replaces: int = 0  # responses imported before, which these replace

    @property
    def error_lines(self) -> set[int]:
        return {error.line for error in self.errors}

    @property
    def unmapped(self) -> list[int]:
        """Numbers (1, 2, …) of the questions no column is chosen for."""
        return [index + 1 for index, q in enumerate(self.questions) if q.uuid not in self.mapping]


def _folded(text: str) -> str:
    return fold_for_search(re.sub(r"[^\w]+", " ", text))


def identity_columns(table: Table) -> list[str]:
    """Headers of the columns that name respondents (by header, or cells mostly e-mail addresses)."""
    found = []
    for index, header in enumerate(table.headers):
        cells = [cells[index] if index < len(cells) else "" for _line, cells in table.rows[:500]]
        if header and (header_names_respondents(header) or cells_name_respondents(cells)):
            found.append(header)
    return found


def guess_mapping(questions: list[QuestionDraft], headers: list[str], remembered: dict[str, str] | None = None,
                  excluded: list[str] | None = None) -> tuple[dict[str, str], bool]:
    """question UUID -> header for every question a header can be found for, and whether the remembered
    mapping was used whole. Columns in ``excluded`` (naming respondents) are never chosen."""
    available = [header for header in headers if header and header not in (excluded or [])]
    remembered = {key: header for key, header in (remembered or {}).items()
                  if key in {q.uuid for q in questions}}
    if remembered and all(header in available for header in remembered.values()):
        return dict(remembered), True
    by_folded = {_folded(header): header for header in available}
    mapping: dict[str, str] = {}
    taken: set[str] = set()

    def take(question: QuestionDraft, header: str | None) -> bool:
        if header is None or header in taken:
            return False
        mapping[question.uuid] = header
        taken.add(header)
        return True

    for question in questions:
        wordings = [_folded(text) for text in question.texts.values() if text.strip()]
        if take(question, remembered.get(question.uuid) if remembered.get(question.uuid) in available else None):
            continue
        if any(take(question, by_folded.get(wording)) for wording in wordings):
            continue
        for folded, header in by_folded.items():
            if header in taken or not folded:
                continue
            if any((len(folded) >= MIN_PREFIX and wording.startswith(folded))
                   or (len(wording) >= MIN_PREFIX and folded.startswith(wording)) for wording in wordings):
                take(question, header)
                break
    for number, question in enumerate(questions, start=1):
        if question.uuid in mapping:
            continue
        for candidate in (f"q{number}", f"question {number}", str(number), f"вопрос {number}", f"сұрақ {number}"):
            if take(question, by_folded.get(_folded(candidate))):
                break
    return mapping, False


def read_headers(path: str | Path) -> list[str]:
    return [header for header in read_table(Path(path)).headers if header]


def _check_mapping(mapping: dict[str, str], questions: list[QuestionDraft], table: Table,
                   identities: list[str]) -> None:
    numbers = {q.uuid: index + 1 for index, q in enumerate(questions)}
    seen: dict[str, int] = {}
    for key, header in mapping.items():
        if key not in numbers:
            raise UserError("The survey has no such question any more; check the file again.")
        if header not in table.headers:
            raise UserError("The file has no column “{column}” (question {number}).", column=header,
                            number=numbers[key])
        if header in identities:
            raise UserError("The column “{column}” names respondents (their names, e-mail addresses or the like): "
                            "answers are never read from it. Choose another column for question {number}.",
                            column=header, number=numbers[key])
        if header in seen:
            raise UserError("The column “{column}” is chosen for questions {first} and {second}; a column holds "
                            "the answers to one question.", column=header, first=seen[header],
                            second=numbers[key])
        seen[header] = numbers[key]


def preview_results(db: Database, survey_id: int, path: str | Path, mapping: dict[str, str] | None = None,
                    progress: Progress = NO_PROGRESS) -> ResultsPreview:
    """Read and check the file's every row against the survey's questions; ``mapping`` (question UUID ->
    header) says which column answers what (None: the remembered or guessed one). Nothing is written."""
    path = Path(path)
    if not path.is_file():
        raise FileRefused("There is no file {name}.", name=str(path))
    record = surveys.get(db, survey_id)
    questions = record.draft.questions
    table = read_table(path)
    identities = identity_columns(table)
    remembered = False
    if mapping is None:
        mapping, remembered = guess_mapping(questions, table.headers, record.facts["column_mapping"], identities)
    mapping = {key: header for key, header in mapping.items() if header}
    _check_mapping(mapping, questions, table, identities)
    if not mapping:
        raise UserError("Choose the column of at least one question.")
    preview = ResultsPreview(survey_id, str(path), [h for h in table.headers if h], questions, mapping, remembered,
                             identities, rows_read=len(table.rows), replaces=record.facts["responses"])
    index_of = {header: index for index, header in enumerate(table.headers)}
    kinds = {q.uuid: q.kind for q in questions}
    for number, (line, cells) in enumerate(table.rows):
        if number % 500 == 0:
            progress.check_cancelled()
            progress.report(number, len(table.rows), "")
        picked = {key: (cells[index_of[header]] if index_of[header] < len(cells) else "")
                  for key, header in mapping.items()}
        if number == 0 and all(cell.strip().casefold() in SUB_HEADER_CELLS | {""} for cell in picked.values()):
            preview.empty_rows += 1  # SurveyMonkey's second header row
            continue
        if len(cells) > len(table.headers) and any(cell.strip() for cell in cells[len(table.headers):]):
            preview.errors.append(RowError(line, "", Message(
                "the row has {found} cells where the header has {expected}",
                {"found": len(cells), "expected": len(table.headers)})))
            continue
        answers, problems = _answers(line, picked, kinds, mapping, preview)
        if problems:
            preview.errors.extend(problems)
        elif answers:
            preview.responses.append(answers)
        else:
            preview.empty_rows += 1
    progress.report(len(table.rows), len(table.rows), "")
    return preview


def _answers(line: int, picked: dict[str, str], kinds: dict[str, str], mapping: dict[str, str],
             preview: ResultsPreview) -> tuple[surveys.Answers, list[RowError]]:
    answers: surveys.Answers = {}
    problems: list[RowError] = []
    for key, cell in picked.items():
        column = mapping[key]
        problem = cell_problem(cell)
        if problem is not None:
            problems.append(RowError(line, column, problem))
            continue
        if kinds[key] == QuestionKind.SCALE:
            try:
                score = parse_score(cell)
            except NotAScore:
                problems.append(RowError(line, column, Message("“{value}” is not a score from 1 to 5",
                                                               {"value": cell.strip()[:60]})))
                continue
            if score is not None:
                answers[key] = (score, "")
            continue
        text = cell.strip()
        if not text:
            continue
        text, masked = scrub_addresses(text)
        preview.masked_addresses += masked
        for _column, message in values.check_row("survey_answers", {"text": text}).items():
            problems.append(RowError(line, column, message))
        answers[key] = (None, text)
    return answers, problems


def commit_results(db: Database, preview: ResultsPreview, skip_invalid: bool = False) -> int:
    """Store the previewed responses in place of those imported before (one transaction). Refused while a
    row has errors unless ``skip_invalid`` says to leave those rows out."""
    if preview.errors and not skip_invalid:
        count = len(preview.error_lines)
        raise UserError("{rows}: nothing was imported. Correct them, or import only the valid rows.",
                        rows=Message(ROWS_WITH_ERRORS[0], plural=ROWS_WITH_ERRORS[1], count=count))
    return surveys.replace_responses(db, preview.survey_id, preview.responses, preview.mapping,
                                     preview.identity_columns, Path(preview.path).name)
