"""The areas of the application, in navigation order. Each names the page that shows it; an area
whose page is not built yet shows a plain notice saying so (no placeholder data)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.i18n import N_


@dataclass(frozen=True)
class Area:
    key: str
    title: str  # msgid
    purpose: str  # msgid: what the area holds, shown while it is not built
    icon: str  # name of an icon of resources/icons/lucide (ui/common/icons.py)
    page: str | None  # "module:Class" of the page, or None while not built
    #: Keys of the drafts journal (besides the area's own) whose drafts this page opens again after a
    #: crash: a page with editors of several kinds of record journals each under its own key.
    journals: tuple[str, ...] = ()


AREAS: tuple[Area, ...] = (
    Area("dashboard", N_("Dashboard"), N_("Live figures of your records"), "layout-dashboard",
         "desktop_app.ui.dashboard.page:DashboardPage"),
    Area("universities", N_("Universities"),
         N_("Partner universities: names in every script, status in the network, contacts, rankings, "
            "accreditations and areas of cooperation"),
         "landmark", "desktop_app.ui.universities.page:UniversitiesPage"),
    Area("organisations", N_("Organisations"),
         N_("Ministries, agencies, associations, enterprises and international bodies beside the universities"),
         "building-2", "desktop_app.ui.organisations.page:OrganisationsPage"),
    Area("agreements", N_("Agreements"),
         N_("The network memorandum, bilateral and double-degree agreements and strategic partnerships "
            "with their target indicators"),
         "handshake", "desktop_app.ui.agreements.page:AgreementsPage"),
    Area("curricula", N_("Curricula"),
         N_("Joint programmes: double-degree “1+1” master's programmes, joint degrees and short-term training "
            "with their study plans"),
         "book-open", "desktop_app.ui.curricula.page:CurriculaPage"),
    Area("calendars", N_("Calendars"),
         N_("Joint academic calendars: each partner's terms, exam sessions and breaks, overlaid to find "
            "mobility windows and conflicts"),
         "calendar-days", "desktop_app.ui.calendars.page:CalendarsPage"),
    Area("recognition", N_("Recognition"),
         N_("Equivalence rules between qualifications and individual diploma-recognition cases"),
         "badge-check", "desktop_app.ui.recognition.page:RecognitionPage"),
    Area("mobility", N_("Mobility & events"),
         N_("Mobility of students, faculty and researchers, and joint conferences, symposia and workshops"),
         "plane", "desktop_app.ui.mobility.page:MobilityPage",
         journals=("events", "scholarships", "learning_agreements", "transcripts")),
    Area("roadmap", N_("Road map"),
         N_("The working group's road map: actions, deadlines, responsible actors and evidence"),
         "map", "desktop_app.ui.roadmap.page:RoadmapPage", journals=("working_group", "roadmap_actions")),
    Area("governance", N_("Governance"),
         N_("The network's bodies and their rotating chairmanship, its decisions and recommendations, and their "
            "follow-up"),
         "users", "desktop_app.ui.governance.page:GovernancePage"),
    Area("quality", N_("Quality"),
         N_("Evaluations and audits of the joint programmes, student and employer surveys, indicators against "
            "their targets, and staff development"),
         "shield-check", "desktop_app.ui.quality.page:QualityPage",
         journals=("surveys", "indicators", "staff_development")),
    Area("reports", N_("Reports"),
         N_("Reports for the working group in PDF, XLSX and CSV, in the language the working group reads"),
         "file-chart-column", "desktop_app.ui.reports.page:ReportsPage"),
    Area("exchange", N_("Exchange"),
         N_("The national data package: send your records to other coordinators and the working group, receive "
            "theirs, decide conflicts"),
         "arrow-left-right", "desktop_app.ui.exchange.page:ExchangePage"),
    Area("network", N_("Network"),
         N_("The working group's view: the member states' packages, their universities matched across states and "
            "network reports"),
         "network", "desktop_app.ui.network.page:NetworkPage"),
)
AREAS_BY_KEY = {area.key: area for area in AREAS}


def area_of_journal(key: str) -> Area | None:
    """The area whose page recovers drafts journaled under ``key``."""
    return AREAS_BY_KEY.get(key) or next((area for area in AREAS if key in area.journals), None)
