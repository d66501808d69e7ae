"""Recognition use cases on SQLite and PostgreSQL: history, workflow, search, paging, statistics, privacy."""

import datetime as dt
import statistics

import pytest
from sqlalchemy import select

from desktop_app.domain.errors import ConflictError, ValidationError
from desktop_app.domain.preferences import Options
from desktop_app.domain.recognition import MASK, CaseDraft, RuleDraft
from desktop_app.services import recognition_cases as cases
from desktop_app.services import recognition_rules as rules
from desktop_app.services.recognition_queries import CaseFilter, PageKey, count_cases, fetch_page, overdue_cases
from desktop_app.services.recognition_stats import compute_statistics
from desktop_app.storage.models import RecognitionCase, RecognitionHistory


def _draft(reference="R-1", **changes):
    values = dict(holder_name="Қайрат Тестов", holder_birth_date=dt.date(1990, 5, 17), reference=reference,
                  issuing_country="KZ", recognising_country="TR", qualification_title="Бакалавр техники",
                  isced_level="6", received_on=dt.date(2025, 1, 10))
    values.update(changes)
    return CaseDraft(**values)


def _decide(db, case_id, days, outcome="full"):
    cases.change_status(db, case_id, "under_evaluation")
    draft = cases.get(db, case_id).draft
    draft.outcome, draft.decided_on = outcome, draft.received_on + dt.timedelta(days=days)
    cases.change_status(db, case_id, "decided", draft)


def test_every_change_is_in_the_history_with_personal_values_masked(db):
    case_id = cases.create(db, _draft())
    record = cases.get(db, case_id)
    assert record.facts["status"] == "received"
    draft = record.draft
    draft.holder_name, draft.credits = "Другой Человек", 240
    assert cases.changed_fields(cases.get(db, case_id).draft, draft) == ["holder_name", "credits"]
    assert cases.update(db, case_id, draft) is None
    assert {e.field for e in cases.case_history(db, case_id) if e.action == "changed"} == {"holder_name", "credits"}
    entries = cases.case_history(db, case_id)
    name_changes = [e for e in entries if e.field == "holder_name"]
    assert [e.action for e in name_changes] == ["created", "changed"]
    assert all(e.personal and e.new_value == MASK for e in name_changes)
    assert not any("Тестов" in e.old_value + e.new_value or "1990" in e.new_value for e in entries)
    credits = [e for e in entries if e.field == "credits"][-1]
    assert (credits.old_value, credits.new_value, credits.personal) == ("", "240", False)


def test_workflow_through_appeal_to_closing(db):
    case_id = cases.create(db, _draft())
    _decide(db, case_id, 30, "not_recognised")
    with pytest.raises(ValidationError):
        cases.change_status(db, case_id, "appealed")
    draft = cases.get(db, case_id).draft
    draft.appeal_lodged_on = dt.date(2025, 3, 1)
    cases.change_status(db, case_id, "appealed", draft)
    draft.appeal_result = "rejected"
    cases.change_status(db, case_id, "closed", draft, today=dt.date(2025, 4, 1))
    with pytest.raises(ConflictError):
        cases.change_status(db, case_id, "under_evaluation")
    moves = [(e.old_value, e.new_value) for e in cases.case_history(db, case_id) if e.action == "status"
             and e.field == "status"]
    assert moves == [("received", "under_evaluation"), ("under_evaluation", "decided"), ("decided", "appealed"),
                     ("appealed", "closed")]


def test_duplicate_reference_is_refused(db):
    cases.create(db, _draft())
    with pytest.raises(ConflictError):
        cases.create(db, _draft())


def test_search_filters_and_keyset_paging(db):
    for number in range(25):
        cases.create(db, _draft(f"R-{number:03d}", qualification_title="Магистр" if number % 5 == 0 else
                                     "Бакалавр", recognising_country="TR" if number % 2 else "RU",
                                     received_on=dt.date(2025, 1, 1) + dt.timedelta(days=number)))
    assert count_cases(db, CaseFilter(search="МАГИСТР")) == 5
    assert count_cases(db, CaseFilter(search="r-01")) == 10
    assert count_cases(db, CaseFilter(to_country="tr")) == 12
    assert count_cases(db, CaseFilter(search="тестов")) == 25  # holders are searchable on purpose
    seen, after = [], None
    while True:
        page = fetch_page(db, CaseFilter(), sort="received_on", descending=True, after=after, limit=7)
        if not page:
            break
        seen += [row["reference"] for row in page]
        after = PageKey(page[-1]["received_on"], page[-1]["id"])
    assert seen == [f"R-{n:03d}" for n in range(24, -1, -1)]
    assert fetch_page(db, CaseFilter(), limit=1)[0]["holder_name"] == MASK
    assert fetch_page(db, CaseFilter(), limit=1, reveal=True)[0]["holder_name"] == "Қайрат Тестов"


