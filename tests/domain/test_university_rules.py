"""Validation of a university draft and the TOP-500 rule."""

import datetime as dt

from desktop_app.domain.universities import (
    AccreditationDraft,
    ContactDraft,
    NameDraft,
    RankingDraft,
    UniversityDraft,
)
from desktop_app.domain.university_rules import is_top500, recommendations, validation_errors


def _draft(**changes) -> UniversityDraft:
    draft = UniversityDraft("KZ", [NameDraft("Әл-Фараби атындағы Қазақ ұлттық университеті", "kk", "official"),
                                   NameDraft("Al-Farabi Kazakh National University", "en")],
                            ror_id="03q0vrn42", website="https://farabi.university")
    for key, value in changes.items():
        setattr(draft, key, value)
    return draft


def test_a_complete_draft_has_no_errors_and_no_advice():
    assert validation_errors(_draft()) == {}
    assert recommendations(_draft()) == {}


def test_each_problem_is_reported_on_its_field():
    errors = validation_errors(_draft(
        names=[], country_code="XX", ror_id="03q0vrn43", website="not a site",
        contacts=[ContactDraft("", email="nobody")],
        rankings=[RankingDraft("qs", 2024, "")],
        accreditations=[AccreditationDraft("IQAA", valid_from=dt.date(2024, 1, 1), valid_to=dt.date(2023, 1, 1))]))
    assert set(errors) == {"names", "country_code", "ror_id", "website", "contacts[0].name", "contacts[0].email",
                           "rankings[0].rank_text", "accreditations[0].valid_to"}
    assert "03q0vrn43" in errors["ror_id"].text()


def test_english_and_native_names_are_recommended():
    only_native = _draft(names=[NameDraft("Сәтбаев университеті", "kk")])
    assert "English" in recommendations(only_native)["names"].text()
    only_english = _draft(names=[NameDraft("Satbayev University", "en")])
    assert "national language" in recommendations(only_english)["names"].text()


def test_top500_counts_the_latest_overall_world_ranking_only():
    assert is_top500([RankingDraft("qs", 2024, "=150")])
    assert is_top500([RankingDraft("the", 2024, "401–500")])
    assert not is_top500([RankingDraft("the", 2024, "501–600")])
    assert not is_top500([RankingDraft("arwu", 2024, "1001+")])
    # An old edition inside the TOP-500 does not count once a newer one places it outside.
    assert not is_top500([RankingDraft("qs", 2019, "450"), RankingDraft("qs", 2024, "601-650")])
    # National and subject rankings do not count.
    assert not is_top500([RankingDraft("national", 2024, "1")])
    assert not is_top500([RankingDraft("qs", 2024, "50", scope="subject", subject="Physics")])
