"""The organisations behind quality work: the agency that audits a programme's evaluation cycle, the agency
that accredits it, and the provider of a staff-development programme. Each refers to an organisation and is
cleared (not the record deleted) when that organisation is.

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

#: (table, column): each a nullable reference to an organisation.
COLUMNS = (("programme_evaluations", "agency_id"), ("programme_accreditations", "agency_id"),
           ("staff_development_programmes", "provider_id"))


def upgrade() -> None:
    for table, column in COLUMNS:
        with op.batch_alter_table(table, schema=None) as batch:
            batch.add_column(sa.Column(column, sa.Integer(), nullable=True))
            batch.create_foreign_key(batch.f(f"fk_{table}_{column}_organisations"), "organisations", [column], ["id"],
                                     ondelete="SET NULL")
            batch.create_index(batch.f(f"ix_{table}_{column}"), [column], unique=False)


def downgrade() -> None:
    for table, column in COLUMNS:
        with op.batch_alter_table(table, schema=None) as batch:
            batch.drop_index(batch.f(f"ix_{table}_{column}"))
            batch.drop_constraint(batch.f(f"fk_{table}_{column}_organisations"), type_="foreignkey")
            batch.drop_column(column)
