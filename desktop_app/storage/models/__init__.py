"""All tables. Importing this package registers every model on ``Base.metadata``."""

from desktop_app.storage.base import Base
from desktop_app.storage.models.agreements import (
    Agreement,
    AgreementCondition,
    AgreementIndicator,
    AgreementOrganisationParty,
    AgreementParty,
    AttachedDocument,
)
from desktop_app.storage.models.calendars import AcademicCalendar, CalendarPeriod
from desktop_app.storage.models.curricula import (
    Course,
    CourseEquivalence,
    CreditConversionRow,
    Programme,
    ProgrammeIndustryPartner,
    ProgrammeIntake,
    ProgrammePartner,
    Semester,
)
from desktop_app.storage.models.mobility import JointEvent, JointEventPartner, MobilityRecord
from desktop_app.storage.models.reference import (
    CooperationAreaRow,
    IscedField,
    IscedLevel,
    MemberState,
    RoadmapAction,
)
from desktop_app.storage.models.roadmap import (
    ExpertMeeting,
    RoadmapActionActor,
    RoadmapDeadlineChange,
    WorkingGroupMember,
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
    "Agreement",
    "AgreementCondition",
    "AgreementIndicator",
    "AgreementOrganisationParty",
    "AgreementParty",
    "AttachedDocument",
    "ExpertMeeting",
    "JointEvent",
    "JointEventPartner",
    "MobilityRecord",
    "WorkingGroupMember",
    "RoadmapActionActor",
    "RoadmapDeadlineChange",
    "AcademicCalendar",
    "CalendarPeriod",
    "Course",
    "CourseEquivalence",
    "CreditConversionRow",
    "Programme",
    "ProgrammeIntake",
    "ProgrammeIndustryPartner",
    "ProgrammePartner",
    "Semester",
]
from desktop_app.storage.models.recognition import (  # noqa: E402
    EquivalenceRule,
    RecognitionAttachment,
    RecognitionCase,
    RecognitionHistory,
)

__all__ += ["EquivalenceRule", "RecognitionAttachment", "RecognitionCase", "RecognitionHistory"]

from desktop_app.storage.models.exchange import (  # noqa: E402
    DatabaseIdentity,
    DeletedRecord,
    LinkedRecord,
    PackageConflict,
    ReceivedPackage,
    SyncRecord,
    TrustedKey,
)

__all__ += ["DatabaseIdentity", "DeletedRecord", "LinkedRecord", "PackageConflict", "ReceivedPackage", "SyncRecord",
            "TrustedKey"]

from desktop_app.storage.models.governance import (  # noqa: E402
    Body,
    BodyChair,
    BodyName,
    Decision,
    DecisionText,
    FollowUpAction,
)
from desktop_app.storage.models.organisations import (  # noqa: E402
    Organisation,
    OrganisationContact,
    OrganisationName,
    OrganisationStanding,
)

__all__ += ["Body", "BodyChair", "BodyName", "Decision", "DecisionText", "FollowUpAction", "Organisation",
            "OrganisationContact", "OrganisationName", "OrganisationStanding"]

from desktop_app.storage.models.mobility_lifecycle import (  # noqa: E402
    CreditRecognition,
    LearningAgreement,
    LearningAgreementComponent,
    LearningAgreementVersion,
    MobilityStatusChange,
    TranscriptEntry,
    UniversityGrade,
)
from desktop_app.storage.models.scholarships import (  # noqa: E402
    ScholarshipAward,
    ScholarshipBudget,
    ScholarshipProgramme,
)

__all__ += ["CreditRecognition", "LearningAgreement", "LearningAgreementComponent", "LearningAgreementVersion",
            "MobilityStatusChange", "TranscriptEntry", "UniversityGrade", "ScholarshipAward", "ScholarshipBudget",
            "ScholarshipProgramme"]

from desktop_app.storage.models.quality import (  # noqa: E402
    EvaluationFinding,
    EvaluationRecommendation,
    ProgrammeAccreditation,
    ProgrammeEvaluation,
    ProgrammeIndicatorValue,
    ProgrammeIndicatorYear,
    StaffDevelopment,
    StaffDevelopmentParticipant,
    Survey,
    SurveyAnswer,
    SurveyQuestion,
    SurveyResponse,
)

__all__ += ["EvaluationFinding", "EvaluationRecommendation", "ProgrammeAccreditation", "ProgrammeEvaluation",
            "ProgrammeIndicatorValue", "ProgrammeIndicatorYear", "StaffDevelopment", "StaffDevelopmentParticipant",
            "Survey", "SurveyAnswer", "SurveyQuestion", "SurveyResponse"]

# Every table is known now: the kinds of record that stand on their own can be registered.
import desktop_app.storage.record_kinds  # noqa: E402, F401
