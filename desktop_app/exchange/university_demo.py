"""What the ``demo`` command adds to the demonstration universities: a few contacts, rankings,
accreditations and areas of cooperation, so every part of the register has something to show.

ILLUSTRATIVE ONLY: the contact persons are invented (example.org addresses), and the rank values
were typed by hand for the demonstration; they are not quoted from QS, THE or ARWU.
"""

from __future__ import annotations

import datetime as dt
from typing import TypedDict

from desktop_app.domain.universities import AccreditationDraft, ContactDraft, RankingDraft
from desktop_app.services import universities
from desktop_app.storage.database import Database


class _Details(TypedDict, total=False):
    contacts: list[ContactDraft]
    rankings: list[RankingDraft]
    accreditations: list[AccreditationDraft]
    areas: list[str]


_DETAILS: dict[str, _Details] = {
    "03q0vrn42": {  # Al-Farabi Kazakh National University
        "contacts": [ContactDraft("Aigerim Nurlanovna (demo)", "Head of the international office",
                                  "international@example.org", "+7 727 000 00 00", "kk ru en")],
        "rankings": [RankingDraft("qs", 2024, "=150"), RankingDraft("the", 2024, "1001–1200")],
        "accreditations": [AccreditationDraft("IQAA", "Institutional accreditation", dt.date(2022, 5, 1),
                                              dt.date(2027, 4, 30))],
        "areas": ["sustainable_development", "dialogue_of_civilizations"],
    },
    "052bx8q98": {  # Nazarbayev University
        "contacts": [ContactDraft("Daniyar Serikuly (demo)", "Partnerships manager", "partners@example.org", "",
                                  "kk en")],
        "rankings": [RankingDraft("qs", 2024, "=288")],
        "areas": ["it_engineering", "climate_change"],
    },
    "010pmpe69": {  # Lomonosov Moscow State University
        "contacts": [ContactDraft("Irina Petrovna (demo)", "Network coordinator", "network@example.org", "",
                                  "ru en")],
        "rankings": [RankingDraft("qs", 2024, "87"), RankingDraft("arwu", 2023, "101–150")],
        "areas": ["globalization", "dialogue_of_civilizations"],
    },
    "03cve4549": {  # Tsinghua University
        "rankings": [RankingDraft("qs", 2024, "25"), RankingDraft("the", 2024, "12")],
        "areas": ["it_engineering"],
    },
    "014weej12": {  # Middle East Technical University
        "contacts": [ContactDraft("Ayşe Yılmaz (demo)", "International cooperation office",
                                  "io@example.org", "", "tr en")],
        "rankings": [RankingDraft("the", 2024, "601–800")],
        "accreditations": [AccreditationDraft("MÜDEK", "EUR-ACE", dt.date(2021, 9, 1), dt.date(2026, 9, 30))],
    },
}


def load_demo_university_details(db: Database, today: dt.date | None = None) -> dict[str, int]:
    """Contacts, rankings, accreditations and areas; their dates are fixed, so ``today`` changes nothing."""
    ids = universities.ids_by_ror(db, list(_DETAILS))
    contacts = rankings = 0
    for ror_id, details in _DETAILS.items():
        if ror_id not in ids:
            continue
        draft = universities.get(db, ids[ror_id]).draft
        draft.contacts = list(details.get("contacts", []))
        draft.rankings = list(details.get("rankings", []))
        draft.accreditations = list(details.get("accreditations", []))
        draft.areas = list(details.get("areas", []))
        universities.update(db, ids[ror_id], draft)
        contacts += len(draft.contacts)
        rankings += len(draft.rankings)
    return {"university_contacts": contacts, "university_rankings": rankings}
