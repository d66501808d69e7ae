"""Writing a data package: the records streamed from one consistent read into a ZIP, a chunk at a time;
files set aside once by checksum; the manifest last, with the checksum of every member, signed.

The file is written beside its destination under a temporary name and renamed when complete, so a
cancelled or failed export leaves no half-written package behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import queue
import tempfile
import threading
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app import __version__
from desktop_app.domain.errors import Cancelled, UserError
from desktop_app.domain.preferences import Options
from desktop_app.domain.progress import NO_PROGRESS, Progress
from desktop_app.exchange import package_format as fmt
from desktop_app.exchange import package_keys
from desktop_app.i18n import _
from desktop_app.services import exchange_identity, package_records
from desktop_app.storage import package_rows
from desktop_app.storage.database import Database
from desktop_app.storage.schema import current_revisions


@dataclass
class ExportSummary:
    path: Path
    counts: dict[str, int] = field(default_factory=dict)
    deleted: int = 0
    files: int = 0
    state: str | None = None
    personal_data: bool = False

    @property
    def records(self) -> int:
        return sum(self.counts.values())


class _Member:
    """A member written as a stream, hashed on the way. Compressing, hashing and writing run on a thread
    of their own (zlib and hashlib let other Python code run meanwhile), so the next records are read
    and encoded while the last ones are written; a few blocks wait at most, so memory stays flat."""

    def __init__(self, archive: zipfile.ZipFile, name: str):
        self.name = name
        self.handle = archive.open(name, "w", force_zip64=True)
        self.digest = hashlib.sha256()
        self.size = 0
        self.error: BaseException | None = None
        self.blocks: queue.Queue[bytes | None] = queue.Queue(maxsize=4)
        self.thread = threading.Thread(target=self._drain, name=f"package {name}", daemon=True)
        self.thread.start()

    def _drain(self) -> None:
        while (data := self.blocks.get()) is not None:
            if self.error is not None:
                continue  # keep taking blocks so the writer never waits for a dead thread
            try:
                self.handle.write(data)
                self.digest.update(data)
            except BaseException as error:  # noqa: BLE001 - raised again on the caller's thread
                self.error = error

    def write(self, data: bytes) -> None:
        if self.error is not None:
            raise self.error
        self.size += len(data)
        self.blocks.put(data)

    def abort(self) -> None:
        """Stop after a failure or a cancel: the thread ends and the member is closed, whatever it holds."""
        self.blocks.put(None)
        self.thread.join()
        with contextlib.suppress(Exception):  # the whole file is removed anyway
            self.handle.close()

    def close(self) -> dict[str, object]:
        self.blocks.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error
        self.handle.close()
        return {"sha256": self.digest.hexdigest(), "size": self.size}


def export_package(db: Database, out: Path, *, options: Options, since: dt.datetime | None = None,
                   personal: bool = False, everything: bool = False, progress: Progress = NO_PROGRESS,
                   key: Ed25519PrivateKey | None = None, made_at: dt.datetime | None = None) -> ExportSummary:
    """Write the package of this database's records to ``out``, signed with this coordinator's key (or
    ``key``: the demonstration signs each state's package with a key of its own), made now (or at
    ``made_at``: the demonstration's late state)."""
    out = Path(out)
    if out.suffix != fmt.SUFFIX:
        out = out.with_name(out.name + fmt.SUFFIX)
    if not out.parent.is_dir():
        raise UserError("The folder {path} does not exist.", path=str(out.parent))
    state = exchange_identity.ensure_identity(db, options.member_state).state_code
    key = key or package_keys.signing_key()
    revision = ",".join(sorted(current_revisions(db.url, db.engine) or ()))
    created = made_at or dt.datetime.now(dt.UTC)
    summary = ExportSummary(out, state=state, personal_data=personal)
    descriptor, temporary = tempfile.mkstemp(prefix=out.name + ".", suffix=".part", dir=out.parent)
    os.close(descriptor)
    try:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED, compresslevel=fmt.COMPRESS_LEVEL) as archive, \
                tempfile.TemporaryDirectory(prefix="cica-package-") as scratch, \
                package_records.export_reader(db, since=since, everything=everything, personal=personal) as reader:
            members = _write_records(archive, reader, Path(scratch), summary, progress)
            manifest = {
                "format": fmt.FORMAT_NAME, "format_version": fmt.FORMAT_VERSION, "schema_revision": revision,
                "app_version": __version__, "sender": {"state": state, "coordinator": options.coordinator},
                "created_at": fmt.utc_text(created),
                "period": {"from": fmt.utc_text(since) if since else None, "to": fmt.utc_text(created)},
                "scope": "all" if everything else "own", "personal_data": personal,
                "personal_columns": _personal_columns(), "counts": summary.counts, "deleted": summary.deleted,
                "members": members,
                "signer": {"public_key": package_keys.public_text(package_keys.public_raw(key)),
                           "fingerprint": package_keys.fingerprint(package_keys.public_raw(key))},
            }
            data = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=2).encode("utf-8")
            archive.writestr(fmt.MANIFEST, data)
            archive.writestr(fmt.SIGNATURE, key.sign(data))
        os.replace(temporary, out)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return summary


def _personal_columns() -> dict[str, list[str]]:
    """Which columns and tables hold personal data: carried only when the package says it holds it."""
    found: dict[str, list[str]] = {}
    for kind in package_rows.kind_order():
        for table in package_rows.layout(kind).tables:
            if table.name in package_rows.personal_tables(kind):
                found[table.name] = ["*"]
            elif package_rows.personal_columns(table.name):
                found[table.name] = sorted(package_rows.personal_columns(table.name))
    return found


def _write_records(archive: zipfile.ZipFile, reader: package_records.ExportReader, scratch: Path,
                   summary: ExportSummary, progress: Progress) -> dict[str, dict[str, object]]:
    members: dict[str, dict[str, object]] = {}
    counts = {kind: reader.count(kind) for kind in reader.kinds}
    total = sum(counts.values()) or 1
    done = 0
    files: set[str] = set()
    for kind in reader.kinds:
        if not counts[kind]:
            continue
        member = _Member(archive, fmt.record_member(kind))
        written = 0
        try:
            for lines, blobs in reader.lines(kind):
                if progress.cancelled:
                    raise Cancelled()
                member.write("".join(package_rows.dumps(line) + "\n" for line in lines).encode("utf-8"))
                for digest, content in blobs.items():
                    if digest not in files:  # a file held by several records is stored once
                        (scratch / digest).write_bytes(content)
                        files.add(digest)
                written += len(lines)
                done += len(lines)
                progress.report(done, total, _("Writing records… {done} of {total}").format(done=done, total=total))
        except BaseException:
            member.abort()
            raise
        members[member.name] = member.close()
        summary.counts[kind] = written
    deleted = _Member(archive, fmt.DELETED)
    for tombstone in reader.tombstones():
        deleted.write((package_rows.dumps(tombstone) + "\n").encode("utf-8"))
        summary.deleted += 1
    members[deleted.name] = deleted.close()
    for digest in sorted(files):
        blob = _Member(archive, fmt.blob_member(digest))
        with (scratch / digest).open("rb") as handle:
            while block := handle.read(2**20):
                blob.write(block)
        members[blob.name] = blob.close()
    summary.files = len(files)
    return members
