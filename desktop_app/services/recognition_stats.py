"""Statistics for the working group, computed by the database: no case is loaded into Python.

SQLite has no median aggregate, so the median is taken with window functions: number the decided
cases of each group by their days to decision and average the one or two middle rows. The same SQL
runs on PostgreSQL. No statistic carries personal data.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Integer, and_, case, cast, extract, func, select

from desktop_app.domain.recognition import CaseStatus
from desktop_app.services.recognition_queries import CaseFilter, apply_filter
from desktop_app.storage.database import Database
from desktop_app.storage.models import RecognitionCase

C = RecognitionCase
#: Upper bounds (days, inclusive) of the decision-time groups, about one, two, three, four and six months;
#: a last group holds the longer ones. (Month-sized bins for the chart, unrelated to the overdue horizon,
#: which is the user's preference.)
DECISION_DAY_GROUPS = tuple(30 * months for months in (1, 2, 3, 4, 6))


def _year(column=C.received_on):
    return cast(extract("year", column), Integer)


def _day_group():
    """The upper bound of a decided case's decision-time group (0 for the last, open-ended group)."""
    return case(*[(C.decision_days <= bound, bound) for bound in DECISION_DAY_GROUPS], else_=0)


def _median(base_filter: CaseFilter, group_columns: list, sqlite: bool):
    """Median days to decision per group (all decided cases when ``group_columns`` is empty).

    Rows are numbered in order of days within their group; the median is the mean of the row(s) in
    the middle. Both windows share one ordering (the count with a whole-partition frame) so the
    database sorts once, or walks the (countries, days) index and does not sort at all.
    """
    days = C.decision_days
    decided = apply_filter(select(func.count()).select_from(C).where(days.is_not(None)), base_filter, sqlite)
    total: ColumnElement[int]
    if group_columns:
        total = func.count().over(partition_by=group_columns, order_by=days, rows=(None, None))
    else:  # one group: its size is a plain count, which an index answers without a window
        total = decided.scalar_subquery()
    ranked = apply_filter(select(
        *[column.label(f"g{i}") for i, column in enumerate(group_columns)],
        days.label("days"),
        func.row_number().over(partition_by=group_columns or None, order_by=days).label("rn"),
        total.label("n"),
    ).where(days.is_not(None)), base_filter, sqlite).subquery()
    groups = [ranked.c[f"g{i}"] for i in range(len(group_columns))]
    middle = ranked.c.rn.in_([(ranked.c.n + 1) // 2, (ranked.c.n + 2) // 2])
    query = select(*groups, func.avg(ranked.c.days * 1.0).label("median"), func.max(ranked.c.n).label("decided"))
    query = query.where(middle)
    if groups:
        query = query.group_by(*groups)
    return query


def compute_statistics(db: Database, year: int | None = None, flt: CaseFilter | None = None,
                       median_by_pair: bool = False) -> dict:
    """The working group's figures. ``median_by_pair`` adds a median per country pair: one more pass
    over every decided case (about as long again as everything else on a million cases)."""
    flt = flt or CaseFilter()
    if year:
        flt.year = year
    sqlite = db.is_sqlite
    year_col = _year()
    with db.reading() as session:
        total = session.execute(apply_filter(select(func.count()).select_from(C), flt, sqlite)).scalar_one()

        by_pair = session.execute(apply_filter(select(
            C.issuing_country, C.recognising_country, year_col.label("year"), func.count().label("cases"),
        ), flt, sqlite).group_by(C.issuing_country, C.recognising_country, year_col)
            .order_by(C.issuing_country, C.recognising_country, year_col)).all()

        by_status = dict(session.execute(apply_filter(select(C.status, func.count()), flt, sqlite)
                                         .group_by(C.status)).all())

        outcomes = session.execute(apply_filter(select(C.outcome, func.count()), flt, sqlite)
                                   .where(C.outcome != "").group_by(C.outcome).order_by(C.outcome)).all()

        decided_year = _year(C.decided_on)
        # No "decided_on IS NOT NULL" here: SQLite would then look up each row through the date index, three
        # times slower than one pass over the table; an outcome without a date (an import) is left out below.
        outcomes_by_year = session.execute(apply_filter(select(
            decided_year.label("year"), C.outcome, func.count()), flt, sqlite)
            .where(C.outcome != "").group_by(decided_year, C.outcome).order_by(decided_year, C.outcome)).all()

        # Grouped outside a subquery: PostgreSQL would not see the CASE of the GROUP BY, with its own bound
        # parameters, as the one selected.
        grouped = apply_filter(select(_day_group().label("up_to")), flt, sqlite).where(
            C.decision_days.is_not(None)).subquery()
        day_groups: dict[int, int] = dict(session.execute(
            select(grouped.c.up_to, func.count()).group_by(grouped.c.up_to)).all())

        median_all = session.execute(_median(flt, [], sqlite)).one_or_none()
        median_pairs = session.execute(_median(flt, [C.issuing_country, C.recognising_country], sqlite)).all() \
            if median_by_pair else []

        appeals = session.execute(apply_filter(select(
            func.count().label("lodged"),
            func.sum(case((C.appeal_result == "upheld", 1), else_=0)).label("upheld"),
            func.sum(case((C.appeal_result == "rejected", 1), else_=0)).label("rejected"),
            func.sum(case((C.appeal_result == "withdrawn", 1), else_=0)).label("withdrawn"),
            func.sum(case((and_(C.appeal_result == "", C.status == CaseStatus.APPEALED), 1), else_=0))
            .label("pending"),
        ).where(C.appeal_lodged.is_(True)), flt, sqlite)).one()

    decided_total = sum(n for _outcome, n in outcomes)
    medians = {(row[0], row[1]): row for row in median_pairs}
    result = {
        "year": year,
        "total": total,
        "by_status": {str(status): by_status.get(str(status), 0) for status in CaseStatus},
        "by_country_pair_and_year": [
            {"from": a, "to": b, "year": int(y), "cases": n} for a, b, y, n in by_pair],
        "outcomes": [
            {"outcome": outcome, "cases": n, "share": round(n / decided_total, 4) if decided_total else 0.0}
            for outcome, n in outcomes],
        # Decisions taken each year (by the year of the decision), by outcome.
        "outcomes_by_decision_year": [
            {"year": int(y), "outcome": outcome, "cases": n} for y, outcome, n in outcomes_by_year if y is not None],
        # Decided cases by days from receipt to decision: up to 30, 31–60, …; "up_to": None is the rest.
        "decision_days_groups": [
            {"up_to": bound, "cases": int(day_groups.get(bound, 0))} for bound in DECISION_DAY_GROUPS]
        + [{"up_to": None, "cases": int(day_groups.get(0, 0))}],
        "median_days_to_decision": (round(float(median_all.median), 1)
                                    if median_all is not None and median_all.median is not None else None),
        "decided_cases": int(median_all.decided) if median_all is not None and median_all.decided else 0,
        "appeals": {
            "lodged": int(appeals.lodged or 0), "upheld": int(appeals.upheld or 0),
            "rejected": int(appeals.rejected or 0), "withdrawn": int(appeals.withdrawn or 0),
            "pending": int(appeals.pending or 0)},
    }
    from desktop_app.services.transcripts import recognition_totals

    # Credits of students' mobility recognised at home, beside the recognition of diplomas.
    result["mobility_recognition"] = recognition_totals(db)
    if median_by_pair:
        result["median_days_by_country_pair"] = [
            {"from": a, "to": b, "median_days": round(float(row.median), 1), "decided": int(row.decided)}
            for (a, b), row in sorted(medians.items())]
    return result
