"""Equivalence rules between the member states' qualifications, and the rule a new case matches."""

from __future__ import annotations

from dataclasses import asdict, fields

from sqlalchemy import delete, func, select

from desktop_app.domain.errors import NotFoundError
from desktop_app.domain.recognition import RuleDraft
from desktop_app.domain.text import fold_for_search, like_pattern
from desktop_app.storage.database import Database
from desktop_app.storage.models import EquivalenceRule

TOPIC = "recognition_rules"
RULE_FIELDS = tuple(f.name for f in fields(RuleDraft) if f.name != "extra")


def _apply(rule: EquivalenceRule, draft: RuleDraft) -> None:
    draft.from_country = draft.from_country.strip().upper()
    draft.to_country = draft.to_country.strip().upper()
    draft.validate()
    for name in RULE_FIELDS:
        setattr(rule, name, getattr(draft, name))
    rule.search_text = fold_for_search(" | ".join(
        [draft.qualification_title, draft.recognised_as, draft.conditions, draft.from_country, draft.to_country]))


def create_rule(db: Database, draft: RuleDraft) -> int:
    with db.transaction(changes={TOPIC}) as session:
        rule = EquivalenceRule()
        _apply(rule, draft)
        session.add(rule)
        session.flush()
        return rule.id


def update_rule(db: Database, rule_id: int, draft: RuleDraft) -> None:
    with db.transaction(changes={TOPIC}) as session:
        rule = session.get(EquivalenceRule, rule_id)
        if rule is None:
            raise NotFoundError("The equivalence rule no longer exists.")
        _apply(rule, draft)


def delete_rule(db: Database, rule_id: int) -> None:
    with db.transaction(changes={TOPIC}) as session:
        session.execute(delete(EquivalenceRule).where(EquivalenceRule.id == rule_id))


def get_rule(db: Database, rule_id: int) -> RuleDraft:
    with db.reading() as session:
        rule = session.get(EquivalenceRule, rule_id)
        if rule is None:
            raise NotFoundError("The equivalence rule no longer exists.")
        return RuleDraft(**{name: getattr(rule, name) for name in RULE_FIELDS})


def list_rules(db: Database, search: str = "", from_country: str = "", to_country: str = "") -> list[dict]:
    query = select(EquivalenceRule)
    term = fold_for_search(search)
    if term:
        query = query.where(EquivalenceRule.search_text.like(like_pattern(term), escape="\\"))
    if from_country:
        query = query.where(EquivalenceRule.from_country == from_country.upper())
    if to_country:
        query = query.where(EquivalenceRule.to_country == to_country.upper())
    query = query.order_by(EquivalenceRule.from_country, EquivalenceRule.to_country, EquivalenceRule.isced_level,
                           EquivalenceRule.id)
    with db.reading() as session:
        return [{"id": rule.id, "uuid": rule.uuid, **{name: getattr(rule, name) for name in RULE_FIELDS}}
                for rule in session.execute(query).scalars()]


def rule_matrix(db: Database, search: str = "") -> dict[tuple[str, str], int]:
    """How many rules each (country A, country B) pair has."""
    query = select(EquivalenceRule.from_country, EquivalenceRule.to_country, func.count())
    term = fold_for_search(search)
    if term:
        query = query.where(EquivalenceRule.search_text.like(like_pattern(term), escape="\\"))
    query = query.group_by(EquivalenceRule.from_country, EquivalenceRule.to_country)
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