def test_overdue_cases_are_those_pending_past_the_limit(db):
    cases.create(db, _draft("OLD", received_on=dt.date(2025, 1, 1)))
    cases.create(db, _draft("NEW", received_on=dt.date(2025, 6, 1)))
    decided = cases.create(db, _draft("DONE", received_on=dt.date(2025, 1, 1)))
    _decide(db, decided, 10)
    count, rows = overdue_cases(db, Options(recognition_overdue_days=120), today=dt.date(2025, 6, 30))
    assert count == 1 and rows[0]["reference"] == "OLD"
    assert overdue_cases(db, Options(recognition_overdue_days=10), today=dt.date(2025, 6, 30))[0] == 2


def test_statistics_are_computed_in_sql_with_a_true_median(db):
    days = [10, 40, 20, 90, 35]
    for number, value in enumerate(days):
        case_id = cases.create(db, _draft(f"S-{number}"))
        _decide(db, case_id, value, "full" if number < 3 else "partial")
    other = cases.create(db, _draft("S-X", issuing_country="CN", recognising_country="KZ",
                                         received_on=dt.date(2024, 5, 1)))
    _decide(db, other, 7, "not_recognised")
    stats = compute_statistics(db, median_by_pair=True)
    assert stats["total"] == 6
    assert stats["median_days_to_decision"] == statistics.median(days + [7])
    by_pair = {(r["from"], r["to"]): r for r in stats["median_days_by_country_pair"]}
    assert by_pair[("KZ", "TR")]["median_days"] == statistics.median(days)
    assert {(r["from"], r["to"], r["year"]): r["cases"] for r in stats["by_country_pair_and_year"]} == {
        ("KZ", "TR", 2025): 5, ("CN", "KZ", 2024): 1}
    shares = {r["outcome"]: r["share"] for r in stats["outcomes"]}
    assert shares == {"full": 0.5, "partial": round(2 / 6, 4), "not_recognised": round(1 / 6, 4)}
    assert compute_statistics(db, year=2024)["total"] == 1


def test_pseudonymise_closed_cases_older_than_n_years(db):
    old = cases.create(db, _draft("OLD", document_number="123"))
    _decide(db, old, 10)
    cases.change_status(db, old, "closed", today=dt.date(2018, 1, 1))
    recent = cases.create(db, _draft("NEW"))
    _decide(db, recent, 10)
    cases.change_status(db, recent, "closed", today=dt.date(2025, 1, 1))
    assert cases.pseudonymise_closed_cases(db, 5, today=dt.date(2025, 6, 1)) == 1
    record = cases.get(db, old)
    draft = record.draft
    assert record.facts["pseudonymised"] and draft.holder_name.startswith("PSN-") and draft.holder_birth_date is None
    assert draft.document_number == ""
    assert cases.get(db, recent).draft.holder_name == "Қайрат Тестов"
    assert count_cases(db, CaseFilter(search="тестов")) == 1
    assert cases.pseudonymise_closed_cases(db, 5, today=dt.date(2025, 6, 1)) == 0


def test_matching_rule_is_suggested(db):
    rules.create(db, RuleDraft(from_country="KZ", qualification_title="Бакалавр", isced_level="6",
                                    to_country="TR", recognised_as="Lisans", legal_basis="bilateral_agreement"))
    master = rules.create(db, RuleDraft(from_country="KZ", qualification_title="Магистр", isced_level="7",
                                             to_country="TR", recognised_as="Yüksek lisans"))
    assert rules.suggest_rule(db, "KZ", "TR", "7", "Магистр техники")["id"] == master
    assert rules.suggest_rule(db, "KZ", "TR", "6")["recognised_as"] == "Lisans"
    assert rules.suggest_rule(db, "TR", "KZ", "6") is None
    assert rules.rule_matrix(db) == {("KZ", "TR"): 2}
    assert len(rules.list_rules(db, search="lisans")) == 2
    with pytest.raises(ValidationError):
        rules.create(db, RuleDraft(from_country="KZ", to_country="KZ", qualification_title="x",
                                        recognised_as="y"))


