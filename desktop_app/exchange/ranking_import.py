"""Ranking tables (QS, THE, ARWU or a national ranking as CSV: ranking, year, rank, institution,
country_iso2): each row is matched to a university of the register by its name and country and
planned as a new, changed or unchanged ranking. Rows that match no university are listed apart."""

from __future__ import annotations

import re

from desktop_app.domain.errors import UserError
from desktop_app.domain.progress import Progress
from desktop_app.domain.rankings import RankingSystem
from desktop_app.domain.universities import RankingDraft
from desktop_app.exchange.input_gate import cell_problem
from desktop_app.exchange.input_tables import Table
from desktop_app.i18n import _
from desktop_app.services import university_bulk as bulk
from desktop_app.storage import values

_SYSTEMS = {"qs": RankingSystem.QS, "the": RankingSystem.THE, "arwu": RankingSystem.ARWU,
            "shanghai": RankingSystem.ARWU}
_PARENTHESES = re.compile(r"\([^)]*\)")
REQUIRED = ("ranking", "year", "rank", "institution")


def plan_rankings(db, table: Table, preview, progress: Progress | None) -> None:
    """Fill ``preview`` (university_import.ImportPreview) with the planned rankings, rejections and
    unmatched rows of a ranking table."""
    from desktop_app.exchange.university_import import Rejection

    headers = [h.lower() for h in table.headers]
    for required in REQUIRED:
        if required not in headers:
            raise UserError("A ranking table needs the columns ranking, year, rank, institution and country_iso2; "
                            "“{column}” is missing.", column=required)
    position = {h: i for i, h in enumerate(headers)}
    country_column = ("country_iso2" if "country_iso2" in position
                      else "country_code" if "country_code" in position else None)
    used = [position[name] for name in (*REQUIRED, country_column) if name]
    index = bulk.existing_index(db, progress)
    stored = bulk.ranking_keys(db)
    names = bulk.display_names(db)
    in_file: set[tuple] = set()
    for line, cells in table.rows:
        if len(cells) != len(headers):
            preview.rejected.append(Rejection(line, "*", _("the row has {found} cells where the header has {expected}")
                                              .format(found=len(cells), expected=len(headers))))
            continue
        problem = next(((table.headers[i], cell_problem(cells[i])) for i in used if cell_problem(cells[i])), None)
        if problem is not None:
            preview.rejected.append(Rejection(line, problem[0], str(problem[1])))
            continue
        system = _SYSTEMS.get(cells[position["ranking"]].strip().lower(), RankingSystem.NATIONAL)
        year_text = cells[position["year"]].strip()
        if not (year_text.isdigit() and year_text.isascii() and 1900 <= int(year_text) <= 2100):
            preview.rejected.append(Rejection(line, "year", _("“{value}” is not a year").format(value=year_text)))
            continue
        rank_text = cells[position["rank"]].strip()
        if not rank_text:
            preview.rejected.append(Rejection(line, "rank", _("the rank is empty")))
            continue
        institution = cells[position["institution"]].strip()
        country = cells[position[country_column]].strip().upper() if country_column else ""
        target = index.by_name.get((bulk.name_key(institution), country))
        if target is None and "(" in institution:  # "Beihang University (former BUAA)"
            target = index.by_name.get((bulk.name_key(_PARENTHESES.sub(" ", institution)), country))
        if target is None:
            preview.unmatched.append((line, institution, country))
            continue
        ranking = RankingDraft(system, int(year_text), rank_text,
                               system_name=("" if system != RankingSystem.NATIONAL
                                            else cells[position["ranking"]].strip()))
        stored_problems = values.check_row("university_rankings", {"rank_text": ranking.rank_text,
                                                                   "system_name": ranking.system_name})
        if stored_problems:
            column, message = next(iter(stored_problems.items()))
            preview.rejected.append(Rejection(line, "rank" if column == "rank_text" else "ranking", str(message)))
            continue
        key = (target, ranking.system, ranking.scope, ranking.subject, ranking.year)
        if key in in_file:  # two spellings in the table matched one university: the first row is kept
            preview.rankings.append(bulk.PlannedRanking(line, target, names.get(target, ""), ranking, "skip"))
            continue
        in_file.add(key)
        existing = stored.get(key)
        action = "create" if existing is None else ("skip" if existing[1] == rank_text else "update")
        preview.rankings.append(bulk.PlannedRanking(line, target, names.get(target, ""), ranking, action,
                                                    existing[0] if existing else None))
