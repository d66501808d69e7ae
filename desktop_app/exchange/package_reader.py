"""Reading a data package safely: every check that can be made before anything is written is made
when the file is opened, and the records are then read as a stream (never the whole file in memory).

Checks, in order, each refused in one sentence (``PackageRefused``): the file is a complete ZIP; its
member count is within the limit (read from the end of the file before the directory is parsed); every
member has a plain name of the format (no absolute path, no ``..``, no backslash, no directory, no
symbolic link, no duplicate, no encryption, stored or deflated only), a size within the limits and a
compression ratio no ZIP bomb has; the manifest is there and valid; its signature verifies with the key
it names; the schema revision is one this version knows; every member is listed with its SHA-256 and
every listed member is there with exactly those bytes. A malformed record line is refused when it is
read, naming the file and the line (the import is one transaction, so nothing stays written).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from desktop_app.exchange import package_format as fmt
from desktop_app.exchange import package_keys
from desktop_app.exchange.package_format import PackageRefused
from desktop_app.i18n import N_
from desktop_app.storage import package_rows, snapshot_schema

_READ = 2**20


def _member_count(path: Path) -> int:
    """The number of members the ZIP's end record declares, read without parsing its directory."""
    with path.open("rb") as handle:
        handle.seek(0, io.SEEK_END)
        size = handle.tell()
        tail_size = min(size, 65_536 + 22)
        handle.seek(size - tail_size)
        tail = handle.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        raise PackageRefused(N_("The file {name} is not a complete package (damaged or cut short)."), name=path.name)
    count = struct.unpack("<H", tail[at + 10:at + 12])[0]
    if count == 0xFFFF:  # ZIP64: the real count is in the ZIP64 end record
        locator = tail.rfind(b"PK\x06\x06")
        if locator >= 0 and len(tail) - locator >= 40:
            count = struct.unpack("<Q", tail[locator + 32:locator + 40])[0]
    return count


def _check_member(info: zipfile.ZipInfo, seen: set[str]) -> None:
    name = info.filename
    parts = name.replace("\\", "/").split("/")
    if name.startswith(("/", "\\")) or "\\" in name or ".." in parts or ":" in name or name.endswith("/"):
        raise PackageRefused(N_("The package holds a file with an unsafe path ({name}); it was not read."), name=name)
    if stat.S_ISLNK(info.external_attr >> 16):
        raise PackageRefused(N_("The package holds a symbolic link ({name}); it was not read."), name=name)
    if not fmt.MEMBER_NAME.match(name):
        raise PackageRefused(N_("The package holds a file that does not belong in a data package ({name})."), name=name)
    if name in seen:
        raise PackageRefused(N_("The package holds {name} twice."), name=name)
    seen.add(name)
    if info.flag_bits & 0x1:
        raise PackageRefused(N_("The package holds an encrypted file ({name}); packages are never encrypted."),
                             name=name)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise PackageRefused(N_("The package holds {name} compressed in a way packages never are."), name=name)
    if info.file_size > fmt.MAX_MEMBER_SIZE:
        raise PackageRefused(N_("The package holds a file larger than packages may hold ({name})."), name=name)
    if info.file_size > fmt.RATIO_FLOOR and info.file_size > fmt.MAX_RATIO * max(info.compress_size, 1):
        raise PackageRefused(N_("The package holds a file that would unpack to {ratio} times its size ({name}): "
                                "such files are refused, as a ZIP bomb would be."),
                             name=name, ratio=info.file_size // max(info.compress_size, 1))


class _Blobs(Mapping[str, bytes]):
    """Files of the package by SHA-256, read from the ZIP when asked for."""

    def __init__(self, archive: zipfile.ZipFile, names: set[str]):
        self.archive = archive
        self.names = {name[len(fmt.BLOBS):] for name in names if name.startswith(fmt.BLOBS)}

    def __getitem__(self, key: str) -> bytes:
        if key not in self.names:
            raise KeyError(key)
        return self.archive.read(fmt.blob_member(key))

    def __iter__(self):
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)

    def __contains__(self, key: object) -> bool:
        return key in self.names


