"""The columns of the register as a flat file (CSV or XLSX), shared by the export and the import so
that an exported register imports back into the same records.

    uuid, ror_id, name, name_lang, name[en], name[kk], …, official[kk], …, alias[], …,
    acronym, country_code, city, website, institution_type, network_role, status, status_since,
    established, notes, top500, rankings

* ``uuid`` identifies the record across databases: an import updates the university with that UUID,
  or creates it with that UUID.
* ``name``/``name_lang``: the name shown in lists and its language tag (empty when untagged).
* ``name[xx]``: the names in language ``xx``; ``official[xx]`` the official names, ``alias[xx]`` the
  other names; ``[]`` holds names without a language tag. Several names of one kind and language share
  a cell, one per line.
* ``rankings``: one ranking per line — ``QS 2025: 150``, ``THE 2024 subject “Engineering”: 201–250``,
  ``national “Atameken” 2024: 3``.
* ``top500`` is computed from the rankings: exported for the reader, never read back.

What a flat file does not carry — contacts (personal data), accreditations, areas of cooperation,
the history of status changes, documents — is kept as it is by an import; the national data package
carries everything.
"""

from __future__ import annotations

import re

from desktop_app.domain.rankings import RankingSystem
from desktop_app.domain.universities import NameKind, RankingDraft

HEAD = ["uuid", "ror_id", "name", "name_lang"]
TAIL = ["acronym", "country_code", "city", "website", "institution_type", "network_role", "status", "status_since",
        "established", "notes", "top500", "rankings"]
#: Column prefix of each kind of name (the display name has its own column, ``name``).
NAME_PREFIX = {NameKind.LABEL: "name", NameKind.OFFICIAL: "official", NameKind.ALIAS: "alias"}
KIND_OF_PREFIX = {prefix: kind for kind, prefix in NAME_PREFIX.items()}
_NAME_HEADER = re.compile(r"^(name|official|alias)\[([A-Za-z0-9-]{0,20})\]$")
_KIND_ORDER = [NameKind.LABEL, NameKind.OFFICIAL, NameKind.ALIAS]
_SYSTEM_TEXT = {RankingSystem.QS: "QS", RankingSystem.THE: "THE", RankingSystem.ARWU: "ARWU",
                RankingSystem.NATIONAL: "national"}
_RANKING = re.compile(r"^(?P<system>qs|the|arwu|national)(?:\s+[“\"](?P<name>[^”\"]*)[”\"])?\s+(?P<year>\d{4})"
                      r"(?:\s+subject\s+[“\"](?P<subject>[^”\"]*)[”\"])?\s*:\s*(?P<rank>\S.*)$", re.IGNORECASE)


def name_header(kind: str, lang: str | None) -> str:
    return f"{NAME_PREFIX[NameKind(kind)]}[{lang or ''}]"


def name_target(header: str) -> str | None:
    """The mapping target of a name column (``name:kk``, ``official:ru``, ``alias:``), or None."""
    match = _NAME_HEADER.match(header.strip())
    return f"{match.group(1)}:{match.group(2)}" if match else None


def name_columns(pairs: set[tuple[str, str | None]]) -> list[tuple[str, str | None]]:
    """(kind, lang) of the name columns in a stable order: by kind, English first, untagged last."""
    def key(pair: tuple[str, str | None]):
        kind, lang = pair
        return _KIND_ORDER.index(NameKind(kind)), lang is None, lang != "en", lang or ""

    return sorted(((kind, lang) for kind, lang in pairs if kind in NAME_PREFIX), key=key)


def ranking_text(ranking: RankingDraft) -> str:
    head = _SYSTEM_TEXT.get(RankingSystem(ranking.system), ranking.system)
    if ranking.system == RankingSystem.NATIONAL and ranking.system_name:
        head += f" “{ranking.system_name}”"
    head += f" {ranking.year}"
    if ranking.scope == "subject" or ranking.subject:
        head += f" subject “{ranking.subject}”"
    return f"{head}: {ranking.rank_text}"


def parse_ranking(line: str) -> RankingDraft | None:
    """The ranking a line of the ``rankings`` column describes, or None when it is not one."""
    match = _RANKING.match(line.strip())
    if match is None:
        return None
    subject = match.group("subject")
    return RankingDraft(system=match.group("system").lower(), year=int(match.group("year")),
                        rank_text=match.group("rank").strip(), scope="subject" if subject is not None else "overall",
                        subject=subject or "", system_name=match.group("name") or "")
