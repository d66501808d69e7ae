"""A meeting of one of the network's bodies: which body met, its agenda and the member states present (the
minutes stay attached as documents).

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("expert_meetings", schema=None) as batch:
        batch.add_column(sa.Column("body_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("agenda", sa.Text(), nullable=False, server_default=""))
        batch.add_column(sa.Column("attending_states", sa.String(200), nullable=False, server_default=""))
        batch.create_foreign_key(batch.f("fk_expert_meetings_body_id_bodies"), "bodies", ["body_id"], ["id"],
                                 ondelete="SET NULL")
        batch.create_index(batch.f("ix_expert_meetings_body_id"), ["body_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("expert_meetings", schema=None) as batch:
        batch.drop_index(batch.f("ix_expert_meetings_body_id"))
        batch.drop_constraint(batch.f("fk_expert_meetings_body_id_bodies"), type_="foreignkey")
        batch.drop_column("attending_states")
        batch.drop_column("agenda")
        batch.drop_column("body_id")