class PackageFile:
    """An opened, checked package; a ``PackageSource`` for the merge."""

    def __init__(self, path: Path, *, known_revisions: set[str] | None = None, current: str = ""):
        self.path = Path(path)
        try:
            if not self.path.is_file():
                raise PackageRefused(N_("The file {name} does not exist."), name=str(self.path))
            if _member_count(self.path) > fmt.MAX_MEMBERS:
                raise PackageRefused(N_("The package holds more files than a package may hold ({limit})."),
                                     limit=fmt.MAX_MEMBERS)
            self.archive = zipfile.ZipFile(self.path)
        except (zipfile.BadZipFile, zlib.error, EOFError, struct.error, OSError) as error:
            raise PackageRefused(N_("The file {name} is not a complete package (damaged or cut short)."),
                                 name=self.path.name) from error
        try:
            self._check(known_revisions, current)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
            self.archive.close()
            raise PackageRefused(N_("The file {name} is damaged: part of it cannot be read."),
                                 name=self.path.name) from error
        except BaseException:
            self.archive.close()
            raise

    # --- checks ------------------------------------------------------------------------------------------
    def _check(self, known_revisions: set[str] | None, current: str) -> None:
        infos = self.archive.infolist()
        if len(infos) > fmt.MAX_MEMBERS:
            raise PackageRefused(N_("The package holds more files than a package may hold ({limit})."),
                                 limit=fmt.MAX_MEMBERS)
        seen: set[str] = set()
        total = 0
        for info in infos:
            _check_member(info, seen)
            total += info.file_size
        if total > fmt.MAX_TOTAL_SIZE:
            raise PackageRefused(N_("The package would unpack to more than packages may hold."))
        if fmt.MANIFEST not in seen:
            raise PackageRefused(N_("The file {name} is not a data package: it has no manifest."), name=self.path.name)
        if self.archive.getinfo(fmt.MANIFEST).file_size > fmt.MAX_MANIFEST_SIZE:
            raise PackageRefused(N_("The package's manifest is larger than a manifest may be."))
        self.manifest_bytes = self.archive.read(fmt.MANIFEST)
        try:
            manifest = json.loads(self.manifest_bytes.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            raise PackageRefused(N_("The package's manifest is not valid JSON ({detail})."),
                                 detail=str(error)) from error
        fmt.check_manifest(manifest)
        self.manifest: dict[str, Any] = manifest
        self.signature: bytes | None = self.archive.read(fmt.SIGNATURE) if fmt.SIGNATURE in seen else None
        self.signature_valid = self.signature is not None and package_keys.verify(
            manifest["signer"]["public_key"], self.signature, self.manifest_bytes)
        revision = manifest["schema_revision"]
        if known_revisions is not None and not set(revision.split(",")) <= known_revisions:
            raise PackageRefused(N_("The package was written by a newer version of the application (database "
                                    "schema {theirs}); this version has schema {ours}. Install the newer version "
                                    "to import it."), theirs=revision, ours=current)
        listed = set(manifest["members"])
        present = seen - {fmt.MANIFEST, fmt.SIGNATURE}
        if listed != present:
            name = sorted(listed ^ present)[0]
            raise PackageRefused(N_("The package does not match its manifest: {name} is missing or not listed."),
                                 name=name)
        unknown = sorted(set(manifest["counts"]) - set(snapshot_schema.KINDS))
        if unknown:
            raise PackageRefused(N_("The package holds records of a kind this version does not know ({kind})."),
                                 kind=unknown[0])
        for name, entry in sorted(manifest["members"].items()):
            self._verify(name, entry)
        self.names = present
        self.blobs = _Blobs(self.archive, present)

    def _verify(self, name: str, entry: dict[str, Any]) -> None:
        digest = hashlib.sha256()
        size = 0
        with self.archive.open(name) as handle:
            while block := handle.read(_READ):
                digest.update(block)
                size += len(block)
        if digest.hexdigest() != entry["sha256"] or size != entry["size"] or (
                name.startswith(fmt.BLOBS) and name[len(fmt.BLOBS):] != entry["sha256"]):
            raise PackageRefused(N_("The package was changed after it was made: {name} does not match its checksum."),
                                 name=name)

    # --- what it says ------------------------------------------------------------------------------------
    @property
    def sender(self) -> str | None:
        return self.manifest["sender"].get("state")

    @property
    def created_at(self) -> dt.datetime:
        return fmt.parse_time(self.manifest["created_at"])

    @property
    def personal_data(self) -> bool:
        return self.manifest["personal_data"]

    @property
    def counts(self) -> dict[str, int]:
        return dict(self.manifest["counts"])

    @property
    def kinds(self) -> list[str]:
        return [kind for kind in self.manifest["counts"] if fmt.record_member(kind) in self.names]

    @property
    def fingerprint(self) -> str:
        return self.manifest["signer"]["fingerprint"]

    @property
    def public_key(self) -> str:
        return self.manifest["signer"]["public_key"]

    def file_sha256(self) -> str:
        digest = hashlib.sha256()
        with self.path.open("rb") as handle:
            while block := handle.read(_READ):
                digest.update(block)
        return digest.hexdigest()

    def ledger_values(self) -> dict[str, Any]:
        manifest = self.manifest
        return {"state_code": self.sender, "coordinator": manifest["sender"].get("coordinator", "")[:300],
                "created_at": self.created_at, "period_from": manifest["period"].get("from"),
                "period_to": manifest["period"].get("to"), "format_version": manifest["format_version"],
                "schema_revision": manifest["schema_revision"], "app_version": manifest["app_version"][:40],
                "signer_fingerprint": self.fingerprint[:100], "personal_data": self.personal_data,
                "counts": self.counts, "file_name": self.path.name[:500], "file_sha256": self.file_sha256()}

    # --- records, streamed ---------------------------------------------------------------------------------
    def _json_lines(self, member: str) -> Iterator[tuple[int, Any]]:
        with self.archive.open(member) as raw:
            number = 0
            while data := raw.readline(fmt.MAX_LINE + 1):
                number += 1
                if len(data) > fmt.MAX_LINE:
                    raise PackageRefused(N_("The line {line} of {member} is longer than a record may be."),
                                         line=number, member=member)
                if not data.strip():
                    continue
                try:
                    yield number, json.loads(data)
                except ValueError as error:
                    raise PackageRefused(N_("The line {line} of {member} is not valid JSON ({detail})."),
                                         line=number, member=member, detail=str(error)) from error

    def lines(self, kind: str) -> Iterator[dict[str, Any]]:
        member = fmt.record_member(kind)
        previous = ""
        for number, line in self._json_lines(member):
            _check_line(kind, line, member, number)
            if line["uuid"] <= previous:
                raise PackageRefused(N_("The records of {member} are not in order, or one is there twice "
                                        "(line {line})."), member=member, line=number)
            previous = line["uuid"]
            yield line

    def tombstones(self) -> Iterator[dict[str, Any]]:
        if fmt.DELETED not in self.names:
            return
        for number, entry in self._json_lines(fmt.DELETED):
            owner = entry.get("owner") if isinstance(entry, dict) else None
            ok = (isinstance(entry, dict) and entry.get("kind") in snapshot_schema.KINDS
                  and isinstance(entry.get("uuid"), str) and bool(fmt.UUID.match(entry["uuid"]))
                  and (owner is None or (isinstance(owner, str) and bool(fmt.STATE.match(owner)))))
            try:
                fmt.parse_time(entry.get("deleted_at") if isinstance(entry, dict) else None)
            except ValueError:
                ok = False
            if not ok:
                raise PackageRefused(N_("The line {line} of {member} is not a valid deletion."), line=number,
                                     member=fmt.DELETED)
            yield entry

    def close(self) -> None:
        self.archive.close()

    def __enter__(self) -> PackageFile:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()


def _check_line(kind: str, line: Any, member: str, number: int) -> None:
    shape = package_rows.layout(kind)

    def refuse(problem: str) -> PackageRefused:
        return PackageRefused(N_("The line {line} of {member} is not a valid record: {problem}."), line=number,
                              member=member, problem=problem)

    if not isinstance(line, dict) or line.get("kind") != kind:
        raise refuse("kind")
    if not isinstance(line.get("uuid"), str) or not fmt.UUID.match(line["uuid"]):
        raise refuse("uuid")
    rows = line.get("rows")
    if not isinstance(rows, dict) or not set(rows) <= shape.names:
        raise refuse("rows")
    for name, table_rows in rows.items():
        if not isinstance(table_rows, list) or not all(isinstance(row, dict) for row in table_rows):
            raise refuse(name)
    root_rows = rows.get(shape.root.name)
    if not root_rows or len(root_rows) != 1 or root_rows[0].get("uuid") != line["uuid"]:
        raise refuse(shape.root.name)
    documents = line.get("documents", [])
    if not isinstance(documents, list) or not all(isinstance(d, dict) for d in documents) or (
            documents and not shape.documents):
        raise refuse("documents")
