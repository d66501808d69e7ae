"""Universities: the derived TOP-500 flag, indexes for the register's filters, and on SQLite a
trigram full-text index over the folded search text (kept in step by triggers).

Search on SQLite asks the FTS5 trigram table for ``search_text LIKE '%term%'``, which it answers
from the index instead of scanning every row; PostgreSQL runs the same LIKE on the table.

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

_FTS = [
    "CREATE VIRTUAL TABLE universities_fts USING fts5(search_text, content='universities', "
    "content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER universities_fts_insert AFTER INSERT ON universities BEGIN "
    "INSERT INTO universities_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER universities_fts_delete AFTER DELETE ON universities BEGIN "
    "INSERT INTO universities_fts(universities_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER universities_fts_update AFTER UPDATE OF search_text ON universities BEGIN "
    "INSERT INTO universities_fts(universities_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO universities_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO universities_fts(universities_fts) VALUES ('rebuild')",
]


def upgrade() -> None:
    with op.batch_alter_table("universities", schema=None) as batch_op:
        batch_op.add_column(sa.Column("top500", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_index(batch_op.f("ix_universities_top500"), ["top500"], unique=False)
    with op.batch_alter_table("university_areas", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_university_areas_area_key"), ["area_key"], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        for statement in _FTS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS universities_fts_{name}")
        op.execute("DROP TABLE IF EXISTS universities_fts")
    with op.batch_alter_table("university_areas", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_university_areas_area_key"))
    with op.batch_alter_table("universities", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_universities_top500"))
        batch_op.drop_column("top500")
