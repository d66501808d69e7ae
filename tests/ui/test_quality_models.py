"""The Quality page's lists as models, without any view: keyset pages read as the view would scroll,
filters in SQL, native sort values, an overdue recommendation in red, indicators against their targets,
and every text again in a new language."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex, Qt

from desktop_app.domain.curricula import ProgrammeDraft
from desktop_app.domain.quality import EvaluationDraft, IndicatorValue, IndicatorYearDraft, RecommendationDraft
from desktop_app.domain.staff_development import ParticipantDraft, StaffDevelopmentDraft
from desktop_app.domain.surveys import QuestionDraft, SurveyDraft
from desktop_app.domain.universities import NameDraft, UniversityDraft
from desktop_app.i18n import set_language
from desktop_app.services import curricula, evaluations, programme_indicators, staff_development, surveys, universities
from desktop_app.services.evaluations import EvaluationQuery
from desktop_app.ui.quality.models import (
    EV_OVERDUE,
    EV_STATUS,
    EV_YEAR,
    IN_MET,
    INDICATOR_COLUMNS,
    MET,
    MISSED,
    OVERDUE,
    SORT_ROLE,
    ST_PARTICIPANTS,
    ST_TOPIC,
    SV_RATE,
    EvaluationTableModel,
    IndicatorTableModel,
    StaffTableModel,
    SurveyTableModel,
)

TODAY = dt.date(2026, 12, 3)


@pytest.fixture
def programme(sqlite_db):
    return curricula.create(sqlite_db, ProgrammeDraft(title="Data Science", code="DS"))


@pytest.fixture
def university(sqlite_db):
    return universities.create(sqlite_db, UniversityDraft("KZ", [NameDraft("Satbayev University", "en")]))


@pytest.fixture
def evaluation_model(qapp, sqlite_db, programme):
    for number in range(25):
        late = [RecommendationDraft("Act", "Dean", TODAY - dt.timedelta(days=1))] if number == 24 else []
        evaluations.create(sqlite_db, EvaluationDraft(programme, 2000 + number, f"Cycle {number}",
                                                      "completed" if number % 2 else "planned",
                                                      recommendations=late))
    model = EvaluationTableModel(today=TODAY)
    model.PAGE_SIZE = 10
    model.set_database(sqlite_db)
    return model


def test_evaluations_paged_as_the_view_scrolls(evaluation_model):
    model = evaluation_model
    assert model.total == 25 and model.rowCount() == 10 and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 25 and not model.canFetchMore(QModelIndex())
    years = [model.data(model.index(row, EV_YEAR), SORT_ROLE) for row in range(25)]
    assert years == sorted(years, reverse=True)  # the latest cycle first, sorted natively (ints)
    assert model.data(model.index(0, EV_OVERDUE)) == "1"
    assert model.data(model.index(0, EV_YEAR), Qt.ItemDataRole.ForegroundRole).color() == OVERDUE
    assert model.data(model.index(1, EV_YEAR), Qt.ItemDataRole.ForegroundRole) is None


def test_evaluation_filter_in_sql_and_language_change(evaluation_model):
    model = evaluation_model
    model.set_query(EvaluationQuery(status="completed", today=TODAY))
    assert model.total == 12
    assert model.data(model.index(0, EV_STATUS)) == "Completed"
    changed = []
    model.dataChanged.connect(lambda *args: changed.append(args))
    model.headerDataChanged.connect(lambda *args: changed.append(args))
    try:
        set_language("ru")
        model.retranslate()
        assert len(changed) == 2
        assert model.data(model.index(0, EV_STATUS)) != "Completed"
        assert model.headerData(0, Qt.Orientation.Horizontal) != "Year"
    finally:
        set_language("en")


def test_survey_rate_and_indicators_against_targets(qapp, sqlite_db, programme, university):
    survey = surveys.create(sqlite_db, SurveyDraft("Exit survey", "students", programme, university, "2026/2027", 4,
                                                   [QuestionDraft({"en": "Useful?"})]))
    question = surveys.get(sqlite_db, survey).draft.questions[0].uuid
    surveys.replace_responses(sqlite_db, survey, [{question: (4, "")}], {}, [], "x.csv")
    model = SurveyTableModel()
    model.set_database(sqlite_db)
    assert model.data(model.index(0, SV_RATE)) == "25%"
    assert model.data(model.index(0, SV_RATE), SORT_ROLE) == 0.25

    programme_indicators.create(sqlite_db, IndicatorYearDraft(programme, "2026/2027", [
        IndicatorValue("applicants", 50, 60), IndicatorValue("dropout", 1, 3), IndicatorValue("employment", 80)]))
    model = IndicatorTableModel()
    model.set_database(sqlite_db)
    column = {indicator: c for c, indicator in INDICATOR_COLUMNS.items()}
    assert model.data(model.index(0, column["applicants"])) == "60 of 50"
    assert model.data(model.index(0, column["applicants"]), Qt.ItemDataRole.ForegroundRole).color() == MET
    assert model.data(model.index(0, column["dropout"]), Qt.ItemDataRole.ForegroundRole).color() == MISSED
    assert model.data(model.index(0, column["employment"])) == "— of 80%"
    assert model.data(model.index(0, column["applicants"]), SORT_ROLE) == 60
    assert model.data(model.index(0, IN_MET)) == "1 of 2"


def test_staff_development_counts_participants(qapp, sqlite_db, university):
    staff_development.create(sqlite_db, StaffDevelopmentDraft(
        "Machine learning for teachers", "other", "machine learning", start_date=dt.date(2026, 3, 1),
        participants=[ParticipantDraft(university, "Aigerim S."), ParticipantDraft(university, "Bolat K.")]))
    model = StaffTableModel()
    model.set_database(sqlite_db)
    assert model.data(model.index(0, ST_PARTICIPANTS)) == "2"
    assert model.data(model.index(0, ST_PARTICIPANTS), SORT_ROLE) == 2
    assert model.data(model.index(0, ST_TOPIC)) == "Other: machine learning"
