"""The national data package: owners of records, tombstones, merge bases, received packages, trusted
keys, conflicts and linked records.

Every root table of a kind of record gets ``owner_state`` (the member state whose coordinator created
the record; NULL for the network's own records). The list below is the kinds registered at this
revision, written out because a migration is history and must not change when a kind is added later:
a new kind's own migration adds the column (tests/storage/test_ownership.py checks that it does).
Existing records are claimed for this database's member state when the application first learns
it (services/exchange_identity.py), not here: a migration does not read the user's preferences.

Reference rows (loaded by the application in every database) never edited get one fixed time of
creation and change, so the same reference record is byte for byte the same everywhere.

The default credit conversions were written with random UUIDs by 0003; they are reference data
present in every database, so they get the deterministic UUIDs reference data has everywhere else
(derived from the state, which is unique in that table), and the same conversion is the same record
in every coordinator's database.

Revision ID: 0008
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

ROOT_TABLES = (
    "universities", "agreements", "programmes", "academic_calendars", "credit_conversions", "recognition_rules",
    "recognition_cases", "mobility_records", "joint_events", "roadmap_actions", "expert_meetings",
    "working_group_members",
)


def upgrade() -> None:
    op.create_table(
        "database_identity",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("state_code", sa.String(length=2), nullable=True),
        sa.Column("set_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_database_identity")),
    )
    op.create_table(
        "deleted_records",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("owner_state", sa.String(length=2), nullable=True),
        sa.Column("deleted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deleted_records")),
        sa.UniqueConstraint("uuid", name=op.f("uq_deleted_records_uuid")),
    )
    op.create_index(op.f("ix_deleted_records_owner_state"), "deleted_records", ["owner_state"])
    op.create_index(op.f("ix_deleted_records_deleted_at"), "deleted_records", ["deleted_at"])
    op.create_table(
        "sync_records",
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("origin_state", sa.String(length=2), nullable=True),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("personal_fingerprint", sa.String(length=64), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("package_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("uuid", name=op.f("pk_sync_records")),
    )
    op.create_table(
        "received_packages",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("state_code", sa.String(length=2), nullable=True),
        sa.Column("coordinator", sa.String(length=300), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("period_from", sa.String(length=40), nullable=True),
        sa.Column("period_to", sa.String(length=40), nullable=True),
        sa.Column("format_version", sa.Integer(), nullable=False),
        sa.Column("schema_revision", sa.String(length=100), nullable=False),
        sa.Column("app_version", sa.String(length=40), nullable=False),
        sa.Column("signer_fingerprint", sa.String(length=100), nullable=False),
        sa.Column("personal_data", sa.Boolean(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("file_name", sa.String(length=500), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_received_packages")),
    )
    op.create_index(op.f("ix_received_packages_state_code"), "received_packages", ["state_code"])
    op.create_table(
        "trusted_keys",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("state_code", sa.String(length=2), nullable=True),
        sa.Column("fingerprint", sa.String(length=100), nullable=False),
        sa.Column("public_key", sa.String(length=100), nullable=False),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.Column("accepted_explicitly", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trusted_keys")),
    )
    op.create_index(op.f("ix_trusted_keys_state_code"), "trusted_keys", ["state_code"])
    op.create_table(
        "package_conflicts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("package_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("uuid", sa.String(length=36), nullable=False),
        sa.Column("state_code", sa.String(length=2), nullable=True),
        sa.Column("reason", sa.String(length=24), nullable=False),
        sa.Column("label", sa.String(length=500), nullable=False),
        sa.Column("local_uuid", sa.String(length=36), nullable=True),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("theirs", sa.Text(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("decision", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["package_id"], ["received_packages.id"],
                                name=op.f("fk_package_conflicts_package_id_received_packages"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_package_conflicts")),
    )
    op.create_index(op.f("ix_package_conflicts_package_id"), "package_conflicts", ["package_id"])
    op.create_index(op.f("ix_package_conflicts_status"), "package_conflicts", ["status"])
    op.create_index("ix_package_conflicts_uuid_status", "package_conflicts", ["uuid", "status"])
    op.create_table(
        "linked_records",
        sa.Column("their_uuid", sa.String(length=36), nullable=False),
        sa.Column("local_uuid", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("state_code", sa.String(length=2), nullable=True),
        sa.Column("linked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("their_uuid", name=op.f("pk_linked_records")),
    )
    op.create_index(op.f("ix_linked_records_local_uuid"), "linked_records", ["local_uuid"])

    for table in ROOT_TABLES:
        op.add_column(table, sa.Column("owner_state", sa.String(length=2), nullable=True))
        op.create_index(op.f(f"ix_{table}_owner_state"), table, ["owner_state"])

    from desktop_app.domain.reference import reference_uuid
    from desktop_app.storage.reference_data import REFERENCE_TIME

    # Reference rows never edited get the same times of creation and change in every database.
    for name in ("roadmap_actions", "credit_conversions", "member_states", "cooperation_areas", "isced_levels",
                 "isced_fields"):
        reference = sa.table(name, sa.column("created_at", sa.DateTime(timezone=True)),
                             sa.column("updated_at", sa.DateTime(timezone=True)))
        op.execute(reference.update().where(reference.c.created_at == reference.c.updated_at)
                   .values(created_at=REFERENCE_TIME, updated_at=REFERENCE_TIME))

    conversions = sa.table("credit_conversions", sa.column("uuid", sa.String), sa.column("state_code", sa.String))
    codes = op.get_bind().execute(sa.select(conversions.c.state_code)).scalars().all()
    for code in codes:  # one conversion per state (state_code is unique): the same record everywhere
        op.execute(conversions.update().where(conversions.c.state_code == code)
                   .values(uuid=reference_uuid("credit-conversion", code)))


def downgrade() -> None:
    for table in ROOT_TABLES:
        op.drop_index(op.f(f"ix_{table}_owner_state"), table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column("owner_state")
    for name in ("linked_records", "package_conflicts", "trusted_keys", "received_packages", "sync_records",
                 "deleted_records", "database_identity"):
        op.drop_table(name)
