"""Equivalence rules between the member states' qualifications, following the area contract
(docs/architecture.md), and the rule a new case matches.

Cases name the rule their decision follows with ``ON DELETE SET NULL``: deleting a rule leaves the
cases standing without it, and restoring the rule (undo) links those same cases to it again.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace

from sqlalchemy import Select, func, select, tuple_

from desktop_app.domain.contract import PAGE_SIZE, Choice, Page, Problems, Record, Snapshot
from desktop_app.domain.errors import NotFoundError
from desktop_app.domain.recognition import RuleDraft
from desktop_app.domain.text import fold_for_search, like_pattern
from desktop_app.services import records
from desktop_app.storage.database import Database
from desktop_app.storage.models import EquivalenceRule, RecognitionCase

TOPIC = "recognition_rules"
KIND = "equivalence_rule"
TOPICS = frozenset({TOPIC})
#: A delete or restore changes the cases that follow the rule too (their link is cleared or put back).
DELETE_TOPICS = frozenset({TOPIC, "recognition"})
RULE_FIELDS = tuple(f.name for f in fields(RuleDraft) if f.name != "extra")
R = EquivalenceRule


@dataclass(frozen=True)
class RuleQuery:
    """Which rules a list shows: words searched in titles and conditions, and the country pair."""

    search: str = ""
    from_country: str = ""
    to_country: str = ""


def _apply(rule: EquivalenceRule, draft: RuleDraft) -> None:
    draft.validate()
    for name in RULE_FIELDS:
        setattr(rule, name, getattr(draft, name))
    rule.search_text = fold_for_search(" | ".join(
        [draft.qualification_title, draft.recognised_as, draft.conditions, draft.from_country, draft.to_country]))


def _load(session, rule_id: int) -> EquivalenceRule:
    rule = session.get(EquivalenceRule, rule_id)
    if rule is None:
        raise NotFoundError("The equivalence rule no longer exists.")
    return rule


def draft_of(rule: EquivalenceRule) -> RuleDraft:
    return RuleDraft(**{name: getattr(rule, name) for name in RULE_FIELDS})


def validate(draft: RuleDraft) -> Problems:
    return replace(draft).normalised().problems()


def create(db: Database, draft: RuleDraft, uuid: str | None = None) -> int:
    draft = replace(draft).normalised()
    with db.transaction(changes=set(TOPICS)) as session:
        rule = EquivalenceRule(uuid=uuid) if uuid else EquivalenceRule()
        _apply(rule, draft)
        session.add(rule)
        session.flush()
        return rule.id


def get(db: Database, rule_id: int) -> Record[RuleDraft]:
    """The rule as its draft; ``facts["cases"]`` is how many cases follow it."""
    with db.reading() as session:
        rule = _load(session, rule_id)
        following = session.execute(select(func.count()).select_from(RecognitionCase)
                                    .where(RecognitionCase.rule_id == rule_id)).scalar_one()
        return Record(rule.id, rule.uuid, draft_of(rule), {"cases": following, "updated_at": rule.updated_at})


def update(db: Database, rule_id: int, draft: RuleDraft) -> None:
    draft = replace(draft).normalised()
    with db.transaction(changes=set(TOPICS)) as session:
        _apply(_load(session, rule_id), draft)


def rule_name(draft: RuleDraft) -> str:
    """How a rule is named in messages and undo steps: "KZ Бакалавр → TR Lisans"."""
    return f"{draft.from_country} {draft.qualification_title} → {draft.to_country} {draft.recognised_as}"


def delete(db: Database, rule_id: int) -> Snapshot:
    """Delete a rule; the cases that followed it keep their decision and lose only the link, which the
    snapshot keeps so that ``restore`` puts it back."""
    with db.reading() as session:
        name = rule_name(draft_of(_load(session, rule_id)))
    return records.delete_record(db, KIND, rule_id, DELETE_TOPICS, name)


def restore(db: Database, snapshot: Snapshot) -> int:
    return records.restore_record(db, snapshot, DELETE_TOPICS)


def _filtered(query: Select, rules: RuleQuery) -> Select:
    term = fold_for_search(rules.search)
    if term:
        query = query.where(R.search_text.like(like_pattern(term), escape="\\"))
    if rules.from_country:
        query = query.where(R.from_country == rules.from_country.upper())
    if rules.to_country:
        query = query.where(R.to_country == rules.to_country.upper())
    return query


def _row(rule: EquivalenceRule) -> dict:
    return {"id": rule.id, "uuid": rule.uuid, **{name: getattr(rule, name) for name in RULE_FIELDS}}


def page(db: Database, query: RuleQuery | None = None, after: tuple | None = None,
         limit: int = PAGE_SIZE) -> Page[dict]:
    """Rules by country pair, level and id, a keyset page after the row keyed ``after``."""
    query = query or RuleQuery()
    statement = _filtered(select(R), query)
    key = tuple_(R.from_country, R.to_country, R.isced_level, R.id)
    if after is not None:
        statement = statement.where(key > tuple_(*after))
    statement = statement.order_by(R.from_country, R.to_country, R.isced_level, R.id).limit(limit)
    with db.reading() as session:
        rows = [_row(rule) for rule in session.execute(statement).scalars()]
    last = rows[-1] if len(rows) == limit else None
    return Page(rows, (last["from_country"], last["to_country"], last["isced_level"], last["id"]) if last else None)


def list_rules(db: Database, search: str = "", from_country: str = "", to_country: str = "") -> list[dict]:
    """Every rule matching, page after page (rules number in the hundreds, not millions)."""
    query = RuleQuery(search, from_country, to_country)
    found: list[dict] = []
    after = None
    while True:
        result = page(db, query, after, 1000)
        found += result.rows
        if result.is_last:
            return found
        after = result.after


def choices(db: Database, from_country: str = "", to_country: str = "", search: str = "") -> list[Choice]:
    """Rules for a picker, labelled "title → recognised as" (the pair in ``country``/``detail``)."""
    return [Choice(rule["id"], rule["uuid"], f"{rule['qualification_title']} → {rule['recognised_as']}",
                   rule["from_country"], rule["to_country"])
            for rule in list_rules(db, search, from_country, to_country)]


def rule_matrix(db: Database, search: str = "") -> dict[tuple[str, str], int]:
    """How many rules each (country A, country B) pair has."""
    query = _filtered(select(R.from_country, R.to_country, func.count()), RuleQuery(search))
    query = query.group_by(R.from_country, R.to_country)
    with db.reading() as session:
        return {(a, b): n for a, b, n in session.execute(query)}


def suggest_rule(db: Database, from_country: str, to_country: str, isced_level: str = "",
                 title: str = "") -> dict | None:
    """The rule that best fits a case: same countries, then same ISCED level, then the closest title."""
    if not from_country or not to_country:
        return None
    candidates = list_rules(db, from_country=from_country, to_country=to_country)
    if not candidates:
        return None
    folded = set(fold_for_search(title).split())

    def score(rule: dict) -> tuple[int, int]:
        words = set(fold_for_search(rule["qualification_title"]).split())
        return (2 if isced_level and rule["isced_level"] == isced_level else 0, len(words & folded))

    best = max(candidates, key=score)
    if isced_level and best["isced_level"] and best["isced_level"] != isced_level:
        return None
    return best


def rule_as_dict(draft: RuleDraft) -> dict:
    data = asdict(draft)
    data.pop("extra", None)
    return data