def test_attachments_keep_a_checksum(db):
    case_id = cases.create(db, _draft())
    digest = cases.add_attachment(db, case_id, "scan.pdf", b"%PDF-1.4 scan")
    [(attachment_id, name, size, stored)] = cases.attachments(db, case_id)
    assert (name, size, stored) == ("scan.pdf", 13, digest)
    assert cases.attachment_content(db, attachment_id) == ("scan.pdf", b"%PDF-1.4 scan")
    with db.reading() as session:
        assert session.execute(select(RecognitionHistory.new_value).where(
            RecognitionHistory.action == "attachment")).scalar().endswith(digest)
        assert "content" not in RecognitionCase.__table__.columns


def test_common_search_terms_page_by_walking_the_index_with_the_same_answer(db, monkeypatch):
    from desktop_app.services import recognition_queries

    for number in range(30):
        cases.create(db, _draft(f"C-{number:03d}", qualification_title="Магистр" if number % 3 else "Бакалавр",
                                     received_on=dt.date(2025, 1, 1) + dt.timedelta(days=number)))
    flt = CaseFilter(search="магистр")
    by_fts = [row["reference"] for row in fetch_page(db, flt, limit=7)]
    monkeypatch.setattr(recognition_queries, "COMMON_TERM", 5)
    with db.reading() as session:
        assert recognition_queries.search_strategy(session, flt, db.is_sqlite) == ("scan" if db.is_sqlite else "fts")
    assert [row["reference"] for row in fetch_page(db, flt, limit=7)] == by_fts
    assert by_fts == [f"C-{n:03d}" for n in range(29, -1, -1) if n % 3][:7]


def test_the_contract_delete_and_restore_give_back_the_case_with_scans_and_history(db):
    from desktop_app.domain.contract import Message
    from desktop_app.services import records

    case_id = cases.create(db, _draft())
    cases.add_attachment(db, case_id, "scan.pdf", b"%PDF-1.4 scan")
    _decide(db, case_id, 20)
    before = records.snapshot_of(db, cases.KIND, case_id)
    snapshot = cases.delete(db, case_id)
    assert count_cases(db, CaseFilter()) == 0
    with db.reading() as session:
        assert session.execute(select(RecognitionHistory).where(RecognitionHistory.case_id == case_id)).first() is None
    assert cases.restore(db, snapshot) == case_id
    assert records.snapshot_of(db, cases.KIND, case_id) == before
    record = cases.get(db, case_id)
    assert record.facts["status"] == "decided" and record.facts["decision_days"] == 20
    assert cases.attachment_content(db, cases.attachments(db, case_id)[0][0]) == ("scan.pdf", b"%PDF-1.4 scan")
    problems = cases.validate(CaseDraft(received_on=None))
    assert all(isinstance(message, Message) for message in problems.values())
    assert {"holder_name", "reference", "received_on"} <= set(problems)
    assert [choice.label for choice in cases.choices(db, search="R-1")] == ["R-1"]


def test_the_contract_page_walks_every_case_once_in_any_order(db):
    for number in range(12):
        cases.create(db, _draft(f"P-{number:02d}", issuing_country=["KZ", "CN", "TR"][number % 3],
                                recognising_country="RU", received_on=dt.date(2025, 1, 1 + number % 4)))
    for sort, descending in (("received_on", True), ("issuing_country", False), ("reference", True)):
        query = CaseFilter(sort=sort, descending=descending)
        seen, after = [], None
        while True:
            result = cases.page(db, query, after, limit=5)
            seen += [(row[sort], row["id"]) for row in result.rows]
            if result.is_last:
                break
            after = result.after
        assert len(seen) == 12 and seen == sorted(seen, reverse=descending)


def test_deleting_a_rule_unlinks_its_cases_and_restoring_it_links_them_again(db):
    rule_id = rules.create(db, RuleDraft(from_country="kz", qualification_title="Бакалавр", to_country="tr",
                                         recognised_as="Lisans"))
    following = cases.create(db, _draft(rule_id=rule_id))
    record = rules.get(db, rule_id)
    assert record.facts["cases"] == 1 and record.draft.from_country == "KZ"
    snapshot = rules.delete(db, rule_id)
    assert cases.get(db, following).draft.rule_id is None
    assert rules.restore(db, snapshot) == rule_id
    assert cases.get(db, following).draft.rule_id == rule_id
    assert [choice.label for choice in rules.choices(db, "KZ", "TR")] == ["Бакалавр → Lisans"]
    page = rules.page(db, rules.RuleQuery(search="lisans"), limit=1)
    assert [row["id"] for row in page.rows] == [rule_id] and page.after is not None
    assert rules.page(db, rules.RuleQuery(search="lisans"), page.after, limit=1).rows == []
