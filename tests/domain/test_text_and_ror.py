import pytest

from desktop_app.domain.text import fold_for_search, like_pattern
from desktop_app.domain.universities import is_valid_ror_id, normalise_ror_id, ror_check_digits


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("ӘЛ-ФАРАБИ", "Әл-Фараби атындағы Қазақ ұлттық университеті"),
        ("московский", "МОСКОВСКИЙ государственный университет"),
        ("istanbul", "İstanbul Üniversitesi"),
        ("ISIK", "Işık Üniversitesi"),
        ("الكويت", "جامعة الكويت"),
        ("دانشگاه شیراز", "دانشگاه شيراز"),  # Arabic yeh typed, Persian yeh stored
        ("гумилев", "Гумилёва"),
    ],
)
def test_folding_matches_across_case_and_script_variants(typed, stored):
    assert fold_for_search(typed) in fold_for_search(stored)


def test_folding_keeps_distinct_letters_apart():
    assert fold_for_search("қазақ") != fold_for_search("казак")
    assert fold_for_search("清华大学") == "清华大学"


def test_like_pattern_escapes_wildcards():
    assert like_pattern("50%_a\\b") == "%50\\%\\_a\\\\b%"


def test_ror_identifiers_are_checked_with_iso_7064():
    assert is_valid_ror_id("https://ror.org/03q0vrn42")
    assert is_valid_ror_id("03q0vrn42")
    assert not is_valid_ror_id("03q0vrn43")  # wrong check digits
    assert not is_valid_ror_id("13q0vrn42")  # must start with 0
    assert not is_valid_ror_id("03q0vrl42")  # 'l' is not in the alphabet
    assert normalise_ror_id(" ror.org/03Q0VRN42 ") == "03q0vrn42"
    assert ror_check_digits("03q0vrn") == "42"
