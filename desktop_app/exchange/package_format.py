"""The national data package file (``*.cicapkg``), version 1 — see docs/data-package.md.

A ZIP holding ``manifest.json`` (what the package is and the SHA-256 of every other member),
``manifest.sig`` (the Ed25519 signature of the manifest's exact bytes), ``records/<kind>.jsonl`` (one
record per line, sorted by UUID), ``deleted.jsonl`` (the deletions) and ``blobs/<sha256>`` (files,
stored once). Limits guard the reader against hostile files; the numbers are documented with the format.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from desktop_app.domain.errors import UserError
from desktop_app.i18n import N_

FORMAT_NAME = "cica-data-package"
FORMAT_VERSION = 1
SUFFIX = ".cicapkg"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
DELETED = "deleted.jsonl"
RECORDS = "records/"
BLOBS = "blobs/"
MEMBER_NAME = re.compile(r"^(?:manifest\.json|manifest\.sig|deleted\.jsonl|records/[a-z][a-z0-9_]{0,39}\.jsonl"
                         r"|blobs/[0-9a-f]{64})$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
SHA256 = re.compile(r"^[0-9a-f]{64}$")
STATE = re.compile(r"^[A-Z]{2}$")

# Limits of what a reader accepts (a ZIP bomb or a damaged file is refused before it costs anything).
MAX_MEMBERS = 1_000_000
MAX_MEMBER_SIZE = 16 * 2**30  # one member uncompressed
MAX_TOTAL_SIZE = 64 * 2**30  # every member uncompressed
MAX_RATIO = 200  # uncompressed / compressed, for members above RATIO_FLOOR
RATIO_FLOOR = 2**20
MAX_MANIFEST_SIZE = 16 * 2**20
MAX_LINE = 64 * 2**20  # one record's line
COMPRESS_LEVEL = 1  # fast: a package is written as fast as the records are read; ~1.3x the size of level 6


class PackageRefused(UserError):
    """The package cannot be read or trusted; nothing was written."""


def record_member(kind: str) -> str:
    return f"{RECORDS}{kind}.jsonl"


def blob_member(sha256: str) -> str:
    return f"{BLOBS}{sha256}"


def utc_text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def parse_time(text: Any) -> dt.datetime:
    if not isinstance(text, str):
        raise ValueError(text)
    moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def _refuse(problem: str) -> PackageRefused:
    return PackageRefused(N_("The package's description (manifest) is not valid: {problem}."), problem=problem)


def _expect(condition: bool, problem: str) -> None:
    if not condition:
        raise _refuse(problem)


def check_manifest(manifest: Any) -> None:
    """The manifest's shape; each problem refused in one sentence naming the field."""
    _expect(isinstance(manifest, dict), "not a JSON object")
    _expect(manifest.get("format") == FORMAT_NAME, "format")
    version = manifest.get("format_version")
    _expect(isinstance(version, int) and not isinstance(version, bool), "format_version")
    if version != FORMAT_VERSION:
        raise PackageRefused(N_("The package has format version {theirs}; this version of the application reads "
                                "format version {ours}."), theirs=version, ours=FORMAT_VERSION)
    for key in ("schema_revision", "app_version"):
        _expect(isinstance(manifest.get(key), str) and manifest[key] != "", key)
    sender = manifest.get("sender")
    _expect(isinstance(sender, dict), "sender")
    state = sender.get("state")
    _expect(state is None or (isinstance(state, str) and bool(STATE.match(state))), "sender.state")
    _expect(isinstance(sender.get("coordinator", ""), str), "sender.coordinator")
    try:
        parse_time(manifest.get("created_at"))
    except ValueError:
        raise _refuse("created_at") from None
    period = manifest.get("period")
    _expect(isinstance(period, dict) and all(v is None or isinstance(v, str) for v in period.values()), "period")
    _expect(manifest.get("scope") in ("own", "all"), "scope")
    _expect(isinstance(manifest.get("personal_data"), bool), "personal_data")
    counts = manifest.get("counts")
    _expect(isinstance(counts, dict) and all(
        isinstance(k, str) and isinstance(v, int) and not isinstance(v, bool) and v >= 0 for k, v in counts.items()),
        "counts")
    _expect(isinstance(manifest.get("deleted"), int) and manifest["deleted"] >= 0, "deleted")
    members = manifest.get("members")
    _expect(isinstance(members, dict), "members")
    for name, entry in members.items():
        _expect(isinstance(name, str) and bool(MEMBER_NAME.match(name)) and name not in (MANIFEST, SIGNATURE),
                "members")
        _expect(isinstance(entry, dict) and isinstance(entry.get("sha256"), str)
                and bool(SHA256.match(entry["sha256"])) and isinstance(entry.get("size"), int), "members")
    signer = manifest.get("signer")
    _expect(isinstance(signer, dict) and isinstance(signer.get("public_key"), str)
            and isinstance(signer.get("fingerprint"), str), "signer")
