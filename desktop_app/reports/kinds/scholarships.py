"""Scholarship report: each scholarship programme's budget by year, what its awards commit and pay, and what
remains (the budget less the awards committed), every amount in the programme's own currency — never
converted, and totals given per currency, never one sum over several currencies.

``scholarships report`` on the command line prints this report's headings and tables."""

from __future__ import annotations

from dataclasses import replace

from desktop_app.i18n import N_
from desktop_app.i18n.formatting import format_amount
from desktop_app.reports.kinds.common import new_document, number
from desktop_app.reports.model import Column, Document, Heading, Table, Text
from desktop_app.reports.registry import ReportContext, ReportKind
from desktop_app.services import scholarships
from desktop_app.services.collation import sort_key


def _amount(ctx: ReportContext, value, currency: str) -> str:
    return format_amount(float(value), currency, ctx.options.lang)


def programme_table(ctx: ReportContext, lines: list[scholarships.BudgetLine]) -> Table:
    """One programme's years: budget, committed, paid, remaining and awards, each amount written with its
    currency (the PDF and the console; the spreadsheets get ``scholarship_sheet``)."""
    _ = ctx._
    rows = [[str(line.year),
             *(_amount(ctx, value, line.currency) for value in (line.budget, line.committed, line.paid,
                                                                 line.remaining)),
             number(ctx, line.awards)] for line in lines]
    return Table(lines[0].programme,
                 [Column(_("Year"), 0.6), Column(_("Budget"), 1.5, True), Column(_("Committed"), 1.5, True),
                  Column(_("Paid"), 1.5, True), Column(_("Remaining"), 1.5, True), Column(_("Awards"), 0.9, True)],
                 rows, in_sheets=False)


def scholarship_sheet(ctx: ReportContext, lines: list[scholarships.BudgetLine]) -> Table:
    """The same lines for XLSX and CSV: amounts as numbers, so their currency has a column of its own."""
    _ = ctx._
    values = [[line.programme, line.year, line.currency, float(line.budget), float(line.committed), float(line.paid),
               float(line.remaining), line.awards] for line in lines]
    return Table(_("Scholarship programmes"),
                 [Column(_("Programme")), Column(_("Year")), Column(_("Currency")), Column(_("Budget")),
                  Column(_("Committed")), Column(_("Paid")), Column(_("Remaining")), Column(_("Awards"))],
                 [], values, sheet=_("Scholarships"))


def gather(ctx: ReportContext) -> Document:
    _ = ctx._
    lang = ctx.options.lang
    lines = scholarships.budget_lines(ctx.db, ctx.options.year)
    lines.sort(key=lambda line: (sort_key(line.programme, lang), line.programme_id, line.year))
    document = new_document(ctx, _("Scholarship report"),
                            _("Budget, committed, paid and remaining, by programme and year"))
    document.add(Text(_("Amounts are given in each programme's own currency and are never converted; totals are "
                        "given per currency."), style="note"))
    document.add(Heading(_("Scholarship programmes")))
    document.sheet_only.append(scholarship_sheet(ctx, lines))  # its headings even when there is no line
    if not lines:
        document.add(Text(_("Nothing recorded."), style="note"))
        return document
    for programme_id in dict.fromkeys(line.programme_id for line in lines):
        years = [line for line in lines if line.programme_id == programme_id]
        document.add(Heading(years[0].programme, 2), programme_table(ctx, years))
    totals: dict[tuple[str, int], list] = {}
    for line in lines:
        total = totals.setdefault((line.currency, line.year), [0, 0, 0, 0])
        for position, value in enumerate((line.budget, line.committed, line.paid, line.remaining)):
            total[position] += value
    keys = sorted(totals)
    table = Table(_("Totals by currency"),
                  [Column(_("Currency"), 0.8), Column(_("Year"), 0.6), Column(_("Budget"), 1.4, True),
                   Column(_("Committed"), 1.4, True), Column(_("Paid"), 1.4, True),
                   Column(_("Remaining"), 1.4, True)],
                  [[currency, str(year), *(_amount(ctx, value, currency) for value in totals[(currency, year)])]
                   for currency, year in keys],
                  [[currency, year, *(float(value) for value in totals[(currency, year)])] for currency, year in keys],
                  sheet=_("Totals by currency"), in_sheets=False)
    document.add(Heading(_("Totals by currency")), table)
    document.sheet_only.append(replace(table, in_sheets=True))  # the spreadsheets: after the programmes' sheet
    return document


KIND = ReportKind("scholarships", N_("Scholarship report"), tabular=True, gather=gather,
                  description=N_("Budget, committed, paid and remaining, by programme and year"),
                  uses_year=True)
