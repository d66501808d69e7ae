"""Scholarship programmes within joint programmes (concept paper): who funds them, which formats and
levels they fund, how much (per month or as a lump sum, in one currency), the budget of each year and
the awards to mobilities. Pure rules.

Amounts stay in the programme's currency, as entered. The remaining budget of a year is its budget less
the awards committed against it; awards beyond a year's budget, or in a year without one, are refused.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from desktop_app.domain.contract import Message, Problems
from desktop_app.domain.mobility import STUDY_LEVEL_LABELS
from desktop_app.i18n import N_


class AmountBasis(StrEnum):
    PER_MONTH = "per_month"
    LUMP_SUM = "lump_sum"


BASIS_LABELS = {
    AmountBasis.PER_MONTH: N_("per month"),
    AmountBasis.LUMP_SUM: N_("lump sum"),
}

#: EQF levels a scholarship may be limited to (those a mobility is at).
LEVEL_LABELS = STUDY_LEVEL_LABELS

_CURRENCY = re.compile(r"^[A-Z]{3}$")
#: Days counted as one month of a stay when a monthly amount is committed.
DAYS_PER_MONTH = 30


@dataclass
class BudgetDraft:
    year: int
    amount: float


@dataclass
class AwardDraft:
    mobility_id: int | None
    year: int
    committed: float
    paid: float = 0.0
    awarded_on: dt.date | None = None
    notes: str = ""


@dataclass
class ScholarshipDraft:
    name: str
    currency: str
    amount: float = 0.0
    basis: str = AmountBasis.PER_MONTH
    funder: str = ""
    formats: list[str] = field(default_factory=list)  # mobility formats it funds; empty: any
    levels: list[str] = field(default_factory=list)  # EQF levels it funds; empty: any
    budgets: list[BudgetDraft] = field(default_factory=list)
    awards: list[AwardDraft] = field(default_factory=list)
    notes: str = ""


def money(value: float) -> Decimal:
    """An amount as an exact decimal of cents (sums of many awards never drift)."""
    return Decimal(str(round(value, 2)))


def months_of(start: dt.date, end: dt.date) -> int:
    """Months of a stay for a monthly scholarship: started months of 30 days, at least one."""
    return max(1, math.ceil(((end - start).days + 1) / DAYS_PER_MONTH))


def suggested_commitment(amount: float, basis: str, start: dt.date, end: dt.date) -> float:
    """What an award commits by default: the monthly amount times the months of the stay, or the lump sum."""
    if basis == AmountBasis.LUMP_SUM:
        return round(amount, 2)
    return float(money(amount) * months_of(start, end))


def committed_by_year(awards: list[AwardDraft]) -> dict[int, Decimal]:
    totals: dict[int, Decimal] = {}
    for award in awards:
        totals[award.year] = totals.get(award.year, Decimal(0)) + money(award.committed)
    return totals


def validate_scholarship(draft: ScholarshipDraft, known_formats: frozenset[str] = frozenset(),
                         known_currency=None) -> Problems:
    """Every problem of the draft, keyed by field; empty when valid. ``known_currency(code)`` says whether
    a code is a currency (ISO 4217) the locale data knows."""
    problems: Problems = {}
    if not draft.name.strip():
        problems["name"] = Message("Give the scholarship programme a name.")
    currency = draft.currency.strip().upper()
    if not _CURRENCY.match(currency) or (known_currency is not None and not known_currency(currency)):
        problems["currency"] = Message("Give the currency as its three-letter ISO 4217 code, for example KZT or "
                                       "EUR.")
    if draft.amount < 0:
        problems["amount"] = Message("An amount cannot be negative.")
    if draft.basis not in set(AmountBasis):
        problems["basis"] = Message("Say whether the amount is paid per month or as a lump sum.")
    unknown = [f for f in draft.formats if known_formats and f not in known_formats]
    if unknown:
        problems["formats"] = Message("“{format}” is not a mobility format.", {"format": unknown[0]})
    if any(level not in LEVEL_LABELS for level in draft.levels):
        problems["levels"] = Message("The levels are EQF levels 6, 7 and 8.")
    years: set[int] = set()
    for index, budget in enumerate(draft.budgets):
        if not 1900 <= budget.year <= 2199:
            problems[f"budgets[{index}].year"] = Message("Give the year of the budget, for example 2026.")
        elif budget.year in years:
            problems[f"budgets[{index}].year"] = Message("The year {year} has two budgets.", {"year": budget.year})
        years.add(budget.year)
        if budget.amount < 0:
            problems[f"budgets[{index}].amount"] = Message("An amount cannot be negative.")
    budgets = {budget.year: money(budget.amount) for budget in draft.budgets}
    for index, award in enumerate(draft.awards):
        where = f"awards[{index}]"
        if award.mobility_id is None:
            problems[f"{where}.mobility_id"] = Message("Choose the mobility the scholarship is awarded to.")
        if award.committed < 0 or award.paid < 0:
            problems[f"{where}.committed"] = Message("An amount cannot be negative.")
        elif money(award.paid) > money(award.committed):
            problems[f"{where}.paid"] = Message("More is paid than was committed.")
        if award.year not in budgets:
            problems[f"{where}.year"] = Message("The programme has no budget for {year}.", {"year": award.year})
    for year, total in committed_by_year(draft.awards).items():
        if year in budgets and total > budgets[year]:
            problems["awards"] = Message(
                "The awards of {year} commit {committed} {currency}, more than its budget of {budget} {currency}.",
                {"year": year, "committed": float(total), "budget": float(budgets[year]), "currency": currency})
            break
    return problems
