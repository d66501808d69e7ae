"""All tables. Importing this package registers every model on ``Base.metadata``."""

from desktop_app.storage.base import Base
from desktop_app.storage.models.reference import (
    CooperationAreaRow,
    IscedField,
    IscedLevel,
    MemberState,
    RoadmapAction,
)
from desktop_app.storage.models.calendars import AcademicCalendar, CalendarPeriod
from desktop_app.storage.models.curricula import (
    Course,
    CourseEquivalence,
    CreditConversionRow,
    Programme,
    ProgrammeIntake,
    ProgrammePartner,
    Semester,
)
from desktop_app.storage.models.universities import (
    University,
    UniversityAccreditation,
    UniversityArea,
    UniversityContact,
    UniversityName,
    UniversityRanking,
    UniversityStatusChange,
)

__all__ = [
    "Base",
    "CooperationAreaRow",
    "IscedField",
    "IscedLevel",
    "MemberState",
    "RoadmapAction",
    "University",
    "UniversityAccreditation",
    "UniversityArea",
    "UniversityContact",
    "UniversityName",
    "UniversityRanking",
    "UniversityStatusChange",
    "AcademicCalendar",
    "CalendarPeriod",
    "Course",
    "CourseEquivalence",
    "CreditConversionRow",
    "Programme",
    "ProgrammeIntake",
    "ProgrammePartner",
    "Semester",
]
