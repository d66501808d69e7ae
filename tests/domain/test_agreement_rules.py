import datetime as dt

from desktop_app.domain import agreements as rules
from desktop_app.domain.agreements import AgreementDraft, ForeignPartner, IndicatorDraft, PartyDraft
from desktop_app.domain.mobility import MobilityDraft, mask_personal, validate_mobility
from desktop_app.domain.roadmap import is_overdue, quarter_end


def strategic(**changes) -> AgreementDraft:
    values = {"title": "Joint school", "kind": "strategic", "approach": "joint_programmes", "status": "active",
              "signing_date": dt.date(2025, 6, 1), "valid_from": dt.date(2025, 9, 1),
              "valid_to": dt.date(2030, 8, 31), "national_staff_percent": 70, "foreign_staff_percent": 30,
              "funding_sources": "State grants", "parties": [PartyDraft(1, "national"), PartyDraft(2, "foreign")]}
    values.update(changes)
    return AgreementDraft(**values)


def test_validation_names_each_field():
    errors = rules.validate_agreement(strategic(title=" ", approach=None, parties=[PartyDraft(1)],
                                                valid_to=dt.date(2025, 1, 1),
                                                national_staff_percent=120,
                                                indicators=[IndicatorDraft("", 2025, 1)]))
    assert set(errors) == {"title", "approach", "parties", "valid_to", "national_staff_percent",
                           "indicators"}
    assert rules.validate_agreement(strategic()) == {}
    assert "parties" in rules.validate_agreement(strategic(parties=[PartyDraft(1), PartyDraft(1)]))


def test_five_years_exactly_is_not_short_but_one_day_less_is():
    assert not rules.is_short_partnership(dt.date(2025, 9, 1), dt.date(2030, 8, 31))
    assert rules.is_short_partnership(dt.date(2025, 9, 1), dt.date(2030, 8, 1))
    assert not rules.is_short_partnership(None, dt.date(2030, 8, 1))


def test_top_500_needs_the_whole_band_inside():
    assert rules.best_within_top(["=17"])
    assert rules.best_within_top(["801-1000", "451-500"])
    assert not rules.best_within_top(["401-600", "1001+", "Reporter"])
    assert not rules.best_within_top([])


def test_staffing_ratio_limits():
    assert rules.staffing_warnings(70, 30) == []
    assert len(rules.staffing_warnings(75, 25)) == 1
    assert len(rules.staffing_warnings(60, 35)) == 2  # foreign over 30% and not adding up to 100%


def test_partnership_warnings_only_for_strategic_partnerships():
    ranked = [ForeignPartner("Tsinghua", ("=17",))]
    assert rules.partnership_warnings(strategic(), ranked) == []
    short_unranked = rules.partnership_warnings(strategic(valid_to=dt.date(2028, 8, 31), funding_sources=""),
                                                [ForeignPartner("Example", ("801-1000",))])
    assert len(short_unranked) == 3
    assert any("Example" in w and "TOP-500" in w for w in short_unranked)
    assert any("3 years" in w for w in short_unranked)
    assert rules.partnership_warnings(strategic(kind="bilateral", valid_to=dt.date(2026, 1, 1)), []) == []


def test_expiry_and_indicator_progress():
    today = dt.date(2026, 1, 1)
    assert rules.is_expiring("active", dt.date(2026, 3, 1), today, 90)
    assert rules.is_expiring("signed", dt.date(2025, 12, 1), today, 90)  # already ended: still listed
    assert not rules.is_expiring("active", dt.date(2026, 6, 1), today, 90)
    assert not rules.is_expiring("terminated", dt.date(2026, 2, 1), today, 90)
    assert rules.indicator_progress(30, 24) == 0.8
    assert rules.indicator_progress(30, None) is None
    assert rules.indicator_progress(0, 5) is None


def test_roadmap_overdue_after_the_last_deadline_quarter():
    assert quarter_end(2024, 3) == dt.date(2024, 9, 30)
    assert quarter_end(2024, 4) == dt.date(2024, 12, 31)
    assert not is_overdue("planned", 2024, 3, dt.date(2024, 9, 30))
    assert is_overdue("in_progress", 2024, 3, dt.date(2024, 10, 1))
    assert not is_overdue("done", 2024, 3, dt.date(2030, 1, 1))


def test_personal_data_masked_and_mobility_checked():
    assert mask_personal("Aigerim  Nurlanovna Sadykova") == "A. N. S."
    assert mask_personal("") == ""
    draft = MobilityDraft("student", "semester", 1, 1, dt.date(2025, 9, 1), dt.date(2025, 8, 1))
    assert set(validate_mobility(draft)) == {"receiving_university_id", "end_date"}
