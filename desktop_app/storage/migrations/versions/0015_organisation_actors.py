"""Organisations as actors: those responsible for road-map actions (a ministry, the CICA Secretariat…),
beside the actors named in words, and the industry partners of joint programmes. The rows belong to their
action or programme; an organisation named in one cannot be deleted.

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


def _actor_table(table: str, owner: str, owner_table: str) -> None:
    op.create_table(
        table,
        sa.Column(owner, sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"),
                  nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"),
                  nullable=False),
        sa.ForeignKeyConstraint([owner], [f"{owner_table}.id"], name=op.f(f"fk_{table}_{owner}_{owner_table}"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"],
                                name=op.f(f"fk_{table}_organisation_id_organisations"), ondelete="RESTRICT"),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        sa.UniqueConstraint(owner, "organisation_id", name=op.f(f"uq_{table}_{owner}_organisation_id")),
        sa.UniqueConstraint("uuid", name=op.f(f"uq_{table}_uuid")),
    )
    with op.batch_alter_table(table, schema=None) as batch:
        batch.create_index(batch.f(f"ix_{table}_{owner}"), [owner], unique=False)
        batch.create_index(batch.f(f"ix_{table}_organisation_id"), ["organisation_id"], unique=False)


TABLES = (("roadmap_action_actors", "action_id", "roadmap_actions"),
          ("programme_industry_partners", "programme_id", "programmes"))


def upgrade() -> None:
    for table, owner, owner_table in TABLES:
        _actor_table(table, owner, owner_table)


def downgrade() -> None:
    for table, owner, _owner_table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch:
            batch.drop_index(batch.f(f"ix_{table}_organisation_id"))
            batch.drop_index(batch.f(f"ix_{table}_{owner}"))
        op.drop_table(table)
