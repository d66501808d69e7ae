"""University register search at any size: a trigram index over the folded ``search_text``.

SQLite: an FTS5 table with the trigram tokenizer over ``universities.search_text`` (external content,
so the text is stored once), filled from the rows already there and kept in step by triggers that run
in the writing transaction itself: the service, bulk imports, restores and package imports all write
the column, none of them has to remember the index. Searches for rare words ask this index; common
words walk the sort column's index instead (services/university_search.py chooses).

PostgreSQL: a GIN index with ``gin_trgm_ops`` on the same column, which the planner uses for
``LIKE '%word%'`` when a word is rare. pg_trgm is a trusted extension on PostgreSQL 13+, but a server may
not offer it (or the role may not create it): then the migration leaves the index out and search still
works, by scanning the folded column.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


FTS_STATEMENTS = (
    "CREATE VIRTUAL TABLE universities_fts USING fts5(search_text, content='universities', "
    "content_rowid='id', tokenize='trigram')",
    "INSERT INTO universities_fts(universities_fts) VALUES ('rebuild')",
    "CREATE TRIGGER universities_fts_insert AFTER INSERT ON universities BEGIN "
    "INSERT INTO universities_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER universities_fts_delete AFTER DELETE ON universities BEGIN "
    "INSERT INTO universities_fts(universities_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER universities_fts_update AFTER UPDATE OF search_text ON universities BEGIN "
    "INSERT INTO universities_fts(universities_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO universities_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
)


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for statement in FTS_STATEMENTS:
            op.execute(statement)
    elif bind.dialect.name == "postgresql":
        # Without pg_trgm (not installed on the server, or not allowed to this role) the register
        # searches by scanning the folded text: slower at a million rows, but correct.
        try:
            with bind.begin_nested():
                bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                bind.exec_driver_sql("CREATE INDEX ix_universities_search_trgm ON universities "
                                     "USING gin (search_text gin_trgm_ops)")
        except sa.exc.DBAPIError:
            pass


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_universities_search_trgm")
    elif bind.dialect.name == "sqlite":
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS universities_fts_{name}")
        op.execute("DROP TABLE IF EXISTS universities_fts")
