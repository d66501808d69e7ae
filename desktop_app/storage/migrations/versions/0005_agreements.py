"""Agreements and strategic partnerships, mobility, joint events, the working group.

Tables: agreements (+ parties, indicators, EWP cooperation conditions), attached_documents,
mobility_records, joint_events (+ partners), expert_meetings, working_group_members.

Revision ID: 0005
Revises: 0001
Create Date: 2026-11-23 17:25:27.477624
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0005'
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('agreements',
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('reference', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('approach', sa.String(length=24), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('signing_date', sa.Date(), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('renewal_terms', sa.Text(), nullable=False),
    sa.Column('national_staff_percent', sa.Float(), nullable=True),
    sa.Column('foreign_staff_percent', sa.Float(), nullable=True),
    sa.Column('funding_sources', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreements')),
    sa.UniqueConstraint('uuid', name=op.f('uq_agreements_uuid'))
    )
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreements_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreements_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreements_valid_to'), ['valid_to'], unique=False)

    op.create_table('attached_documents',
    sa.Column('owner_type', sa.String(length=24), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=300), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attached_documents')),
    sa.UniqueConstraint('uuid', name=op.f('uq_attached_documents_uuid'))
    )
    with op.batch_alter_table('attached_documents', schema=None) as batch_op:
        batch_op.create_index('ix_attached_documents_owner', ['owner_type', 'owner_id'], unique=False)

    op.create_table('working_group_members',
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('email', sa.String(length=300), nullable=False),
    sa.Column('organisation', sa.String(length=500), nullable=False),
    sa.Column('role', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_working_group_members')),
    sa.UniqueConstraint('uuid', name=op.f('uq_working_group_members_uuid'))
    )
    with op.batch_alter_table('working_group_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_working_group_members_country_code'), ['country_code'], unique=False)

    op.create_table('agreement_conditions',
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('sending_university_id', sa.Integer(), nullable=False),
    sa.Column('receiving_university_id', sa.Integer(), nullable=False),
    sa.Column('first_year', sa.Integer(), nullable=False),
    sa.Column('last_year', sa.Integer(), nullable=False),
    sa.Column('mobilities_per_year', sa.Integer(), nullable=False),
    sa.Column('isced_code', sa.String(length=4), nullable=False),
    sa.Column('eqf_levels', sa.String(length=20), nullable=False),
    sa.Column('months_per_year', sa.Float(), nullable=True),
    sa.Column('days_per_year', sa.Float(), nullable=True),
    sa.Column('language', sa.String(length=12), nullable=False),
    sa.Column('cefr_level', sa.String(length=2), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_agreement_conditions_agreement_id_agreements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['receiving_university_id'], ['universities.id'], name=op.f('fk_agreement_conditions_receiving_university_id_universities'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['sending_university_id'], ['universities.id'], name=op.f('fk_agreement_conditions_sending_university_id_universities'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_conditions')),
    sa.UniqueConstraint('uuid', name=op.f('uq_agreement_conditions_uuid'))
    )
    with op.batch_alter_table('agreement_conditions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_conditions_agreement_id'), ['agreement_id'], unique=False)

    op.create_table('agreement_indicators',
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('unit', sa.String(length=60), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('target', sa.Float(), nullable=False),
    sa.Column('actual', sa.Float(), nullable=True),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_agreement_indicators_agreement_id_agreements'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_indicators')),
    sa.UniqueConstraint('uuid', name=op.f('uq_agreement_indicators_uuid'))
    )
    with op.batch_alter_table('agreement_indicators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_indicators_agreement_id'), ['agreement_id'], unique=False)

    op.create_table('agreement_parties',
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('university_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('signatory', sa.String(length=300), nullable=False),
    sa.Column('signing_date', sa.Date(), nullable=True),
    sa.Column('local_code', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_agreement_parties_agreement_id_agreements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['university_id'], ['universities.id'], name=op.f('fk_agreement_parties_university_id_universities'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_parties')),
    sa.UniqueConstraint('agreement_id', 'university_id', name=op.f('uq_agreement_parties_agreement_id_university_id')),
    sa.UniqueConstraint('uuid', name=op.f('uq_agreement_parties_uuid'))
    )
    with op.batch_alter_table('agreement_parties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_parties_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_parties_university_id'), ['university_id'], unique=False)

    op.create_table('expert_meetings',
    sa.Column('action_id', sa.Integer(), nullable=True),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=300), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('minutes', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['roadmap_actions.id'], name=op.f('fk_expert_meetings_action_id_roadmap_actions'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_expert_meetings')),
    sa.UniqueConstraint('uuid', name=op.f('uq_expert_meetings_uuid'))
    )
    with op.batch_alter_table('expert_meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_expert_meetings_action_id'), ['action_id'], unique=False)

    op.create_table('joint_events',
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('host_university_id', sa.Integer(), nullable=False),
    sa.Column('participants', sa.Integer(), nullable=False),
    sa.Column('area_key', sa.String(length=40), nullable=True),
    sa.Column('outcome', sa.Text(), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['area_key'], ['cooperation_areas.key'], name=op.f('fk_joint_events_area_key_cooperation_areas')),
    sa.ForeignKeyConstraint(['host_university_id'], ['universities.id'], name=op.f('fk_joint_events_host_university_id_universities'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_joint_events')),
    sa.UniqueConstraint('uuid', name=op.f('uq_joint_events_uuid'))
    )
    with op.batch_alter_table('joint_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_joint_events_host_university_id'), ['host_university_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_joint_events_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_joint_events_start_date'), ['start_date'], unique=False)

    op.create_table('mobility_records',
    sa.Column('person_kind', sa.String(length=16), nullable=False),
    sa.Column('person_name', sa.String(length=300), nullable=False),
    sa.Column('person_email', sa.String(length=300), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('format', sa.String(length=20), nullable=False),
    sa.Column('sending_university_id', sa.Integer(), nullable=False),
    sa.Column('receiving_university_id', sa.Integer(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('agreement_id', sa.Integer(), nullable=True),
    sa.Column('programme_uuid', sa.String(length=36), nullable=True),
    sa.Column('funding', sa.String(length=300), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'], name=op.f('fk_mobility_records_agreement_id_agreements'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['receiving_university_id'], ['universities.id'], name=op.f('fk_mobility_records_receiving_university_id_universities'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['sending_university_id'], ['universities.id'], name=op.f('fk_mobility_records_sending_university_id_universities'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mobility_records')),
    sa.UniqueConstraint('uuid', name=op.f('uq_mobility_records_uuid'))
    )
    with op.batch_alter_table('mobility_records', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mobility_records_agreement_id'), ['agreement_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mobility_records_format'), ['format'], unique=False)
        batch_op.create_index(batch_op.f('ix_mobility_records_person_kind'), ['person_kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_mobility_records_receiving_university_id'), ['receiving_university_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mobility_records_sending_university_id'), ['sending_university_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mobility_records_start_date'), ['start_date'], unique=False)

    op.create_table('joint_event_partners',
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('university_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['joint_events.id'], name=op.f('fk_joint_event_partners_event_id_joint_events'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['university_id'], ['universities.id'], name=op.f('fk_joint_event_partners_university_id_universities'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('event_id', 'university_id', name=op.f('pk_joint_event_partners'))
    )


def downgrade() -> None:
    op.drop_table('joint_event_partners')
    with op.batch_alter_table('mobility_records', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mobility_records_start_date'))
        batch_op.drop_index(batch_op.f('ix_mobility_records_sending_university_id'))
        batch_op.drop_index(batch_op.f('ix_mobility_records_receiving_university_id'))
        batch_op.drop_index(batch_op.f('ix_mobility_records_person_kind'))
        batch_op.drop_index(batch_op.f('ix_mobility_records_format'))
        batch_op.drop_index(batch_op.f('ix_mobility_records_agreement_id'))

    op.drop_table('mobility_records')
    with op.batch_alter_table('joint_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_joint_events_start_date'))
        batch_op.drop_index(batch_op.f('ix_joint_events_kind'))
        batch_op.drop_index(batch_op.f('ix_joint_events_host_university_id'))

    op.drop_table('joint_events')
    with op.batch_alter_table('expert_meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_expert_meetings_action_id'))

    op.drop_table('expert_meetings')
    with op.batch_alter_table('agreement_parties', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_parties_university_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_parties_agreement_id'))

    op.drop_table('agreement_parties')
    with op.batch_alter_table('agreement_indicators', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_indicators_agreement_id'))

    op.drop_table('agreement_indicators')
    with op.batch_alter_table('agreement_conditions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_conditions_agreement_id'))

    op.drop_table('agreement_conditions')
    with op.batch_alter_table('working_group_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_working_group_members_country_code'))

    op.drop_table('working_group_members')
    with op.batch_alter_table('attached_documents', schema=None) as batch_op:
        batch_op.drop_index('ix_attached_documents_owner')

    op.drop_table('attached_documents')
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreements_valid_to'))
        batch_op.drop_index(batch_op.f('ix_agreements_status'))
        batch_op.drop_index(batch_op.f('ix_agreements_kind'))

    op.drop_table('agreements')
