"""Organisations besides universities, and the network's governance.

- organisations (ministries, agencies, associations, enterprises, international bodies) with their names,
  contact persons and standings (ENQA, EQAR, EUR-ACE);
- bodies (the working group, the International Council, expert meetings, forums) with their names and
  chairmanship: who chairs, co-chairs or hosts in a year, permanent co-chairs, initiating institutions;
- decisions, resolutions, recommendations and consensus documents with their texts per language and their
  follow-up actions (responsible actor, deadline, status, evidence);
- the road map becomes editable: a road-map action's deadline changes are kept
  (``roadmap_deadline_changes``).

The organisations and bodies the source documents name are loaded as the network's reference records
(``storage/governance_reference.py``).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def _record_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"),
                  nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"),
                  nullable=False),
    ]


def _owner() -> sa.Column:
    return sa.Column("owner_state", sa.String(length=2), nullable=True)


def _keys(table: str) -> list:
    return [sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
            sa.UniqueConstraint("uuid", name=op.f(f"uq_{table}_uuid"))]


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"),
                                   ondelete=ondelete)


def _indexes(table: str, *columns: str) -> None:
    for column in columns:
        op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=False)


def upgrade() -> None:
    op.create_table(
        "organisations",
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.Column("acronym", sa.String(length=50), nullable=False),
        sa.Column("city", sa.String(length=200), nullable=False),
        sa.Column("website", sa.String(length=500), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("display_name", sa.String(length=500), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        *_record_columns(), _owner(), *_keys("organisations"))
    _indexes("organisations", "kind", "country_code", "display_name", "owner_state")
    op.create_table(
        "organisation_names",
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.String(length=500), nullable=False),
        sa.Column("lang", sa.String(length=12), nullable=True),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *_record_columns(), *_keys("organisation_names"),
        _fk("organisation_names", "organisation_id", "organisations", "CASCADE"))
    _indexes("organisation_names", "organisation_id")
    op.create_table(
        "organisation_contacts",
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("role", sa.String(length=300), nullable=False),
        sa.Column("email", sa.String(length=300), nullable=False),
        sa.Column("phone", sa.String(length=100), nullable=False),
        sa.Column("languages", sa.String(length=100), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        *_record_columns(), *_keys("organisation_contacts"),
        _fk("organisation_contacts", "organisation_id", "organisations", "CASCADE"))
    _indexes("organisation_contacts", "organisation_id")
    op.create_table(
        "organisation_standings",
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("reference", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        *_record_columns(), *_keys("organisation_standings"),
        _fk("organisation_standings", "organisation_id", "organisations", "CASCADE"))
    _indexes("organisation_standings", "organisation_id")

    op.create_table(
        "bodies",
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("acronym", sa.String(length=50), nullable=False),
        sa.Column("established_on", sa.Date(), nullable=True),
        sa.Column("mandate", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("display_name", sa.String(length=500), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        *_record_columns(), _owner(), *_keys("bodies"))
    _indexes("bodies", "kind", "display_name", "owner_state")
    op.create_table(
        "body_names",
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("value", sa.String(length=500), nullable=False),
        sa.Column("lang", sa.String(length=12), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        *_record_columns(), *_keys("body_names"), _fk("body_names", "body_id", "bodies", "CASCADE"))
    _indexes("body_names", "body_id")
    op.create_table(
        "body_chairs",
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=24), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.Column("university_id", sa.Integer(), nullable=True),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        *_record_columns(), *_keys("body_chairs"),
        _fk("body_chairs", "body_id", "bodies", "CASCADE"),
        _fk("body_chairs", "university_id", "universities", "RESTRICT"),
        _fk("body_chairs", "organisation_id", "organisations", "RESTRICT"),
        sa.CheckConstraint("university_id IS NULL OR organisation_id IS NULL", name=op.f("ck_body_chairs_one_holder")))
    _indexes("body_chairs", "body_id", "university_id", "organisation_id")

    op.create_table(
        "decisions",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("adopted_on", sa.Date(), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        *_record_columns(), _owner(), *_keys("decisions"),
        _fk("decisions", "body_id", "bodies", "RESTRICT"))
    _indexes("decisions", "kind", "body_id", "adopted_on", "title", "owner_state")
    op.create_table(
        "decision_texts",
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=12), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        *_record_columns(), *_keys("decision_texts"), _fk("decision_texts", "decision_id", "decisions", "CASCADE"))
    _indexes("decision_texts", "decision_id")
    op.create_table(
        "follow_up_actions",
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=True),
        sa.Column("university_id", sa.Integer(), nullable=True),
        sa.Column("responsible", sa.String(length=300), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=False),
        *_record_columns(), *_keys("follow_up_actions"),
        _fk("follow_up_actions", "decision_id", "decisions", "CASCADE"),
        _fk("follow_up_actions", "organisation_id", "organisations", "RESTRICT"),
        _fk("follow_up_actions", "university_id", "universities", "RESTRICT"),
        sa.CheckConstraint("university_id IS NULL OR organisation_id IS NULL",
                           name=op.f("ck_follow_up_actions_one_actor")))
    _indexes("follow_up_actions", "decision_id", "organisation_id", "university_id", "deadline", "status")

    op.create_table(
        "roadmap_deadline_changes",
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("changed_on", sa.Date(), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in (
            "from_year", "from_quarter_from", "from_quarter_to", "to_year", "to_quarter_from", "to_quarter_to")),
        *_record_columns(), *_keys("roadmap_deadline_changes"),
        _fk("roadmap_deadline_changes", "action_id", "roadmap_actions", "CASCADE"))
    _indexes("roadmap_deadline_changes", "action_id")

    from desktop_app.storage.governance_reference import sync_governance_reference

    sync_governance_reference(op.get_bind())


def downgrade() -> None:
    for table in ("roadmap_deadline_changes", "follow_up_actions", "decision_texts", "decisions", "body_chairs", "body_names", "bodies",
                  "organisation_standings", "organisation_contacts", "organisation_names", "organisations"):
        op.drop_table(table)
