"""The kinds of record that stand on their own (see ``snapshots.py``): each is deleted, restored and
exchanged with everything it owns. A new area registers its kind here."""

from __future__ import annotations

from desktop_app.storage.snapshot_schema import RecordKind, register

UNIVERSITY = RecordKind("university", "universities")
AGREEMENT = RecordKind("agreement", "agreements", documents="agreement")
PROGRAMME = RecordKind("programme", "programmes")
CALENDAR = RecordKind("calendar", "academic_calendars")
CREDIT_CONVERSION = RecordKind("credit_conversion", "credit_conversions")
EQUIVALENCE_RULE = RecordKind("equivalence_rule", "recognition_rules")
RECOGNITION_CASE = RecordKind("recognition_case", "recognition_cases")
MOBILITY = RecordKind("mobility", "mobility_records")
EVENT = RecordKind("event", "joint_events", documents="event")
ROADMAP_ACTION = RecordKind("roadmap_action", "roadmap_actions", documents="roadmap_action")
EXPERT_MEETING = RecordKind("expert_meeting", "expert_meetings", documents="expert_meeting")
WORKING_GROUP_MEMBER = RecordKind("working_group_member", "working_group_members")
ORGANISATION = RecordKind("organisation", "organisations")
BODY = RecordKind("body", "bodies")
DECISION = RecordKind("decision", "decisions")
SCHOLARSHIP_PROGRAMME = RecordKind("scholarship_programme", "scholarship_programmes")

# Quality of joint programmes: evaluations, accreditations, indicators and surveys are owned by their
# programme (ON DELETE CASCADE), so a programme's snapshot carries them as nested snapshots; each is still a
# kind of its own, with its own list, undo and file in the data package.
EVALUATION = RecordKind("evaluation", "programme_evaluations")
PROGRAMME_ACCREDITATION = RecordKind("programme_accreditation", "programme_accreditations")
INDICATOR_YEAR = RecordKind("indicator_year", "programme_indicator_years")
SURVEY = RecordKind("survey", "surveys")
STAFF_DEVELOPMENT = RecordKind("staff_development", "staff_development_programmes")

register(UNIVERSITY, AGREEMENT, PROGRAMME, CALENDAR, CREDIT_CONVERSION, EQUIVALENCE_RULE, RECOGNITION_CASE,
         MOBILITY, EVENT, ROADMAP_ACTION, EXPERT_MEETING, WORKING_GROUP_MEMBER, ORGANISATION, BODY, DECISION,
         SCHOLARSHIP_PROGRAMME, EVALUATION, PROGRAMME_ACCREDITATION, INDICATOR_YEAR, SURVEY, STAFF_DEVELOPMENT)
