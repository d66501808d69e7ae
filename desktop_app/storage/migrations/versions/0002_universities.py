"""Universities: the derived TOP-500 flag and an index for the filter by area of cooperation.

Search needs no index of its own: the folded ``search_text`` is scanned with a substring test (see
``services/university_search.py`` for the measurements behind that choice).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("universities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("top500", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_index(batch_op.f("ix_universities_top500"), ["top500"], unique=False)
    with op.batch_alter_table("university_areas", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_university_areas_area_key"), ["area_key"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("university_areas", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_university_areas_area_key"))
    with op.batch_alter_table("universities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_universities_top500"))
        batch_op.drop_column("top500")
