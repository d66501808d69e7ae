"""Organisations as parties to agreements: a ministry or an accreditation agency signs beside the
universities. The rows belong to their agreement (deleted, restored and carried in data packages with
it); an organisation that is a party cannot be deleted.

Revision ID: 0013
Revises: 0012
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('agreement_organisation_parties',
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('signatory', sa.String(length=300), nullable=False),
    sa.Column('signing_date', sa.Date(), nullable=True),
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['agreements.id'],
                            name=op.f('fk_agreement_organisation_parties_agreement_id_agreements'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'],
                            name=op.f('fk_agreement_organisation_parties_organisation_id_organisations'),
                            ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agreement_organisation_parties')),
    sa.UniqueConstraint('agreement_id', 'organisation_id',
                        name=op.f('uq_agreement_organisation_parties_agreement_id_organisation_id')),
    sa.UniqueConstraint('uuid', name=op.f('uq_agreement_organisation_parties_uuid'))
    )
    with op.batch_alter_table('agreement_organisation_parties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agreement_organisation_parties_agreement_id'), ['agreement_id'],
                              unique=False)
        batch_op.create_index(batch_op.f('ix_agreement_organisation_parties_organisation_id'), ['organisation_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('agreement_organisation_parties', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agreement_organisation_parties_organisation_id'))
        batch_op.drop_index(batch_op.f('ix_agreement_organisation_parties_agreement_id'))
    op.drop_table('agreement_organisation_parties')
