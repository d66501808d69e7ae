"""Calendar periods keep where an imported event takes place and the page that describes it.

An academic calendar published as iCalendar gives each event a LOCATION and a URL; a period imported
from it now keeps both (and exports them again), so a feed imported and exported loses nothing.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("calendar_periods") as batch:
        batch.add_column(sa.Column("location", sa.String(500), nullable=False, server_default=""))
        batch.add_column(sa.Column("url", sa.String(1000), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("calendar_periods") as batch:
        batch.drop_column("url")
        batch.drop_column("location")
