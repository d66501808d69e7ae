"""Organisations and bodies the source documents name, loaded into every database as the network's
reference records (same UUIDs everywhere, no owner, see ``storage/governance_reference.py``).

Sources: the concept paper and road map (Secretariat note HD/415, Astana, 14 April 2023) name the
CICA Secretariat, the CICA Chairmanship, the Ministry of Science and Higher Education of Kazakhstan, the
experts meetings of line departments and the working group; the Almaty conference's press release names
ENAEE, Engineers Europe, IREG, ENQA, EQAR, the Association for Engineering Education of Russia and the
Ministry of Foreign Affairs of Kazakhstan. Only facts the documents (or the organisations' own names)
give are written here: no standing with dates is asserted for anyone.
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.domain.organisations import OrganisationKind


@dataclass(frozen=True)
class ReferenceOrganisation:
    key: str  # stable key: its UUID is reference_uuid("organisation", key)
    kind: str
    country: str  # "" for an international body of no country
    acronym: str
    city: str
    website: str
    names: tuple[tuple[str, str], ...]  # (language, name), the official one first


REFERENCE_ORGANISATIONS: tuple[ReferenceOrganisation, ...] = (
    ReferenceOrganisation(
        "cica-secretariat", OrganisationKind.INTERNATIONAL_BODY, "", "CICA", "Astana", "https://www.s-cica.org",
        (("en", "Secretariat of the Conference on Interaction and Confidence Building Measures in Asia"),
         ("ru", "Секретариат Совещания по взаимодействию и мерам доверия в Азии"),
         ("kk", "Азиядағы өзара іс-қимыл және сенім шаралары жөніндегі кеңестің Хатшылығы"),
         ("zh", "亚洲相互协作与信任措施会议秘书处"))),
    ReferenceOrganisation(
        "cica-chairmanship", OrganisationKind.INTERNATIONAL_BODY, "", "CICA", "", "",
        (("en", "CICA Chairmanship"), ("ru", "Председательство в СВМДА"), ("kk", "АӨСШК-ға төрағалық"),
         ("zh", "亚信主席国"))),
    ReferenceOrganisation(
        "kz-mshe", OrganisationKind.MINISTRY, "KZ", "", "Astana", "https://www.gov.kz/memleket/entities/sci",
        (("kk", "Қазақстан Республикасы Ғылым және жоғары білім министрлігі"),
         ("ru", "Министерство науки и высшего образования Республики Казахстан"),
         ("en", "Ministry of Science and Higher Education of the Republic of Kazakhstan"))),
    ReferenceOrganisation(
        "kz-mfa", OrganisationKind.MINISTRY, "KZ", "", "Astana", "https://www.gov.kz/memleket/entities/mfa",
        (("kk", "Қазақстан Республикасы Сыртқы істер министрлігі"),
         ("ru", "Министерство иностранных дел Республики Казахстан"),
         ("en", "Ministry of Foreign Affairs of the Republic of Kazakhstan"))),
    ReferenceOrganisation(
        "enaee", OrganisationKind.ASSOCIATION, "BE", "ENAEE", "Brussels", "https://www.enaee.eu",
        (("en", "European Network for Accreditation of Engineering Education"),
         ("ru", "Европейская сеть по аккредитации инженерного образования"))),
    ReferenceOrganisation(
        "engineers-europe", OrganisationKind.ASSOCIATION, "BE", "Engineers Europe", "Brussels",
        "https://www.engineerseurope.com",
        (("en", "Engineers Europe (European Federation of National Engineering Associations)"),
         ("ru", "Европейская федерация национальных инженерных ассоциаций (Engineers Europe)"))),
    ReferenceOrganisation(
        "ireg", OrganisationKind.ASSOCIATION, "BE", "IREG", "Brussels", "https://ireg-observatory.org",
        (("en", "IREG Observatory on Academic Ranking and Excellence"),
         ("ru", "Международная обсерватория по академическим рейтингам и превосходству (IREG)"))),
    ReferenceOrganisation(
        "enqa", OrganisationKind.ASSOCIATION, "BE", "ENQA", "Brussels", "https://www.enqa.eu",
        (("en", "European Association for Quality Assurance in Higher Education"),
         ("ru", "Европейская ассоциация по обеспечению качества высшего образования"))),
    ReferenceOrganisation(
        "eqar", OrganisationKind.INTERNATIONAL_BODY, "BE", "EQAR", "Brussels", "https://www.eqar.eu",
        (("en", "European Quality Assurance Register for Higher Education"),
         ("ru", "Европейский реестр агентств по обеспечению качества высшего образования"))),
    ReferenceOrganisation(
        "aeer", OrganisationKind.ASSOCIATION, "RU", "AEER", "Moscow", "https://aeer.ru",
        (("ru", "Ассоциация инженерного образования России"),
         ("en", "Association for Engineering Education of Russia"))),
)


@dataclass(frozen=True)
class ReferenceBody:
    key: str  # its UUID is reference_uuid("body", key)
    kind: str
    names: tuple[tuple[str, str], ...]


#: The bodies the road map sets up.
WORKING_GROUP = "working-group"
EXPERT_MEETINGS = "expert-meetings"

REFERENCE_BODIES: tuple[ReferenceBody, ...] = (
    ReferenceBody(WORKING_GROUP, "working_group",
                  (("en", "Working group of the Partnership Network"),
                   ("ru", "Рабочая группа Партнерской сети"),
                   ("kk", "Серіктестік желісінің жұмыс тобы"))),
    ReferenceBody(EXPERT_MEETINGS, "expert_meetings",
                  (("en", "Meetings of experts of line departments of the CICA Member States"),
                   ("ru", "Совещания экспертов профильных ведомств государств – членов СВМДА"),
                   ("kk", "АӨСШК мүше мемлекеттерінің салалық ведомстволары сарапшыларының кездесулері"))),
)
