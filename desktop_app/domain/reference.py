"""Reference facts of the network: member and observer states, areas of cooperation, the road map.

Sources: the concept paper and road map of the CICA Partnership Network of Leading Universities
(Secretariat note HD/415, Astana, 14 April 2023) for the areas and the road map; the CICA
membership as of the Astana summit of October 2022 (28 member states, Kuwait the last to join) for
the states. Country names are never stored here: they come from CLDR in the reader's language.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from desktop_app.i18n import N_

#: Namespace for reference records' UUIDs: the same record has the same UUID on every desktop,
#: so data packages exchanged between coordinators refer to it unambiguously.
REFERENCE_NAMESPACE = uuid.UUID("5b0f0f43-2f7a-4d8e-9a53-3f1f6c7c1a11")


def reference_uuid(kind: str, key: str) -> str:
    return str(uuid.uuid5(REFERENCE_NAMESPACE, f"{kind}:{key}"))


@dataclass(frozen=True)
class StateInfo:
    code: str  # ISO 3166-1 alpha-2
    member: bool
    languages: tuple[str, ...]  # official/working languages, most used first (ISO 639-1)
    calendar: str = "gregorian"  # gregorian | persian (Solar Hijri) | buddhist (Buddhist era)


MEMBER_STATES: tuple[StateInfo, ...] = (
    StateInfo("AF", True, ("fa", "ps"), "persian"),
    StateInfo("AZ", True, ("az",)),
    StateInfo("BH", True, ("ar",)),
    StateInfo("BD", True, ("bn",)),
    StateInfo("KH", True, ("km",)),
    StateInfo("CN", True, ("zh",)),
    StateInfo("EG", True, ("ar",)),
    StateInfo("IN", True, ("hi", "en")),
    StateInfo("IR", True, ("fa",), "persian"),
    StateInfo("IQ", True, ("ar", "ckb")),
    StateInfo("IL", True, ("he",)),
    StateInfo("JO", True, ("ar",)),
    StateInfo("KZ", True, ("kk", "ru")),
    StateInfo("KW", True, ("ar",)),
    StateInfo("KG", True, ("ky", "ru")),
    StateInfo("MN", True, ("mn",)),
    StateInfo("PK", True, ("ur", "en")),
    StateInfo("PS", True, ("ar",)),
    StateInfo("QA", True, ("ar",)),
    StateInfo("KR", True, ("ko",)),
    StateInfo("RU", True, ("ru",)),
    StateInfo("LK", True, ("si", "ta")),
    StateInfo("TJ", True, ("tg", "ru")),
    StateInfo("TH", True, ("th",), "buddhist"),
    StateInfo("TR", True, ("tr",)),
    StateInfo("AE", True, ("ar",)),
    StateInfo("UZ", True, ("uz", "ru")),
    StateInfo("VN", True, ("vi",)),
)

OBSERVER_STATES: tuple[StateInfo, ...] = (
    StateInfo("BY", False, ("be", "ru")),
    StateInfo("ID", False, ("id",)),
    StateInfo("JP", False, ("ja",)),
    StateInfo("MY", False, ("ms",)),
    StateInfo("PH", False, ("en", "fil")),
    StateInfo("TM", False, ("tk", "ru")),
    StateInfo("UA", False, ("uk",)),
    StateInfo("US", False, ("en",)),
)

ALL_STATES = MEMBER_STATES + OBSERVER_STATES
STATES_BY_CODE = {state.code: state for state in ALL_STATES}
MEMBER_CODES = frozenset(state.code for state in MEMBER_STATES)


def writable_languages() -> list[str]:
    """Every language the application writes in: those its messages are translated into, and the
    languages of the CICA states, whose dates, numbers and country names come from CLDR while their
    messages are not translated yet (``i18n.translation_coverage`` tells which)."""
    from babel import localedata

    from desktop_app.i18n import available_languages

    shipped = available_languages()
    others = {lang for state in ALL_STATES for lang in state.languages if localedata.exists(lang)}
    return shipped + sorted(others - set(shipped))


@dataclass(frozen=True)
class CooperationArea:
    key: str
    title: str  # msgid
    scope: str  # msgid: the fields the concept paper lists


COOPERATION_AREAS: tuple[CooperationArea, ...] = (
    CooperationArea(
        "sustainable_development",
        N_("Sustainable development and environment protection"),
        N_("Environment, renewable energy sources, energy security, biomedicine, biotechnology, "
           "public health, epidemiology"),
    ),
    CooperationArea(
        "dialogue_of_civilizations",
        N_("Dialogue among civilizations, cultures and religions"),
        N_("Cultural studies, oriental studies, religious studies"),
    ),
    CooperationArea(
        "globalization",
        N_("Globalization and regional processes"),
        N_("International law, international relations, regional studies, political science"),
    ),
    CooperationArea("economy", N_("Economy"), N_("World economy, tourism, international logistics")),
    CooperationArea(
        "it_engineering",
        N_("IT and engineering"),
        N_("Digital economy, computer science and engineering, nanotechnology and nanomaterials, robotics"),
    ),
    CooperationArea(
        "climate_change", N_("Climate change"), N_("Promoting climate stress tolerance at the global level")
    ),
    CooperationArea(
        "water_management",
        N_("Water management"),
        N_("Water diplomacy, water security and cross-border cooperation in the field of water resources"),
    ),
    CooperationArea(
        "man_made_risks",
        N_("Man-made risks and disasters"),
        N_("Support and expansion of the use of data, information, digitalization and scientific achievements"),
    ),
)
AREAS_BY_KEY = {area.key: area for area in COOPERATION_AREAS}


@dataclass(frozen=True)
class RoadmapActionInfo:
    number: int
    title: str  # msgid
    form_of_completion: str  # msgid
    deadline_year: int
    deadline_quarter_from: int
    deadline_quarter_to: int
    responsible: str  # msgid


ROADMAP_ACTIONS: tuple[RoadmapActionInfo, ...] = (
    RoadmapActionInfo(
        1,
        N_("Development of a concept paper on the establishment of the Partnership Network; circulation "
           "and coordination among the Member States"),
        N_("Concept paper"), 2023, 1, 1,
        N_("Ministry of Science and Higher Education of the Republic of Kazakhstan; CICA Secretariat"),
    ),
    RoadmapActionInfo(
        2,
        N_("Preparation and holding of experts meetings of line departments of the CICA Member States"),
        N_("Minutes"), 2023, 2, 3,
        N_("CICA Secretariat; line departments of the CICA Member States; higher education institutions "
           "of the Member States"),
    ),
    RoadmapActionInfo(
        3,
        N_("Development and signing of a memorandum among higher education institutions on the "
           "establishment of the Partnership Network"),
        N_("Memorandum/Agreement"), 2024, 2, 3,
        N_("Line departments of the CICA Member States; higher education institutions of the Member States; "
           "CICA Secretariat"),
    ),
    RoadmapActionInfo(
        4,
        N_("Creation of a working group to discuss, develop and implement documents on the establishment "
           "of the Partnership Network (list of universities, joint curricula, joint academic calendars, etc.)"),
        N_("Working group"), 2024, 2, 3,
        N_("Line departments and leading universities of the CICA Member States; higher education "
           "institutions of the Member States"),
    ),
    RoadmapActionInfo(
        5,
        N_("Launch of the Partnership Network of the Leading Universities of the CICA Member States "
           "(short- and long-term training, joint events)"),
        N_("Partnership Network of the Leading Universities of the CICA Member States"), 2024, 3, 3,
        N_("Line departments and leading universities of the CICA Member States; higher education "
           "institutions of the Member States"),
    ),
)
