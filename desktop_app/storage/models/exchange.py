"""What the national data package remembers: who this database is, what was deleted, what was last
received from each state (the base of every three-way merge), the packages received, the keys
trusted, the conflicts waiting for a decision and the records linked as "the same institution".

None of these tables is a kind of record: they are this database's own bookkeeping and never travel.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop_app.storage.base import Base, utcnow


class DatabaseIdentity(Base):
    """One row: the member state whose records this database keeps; ``None`` is the working group."""

    __tablename__ = "database_identity"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    state_code: Mapped[str | None] = mapped_column(String(2), nullable=True)
    set_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DeletedRecord(Base):
    """A tombstone: a record deleted here (or by its owner, as a package said), so packages carry it."""

    __tablename__ = "deleted_records"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(40))
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    owner_state: Mapped[str | None] = mapped_column(String(2), nullable=True, index=True)
    deleted_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)


class SyncRecord(Base):
    """A record as last received in a package: the base of the next three-way merge."""

    __tablename__ = "sync_records"
    uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    origin_state: Mapped[str | None] = mapped_column(String(2), nullable=True)
    #: SHA-256 of the record as received, personal data left out (comparable with any package).
    fingerprint: Mapped[str] = mapped_column(String(64))
    #: The same with personal data, when the package carried it.
    personal_fingerprint: Mapped[str | None] = mapped_column(String(64), nullable=True)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    package_id: Mapped[int | None] = mapped_column(Integer, nullable=True)


class ReceivedPackage(Base):
    __tablename__ = "received_packages"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    state_code: Mapped[str | None] = mapped_column(String(2), nullable=True, index=True)
    coordinator: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    period_from: Mapped[str | None] = mapped_column(String(40), nullable=True)
    period_to: Mapped[str | None] = mapped_column(String(40), nullable=True)
    format_version: Mapped[int] = mapped_column(Integer)
    schema_revision: Mapped[str] = mapped_column(String(100))
    app_version: Mapped[str] = mapped_column(String(40), default="")
    signer_fingerprint: Mapped[str] = mapped_column(String(100))
    personal_data: Mapped[bool] = mapped_column(Boolean, default=False)
    counts: Mapped[dict] = mapped_column(JSON, default=dict)
    file_name: Mapped[str] = mapped_column(String(500), default="")
    file_sha256: Mapped[str] = mapped_column(String(64))


class TrustedKey(Base):
    """A coordinator's public key, trusted for a member state (``None``: the working group)."""

    __tablename__ = "trusted_keys"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    state_code: Mapped[str | None] = mapped_column(String(2), nullable=True, index=True)
    fingerprint: Mapped[str] = mapped_column(String(100))
    public_key: Mapped[str] = mapped_column(String(100))  # raw Ed25519 key, base64
    first_seen: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    accepted_explicitly: Mapped[bool] = mapped_column(Boolean, default=False)
    #: False once the state's coordinator moved to another key (kept so the history is visible).
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class PackageConflict(Base):
    """A record of a package that could not be applied without the user's decision."""

    __tablename__ = "package_conflicts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    package_id: Mapped[int | None] = mapped_column(
        ForeignKey("received_packages.id", ondelete="SET NULL"), nullable=True, index=True)
    kind: Mapped[str] = mapped_column(String(40))
    uuid: Mapped[str] = mapped_column(String(36))
    state_code: Mapped[str | None] = mapped_column(String(2), nullable=True)
    #: changed (here and there) | deleted-there | deleted-here | same-record | missing-reference
    reason: Mapped[str] = mapped_column(String(24))
    label: Mapped[str] = mapped_column(String(500), default="")
    #: The local record's uuid for a same-record conflict (the one it may be the same as).
    local_uuid: Mapped[str | None] = mapped_column(String(36), nullable=True)
    #: [{"field": name, "ours": value, "theirs": value}, ...]
    fields: Mapped[list] = mapped_column(JSON, default=list)
    #: The record as the package carried it, with the files it needs (base64), to apply it later.
    theirs: Mapped[str] = mapped_column(Text, default="")
    detail: Mapped[dict] = mapped_column(JSON, default=dict)  # message id and parameters
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    decision: Mapped[dict | None] = mapped_column(JSON, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)

    __table_args__ = (Index("ix_package_conflicts_uuid_status", "uuid", "status"),)


class LinkedRecord(Base):
    """Another state's record the user decided is the same as one here (the same institution)."""

    __tablename__ = "linked_records"
    their_uuid: Mapped[str] = mapped_column(String(36), primary_key=True)
    local_uuid: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    state_code: Mapped[str | None] = mapped_column(String(2), nullable=True)
    linked_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
