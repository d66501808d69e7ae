"""Inspecting and importing a data package: the same calls for the GUI and the command line.

The signature decides whether a package is read at all: a package must be signed, its signature must
verify, and its key must be the one trusted for the sending state — or the user says, having compared
the fingerprint with the sender, that it is to be trusted (the first package of a state, or a state
whose coordinator moved to a new key). Before an import is applied, a copy of the database is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop_app.domain.preferences import Options
from desktop_app.domain.progress import NO_PROGRESS, Progress
from desktop_app.exchange import package_keys
from desktop_app.exchange.package_format import PackageRefused
from desktop_app.exchange.package_reader import PackageFile
from desktop_app.i18n import N_
from desktop_app.services import exchange_identity, package_ledger, package_merge
from desktop_app.services.package_fields import StateName
from desktop_app.storage.database import Database
from desktop_app.storage.schema import head_revisions, known_revisions

VALID, UNKNOWN_KEY, INVALID, MISSING = "valid", "unknown-key", "invalid", "missing"
DEFAULT_BACKUPS_KEPT = 10


class UntrustedKey(PackageRefused):
    """Signed with a key not (or no longer) trusted for the state: the user may decide to trust it."""

    def __init__(self, message: str, *, state: str | None, fingerprint: str, changed: bool, **params):
        super().__init__(message, state=StateName(state), fingerprint=fingerprint, **params)
        self.state = state
        self.fingerprint = fingerprint
        self.changed = changed


@dataclass(frozen=True)
class Inspection:
    path: Path
    manifest: dict[str, Any]
    signature: str  # valid | unknown-key | invalid | missing
    fingerprint: str
    trusted_fingerprint: str | None

    @property
    def counts(self) -> dict[str, int]:
        return dict(self.manifest["counts"])

    @property
    def sender(self) -> str | None:
        return self.manifest["sender"].get("state")

    @property
    def key_changed(self) -> bool:
        return self.trusted_fingerprint is not None and self.trusted_fingerprint != self.fingerprint

    def as_json(self) -> dict[str, Any]:
        return {"manifest": self.manifest, "counts": self.counts, "signature": self.signature}


def open_package(path: Path) -> PackageFile:
    """Open and check a package (everything but trust); refused in one sentence when it fails a check."""
    heads = head_revisions()
    return PackageFile(Path(path), known_revisions=known_revisions(), current=",".join(sorted(heads)))


def _signature(package: PackageFile, db: Database | None) -> tuple[str, str | None]:
    if package.signature is None:
        return MISSING, None
    if not package.signature_valid:
        return INVALID, None
    trusted = package_ledger.trusted_key(db, package.sender) if db is not None else None
    if trusted is not None and trusted.fingerprint == package.fingerprint:
        return VALID, trusted.fingerprint
    if trusted is None and db is not None and _own_key(db, package):
        return VALID, package.fingerprint
    return UNKNOWN_KEY, trusted.fingerprint if trusted else None


def _own_key(db: Database, package: PackageFile) -> bool:
    """A package this coordinator signed, for this database's own state (a copy moved to another computer)."""
    if not package_keys.key_path().exists():
        return False
    own = exchange_identity.identity(db).state_code
    return package.sender == own and package.fingerprint == package_keys.own_fingerprint()


def inspect_package(db: Database | None, path: Path) -> Inspection:
    with open_package(path) as package:
        status, trusted = _signature(package, db)
        return Inspection(Path(path), package.manifest, status, package.fingerprint, trusted)


def import_package(db: Database, path: Path, *, options: Options, dry_run: bool = False, trust_key: bool = False,
                   apply_deletions: bool = True, backups_kept: int = DEFAULT_BACKUPS_KEPT,
                   progress: Progress = NO_PROGRESS, link_certain: bool | None = None) -> package_merge.MergeResult:
    """Check, compare and (unless ``dry_run``) apply a package in one transaction.

    ``link_certain``: link a university to the one here with the same ROR id (of another state) without
    asking. By default a database that keeps no member state's records — the working group's, which
    gathers every state's packages — does; a national database asks, as for any other match."""
    with open_package(path) as package:
        status, trusted = _signature(package, db)
        if status == MISSING:
            raise PackageRefused(N_("The package is not signed, so where it comes from cannot be known. It was "
                                    "not imported."))
        if status == INVALID:
            raise PackageRefused(N_("The package's signature does not match its contents: it was changed after "
                                    "it was signed, or signed with another key than the one it names. It was not "
                                    "imported."))
        trust = None
        if status == UNKNOWN_KEY:
            if not trust_key:
                if trusted is not None:
                    raise UntrustedKey(
                        N_("The package from {state} is signed with a different key ({fingerprint}) than the one "
                           "trusted so far ({previous}). It was not imported; accept the new key only if the "
                           "coordinator confirms it."), state=package.sender, fingerprint=package.fingerprint,
                        changed=True, previous=trusted)
                raise UntrustedKey(
                    N_("The package from {state} is signed with a key not trusted yet (fingerprint {fingerprint}). "
                       "Compare the fingerprint with the coordinator by phone or letter, then trust it to import the "
                       "package."), state=package.sender, fingerprint=package.fingerprint, changed=False)
            trust = package_merge.Trust(package.sender, package.fingerprint, package.public_key, explicitly=True)
        if not dry_run:
            exchange_identity.ensure_identity(db, options.member_state)
            from desktop_app.services.database_admin import automatic_backup

            automatic_backup(db, backups_kept, min_interval_hours=0)
        if link_certain is None:
            link_certain = exchange_identity.identity(db).state_code is None and not options.member_state
        return package_merge.merge(db, package, apply=not dry_run, apply_deletions=apply_deletions, trust=trust,
                                   progress=progress, link_certain=link_certain)
