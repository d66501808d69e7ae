"""Lists of programmes and calendars at any size: indexes on the columns they are sorted by.

The programmes list is sorted by title, code or type, the calendars list by academic year (or by
university, which has its index already); with these a page is read in index order, whatever the
number of records.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

INDEXES = (
    ("programmes", "title"),
    ("programmes", "code"),
    ("programmes", "programme_type"),
    ("academic_calendars", "academic_year"),
)


def upgrade() -> None:
    for table, column in INDEXES:
        op.create_index(f"ix_{table}_{column}", table, [column], unique=False)


def downgrade() -> None:
    for table, column in reversed(INDEXES):
        op.drop_index(f"ix_{table}_{column}", table_name=table)
