"""The recognition workflow and the checks on a case, without a database."""

import datetime as dt

import pytest

from desktop_app.domain.errors import ConflictError, ValidationError
from desktop_app.domain.recognition import PERSONAL_FIELDS, CaseDraft, check_transition, mask, pseudonym
from desktop_app.storage.models.recognition import personal_columns


def _draft(**changes):
    values = dict(holder_name="Demo Person", reference="R-1", issuing_country="KZ", recognising_country="TR",
                  qualification_title="Бакалавр", received_on=dt.date(2025, 1, 10))
    values.update(changes)
    return CaseDraft(**values)


def test_workflow_allows_only_its_moves():
    check_transition("received", "under_evaluation", _draft())
    with pytest.raises(ConflictError):
        check_transition("received", "decided", _draft())
    with pytest.raises(ConflictError):
        check_transition("closed", "received", _draft())


def test_a_decision_needs_outcome_and_date_and_an_appeal_its_date():
    with pytest.raises(ValidationError) as raised:
        check_transition("under_evaluation", "decided", _draft())
    assert set(raised.value.errors) == {"outcome", "decided_on"}
    check_transition("under_evaluation", "decided", _draft(outcome="full", decided_on=dt.date(2025, 3, 1)))
    with pytest.raises(ValidationError) as raised:
        check_transition("decided", "appealed", _draft(outcome="full"))
    assert "appeal_lodged_on" in raised.value.errors
    with pytest.raises(ValidationError):
        check_transition("appealed", "closed", _draft(outcome="full", appeal_lodged_on=dt.date(2025, 4, 1)))


def test_case_validation_names_each_field():
    with pytest.raises(ValidationError) as raised:
        CaseDraft(received_on=None, issuing_country="Kazakhstan", credits=-1).validate()
    assert {"holder_name", "reference", "issuing_country", "recognising_country", "qualification_title",
            "received_on", "credits"} <= set(raised.value.errors)
    with pytest.raises(ValidationError) as raised:
        _draft(decided_on=dt.date(2024, 1, 1)).validate()
    assert "decided_on" in raised.value.errors


def test_personal_fields_are_marked_in_the_model_and_masked_whole():
    assert set(personal_columns()) == set(PERSONAL_FIELDS)
    assert "Demo" not in mask("Demo Person") and mask("") == ""
    assert pseudonym("abc") == pseudonym("abc") != pseudonym("abd")
