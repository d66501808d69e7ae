"""Mobility from nomination to recognised credits, and scholarships.

A mobility record gets its place in the life cycle (``status``, each step dated in
``mobility_status_changes``), the EQF level the person studies at and the day its transcript arrived. It
owns its learning agreement (numbered versions of components and signatures), its transcript of records
and the credits recognised at home; a university owns its grading table. Scholarship programmes are a new
kind of record (with ``owner_state``), with budgets per year and awards to mobilities.

Records made before this revision have no history: they start as nominated, undated.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def _record_columns() -> list[sa.Column]:
    """The columns every record carries (RecordMixin)."""
    return [
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"),
                  nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), server_default=sa.text("(CURRENT_TIMESTAMP)"),
                  nullable=False),
    ]


def _table(name: str, *columns, constraints=()) -> None:
    op.create_table(
        name, *columns, *_record_columns(),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{name}")),
        sa.UniqueConstraint("uuid", name=op.f(f"uq_{name}_uuid")),
        *constraints,
    )


def _fk(column: str, table: str, target: str, ondelete: str | None) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"),
                                   ondelete=ondelete)


def _index(table: str, column: str, unique: bool = False) -> None:
    op.create_index(op.f(f"ix_{table}_{column}"), table, [column], unique=unique)


def upgrade() -> None:
    with op.batch_alter_table("mobility_records") as batch:
        batch.add_column(sa.Column("study_level", sa.String(2), nullable=False, server_default=""))
        batch.add_column(sa.Column("status", sa.String(20), nullable=False, server_default="nominated"))
        batch.add_column(sa.Column("transcript_received_on", sa.Date(), nullable=True))
        batch.create_index(batch.f("ix_mobility_records_status"), ["status"], unique=False)

    name = "mobility_status_changes"
    _table(name,
           sa.Column("mobility_id", sa.Integer(), nullable=False),
           sa.Column("status", sa.String(20), nullable=False),
           sa.Column("changed_on", sa.Date(), nullable=False),
           sa.Column("note", sa.Text(), nullable=False),
           constraints=[_fk("mobility_id", name, "mobility_records", "CASCADE")])
    _index(name, "mobility_id")

    name = "learning_agreements"
    _table(name,
           sa.Column("mobility_id", sa.Integer(), nullable=False),
           sa.Column("receiving_academic_year", sa.String(9), nullable=False),
           sa.Column("isced_code", sa.String(4), nullable=False),
           sa.Column("isced_clarification", sa.String(500), nullable=False),
           sa.Column("language", sa.String(12), nullable=False),
           sa.Column("cefr_level", sa.String(2), nullable=False),
           sa.Column("sending_unit", sa.String(300), nullable=False),
           sa.Column("sending_contact_name", sa.String(300), nullable=False),
           sa.Column("sending_contact_email", sa.String(300), nullable=False),
           sa.Column("receiving_unit", sa.String(300), nullable=False),
           sa.Column("receiving_contact_name", sa.String(300), nullable=False),
           sa.Column("receiving_contact_email", sa.String(300), nullable=False),
           sa.Column("learning_outcomes_url", sa.String(1000), nullable=False),
           sa.Column("provisions_url", sa.String(1000), nullable=False),
           constraints=[_fk("mobility_id", name, "mobility_records", "CASCADE"),
                        sa.UniqueConstraint("mobility_id", name=op.f(f"uq_{name}_mobility_id"))])

    name = "learning_agreement_versions"
    _table(name,
           sa.Column("agreement_id", sa.Integer(), nullable=False),
           sa.Column("number", sa.Integer(), nullable=False),
           sa.Column("prepared_on", sa.Date(), nullable=True),
           sa.Column("reason", sa.Text(), nullable=False),
           sa.Column("student_signed_at", sa.DateTime(timezone=True), nullable=True),
           sa.Column("sending_signer_name", sa.String(300), nullable=False),
           sa.Column("sending_signer_position", sa.String(300), nullable=False),
           sa.Column("sending_signer_email", sa.String(300), nullable=False),
           sa.Column("sending_signed_at", sa.DateTime(timezone=True), nullable=True),
           sa.Column("receiving_signer_name", sa.String(300), nullable=False),
           sa.Column("receiving_signer_position", sa.String(300), nullable=False),
           sa.Column("receiving_signer_email", sa.String(300), nullable=False),
           sa.Column("receiving_signed_at", sa.DateTime(timezone=True), nullable=True),
           constraints=[_fk("agreement_id", name, "learning_agreements", "CASCADE"),
                        sa.UniqueConstraint("agreement_id", "number", name=op.f(f"uq_{name}_agreement_id_number"))])
    _index(name, "agreement_id")

    name = "learning_agreement_components"
    _table(name,
           sa.Column("version_id", sa.Integer(), nullable=False),
           sa.Column("position", sa.Integer(), nullable=False),
           sa.Column("section", sa.String(12), nullable=False),
           sa.Column("code", sa.String(100), nullable=False),
           sa.Column("title", sa.String(500), nullable=False),
           sa.Column("credits", sa.Float(), nullable=True),
           sa.Column("term_number", sa.Integer(), nullable=True),
           sa.Column("total_terms", sa.Integer(), nullable=True),
           sa.Column("recognition_conditions", sa.Text(), nullable=False),
           sa.Column("short_description", sa.Text(), nullable=False),
           sa.Column("los_id", sa.String(255), nullable=False),
           sa.Column("loi_id", sa.String(255), nullable=False),
           sa.Column("course_uuid", sa.String(36), nullable=True),
           constraints=[_fk("version_id", name, "learning_agreement_versions", "CASCADE")])
    _index(name, "version_id")

    name = "mobility_transcript_entries"
    _table(name,
           sa.Column("mobility_id", sa.Integer(), nullable=False),
           sa.Column("position", sa.Integer(), nullable=False),
           sa.Column("code", sa.String(100), nullable=False),
           sa.Column("title", sa.String(500), nullable=False),
           sa.Column("credits", sa.Float(), nullable=False),
           sa.Column("grade", sa.String(20), nullable=False),
           sa.Column("passed", sa.Boolean(), nullable=False),
           sa.Column("component_uuid", sa.String(36), nullable=True),
           constraints=[_fk("mobility_id", name, "mobility_records", "CASCADE")])
    _index(name, "mobility_id")

    name = "mobility_recognitions"
    _table(name,
           sa.Column("mobility_id", sa.Integer(), nullable=False),
           sa.Column("position", sa.Integer(), nullable=False),
           sa.Column("component_uuid", sa.String(36), nullable=True),
           sa.Column("code", sa.String(100), nullable=False),
           sa.Column("title", sa.String(500), nullable=False),
           sa.Column("credits_agreed", sa.Float(), nullable=False),
           sa.Column("credits_recognised", sa.Float(), nullable=False),
           sa.Column("grade", sa.String(20), nullable=False),
           sa.Column("reason", sa.Text(), nullable=False),
           sa.Column("recognised_on", sa.Date(), nullable=True),
           constraints=[_fk("mobility_id", name, "mobility_records", "CASCADE")])
    _index(name, "mobility_id")

    name = "university_grades"
    _table(name,
           sa.Column("university_id", sa.Integer(), nullable=False),
           sa.Column("position", sa.Integer(), nullable=False),
           sa.Column("grade", sa.String(20), nullable=False),
           sa.Column("ects_grade", sa.String(2), nullable=False),
           sa.Column("share", sa.Float(), nullable=True),
           sa.Column("passing", sa.Boolean(), nullable=False),
           constraints=[_fk("university_id", name, "universities", "CASCADE")])
    _index(name, "university_id")

    name = "scholarship_programmes"
    _table(name,
           sa.Column("name", sa.String(300), nullable=False),
           sa.Column("funder", sa.String(300), nullable=False),
           sa.Column("formats", sa.String(200), nullable=False),
           sa.Column("levels", sa.String(20), nullable=False),
           sa.Column("amount", sa.Float(), nullable=False),
           sa.Column("basis", sa.String(12), nullable=False),
           sa.Column("currency", sa.String(3), nullable=False),
           sa.Column("notes", sa.Text(), nullable=False),
           sa.Column("owner_state", sa.String(length=2), nullable=True))
    for column in ("name", "currency", "owner_state"):
        _index(name, column)

    name = "scholarship_budgets"
    _table(name,
           sa.Column("programme_id", sa.Integer(), nullable=False),
           sa.Column("year", sa.Integer(), nullable=False),
           sa.Column("amount", sa.Float(), nullable=False),
           constraints=[_fk("programme_id", name, "scholarship_programmes", "CASCADE"),
                        sa.UniqueConstraint("programme_id", "year", name=op.f(f"uq_{name}_programme_id_year"))])
    _index(name, "programme_id")

    name = "scholarship_awards"
    _table(name,
           sa.Column("programme_id", sa.Integer(), nullable=False),
           sa.Column("mobility_id", sa.Integer(), nullable=False),
           sa.Column("year", sa.Integer(), nullable=False),
           sa.Column("committed", sa.Float(), nullable=False),
           sa.Column("paid", sa.Float(), nullable=False),
           sa.Column("awarded_on", sa.Date(), nullable=True),
           sa.Column("notes", sa.Text(), nullable=False),
           constraints=[_fk("programme_id", name, "scholarship_programmes", "CASCADE"),
                        _fk("mobility_id", name, "mobility_records", "RESTRICT")])
    _index(name, "programme_id")
    _index(name, "mobility_id")


def downgrade() -> None:
    for name in ("scholarship_awards", "scholarship_budgets", "scholarship_programmes", "university_grades",
                 "mobility_recognitions", "mobility_transcript_entries", "learning_agreement_components",
                 "learning_agreement_versions", "learning_agreements", "mobility_status_changes"):
        op.drop_table(name)
    with op.batch_alter_table("mobility_records") as batch:
        batch.drop_index(batch.f("ix_mobility_records_status"))
        batch.drop_column("transcript_received_on")
        batch.drop_column("status")
        batch.drop_column("study_level")
