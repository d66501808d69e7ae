"""Packages that must not be read: one byte changed, signed by another key, a ``..`` path, a newer
schema, cut short, a ZIP bomb, a malformed record line — each refused in one sentence, and the
receiving database is byte for byte what it was. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
import zipfile

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from desktop_app.exchange import package_import, package_writer
from desktop_app.exchange.package_format import PackageRefused
from desktop_app.services import exchange_identity
from tests.exchange.package_helpers import (
    IR,
    KZ,
    another_database,
    load_demo_with_files,
    members,
    resigned,
    snapshot_state,
    write_members,
)


@pytest.fixture
def setting(db, request, tmp_path):
    """A's package, and B (Iran), which already received a package from A and trusts A's key."""
    load_demo_with_files(db, "KZ")
    package = package_writer.export_package(db, tmp_path / "kz.cicapkg", options=KZ, personal=True).path
    b = another_database(request, db)
    exchange_identity.ensure_identity(b, "IR")
    package_import.import_package(b, package, options=IR, trust_key=True)
    return package, b


def _one_byte_changed(package, tmp_path):
    data = bytearray(package.read_bytes())
    with zipfile.ZipFile(package) as archive:
        info = archive.getinfo("records/recognition_case.jsonl")
    data[info.header_offset + 30 + len(info.filename) + info.compress_size // 2] ^= 0x01
    target = tmp_path / "one-byte.cicapkg"
    target.write_bytes(bytes(data))
    return target


def _signed_by_another_key(package, tmp_path):
    content = members(package)
    content["manifest.sig"] = Ed25519PrivateKey.generate().sign(content["manifest.json"])
    return write_members(tmp_path / "other-key.cicapkg", content)


def _dot_dot_path(package, tmp_path):
    content = members(package)
    content["../../evil.sh"] = b"rm -rf ~\n"
    return write_members(tmp_path / "dotdot.cicapkg", content)


def _newer_schema(package, tmp_path):
    def newer(manifest):
        manifest["schema_revision"] = "9999"

    return write_members(tmp_path / "newer.cicapkg", resigned(members(package), newer))


def _truncated(package, tmp_path):
    data = package.read_bytes()
    target = tmp_path / "truncated.cicapkg"
    target.write_bytes(data[: len(data) * 2 // 3])
    return target


def _zip_bomb(package, tmp_path):
    content = members(package)
    target = tmp_path / "bomb.cicapkg"
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, data in content.items():
            archive.writestr(name, data)
        with archive.open("blobs/" + "0" * 64, "w", force_zip64=True) as handle:
            block = bytes(2**20)
            for _ in range(64):
                handle.write(block)
    return target


def _malformed_line(package, tmp_path):
    content = members(package)
    lines = content["records/university.jsonl"].decode().splitlines()
    lines[3] = lines[3][:40]
    content["records/university.jsonl"] = ("\n".join(lines) + "\n").encode()
    return write_members(tmp_path / "malformed.cicapkg", resigned(content))


HOSTILE = {
    "one byte changed": (_one_byte_changed, ("damaged", "checksum", "CRC")),
    "signed by another key": (_signed_by_another_key, ("signature does not match",)),
    "a .. path": (_dot_dot_path, ("unsafe path (../../evil.sh)",)),
    "a newer schema": (_newer_schema, ("schema 9999", "this version has schema 0008")),
    "cut short": (_truncated, ("not a complete package",)),
    "a ZIP bomb": (_zip_bomb, ("ZIP bomb",)),
    "a malformed line": (_malformed_line, ("line 4 of records/university.jsonl is not valid JSON",)),
}


@pytest.mark.parametrize("hostile", sorted(HOSTILE))
def test_hostile_package_is_refused_in_one_sentence_and_nothing_changes(setting, tmp_path, hostile):
    package, b = setting
    make, expected = HOSTILE[hostile]
    bad = make(package, tmp_path)
    before = snapshot_state(b)
    for dry_run in (True, False):
        with pytest.raises(PackageRefused) as refused:
            package_import.import_package(b, bad, options=IR, trust_key=True, dry_run=dry_run)
        text = refused.value.text
        assert "\n" not in text and "Traceback" not in text and text.endswith(".")
        assert any(part in text for part in expected), text
    assert snapshot_state(b) == before


def test_inspect_says_how_the_package_is_signed(setting, tmp_path):
    package, b = setting
    assert package_import.inspect_package(b, package).signature == "valid"
    other = package_import.inspect_package(None, package)  # no database: no key is trusted
    assert other.signature == "unknown-key" and other.as_json()["counts"] == json.loads(
        members(package)["manifest.json"])["counts"]
    content = members(package)
    del content["manifest.sig"]
    unsigned = write_members(tmp_path / "unsigned.cicapkg", content)
    assert package_import.inspect_package(b, unsigned).signature == "missing"
    assert package_import.inspect_package(b, _signed_by_another_key(package, tmp_path)).signature == "invalid"
    with pytest.raises(PackageRefused, match="not signed"):
        package_import.import_package(b, unsigned, options=IR, trust_key=True)


def test_an_unknown_or_changed_key_is_trusted_only_when_the_user_says_so(setting, tmp_path, request, db):
    package, b = setting
    c = another_database(request, db)
    exchange_identity.ensure_identity(c, "TR")
    before = snapshot_state(c)
    with pytest.raises(package_import.UntrustedKey) as unknown:
        package_import.import_package(c, package, options=IR)
    assert unknown.value.fingerprint in unknown.value.text and not unknown.value.changed
    assert snapshot_state(c) == before

    # A's coordinator moves to a new key: B, who trusts the old one, refuses until it accepts the new one.
    def new_key(manifest):
        manifest["signer"]["public_key"] = public
        manifest["signer"]["fingerprint"] = fingerprint

    from desktop_app.exchange import package_keys

    key = Ed25519PrivateKey.generate()
    public = package_keys.public_text(package_keys.public_raw(key))
    fingerprint = package_keys.fingerprint(package_keys.public_raw(key))
    content = resigned(members(package), new_key)
    content["manifest.sig"] = key.sign(content["manifest.json"])
    moved = write_members(tmp_path / "moved.cicapkg", content)
    before = snapshot_state(b)
    with pytest.raises(package_import.UntrustedKey) as changed:
        package_import.import_package(b, moved, options=IR)
    assert changed.value.changed and "different key" in changed.value.text
    assert snapshot_state(b) == before
    package_import.import_package(b, moved, options=IR, trust_key=True)
    from desktop_app.services import package_ledger

    assert package_ledger.trusted_key(b, "KZ").fingerprint == fingerprint
