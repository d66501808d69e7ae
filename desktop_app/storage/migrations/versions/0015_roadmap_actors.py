"""Organisations responsible for road-map actions (a ministry, the CICA Secretariat…), beside the actors
named in words. The rows belong to their action; an organisation named here cannot be deleted.

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "roadmap_action_actors",
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"),
                  nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"),
                  nullable=False),
        sa.ForeignKeyConstraint(["action_id"], ["roadmap_actions.id"],
                                name=op.f("fk_roadmap_action_actors_action_id_roadmap_actions"), ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"],
                                name=op.f("fk_roadmap_action_actors_organisation_id_organisations"),
                                ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roadmap_action_actors")),
        sa.UniqueConstraint("action_id", "organisation_id",
                            name=op.f("uq_roadmap_action_actors_action_id_organisation_id")),
        sa.UniqueConstraint("uuid", name=op.f("uq_roadmap_action_actors_uuid")),
    )
    with op.batch_alter_table("roadmap_action_actors", schema=None) as batch:
        batch.create_index(batch.f("ix_roadmap_action_actors_action_id"), ["action_id"], unique=False)
        batch.create_index(batch.f("ix_roadmap_action_actors_organisation_id"), ["organisation_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("roadmap_action_actors", schema=None) as batch:
        batch.drop_index(batch.f("ix_roadmap_action_actors_organisation_id"))
        batch.drop_index(batch.f("ix_roadmap_action_actors_action_id"))
    op.drop_table("roadmap_action_actors")
