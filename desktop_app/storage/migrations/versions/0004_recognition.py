"""Diploma recognition: equivalence rules, recognition cases, attachments, history.

On SQLite the cases' folded search text is also indexed by an FTS5 table (trigram tokenizer, so a
search matches inside words in every script), kept in sync by triggers. PostgreSQL searches the same
folded column with LIKE.

Revision ID: 0004
Revises: 0001
Create Date: 2026-11-23 17:25:23.186699
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('recognition_rules',
    sa.Column('from_country', sa.String(length=2), nullable=False),
    sa.Column('qualification_title', sa.String(length=500), nullable=False),
    sa.Column('title_lang', sa.String(length=12), nullable=False),
    sa.Column('isced_level', sa.String(length=1), nullable=False),
    sa.Column('nominal_years', sa.Float(), nullable=True),
    sa.Column('credits', sa.Float(), nullable=True),
    sa.Column('to_country', sa.String(length=2), nullable=False),
    sa.Column('recognised_as', sa.String(length=500), nullable=False),
    sa.Column('recognised_isced_level', sa.String(length=1), nullable=False),
    sa.Column('conditions', sa.Text(), nullable=False),
    sa.Column('legal_basis', sa.String(length=24), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recognition_rules')),
    sa.UniqueConstraint('uuid', name=op.f('uq_recognition_rules_uuid'))
    )
    with op.batch_alter_table('recognition_rules', schema=None) as batch_op:
        batch_op.create_index('ix_recognition_rules_pair', ['from_country', 'to_country', 'isced_level'], unique=False)

    op.create_table('recognition_cases',
    sa.Column('reference', sa.String(length=64), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('holder_name', sa.String(length=300), nullable=False),
    sa.Column('holder_birth_date', sa.Date(), nullable=True),
    sa.Column('holder_citizenship', sa.String(length=2), nullable=False),
    sa.Column('document_kind', sa.String(length=24), nullable=False),
    sa.Column('document_number', sa.String(length=100), nullable=False),
    sa.Column('document_issued_on', sa.Date(), nullable=True),
    sa.Column('issuing_university_id', sa.Integer(), nullable=True),
    sa.Column('issuing_university_name', sa.String(length=500), nullable=False),
    sa.Column('issuing_country', sa.String(length=2), nullable=False),
    sa.Column('qualification_title', sa.String(length=500), nullable=False),
    sa.Column('isced_level', sa.String(length=1), nullable=False),
    sa.Column('isced_field', sa.String(length=4), nullable=False),
    sa.Column('credits', sa.Float(), nullable=True),
    sa.Column('recognising_country', sa.String(length=2), nullable=False),
    sa.Column('recognising_institution', sa.String(length=500), nullable=False),
    sa.Column('purpose', sa.String(length=24), nullable=False),
    sa.Column('outcome', sa.String(length=24), nullable=False),
    sa.Column('substantial_differences', sa.Text(), nullable=False),
    sa.Column('legal_basis', sa.String(length=24), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('decision_days', sa.Integer(), nullable=True),
    sa.Column('appeal_lodged', sa.Boolean(), nullable=False),
    sa.Column('appeal_lodged_on', sa.Date(), nullable=True),
    sa.Column('appeal_result', sa.String(length=16), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('rule_id', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('pseudonymised', sa.Boolean(), nullable=False),
    sa.Column('search_text', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['issuing_university_id'], ['universities.id'], name=op.f('fk_recognition_cases_issuing_university_id_universities'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['rule_id'], ['recognition_rules.id'], name=op.f('fk_recognition_cases_rule_id_recognition_rules'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recognition_cases')),
    sa.UniqueConstraint('reference', name=op.f('uq_recognition_cases_reference')),
    sa.UniqueConstraint('uuid', name=op.f('uq_recognition_cases_uuid'))
    )
    with op.batch_alter_table('recognition_cases', schema=None) as batch_op:
        batch_op.create_index('ix_recognition_cases_decided', ['decided_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_recognition_cases_issuing_university_id'), ['issuing_university_id'], unique=False)
        batch_op.create_index('ix_recognition_cases_pair', ['issuing_country', 'recognising_country', 'received_on'], unique=False)
        batch_op.create_index('ix_recognition_cases_received', ['received_on', 'id'], unique=False)
        batch_op.create_index('ix_recognition_cases_status_received', ['status', 'received_on', 'id'], unique=False)
        batch_op.create_index('ix_recognition_cases_days', ['decision_days'], unique=False)
        batch_op.create_index('ix_recognition_cases_pair_days',
                              ['issuing_country', 'recognising_country', 'decision_days'], unique=False)
        batch_op.create_index('ix_recognition_cases_outcome', ['outcome'], unique=False)
        batch_op.create_index('ix_recognition_cases_appeal', ['appeal_lodged', 'appeal_result', 'status'],
                              unique=False)

    op.create_table('recognition_attachments',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('file_name', sa.String(length=300), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['recognition_cases.id'], name=op.f('fk_recognition_attachments_case_id_recognition_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recognition_attachments')),
    sa.UniqueConstraint('uuid', name=op.f('uq_recognition_attachments_uuid'))
    )
    with op.batch_alter_table('recognition_attachments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recognition_attachments_case_id'), ['case_id'], unique=False)

    op.create_table('recognition_history',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=True),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('action', sa.String(length=16), nullable=False),
    sa.Column('field', sa.String(length=40), nullable=False),
    sa.Column('old_value', sa.Text(), nullable=False),
    sa.Column('new_value', sa.Text(), nullable=False),
    sa.Column('personal', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['recognition_cases.id'], name=op.f('fk_recognition_history_case_id_recognition_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_recognition_history'))
    )
    with op.batch_alter_table('recognition_history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recognition_history_case_id'), ['case_id'], unique=False)

    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in FTS_STATEMENTS:
            op.execute(statement)
    elif bind.dialect.name == "postgresql":
        # A trigram index makes LIKE '%term%' on the folded text fast; pg_trgm is a trusted extension on
        # PostgreSQL 13+, but a server may not offer it: then search still works, only by scanning.
        try:
            with bind.begin_nested():
                bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                bind.exec_driver_sql("CREATE INDEX ix_recognition_cases_search_trgm ON recognition_cases "
                                     "USING gin (search_text gin_trgm_ops)")
        except sa.exc.DBAPIError:
            pass


FTS_STATEMENTS = (
    "CREATE VIRTUAL TABLE recognition_cases_fts USING fts5(search_text, content='recognition_cases', "
    "content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER recognition_cases_fts_insert AFTER INSERT ON recognition_cases BEGIN "
    "INSERT INTO recognition_cases_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER recognition_cases_fts_delete AFTER DELETE ON recognition_cases BEGIN "
    "INSERT INTO recognition_cases_fts(recognition_cases_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER recognition_cases_fts_update AFTER UPDATE OF search_text ON recognition_cases BEGIN "
    "INSERT INTO recognition_cases_fts(recognition_cases_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO recognition_cases_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_recognition_cases_search_trgm")
    if op.get_bind().dialect.name == "sqlite":
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS recognition_cases_fts_{name}")
        op.execute("DROP TABLE IF EXISTS recognition_cases_fts")
    with op.batch_alter_table('recognition_history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recognition_history_case_id'))

    op.drop_table('recognition_history')
    with op.batch_alter_table('recognition_attachments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recognition_attachments_case_id'))

    op.drop_table('recognition_attachments')
    with op.batch_alter_table('recognition_cases', schema=None) as batch_op:
        batch_op.drop_index('ix_recognition_cases_status_received')
        batch_op.drop_index('ix_recognition_cases_days')
        batch_op.drop_index('ix_recognition_cases_pair_days')
        batch_op.drop_index('ix_recognition_cases_outcome')
        batch_op.drop_index('ix_recognition_cases_appeal')
        batch_op.drop_index('ix_recognition_cases_received')
        batch_op.drop_index('ix_recognition_cases_pair')
        batch_op.drop_index(batch_op.f('ix_recognition_cases_issuing_university_id'))
        batch_op.drop_index('ix_recognition_cases_decided')

    op.drop_table('recognition_cases')
    with op.batch_alter_table('recognition_rules', schema=None) as batch_op:
        batch_op.drop_index('ix_recognition_rules_pair')

    op.drop_table('recognition_rules')
