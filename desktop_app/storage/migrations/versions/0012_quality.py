"""Quality of joint programmes and staff development: evaluation cycles (findings, recommendations),
programme accreditations, surveys (questions, anonymous responses and answers), the programmes' indicators
per academic year, staff-development programmes and their participants. Each new kind's root table carries
``owner_state`` (see 0008).

Programmes had one free-text field for their accreditation ("agency and decision") and a date it was valid
until. Accreditations are records now (agency, label, decision, validity, conditions), so each programme
whose field held anything gets one accreditation record here, owned by the programme's member state:
the old text is kept word for word in the record's notes (it names an agency and a decision in the
coordinator's own words, which a migration cannot read reliably), its date becomes the end of validity;
the label is "other", and the decision "accredited" when a date was given,
"pending" otherwise. The coordinator completes the record; nothing typed before is lost. Then the two
columns leave ``programmes``. A downgrade puts the text and the date of each programme's latest
accreditation back into them.

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import datetime as dt
import uuid

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

#: The label of a record taken over from the former free-text field: the text does not say which.
MIGRATED_LABEL = "other"


def upgrade() -> None:
    op.create_table('staff_development_programmes',
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('topic', sa.String(length=24), nullable=False),
    sa.Column('topic_detail', sa.String(length=300), nullable=False),
    sa.Column('delivery', sa.String(length=12), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('hours', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('owner_state', sa.String(length=2), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_development_programmes')),
    sa.UniqueConstraint('uuid', name=op.f('uq_staff_development_programmes_uuid'))
    )
    op.create_index(op.f('ix_staff_development_programmes_owner_state'), 'staff_development_programmes', ['owner_state'], unique=False)
    op.create_index(op.f('ix_staff_development_programmes_start_date'), 'staff_development_programmes', ['start_date'], unique=False)
    op.create_index(op.f('ix_staff_development_programmes_topic'), 'staff_development_programmes', ['topic'], unique=False)
    op.create_table('staff_development_participants',
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('university_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('email', sa.String(length=300), nullable=False),
    sa.Column('job_title', sa.String(length=300), nullable=False),
    sa.Column('completed', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.ForeignKeyConstraint(['programme_id'], ['staff_development_programmes.id'], name=op.f('fk_staff_development_participants_programme_id_staff_development_programmes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['university_id'], ['universities.id'], name=op.f('fk_staff_development_participants_university_id_universities'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_development_participants')),
    sa.UniqueConstraint('uuid', name=op.f('uq_staff_development_participants_uuid'))
    )
    op.create_index(op.f('ix_staff_development_participants_programme_id'), 'staff_development_participants', ['programme_id'], unique=False)
    op.create_index(op.f('ix_staff_development_participants_university_id'), 'staff_development_participants', ['university_id'], unique=False)
    op.create_table('programme_accreditations',
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('label', sa.String(length=20), nullable=False),
    sa.Column('label_detail', sa.String(length=300), nullable=False),
    sa.Column('decision', sa.String(length=20), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('conditions', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('owner_state', sa.String(length=2), nullable=True),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_programme_accreditations_programme_id_programmes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_accreditations')),
    sa.UniqueConstraint('uuid', name=op.f('uq_programme_accreditations_uuid'))
    )
    op.create_index(op.f('ix_programme_accreditations_decision'), 'programme_accreditations', ['decision'], unique=False)
    op.create_index(op.f('ix_programme_accreditations_label'), 'programme_accreditations', ['label'], unique=False)
    op.create_index(op.f('ix_programme_accreditations_owner_state'), 'programme_accreditations', ['owner_state'], unique=False)
    op.create_index(op.f('ix_programme_accreditations_programme_id'), 'programme_accreditations', ['programme_id'], unique=False)
    op.create_index(op.f('ix_programme_accreditations_valid_to'), 'programme_accreditations', ['valid_to'], unique=False)
    op.create_table('programme_evaluations',
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('self_evaluation_on', sa.Date(), nullable=True),
    sa.Column('reviewer', sa.String(length=20), nullable=False),
    sa.Column('expert_panel', sa.Text(), nullable=False),
    sa.Column('site_visit_on', sa.Date(), nullable=True),
    sa.Column('report_on', sa.Date(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('owner_state', sa.String(length=2), nullable=True),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_programme_evaluations_programme_id_programmes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_evaluations')),
    sa.UniqueConstraint('uuid', name=op.f('uq_programme_evaluations_uuid'))
    )
    op.create_index(op.f('ix_programme_evaluations_owner_state'), 'programme_evaluations', ['owner_state'], unique=False)
    op.create_index(op.f('ix_programme_evaluations_programme_id'), 'programme_evaluations', ['programme_id'], unique=False)
    op.create_index(op.f('ix_programme_evaluations_status'), 'programme_evaluations', ['status'], unique=False)
    op.create_index(op.f('ix_programme_evaluations_year'), 'programme_evaluations', ['year'], unique=False)
    op.create_table('programme_indicator_years',
    sa.Column('programme_id', sa.Integer(), nullable=False),
    sa.Column('academic_year', sa.String(length=9), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('owner_state', sa.String(length=2), nullable=True),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_programme_indicator_years_programme_id_programmes'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_indicator_years')),
    sa.UniqueConstraint('programme_id', 'academic_year', name=op.f('uq_programme_indicator_years_programme_id_academic_year')),
    sa.UniqueConstraint('uuid', name=op.f('uq_programme_indicator_years_uuid'))
    )
    op.create_index(op.f('ix_programme_indicator_years_academic_year'), 'programme_indicator_years', ['academic_year'], unique=False)
    op.create_index(op.f('ix_programme_indicator_years_owner_state'), 'programme_indicator_years', ['owner_state'], unique=False)
    op.create_index(op.f('ix_programme_indicator_years_programme_id'), 'programme_indicator_years', ['programme_id'], unique=False)
    op.create_table('surveys',
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('audience', sa.String(length=20), nullable=False),
    sa.Column('programme_id', sa.Integer(), nullable=True),
    sa.Column('university_id', sa.Integer(), nullable=True),
    sa.Column('academic_year', sa.String(length=9), nullable=False),
    sa.Column('invitations', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('column_mapping', sa.JSON(), nullable=False),
    sa.Column('dropped_columns', sa.JSON(), nullable=False),
    sa.Column('source_name', sa.String(length=500), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('owner_state', sa.String(length=2), nullable=True),
    sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'], name=op.f('fk_surveys_programme_id_programmes'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['university_id'], ['universities.id'], name=op.f('fk_surveys_university_id_universities'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_surveys')),
    sa.UniqueConstraint('uuid', name=op.f('uq_surveys_uuid'))
    )
    op.create_index(op.f('ix_surveys_academic_year'), 'surveys', ['academic_year'], unique=False)
    op.create_index(op.f('ix_surveys_audience'), 'surveys', ['audience'], unique=False)
    op.create_index(op.f('ix_surveys_owner_state'), 'surveys', ['owner_state'], unique=False)
    op.create_index(op.f('ix_surveys_programme_id'), 'surveys', ['programme_id'], unique=False)
    op.create_index(op.f('ix_surveys_university_id'), 'surveys', ['university_id'], unique=False)
    op.create_table('evaluation_findings',
    sa.Column('evaluation_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.ForeignKeyConstraint(['evaluation_id'], ['programme_evaluations.id'], name=op.f('fk_evaluation_findings_evaluation_id_programme_evaluations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_findings')),
    sa.UniqueConstraint('uuid', name=op.f('uq_evaluation_findings_uuid'))
    )
    op.create_index(op.f('ix_evaluation_findings_evaluation_id'), 'evaluation_findings', ['evaluation_id'], unique=False)
    op.create_table('evaluation_recommendations',
    sa.Column('evaluation_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('owner', sa.String(length=300), nullable=False),
    sa.Column('deadline', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('follow_up', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.ForeignKeyConstraint(['evaluation_id'], ['programme_evaluations.id'], name=op.f('fk_evaluation_recommendations_evaluation_id_programme_evaluations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_recommendations')),
    sa.UniqueConstraint('uuid', name=op.f('uq_evaluation_recommendations_uuid'))
    )
    op.create_index(op.f('ix_evaluation_recommendations_deadline'), 'evaluation_recommendations', ['deadline'], unique=False)
    op.create_index(op.f('ix_evaluation_recommendations_evaluation_id'), 'evaluation_recommendations', ['evaluation_id'], unique=False)
    op.create_index(op.f('ix_evaluation_recommendations_status'), 'evaluation_recommendations', ['status'], unique=False)
    op.create_table('programme_indicator_values',
    sa.Column('year_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('indicator', sa.String(length=20), nullable=False),
    sa.Column('target', sa.Float(), nullable=True),
    sa.Column('actual', sa.Float(), nullable=True),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.ForeignKeyConstraint(['year_id'], ['programme_indicator_years.id'], name=op.f('fk_programme_indicator_values_year_id_programme_indicator_years'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_programme_indicator_values')),
    sa.UniqueConstraint('uuid', name=op.f('uq_programme_indicator_values_uuid')),
    sa.UniqueConstraint('year_id', 'indicator', name=op.f('uq_programme_indicator_values_year_id_indicator'))
    )
    op.create_index(op.f('ix_programme_indicator_values_year_id'), 'programme_indicator_values', ['year_id'], unique=False)
    op.create_table('survey_questions',
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('texts', sa.JSON(), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_survey_questions_survey_id_surveys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_questions')),
    sa.UniqueConstraint('uuid', name=op.f('uq_survey_questions_uuid'))
    )
    op.create_index(op.f('ix_survey_questions_survey_id'), 'survey_questions', ['survey_id'], unique=False)
    op.create_table('survey_responses',
    sa.Column('survey_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.ForeignKeyConstraint(['survey_id'], ['surveys.id'], name=op.f('fk_survey_responses_survey_id_surveys'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_responses')),
    sa.UniqueConstraint('uuid', name=op.f('uq_survey_responses_uuid'))
    )
    op.create_index(op.f('ix_survey_responses_survey_id'), 'survey_responses', ['survey_id'], unique=False)
    op.create_table('survey_answers',
    sa.Column('response_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Integer(), nullable=True),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('CURRENT_TIMESTAMP'), nullable=False),
    sa.ForeignKeyConstraint(['question_id'], ['survey_questions.id'], name=op.f('fk_survey_answers_question_id_survey_questions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['response_id'], ['survey_responses.id'], name=op.f('fk_survey_answers_response_id_survey_responses'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_answers')),
    sa.UniqueConstraint('uuid', name=op.f('uq_survey_answers_uuid'))
    )
    op.create_index(op.f('ix_survey_answers_question_id'), 'survey_answers', ['question_id'], unique=False)
    op.create_index(op.f('ix_survey_answers_response_id'), 'survey_answers', ['response_id'], unique=False)

    _accreditations_from_programmes()


def _accreditations_from_programmes() -> None:
    bind = op.get_bind()
    programmes = sa.table("programmes", sa.column("id", sa.Integer), sa.column("accreditation", sa.Text),
                          sa.column("accredited_until", sa.Date), sa.column("owner_state", sa.String))
    accreditations = sa.table(
        "programme_accreditations", sa.column("uuid", sa.String), sa.column("programme_id", sa.Integer),
        sa.column("label", sa.String), sa.column("label_detail", sa.String), sa.column("decision", sa.String),
        sa.column("valid_to", sa.Date), sa.column("conditions", sa.Text), sa.column("notes", sa.Text),
        sa.column("owner_state", sa.String), sa.column("created_at", sa.DateTime(timezone=True)),
        sa.column("updated_at", sa.DateTime(timezone=True)))
    found = bind.execute(sa.select(programmes.c.id, programmes.c.accreditation, programmes.c.accredited_until,
                                   programmes.c.owner_state)
                         .where(sa.or_(programmes.c.accreditation != "", programmes.c.accredited_until.is_not(None)))
                         .order_by(programmes.c.id)).all()
    now = dt.datetime.now(dt.UTC)
    rows = [{"uuid": str(uuid.uuid4()), "programme_id": programme_id, "label": MIGRATED_LABEL,
             "label_detail": "", "decision": "accredited" if until else "pending",
             "valid_to": until, "conditions": "", "notes": (text or "").strip(), "owner_state": owner,
             "created_at": now, "updated_at": now}
            for programme_id, text, until, owner in found]
    if rows:
        op.bulk_insert(accreditations, rows)
    with op.batch_alter_table("programmes") as batch:
        batch.drop_column("accredited_until")
        batch.drop_column("accreditation")


def downgrade() -> None:
    with op.batch_alter_table("programmes") as batch:
        batch.add_column(sa.Column("accreditation", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("accredited_until", sa.Date(), nullable=True))
    bind = op.get_bind()
    programmes = sa.table("programmes", sa.column("id", sa.Integer), sa.column("accreditation", sa.Text),
                          sa.column("accredited_until", sa.Date))
    accreditations = sa.table("programme_accreditations", sa.column("id", sa.Integer),
                              sa.column("programme_id", sa.Integer), sa.column("label_detail", sa.String),
                              sa.column("notes", sa.Text), sa.column("valid_to", sa.Date))
    latest: dict[int, tuple] = {}
    for programme_id, detail, notes, valid_to in bind.execute(sa.select(
            accreditations.c.programme_id, accreditations.c.label_detail, accreditations.c.notes,
            accreditations.c.valid_to).order_by(accreditations.c.id)):
        latest[programme_id] = (notes or detail or "", valid_to)
    for programme_id, (text, valid_to) in latest.items():
        bind.execute(programmes.update().where(programmes.c.id == programme_id)
                     .values(accreditation=text, accredited_until=valid_to))
    for table in ("survey_answers", "survey_questions", "survey_responses", "programme_indicator_values",
                  "evaluation_recommendations", "evaluation_findings", "surveys", "programme_indicator_years",
                  "programme_evaluations", "programme_accreditations", "staff_development_participants",
                  "staff_development_programmes"):
        op.drop_table(table)
