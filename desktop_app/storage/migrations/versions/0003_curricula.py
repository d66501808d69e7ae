"""Joint curricula and academic calendars: programmes, partners, intakes, study plans, course
equivalences, credit conversions (with editable defaults) and per-university academic calendars.

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-23 17:26:11.427317
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


DEFAULT_CONVERSIONS = [
    (
        "KZ",
        1.0,
        "academic credit",
        "Law of Kazakhstan 'On Education', credit technology rules (MES order No. 152, as amended 2018): 1 academic credit = 30 academic hours = 1 ECTS",
    ),
    (
        "RU",
        1.0,
        "credit unit (zachyotnaya edinitsa)",
        "Federal State Educational Standards: 1 credit unit = 36 academic hours ≈ 1 ECTS",
    ),
    ("TR", 1.0, "AKTS", "Turkish Higher Education Council: AKTS is ECTS"),
    ("AZ", 1.0, "credit", "Azerbaijan credit system aligned with ECTS (editable default)"),
    ("UZ", 1.0, "credit", "Uzbekistan credit-module system aligned with ECTS since 2020 (editable default)"),
    (
        "CN",
        0.5,
        "credit (xuefen)",
        "Estimate: one Chinese credit ≈ 16–18 contact hours ≈ 2 ECTS; varies by university (editable default)",
    ),
    ("KR", 0.5, "credit (hakjeom)", "Estimate: 1 credit ≈ 15 contact hours ≈ 2 ECTS (editable default)"),
    ("US", 0.5, "semester credit hour", "Common estimate: 1 US credit hour ≈ 2 ECTS (editable default)"),
]


def upgrade() -> None:
    op.create_table(
        "credit_conversions",
        sa.Column("state_code", sa.String(length=2), nullable=False),
        sa.Column("national_per_ects", sa.Float(), nullable=False),
        sa.Column("unit", sa.String(length=100), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_credit_conversions")),
        sa.UniqueConstraint("state_code", name=op.f("uq_credit_conversions_state_code")),
        sa.UniqueConstraint("uuid", name=op.f("uq_credit_conversions_uuid")),
    )
    # Editable defaults with their sources, written once here (a frozen copy of
    # desktop_app.domain.curricula.DEFAULT_CREDIT_CONVERSIONS at this revision) so that a coordinator's
    # later edits are never overwritten.
    conversions = sa.table(
        "credit_conversions",
        sa.column("uuid", sa.String),
        sa.column("state_code", sa.String),
        sa.column("national_per_ects", sa.Float),
        sa.column("unit", sa.String),
        sa.column("source", sa.Text),
    )
    op.bulk_insert(
        conversions,
        [
            {
                "uuid": str(uuid.uuid4()),
                "state_code": code,
                "national_per_ects": factor,
                "unit": unit,
                "source": source,
            }
            for code, factor, unit, source in DEFAULT_CONVERSIONS
        ],
    )
    op.create_table(
        "academic_calendars",
        sa.Column("university_id", sa.Integer(), nullable=False),
        sa.Column("academic_year", sa.String(length=9), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["university_id"],
            ["universities.id"],
            name=op.f("fk_academic_calendars_university_id_universities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_academic_calendars")),
        sa.UniqueConstraint(
            "university_id", "academic_year", name=op.f("uq_academic_calendars_university_id_academic_year")
        ),
        sa.UniqueConstraint("uuid", name=op.f("uq_academic_calendars_uuid")),
    )
    with op.batch_alter_table("academic_calendars", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_academic_calendars_university_id"), ["university_id"], unique=False
        )

    op.create_table(
        "programmes",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("titles", sa.JSON(), nullable=False),
        sa.Column("programme_type", sa.String(length=30), nullable=False),
        sa.Column("isced_level", sa.String(length=1), nullable=True),
        sa.Column("isced_field", sa.String(length=4), nullable=True),
        sa.Column("area_key", sa.String(length=40), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("diplomas", sa.String(length=20), nullable=False),
        sa.Column("joint_defence", sa.Boolean(), nullable=False),
        sa.Column("languages", sa.String(length=64), nullable=False),
        sa.Column("accreditation", sa.Text(), nullable=False),
        sa.Column("accredited_until", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["area_key"], ["cooperation_areas.key"], name=op.f("fk_programmes_area_key_cooperation_areas")
        ),
        sa.ForeignKeyConstraint(
            ["isced_field"], ["isced_fields.code"], name=op.f("fk_programmes_isced_field_isced_fields")
        ),
        sa.ForeignKeyConstraint(
            ["isced_level"], ["isced_levels.code"], name=op.f("fk_programmes_isced_level_isced_levels")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programmes")),
        sa.UniqueConstraint("uuid", name=op.f("uq_programmes_uuid")),
    )
    with op.batch_alter_table("programmes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_programmes_status"), ["status"], unique=False)

    op.create_table(
        "calendar_periods",
        sa.Column("calendar_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("required_attendance", sa.Boolean(), nullable=True),
        sa.Column("source_uid", sa.String(length=300), nullable=False),
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["calendar_id"],
            ["academic_calendars.id"],
            name=op.f("fk_calendar_periods_calendar_id_academic_calendars"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_periods")),
        sa.UniqueConstraint("uuid", name=op.f("uq_calendar_periods_uuid")),
    )
    with op.batch_alter_table("calendar_periods", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_calendar_periods_calendar_id"), ["calendar_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_calendar_periods_source_uid"), ["source_uid"], unique=False)

    op.create_table(
        "programme_intakes",
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("academic_year", sa.String(length=9), nullable=False),
        sa.Column("places", sa.Integer(), nullable=True),
        sa.Column("enrolled", sa.Integer(), nullable=True),
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_programme_intakes_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_intakes")),
        sa.UniqueConstraint(
            "programme_id", "academic_year", name=op.f("uq_programme_intakes_programme_id_academic_year")
        ),
        sa.UniqueConstraint("uuid", name=op.f("uq_programme_intakes_uuid")),
    )
    with op.batch_alter_table("programme_intakes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_programme_intakes_programme_id"), ["programme_id"], unique=False)

    op.create_table(
        "programme_partners",
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("university_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_programme_partners_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["university_id"],
            ["universities.id"],
            name=op.f("fk_programme_partners_university_id_universities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_partners")),
        sa.UniqueConstraint(
            "programme_id", "university_id", name=op.f("uq_programme_partners_programme_id_university_id")
        ),
        sa.UniqueConstraint("uuid", name=op.f("uq_programme_partners_uuid")),
    )
    with op.batch_alter_table("programme_partners", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_programme_partners_programme_id"), ["programme_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_programme_partners_university_id"), ["university_id"], unique=False
        )

    op.create_table(
        "programme_semesters",
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("academic_year", sa.String(length=9), nullable=False),
        sa.Column("university_id", sa.Integer(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_programme_semesters_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["university_id"],
            ["universities.id"],
            name=op.f("fk_programme_semesters_university_id_universities"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_semesters")),
        sa.UniqueConstraint("uuid", name=op.f("uq_programme_semesters_uuid")),
    )
    with op.batch_alter_table("programme_semesters", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_programme_semesters_programme_id"), ["programme_id"], unique=False
        )

    op.create_table(
        "programme_courses",
        sa.Column("semester_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("titles", sa.JSON(), nullable=False),
        sa.Column("credits_ects", sa.Float(), nullable=False),
        sa.Column("mandatory", sa.Boolean(), nullable=False),
        sa.Column("language", sa.String(length=12), nullable=False),
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["semester_id"],
            ["programme_semesters.id"],
            name=op.f("fk_programme_courses_semester_id_programme_semesters"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme_courses")),
        sa.UniqueConstraint("uuid", name=op.f("uq_programme_courses_uuid")),
    )
    with op.batch_alter_table("programme_courses", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_programme_courses_semester_id"), ["semester_id"], unique=False)

    op.create_table(
        "course_equivalences",
        sa.Column("programme_id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("equivalent_course_id", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["course_id"],
            ["programme_courses.id"],
            name=op.f("fk_course_equivalences_course_id_programme_courses"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["equivalent_course_id"],
            ["programme_courses.id"],
            name=op.f("fk_course_equivalences_equivalent_course_id_programme_courses"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"],
            ["programmes.id"],
            name=op.f("fk_course_equivalences_programme_id_programmes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_course_equivalences")),
        sa.UniqueConstraint("uuid", name=op.f("uq_course_equivalences_uuid")),
    )
    with op.batch_alter_table("course_equivalences", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_course_equivalences_programme_id"), ["programme_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("course_equivalences", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_course_equivalences_programme_id"))

    op.drop_table("course_equivalences")
    with op.batch_alter_table("programme_courses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programme_courses_semester_id"))

    op.drop_table("programme_courses")
    with op.batch_alter_table("programme_semesters", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programme_semesters_programme_id"))

    op.drop_table("programme_semesters")
    with op.batch_alter_table("programme_partners", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programme_partners_university_id"))
        batch_op.drop_index(batch_op.f("ix_programme_partners_programme_id"))

    op.drop_table("programme_partners")
    with op.batch_alter_table("programme_intakes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programme_intakes_programme_id"))

    op.drop_table("programme_intakes")
    with op.batch_alter_table("calendar_periods", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calendar_periods_source_uid"))
        batch_op.drop_index(batch_op.f("ix_calendar_periods_calendar_id"))

    op.drop_table("calendar_periods")
    with op.batch_alter_table("programmes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programmes_status"))

    op.drop_table("programmes")
    with op.batch_alter_table("academic_calendars", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_academic_calendars_university_id"))

    op.drop_table("academic_calendars")
    op.drop_table("credit_conversions")
